// Certificate objects: upload, existence check, describe (one, detail, list), alias, project,
// expiry-notification switch, chain check (docs/design/ssl-api.md §2.1).
#include <algorithm>

#include "simulator/actions/action_table.h"
#include "simulator/actions/views.h"
#include "simulator/api_failure.h"
#include "simulator/cert_info.h"
#include "simulator/certificate_content.h"
#include "simulator/task_engine.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

Certificate* find_by_fingerprint(World& world, const std::string& fingerprint,
                                 const std::string& type) {
  for (auto& [id, c] : world.state.certificates) {
    if (c.fingerprint == fingerprint && c.type == type) return &c;
  }
  return nullptr;
}

json upload_certificate(World& world, const Params& p, const RequestMeta&) {
  const std::string pub = p.str("CertificatePublicKey");
  const std::string type = p.str_or("CertificateType", "SVR");
  if (type != "SVR" && type != "CA") {
    throw ApiFailure("InvalidParameterValue", "CertificateType must be CA or SVR.");
  }
  const std::string key = p.str_or("CertificatePrivateKey", "");
  if (type == "SVR" && key.empty()) {
    throw ApiFailure("MissingParameter",
                     "The request is missing a required parameter `CertificatePrivateKey`.");
  }
  const std::string use = p.str_or("CertificateUse", "");
  if (!use.empty() && use != "CLB" && use != "CDN" && use != "WAF" && use != "LIVE" &&
      use != "DDOS") {
    throw ApiFailure("InvalidParameterValue",
                     "CertificateUse must be CLB, CDN, WAF, LIVE or DDOS.");
  }
  Certificate cert;
  load_certificate_content(cert, pub, key);
  if (type == "CA") {
    if (!parse_certificate(pub).is_ca) {
      throw ApiFailure("FailedOperation.CertificateCaError",
                       "The uploaded content is not a valid CA certificate.");
    }
  }
  const bool repeatable = p.opt_bool("Repeatable").value_or(true);
  if (!repeatable) {
    if (Certificate* existing = find_by_fingerprint(world, cert.fingerprint, type)) {
      if (world.settings.duplicate_upload_error) {
        throw ApiFailure("FailedOperation.CertificateExists",
                         "The certificate already exists: " + existing->id);
      }
      return {{"CertificateId", existing->id}, {"RepeatCertId", existing->id}};
    }
  }
  cert.id = world.new_certificate_id();
  cert.type = type;
  cert.alias = p.str_or("Alias", "");
  cert.project_id = p.int_or("ProjectId", 0);
  cert.certificate_use = use;
  cert.tags = tags_from(p.raw("Tags"));
  cert.from = "upload";
  cert.status = 1;
  cert.insert_time = world.now();
  const std::string id = cert.id;
  world.state.certificates[id] = std::move(cert);
  return {{"CertificateId", id}, {"RepeatCertId", ""}};
}

json check_certificate_exist(World& world, const Params& p, const RequestMeta&) {
  CertInfo info = parse_certificate(p.str("CertificatePublicKey"));
  for (const auto& [id, c] : world.state.certificates) {
    if (c.fingerprint == info.fingerprint) return {{"RepeatCertId", id}};
  }
  return {{"RepeatCertId", ""}};
}

json describe_certificate(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  advance_issuance(world, cert, true);
  advance_revocation(world, cert, true);
  json view = certificate_view(world, cert);
  // Settings::tag_lag_reads: the tags as they were before the last ModifyResourceTags.
  if (auto lag = world.lagging_tags.find(cert.id); lag != world.lagging_tags.end()) {
    view["Tags"] = tags_json(lag->second.tags);
    if (--lag->second.reads_left <= 0) world.lagging_tags.erase(lag);
  }
  return view;
}

json describe_certificate_detail(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  advance_issuance(world, cert, true);
  advance_revocation(world, cert, true);
  return certificate_detail_view(world, cert);
}

bool contains_ci(const std::string& haystack, const std::string& needle) {
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [](char a, char b) { return std::tolower(a) == std::tolower(b); });
  return it != haystack.end();
}

