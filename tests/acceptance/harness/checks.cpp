// Ready-made state and plan checks (GoogleTest failures with the address and path).
#include <gtest/gtest.h>

#include <regex>

#include "tests/acceptance/harness/acceptance.h"

namespace cloudssl::acceptance {
namespace {

std::string where(const std::string& address, const std::string& path) {
  return address + " " + path;
}

std::string join(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + "]";
}

}  // namespace

StateCheck all(std::vector<StateCheck> checks) {
  return [checks = std::move(checks)](const State& state) {
    for (const auto& check : checks) {
      if (check) check(state);
    }
  };
}

StateCheck attr_equals(std::string address, std::string path, std::string expected) {
  return [=](const State& state) {
    const auto actual = state.text(address, path);
    if (!actual) {
      ADD_FAILURE() << where(address, path) << ": expected \"" << expected
                    << "\", attribute is absent or null";
    } else {
      EXPECT_EQ(*actual, expected) << where(address, path);
    }
  };
}

StateCheck attr_json(std::string address, std::string path, nlohmann::json expected) {
  return [=](const State& state) {
    const auto* actual = state.attribute(address, path);
    if (!actual) {
      ADD_FAILURE() << where(address, path) << ": expected " << expected.dump()
                    << ", attribute is absent";
    } else {
      EXPECT_EQ(actual->dump(), expected.dump()) << where(address, path);
    }
  };
}

StateCheck attr_set(std::string address, std::string path) {
  return [=](const State& state) {
    const auto* actual = state.attribute(address, path);
    EXPECT_TRUE(actual && !actual->is_null())
        << where(address, path) << ": expected a value, attribute is absent or null";
  };
}

StateCheck attr_absent(std::string address, std::string path) {
  return [=](const State& state) {
    const auto* actual = state.attribute(address, path);
    EXPECT_TRUE(!actual || actual->is_null())
        << where(address, path) << ": expected absent or null, got " << actual->dump();
  };
}

StateCheck attr_matches(std::string address, std::string path, std::string regex) {
  return [=](const State& state) {
    const auto actual = state.text(address, path);
    if (!actual) {
      ADD_FAILURE() << where(address, path) << ": expected a match for /" << regex
                    << "/, attribute is absent or null";
    } else {
      EXPECT_TRUE(std::regex_search(*actual, std::regex(regex)))
          << where(address, path) << ": \"" << *actual << "\" does not match /" << regex << "/";
    }
  };
}

StateCheck attr_pair(std::string address, std::string path, std::string other_address,
                     std::string other_path) {
  return [=](const State& state) {
    const auto* a = state.attribute(address, path);
    const auto* b = state.attribute(other_address, other_path);
    if (!a || !b) {
      ADD_FAILURE() << "attribute pair: " << where(address, path) << (a ? "" : " (absent)")
                    << " vs " << where(other_address, other_path) << (b ? "" : " (absent)");
    } else {
      EXPECT_EQ(a->dump(), b->dump())
          << where(address, path) << " vs " << where(other_address, other_path);
    }
  };
}

StateCheck resource_count(std::size_t expected) {
  return [=](const State& state) {
    const auto addresses = state.addresses();
    EXPECT_EQ(addresses.size(), expected) << "resources in state: " << join(addresses);
  };
}

StateCheck state_lacks(std::string text) {
  return [=](const State& state) {
    EXPECT_EQ(state.json().dump().find(text), std::string::npos)
        << "the state contains \"" << text << "\"";
  };
}

PlanCheck all_plan(std::vector<PlanCheck> checks) {
  return [checks = std::move(checks)](const Plan& plan) {
    for (const auto& check : checks) {
      if (check) check(plan);
    }
  };
}

PlanCheck expect_actions(std::string address, std::vector<std::string> actions) {
  return [=](const Plan& plan) {
    EXPECT_EQ(join(plan.actions(address)), join(actions)) << "planned actions of " << address;
  };
}

PlanCheck expect_unknown(std::string address, std::string path) {
  return [=](const Plan& plan) {
    EXPECT_TRUE(plan.is_unknown_after(address, path))
        << where(address, path) << ": expected unknown (known after apply) in the plan";
  };
}

PlanCheck expect_known(std::string address, std::string path, nlohmann::json value) {
  return [=](const Plan& plan) {
    EXPECT_FALSE(plan.is_unknown_after(address, path))
        << where(address, path) << ": expected a known planned value";
    const auto* actual = plan.after(address, path);
    if (!actual) {
      ADD_FAILURE() << where(address, path) << ": absent from the planned values";
    } else {
      EXPECT_EQ(actual->dump(), value.dump()) << where(address, path) << " (planned)";
    }
  };
}

PlanCheck expect_replace_path(std::string address, std::string path) {
  return [=](const Plan& plan) {
    const auto paths = plan.replace_paths(address);
    EXPECT_NE(std::find(paths.begin(), paths.end(), path), paths.end())
        << address << ": expected " << path << " among replace_paths " << join(paths);
  };
}

PlanCheck expect_empty_plan() {
  return [](const Plan& plan) {
    const auto changed = plan.changed_addresses();
    EXPECT_TRUE(changed.empty()) << "expected no changes, the plan changes " << join(changed);
  };
}

PlanCheck plan_lacks(std::string text) {
  return [=](const Plan& plan) {
    // "configuration" echoes the .tf source (literals included); everything else is what
    // the provider and Terraform planned.
    nlohmann::json planned = plan.json();
    planned.erase("configuration");
    EXPECT_EQ(planned.dump().find(text), std::string::npos)
        << "the plan contains \"" << text << "\"";
  };
}

}  // namespace cloudssl::acceptance
