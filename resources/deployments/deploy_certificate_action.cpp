// Action cloudssl_deploy_certificate (Terraform >= 1.14: `action_trigger` on a resource change,
// or `terraform apply -invoke`): deploys a certificate to the listed targets now, through the
// same workflow as cloudssl_certificate_deployment (deploy_flow.h: targets already holding
// the certificate are skipped, another task of the certificate and type is waited out, one
// DeployCertificateInstance per type, the types in parallel, each task polled to the end),
// streaming each step and the task counts as progress while the tasks are polled.
//
// The targets are the resource's typed blocks (deploy_targets.h), checked by the same rules.
// Nothing is kept in state: the declarative resource is for bindings Terraform should keep;
// this is "deploy now", e.g. after a renewal. Failed targets complete the action with one
// error naming each; cancellation (StopProvider, or the client giving up) and the `timeout`
// stop the polling and name the tasks still running remotely.
#include <algorithm>
#include <chrono>
#include <future>
#include <string>
#include <vector>

#include "provider/framework/capabilities.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/validators.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"
#include "resources/deployments/deploy_flow.h"
#include "resources/deployments/deploy_locks.h"
#include "resources/deployments/deploy_targets.h"
#include "resources/deployments/factories.h"

namespace cloudssl::deployments {

namespace {

using namespace common::schema_names;

constexpr std::string_view kDefaultTimeout = "30m";

std::string result_text(const TargetResult& r) {
  switch (r.state) {
    case TargetState::Deployed:
      return describe(r.target) + ": deployed" +
             (r.record_id ? " (deploy record " + std::to_string(r.record_id) + ")"
                          : " (it already held the certificate)");
    case TargetState::Failed:
      return describe(r.target) + ": failed: " + r.message +
             (r.record_id ? " (deploy record " + std::to_string(r.record_id) + ")" : "");
    case TargetState::Pending:
      break;
  }
  return describe(r.target) + ": still deploying" +
         (r.record_id ? " (deploy record " + std::to_string(r.record_id) + ")" : "");
}

class DeployCertificateAction final : public framework::Action {
 public:
  framework::Schema schema() const override {
    framework::Block block{
        .attributes =
            {
                common::certificate_id_argument("certificate_id", "The certificate to deploy."),
                framework::optional_argument(
                    "region", Type::string(),
                    "Region of the targets; required for clb, waf, apigateway, cos, "
                    "lighthouse, tke, tse and tcb targets."),
                framework::optional_argument(
                    "timeout", Type::string(),
                    "How long to wait for the deploy tasks (a duration such as "
                    "\"10m\"; default \"" +
                        std::string(kDefaultTimeout) +
                        "\"). Tasks still running then keep running remotely; the "
                        "action fails naming them.",
                    {v::duration({.at_least = std::chrono::seconds(1)})}),
            },
        .blocks = target_blocks(),
        .description =
            "Deploys a certificate to the listed targets now (DeployCertificateInstance, "
            "one task per resource type), reporting progress while the tasks run."};
    return {.version = 0, .block = std::move(block)};
  }

  void validate(const framework::ValidateRequest& req, Diagnostics& d) const override {
    const Value& region = req.config.at("region");
    std::optional<std::string> known_region;
    if (!region.is_unknown()) known_region = region.is_null() ? "" : region.as_string();
    validate_targets(req.config, known_region, d);
    if (req.config.is_wholly_known() && read_targets(req.config).empty())
      d.error("No deployment target",
              "Add at least one target block (clb, cdn, ddos, live, vod, waf, teo, apigateway, "
              "tke, cos, lighthouse, tse or tcb) naming where to deploy the certificate.");
  }

  void invoke(const framework::ActionRequest& req, framework::ActionProgress& progress,
              Diagnostics& d) const override {
    const std::string cert = req.config.get_string("certificate_id").value_or("");
    const std::string region = req.config.get_string("region").value_or("");
    const auto timeout = framework::parse_duration(
        req.config.get_string("timeout").value_or(std::string(kDefaultTimeout)));
    framework::Context ctx = req.ctx;
    if (timeout) ctx.deadline = std::min(ctx.deadline, std::chrono::steady_clock::now() + *timeout);

    DeploySession session{common::ssl_client(ctx), deploy_locks(ctx), ctx, cert, region};
    session.on_progress = [&progress](const std::string& text) { progress.report(text); };

    // The API runs one task per (certificate, resource type), so the types are independent:
    // each deploys on its own thread (under its own lock), as in the deployment resource, and
    // the action takes about as long as its slowest type. Outcomes are reported in type order.
    const std::vector<Target> targets = read_targets(req.config);
    std::vector<std::future<TypeOutcome>> deploying;
    for (const auto& type : types_of(targets)) {
      std::vector<Target> of_type;
      for (const auto& t : targets)
        if (t.type == type) of_type.push_back(t);
      progress.report("Deploying certificate " + cert + " to " + std::to_string(of_type.size()) +
                      " " + type + " target(s)");
      deploying.push_back(
          std::async(std::launch::async, [&session, type, of_type = std::move(of_type)] {
            return deploy_type_guarded(session, type, of_type, {});
          }));
    }
    std::vector<std::string> failures, running;
    for (auto& future : deploying) {
      const TypeOutcome outcome = future.get();
      for (const auto& r : outcome.results) {
        progress.report(result_text(r));
        if (r.state == TargetState::Failed) failures.push_back("- " + result_text(r));
      }
      if (outcome.interrupted)
        running.push_back(outcome.type +
                          (outcome.record_id
                               ? " (deploy record " + std::to_string(outcome.record_id) + ")"
                               : ""));
    }

    if (!failures.empty()) {
      std::string detail = "Certificate " + cert + " could not be deployed to:\n";
      for (const auto& f : failures) detail += f + "\n";
      detail += "Invoke the action again to retry them once the cause is fixed.";
      d.error(std::to_string(failures.size()) + " deployment target(s) failed", detail);
    }
    if (!running.empty()) {
      std::string list;
      for (const auto& r : running) list += (list.empty() ? "" : ", ") + r;
      d.error(ctx.cancel.cancelled() ? "Deployment interrupted" : "Deployment timed out",
              "Still running on the API: " + list +
                  ". The task goes on remotely. Invoke the action again to finish (targets that "
                  "hold the certificate by then are skipped)" +
                  (ctx.cancel.cancelled() ? "." : ", or raise timeout."),
              ctx.cancel.cancelled() ? std::nullopt : std::optional(Path::root("timeout")));
    }
  }
};

}  // namespace

std::shared_ptr<framework::Action> make_deploy_certificate_action() {
  return std::make_shared<DeployCertificateAction>();
}

}  // namespace cloudssl::deployments
