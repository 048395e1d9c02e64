// fixture_thing through the real CLI: create (computed values unknown at plan) → empty
// re-plan → in-place update → replace (requires_replace) → import (CLI and import block) →
// drift repaired → remote deletion recreated → destroy. Covers maps, sets, a sensitive
// attribute, nested attributes (single, list), nested blocks (list, set, single), an
// optional+computed default, timeouts and private state on the way.
#include <gtest/gtest.h>

#include <memory>

#include "tests/acceptance/fixture_helpers.h"

namespace acc = cloudssl::acceptance;
using namespace acc::fixture_test;

namespace {

const char* const kThing = "fixture_thing.a";

const char* const kCreate = R"(
resource "fixture_thing" "a" {
  name        = "alpha"
  description = "first"
  tags        = { env = "test", team = "acc" }
  labels      = ["b", "a"]
  secret      = "not-for-display"
  zone        = "z1"
  endpoint    = { host = "example.test" }
  listeners   = [{ port = 80 }, { port = 443, protocol = "https" }]

  rule {
    name     = "r1"
    priority = 10
  }
  rule {
    name = "r2"
  }
  member {
    user = "u1"
    role = "admin"
  }
  member {
    user = "u2"
  }
  settings {
    mode    = "fast"
    enabled = true
  }
  timeouts {
    create = "5m"
  }
}
)";

// In place: description, tags, labels, a rule's priority, a new member, endpoint host.
const char* const kUpdate = R"(
resource "fixture_thing" "a" {
  name        = "alpha"
  description = "second"
  tags        = { env = "prod" }
  labels      = ["a", "c"]
  secret      = "not-for-display"
  zone        = "z1"
  endpoint    = { host = "other.test" }
  listeners   = [{ port = 80 }, { port = 443, protocol = "https" }]

  rule {
    name     = "r1"
    priority = 20
  }
  rule {
    name = "r2"
  }
  member {
    user = "u1"
    role = "admin"
  }
  member {
    user = "u2"
  }
  member {
    user = "u3"
    role = "viewer"
  }
  settings {
    mode    = "fast"
    enabled = true
  }
  timeouts {
    create = "5m"
  }
}
)";

std::string replace_zone(std::string config) {
  config.replace(config.find("\"z1\""), 4, "\"z2\"");
  return config;
}

}  // namespace

TEST(FixtureThingAcceptance, CreateUpdateReplaceImportDriftDestroy) {
  auto ids = std::make_shared<std::vector<std::string>>();  // id after each applied step
  auto remember_id = [ids](const acc::State& s) {
    ids->push_back(s.text(kThing, "id").value_or(""));
  };

  acc::TestCase tc = fixture_case();
  tc.steps = {
      // 1. Create: server-assigned values are unknown in the plan, known after apply.
      {.config = kCreate,
       .plan_check = acc::all_plan({
           acc::expect_actions(kThing, {"create"}),
           acc::expect_unknown(kThing, "id"),
           acc::expect_unknown(kThing, "created_at"),
           acc::expect_unknown(kThing, "revision"),
           acc::expect_unknown(kThing, "endpoint.port"),
           acc::expect_known(kThing, "size", 1),  // default of an optional+computed attribute
           acc::expect_known(kThing, "name", "alpha"),
           acc::expect_known(kThing, "tags", {{"env", "test"}, {"team", "acc"}}),
       }),
       .check = acc::all({
           remember_id,
           acc::attr_matches(kThing, "id", "^[0-9a-f]{16}$"),
           acc::attr_json(kThing, "size", 1),
           acc::attr_json(kThing, "revision", 1),
           acc::attr_json(kThing, "endpoint", {{"host", "example.test"}, {"port", 443}}),
           acc::attr_json(kThing, "listeners.1", {{"port", 443}, {"protocol", "https"}}),
           acc::attr_absent(kThing, "listeners.0.protocol"),
           acc::attr_json(kThing, "labels", {"a", "b"}),
           acc::attr_equals(kThing, "tags.team", "acc"),
           acc::attr_equals(kThing, "rule.0.name", "r1"),
           acc::attr_json(kThing, "rule.0.priority", 10),
           acc::attr_absent(kThing, "rule.1.priority"),
           acc::attr_json(
               kThing, "member",
               {{{"role", "admin"}, {"user", "u1"}}, {{"role", nullptr}, {"user", "u2"}}}),
           acc::attr_equals(kThing, "timeouts.create", "5m"),
           acc::attr_matches(kThing, "created_at", "^\\d{4}-\\d\\d-\\d\\dT"),
           [](const acc::State& s) {
             const auto* mask = s.sensitive_values(kThing);
             ASSERT_TRUE(mask);
             EXPECT_EQ(mask->value("secret", false), true) << mask->dump();
           },
       })},
      // 2. In-place update: id and created_at kept (use_state_for_unknown), revision unknown.
      {.config = kUpdate,
       .plan_check = acc::all_plan({
           acc::expect_actions(kThing, {"update"}),
           acc::expect_unknown(kThing, "revision"),
           [ids](const acc::Plan& p) {
             EXPECT_FALSE(p.is_unknown_after(kThing, "id"));
             EXPECT_FALSE(p.is_unknown_after(kThing, "created_at"));
             ASSERT_TRUE(p.after(kThing, "id"));
             EXPECT_EQ(*p.after(kThing, "id"), ids->at(0));
             // A computed attribute without use_state_for_unknown may change on update.
             EXPECT_TRUE(p.is_unknown_after(kThing, "endpoint.port"));
           },
       }),
       .check = acc::all({
           remember_id,
           acc::attr_json(kThing, "revision", 2),
           acc::attr_json(kThing, "tags", {{"env", "prod"}}),
           acc::attr_json(kThing, "labels", {"a", "c"}),
           acc::attr_json(kThing, "rule.0.priority", 20),
           acc::attr_json(kThing, "endpoint", {{"host", "other.test"}, {"port", 443}}),
           [ids](const acc::State&) { EXPECT_EQ(ids->at(1), ids->at(0)) << "updated in place"; },
       })},
      // 3. Replace: zone requires replacement.
      {.config = replace_zone(kUpdate),
       .plan_check = acc::all_plan({
           acc::expect_actions(kThing, {"delete", "create"}),
           acc::expect_replace_path(kThing, "zone"),
           acc::expect_unknown(kThing, "id"),
       }),
       .check = acc::all({
           remember_id,
           acc::attr_equals(kThing, "zone", "z2"),
           acc::attr_json(kThing, "revision", 1),
           [ids](const acc::State&) { EXPECT_NE(ids->at(2), ids->at(1)) << "a new object"; },
       })},
      // 4. Import by id, with `terraform import` and with an import block. The timeouts block
      //    is configuration only, so an imported object has none.
      acc::import_step(kThing, {.mode = acc::ImportMode::Both, .ignore = {"timeouts"}}),
      // 5. Drift: the remote object changed behind Terraform's back; apply repairs it.
      {.config = replace_zone(kUpdate),
       .pre_step =
           [](const acc::StepContext& ctx) {
             const auto id = *ctx.last_state().text(kThing, "id");
             auto object = read_store(ctx.dir(), "thing", id);
             ASSERT_TRUE(object);
             (*object)["description"] = "drifted";
             (*object)["tags"]["extra"] = "x";
             write_store(ctx.dir(), "thing", id, *object);
           },
       .plan_check = acc::all_plan({acc::expect_actions(kThing, {"update"}),
                                    acc::expect_known(kThing, "description", "second")}),
       .check = acc::all({acc::attr_equals(kThing, "description", "second"),
                          acc::attr_json(kThing, "tags", {{"env", "prod"}})})},
      // 6. Deleted remotely: read reports it gone, Terraform plans a create.
      {.config = replace_zone(kUpdate),
       .pre_step =
           [](const acc::StepContext& ctx) {
             const auto id = *ctx.last_state().text(kThing, "id");
             ASSERT_TRUE(std::filesystem::remove(store_file(ctx.dir(), "thing", id)));
           },
       .plan_check = acc::expect_actions(kThing, {"create"}),
       .check = acc::all(
           {remember_id, [ids](const acc::State&) { EXPECT_NE(ids->back(), ids->at(2)); }})},
  };
  tc.check_destroy = store_emptied({{kThing, "thing"}});
  acc::run(tc);
}

