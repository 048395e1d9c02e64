// cloudssl_hosting_config's plan through the shared harness: the reminders switch changes in
// place while the certificate replaces, the read-only hosting attributes are refused on their
// path, follow_renewal's resource types and regions are checked at plan time, and a renewal
// not followed yet plans the move. With a scripted SSL API: Hostable is checked at plan (seed
// 004, DescribeCertificates' Hostable filter) once per resource and again when follow_renewal
// is added, and IsHostingUploadRenewCert is read into is_hosting_upload_renew_cert.
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "provider/framework/value_helpers.h"
#include "resources/common/provider_data.h"
#include "resources/deployments/factories.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"
#include "tests/unit/resources/plan_harness.h"

namespace cloudssl::deployments {
namespace {

using codec::Path;
using codec::Type;
using codec::Value;
using nlohmann::json;

class HostingConfigPlan : public testing::PlanHarness {
 protected:
  HostingConfigPlan() : PlanHarness(make_hosting_config_resource()) {}

  Type follow_type() const { return type_.attribute_types().at("follow_renewal").element_type(); }
  // follow_renewal { resource_types = types, regions = regions (null when absent) }.
  Value follow(const std::vector<std::string>& types,
               std::optional<std::vector<std::string>> regions = std::nullopt) const {
    Value block = Value::object(follow_type(),
                                {{"resource_types", framework::string_set(types)},
                                 {"regions", regions ? framework::string_set(*regions)
                                                     : Value::null(Type::set(Type::string()))}});
    return Value::list(follow_type(), {block});
  }
  Value hosting(std::map<std::string, Value> extra = {}) const {
    extra.try_emplace("certificate_id", Value::string("cert-1"));
    extra.try_emplace("follow_renewal", Value::list(follow_type(), {}));
    return config(std::move(extra));
  }
};

TEST_F(HostingConfigPlan, CreatePlansTheDefaultsAndLeavesApiValuesUnknown) {
  auto r = plan(hosting());
  ASSERT_FALSE(diags_.has_errors()) << diags_.all().front().detail;
  EXPECT_TRUE(r.planned.at("id").is_unknown());
  EXPECT_TRUE(r.planned.at("hosting_status").is_unknown());
  EXPECT_EQ(r.planned.get_bool("ignore_expiring_notifications"), false);
}

TEST_F(HostingConfigPlan, RemindersChangeInPlaceTheCertificateReplaces) {
  const Value prior = applied(plan(hosting()).planned);
  EXPECT_TRUE(plan(hosting(), prior).planned == prior);

  auto quiet = plan(hosting({{"ignore_expiring_notifications", Value::boolean(true)}}), prior);
  EXPECT_TRUE(quiet.requires_replace.empty());
  EXPECT_EQ(quiet.planned.get_bool("ignore_expiring_notifications"), true);

  auto other = plan(hosting({{"certificate_id", Value::string("cert-2")}}), prior);
  EXPECT_TRUE(replaces(other, "certificate_id"));
}

TEST_F(HostingConfigPlan, ReadOnlyHostingAttributesAreRefusedOnTheirPath) {
  plan(hosting({{"hosting_resource_types", Value::list(Type::string(), {Value::string("clb")})}}));
  const auto* e = error_at("hosting_resource_types");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Invalid Configuration for Read-Only Attribute");

  const Type config_type = type_.attribute_types().at("hosting_config");
  plan(hosting(
      {{"hosting_config", Value::object(config_type, {{"replace_time", Value::number(30)}})}}));
  ASSERT_NE(error_at("hosting_config"), nullptr);
}

TEST_F(HostingConfigPlan, FollowRenewalTypesAndRegionsAreCheckedAtPlan) {
  plan(hosting({{"follow_renewal", follow({"lighthouse"})}}));
  // Refused by the rule declared on follow_renewal's resource_types, on that attribute.
  ASSERT_EQ(diags_.all().size(), 1u);  // no regions asked for a type that cannot move
  const auto& refused = diags_.all().front();
  EXPECT_EQ(refused.summary, "Invalid resource_types");
  EXPECT_NE(refused.detail.find("\"lighthouse\""), std::string::npos) << refused.detail;
  ASSERT_TRUE(refused.attribute);
  EXPECT_TRUE(refused.attribute->starts_with(
      codec::Path::root("follow_renewal").index(0).attr("resource_types")))
      << refused.attribute->to_string();
  const framework::Diagnostic* e = nullptr;

  plan(hosting({{"follow_renewal", follow({"cdn", "clb"})}}));
  e = error_at("follow_renewal");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Missing regions");

  plan(hosting({{"follow_renewal", follow({"cdn", "clb"}, std::vector<std::string>{})}}));
  ASSERT_NE(error_at("follow_renewal"), nullptr);  // an empty list is no region either

  plan(hosting(
      {{"follow_renewal", follow({"cdn", "clb"}, std::vector<std::string>{"ap-guangzhou"})}}));
  EXPECT_FALSE(diags_.has_errors());

  plan(hosting({{"follow_renewal", follow({"cdn", "live"})}}));
  EXPECT_FALSE(diags_.has_errors());
}

TEST_F(HostingConfigPlan, RenewalNotFollowedYetPlansTheMove) {
  const Value base = applied(plan(hosting({{"follow_renewal", follow({"cdn"})}})).planned)
                         .with("renewal_certificate_id", Value::string("renewed-1"))
                         .with("followed_certificate_id", Value::string("cert-1"))
                         .with("follow_record_id", Value::number(5));
  auto r = plan(hosting({{"follow_renewal", follow({"cdn"})}}), base);
  EXPECT_FALSE(diags_.has_errors());
  EXPECT_TRUE(r.requires_replace.empty());
  EXPECT_EQ(r.planned.get_string("followed_certificate_id"), "renewed-1");
  EXPECT_TRUE(r.planned.at("follow_record_id").is_unknown());

  // Without follow_renewal the renewal is only reported: nothing to move.
  const Value unfollowed = base.with("follow_renewal", Value::list(follow_type(), {}));
  auto idle = plan(hosting(), unfollowed);
  EXPECT_EQ(idle.planned.get_string("followed_certificate_id"), "cert-1");
  EXPECT_TRUE(idle.planned.at("follow_record_id") == Value::number(5));

  // Once followed, the plan is quiet.
  const Value followed = base.with("followed_certificate_id", Value::string("renewed-1"));
  EXPECT_TRUE(plan(hosting({{"follow_renewal", follow({"cdn"})}}), followed).planned == followed);
}

// The plan with a configured provider whose SSL API is scripted: DescribeCertificates lists
// cert-1 when it `exists`, and only when `hostable` if asked with the Hostable filter.
class HostingConfigPlanWithApi : public HostingConfigPlan {
 protected:
  // The provider's client goes before the server it talks to: a server stopped while a client
  // keeps its connection alive waits out the keep-alive timeout (5 s).
  ~HostingConfigPlanWithApi() override { ctx_.provider_data.reset(); }

