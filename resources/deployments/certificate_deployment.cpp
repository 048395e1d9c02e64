// cloudssl_certificate_deployment: which cloud resources hold a certificate, as desired state.
//
// Targets are typed blocks, one kind per resource type (clb, cdn, ddos, live, vod, waf, teo,
// apigateway, tke, cos, lighthouse, tse, tcb); the provider encodes them into the API's
// InstanceIdList entries. Create and update deploy the targets not yet holding the
// certificate, one DeployCertificateInstance per type (the types in parallel), and wait for every
// task to finish (DescribeHostDeployRecordDetail). Failed targets are named in one error and left
// out of state, so the next plan adds them again (and the next apply retries their items). Refresh
// asks the DescribeHost*InstanceList listings, one per type, whether each target still holds
// the certificate: one that lost it in the console shows up in the next plan. There is no API
// to unbind: removing a target only warns, and destroy keeps the bindings (warning) or rolls
// the deploy records back (`on_destroy = "rollback"`).
//
// Import (by id "<certificate id>" or "<certificate id>:<region>", or by identity, Terraform
// >= 1.12) brings in the certificate and region with no target: the targets are configuration,
// the API cannot list every product's bindings of a certificate reliably (tse, tcb). The first
// plan after import adds the configured targets; its apply checks each against the API and
// records those already holding the certificate without deploying again.
#include <future>
#include <memory>
#include <set>

#include "api/core/api_error.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "provider/framework/capabilities.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"
#include "resources/deployments/deploy_flow.h"
#include "resources/deployments/deploy_locks.h"
#include "resources/deployments/deploy_status.h"
#include "resources/deployments/deploy_targets.h"
#include "resources/deployments/factories.h"
#include "resources/deployments/on_destroy.h"

