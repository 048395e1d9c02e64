// The Tag API on the simulator's port: dispatch on X-TC-Version 2018-08-13 with the signature
// scoped to service "tag", and ModifyResourceTags against the certificate store (upsert, then
// delete; the documented error codes for a bad resource, bad keys and bad requests).
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using nlohmann::json;

class TagApiTest : public SimTest {
 protected:
  static SendOptions tag_api() {
    SendOptions o;
    o.version = "2018-08-13";
    o.service = "tag";
    return o;
  }
  static std::string resource(const std::string& id) {
    return "qcs::ssl:ap-guangzhou:uin/:certificate/" + id;
  }
  json tags_of(const std::string& id) const {
    return client.ok("DescribeCertificate", {{"CertificateId", id}})["Tags"];
  }
  Reply modify(json body) const { return client.call("ModifyResourceTags", body, tag_api()); }
};

TEST_F(TagApiTest, ReplaceUpsertsThenDeleteRemoves) {
  const std::string id =
      upload(make_pem("tags.example.com"), {{"Tags",
                                             {{{"TagKey", "env"}, {"TagValue", "test"}},
                                              {{"TagKey", "old"}, {"TagValue", "x"}},
                                              {{"TagKey", "keep"}, {"TagValue", "k"}}}}});
  const Reply r = modify(
      {{"Resource", resource(id)},
       {"ReplaceTags",
        {{{"TagKey", "env"}, {"TagValue", "prod"}}, {{"TagKey", "team"}, {"TagValue", "web"}}}},
       {"DeleteTags", {{{"TagKey", "old"}}, {{"TagKey", "never-there"}}}}});
  ASSERT_TRUE(r.ok()) << r.json.dump();
  EXPECT_TRUE(r.response().contains("RequestId"));
  EXPECT_EQ(tags_of(id), json::parse(R"([{"TagKey":"env","TagValue":"prod"},
                                         {"TagKey":"keep","TagValue":"k"},
                                         {"TagKey":"team","TagValue":"web"}])"));
  // The detail and the list read the same tags (what the provider's read maps).
  EXPECT_EQ(client.ok("DescribeCertificateDetail", {{"CertificateId", id}})["Tags"], tags_of(id));

  ASSERT_TRUE(
      modify({{"Resource", resource(id)},
              {"DeleteTags", {{{"TagKey", "env"}}, {{"TagKey", "keep"}}, {{"TagKey", "team"}}}}})
          .ok());
  EXPECT_EQ(tags_of(id), json::array());
}

TEST_F(TagApiTest, AnyRegionAndAccountSegmentNameTheCertificate) {
  const std::string id = upload(make_pem("region.example.com"));
  for (const std::string& name : {"qcs::ssl::uin/:certificate/" + id,
                                  "qcs::ssl:ap-shanghai:uin/100000000001:certificate/" + id}) {
    const Reply r = modify({{"Resource", name},
                            {"ReplaceTags", {{{"TagKey", "k"}, {"TagValue", name.substr(0, 9)}}}}});
    EXPECT_TRUE(r.ok()) << name << ": " << r.json.dump();
  }
}

TEST_F(TagApiTest, UnknownCertificateOrMalformedResourceIsAResourceDescriptionError) {
  const std::string id = upload(make_pem("bad.example.com"));
  for (const std::string& name :
       {resource("NoSuch01"), std::string("qcs::ssl:ap-guangzhou:uin/:certificate"),
        std::string("qcs::cvm:ap-guangzhou:uin/:instance/") + id, std::string("ssl/") + id,
        std::string("qcs::ssl:ap-guangzhou:certificate/") + id,
        std::string("qcs::ssl:ap-guangzhou:uin/:certificate/")}) {
    const Reply r =
        modify({{"Resource", name}, {"ReplaceTags", {{{"TagKey", "k"}, {"TagValue", "v"}}}}});
    EXPECT_EQ(r.code(), "InvalidParameterValue.ResourceDescriptionError") << name;
  }
  EXPECT_EQ(tags_of(id), json::array());
}

