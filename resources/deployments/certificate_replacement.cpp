// cloudssl_certificate_replacement: move every cloud resource bound to an old certificate
// onto a new one ("one-click update", UpdateCertificateInstance), polled to the end.
//
// Create starts the update task (calling again while the API answers DeployRecordId 0, as
// documented) and waits for DescribeHostUpdateRecordDetail to show no item pending or
// running. Failed items are named in one error; the next apply retries them in the same record
// (UpdateCertificateRecordRetry). A record an interrupted apply left running is waited for, not
// started again. Destroy keeps the resources on the new certificate (`on_destroy = "keep"`) or
// rolls the record back (`"rollback"`, UpdateCertificateRecordRollback).
#include <memory>

#include "api/core/api_error.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"
#include "resources/deployments/deploy_locks.h"
#include "resources/deployments/deploy_targets.h"
#include "resources/deployments/factories.h"
#include "resources/deployments/on_destroy.h"
#include "resources/deployments/replace_flow.h"

namespace cloudssl::deployments {
namespace {

using namespace common::schema_names;

class CertificateReplacement final : public framework::Resource,
                                     public framework::ResourceWithModifyPlan {
 public:
  framework::Schema schema() const override {
    framework::Block block{
        .attributes =
            {
                framework::read_only_kept("id", Type::string(), "The update record id."),
                common::replacing_certificate_id_argument(
                    "old_certificate_id", "The certificate whose bound resources move."),
                common::replacing_certificate_id_argument("certificate_id",
                                                          "The certificate they move to."),
                {.name = "resource_types",
                 .type = Type::set(Type::string()),
                 .required = true,
                 .description =
                     "Resource types to move: clb, cdn, waf, live, ddos, teo, apigateway, "
                     "vod, tke, tcb, tse, cos.",
                 .requires_replace = true,
                 .validators = {v::size_at_least(1),
                                v::each(v::one_of(
                                    replaceable_types(),
                                    "UpdateCertificateInstance does not move the others"))}},
                {.name = "resource_types_regions",
                 .type = Type::map(Type::set(Type::string())),
                 .optional = true,
                 .description =
                     "Regions per resource type; required for clb, tke, apigateway, waf, "
                     "tcb, tse and cos.",
                 .requires_replace = true},
                {.name = "ignore_expiring_notifications",
                 .type = Type::boolean(),
                 .optional = true,
                 .description = "Silence the old certificate's expiry reminders "
                                "(ExpiringNotificationSwitch).",
                 .requires_replace = true},
                on_destroy_attribute("\"keep\" (default): destroy leaves the resources on the new "
                                     "certificate; \"rollback\": destroy moves them back."),
                framework::read_only("deploy_record_id", Type::number(), "The update record."),
                framework::read_only("status", Type::string(),
                                     "succeeded, failed or running (an interrupted apply)."),
                framework::read_only("success_count", Type::number(), "How many targets moved."),
                framework::read_only(
                    "failed_count", Type::number(),
                    "How many targets failed to move (named in the error; the next "
                    "apply retries them)."),
                framework::read_only("targets", replacement_target_fields().attributes(),
                                     framework::Nesting::List, "Every item of the record."),
            },
        .description = "Moves the resources bound to one certificate onto another."};
    block.blocks.push_back(framework::timeouts_block({"create", "update", "delete"}));
    return {.version = 0, .block = std::move(block)};
  }

  void validate(const framework::ValidateRequest& req, Diagnostics& diags) const override {
    const Value& types = req.config.at("resource_types");
    if (!types.is_known() || types.is_null()) return;
    const Value& regions = req.config.at("resource_types_regions");
    for (const auto& t : types.elements()) {
      if (!t.is_known()) continue;
      const std::string type = t.as_string();
      if (region_aware(type) && regions.is_known() && (regions.is_null() || !regions.has(type)))
        diags.error("Missing regions",
                    "resource_types_regions must list the regions for \"" + type +
                        "\" (the API "
                        "requires them for region-aware types).",
                    Path::root("resource_types_regions"));
    }
  }

  // A record still running (interrupted apply) or with failed items plans an update: the
  // next apply waits for it or retries the failures.
  void modify_plan(framework::PlanRequest& req, Diagnostics&) const override {
    if (req.prior.is_null() || req.config.is_null()) return;
    const auto status = req.prior.get_string("status").value_or("");
    if (status == "running" || status == "failed") {
      for (const char* name : {"status", "success_count", "failed_count", "targets"})
        req.planned = req.planned.with(name, Value::unknown(req.planned.at(name).type()));
    }
  }

  Value create(const framework::CreateRequest& req, Diagnostics& diags) override {
    auto& client = common::ssl_client(req.ctx);
    ReplaceSession session{client, deploy_locks(req.ctx), req.ctx};
    ReplaceOutcome outcome;
    try {
      outcome = start_replacement(session, request_of(req.planned));
    } catch (const api::ApiError& e) {
      diags.error("Replacement could not start", e.code() + ": " + e.message());
      return Value::null(req.planned.type());
    }
    if (outcome.nothing_to_move) {
      diags.error("Nothing to replace",
                  "No resource of the listed types holds certificate " +
                      req.planned.get_string("old_certificate_id").value_or("") +
                      " (FailedOperation.CertificateDeployInstanceEmpty).");
      return Value::null(req.planned.type());
    }
    if (outcome.record_id == 0) {
      diags.error(req.ctx.cancel.cancelled() ? "Replacement interrupted" : "Replacement timed out",
                  "The update task was not created yet; the next apply starts it again.");
      return Value::null(req.planned.type());
    }
    return finish(req.planned, outcome, req.ctx, diags);
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics&) override {
    const auto record_id = req.state.get_int("deploy_record_id").value_or(0);
    if (record_id <= 0) return req.state;
    auto& client = common::ssl_client(req.ctx);
    ReplaceOutcome seen;
    seen.record_id = record_id;
    try {
      seen.progress = observe_record(client, RecordKind::Update, record_id, req.ctx);
    } catch (const api::ApiError& e) {
      if (api::record_not_found(e)) return std::nullopt;
      throw;
    }
    return with_outcome(req.state, seen);
  }

  Value update(const framework::UpdateRequest& req, Diagnostics& diags) override {
    const auto status = req.prior.get_string("status").value_or("");
    const auto record_id = req.prior.get_int("deploy_record_id").value_or(0);
    if ((status != "running" && status != "failed") || record_id <= 0)
      return req.planned.with("status", req.prior.at("status"))
          .with("success_count", req.prior.at("success_count"))
          .with("failed_count", req.prior.at("failed_count"))
          .with("targets", req.prior.at("targets"));
    auto& client = common::ssl_client(req.ctx);
    ReplaceSession session{client, deploy_locks(req.ctx), req.ctx};
    auto outcome =
        continue_replacement(session, req.planned.get_string("old_certificate_id").value_or(""),
                             record_id, status == "failed");
    return finish(req.planned, outcome, req.ctx, diags);
  }

  void remove(const framework::DeleteRequest& req, Diagnostics& diags) override {
    if (!rolls_back(req.prior)) return;
    const auto record_id = req.prior.get_int("deploy_record_id").value_or(0);
    if (record_id <= 0) return;
    auto& client = common::ssl_client(req.ctx);
    ReplaceSession session{client, deploy_locks(req.ctx), req.ctx};
    ReplaceOutcome outcome;
    try {
      outcome = rollback_replacement(
          session, req.prior.get_string("old_certificate_id").value_or(""), record_id);
    } catch (const api::ApiError& e) {
      if (api::rollback_status_invalid(e)) {
        diags.warning("Nothing to roll back", e.message());
        return;
      }
      throw;
    }
    if (outcome.interrupted) {
      diags.error("Rollback interrupted",
                  "Rollback record " + std::to_string(outcome.record_id) + " is still running.");
      return;
    }
    const auto failures = failed_items(outcome.progress);
    if (!failures.empty()) {
      std::string list;
      for (const auto& f : failures) list += "\n- " + f;
      diags.error("Rollback failed for " + std::to_string(failures.size()) + " target(s)",
                  "Rollback record " + std::to_string(outcome.record_id) + ":" + list);
    }
  }

 private:
  static ReplaceRequest request_of(const Value& planned) {
    ReplaceRequest r;
    r.old_certificate_id = planned.get_string("old_certificate_id").value_or("");
    r.certificate_id = planned.get_string("certificate_id").value_or("");
    for (const auto& t : planned.at("resource_types").elements())
      r.resource_types.push_back(t.as_string());
    const Value& regions = planned.at("resource_types_regions");
    if (!regions.is_null())
      for (const auto& [type, set] : regions.entries()) {
        api::ResourceTypeRegions rr{type, {}};
        for (const auto& reg : set.elements()) rr.regions.push_back(reg.as_string());
        r.resource_types_regions.push_back(std::move(rr));
      }
    if (auto ignore = planned.get_bool("ignore_expiring_notifications"))
      r.expiring_notification_switch = *ignore ? 1 : 0;
    return r;
  }

  static Value with_outcome(const Value& base, const ReplaceOutcome& o) {
    return base.with("id", Value::string(std::to_string(o.record_id)))
        .with("deploy_record_id", Value::number(o.record_id))
        .with("status", Value::string(replacement_status(o)))
        .with("success_count", Value::number(o.progress.success_total_count))
        .with("failed_count", Value::number(o.progress.failed_total_count))
        .with("targets", replacement_targets(o.progress));
  }

  static Value finish(const Value& planned, const ReplaceOutcome& o, const framework::Context& ctx,
                      Diagnostics& diags) {
    if (o.interrupted) {
      diags.error(
          ctx.cancel.cancelled() ? "Replacement interrupted" : "Replacement timed out",
          "Update record " + std::to_string(o.record_id) +
              " is still running; its id is saved in state and the next apply waits for it.");
    }
    const auto failures = failed_items(o.progress);
    if (!failures.empty()) {
      std::string list;
      for (const auto& f : failures) list += "\n- " + f;
      diags.error(std::to_string(failures.size()) + " target(s) failed to move",
                  "Update record " + std::to_string(o.record_id) + ":" + list +
                      "\nThe next apply retries them (UpdateCertificateRecordRetry).");
    }
    return with_outcome(planned, o);
  }
};

}  // namespace

std::shared_ptr<framework::Resource> make_certificate_replacement_resource() {
  return std::make_shared<CertificateReplacement>();
}

}  // namespace cloudssl::deployments
