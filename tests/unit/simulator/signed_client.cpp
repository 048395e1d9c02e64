#include "tests/unit/simulator/signed_client.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>

#include "api/tencent/tc3_signer.h"

namespace cloudssl::sim::test {

std::string Reply::code() const {
  if (http_status != 200 || !json.contains("Response")) return "(http)";
  const auto& r = json.at("Response");
  return r.contains("Error") ? r["Error"].value("Code", "") : "";
}

Reply SignedClient::call(const std::string& action, const nlohmann::json& body,
                         const SendOptions& o) const {
  namespace tc3 = cloudssl::api::tencent::tc3;
  const std::string payload = body.is_null() ? "{}" : body.dump();
  const std::int64_t ts = o.timestamp != 0
                              ? o.timestamp
                              : std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count();
  const std::string host = o.host.empty() ? host_ + ":" + std::to_string(port_) : o.host;
  tc3::CanonicalInput in;
  in.headers = {{"content-type", o.content_type},
                {"host", o.signed_host.empty() ? host : o.signed_host},
                {"x-tc-action", action}};
  in.payload = payload;
  const auto signed_ = tc3::sign(in, o.secret_id, o.secret_key, ts, o.service);

  httplib::Headers headers = {{"Host", host},
                              {"X-TC-Action", action},
                              {"X-TC-Version", o.version},
                              {"X-TC-Timestamp", std::to_string(ts)}};
  if (!o.omit_authorization) headers.emplace("Authorization", signed_.authorization);
  if (!o.region.empty()) headers.emplace("X-TC-Region", o.region);
  if (!o.token.empty()) headers.emplace("X-TC-Token", o.token);
  httplib::Client client(host_, port_);
  client.set_read_timeout(30, 0);
  const std::string sent = o.body_after_signing.empty() ? payload : o.body_after_signing;
  auto res = client.Post("/", headers, sent, o.content_type.c_str());
  Reply reply;
  if (!res) return reply;
  reply.http_status = res->status;
  if (res->status == 200) reply.json = nlohmann::json::parse(res->body);
  return reply;
}

nlohmann::json SignedClient::ok(const std::string& action, const nlohmann::json& body,
                                const SendOptions& options) const {
  Reply r = call(action, body, options);
  EXPECT_TRUE(r.ok()) << action << " failed: " << r.json.dump();
  if (!r.ok()) return nlohmann::json::object();
  return r.response();
}

}  // namespace cloudssl::sim::test
