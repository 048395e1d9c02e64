#include "api/core/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>

#include "provider/util/ascii.h"

namespace cloudssl::api {
namespace {

// libcurl wants its global state set up once per process before threads use it.
void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// How often a waiting exchange looks at its cancellation token.
constexpr int kCancelCheckMs = 100;

// One borrowed connection context. The easy handle stays attached to its own multi handle,
// whose connection cache keeps connections alive between requests.
struct Handle {
  CURL* easy = nullptr;
  CURLM* multi = nullptr;
  ~Handle() {
    if (multi) curl_multi_cleanup(multi);
    if (easy) curl_easy_cleanup(easy);
  }
};

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
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

  std::unique_ptr<Handle> borrow() {
    {
      std::lock_guard lock(pool_mutex);
      if (!idle.empty()) {
        auto handle = std::move(idle.back());
        idle.pop_back();
        return handle;
      }
    }
    auto handle = std::make_unique<Handle>();
    handle->easy = curl_easy_init();
    handle->multi = curl_multi_init();
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

HttpClient::HttpClient(std::string ca_file) : impl_(std::make_unique<Impl>()) {
  global_init();
  impl_->ca_file = std::move(ca_file);
  impl_->share = curl_share_init();
  if (impl_->share) {
    curl_share_setopt(impl_->share, CURLSHOPT_LOCKFUNC, &Impl::lock);
    curl_share_setopt(impl_->share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock);
    curl_share_setopt(impl_->share, CURLSHOPT_USERDATA, impl_.get());
    curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
}

HttpClient::~HttpClient() {
  impl_->idle.clear();  // handles first: they reference the share
  if (impl_->share) curl_share_cleanup(impl_->share);
}

long HttpClient::connections_opened() const { return impl_->connections.load(); }

HttpResponse HttpClient::send(const HttpRequest& request, const CancellationToken& cancel) {
  if (cancel.cancelled()) {
    throw TransportError(TransportError::Kind::Cancelled, "cancelled before sending");
  }
  auto handle = impl_->borrow();
  CURL* easy = handle->easy;
  curl_easy_reset(easy);  // options only; live connections and caches survive

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  for (const auto& [name, value] : request.headers) {
    const std::string line = name + ": " + value;
    headers.reset(curl_slist_append(headers.release(), line.c_str()));
  }
  // No "Expect: 100-continue" round trip for large bodies.
  headers.reset(curl_slist_append(headers.release(), "Expect:"));

  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  if (request.method == HttpMethod::Post) {
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  } else {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(std::max<long long>(1, request.connect_timeout.count())));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS,
                   static_cast<long>(std::max<long long>(1, request.total_timeout.count())));
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(easy, CURLOPT_USERAGENT, "terraform-provider-cloudssl");
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &write_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &write_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &response.headers);
  if (!impl_->ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, impl_->ca_file.c_str());
  if (impl_->share) curl_easy_setopt(easy, CURLOPT_SHARE, impl_->share);

  // Drive the transfer through the handle's multi so a cancellation is noticed while waiting.
  curl_multi_add_handle(handle->multi, easy);
  CURLcode result = CURLE_OK;
  bool cancelled = false;
  for (;;) {
    int running = 0;
    if (curl_multi_perform(handle->multi, &running) != CURLM_OK) {
      result = CURLE_RECV_ERROR;
      break;
    }
    int queued = 0;
    if (CURLMsg* message = curl_multi_info_read(handle->multi, &queued);
        message && message->msg == CURLMSG_DONE) {
      result = message->data.result;
      break;
    }
    if (cancel.cancelled()) {
      cancelled = true;
      break;
    }
    curl_multi_poll(handle->multi, nullptr, 0, kCancelCheckMs, nullptr);
  }
  curl_multi_remove_handle(handle->multi, easy);

  long connects = 0;
  curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
  impl_->connections += connects;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &response.status);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);

  if (cancelled) {
    // The handle may hold a half-finished exchange; drop it rather than reuse it.
    throw TransportError(TransportError::Kind::Cancelled, "cancelled during the HTTP exchange");
  }
  impl_->give_back(std::move(handle));
  if (result != CURLE_OK) {
    std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(result);
    throw TransportError(kind_of(result), std::move(detail));
  }
  return response;
}

}  // namespace cloudssl::api