json describe_certificates(World& world, const Params& p, const RequestMeta&) {
  const auto offset = p.int_or("Offset", 0);
  auto limit = p.int_or("Limit", 10);
  if (offset < 0 || limit < 0) throw ApiFailure("InvalidParameterValue", "Offset/Limit < 0.");
  limit = std::min<std::int64_t>(limit, 1000);
  const auto search = p.opt_str("SearchKey");
  const auto type = p.opt_str("CertificateType");
  const auto project = p.opt_int("ProjectId");
  const auto statuses = p.int_list("CertificateStatus");
  const auto deployable = p.opt_int("Deployable");
  const auto upload = p.opt_int("Upload");
  const auto renew = p.opt_int("Renew");
  const auto source = p.opt_str("FilterSource");
  const auto is_sm = p.opt_int("IsSM");
  const auto expiring = p.opt_int("FilterExpiring");
  const auto hostable = p.opt_int("Hostable");
  const auto tags = tags_from(p.raw("Tags"));
  const auto pending = p.opt_int("IsPendingIssue");
  const auto ids = p.str_list("CertIds", false);
  const auto sort = p.opt_str("ExpirationSort");
  if (sort && !sort->empty() && *sort != "ASC" && *sort != "DESC") {
    throw ApiFailure("InvalidParameterValue", "ExpirationSort must be ASC or DESC.");
  }
  const std::int64_t now = world.now();

  std::vector<Certificate*> matches;
  for (auto& [id, c] : world.state.certificates) {
    advance_issuance(world, c, false);
    advance_revocation(world, c, false);
    const int status = effective_status(c, now);
    if (search && !search->empty() && !contains_ci(c.id, *search) &&
        !contains_ci(c.alias, *search) && !contains_ci(c.domain, *search)) {
      continue;
    }
    if (type && !type->empty() && c.type != *type) continue;
    if (project && c.project_id != *project) continue;
    if (!statuses.empty() &&
        std::find(statuses.begin(), statuses.end(), status) == statuses.end()) {
      continue;
    }
    if (deployable && *deployable == 1 && !(c.deployable && status == 1)) continue;
    if (deployable && *deployable == 0 && c.deployable && status == 1) continue;
    if (upload && *upload == 1 && c.from != "upload") continue;
    if (renew && *renew == 1 && !(c.is_free && status == 1)) continue;
    if (source && *source == "upload" && c.from != "upload") continue;
    if (source && *source == "buy" && c.from == "upload") continue;
    if (is_sm && *is_sm == 1) continue;  // the simulator holds no SM certificates
    if (expiring && *expiring == 1 && !(c.not_after > now && c.not_after - now <= 30 * 86400)) {
      continue;
    }
    if (hostable && *hostable == 1 && !(status == 1 && c.type == "SVR")) continue;
    if (pending && *pending == 1 && !(c.status == 0 || c.status == 4)) continue;
    if (!ids.empty() && std::find(ids.begin(), ids.end(), c.id) == ids.end()) continue;
    // Lambdas see the tags through a plain reference: clang before 16 cannot capture a
    // structured binding.
    const std::vector<Tag>& cert_tags = c.tags;
    bool tags_ok = std::all_of(tags.begin(), tags.end(), [&](const Tag& want) {
      return std::any_of(cert_tags.begin(), cert_tags.end(), [&](const Tag& have) {
        return have.key == want.key && (want.value.empty() || have.value == want.value);
      });
    });
    if (!tags_ok) continue;
    matches.push_back(&c);
  }
  if (sort && !sort->empty()) {
    const bool asc = *sort == "ASC";
    std::stable_sort(matches.begin(), matches.end(), [&](auto* a, auto* b) {
      return asc ? a->not_after < b->not_after : a->not_after > b->not_after;
    });
  } else {  // application time, newest first; ids break ties for a stable paging order
    std::stable_sort(matches.begin(), matches.end(), [](auto* a, auto* b) {
      return a->insert_time != b->insert_time ? a->insert_time > b->insert_time : a->id < b->id;
    });
  }
  json list = json::array();
  for (std::size_t i = static_cast<std::size_t>(offset);
       i < matches.size() && list.size() < static_cast<std::size_t>(limit); ++i) {
    list.push_back(certificate_list_item(world, *matches[i]));
  }
  return {{"TotalCount", matches.size()}, {"Certificates", list}};
}

json modify_alias(World& world, const Params& p, const RequestMeta&) {
  Certificate& cert = world.certificate(p.str("CertificateId"));
  cert.alias = p.str_or("Alias", "");
  return {{"CertificateId", cert.id}};
}

