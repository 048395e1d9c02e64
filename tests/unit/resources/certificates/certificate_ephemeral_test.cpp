// The ephemeral cloudssl_certificate's open against a scripted SSL API that answers the
// simulator's real archives: the chain and key from DownloadCertificate's zip, a server
// bundle fetched from DescribeDownloadCertificateUrl's link (base64 files, the keystore
// password), and each refusal an error on the attribute to change (certificate_id, or
// service_type) that says what to do; every result a wholly known value of the schema's type.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tencent_dialect.h"
#include "provider/framework/schema.h"
#include "resources/certificates/factories.h"
#include "resources/common/provider_data.h"
#include "simulator/cert_info.h"
#include "simulator/certificate_archive.h"
#include "tests/support/fake_api_server.h"
#include "tests/support/ssl_test_client.h"

namespace cloudssl::certificates {
namespace {

using namespace api::testing;
using codec::Path;
using codec::Type;
using codec::Value;
using nlohmann::json;

sim::Certificate simulated(bool with_key = true) {
  const auto kp = sim::make_self_signed("www.example.com", {}, 1700000000, 90, "ECC");
  sim::Certificate c;
  c.id = "abc12345";
  c.domain = "www.example.com";
  c.public_pem = kp.certificate_pem;
  if (with_key) c.private_pem = kp.private_key_pem;
  return c;
}

struct Fixture {
  explicit Fixture(FakeApiServer::Handler handler) : server(std::move(handler)) {
    auto data = std::make_shared<common::ProviderData>();
    data->tencent.ssl = std::make_shared<api::Client>(api::testing::ssl_client_for(server));
    ctx.provider_data = data;
  }

  framework::EphemeralOpenResult open(const std::string& service_type, framework::Diagnostics& d) {
    const Type type = framework::implied_type(resource->schema());
    std::map<std::string, Value> attributes;
    for (const auto& [name, t] : type.attribute_types()) attributes.emplace(name, Value::null(t));
    attributes["certificate_id"] = Value::string("abc12345");
    if (!service_type.empty()) attributes["service_type"] = Value::string(service_type);
    const Value config = Value::object(type, std::move(attributes));
    auto result = resource->open({config, ctx}, d);
    EXPECT_TRUE(result.result.type() == type);
    EXPECT_TRUE(result.result.is_wholly_known());
    return result;
  }

