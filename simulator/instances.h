// Deployable cloud instances. Each resource type's instance documents (the documented
// *InstanceDetail shapes, seeded) contain "slots" that hold one certificate each: a CLB
// listener (SNI off) or rule (SNI on), a CDN domain, a TKE secret, and so on. A slot is
// addressed by its DeployCertificateInstance InstanceIdList entry (docs/design/ssl-api.md §2.4).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "simulator/model.h"

namespace cloudssl::sim {

struct Slot {
  std::string resource_type;
  std::string target;  // canonical InstanceIdList entry
  std::string region;  // "" for non-regional types
  std::vector<std::string> domains;
  std::size_t instance_index = 0;
  nlohmann::json::json_pointer cert_ptr;  // inside the instance document
  std::string cert_id;
  std::string resource_id;                         // DescribeDeployedResources "Resources" entry
  nlohmann::json info = nlohmann::json::object();  // detail-item fields
  bool https_listener_without_rules = false;
};

// Every type DeployCertificateInstance accepts, in documentation order.
const std::vector<std::string>& resource_types();
bool is_resource_type(const std::string& type);
// Types for which DeployCertificateInstance requires Region (§1.1).
bool deploy_requires_region(const std::string& type);
// Types for which UpdateCertificateInstance requires ResourceTypesRegions (§2.5).
bool update_requires_region(const std::string& type);

// InstanceIdList entry → slot key. Throws ApiFailure
// FailedOperation.CertificateDeployInstanceFormatError on a malformed entry.
std::string canonical_target(const std::string& type, const std::string& entry);

std::vector<Slot> slots_of(const State& state, const std::string& type);
std::vector<Slot> all_slots(const State& state);
std::optional<Slot> find_slot(const State& state, const std::string& type,
                              const std::string& target);
// Puts `cert_id` ("" = none) on the slot; false when the slot no longer exists.
bool set_slot_certificate(State& state, const std::string& type, const std::string& target,
                          const std::string& cert_id);

// What the API shows of a seeded instance document in its listings (DescribeHost*InstanceList,
// DescribeCertificateBindResourceTaskDetail): the document without the members only the
// simulator uses to place it (its Region, except COS, whose model has one; a Lighthouse
// instance's per-domain CertIds; a CLB TCP_SSL listener's Domains), as the SDK's
// *InstanceDetail models declare it (a listener without rules lists none).
nlohmann::json instance_view(const std::string& type, nlohmann::json doc);

}  // namespace cloudssl::sim
