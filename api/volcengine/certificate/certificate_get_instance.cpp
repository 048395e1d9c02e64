#include "api/volcengine/certificate/certificate_get_instance.h"

#include <cstdio>
#include <ctime>
#include <set>
#include <stdexcept>

#include "api/core/utc_text.h"

namespace cloudssl::api::volcengine {

namespace {

using nlohmann::json;

constexpr std::int64_t kBeijingOffset = 8 * 3600;

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    if (!out.empty()) out.push_back(',');
    out += id;
  }
  return out;
}

std::string text(const json& j, const char* name) {
  const auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t number(const json& j, const char* name) {
  const auto it = j.find(name);
  if (it == j.end() || it->is_null()) return 0;
  if (it->is_number_integer()) return it->get<std::int64_t>();
  if (it->is_boolean()) return it->get<bool>() ? 1 : 0;
  throw std::runtime_error(std::string("CertificateGetInstance answer: ") + name +
                           " is not a number");
}

std::vector<std::string> strings(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& s : j) {
    if (s.is_string()) out.push_back(s.get<std::string>());
  }
  return out;
}

// The validity: the _ms fields when present, else the Beijing-time strings.
std::int64_t instant(const json& c, const char* ms_name, const char* text_name) {
  if (const std::int64_t ms = number(c, ms_name); ms > 0) return ms / 1000;
  return parse_beijing_time(text(c, text_name)).value_or(0);
}

VolcengineCertificate parse_one(const json& c, bool keep_private_key) {
  if (!c.is_object()) throw std::runtime_error("CertificateGetInstance answer: not an object");
  VolcengineCertificate v;
  v.id = text(c, "id");
  if (v.id.empty())
    throw std::runtime_error("CertificateGetInstance answer: a certificate has no id");
  v.chain_id = text(c, "chain_id");
  v.source_id = text(c, "source_id");
  v.tag = text(c, "tag");
  v.purpose = text(c, "purpose");
  v.type = text(c, "type");
  v.common_name = text(c, "common_name");
  v.project_name = text(c, "project_name");
  v.issuer = text(c, "issuer");
  v.instance_type = static_cast<int>(number(c, "instance_type"));
  v.order_status = static_cast<int>(number(c, "order_status"));
  v.order_san_number = static_cast<int>(number(c, "order_san_number"));
  v.order_brand = text(c, "order_brand");
  v.order_exist = number(c, "order_exist") != 0;
  v.issued = number(c, "certificate_exist") != 0;
  v.revoked = number(c, "certificate_revoked") != 0;
  v.not_before = instant(c, "certificate_not_before_ms", "certificate_not_before");
  v.not_after = instant(c, "certificate_not_after_ms", "certificate_not_after");
  const json ssl = c.value("ssl", json::object());
  if (ssl.is_object()) {
    v.subject_alt_names = strings(ssl.value("san", json::array()));
    const json cert = ssl.value("certificate", json::object());
    if (cert.is_object()) {
      v.chain = strings(cert.value("chain", json::array()));
      v.key_type = text(cert, "key_type");
      if (keep_private_key) v.private_key = text(cert, "private_key");
      // The CSR (cert["csr"]) is never read.
    }
  }
  if (v.subject_alt_names.empty() && !v.common_name.empty()) {
    v.subject_alt_names.push_back(v.common_name);
  }
  const json detail = c.value("certificate_detail", json::object());
  if (detail.is_object()) {
    v.encryption_algorithm = text(detail, "encryption_algorithm");
    v.serial_number = text(detail, "serial_number");
    v.fingerprint_sha256 = text(detail, "fingerprint_sha_256");
  }
  return v;
}

}  // namespace

std::string beijing_time(std::int64_t unix_seconds) {
  return utc_text(unix_seconds + kBeijingOffset, "%Y-%m-%d %H:%M:%S");
}

std::optional<std::int64_t> parse_beijing_time(std::string_view text) {
  if (text.size() != 19) return std::nullopt;
  std::tm tm{};
  char tail = 0;
  const std::string s(text);
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d %2d:%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail) != 6) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const std::int64_t seconds = static_cast<std::int64_t>(timegm(&tm)) - kBeijingOffset;
  if (beijing_time(seconds) != s) return std::nullopt;  // 2023-02-30, 25:00 and the like
  return seconds;
}

