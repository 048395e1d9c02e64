// HTTPS GET and POST over libcurl with connection reuse: a pool of easy handles (each keeps its own
// keep-alive connections) that threads borrow one at a time, plus a share of DNS and TLS
// sessions. Proxies come from the usual environment variables (libcurl's default), CAs from
// the system bundle or a given file. Transport failures are thrown as TransportError with a
// kind the retry policy can classify; HTTP statuses are returned, not judged.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "provider/util/cancellation.h"

namespace cloudssl::api {

struct CurlLibrary;

enum class HttpMethod { Get, Post };

struct HttpRequest {
  HttpMethod method = HttpMethod::Post;
  std::string url;                                           // a GET's query string included
  std::vector<std::pair<std::string, std::string>> headers;  // sent exactly as given
  std::string body;                                          // POST only
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(10);
  std::chrono::milliseconds total_timeout = std::chrono::seconds(60);
  // On a connection of its own, never a kept one: libcurl writes a request again by itself when
  // a kept connection turns out dead after the write, which a call that must not land twice
  // (CallOptions::send_once, find_landed) must not allow.
  bool fresh_connection = false;
};

struct HttpResponse {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names; the last value wins
};

class TransportError : public std::runtime_error {
 public:
  enum class Kind {
    Timeout,          // connect or total timeout
    ConnectFailed,    // refused / unreachable
    ConnectionReset,  // dropped mid-exchange, empty reply, send/receive failure
    Resolve,          // DNS
    Tls,              // certificate or handshake problem
    Cancelled,        // the cancellation token fired during the exchange
    Other,
  };
  TransportError(Kind kind, std::string detail, bool request_written = false)
      : std::runtime_error(std::move(detail)), kind_(kind), request_written_(request_written) {}
  Kind kind() const { return kind_; }
  // Whether libcurl began writing the request (its pre-request callback ran, or with a libcurl
  // before 7.80 its pre-transfer time was taken, or CURLINFO_REQUEST_SIZE counts bytes),
  // whatever failed after, however little of it left: a
  // request written to a reused connection found dead makes libcurl reconnect by itself, so a
  // failed connect does not prove that nothing was sent.
  bool request_written() const { return request_written_; }
  // "Transport.Timeout" etc.: the code api_error.h's classify_generic knows.
  std::string code() const;

 private:
  Kind kind_;
  bool request_written_;
};

class HttpClient {
 public:
  // `curl`: the libcurl to use, by default the process's (curl_library(), loaded on the first
  // exchange). Tests pass a copy with a capability off to run the older libcurls' path.
  explicit HttpClient(std::string ca_file = {}, const CurlLibrary* curl = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Thread-safe. Throws TransportError; cancellation aborts the exchange within ~100 ms.
  HttpResponse send(const HttpRequest& request, const CancellationToken& cancel = {});

  // Connections opened so far (for tests of keep-alive reuse).
  long connections_opened() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cloudssl::api