  FakeApiServer server;
  framework::Context ctx;
  std::shared_ptr<framework::EphemeralResource> resource = make_certificate_ephemeral_resource();
};

// Answers the download actions with `cert`'s archives; the link is a GET of "/".
FakeApiServer::Handler serving(const sim::Certificate& cert, bool masked = false,
                               std::string* endpoint = nullptr) {
  return [=](const RecordedRequest& r, int) -> Reply {
    if (r.method == "GET") return {200, sim::service_archive(cert, "iis", masked, "s3cret-pass")};
    const std::string action = action_of(r);
    if (action == "DownloadCertificate") {
      return api::testing::ok(
          {{"Content", sim::base64_encode(sim::download_archive(cert, masked, "s3cret-pass"))},
           {"ContentType", "application/zip"}});
    }
    if (action == "DescribeDownloadCertificateUrl") {
      return api::testing::ok({{"DownloadCertificateUrl", *endpoint + "/?dl=token"},
                               {"DownloadFilename", "www.example.com_iis.zip"}});
    }
    return api::testing::api_error("InvalidAction");
  };
}

std::string decoded(const std::string& in) {
  std::string out(in.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  std::size_t size = static_cast<std::size_t>(n < 0 ? 0 : n);
  if (!in.empty() && in.back() == '=') --size;
  if (in.size() > 1 && in[in.size() - 2] == '=') --size;
  out.resize(size);
  return out;
}

TEST(CertificateEphemeral, SecretsAreSensitiveAndTheServiceTypeIsChecked) {
  const auto schema = make_certificate_ephemeral_resource()->schema();
  for (const auto& a : schema.block.attributes) {
    if (a.name == "private_key_pem" || a.name == "bundle_files" || a.name == "bundle_password") {
      EXPECT_TRUE(a.sensitive && a.computed) << a.name;
    }
    if (a.name == "certificate_id") {
      EXPECT_TRUE(a.required);
    }
    if (a.name == "service_type") {
      EXPECT_FALSE(a.validators.empty());
    }
  }
  EXPECT_TRUE(framework::validate_schema(schema, "cloudssl_certificate").empty());
}

TEST(CertificateEphemeral, OpenReturnsTheChainAndKeyOfTheDownload) {
  const auto cert = simulated();
  std::string endpoint;
  Fixture f(serving(cert, false, &endpoint));
  framework::Diagnostics d;
  const auto opened = f.open("", d);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(opened.result.get_string("private_key_pem"), cert.private_pem);
  EXPECT_EQ(opened.result.get_string("certificate_pem"), cert.public_pem);
  EXPECT_TRUE(opened.result.at("bundle_files").is_null());
  ASSERT_EQ(f.server.count(), 1u);  // no bundle asked, none fetched
  EXPECT_NE(f.server.requests()[0].body.find("\"CertificateId\":\"abc12345\""), std::string::npos);
}

TEST(CertificateEphemeral, AServiceTypeAddsItsBundleFromTheLink) {
  const auto cert = simulated();
  std::string endpoint;
  Fixture f(serving(cert, false, &endpoint));
  endpoint = f.server.endpoint();
  framework::Diagnostics d;
  const auto opened = f.open("iis", d);
  ASSERT_TRUE(d.empty()) << d.all().front().detail;
  EXPECT_EQ(opened.result.get_string("bundle_file_name"), "www.example.com_iis.zip");
  EXPECT_EQ(opened.result.get_string("bundle_password"), "s3cret-pass");
  const auto& files = opened.result.at("bundle_files");
  ASSERT_FALSE(files.is_null());
  EXPECT_EQ(decoded(files.at("keystorePass.txt").as_string()), "s3cret-pass");
  EXPECT_TRUE(files.has("www.example.com.pfx"));
  ASSERT_EQ(f.server.count(), 3u);
  EXPECT_NE(f.server.requests()[1].body.find("\"ServiceType\":\"iis\""), std::string::npos);
  EXPECT_EQ(f.server.requests()[2].method, "GET");
}

struct Refusal {
  std::string code;
  std::string service_type;
  Path attribute;
  std::string says;
};

TEST(CertificateEphemeral, RefusalsAreErrorsOnTheAttributeSayingWhatToDo) {
  const std::vector<Refusal> cases = {
      {"FailedOperation.CertificateNotAllowDownload", "", Path::root("certificate_id"),
       "not to allow downloads"},
      {"FailedOperation.CertificateStatusNotAllowDownload", "", Path::root("certificate_id"),
       "(status 4)"},
      {"FailedOperation.CertificateNotFound", "", Path::root("certificate_id"), "No certificate"},
      {"FailedOperation.CertificateDownloadServiceTypeNotSupport", "iis",
       Path::root("service_type"), "Choose another service_type"},
  };
  const auto cert = simulated();
  for (const auto& c : cases) {
    Fixture f([&](const RecordedRequest& r, int) -> Reply {
      const std::string action = action_of(r);
      if (action == "DescribeCertificate") {
        return api::testing::ok({{"CertificateId", "abc12345"}, {"Status", 4}});
      }
      if (action == "DownloadCertificate" && !c.service_type.empty()) {
        return api::testing::ok(
            {{"Content", sim::base64_encode(sim::download_archive(cert, false, "p"))}});
      }
      return api::testing::api_error(c.code);
    });
    framework::Diagnostics d;
    const auto opened = f.open(c.service_type, d);
    ASSERT_TRUE(d.has_errors()) << c.code;
    EXPECT_EQ(*d.all().front().attribute, c.attribute) << c.code;
    EXPECT_NE(d.all().front().detail.find(c.says), std::string::npos) << d.all().front().detail;
    EXPECT_NE(d.all().front().detail.find(c.code), std::string::npos) << d.all().front().detail;
    EXPECT_TRUE(opened.result.at("private_key_pem").is_null());
  }
}

TEST(CertificateEphemeral, AMaskedOrMissingKeyIsAnErrorOnTheId) {
  for (const bool masked : {true, false}) {
    const auto cert = simulated(/*with_key=*/masked);
    std::string endpoint;
    Fixture f(serving(cert, masked, &endpoint));
    framework::Diagnostics d;
    const auto opened = f.open("", d);
    ASSERT_TRUE(d.has_errors());
    EXPECT_EQ(*d.all().front().attribute, Path::root("certificate_id"));
    EXPECT_NE(d.all().front().detail.find(masked ? "masked" : "uploaded without"),
              std::string::npos)
        << d.all().front().detail;
    EXPECT_TRUE(opened.result.at("private_key_pem").is_null());
  }
}

}  // namespace
}  // namespace cloudssl::certificates
