// What an acceptance test of the cloudssl provider against cloudssl-sim starts from: the
// harness, the certificate fixtures (test PKI, simulator environment, simulator_case), the
// simulator process, and the short names those tests use for them; and the simulator account
// the paid certificate tests share (a company, its managers, reviews that fail).
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
using cloudssl::testing::SimulatorProcess;
using nlohmann::json;

namespace cloudssl::acceptance::certs {

// Seed 004's review message 4 (证书资料未通过): the CA refused the organisation's information.
inline const std::string kOrganisationRefused =
    "证书资料未通过证书CA机构审核，审核人员会致电您证书预留的联系方式";

// Company 122 (Example Ltd) in the simulator's account with its verified managers, each a
// ManagerId and its ManagerMail: what a paid certificate's company_id and manager_id name.
inline void seed_company(SimulatorProcess& sim,
                         const std::vector<std::pair<int, std::string>>& managers = {
                             {36383, "ada@example.com"}}) {
  json listed = json::array();
  for (const auto& [id, mail] : managers)
    listed.push_back(
        {{"CompanyId", 122}, {"ManagerId", id}, {"Status", "ok"}, {"ManagerMail", mail}});
  sim.admin("POST", "/seed",
            {{"companies", {{{"CompanyId", 122}, {"CompanyName", "Example Ltd"}}}},
             {"managers", listed}});
}

// The reviews of the paid orders whose common name matches `domain` fail with `message`: the
// first `times` of them, or every one (0).
inline void fail_reviews(SimulatorProcess& sim, const std::string& domain,
                         const std::string& message, int times = 0) {
  json rule = {{"match", domain}, {"message", message}};
  if (times > 0) rule["times"] = times;
  sim.admin("POST", "/tasks/config", {{"review_failures", json::array({rule})}});
}

}  // namespace cloudssl::acceptance::certs