TEST_F(TagApiTest, DocumentedRequestAndTagErrors) {
  const std::string id = upload(make_pem("errors.example.com"));
  const auto with_replace = [&](const std::string& key, const std::string& value) {
    return modify({{"Resource", resource(id)},
                   {"ReplaceTags", {{{"TagKey", key}, {"TagValue", value}}}}})
        .code();
  };
  EXPECT_EQ(with_replace("", "v"), "InvalidParameterValue.TagKeyEmpty");
  EXPECT_EQ(with_replace(std::string(128, 'k'), "v"), "InvalidParameterValue.TagKeyLengthExceeded");
  EXPECT_EQ(with_replace(std::string(127, 'k'), std::string(255, 'v')), "");
  EXPECT_EQ(with_replace("k", std::string(256, 'v')),
            "InvalidParameterValue.TagValueLengthExceeded");
  EXPECT_EQ(with_replace("bad\"key", "v"), "InvalidParameterValue.TagKeyCharacterIllegal");
  EXPECT_EQ(with_replace(" lead", "v"), "InvalidParameterValue.TagKeyCharacterIllegal");
  EXPECT_EQ(with_replace("k", "v\n"), "InvalidParameterValue.TagValueCharacterIllegal");
  EXPECT_EQ(with_replace("qcs:owner", "v"), "InvalidParameter.ReservedTagKey");
  EXPECT_EQ(with_replace("project", "v"), "InvalidParameter.ReservedTagKey");
  EXPECT_EQ(with_replace("部门", "研发"), "");  // UTF-8 characters are allowed

  EXPECT_EQ(modify({{"Resource", resource(id)}}).code(), "InvalidParameter.Tag");
  EXPECT_EQ(modify({{"Resource", resource(id)}, {"ReplaceTags", json::array()}}).code(),
            "InvalidParameter.Tag");
  EXPECT_EQ(modify({{"Resource", resource(id)},
                    {"ReplaceTags", {{{"TagKey", "k"}, {"TagValue", "v"}}}},
                    {"DeleteTags", {{{"TagKey", "k"}}}}})
                .code(),
            "InvalidParameterValue.DeleteTagsParamError");
  EXPECT_EQ(modify({{"ReplaceTags", {{{"TagKey", "k"}, {"TagValue", "v"}}}}}).code(),
            "MissingParameter");
  EXPECT_EQ(modify({{"Resource", resource(id)}, {"Tags", json::array()}}).code(),
            "UnknownParameter");

  json many = json::array();
  for (int i = 0; i < 51; ++i) {
    std::string key = "k";  // appended: GCC 12 warns falsely (-Wrestrict) on "k" + to_string
    key += std::to_string(i);
    many.push_back({{"TagKey", key}, {"TagValue", "v"}});
  }
  EXPECT_EQ(modify({{"Resource", resource(id)}, {"ReplaceTags", many}}).code(),
            "LimitExceeded.ResourceAttachedTags");
}

TEST_F(TagApiTest, TheTagVersionNeedsTheTagScopeAndServesOnlyTagActions) {
  const std::string id = upload(make_pem("scope.example.com"));
  const json body = {{"Resource", resource(id)},
                     {"ReplaceTags", {{{"TagKey", "k"}, {"TagValue", "v"}}}}};
  SendOptions ssl_scope = tag_api();
  ssl_scope.service = "ssl";
  EXPECT_EQ(client.call("ModifyResourceTags", body, ssl_scope).code(),
            "AuthFailure.SignatureFailure");
  // The SSL API's version with the tag scope: refused as well.
  SendOptions tag_scope_ssl_version;
  tag_scope_ssl_version.service = "tag";
  EXPECT_EQ(
      client.call("DescribeCertificate", {{"CertificateId", id}}, tag_scope_ssl_version).code(),
      "AuthFailure.SignatureFailure");
  // Each version has its own actions.
  EXPECT_EQ(client.call("ModifyResourceTags", body).code(), "InvalidAction");
  EXPECT_EQ(client.call("DescribeCertificate", {{"CertificateId", id}}, tag_api()).code(),
            "InvalidAction");
  EXPECT_EQ(tags_of(id), json::array());
}

TEST_F(TagApiTest, AdminTagChangesAreWhatTheTagApiSees) {
  const std::string id = upload(make_pem("admin.example.com"));
  server->admin("POST", "/certificates/" + id,
                {{"Tags", {{{"TagKey", "console"}, {"TagValue", "1"}}}}});
  ASSERT_TRUE(modify({{"Resource", resource(id)}, {"DeleteTags", {{{"TagKey", "console"}}}}}).ok());
  EXPECT_EQ(tags_of(id), json::array());
  const auto counters = server->admin("GET", "/requests")["counters"];
  EXPECT_EQ(counters["ModifyResourceTags"].value("total", 0), 1);
}