QueryParams certificate_query(const CertificateFilters& f, int limit, int page) {
  QueryParams q;
  auto add = [&](const char* name, const std::optional<std::string>& value) {
    if (value) q.emplace_back(name, *value);
  };
  auto add_int = [&](const char* name, const std::optional<int>& value) {
    if (value) q.emplace_back(name, std::to_string(*value));
  };
  auto add_true = [&](const char* name, bool value) {
    if (value) q.emplace_back(name, "true");
  };
  if (!f.instance_ids.empty()) q.emplace_back("instance_id", joined(f.instance_ids));
  if (!f.chain_ids.empty()) q.emplace_back("chain_id", joined(f.chain_ids));
  if (!f.source_ids.empty()) q.emplace_back("source_id", joined(f.source_ids));
  add("tag", f.tag);
  add("purpose", f.purpose);
  add_int("instance_type", f.instance_type);
  add("type", f.type);
  add("common_name", f.common_name);
  add("domain", f.domain);
  add_true("order_exist", f.order_exist);
  add("order_brand", f.order_brand);
  add_int("order_san_number", f.order_san_number);
  add_int("order_status", f.order_status);
  add_true("certificate_exist", f.certificate_exist);
  if (f.certificate_expire_before) {
    q.emplace_back("certificate_expire_before", beijing_time(*f.certificate_expire_before));
  }
  if (f.certificate_expire_after) {
    q.emplace_back("certificate_expire_after", beijing_time(*f.certificate_expire_after));
  }
  add_true("certificate_valid", f.certificate_valid);
  add_true("certificate_revoked", f.certificate_revoked);
  add("project_name", f.project_name);
  q.emplace_back("limit", std::to_string(limit));
  q.emplace_back("page", std::to_string(page));
  return q;
}

CertificatePage parse_certificate_page(const json& result, bool keep_private_key) {
  if (!result.is_object() || !result.contains("content")) {
    throw std::runtime_error("CertificateGetInstance answer has no Result.content");
  }
  CertificatePage page;
  page.count = number(result, "count");
  const json& content = result.at("content");
  if (!content.is_null() && !content.is_array()) {
    throw std::runtime_error("CertificateGetInstance answer: Result.content is not a list");
  }
  if (content.is_array()) {
    for (const auto& c : content) page.content.push_back(parse_one(c, keep_private_key));
  }
  return page;
}

int certificate_center_rate_limit(std::string_view /*action*/) {
  // The only limit seed 003 documents is CertificateGetInstance's, per tenant; cloudssl calls
  // no other action of the certificate center.
  return kCertificateGetInstanceRate;
}

std::vector<VolcengineCertificate> certificate_get_all(const GetPage& get_page,
                                                       const CertificateFilters& filters,
                                                       int page_size, bool keep_private_key,
                                                       int* calls) {
  if (page_size < 1 || page_size > kMaxPageSize) {
    throw std::invalid_argument("page size must be between 1 and 100");
  }
  std::vector<VolcengineCertificate> all;
  std::set<std::string> seen;
  for (int page = 1;; ++page) {
    if (calls) ++*calls;
    CertificatePage p = parse_certificate_page(
        get_page(certificate_query(filters, page_size, page)), keep_private_key);
    const auto got = p.content.size();
    bool progress = false;
    for (auto& c : p.content) {
      if (!seen.insert(c.id).second) continue;  // listed again (the account changed meanwhile)
      progress = true;
      all.push_back(std::move(c));
    }
    // Done when the total is reached or a page is short (an account changing while it is
    // listed must not loop forever), or a page brings nothing new: an answer that ignores
    // `page` and claims a count it never delivers would otherwise be walked forever.
    if (static_cast<std::int64_t>(all.size()) >= p.count ||
        got < static_cast<std::size_t>(page_size) || !progress) {
      return all;
    }
  }
}

std::vector<VolcengineCertificate> certificate_get_all(Client& client, const CallOptions& options,
                                                       const CertificateFilters& filters,
                                                       int page_size, bool keep_private_key) {
  const GetPage get_page = [&](const QueryParams& query) {
    json params = json::object();
    for (const auto& [name, value] : query) params[name] = value;
    return client.call(HttpMethod::Get, kCertificateGetInstance, params, options);
  };
  return certificate_get_all(get_page, filters, page_size, keep_private_key);
}

}  // namespace cloudssl::api::volcengine
