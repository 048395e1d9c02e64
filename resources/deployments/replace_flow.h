// Moving the resources bound to an old certificate onto a new one (UpdateCertificateInstance,
// docs/design/ssl-api.md §2.5, §3.3), used by cloudssl_certificate_replacement and by
// cloudssl_hosting_config's follow_renewal. Creation is itself asynchronous: the action is
// called again with the same arguments until it answers a DeployRecordId > 0; the record is
// then polled with DescribeHostUpdateRecordDetail until no item is pending or running.
// A record an earlier (interrupted or failed) apply left behind for the same pair of
// certificates is adopted: still running → waited for; failed items → retried in place.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/tencent/ssl/deployment_actions.h"
#include "provider/codec/value.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "resources/deployments/deploy_locks.h"
#include "resources/deployments/record_wait.h"

namespace cloudssl::deployments {

// UpdateCertificateInstance's ResourceTypes in the documented order (lighthouse cannot be
// moved): clb, cdn, waf, live, ddos, teo, apigateway, vod, tke, tcb, tse, cos.
const std::vector<std::string>& replaceable_types();
bool replaceable(std::string_view type);
// The replaceable types the API needs ResourceTypesRegions for: the regional target kinds
// (TargetKind::region_required, deploy_targets.h, the one list of regional types).
bool region_aware(std::string_view type);

struct ReplaceRequest {
  std::string old_certificate_id;
  std::string certificate_id;
  std::vector<std::string> resource_types;
  std::vector<api::ResourceTypeRegions> resource_types_regions;
  std::optional<std::int64_t> expiring_notification_switch;
};

struct ReplaceOutcome {
  std::int64_t record_id = 0;
  api::RecordProgress progress;  // the last observation of the record
  bool interrupted = false;      // cancelled / out of time: the record may still run
  bool cancelled = false;
  bool nothing_to_move = false;  // CertificateDeployInstanceEmpty and no earlier record
};

struct ReplaceSession {
  api::Client& client;
  DeployLocks& locks;
  const framework::Context& ctx;
  PollSettings poll = {};
};

// Create: adopt the newest record for the pair if it still runs or has failed items, else
// start one (creation loop), then wait for it.
ReplaceOutcome start_replacement(const ReplaceSession& session, const ReplaceRequest& request);
// Update / resume: wait for `record_id`; with `retry_failed` and failed items, rerun them first
// (UpdateCertificateRecordRetry{DeployRecordId}).
ReplaceOutcome continue_replacement(const ReplaceSession& session,
                                    const std::string& old_certificate_id, std::int64_t record_id,
                                    bool retry_failed);
// UpdateCertificateRecordRollback (successful items, a new record), polled to the end.
ReplaceOutcome rollback_replacement(const ReplaceSession& session,
                                    const std::string& old_certificate_id, std::int64_t record_id);

// "running", "failed" or "succeeded" for a record observation.
std::string replacement_status(const ReplaceOutcome& outcome);
// "clb lb-1/lbl-2 (www.example.com) in ap-guangzhou: message" for each failed item.
std::vector<std::string> failed_items(const api::RecordProgress& progress);

// The computed `targets` list: one object per record item, with these fields (their object
// type and documented read-only attributes, for the resource and data source schemas).
const framework::ResultFields& replacement_target_fields();
codec::Value replacement_targets(const api::RecordProgress& progress);
// What the deploy and update record data sources share. Their listing, every page of it:
// `fetch(offset, limit)` answers one page (`records`, `total_count`).
template <class Fetch>
auto records_of_every_page(Fetch fetch) {
  constexpr std::int64_t kPage = 100;
  decltype(fetch(0, kPage).records) records;
  for (std::int64_t offset = 0;; offset += kPage) {
    auto page = fetch(offset, kPage);
    for (auto& r : page.records) records.push_back(std::move(r));
    if (page.records.empty() || offset + kPage >= page.total_count) return records;
  }
}
// `attributes` and those of the one record they show: deploy_record_id, which selects it, and
// what with_record_progress fills. `succeeded` words a succeeded target ("succeeded", "moved").
std::vector<framework::Attribute> with_record_progress_attributes(
    std::vector<framework::Attribute> attributes, std::string_view succeeded);
// The record deploy_record_id selects, read by `fetch(id)`; empty when it is unset or 0.
template <class Fetch>
api::RecordProgress selected_record_progress(const codec::Value& config, Fetch fetch) {
  const auto id = config.get_int("deploy_record_id");
  return id && *id > 0 ? fetch(*id) : api::RecordProgress{};
}
// `object` with a record's targets ("details") and its success_count, failed_count and
// running_count.
codec::Value with_record_progress(const codec::Value& object, const api::RecordProgress& progress);

}  // namespace cloudssl::deployments