  void serve(bool exists, bool hostable, json extra_fields = json::object()) {
    ctx_.provider_data.reset();  // its client first: see the destructor
    api_ = std::make_unique<api::testing::ScriptedSslApi>(
        [=](const api::testing::RecordedRequest& r, int) -> api::testing::Reply {
          const json body = json::parse(r.body);
          json listed = json::array();
          const bool filtered = body.value("Hostable", 0) == 1;
          if (exists && (hostable || !filtered)) {
            json c = {{"CertificateId", "cert-1"}, {"Status", 1}};
            c.update(extra_fields);
            listed.push_back(std::move(c));
          }
          return api::testing::ok({{"Certificates", listed}, {"TotalCount", listed.size()}});
        });
    auto data = std::make_shared<common::ProviderData>();
    data->tencent.ssl = std::make_shared<api::Client>(api::testing::ssl_client_for(api_->server));
    ctx_.provider_data = data;
  }
  // The request bodies of the DescribeCertificates calls so far.
  std::vector<json> describes() const {
    std::vector<json> out;
    for (const auto& r : api_->server.requests())
      if (api::testing::action_of(r) == "DescribeCertificates") out.push_back(json::parse(r.body));
    return out;
  }
  std::size_t calls() const { return api_->server.count(); }

  std::unique_ptr<api::testing::ScriptedSslApi> api_;
};

TEST_F(HostingConfigPlanWithApi, AHostableCertificateIsQuietAndAskedWithTheHostableFilter) {
  serve(true, true);
  plan(hosting({{"follow_renewal", follow({"cdn"})}}));
  EXPECT_TRUE(diags_.empty()) << diags_.all().front().summary;
  const auto bodies = describes();
  ASSERT_EQ(bodies.size(), 2u);  // exists, then hostable
  EXPECT_EQ(bodies[0].at("CertIds"), json({"cert-1"}));
  EXPECT_FALSE(bodies[0].contains("Hostable"));
  EXPECT_EQ(bodies[1].at("CertIds"), json({"cert-1"}));
  EXPECT_EQ(bodies[1].at("Hostable"), 1);
}

TEST_F(HostingConfigPlanWithApi, ACertificateTheApiCannotHostIsAWarningOnTheAttribute) {
  serve(true, false);
  plan(hosting());
  ASSERT_FALSE(diags_.has_errors());
  const auto* w = warning("Certificate cert-1 cannot be hosted");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->attribute, Path::root("certificate_id"));
  EXPECT_NE(w->detail.find("hosting_status stays -1"), std::string::npos) << w->detail;
  EXPECT_EQ(w->detail.find("follow_renewal"), std::string::npos) << w->detail;

