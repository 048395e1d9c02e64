#include "simulator/volcengine/certificate_get_instance.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <set>

#include "simulator/sim_clock.h"
#include "simulator/cert_info.h"
#include "simulator/volcengine/failure.h"

namespace cloudssl::sim::volcengine {

namespace {

using nlohmann::json;

std::set<std::string> id_list(const std::string& text) {
  std::set<std::string> ids;
  std::size_t pos = 0;
  for (;;) {
    const auto comma = text.find(',', pos);
    std::string id = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (!id.empty()) ids.insert(id);
    if (comma == std::string::npos) return ids;
    pos = comma + 1;
  }
}

std::int64_t integer(const std::string& name, const std::string& text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw invalid_parameter("The parameter " + name + " must be an integer, got `" + text + "`.");
  }
  return value;
}

bool boolean(const std::string& name, const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  throw invalid_parameter("The parameter " + name + " must be true or false, got `" + text + "`.");
}

// Strictly "yyyy-mm-dd hh:mm:ss" (Beijing time): the form must read back unchanged.
std::int64_t time_value(const std::string& name, const std::string& text) {
  try {
    const std::int64_t t = parse_beijing_time(text);
    if (text.size() == 19 && beijing_time(t) == text) return t;
  } catch (const std::exception&) {
  }
  throw invalid_parameter("The parameter " + name +
                          " must have the format yyyy-mm-dd hh:mm:ss, got `" + text + "`.");
}

[[noreturn]] void undocumented(const std::string& name, const std::string& value,
                               const std::string& allowed) {
  throw invalid_parameter("The value `" + value + "` of " + name +
                          " is not valid; valid values: " + allowed + ".");
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// The parsed filters; an unset optional is a filter not given (an empty value counts as not
// given: the official SDK sends absent parameters as "").
struct Filters {
  std::optional<std::set<std::string>> instance_id, chain_id, source_id;
  std::optional<std::string> tag, purpose, type, common_name, domain, order_brand, project_name;
  std::optional<int> instance_type, order_san_number, order_status;
  std::optional<bool> order_exist, certificate_exist, certificate_valid, certificate_revoked;
  std::optional<std::int64_t> expire_before, expire_after;

  bool match(const Certificate& c, std::int64_t now) const {
    auto in = [](const auto& set, const std::string& v) { return !set || set->count(v) > 0; };
    auto eq = [](const auto& want, const auto& have) { return !want || *want == have; };
    // Boolean filters narrow only when true ("只返回…": false asks for no restriction).
    auto only = [](const std::optional<bool>& want, bool have) { return !want || !*want || have; };
    return in(instance_id, c.id) && in(chain_id, c.chain_id) && in(source_id, c.source_id) &&
           (!tag || contains(c.tag, *tag)) && eq(purpose, c.purpose) &&
           eq(instance_type, c.instance_type) && eq(type, c.type) &&
           (!common_name || contains(c.common_name, *common_name)) &&
           (!domain || certificate_covers(c.san, *domain)) && only(order_exist, c.order_exist) &&
           eq(order_brand, c.order_brand) &&
           eq(order_san_number, volcengine::order_san_number(c)) &&
           eq(order_status, c.order_status) && only(certificate_exist, issued(c)) &&
           (!expire_before || c.not_after <= *expire_before) &&
           (!expire_after || c.not_after >= *expire_after) &&
           only(certificate_valid, valid(c, now)) && only(certificate_revoked, c.revoked) &&
           eq(project_name, c.project_name);
  }
};

struct Paging {
  std::int64_t limit = 100, offset = 0, page = 0;  // page 0 = not given
};

void apply(Filters& f, Paging& p, const std::string& name, const std::string& value) {
  if (name == "limit") {
    p.limit = integer(name, value);
    if (p.limit < 1 || p.limit > 100) {
      throw invalid_parameter("The parameter limit must be between 1 and 100, got " + value + ".");
    }
  } else if (name == "offset") {
    p.offset = integer(name, value);
    if (p.offset < 0) throw invalid_parameter("The parameter offset must not be negative.");
  } else if (name == "page") {
    p.page = integer(name, value);
    if (p.page < 1) throw invalid_parameter("The parameter page must be at least 1.");
  } else if (name == "instance_id") {
    f.instance_id = id_list(value);
  } else if (name == "chain_id") {
    f.chain_id = id_list(value);
  } else if (name == "source_id") {
    f.source_id = id_list(value);
  } else if (name == "tag") {
    f.tag = value;
  } else if (name == "purpose") {
    if (value != "ssl") undocumented(name, value, "ssl");
    f.purpose = value;
  } else if (name == "instance_type") {
    const auto v = integer(name, value);
    if (!known_instance_type(static_cast<int>(v))) undocumented(name, value, "0, 1, 2, 4");
    f.instance_type = static_cast<int>(v);
  } else if (name == "type") {
    if (!known_type(value)) undocumented(name, value, "dv, ov, ev");
    f.type = value;
  } else if (name == "common_name") {
    f.common_name = value;
  } else if (name == "domain") {
    f.domain = value;
  } else if (name == "order_exist") {
    f.order_exist = boolean(name, value);
  } else if (name == "order_brand") {
    if (!known_order_brand(value)) {
      undocumented(name, value,
                   "digicert_free, digicert, geotrust, digicert_pro, globalsign, alpha, vTrus, "
                   "tianwei_sm, wotrus, wotrus_sm");
    }
    f.order_brand = value;
  } else if (name == "order_san_number") {
    const auto v = integer(name, value);
    if (v < -1) undocumented(name, value, "-1, 0 or a number of domains");
    f.order_san_number = static_cast<int>(v);
  } else if (name == "order_status") {
    const auto v = integer(name, value);
    if (!known_order_status(static_cast<int>(v))) {
      undocumented(name, value, "-2, 100, 101, 200, 201, 202, 300, 301, 302, 400, 401, 500");
    }
    f.order_status = static_cast<int>(v);
  } else if (name == "certificate_exist") {
    f.certificate_exist = boolean(name, value);
  } else if (name == "certificate_expire_before") {
    f.expire_before = time_value(name, value);
  } else if (name == "certificate_expire_after") {
    f.expire_after = time_value(name, value);
  } else if (name == "certificate_valid") {
    f.certificate_valid = boolean(name, value);
  } else if (name == "certificate_revoked") {
    f.certificate_revoked = boolean(name, value);
  } else if (name == "project_name") {
    f.project_name = value;
  } else {
    throw invalid_parameter("The parameter " + name + " is not a parameter of " +
                            "CertificateGetInstance.");
  }
}

}  // namespace

const std::vector<std::string>& documented_parameters() {
  static const std::vector<std::string> names = {"limit",
                                                 "offset",
                                                 "page",
                                                 "instance_id",
                                                 "chain_id",
                                                 "source_id",
                                                 "tag",
                                                 "purpose",
                                                 "instance_type",
                                                 "type",
                                                 "common_name",
                                                 "domain",
                                                 "order_exist",
                                                 "order_brand",
                                                 "order_san_number",
                                                 "order_status",
                                                 "certificate_exist",
                                                 "certificate_expire_before",
                                                 "certificate_expire_after",
                                                 "certificate_valid",
                                                 "certificate_revoked",
                                                 "project_name"};
  return names;
}

json certificate_get_instance(const std::vector<Certificate>& store, const Params& params,
                              std::int64_t now) {
  Filters filters;
  Paging paging;
  std::set<std::string> seen;
  for (const auto& [name, value] : params) {
    if (name == "Action" || name == "Version") continue;
    if (!seen.insert(name).second) {
      throw invalid_parameter("The parameter " + name + " is given more than once.");
    }
    if (value.empty()) continue;
    apply(filters, paging, name, value);
  }
  std::vector<const Certificate*> matches;
  for (const auto& c : store) {
    if (filters.match(c, now)) matches.push_back(&c);
  }
  // page wins over offset when both are given (seed 003).
  const std::int64_t start = paging.page > 0 ? (paging.page - 1) * paging.limit : paging.offset;
  json content = json::array();
  for (std::int64_t i = start;
       i < static_cast<std::int64_t>(matches.size()) && i < start + paging.limit; ++i) {
    content.push_back(instance_view(*matches[static_cast<std::size_t>(i)]));
  }
  return {{"count", matches.size()}, {"content", std::move(content)}};
}

}  // namespace cloudssl::sim::volcengine
