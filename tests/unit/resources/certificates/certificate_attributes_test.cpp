// The one alias/project update both certificate resources use, against a scripted API: only
// what changed is sent, and a project move the API reports as failed is an error diagnostic on
// project_id (the same for cloudssl_certificate and cloudssl_free_certificate).
#include "resources/certificates/certificate_attributes.h"

#include <gtest/gtest.h>

#include <memory>

#include "api/tencent/ssl/ssl_api.h"
#include "provider/framework/schema.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::certificates {
namespace {

using api::testing::FakeApiServer;
using api::testing::RecordedRequest;
using codec::Type;
using codec::Value;
using nlohmann::json;

class AliasAndProjectUpdate : public ::testing::Test {
 protected:
  AliasAndProjectUpdate()
      : server_([this](const RecordedRequest& r, int) {
          const std::string action = action_of(r);
          if (action == "ModifyCertificateProject")
            return api::testing::ok(
                {{"SuccessCertificates", refuse_move_ ? json::array() : json::array({"c1"})},
                 {"FailCertificates", refuse_move_ ? json::array({"c1"}) : json::array()}});
          return api::testing::ok({{"CertificateId", "c1"}});
        }),
        client_(std::make_unique<api::Client>(api::testing::ssl_client_for(server_))) {}

  std::vector<std::string> actions() const {
    std::vector<std::string> out;
    for (const auto& r : server_.requests()) out.push_back(action_of(r));
    return out;
  }

  static Value object(const std::string& alias, std::int64_t project) {
    const Type type = Type::object({{"alias", Type::string()}, {"project_id", Type::number()}});
    return Value::object(type,
                         {{"alias", Value::string(alias)}, {"project_id", Value::number(project)}});
  }

  bool refuse_move_ = false;
  FakeApiServer server_;
  std::unique_ptr<api::Client> client_;
  framework::Context ctx_;
  framework::Diagnostics diags_;
};

TEST_F(AliasAndProjectUpdate, OnlyWhatChangedIsSent) {
  auto change = alias_and_project_changes(object("web", 0), object("shop", 0));
  ASSERT_TRUE(change.alias.has_value());
  EXPECT_EQ(*change.alias, "shop");
  EXPECT_FALSE(change.project_id.has_value());
  update_alias_and_project(*client_, "c1", change, ctx_, diags_);
  EXPECT_EQ(actions(), std::vector<std::string>{"ModifyCertificateAlias"});
  EXPECT_FALSE(diags_.has_errors());

  update_alias_and_project(*client_, "c1",
                           alias_and_project_changes(object("a", 1), object("a", 1)), ctx_, diags_);
  EXPECT_EQ(server_.count(), 1u);  // nothing changed: no call
}

TEST_F(AliasAndProjectUpdate, MovedProjectIsNoError) {
  update_alias_and_project(*client_, "c1",
                           alias_and_project_changes(object("a", 0), object("b", 7)), ctx_, diags_);
  EXPECT_EQ(actions(),
            (std::vector<std::string>{"ModifyCertificateAlias", "ModifyCertificateProject"}));
  EXPECT_EQ(json::parse(server_.requests().back().body)["ProjectId"], 7);
  EXPECT_FALSE(diags_.has_errors());
}

TEST_F(AliasAndProjectUpdate, RefusedMoveIsAnErrorOnProjectId) {
  refuse_move_ = true;
  update_alias_and_project(*client_, "c1",
                           alias_and_project_changes(object("a", 0), object("a", 7)), ctx_, diags_);
  ASSERT_TRUE(diags_.has_errors());
  const auto& d = diags_.all().front();
  EXPECT_EQ(d.summary, "Certificate c1 was not moved to the project");
  ASSERT_TRUE(d.attribute.has_value());
  EXPECT_EQ(d.attribute->to_string(), "project_id");
}

}  // namespace
}  // namespace cloudssl::certificates