namespace cloudssl::deployments {
namespace {

using namespace common::schema_names;

class CertificateDeployment final : public framework::Resource,
                                    public framework::ResourceWithModifyPlan,
                                    public framework::ResourceWithImport,
                                    public framework::ResourceWithIdentity {
 public:
  framework::Schema schema() const override {
    framework::Block block{
        .attributes =
            {
                framework::read_only_kept("id", Type::string(),
                                          "The certificate id, with the region when one is set."),
                common::replacing_certificate_id_argument("certificate_id",
                                                          "The certificate to deploy."),
                {.name = "region",
                 .type = Type::string(),
                 .optional = true,
                 .description = "Region of the targets; required for clb, waf, apigateway, cos, "
                                "lighthouse, tke, tse and tcb targets.",
                 .requires_replace = true},
                on_destroy_attribute(
                    "What destroy does: \"keep\" (default) leaves the certificate bound "
                    "(the API cannot unbind) and warns; \"rollback\" rolls back the "
                    "deploy records this resource created."),
                framework::read_only("target_status", status_entry_fields().attributes(),
                                     framework::Nesting::Map,
                                     "Per target, keyed \"type:instance\"."),
                framework::read_only("record_ids", Type::map(Type::number()),
                                     "The latest deploy record id per resource type."),
            },
        .blocks = target_blocks(),
        .description = "Deploys a certificate to cloud resources and keeps them holding it."};
    block.blocks.push_back(framework::timeouts_block({"create", "update", "delete"}));
    return {.version = 0, .block = std::move(block)};
  }

  void validate(const framework::ValidateRequest& req, Diagnostics& diags) const override {
    const Value& region = req.config.at("region");
    std::optional<std::string> known_region;
    if (!region.is_unknown()) known_region = region.is_null() ? "" : region.as_string();
    validate_targets(req.config, known_region, diags);
  }

  // Removing a target cannot unbind it: say so in the plan. A record left running by an
  // interrupted apply plans an update, so that the next apply waits for it.
  void modify_plan(framework::PlanRequest& req, Diagnostics& diags) const override {
    if (req.prior.is_null() || req.config.is_null()) return;
    const std::string region = req.prior.get_string("region").value_or("");
    std::set<std::string> planned_keys;
    for (const auto& t : read_targets(req.planned)) planned_keys.insert(target_key(t, region));
    for (const auto& t : read_targets(req.prior))
      if (!planned_keys.count(target_key(t, region)) && req.planned.is_wholly_known())
        diags.warning("Removed target stays bound",
                      describe(t) +
                          " keeps the certificate: the SSL API has no action to unbind "
                          "it. Bind another certificate to it to change that.",
                      Path::root(t.type));
    for (const auto& [key, e] : status_from(req.prior.at("target_status"))) {
      if (e.status == status::kPending) {
        req.planned = req.planned.with("target_status", Value::unknown(status_map_type()))
                          .with("record_ids", Value::unknown(Type::map(Type::number())));
        break;
      }
    }
  }

  framework::Timeouts default_timeouts() const override { return {}; }

  // "<certificate id>" or "<certificate id>:<region>", the form of the id attribute.
  Value import_state(const framework::ImportRequest& req, Diagnostics& d) const override {
    const auto colon = req.id.find(':');
    const std::string cert = req.id.substr(0, colon);
    const std::string region = colon == std::string::npos ? "" : req.id.substr(colon + 1);
    if (cert.empty() || (colon != std::string::npos && region.empty()) ||
        region.find(':') != std::string::npos) {
      d.error("Invalid import id",
              "Import a certificate deployment by \"<certificate id>\" or \"<certificate "
              "id>:<region>\" (the region its targets are in), for example \"a1b2C3d4:ap-"
              "guangzhou\"; got \"" +
                  req.id + "\".");
      return Value::null(framework::implied_type(schema()));
    }
    const Type type = framework::implied_type(schema());
    if (!api::find_certificate(common::ssl_client(req.ctx), cert, common::call_options(req.ctx))) {
      d.error("Cannot import a deployment of a missing certificate",
              "There is no certificate " + cert + " in the account.");
      return Value::null(type);
    }
    Value state = Value::object(type, {});
    for (const auto& [name, t] : type.attribute_types())
      if (t.kind() == Type::Kind::Set) state = state.with(name, Value::set(t.element_type(), {}));
    return state.with("id", Value::string(req.id))
        .with("certificate_id", Value::string(cert))
        .with("region", region.empty() ? Value::null(Type::string()) : Value::string(region))
        .with("on_destroy", Value::string("keep"))
        .with("record_ids", Value::map(Type::number(), {}));
  }

  // Identity (Terraform >= 1.12): the certificate and the region of its targets.
  framework::IdentitySchema identity_schema() const override {
    return {.version = 0,
            .attributes = {{.name = "certificate_id",
                            .required_for_import = true,
                            .description = "The deployed certificate's id."},
                           {.name = "region",
                            .optional_for_import = true,
                            .description = "The region of the targets, when one is set."}}};
  }
  std::optional<Value> identity_of(const Value& state, const framework::Context&) const override {
    const Value& region = state.at("region");
    return Value::object(
        framework::implied_type(identity_schema()),
        {{"certificate_id", state.at("certificate_id")},
         {"region", region.is_known() && !region.is_null() && region.as_string().empty()
                        ? Value::null(Type::string())
                        : region}});
  }
  std::string import_id(const Value& identity, const framework::Context&,
                        Diagnostics& d) const override {
    const std::string cert = identity.get_string("certificate_id").value_or("");
    const std::string region = identity.get_string("region").value_or("");
    if (cert.empty()) {
      d.error("Missing certificate id", "identity.certificate_id must be the certificate id.",
              Path::root("certificate_id"));
      return "";
    }
    return region.empty() ? cert : cert + ":" + region;
  }

  Value create(const framework::CreateRequest& req, Diagnostics& diags) override {
    return converge(Value::null(req.planned.type()), req.planned, req.ctx, diags);
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics& diags) override {
    return refresh(req.state, req.ctx, diags);
  }

  Value update(const framework::UpdateRequest& req, Diagnostics& diags) override {
    return converge(req.prior, req.planned, req.ctx, diags);
  }

  void remove(const framework::DeleteRequest& req, Diagnostics& diags) override {
    const auto statuses = status_from(req.prior.at("target_status"));
    if (!rolls_back(req.prior)) {
      diags.warning("Certificate stays deployed",
                    "on_destroy = \"keep\": the " + std::to_string(read_targets(req.prior).size()) +
                        " target(s) keep certificate " +
                        req.prior.get_string("certificate_id").value_or("") +
                        " (the SSL API has no action to unbind).");
      return;
    }
    rollback(req.prior, statuses, req.ctx, diags);
  }

 private:
  // Brings the targets of `planned` to the certificate, starting from `prior` (null: create).
  Value converge(const Value& prior, const Value& planned, const framework::Context& ctx,
                 Diagnostics& diags) const {
    const std::string cert = planned.get_string("certificate_id").value_or("");
    const std::string region = planned.get_string("region").value_or("");
    auto& client = common::ssl_client(ctx);
    DeploySession session{client, deploy_locks(ctx), ctx, cert, region};

    StatusMap prior_status = status_from(prior.is_null() ? Value() : prior.at("target_status"));
    std::set<std::string> prior_keys;
    for (const auto& t : read_targets(prior)) prior_keys.insert(target_key(t, region));

    // Kept targets stay; added ones and ones a stopped apply left pending are deployed.
    std::vector<Target> state_targets, work;
    for (const auto& t : read_targets(planned)) {
      const std::string key = target_key(t, region);
      auto it = prior_status.find(key);
      const bool pending = it != prior_status.end() && it->second.status == status::kPending;
      if (prior_keys.count(key) && !pending)
        state_targets.push_back(t);
      else
        work.push_back(t);
    }
    StatusMap next;
    for (const auto& t : state_targets)
      if (auto it = prior_status.find(target_key(t, region)); it != prior_status.end())
        next[it->first] = it->second;
    std::map<std::string, Value> record_ids;
    if (!prior.is_null() && prior.at("record_ids").is_known() && !prior.at("record_ids").is_null())
      record_ids = prior.at("record_ids").entries();

    // The API runs one task per (certificate, resource type), so the types are independent:
    // each deploys on its own thread (under its own lock) and the deployment takes about as
    // long as its slowest type, not the sum. Outcomes are taken in type order.
    std::vector<std::future<TypeOutcome>> running;
    for (const auto& type : types_of(work)) {
      std::vector<Target> of_type;
      for (const auto& t : work)
        if (t.type == type) of_type.push_back(t);
      running.push_back(
          std::async(std::launch::async, [&session, type, of_type = std::move(of_type),
                                          carried = carried_for(prior_status, type)] {
            return deploy_type_guarded(session, type, of_type, carried);
          }));
    }
    std::vector<std::string> failures, waiting;
    for (auto& future : running) {
      TypeOutcome outcome = future.get();
      const std::string& type = outcome.type;
      if (outcome.record_id > 0) record_ids[type] = Value::number(outcome.record_id);
      for (const auto& r : outcome.results) {
        next[target_key(r.target, region)] = entry_for(r, region);
        if (r.state == TargetState::Deployed || r.state == TargetState::Pending)
          state_targets.push_back(r.target);
        if (r.state == TargetState::Failed)
          failures.push_back(
              "- " + describe(r.target) + ": " + r.message +
              (r.record_id ? " (deploy record " + std::to_string(r.record_id) + ")" : ""));
      }
      if (outcome.interrupted)
        waiting.push_back(type + (outcome.record_id
                                      ? " (deploy record " + std::to_string(outcome.record_id) + ")"
                                      : ""));
    }

    if (!failures.empty()) {
      std::string detail = "The certificate could not be deployed to:\n";
      for (const auto& f : failures) detail += f + "\n";
      detail +=
          "The targets that succeeded are recorded in state; the failed ones are planned again "
          "and the next apply retries them.";
      diags.error(std::to_string(failures.size()) + " deployment target(s) failed", detail);
    }
    if (!waiting.empty()) {
      std::string list;
      for (const auto& w : waiting) list += (list.empty() ? "" : ", ") + w;
      diags.error(ctx.cancel.cancelled() ? "Deployment interrupted" : "Deployment timed out",
                  "Still running on the API: " + list +
                      ". The record ids are saved in state; the next apply waits for them instead "
                      "of deploying again.");
    }

    Value state = with_targets(planned, state_targets)
                      .with("id", Value::string(region.empty() ? cert : cert + ":" + region))
                      .with("target_status", status_value(next))
                      .with("record_ids", Value::map(Type::number(), std::move(record_ids)));
    return state;
  }

  // Read: pending records observed once; deployed targets checked against the listings.
  std::optional<Value> refresh(const Value& state, const framework::Context& ctx,
                               Diagnostics&) const {
    const std::string cert = state.get_string("certificate_id").value_or("");
    const std::string region = state.get_string("region").value_or("");
    auto& client = common::ssl_client(ctx);
    DeploySession session{client, deploy_locks(ctx), ctx, cert, region};
    StatusMap statuses = status_from(state.at("target_status"));
    std::vector<Target> targets = read_targets(state), kept;

    try {
      // Records left running: one look, no waiting (the next apply waits).
      std::map<std::int64_t, api::RecordProgress> seen;
      for (auto& [key, e] : statuses) {
        if (e.status != status::kPending || e.record_id <= 0) continue;
        if (!seen.count(e.record_id))
          seen[e.record_id] = observe_record(client, RecordKind::Deploy, e.record_id, ctx);
        const auto& progress = seen[e.record_id];
        if (!api::record_finished(progress)) continue;
        for (const auto& t : targets) {
          if (target_key(t, region) != key) continue;
          for (const auto& d : progress.details) {
            if (!detail_matches(t, region, d)) continue;
            e.detail_id = d.id;
            e.status =
                d.status == api::record_status::kSuccess ? status::kDeployed : status::kFailed;
            e.message = d.error_msg;
          }
        }
      }
      for (const auto& type : types_of(targets)) {
        std::vector<Target> of_type;
        for (const auto& t : targets)
          if (t.type == type) of_type.push_back(t);
        const auto held = held_by(session, type, of_type);
        for (std::size_t i = 0; i < of_type.size(); ++i) {
          const std::string key = target_key(of_type[i], region);
          auto& e = statuses[key];
          if (e.status == status::kFailed) continue;  // a failure seen above: planned again
          if (e.status == status::kPending || held[i].value_or(true)) {
            if (e.status.empty())
              e = {type, instance_id(of_type[i], region), status::kDeployed, 0, 0, {}};
            kept.push_back(of_type[i]);
          } else {
            e.status = status::kDrifted;
            e.message = "the target no longer holds the certificate";
          }
        }
      }
    } catch (const api::ApiError& e) {
      if (api::certificate_not_found(e)) return std::nullopt;
      throw;
    }
    return with_targets(state, kept).with("target_status", status_value(statuses));
  }

  void rollback(const Value& prior, const StatusMap& statuses, const framework::Context& ctx,
                Diagnostics& diags) const {
    auto& client = common::ssl_client(ctx);
    DeploySession session{client, deploy_locks(ctx), ctx,
                          prior.get_string("certificate_id").value_or(""),
                          prior.get_string("region").value_or("")};
    std::set<std::pair<std::string, std::int64_t>> records;
    std::vector<std::string> untouched;
    for (const auto& [key, e] : statuses) {
      if (e.status != status::kDeployed) continue;
      if (e.record_id > 0)
        records.insert({e.resource_type, e.record_id});
      else
        untouched.push_back(key);
    }
    auto outcome = rollback_records(session, {records.begin(), records.end()});
    if (!untouched.empty()) {
      std::string list;
      for (const auto& k : untouched) list += "\n- " + k;
      diags.warning("Targets not rolled back",
                    "These targets already held the certificate before this resource deployed "
                    "anything, so there is no deploy record to roll back:" +
                        list);
    }
    if (outcome.interrupted) {
      diags.error(ctx.cancel.cancelled() ? "Rollback interrupted" : "Rollback timed out",
                  "A rollback record is still running; the resource stays in state.");
      return;
    }
    if (!outcome.problems.empty()) {
      std::string list;
      for (const auto& p : outcome.problems) list += "\n- " + p;
      diags.error("Rollback failed", "The API reported:" + list);
    }
  }
};

}  // namespace

std::shared_ptr<framework::Resource> make_certificate_deployment_resource() {
  return std::make_shared<CertificateDeployment>();
}

}  // namespace cloudssl::deployments