json modify_project(World& world, const Params& p, const RequestMeta&) {
  const auto ids = p.str_list("CertificateIdList", true);
  if (ids.size() > 100) {
    throw ApiFailure("FailedOperation.InvalidParam", "At most 100 certificates per call.");
  }
  const auto project = p.integer("ProjectId");
  json ok = json::array(), failed = json::array();
  for (const auto& id : ids) {
    if (Certificate* c = world.find_certificate(id)) {
      c->project_id = project;
      ok.push_back(id);
    } else {
      failed.push_back(id);
    }
  }
  return {{"SuccessCertificates", ok}, {"FailCertificates", failed}};
}

json modify_notification_switch(World& world, const Params& p, const RequestMeta&) {
  const auto ids = p.str_list("CertificateIds", true);
  if (ids.size() > 50) {
    throw ApiFailure("InvalidParameter.CertificatesNumberExceeded", "At most 50 certificates.");
  }
  const auto sw = p.integer("SwitchStatus");
  if (sw != 0 && sw != 1) throw ApiFailure("InvalidParameterValue", "SwitchStatus must be 0 or 1.");
  for (const auto& id : ids) world.certificate(id);  // all or nothing
  for (const auto& id : ids) world.certificate(id).is_ignore = sw == 1;
  return {{"CertificateIds", ids}};
}

// The common name of a one-line X.509 name ("C = CN, CN = www.example.com"), else the name.
std::string common_name_of(const std::string& name) {
  const auto at = name.find("CN = ");
  if (at == std::string::npos) return name;
  const auto start = at + 5;
  const auto end = name.find(", ", start);
  return name.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// Chains: each certificate's common name, as the seed's example answers. IsValid: each
// certificate is issued by the next, and a lone certificate is self-signed (else its
// intermediates are missing). IsTrustedCA: the simulator has no trust store; a chain is
// trusted unless it is a single self-signed certificate or an issuer is listed in the
// untrusted_issuers setting (simulator/README.md).
json check_certificate_chain(World& world, const Params& p, const RequestMeta&) {
  CertInfo info;
  try {
    info = parse_certificate(p.str("CertificateChain"));
  } catch (const ApiFailure&) {
    throw ApiFailure("FailedOperation.CertificateInvalid", "The chain does not parse.");
  }
  json names = json::array();
  for (const auto& c : info.chain) names.push_back(common_name_of(c.subject));
  bool valid = true;
  for (std::size_t i = 0; i + 1 < info.chain.size(); ++i) {
    valid = valid && info.chain[i].issuer == info.chain[i + 1].subject;
  }
  // A lone certificate its issuer did not sign itself lacks the intermediates.
  if (info.chain.size() == 1 && info.chain[0].issuer != info.chain[0].subject) valid = false;
  bool trusted = !(info.chain.size() == 1 && info.chain[0].issuer == info.chain[0].subject);
  for (const auto& c : info.chain) {
    for (const auto& untrusted : world.settings.untrusted_issuers) {
      if (common_name_of(c.issuer) == untrusted) trusted = false;
    }
  }
  return {{"IsValid", valid}, {"IsTrustedCA", trusted}, {"Chains", names}};
}

}  // namespace

void register_certificate_actions(ActionTable& t) {
  t["UploadCertificate"] = {{"CertificatePublicKey", "CertificatePrivateKey", "CertificateType",
                             "Alias", "ProjectId", "CertificateUse", "Tags", "Repeatable"},
                            upload_certificate};
  t["CheckCertificateExist"] = {{"CertificatePublicKey"}, check_certificate_exist, false};
  t["DescribeCertificate"] = {{"CertificateId"}, describe_certificate};
  t["DescribeCertificateDetail"] = {{"CertificateId"}, describe_certificate_detail};
  t["DescribeCertificates"] = {
      {"Offset", "Limit", "SearchKey", "CertificateType", "ProjectId", "ExpirationSort",
       "CertificateStatus", "Deployable", "Upload", "Renew", "FilterSource", "IsSM",
       "FilterExpiring", "Hostable", "Tags", "IsPendingIssue", "CertIds"},
      describe_certificates};
  t["ModifyCertificateAlias"] = {{"CertificateId", "Alias"}, modify_alias};
  t["ModifyCertificateProject"] = {{"CertificateIdList", "ProjectId"}, modify_project};
  t["ModifyCertificatesExpiringNotificationSwitch"] = {{"CertificateIds", "SwitchStatus"},
                                                       modify_notification_switch};
  t["CheckCertificateChain"] = {{"CertificateChain"}, check_certificate_chain, false};
}

}  // namespace cloudssl::sim
