// What an acceptance test of the cloudssl provider against cloudssl-sim starts from: the
// harness, the certificate fixtures (test PKI, simulator environment, simulator_case), the
// simulator process, and the short names those tests use for them.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/acceptance/certificate_fixtures.h"
#include "tests/acceptance/harness/acceptance.h"
#include "tests/support/simulator_process.h"

namespace acc = cloudssl::acceptance;
namespace certs = cloudssl::acceptance::certs;
using cloudssl::testing::SimulatorProcess;
using nlohmann::json;
