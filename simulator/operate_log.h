// The account's certificate operation log (seed 004, DescribeCertificateOperateLogs): what
// the user's calls and the CA did to certificates, recorded as the API words it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "simulator/params.h"
#include "simulator/world.h"

namespace cloudssl::sim {

// Appends one entry of `type` (apply, upload, delete, revoke, revoked, issued, updateAlias,
// changeProject, cancel, replace, download) for the certificate, at the simulated time. `by_ca`:
// done by the CA or the service, not by the user (the API shows "uin: --").
void record_operation(World& world, const std::string& cert_id, const std::string& type,
                      bool by_ca = false);

// After a successful `action`: the entries its parameters and answer call for, if any.
void record_action(World& world, const std::string& action, const Params& params,
                   const nlohmann::json& result);

}  // namespace cloudssl::sim