// DescribeResourceTagsByResourceIds, exactly as the tencentcloud provider's
// TagService.DescribeResourceTags sends it after each upload and refresh of a
// tencentcloud_ssl_certificate: ServiceType ssl, ResourcePrefix certificate, one id, the
// provider's region, Limit 15, Offset paged by Limit.
TEST_F(TagApiTest, DescribeResourceTagsByResourceIdsInTheDocumentedShape) {
  const std::string id = upload(make_pem("read.example.com"),
                                {{"Tags",
                                  {{{"TagKey", "env"}, {"TagValue", "prod"}},
                                   {{"TagKey", "team"}, {"TagValue", "web"}}}}});
  const std::string other = upload(make_pem("other.example.com"),
                                   {{"Tags", {{{"TagKey", "env"}, {"TagValue", "dev"}}}}});
  const json request = {{"ServiceType", "ssl"},
                        {"ResourcePrefix", "certificate"},
                        {"ResourceIds", {id}},
                        {"ResourceRegion", "ap-guangzhou"},
                        {"Limit", 15},
                        {"Offset", 0}};
  const Reply r = client.call("DescribeResourceTagsByResourceIds", request, tag_api());
  ASSERT_TRUE(r.ok()) << r.json.dump();
  const json response = r.response();
  EXPECT_EQ(response["TotalCount"], 2);
  EXPECT_EQ(response["Offset"], 0);
  EXPECT_EQ(response["Limit"], 15);
  ASSERT_EQ(response["Tags"].size(), 2u);
  const json& first = response["Tags"][0];
  EXPECT_EQ(first["TagKey"], "env");
  EXPECT_EQ(first["TagValue"], "prod");
  EXPECT_EQ(first["ResourceId"], id);
  EXPECT_EQ(first["TagKeyMd5"], "ff035a1dd7655da15295fa5fa89362a7");  // md5("env")
  EXPECT_EQ(first["TagValueMd5"], "d6e4a9b6646c62fc48baa6dd6150d1f7");  // md5("prod")
  EXPECT_EQ(first["ServiceType"], "ssl");
  EXPECT_TRUE(response.contains("RequestId"));

  // Several ids in one call; paging by Limit; a change through ModifyResourceTags shows.
  json both = request;
  both["ResourceIds"] = {id, other};
  both["Limit"] = 2;
  both["Offset"] = 2;
  const json page = client.call("DescribeResourceTagsByResourceIds", both, tag_api()).response();
  EXPECT_EQ(page["TotalCount"], 3);
  ASSERT_EQ(page["Tags"].size(), 1u);
  EXPECT_EQ(page["Tags"][0]["ResourceId"], other);
  ASSERT_TRUE(modify({{"Resource", resource(id)}, {"DeleteTags", {{{"TagKey", "team"}}}}}).ok());
  EXPECT_EQ(client.call("DescribeResourceTagsByResourceIds", request, tag_api())
                .response()["TotalCount"],
            1);

  // Unknown resources have no tags; a bad request is refused with the API's codes.
  json unknown = request;
  unknown["ResourceIds"] = {"nosuchcert"};
  EXPECT_EQ(client.call("DescribeResourceTagsByResourceIds", unknown, tag_api())
                .response()["Tags"],
            json::array());
  json missing = request;
  missing.erase("ServiceType");
  EXPECT_EQ(client.call("DescribeResourceTagsByResourceIds", missing, tag_api()).code(),
            "MissingParameter");
  json misaligned = request;
  misaligned["Offset"] = 3;
  EXPECT_EQ(client.call("DescribeResourceTagsByResourceIds", misaligned, tag_api()).code(),
            "InvalidParameterValue");
  // Served by the Tag API only.
  EXPECT_EQ(client.call("DescribeResourceTagsByResourceIds", request).code(), "InvalidAction");
}

// tag_lag_reads N: DescribeCertificate lists a certificate's tags as they were before the last
// ModifyResourceTags for N reads, then as they are; a call made with no lag drops an older
// call's view; POST /_sim/reset drops every view (a certificate seeded again under the same id
// lists its own tags).
TEST_F(TagApiTest, TagLagReadsListTheTagsBeforeTheLastCall) {
  const json seed = {{"certificates",
                      {{{"CertificateId", "LagCert1"},
                        {"Generate", {{"Domain", "lag.example.com"}}},
                        {"Tags", {{{"TagKey", "owner"}, {"TagValue", "a"}}}}}}}};
  server->admin("POST", "/seed", seed);
  const json before = json::parse(R"([{"TagKey":"owner","TagValue":"a"}])");
  const json after = json::parse(R"([{"TagKey":"owner","TagValue":"b"}])");
  const json later = json::parse(R"([{"TagKey":"owner","TagValue":"c"}])");
  server->admin("POST", "/tasks/config", {{"tag_lag_reads", 2}});
  ASSERT_TRUE(modify({{"Resource", resource("LagCert1")},
                      {"ReplaceTags", {{{"TagKey", "owner"}, {"TagValue", "b"}}}}})
                  .ok());
  EXPECT_EQ(tags_of("LagCert1"), before);
  EXPECT_EQ(tags_of("LagCert1"), before);
  EXPECT_EQ(tags_of("LagCert1"), after);

  ASSERT_TRUE(modify({{"Resource", resource("LagCert1")},
                      {"ReplaceTags", {{{"TagKey", "owner"}, {"TagValue", "c"}}}}})
                  .ok());
  server->admin("POST", "/tasks/config", {{"tag_lag_reads", 0}});
  ASSERT_TRUE(modify({{"Resource", resource("LagCert1")},
                      {"ReplaceTags", {{{"TagKey", "owner"}, {"TagValue", "c"}}}}})
                  .ok());
  EXPECT_EQ(tags_of("LagCert1"), later);

  server->admin("POST", "/tasks/config", {{"tag_lag_reads", 5}});
  ASSERT_TRUE(modify({{"Resource", resource("LagCert1")},
                      {"ReplaceTags", {{{"TagKey", "owner"}, {"TagValue", "b"}}}}})
                  .ok());
  server->admin("POST", "/reset");
  server->admin("POST", "/seed", seed);
  EXPECT_EQ(tags_of("LagCert1"), before);
}

}  // namespace
}  // namespace cloudssl::sim::test
