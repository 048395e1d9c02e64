#include "datasources/volcengine/certificates_query.h"

#include <algorithm>
#include <chrono>

#include "lib/pem/pem.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_helpers.h"
#include "resources/common/schema_names.h"

namespace cloudssl::volcengine {

namespace {

using namespace common::schema_names;

const std::vector<std::int64_t> kInstanceTypes = {0, 1, 2, 4};
const std::vector<std::string> kTypes = {"dv", "ov", "ev"};
const std::vector<std::string> kBrands = {"digicert_free", "digicert", "geotrust", "digicert_pro",
                                          "globalsign",    "alpha",    "vTrus",    "tianwei_sm",
                                          "wotrus",        "wotrus_sm"};
const std::vector<std::int64_t> kOrderStatuses = {-2,  100, 101, 200, 201, 202,
                                                  300, 301, 302, 400, 401, 500};
const std::vector<std::string> kBooleanFilters = {"order_exist", "certificate_exist",
                                                  "certificate_valid", "certificate_revoked"};

template <class T>
std::string listing(const std::vector<T>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    if constexpr (std::is_same_v<T, std::string>) {
      out += v;
    } else {
      out += std::to_string(v);
    }
  }
  return out;
}

template <class T>
bool one_of(const std::vector<T>& values, const T& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

std::optional<std::int64_t> unix_time(const Value& config, std::string_view name) {
  const auto text = config.get_string(name);
  if (!text) return std::nullopt;
  const auto t = pem::parse_rfc3339(*text);
  if (!t) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(t->time_since_epoch()).count();
}

std::optional<std::string> non_empty(const Value& config, std::string_view name) {
  auto s = config.get_string(name);
  if (!s || s->empty()) return std::nullopt;
  return s;
}

std::optional<int> small_int(const Value& config, std::string_view name) {
  const auto n = config.get_int(name);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

}  // namespace

std::vector<Attribute> certificate_filter_arguments() {
  auto string_arg = [](std::string name, std::string description) {
    return framework::optional_argument(std::move(name), Type::string(), std::move(description));
  };
  auto number_arg = [](std::string name, std::string description) {
    return framework::optional_argument(std::move(name), Type::number(), std::move(description));
  };
  auto bool_arg = [](std::string name, std::string description) {
    return framework::optional_argument(
        std::move(name), Type::boolean(),
        std::move(description) + " false is the same as leaving it out.");
  };
  auto list_arg = [](std::string name, std::string description) {
    return framework::optional_argument(
        std::move(name), Type::list(Type::string()),
        std::move(description) + " An empty list matches no certificate.",
        {framework::validators::each(framework::validators::non_empty())});
  };
  return {
      list_arg("instance_ids", "Only these certificate ids."),
      list_arg("chain_ids", "Only certificates of these renewal chains."),
      list_arg("source_ids", "Only renewals of these certificate ids."),
      string_arg("tag", "Certificate name contains this text."),
      string_arg("purpose", "Purpose: ssl."),
      number_arg("instance_type", "0 paid, 1 free, 2 uploaded, 4 test."),
      string_arg("type", "Validation level: dv, ov or ev."),
      string_arg("common_name", "Common name contains this text."),
      string_arg("domain", "Only certificates that protect this domain."),
      bool_arg("order_exist", "Only certificates bought in the certificate center."),
      string_arg("order_brand",
                 "Brand: digicert_free, digicert, geotrust, digicert_pro, "
                 "globalsign, alpha, vTrus, tianwei_sm, wotrus, wotrus_sm."),
      number_arg("order_san_number",
                 "-1 wildcard only, 0 single-domain only, N multi-domain with N domains."),
      number_arg("order_status",
                 "Order status: -2, 100, 101, 200, 201, 202, 300 (issued), 301, "
                 "302, 400, 401, 500 (revoked)."),
      bool_arg("certificate_exist", "Only issued certificates."),
      string_arg("certificate_expire_after",
                 "Only certificates expiring at or after this time "
                 "(RFC 3339)."),
      string_arg("certificate_expire_before",
                 "Only certificates expiring at or before this "
                 "time (RFC 3339)."),
      bool_arg("certificate_valid", "Only issued, unexpired, unrevoked certificates."),
      bool_arg("certificate_revoked", "Only revoked certificates."),
      string_arg("project_name", "Only this project."),
      number_arg("page_size",
                 "Certificates per CertificateGetInstance call (the API's limit), "
                 "1 to 100; default 100. Every page is read."),
  };
}

const std::vector<std::pair<std::string, std::string>>& argument_parameters() {
  static const std::vector<std::pair<std::string, std::string>> table = {
      {"instance_ids", "instance_id"},
      {"chain_ids", "chain_id"},
      {"source_ids", "source_id"},
      {"tag", "tag"},
      {"purpose", "purpose"},
      {"instance_type", "instance_type"},
      {"type", "type"},
      {"common_name", "common_name"},
      {"domain", "domain"},
      {"order_exist", "order_exist"},
      {"order_brand", "order_brand"},
      {"order_san_number", "order_san_number"},
      {"order_status", "order_status"},
      {"certificate_exist", "certificate_exist"},
      {"certificate_expire_after", "certificate_expire_after"},
      {"certificate_expire_before", "certificate_expire_before"},
      {"certificate_valid", "certificate_valid"},
      {"certificate_revoked", "certificate_revoked"},
      {"project_name", "project_name"},
      {"page_size", "limit"},
  };
  return table;
}

std::optional<CertificatesQuery> certificates_query_from_config(const Value& c) {
  CertificatesQuery q;
  auto& f = q.filters;
  for (auto [name, target] :
       {std::pair{"instance_ids", &f.instance_ids}, std::pair{"chain_ids", &f.chain_ids},
        std::pair{"source_ids", &f.source_ids}}) {
    if (!framework::present(c, name)) continue;
    *target = framework::strings_of(c.at(name));
    if (target->empty()) return std::nullopt;
  }
  f.tag = non_empty(c, "tag");
  f.purpose = non_empty(c, "purpose");
  f.instance_type = small_int(c, "instance_type");
  f.type = non_empty(c, "type");
  f.common_name = non_empty(c, "common_name");
  f.domain = non_empty(c, "domain");
  f.order_exist = c.get_bool("order_exist").value_or(false);
  f.order_brand = non_empty(c, "order_brand");
  f.order_san_number = small_int(c, "order_san_number");
  f.order_status = small_int(c, "order_status");
  f.certificate_exist = c.get_bool("certificate_exist").value_or(false);
  f.certificate_expire_after = unix_time(c, "certificate_expire_after");
  f.certificate_expire_before = unix_time(c, "certificate_expire_before");
  f.certificate_valid = c.get_bool("certificate_valid").value_or(false);
  f.certificate_revoked = c.get_bool("certificate_revoked").value_or(false);
  f.project_name = non_empty(c, "project_name");
  q.page_size = small_int(c, "page_size").value_or(api::volcengine::kMaxPageSize);
  return q;
}

void validate_certificates_config(const Value& c, framework::Diagnostics& d) {
  auto invalid = [&](std::string_view name, const std::string& detail) {
    d.error("Invalid " + std::string(name), detail, Path::root(std::string(name)));
  };
  // Whole numbers only; Terraform numbers may carry fractions.
  auto integer = [&](std::string_view name) -> std::optional<std::int64_t> {
    if (!framework::present(c, name)) return std::nullopt;
    auto n = c.get_int(name);
    if (!n) invalid(name, std::string(name) + " must be a whole number.");
    return n;
  };
  if (auto n = integer("instance_type"); n && !one_of(kInstanceTypes, *n)) {
    invalid("instance_type", "instance_type must be one of " + listing(kInstanceTypes) +
                                 " (0 paid, 1 free, 2 uploaded, 4 test), not " +
                                 std::to_string(*n) + ".");
  }
  if (auto n = integer("order_status"); n && !one_of(kOrderStatuses, *n)) {
    invalid("order_status", "order_status must be one of " + listing(kOrderStatuses) + ", not " +
                                std::to_string(*n) + ".");
  }
  if (auto n = integer("order_san_number"); n && *n < -1) {
    invalid("order_san_number",
            "order_san_number must be -1 (wildcard), 0 (single domain) or "
            "a number of domains, not " +
                std::to_string(*n) + ".");
  }
  if (auto n = integer("page_size"); n && (*n < 1 || *n > api::volcengine::kMaxPageSize)) {
    invalid("page_size", "page_size (the API's limit) must be between 1 and 100, not " +
                             std::to_string(*n) + ".");
  }
  if (auto t = c.get_string("type"); t && !one_of(kTypes, *t)) {
    invalid("type", "type must be one of " + listing(kTypes) + ", not \"" + *t + "\".");
  }
  if (auto p = c.get_string("purpose"); p && *p != "ssl") {
    invalid("purpose",
            "purpose must be \"ssl\" (the only documented purpose), not \"" + *p + "\".");
  }
  if (auto b = c.get_string("order_brand"); b && !one_of(kBrands, *b)) {
    invalid("order_brand",
            "order_brand must be one of " + listing(kBrands) + ", not \"" + *b + "\".");
  }
  std::optional<std::int64_t> after, before;
  for (auto [name, slot] : {std::pair{"certificate_expire_after", &after},
                            std::pair{"certificate_expire_before", &before}}) {
    const auto text = c.get_string(name);
    if (!text) continue;
    *slot = unix_time(c, name);
    if (!*slot) {
      invalid(name, std::string(name) + " must be an RFC 3339 time such as " +
                        "\"2025-01-01T00:00:00Z\", not \"" + *text + "\".");
    }
  }
  if (after && before && *after > *before) {
    invalid("certificate_expire_before",
            "certificate_expire_before is earlier than certificate_expire_after: no "
            "certificate can match.");
  }
  for (const auto& name : kBooleanFilters) {
    if (c.get_bool(name) == false) {
      d.warning(name + " = false does not filter",
                "The API only narrows on true (\"only those that are\"); false returns the same "
                "as leaving " +
                    name + " out." +
                    (name == "certificate_revoked" ? " Use certificate_valid = true for "
                                                     "unrevoked, unexpired certificates."
                                                   : ""),
                Path::root(name));
    }
  }
}

}  // namespace cloudssl::volcengine
