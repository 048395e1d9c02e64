// A minimal SSL API client for simulator tests: signs with the shared TC3 signer, sends over
// cpp-httplib, and returns the parsed envelope. Lets tests tamper with every part of a request.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace cloudssl::sim::test {

struct SendOptions {
  std::string secret_id = "AKIDCLOUDSSLSIMULATOR";
  std::string secret_key = "cloudssl-sim-secret-key";
  std::string version = "2019-12-05";
  std::string service = "ssl";  // the credential scope's service ("tag" for the Tag API)
  std::string region;
  std::string token;
  std::int64_t timestamp = 0;  // 0 = now
  std::string host;            // "" = the address connected to
  std::string signed_host;     // "" = sign `host`; else sign this value but send `host`
  std::string content_type = "application/json; charset=utf-8";
  bool omit_authorization = false;
  std::string body_after_signing;  // non-empty: send this body instead of the signed one
};

struct Reply {
  int http_status = 0;  // 0 = no HTTP answer (connection dropped)
  nlohmann::json json;  // the whole envelope
  const nlohmann::json& response() const { return json.at("Response"); }
  bool ok() const { return http_status == 200 && !json.at("Response").contains("Error"); }
  std::string code() const;  // "" when ok
};

class SignedClient {
 public:
  SignedClient(std::string host, int port) : host_(std::move(host)), port_(port) {}
  Reply call(const std::string& action, const nlohmann::json& body,
             const SendOptions& options = {}) const;
  // Like call() but fails the current test unless the answer is a success.
  nlohmann::json ok(const std::string& action, const nlohmann::json& body,
                    const SendOptions& options = {}) const;

 private:
  std::string host_;
  int port_;
};

}  // namespace cloudssl::sim::test
