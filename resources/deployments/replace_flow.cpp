#include "resources/deployments/replace_flow.h"

#include <algorithm>

#include "api/core/api_error.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/validators.h"
#include "provider/log/logger.h"
#include "resources/common/call_options.h"
#include "resources/deployments/deploy_targets.h"

namespace cloudssl::deployments {

using codec::Type;
using codec::Value;

const std::vector<std::string>& replaceable_types() {
  static const std::vector<std::string> types = {"clb",        "cdn", "waf", "live", "ddos", "teo",
                                                 "apigateway", "vod", "tke", "tcb",  "tse",  "cos"};
  return types;
}

bool replaceable(std::string_view type) {
  const auto& types = replaceable_types();
  return std::find(types.begin(), types.end(), type) != types.end();
}

bool region_aware(std::string_view type) { return replaceable(type) && region_required(type); }

namespace {

// UpdateCertificateInstance allows one running update per old certificate.
constexpr const char* kUpdateLock = "update";

bool stopped(const api::ApiError& e) {
  return e.error_class() == api::ErrorClass::Cancelled ||
         e.error_class() == api::ErrorClass::DeadlineExceeded;
}

ReplaceOutcome wait(const ReplaceSession& s, std::int64_t record_id) {
  ReplaceOutcome out;
  out.record_id = record_id;
  auto w = wait_for_record(s.client, RecordKind::Update, record_id, s.ctx, s.poll);
  out.progress = std::move(w.progress);
  out.interrupted = w.outcome != api::PollOutcome::Done;
  out.cancelled = w.outcome == api::PollOutcome::Cancelled;
  return out;
}

ReplaceOutcome interrupted(std::int64_t record_id, const framework::Context& ctx) {
  ReplaceOutcome out;
  out.record_id = record_id;
  out.interrupted = true;
  out.cancelled = ctx.cancel.cancelled();
  return out;
}

// The newest update record moving `old_id` to `new_id`, if any.
std::optional<api::UpdateRecordInfo> latest_record(const ReplaceSession& s,
                                                   const std::string& new_id,
                                                   const std::string& old_id) {
  auto list = api::describe_host_update_record(s.client, new_id, old_id, 0, 10,
                                               common::call_options(s.ctx));
  std::optional<api::UpdateRecordInfo> best;
  for (const auto& r : list.records) {
    if (!r.old_cert_id.empty() && r.old_cert_id != old_id) continue;
    if (!r.cert_id.empty() && r.cert_id != new_id) continue;
    if (!best || r.id > best->id) best = r;
  }
  return best;
}

// The creation loop (§3.3 step 1): the same call until DeployRecordId > 0.
std::optional<std::int64_t> create_record(const ReplaceSession& s, const ReplaceRequest& r,
                                          bool& empty) {
  api::UpdateCertificateInstanceRequest request{r.old_certificate_id, r.certificate_id,
                                                r.resource_types, r.resource_types_regions,
                                                r.expiring_notification_switch};
  std::int64_t record_id = 0;
  api::PollOptions options = common::poll_options(
      s.ctx, "update task creation for " + r.old_certificate_id + " → " + r.certificate_id);
  options.first_interval = s.poll.first_interval;
  options.max_interval = s.poll.max_interval;
  options.backoff = s.poll.backoff;
  auto report = api::poll_until_done(
      [&]() -> api::PollResult {
        try {
          auto created =
              api::update_certificate_instance(s.client, request, common::call_options(s.ctx));
          if (created.deploy_record_id > 0) {
            record_id = created.deploy_record_id;
            return {api::PollResult::State::Done, "record " + std::to_string(record_id)};
          }
          std::string progress = "enumerating bound resources";
          for (const auto& p : created.update_sync_progress)
            for (const auto& reg : p.regions)
              progress += " " + p.resource_type + "/" + reg.region + " " +
                          std::to_string(reg.offset_count) + "/" + std::to_string(reg.total_count);
          return {api::PollResult::State::Pending, progress};
        } catch (const api::ApiError& e) {
          if (api::deploy_instance_empty(e)) {
            empty = true;
            return {api::PollResult::State::Failed, e.message()};
          }
          throw;
        }
      },
      options);
  if (report.outcome != api::PollOutcome::Done) return std::nullopt;
  return record_id;
}

std::string describe_item(const api::RecordDetail& d) {
  std::string s = d.resource_type.empty() ? "target" : d.resource_type;
  if (!d.instance_id.empty()) s += " " + d.instance_id;
  if (!d.listener_id.empty()) s += "/" + d.listener_id;
  if (!d.bucket.empty()) s += " " + d.bucket;
  if (!d.namespace_name.empty()) s += " " + d.namespace_name + "/" + d.secret_name;
  if (!d.domains.empty()) {
    s += " (";
    for (std::size_t i = 0; i < d.domains.size(); ++i) s += (i ? ", " : "") + d.domains[i];
    s += ")";
  }
  if (!d.region.empty()) s += " in " + d.region;
  return s;
}

}  // namespace

ReplaceOutcome start_replacement(const ReplaceSession& s, const ReplaceRequest& r) {
  auto guard = s.locks.acquire(r.old_certificate_id, kUpdateLock, s.ctx.cancel, s.ctx.deadline);
  if (!guard.owns()) return interrupted(0, s.ctx);

  // An earlier apply's record for the same pair: resume it or retry its failures in place.
  const auto latest = latest_record(s, r.certificate_id, r.old_certificate_id);
  if (latest) {
    auto seen = observe_record(s.client, RecordKind::Update, latest->id, s.ctx);
    if (!api::record_finished(seen)) return wait(s, latest->id);
    if (!api::failed_details(seen).empty()) {
      api::update_certificate_record_retry(s.client, latest->id, std::nullopt,
                                           common::call_options(s.ctx));
      return wait(s, latest->id);
    }
  }
  bool empty = false;
  std::optional<std::int64_t> record_id;
  try {
    record_id = create_record(s, r, empty);
  } catch (const api::ApiError& e) {
    if (stopped(e)) return interrupted(0, s.ctx);
    throw;
  }
  if (!record_id) {
    if (empty && latest) return wait(s, latest->id);  // everything moved already: that record
    if (empty) {
      ReplaceOutcome out;
      out.nothing_to_move = true;
      return out;
    }
    return interrupted(0, s.ctx);
  }
  return wait(s, *record_id);
}

ReplaceOutcome continue_replacement(const ReplaceSession& s, const std::string& old_certificate_id,
                                    std::int64_t record_id, bool retry_failed) {
  auto guard = s.locks.acquire(old_certificate_id, kUpdateLock, s.ctx.cancel, s.ctx.deadline);
  if (!guard.owns()) return interrupted(record_id, s.ctx);
  if (retry_failed) {
    auto seen = observe_record(s.client, RecordKind::Update, record_id, s.ctx);
    if (api::record_finished(seen) && !api::failed_details(seen).empty()) {
      try {
        api::update_certificate_record_retry(s.client, record_id, std::nullopt,
                                             common::call_options(s.ctx));
      } catch (const api::ApiError& e) {
        if (stopped(e)) return interrupted(record_id, s.ctx);
        log::info("update retry refused", {{"record", record_id}, {"code", e.code()}});
      }
    }
  }
  return wait(s, record_id);
}

ReplaceOutcome rollback_replacement(const ReplaceSession& s, const std::string& old_certificate_id,
                                    std::int64_t record_id) {
  auto guard = s.locks.acquire(old_certificate_id, kUpdateLock, s.ctx.cancel, s.ctx.deadline);
  if (!guard.owns()) return interrupted(0, s.ctx);
  const auto rollback_id =
      api::update_certificate_record_rollback(s.client, record_id, common::call_options(s.ctx));
  return wait(s, rollback_id);
}

std::string replacement_status(const ReplaceOutcome& o) {
  if (o.interrupted || !api::record_finished(o.progress)) return "running";
  if (!api::failed_details(o.progress).empty() || o.progress.failed_total_count > 0)
    return "failed";
  return "succeeded";
}

std::vector<std::string> failed_items(const api::RecordProgress& progress) {
  std::vector<std::string> out;
  for (const auto& d : api::failed_details(progress))
    out.push_back(describe_item(d) + ": " + (d.error_msg.empty() ? "failed" : d.error_msg));
  return out;
}

const framework::ResultFields& replacement_target_fields() {
  static const framework::ResultFields fields{
      {"resource_type", Type::string(), "The product (clb, cdn, waf, …)."},
      {"region", Type::string(), "The target's region for region-aware products, else empty."},
      {"instance_id", Type::string(),
       "The instance as the API names it (load balancer id, domain, …)."},
      {"listener_id", Type::string(), "The CLB listener, when the target is one."},
      {"domains", Type::list(Type::string()), "The target's domains, where the API lists them."},
      {"status", Type::string(),
       "pending, running, succeeded, failed, rolled_back, rollback_failed or no_resource."},
      {"detail_id", Type::number(),
       "The item's id in its record (what a retry or a rollback names)."},
      {"message", Type::string(), "The API's message for a failed item, else empty."},
  };
  return fields;
}
Value replacement_targets(const api::RecordProgress& progress) {
  auto name = [](std::int64_t s) -> std::string {
    switch (s) {
      case 0:
        return "pending";
      case 1:
        return "succeeded";
      case 2:
        return "failed";
      case 3:
        return "running";
      case 4:
        return "rolled_back";
      case 5:
        return "rollback_failed";
      case 6:
        return "no_resource";
      default:
        return "unknown(" + std::to_string(s) + ")";
    }
  };
  std::vector<Value> items;
  auto details = progress.details;
  std::sort(details.begin(), details.end(),
            [](const api::RecordDetail& a, const api::RecordDetail& b) { return a.id < b.id; });
  for (const auto& d : details) {
    std::vector<Value> domains;
    for (const auto& dom : d.domains) domains.push_back(Value::string(dom));
    items.push_back(Value::object(replacement_target_fields().type(),
                                  {{"resource_type", Value::string(d.resource_type)},
                                   {"region", Value::string(d.region)},
                                   {"instance_id", Value::string(d.instance_id)},
                                   {"listener_id", Value::string(d.listener_id)},
                                   {"domains", Value::list(Type::string(), std::move(domains))},
                                   {"status", Value::string(name(d.status))},
                                   {"detail_id", Value::number(d.id)},
                                   {"message", Value::string(d.error_msg)}}));
  }
  return Value::list(replacement_target_fields().type(), std::move(items));
}

std::vector<framework::Attribute> with_record_progress_attributes(
    std::vector<framework::Attribute> attributes, std::string_view succeeded) {
  attributes.push_back(framework::optional_argument("deploy_record_id", Type::number(),
                                                    "Also read this record's per-target details.",
                                                    {framework::validators::int_at_least(0)}));
  attributes.push_back(framework::read_only("details", replacement_target_fields().attributes(),
                                            framework::Nesting::List,
                                            "The record's targets (deploy_record_id set)."));
  attributes.push_back(framework::read_only(
      "success_count", Type::number(),
      "Targets of the record that " + std::string(succeeded) + " (0 without deploy_record_id)."));
  attributes.push_back(
      framework::read_only("failed_count", Type::number(),
                           "Targets of the record that failed (0 without deploy_record_id)."));
  attributes.push_back(framework::read_only(
      "running_count", Type::number(),
      "Targets of the record still pending or running (0 without deploy_record_id)."));
  return attributes;
}

Value with_record_progress(const Value& object, const api::RecordProgress& progress) {
  return object.with("details", replacement_targets(progress))
      .with("success_count", Value::number(progress.success_total_count))
      .with("failed_count", Value::number(progress.failed_total_count))
      .with("running_count", Value::number(progress.running_total_count));
}

}  // namespace cloudssl::deployments
