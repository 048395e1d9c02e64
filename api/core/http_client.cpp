// HttpClient over libcurl, which curl_library() opens on the first exchange (never at start-up).
#include "api/core/http_client.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>

#include "api/core/curl_library.h"
#include "provider/util/ascii.h"

namespace cloudssl::api {
namespace {

// How often a waiting exchange looks at its cancellation token.
constexpr int kCancelCheckMs = 100;

// One borrowed connection context. The easy handle stays attached to its own multi handle,
// whose connection cache keeps connections alive between requests.
struct Handle {
  const CurlLibrary& curl;
  CURL* easy = nullptr;
  CURLM* multi = nullptr;
  explicit Handle(const CurlLibrary& lib) : curl(lib) {}
  ~Handle() {
    if (multi) curl.multi_cleanup(multi);
    if (easy) curl.easy_cleanup(easy);
  }
};

struct SlistDeleter {
  const CurlLibrary* curl;
  void operator()(curl_slist* list) const { curl->slist_free_all(list); }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t write_header(char* data, size_t size, size_t count, void* user) {
  auto& headers = *static_cast<std::map<std::string, std::string>*>(user);
  const std::string_view line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    headers.clear();  // a new response (after 100 Continue, for instance)
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    headers[ascii_lower(trim(line.substr(0, colon)))] = std::string(trim(line.substr(colon + 1)));
  }
  return size * count;
}

// CURLOPT_PREREQFUNCTION: libcurl calls it once the connection (TLS handshake included) is
// ready, right before it writes the request, in the same step as that first write.
int request_starting(void* started, char*, char*, int, int) {
  *static_cast<bool*>(started) = true;
  return CURL_PREREQFUNC_OK;
}

TransportError::Kind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::Kind::Timeout;
    case CURLE_COULDNT_CONNECT:
      return TransportError::Kind::ConnectFailed;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportError::Kind::ConnectionReset;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportError::Kind::Resolve;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
      return TransportError::Kind::Tls;
    case CURLE_ABORTED_BY_CALLBACK:
      return TransportError::Kind::Cancelled;
    default:
      return TransportError::Kind::Other;
  }
}

}  // namespace

std::string TransportError::code() const {
  switch (kind_) {
    case Kind::Timeout:
      return "Transport.Timeout";
    case Kind::ConnectFailed:
      return "Transport.ConnectFailed";
    case Kind::ConnectionReset:
      return "Transport.ConnectionReset";
    case Kind::Resolve:
      return "Transport.ResolveFailed";
    case Kind::Tls:
      return "Transport.TlsError";
    case Kind::Cancelled:
      return "Cancelled";
    case Kind::Other:
      break;
  }
  return "Transport.Error";
}

struct HttpClient::Impl {
  std::string ca_file;
  const CurlLibrary* given = nullptr;  // the constructor's, else curl_library()
  // Set by the first exchange (libcurl is not loaded before), with the share made then.
  std::mutex init_mutex;
  const CurlLibrary* curl = nullptr;
  CURLSH* share = nullptr;
  // One mutex per kind of shared data, as libcurl's share locking callbacks expect.
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks;
  std::mutex pool_mutex;
  std::vector<std::unique_ptr<Handle>> idle;
  std::atomic<long> connections{0};

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Impl*>(user)->share_locks[data].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<Impl*>(user)->share_locks[data].unlock();
  }

  // libcurl and the share, loaded and made on first use. Throws TransportError when libcurl
  // cannot be loaded (the message says how to install it).
  const CurlLibrary& ready() {
    std::lock_guard guard(init_mutex);
    if (curl) return *curl;
    try {
      curl = given ? given : &curl_library();
    } catch (const CurlUnavailable& e) {
      throw TransportError(TransportError::Kind::Other, e.what());
    }
    share = curl->share_init();
    if (share) {
      curl->share_setopt(share, CURLSHOPT_LOCKFUNC, &Impl::lock);
      curl->share_setopt(share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock);
      curl->share_setopt(share, CURLSHOPT_USERDATA, this);
      curl->share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
      curl->share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }
    return *curl;
  }

  std::unique_ptr<Handle> borrow(const CurlLibrary& lib) {
    {
      std::lock_guard lock(pool_mutex);
      if (!idle.empty()) {
        auto handle = std::move(idle.back());
        idle.pop_back();
        return handle;
      }
    }
    auto handle = std::make_unique<Handle>(lib);
    handle->easy = lib.easy_init();
    handle->multi = lib.multi_init();
    if (!handle->easy || !handle->multi) {
      throw TransportError(TransportError::Kind::Other, "libcurl initialisation failed");
    }
    return handle;
  }

  void give_back(std::unique_ptr<Handle> handle) {
    std::lock_guard lock(pool_mutex);
    idle.push_back(std::move(handle));
  }
};

HttpClient::HttpClient(std::string ca_file, const CurlLibrary* curl)
    : impl_(std::make_unique<Impl>()) {
  impl_->ca_file = std::move(ca_file);
  impl_->given = curl;
}

HttpClient::~HttpClient() {
  impl_->idle.clear();  // handles first: they reference the share
  if (impl_->share) impl_->curl->share_cleanup(impl_->share);
}

long HttpClient::connections_opened() const { return impl_->connections.load(); }

