// The /_sim admin endpoint (README "Admin endpoint"): state inspection and out-of-band
// changes for drift tests, task control, fault injection, rate limits, request counters.
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "simulator/actions/views.h"
#include "simulator/api_failure.h"
#include "simulator/instances.h"
#include "simulator/seed.h"
#include "simulator/simulator.h"
#include "simulator/task_engine.h"
#include "simulator/volcengine/certificate.h"

namespace cloudssl::sim {

namespace {

using nlohmann::json;

struct NotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

json without_secrets(json state) {
  for (auto& c : state["certificates"]) c.erase("private_pem");
  for (auto& c : state["volcengine_certificates"]) {
    c.erase("private_key");
    c.erase("csr");
  }
  for (auto& r : state["upload_update_records"]) {
    r.erase("new_private_pem");
    r.erase("old_private_pem");
  }
  return state;
}

json certificate_admin_view(const Certificate& c) {
  json j = c;
  j.erase("private_pem");
  j["has_private_key"] = !c.private_pem.empty();
  return j;
}

}  // namespace

void patch_certificate(Certificate& c, const json& patch) {
  for (const auto& [key, v] : patch.items()) {
    if (key == "Alias")
      c.alias = v.get<std::string>();
    else if (key == "ProjectId")
      c.project_id = v.get<std::int64_t>();
    else if (key == "Status")
      c.status = v.get<int>();
    else if (key == "StatusMsg")
      c.status_msg = v.get<std::string>();
    else if (key == "CertEndTime")
      c.not_after = parse_beijing_time(v.get<std::string>());
    else if (key == "CertBeginTime")
      c.not_before = parse_beijing_time(v.get<std::string>());
    else if (key == "IsIgnore")
      c.is_ignore = v.get<bool>();
    else if (key == "RenewOrder")
      c.renew_order = v.get<std::string>();
    else if (key == "AllowDownload")
      c.allow_download = v.get<bool>();
    else if (key == "Deployable")
      c.deployable = v.get<bool>();
    else if (key == "AutoRenewFlag")
      c.auto_renew_flag = v.get<int>();
    else if (key == "Tags")
      c.tags = tags_from(v);
    else if (key == "OrderId" && c.is_paid)  // a paid order placed again outside the provider
      c.paid.order_id = v.get<std::string>();
    else if (key == "HostingStatus" || key == "HostingRenewCertId" ||
             key == "HostingCompleteTime" || key == "HostingResourceTypes" ||
             key == "HostingConfig" || key == "IsHostingUploadRenewCert") {
      c.hosting[key] = v;
    } else {
      throw std::invalid_argument("cannot patch certificate member " + key);
    }
  }
}

namespace {

// A fault rule's certificate_patches, checked when the rule is set (a bad one would otherwise
// surface only when the rule fires, as an InternalError of the provider's call): per id, a patch
// that applies to a certificate. std::invalid_argument or a json type error (400) when not.
void check_certificate_patches(const json& patches) {
  if (patches.is_null()) return;
  if (!patches.is_object())
    throw std::invalid_argument("certificate_patches must map certificate ids to patches");
  for (const auto& [id, patch] : patches.items()) {
    if (!patch.is_object())
      throw std::invalid_argument("certificate_patches." + id + " must be an object");
    Certificate scratch;
    scratch.is_paid = true;  // OrderId patches only a paid order
    try {
      patch_certificate(scratch, patch);
    } catch (const std::exception& e) {
      throw std::invalid_argument("certificate_patches." + id + ": " + e.what());
    }
  }
}

std::string key_text(const std::string& k) { return k; }
std::string key_text(std::int64_t k) { return std::to_string(k); }
std::string id_text(const json& id) { return id.is_string() ? id.get<std::string>() : id.dump(); }

// Calls `fn` on the task with `id` (any JSON number or string), or on all when id is null.
template <typename Map, typename Fn>
int for_tasks(Map& tasks, const json& id, Fn&& fn) {
  int n = 0;
  for (auto& [key, task] : tasks) {
    if (!id.is_null() && key_text(key) != id_text(id)) continue;
    fn(task);
    ++n;
  }
  return n;
}

}  // namespace

HttpReply Simulator::handle_admin(const std::string& method, const std::string& path,
                                  const std::map<std::string, std::string>& query,
                                  const std::string& body) {
  HttpReply reply;
  try {
    json parsed = body.empty() ? json(nullptr) : json::parse(body);
    // Invalid UTF-8 quoted from the request is replaced, not thrown (as in the API envelope).
    reply.body = admin_route(method, path, query, parsed)
                     .dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const NotFound& e) {
    reply.status = 404;
    reply.body = json{{"error", e.what()}}.dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (const std::exception& e) {
    reply.status = 400;
    reply.body = json{{"error", e.what()}}.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return reply;
}

json Simulator::admin_route(const std::string& method, const std::string& path,
                            const std::map<std::string, std::string>& query, const json& body) {
  auto q = [&](const std::string& k) {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  };
  if (path == "/health") return {{"ok", true}};
  if (path == "/faults") {
    if (method == "GET") return faults_.to_json();
    if (method == "DELETE") {
      faults_.set_rules({});
      return faults_.to_json();
    }
    auto rules = body.value("rules", json::array()).get<std::vector<FaultRule>>();
    for (const auto& rule : rules) check_certificate_patches(rule.certificate_patches);
    faults_.set_rules(std::move(rules));
    return faults_.to_json();
  }
  if (path == "/rate-limits") {
    if (method == "POST") {
      if (body.contains("enabled")) limiter_.set_enabled(body["enabled"].get<bool>());
      const json limits = body.value("limits", json::object());
      for (const auto& [action, n] : limits.items()) {
        limiter_.set_limit(action, n.get<int>());
      }
    }
    return limiter_.to_json();
  }
  if (path == "/requests") {
    if (method == "DELETE") {
      log_.clear();
      return {{"ok", true}};
    }
    const std::string since = q("since");
    return log_.to_json(q("action"), since.empty() ? 0 : std::stoull(since));
  }
  if (path == "/clock") {
    if (method == "POST") {
      // Bounded so that the clock's arithmetic cannot overflow (found by tests/fuzz).
      constexpr std::int64_t kMaxOffset = 1000LL * 366 * 86400;  // a thousand years
      const std::int64_t seconds = body.value("advance_seconds", std::int64_t{0});
      if (seconds < -kMaxOffset || seconds > kMaxOffset ||
          std::abs(clock_.offset() + seconds) > kMaxOffset) {
        throw std::invalid_argument("advance_seconds: the clock moves at most 1000 years from now");
      }
      clock_.advance(seconds);
      if (body.contains("signature_skew_seconds"))
        clock_.set_signature_skew(body.at("signature_skew_seconds").get<std::int64_t>());
    }
    return {{"now", clock_.now()},
            {"now_text", beijing_time(clock_.now())},
            {"offset_seconds", clock_.offset()},
            {"signature_skew_seconds", clock_.signature_skew()}};
  }

  std::lock_guard lock(mu_);
  json result;
  if (path == "/state") {
    return without_secrets(world_.state);
  } else if (path == "/caches" && method == "DELETE") {
    world_.list_cache.clear();
    result = {{"ok", true}};
  } else if (path == "/reset" && method == "POST") {
    world_.state = State{};
    world_.list_cache.clear();
    world_.lagging_tags.clear();  // views of the certificates just removed
    if (!options_.seed_file.empty()) apply_seed(world_, read_json_file(options_.seed_file));
    result = {{"ok", true}};
  } else if (path == "/seed" && method == "POST") {
    result = {{"certificates", apply_seed(world_, body)}};
  } else if (path == "/volcengine/certificates") {
    if (method == "POST") {
      result = {{"certificates", volcengine::apply_seed(world_, body)}};
    } else {
      json list = json::array();
      for (const auto& c : world_.state.volcengine_certificates) {
        list.push_back(volcengine::admin_view(c));
      }
      return {{"certificates", list}};
    }
  } else if (path.rfind("/volcengine/certificates/", 0) == 0) {
    const std::string id = path.substr(std::string("/volcengine/certificates/").size());
    auto& store = world_.state.volcengine_certificates;
    auto it = std::find_if(store.begin(), store.end(), [&](const auto& c) { return c.id == id; });
    if (it == store.end()) throw NotFound("no volcengine certificate " + id);
    if (method == "GET") return volcengine::admin_view(*it);
    if (method != "DELETE") throw std::invalid_argument("GET or DELETE a volcengine certificate");
    store.erase(it);
    result = {{"deleted", id}};
  } else if (path.rfind("/certificates/", 0) == 0) {
    std::string rest = path.substr(std::string("/certificates/").size());
    const auto ends_with = [&](std::string_view tail) {
      return rest.size() > tail.size() &&
             rest.compare(rest.size() - tail.size(), tail.size(), tail) == 0;
    };
    const bool validate = ends_with("/validate");
    const bool letter = ends_with("/confirm-letter");
    const bool revoke_letter = ends_with("/revoke-letter");
    const std::string id = validate ? rest.substr(0, rest.size() - 9)
                           : letter ? rest.substr(0, rest.size() - std::strlen("/confirm-letter"))
                           : revoke_letter
                               ? rest.substr(0, rest.size() - std::strlen("/revoke-letter"))
                               : rest;
    Certificate* cert = world_.find_certificate(id);
    if (!cert) throw NotFound("no certificate " + id);
    if (letter && method == "POST") {
      // The confirmation letter uploaded in the console: the review goes on (seed 004,
      // UploadConfirmLetter is no longer maintained).
      if (!cert->is_paid || cert->status != 8)
        throw std::invalid_argument("certificate " + id +
                                    " does not wait for a confirmation letter (Status 8)");
      cert->status = cert->verify_type == "DNS_AUTO" ? 4 : 0;
      cert->status_msg = "PENDING-DCV";
      result = certificate_admin_view(*cert);
    } else if (revoke_letter && method == "POST") {
      // The revocation letter uploaded in the console: the revocation goes on (seed 004,
      // UploadRevokeLetter is no longer maintained).
      if (cert->status != 12)
        throw std::invalid_argument("certificate " + id +
                                    " does not wait for a revocation letter (Status 12)");
      cert->status = 9;
      result = certificate_admin_view(*cert);
    } else if (validate && method == "POST") {
      // A revocation waiting for its records, else the application's domain validation.
      if (cert->status == 9)
        cert->revoke_validated = true;
      else
        cert->dv.validated = true;
      result = certificate_admin_view(*cert);
    } else if (method == "GET") {
      return certificate_admin_view(*cert);
    } else if (method == "DELETE") {
      world_.state.certificates.erase(id);
      result = {{"deleted", id}};
    } else {
      patch_certificate(*cert, body);
      result = certificate_admin_view(*cert);
    }
  } else if (path == "/instances") {
    if (method == "POST") {
      apply_seed(
          world_,
          {{"instances",
            {{body.at("ResourceType").get<std::string>(), json::array({body.at("Instance")})}}}});
    }
    json targets = json::array();
    const std::string type = q("type");
    for (const auto& s : type.empty() ? all_slots(world_.state) : slots_of(world_.state, type)) {
      targets.push_back({{"ResourceType", s.resource_type},
                         {"Target", s.target},
                         {"Region", s.region},
                         {"CertId", s.cert_id},
                         {"Domains", s.domains}});
    }
    if (method != "POST") return {{"targets", targets}};
    result = {{"targets", targets}};
  } else if (path == "/bindings" && method == "POST") {
    const std::string type = body.at("ResourceType").get<std::string>();
    const std::string target = body.at("Target").get<std::string>();
    const std::string cert = body.value("CertificateId", "");
    if (!set_slot_certificate(world_.state, type, target, cert)) {
      throw NotFound("no " + type + " target " + target);
    }
    result = {{"ResourceType", type}, {"Target", target}, {"CertId", cert}};
  } else if (path == "/tasks") {
    json deploys = json::array(), uploads = json::array();
    for (const auto& [id, r] : world_.state.deploy_records) deploys.push_back(r);
    for (const auto& [id, r] : world_.state.upload_update_records) {
      json j = r;
      j.erase("new_private_pem");
      j.erase("old_private_pem");
      uploads.push_back(j);
    }
    json deletes = json::array(), binds = json::array();
    for (const auto& [id, t] : world_.state.delete_tasks) deletes.push_back(t);
    for (const auto& [id, t] : world_.state.bind_tasks) binds.push_back(t);
    return {{"settings", settings_to_json(world_.settings)},
            {"deploy_records", deploys},
            {"upload_update_records", uploads},
            {"delete_tasks", deletes},
            {"bind_tasks", binds}};
  } else if (path == "/tasks/config" && method == "POST") {
    patch_settings(world_.settings, body);
    result = settings_to_json(world_.settings);
  } else if ((path == "/tasks/advance" || path == "/tasks/complete") && method == "POST") {
    const bool complete = path == "/tasks/complete";
    const std::string kind = body.value("kind", "all");
    const json id = body.value("id", json(nullptr));
    const int polls = complete ? 0 : body.value("polls", 1);
    int n = 0;
    auto run = [&](auto& tasks, auto&& advance) {
      n += for_tasks(tasks, id, [&](auto& task) {
        for (int i = 0; i < polls; ++i) advance(task, true, false);
        if (complete) advance(task, false, true);
      });
    };
    if (kind == "deploy" || kind == "update" || kind == "all") {
      run(world_.state.deploy_records, [&](DeployRecord& r, bool poll, bool now) {
        if (kind == "all" || r.family == kind) advance_deploy_record(world_, r, poll, now);
      });
    }
    if (kind == "upload_update" || kind == "all") {
      run(world_.state.upload_update_records, [&](UploadUpdateRecord& r, bool poll, bool now) {
        advance_upload_update_record(world_, r, poll, now);
      });
    }
    if (kind == "delete" || kind == "all") {
      run(world_.state.delete_tasks,
          [&](DeleteTask& t, bool poll, bool now) { advance_delete_task(world_, t, poll, now); });
    }
    if (kind == "bind" || kind == "all") {
      run(world_.state.bind_tasks,
          [&](BindTask& t, bool poll, bool now) { advance_bind_task(world_, t, poll, now); });
    }
    if (kind == "issuance" || kind == "all") {
      for (auto& [cid, c] : world_.state.certificates) {
        if (!id.is_null() && cid != id_text(id)) continue;
        for (int i = 0; i < polls; ++i) advance_issuance(world_, c, true);
        if (complete) advance_issuance(world_, c, false, true);
      }
    }
    if (kind == "revocation" || kind == "all") {
      for (auto& [cid, c] : world_.state.certificates) {
        if (!id.is_null() && cid != id_text(id)) continue;
        for (int i = 0; i < polls; ++i) advance_revocation(world_, c, true);
        if (complete) advance_revocation(world_, c, false, true);
      }
    }
    result = {{"matched", n}};
  } else {
    throw NotFound("no admin route " + method + " /_sim" + path);
  }
  persist();
  return result;
}

}  // namespace cloudssl::sim