TEST(FixtureThingAcceptance, OptionalCollectionsAndBlocksCanBeRemoved) {
  acc::TestCase tc = fixture_case();
  tc.steps = {
      {.config = kCreate},
      {.config = R"(
resource "fixture_thing" "a" {
  name = "alpha"
  zone = "z1"
}
)",
       .plan_check = acc::expect_actions(kThing, {"update"}),
       .check =
           acc::all({acc::attr_absent(kThing, "tags"), acc::attr_absent(kThing, "labels"),
                     acc::attr_absent(kThing, "endpoint"), acc::attr_absent(kThing, "listeners"),
                     acc::attr_json(kThing, "rule", nlohmann::json::array()),
                     acc::attr_json(kThing, "member", nlohmann::json::array()),
                     acc::attr_absent(kThing, "timeouts"), acc::attr_json(kThing, "size", 1)})},
      // An explicit value for the optional+computed attribute, then back to the default.
      {.config = R"(
resource "fixture_thing" "a" {
  name = "alpha"
  zone = "z1"
  size = 7
}
)",
       .check = acc::attr_json(kThing, "size", 7)},
      {.config = R"(
resource "fixture_thing" "a" {
  name = "alpha"
  zone = "z1"
}
)",
       .plan_check = acc::expect_known(kThing, "size", 1),
       .check = acc::attr_json(kThing, "size", 1)},
  };
  tc.check_destroy = store_emptied({{kThing, "thing"}});
  acc::run(tc);
}

TEST(FixtureThingAcceptance, ValidationErrorsPointAtTheAttribute) {
  acc::TestCase tc = fixture_case();
  tc.steps = {
      acc::plan_error_step(R"(
resource "fixture_thing" "a" {
  name = "Not Valid"
}
)",
                           "Invalid name.*may contain only", "name"),
      acc::plan_error_step(R"(
resource "fixture_thing" "a" {
  name = "ok"
  timeouts {
    create = "soon"
  }
}
)",
                           "soon"),
      acc::plan_error_step(R"(
resource "fixture_thing" "a" {
  name    = "ok"
  unknown = 1
}
)",
                           "Unsupported argument"),
  };
  acc::run(tc);
}

TEST(FixtureThingAcceptance, ImportOfAMissingObjectFails) {
  acc::TestCase tc = fixture_case();
  tc.steps = {
      {.config = R"(resource "fixture_thing" "a" { name = "x" })"},
      {.config = R"(resource "fixture_thing" "a" { name = "x" })",
       .expect_error = acc::error_like("No fixture_thing with id \"0000000000000000\""),
       .import = acc::ImportSpec{.address = kThing, .id = "0000000000000000"}},
  };
  acc::run(tc);
}
