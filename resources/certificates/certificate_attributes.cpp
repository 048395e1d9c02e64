#include "resources/certificates/certificate_attributes.h"

#include <algorithm>

#include "api/tencent/ssl/certificate_actions.h"
#include "resources/common/call_options.h"

namespace cloudssl::certificates {

AliasAndProject alias_and_project_changes(const codec::Value& prior, const codec::Value& planned) {
  AliasAndProject change;
  if (!(planned.at("alias") == prior.at("alias")))
    change.alias = planned.get_string("alias").value_or("");
  if (!(planned.at("project_id") == prior.at("project_id")))
    change.project_id = planned.get_int("project_id").value_or(0);
  return change;
}

void update_alias_and_project(api::Client& client, const std::string& id,
                              const AliasAndProject& change, const framework::Context& ctx,
                              framework::Diagnostics& d) {
  if (change.alias)
    api::modify_certificate_alias(client, id, *change.alias, common::call_options(ctx));
  if (!change.project_id) return;
  auto result =
      api::modify_certificate_project(client, {id}, *change.project_id, common::call_options(ctx));
  const auto& failed = result.fail_certificates;
  if (std::find(failed.begin(), failed.end(), id) != failed.end())
    d.error("Certificate " + id + " was not moved to the project",
            "ModifyCertificateProject reported it as failed.", codec::Path::root("project_id"));
}

}  // namespace cloudssl::certificates