  // With follow_renewal the warning is on it, and says what it can still follow.
  plan(hosting({{"follow_renewal", follow({"cdn"})}}));
  w = warning("Certificate cert-1 cannot be hosted");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->attribute, Path::root("follow_renewal"));
  EXPECT_NE(w->detail.find("follow_renewal can follow only a renewal order of it"),
            std::string::npos)
      << w->detail;
}

TEST_F(HostingConfigPlanWithApi, ACertificateThatDoesNotExistIsAnErrorOnCertificateId) {
  serve(false, false);
  plan(hosting());
  const auto* e = error_at("certificate_id");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->summary, "Certificate cert-1 does not exist");
  EXPECT_NE(e->detail.find("certificate_id must name a certificate in this account"),
            std::string::npos)
      << e->detail;
  EXPECT_EQ(describes().size(), 1u);  // no Hostable question for a certificate not there
}

TEST_F(HostingConfigPlanWithApi, CheckedOnCreateAndWhenFollowRenewalIsAdded) {
  serve(true, false);
  const Value prior = applied(plan(hosting()).planned);
  const std::size_t after_create = calls();
  EXPECT_EQ(after_create, 2u);

  // Later plans of the same resource ask nothing and warn no more.
  plan(hosting(), prior);
  EXPECT_EQ(calls(), after_create);
  EXPECT_TRUE(diags_.empty());
  plan(hosting({{"ignore_expiring_notifications", Value::boolean(true)}}), prior);
  EXPECT_EQ(calls(), after_create);

  // Adding follow_renewal asks again: that is when hosting starts to matter.
  plan(hosting({{"follow_renewal", follow({"cdn"})}}), prior);
  EXPECT_EQ(calls(), after_create + 2);
  const auto* w = warning("cannot be hosted");
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->attribute, Path::root("follow_renewal"));
}

TEST_F(HostingConfigPlanWithApi, AnUnknownCertificateIdIsCheckedAtApplyNotAtPlan) {
  serve(true, false);
  plan(hosting({{"certificate_id", Value::unknown(Type::string())}}));
  EXPECT_EQ(calls(), 0u);
  EXPECT_TRUE(diags_.empty());
}

TEST_F(HostingConfigPlanWithApi, ReadShowsIsHostingUploadRenewCertAndHostable) {
  // The API's spellings of the flag (a boolean, 1/0, a string) and its absence (false).
  const std::vector<std::pair<json, bool>> cases = {
      {true, true}, {false, false}, {1, true}, {"true", true}, {nullptr, false}};
  const Value prior = applied(plan(hosting()).planned);
  for (const auto& [flag, expected] : cases) {
    serve(true, expected, {{"IsHostingUploadRenewCert", flag}});
    framework::PrivateState private_state;
    framework::Diagnostics d;
    const auto state = resource_->read({prior, private_state, ctx_}, d);
    ASSERT_TRUE(state) << flag.dump();
    EXPECT_EQ(state->get_bool("is_hosting_upload_renew_cert"), expected) << flag.dump();
    EXPECT_EQ(state->get_bool("hostable"), expected) << flag.dump();  // from the Hostable filter
  }
}

}  // namespace
}  // namespace cloudssl::deployments