HttpResponse HttpClient::send(const HttpRequest& request, const CancellationToken& cancel) {
  if (cancel.cancelled()) {
    throw TransportError(TransportError::Kind::Cancelled, "cancelled before sending");
  }
  const CurlLibrary& curl = impl_->ready();
  auto handle = impl_->borrow(curl);
  CURL* easy = handle->easy;
  curl.easy_reset(easy);  // options only; live connections and caches survive

  std::unique_ptr<curl_slist, SlistDeleter> headers(nullptr, SlistDeleter{&curl});
  for (const auto& [name, value] : request.headers) {
    const std::string line = name + ": " + value;
    headers.reset(curl.slist_append(headers.release(), line.c_str()));
  }
  // No "Expect: 100-continue" round trip for large bodies.
  headers.reset(curl.slist_append(headers.release(), "Expect:"));

  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl.easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  // CURLOPT_PROTOCOLS_STR came with libcurl 7.85; older ones know the bitmask form.
  if (curl.easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https") != CURLE_OK) {
    curl.easy_setopt(easy, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
  }
  if (request.method == HttpMethod::Post) {
    curl.easy_setopt(easy, CURLOPT_POST, 1L);
    curl.easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl.easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else {
    curl.easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  curl.easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl.easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::max<long long>(1, request.connect_timeout.count())));
  curl.easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<long long>(1, request.total_timeout.count())));
  curl.easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl.easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  if (request.fresh_connection) curl.easy_setopt(easy, CURLOPT_FRESH_CONNECT, 1L);
  curl.easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl.easy_setopt(easy, CURLOPT_USERAGENT, "terraform-provider-cloudssl");
  curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl.easy_setopt(easy, CURLOPT_WRITEFUNCTION, &write_body);
  curl.easy_setopt(easy, CURLOPT_WRITEDATA, &response.body);
  curl.easy_setopt(easy, CURLOPT_HEADERFUNCTION, &write_header);
  curl.easy_setopt(easy, CURLOPT_HEADERDATA, &response.headers);
  if (!impl_->ca_file.empty()) curl.easy_setopt(easy, CURLOPT_CAINFO, impl_->ca_file.c_str());
  if (impl_->share) curl.easy_setopt(easy, CURLOPT_SHARE, impl_->share);
  // Whether libcurl began writing the request (libcurl 7.80 or newer; older ones go by the
  // pre-transfer time, below).
  bool request_started = false;
  const bool prereq = curl.prereq_function &&
                      curl.easy_setopt(easy, CURLOPT_PREREQFUNCTION, &request_starting) == CURLE_OK;
  if (prereq) curl.easy_setopt(easy, CURLOPT_PREREQDATA, &request_started);

  // Drive the transfer through the handle's multi so a cancellation is noticed while waiting.
  curl.multi_add_handle(handle->multi, easy);
  CURLcode result = CURLE_OK;
  bool cancelled = false;
  for (;;) {
    int running = 0;
    if (curl.multi_perform(handle->multi, &running) != CURLM_OK) {
      result = CURLE_RECV_ERROR;
      break;
    }
    int queued = 0;
    if (CURLMsg* message = curl.multi_info_read(handle->multi, &queued);
        message && message->msg == CURLMSG_DONE) {
      result = message->data.result;
      break;
    }
    if (cancel.cancelled()) {
      cancelled = true;
      break;
    }
    curl.multi_poll(handle->multi, nullptr, 0, kCancelCheckMs, nullptr);
  }
  curl.multi_remove_handle(handle->multi, easy);

  long connects = 0;
  curl.easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
  impl_->connections += connects;
  curl.easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  // Whether any of the request may have left. CURLINFO_REQUEST_SIZE is counted over every
  // connection of this transfer, libcurl's own reconnect included (checked with libcurl 7.88: a
  // request written to a dead reused connection, then a refused reconnect, reports its size with
  // CURLE_COULDNT_CONNECT), but it adds only what the request's first write call took
  // (lib/http.c, Curl_buffer_send): the rest, sent by the upload loop, is not counted, and over
  // TLS that first call is one SSL_write, which reports 0 until every record of it has left, so
  // a request under 64 KB whose socket filled partway counts 0 although records reached the
  // server. The pre-request callback marks the write begun whatever it achieved.
  long request_size = 0;
  curl.easy_getinfo(easy, CURLINFO_REQUEST_SIZE, &request_size);
  if (!prereq) {
    // Without the callback (libcurl before 7.80), the pre-transfer time (7.61+) tells the same:
    // Curl_initinfo (lib/getinfo.c) zeroes it when the transfer starts (Curl_pretransfer), and
    // only the end of the DO step sets it, to at least 1 us (lib/progress.c, Curl_pgrsTime):
    // 7.66 and 7.74 in lib/multi.c, multi_do -> do_complete once the protocol's do_it returned
    // done; 7.88 in before_perform, on entering MSTATE_DID after multi_do. HTTP's do_it
    // (lib/http.c, Curl_http) is done after its first write call, whatever that took:
    // Curl_write (lib/sendf.c) turns CURLE_AGAIN into 0 bytes and OK, and Curl_buffer_send
    // leaves the rest to the upload loop. A connect or TLS handshake that times out never
    // reaches DO, so it stays 0.
    curl_off_t pretransfer_us = 0;
    curl.easy_getinfo(easy, CURLINFO_PRETRANSFER_TIME_T, &pretransfer_us);
    request_started = pretransfer_us > 0;
  }
  const bool request_written = request_size > 0 || request_started;
  curl.easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);
  if (prereq) curl.easy_setopt(easy, CURLOPT_PREREQDATA, nullptr);

  if (cancelled) {
    // The handle may hold a half-finished exchange; drop it rather than reuse it.
    throw TransportError(TransportError::Kind::Cancelled, "cancelled during the HTTP exchange",
                         request_written);
  }
  impl_->give_back(std::move(handle));
  if (result != CURLE_OK) {
    std::string detail = error_buffer[0] ? error_buffer : curl.easy_strerror(result);
    throw TransportError(kind_of(result), std::move(detail), request_written);
  }
  return response;
}

}  // namespace cloudssl::api
