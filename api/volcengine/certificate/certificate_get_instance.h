// CertificateGetInstance (Volcengine certificate center, Version 2021-06-01, service
// certificate_service; seed 003): the request's documented filters and paging as typed values,
// the answer's certificates as typed values, and the walk over every page. Knows nothing of
// Terraform: the walk calls whatever `GetPage` it is given (a fake in tests), or a Volcengine
// client (volcengine_dialect.h) through the overload taking an api::Client.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/core/call_options.h"
#include "api/core/client.h"
#include "api/volcengine/signer.h"
#include "api/volcengine/volcengine_dialect.h"
#include "provider/util/secret_string.h"

namespace cloudssl::api::volcengine {

inline constexpr std::string_view kCertificateService = "certificate_service";
inline constexpr std::string_view kCertificateVersion = "2021-06-01";
inline constexpr std::string_view kCertificateGetInstance = "CertificateGetInstance";
inline constexpr int kMaxPageSize = 100;  // "limit … 最大值: 100"
// "同一个租户每秒最多允许请求20次" (seed 003 注意事项).
inline constexpr int kCertificateGetInstanceRate = 20;

// The documented requests-per-second limit of a certificate center action.
int certificate_center_rate_limit(std::string_view action);

// The certificate center as a Volcengine service: make_client(kCertificateCenter, config).
inline constexpr Service kCertificateCenter = {.name = kCertificateService,
                                               .version = kCertificateVersion,
                                               .rate_limit = &certificate_center_rate_limit};

// Every filter of the seed's query table; unset = not sent. Times are Unix seconds, sent as
// "yyyy-mm-dd hh:mm:ss" in Beijing time (the API's time format). Boolean filters are sent only
// when true: the API's false means "no restriction", not "only those that are not".
struct CertificateFilters {
  std::vector<std::string> instance_ids, chain_ids, source_ids;  // sent comma-joined
  std::optional<std::string> tag, purpose, type, common_name, domain, order_brand, project_name;
  std::optional<int> instance_type, order_san_number, order_status;
  bool order_exist = false, certificate_exist = false, certificate_valid = false,
       certificate_revoked = false;
  std::optional<std::int64_t> certificate_expire_after, certificate_expire_before;
};

// One page's request parameters (without Action/Version, which the client adds): the filters,
// then limit and page.
QueryParams certificate_query(const CertificateFilters& filters, int limit, int page);

// "yyyy-mm-dd hh:mm:ss" of a Unix time in Beijing time (UTC+8), and back (nullopt if malformed).
std::string beijing_time(std::int64_t unix_seconds);
std::optional<std::int64_t> parse_beijing_time(std::string_view text);

// One element of Result.content, the fields cloudssl uses. The private key is kept only when
// the caller asks for it (the ephemeral resource); a CSR never.
struct VolcengineCertificate {
  std::string id, chain_id, source_id, tag, purpose, type, common_name, project_name, issuer;
  int instance_type = 0, order_status = 0, order_san_number = 0;
  std::string order_brand;
  bool order_exist = false, issued = false, revoked = false;
  std::vector<std::string> subject_alt_names;
  std::int64_t not_before = 0, not_after = 0;  // Unix seconds; 0 when not issued
  std::vector<std::string> chain;              // PEM blocks, leaf first
  std::string key_type, encryption_algorithm, serial_number, fingerprint_sha256;
  SecretString private_key;  // empty unless asked for
};

struct CertificatePage {
  std::int64_t count = 0;  // how many match in all
  std::vector<VolcengineCertificate> content;
};

// Result {count, content} → typed. Throws std::runtime_error on a malformed answer (message
// without any certificate content).
CertificatePage parse_certificate_page(const nlohmann::json& result, bool keep_private_key);

// Calls CertificateGetInstance with the given query and returns its Result object.
using GetPage = std::function<nlohmann::json(const QueryParams& query)>;

// Every certificate matching `filters`: page 1, 2, … with `page_size` (1..100) until `count`
// certificates were read or a page comes back short. `calls` (optional) counts the requests.
std::vector<VolcengineCertificate> certificate_get_all(const GetPage& get_page,
                                                       const CertificateFilters& filters,
                                                       int page_size, bool keep_private_key,
                                                       int* calls = nullptr);

// The same walk through `client` (a client of kCertificateCenter): one GET per page, each
// within `options` (deadline, cancellation). Throws ApiError as Client::call does.
std::vector<VolcengineCertificate> certificate_get_all(Client& client, const CallOptions& options,
                                                       const CertificateFilters& filters,
                                                       int page_size, bool keep_private_key);

}  // namespace cloudssl::api::volcengine
