// DescribeHost*InstanceList (docs/design/ssl-api.md §2.8): the seeded instances of one product, which
// certificate each holds, and whether the certificate to deploy matches their domains.
// IsCache 1 (default) answers a snapshot up to half an hour old.
#include <algorithm>
#include <set>

#include "simulator/actions/action_table.h"
#include "simulator/actions/record_helpers.h"
#include "simulator/api_failure.h"
#include "simulator/cert_info.h"
#include "simulator/instances.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

struct ListKind {
  std::string type;
  bool paged = true;
  bool total = true;
  bool async = false;
  bool certificate_required = false;
  std::size_t max_limit = 1000;
};

// Which way the domainMatch filter points: 1 matching, 0 not matching, -1 no filter.
int domain_match_filter(const Params& p, bool have_cert) {
  int want = have_cert ? 1 : -1;
  const auto& filters = p.raw("Filters");
  if (filters.is_null()) return want;
  if (!filters.is_array()) throw ApiFailure("InvalidParameter", "Filters must be an array.");
  for (const auto& f : filters) {
    if (!f.is_object() || !f.contains("FilterKey") || !f.contains("FilterValue")) {
      throw ApiFailure("InvalidParameter", "Each filter needs FilterKey and FilterValue.");
    }
    std::string key = f["FilterKey"].is_string() ? f["FilterKey"].get<std::string>() : "";
    std::transform(key.begin(), key.end(), key.begin(), ::tolower);
    if (key != "domainmatch") {
      throw ApiFailure("FailedOperation.InvalidParam", "Unsupported filter `" + key + "`.");
    }
    want = f["FilterValue"] == "0" ? 0 : 1;
  }
  return have_cert ? want : -1;
}

// CLB documents carry per-listener/rule match information relative to the certificate.
json annotate_clb(const World& world, json lb, const std::vector<std::string>& names) {
  auto dns_names = [&](const std::string& id) -> json {
    const auto it = world.state.certificates.find(id);
    return it == world.state.certificates.end() ? json::array() : json(it->second.sans);
  };
  for (auto& l : lb["Listeners"]) {
    json listener_nomatch = json::array();
    if (l.contains("Certificate") && l["Certificate"].is_object()) {
      l["Certificate"]["DnsNames"] = dns_names(l["Certificate"].value("CertId", ""));
    }
    for (auto& r : l["Rules"]) {
      const std::string domain = r.value("Domain", "");
      const bool match = names.empty() || certificate_covers(names, domain);
      r["IsMatch"] = match;
      r["NoMatchDomains"] = match ? json::array() : json::array({domain});
      if (!match) listener_nomatch.push_back(domain);
      if (r.contains("Certificate") && r["Certificate"].is_object()) {
        r["Certificate"]["DnsNames"] = dns_names(r["Certificate"].value("CertId", ""));
      }
    }
    l["NoMatchDomains"] = listener_nomatch;
  }
  return lb;
}

json instance_list(World& world, const Params& p, const RequestMeta& meta, const ListKind& kind) {
  std::string cert_id = p.str_or("CertificateId", "");
  if (kind.certificate_required && cert_id.empty()) {
    throw ApiFailure("MissingParameter",
                     "The request is missing a required parameter `CertificateId`.");
  }
  std::vector<std::string> names;
  if (!cert_id.empty()) names = world.certificate(cert_id).sans;
  const std::string old_id = p.str_or("OldCertificateId", "");
  const int match = domain_match_filter(p, !cert_id.empty());
  const Page page = kind.paged ? page_param(p, 10, kind.max_limit) : Page{0, 1000000};
  p.opt_int("AsyncCache");

  json key_body = p.body();
  key_body.erase("IsCache");
  const std::string cache_key = meta.action + key_body.dump();
  if (p.int_or("IsCache", 1) == 1) {
    auto it = world.list_cache.find(cache_key);
    if (it != world.list_cache.end() && world.now() - it->second.time < 1800) {
      return it->second.answer;
    }
  }

  const auto slots = slots_of(world.state, kind.type);
  const auto& docs = world.state.instances[kind.type];
  std::vector<json> selected;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    std::vector<const Slot*> mine;
    for (const auto& s : slots) {
      if (s.instance_index == i) mine.push_back(&s);
    }
    if (!old_id.empty() &&
        std::none_of(mine.begin(), mine.end(), [&](auto* s) { return s->cert_id == old_id; })) {
      continue;
    }
    if (match >= 0) {
      const bool covers = std::any_of(mine.begin(), mine.end(), [&](auto* s) {
        return std::any_of(s->domains.begin(), s->domains.end(),
                           [&](const std::string& d) { return certificate_covers(names, d); });
      });
      if (covers != (match == 1)) continue;
    }
    selected.push_back(instance_view(
        kind.type, kind.type == "clb" ? annotate_clb(world, docs[i], names) : docs[i]));
  }
  json out = {{"InstanceList", page_of(selected, page, [](const json& doc) { return doc; })}};
  if (kind.total) out["TotalCount"] = selected.size();
  if (kind.async) {
    out["AsyncTotalNum"] = selected.size();
    out["AsyncOffset"] = selected.size();
    out["AsyncCacheTime"] = beijing_time(world.now());
  }
  world.list_cache[cache_key] = CachedAnswer{world.now(), out};
  return out;
}

void add(ActionTable& t, const std::string& action, std::vector<std::string> params,
         ListKind kind) {
  t[action] = {std::move(params),
               [kind](World& w, const Params& p, const RequestMeta& m) {
                 return instance_list(w, p, m, kind);
               },
               false};
}

}  // namespace

void register_instance_list_actions(ActionTable& t) {
  const std::vector<std::string> common = {"CertificateId", "IsCache", "Filters",
                                           "OldCertificateId"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.end(), common.begin(), common.end());
    return extra;
  };
  add(t, "DescribeHostClbInstanceList", with({"Offset", "Limit", "AsyncCache"}),
      {"clb", true, true, true});
  add(t, "DescribeHostCdnInstanceList", with({"Offset", "Limit", "AsyncCache"}),
      {"cdn", true, true, true, false, 200});
  add(t, "DescribeHostCosInstanceList", with({"ResourceType", "Offset", "Limit", "AsyncCache"}),
      {"cos", true, true, true});
  add(t, "DescribeHostDdosInstanceList", with({"ResourceType", "Offset", "Limit"}),
      {"ddos", true, true, false});
  add(t, "DescribeHostLiveInstanceList", with({}), {"live", false, false, false});
  add(t, "DescribeHostTeoInstanceList", with({"Offset", "Limit", "AsyncCache"}),
      {"teo", true, true, false, true, 200});
  add(t, "DescribeHostTkeInstanceList", with({"Offset", "Limit", "AsyncCache"}),
      {"tke", true, true, true});
  add(t, "DescribeHostVodInstanceList", with({}), {"vod", false, true, false});
  add(t, "DescribeHostWafInstanceList", with({}), {"waf", false, false, false});
  add(t, "DescribeHostApiGatewayInstanceList", with({"Limit", "Offset"}),
      {"apigateway", true, true, false, false, 200});
  add(t, "DescribeHostLighthouseInstanceList", with({}), {"lighthouse", false, true, false});
}

}  // namespace cloudssl::sim
