// Downloads (seed 004 DownloadCertificate, DescribeDownloadCertificateUrl) over HTTP: real zip
// archives in the layouts simulator/README.md writes down, the keystores real PKCS#12 files
// opened with keystorePass.txt, links served on the same port, and the documented refusals
// (not allowed, wrong status, unsupported service type, masked keys).
#include <httplib.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>

#include <algorithm>
#include <map>

#include "lib/zip/zip_archive.h"
#include "simulator/certificate_archive.h"
#include "tests/unit/simulator/sim_fixture.h"

namespace cloudssl::sim::test {
namespace {

using DownloadTest = SimTest;

std::string base64_decode(const std::string& in) {
  std::string out(in.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  EXPECT_GE(n, 0);
  std::size_t size = static_cast<std::size_t>(std::max(n, 0));
  if (!in.empty() && in.back() == '=') --size;
  if (in.size() > 1 && in[in.size() - 2] == '=') --size;
  out.resize(size);
  return out;
}

std::map<std::string, std::string> files_of(const std::string& zip) {
  std::map<std::string, std::string> out;
  for (auto& e : zip::read_archive(zip)) out[e.name] = e.content;
  return out;
}

std::vector<std::string> names(const std::map<std::string, std::string>& files) {
  std::vector<std::string> out;
  for (const auto& [name, content] : files) out.push_back(name);
  return out;
}

// True when `p12` opens with `password` and holds a key and a certificate.
bool opens_with(const std::string& p12, const std::string& password) {
  BIO* bio = BIO_new_mem_buf(p12.data(), static_cast<int>(p12.size()));
  PKCS12* parsed = d2i_PKCS12_bio(bio, nullptr);
  BIO_free(bio);
  if (!parsed) return false;
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  const bool ok = PKCS12_parse(parsed, password.c_str(), &key, &cert, nullptr) == 1 && key && cert;
  EVP_PKEY_free(key);
  X509_free(cert);
  PKCS12_free(parsed);
  return ok;
}

// The archive a DescribeDownloadCertificateUrl link serves.
std::string fetch(const std::string& url) {
  const auto path_start = url.find('/', std::string("http://").size());
  httplib::Client http(url.substr(0, path_start));
  auto res = http.Get(url.substr(path_start));
  EXPECT_TRUE(res);
  if (!res) return {};
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/zip");
  return res->body;
}

TEST_F(DownloadTest, DownloadCertificateAnswersTheZipWithAFolderPerServer) {
  const Pem pem = make_pem("www.example.com");
  const std::string id = upload(pem);
  auto r = client.ok("DownloadCertificate", {{"CertificateId", id}});
  EXPECT_EQ(r["ContentType"], "application/zip");
  const auto files = files_of(base64_decode(r["Content"].get<std::string>()));
  EXPECT_EQ(names(files),
            (std::vector<std::string>{
                "Apache/1_root_bundle.crt", "Apache/2_www.example.com.crt",
                "Apache/3_www.example.com.key", "IIS/keystorePass.txt", "IIS/www.example.com.pfx",
                "Nginx/1_www.example.com_bundle.crt", "Nginx/2_www.example.com.key",
                "Tomcat/keystorePass.txt", "Tomcat/www.example.com.jks", "www.example.com.key",
                "www.example.com.pem"}));
  EXPECT_EQ(files.at("Nginx/2_www.example.com.key"), pem.key);
  EXPECT_NE(files.at("Nginx/1_www.example.com_bundle.crt").find("BEGIN CERTIFICATE"),
            std::string::npos);
  EXPECT_TRUE(opens_with(files.at("IIS/www.example.com.pfx"), files.at("IIS/keystorePass.txt")));
  EXPECT_FALSE(opens_with(files.at("IIS/www.example.com.pfx"), "wrong"));
  EXPECT_TRUE(
      opens_with(files.at("Tomcat/www.example.com.jks"), files.at("Tomcat/keystorePass.txt")));
}

TEST_F(DownloadTest, EachServiceTypeHasItsOwnArchiveBehindALink) {
  const Pem pem = make_pem("www.example.com");
  const std::string id = upload(pem);
  const std::map<std::string, std::vector<std::string>> expected = {
      {"nginx",
       {"www.example.com_bundle.crt", "www.example.com_bundle.pem", "www.example.com.key"}},
      {"apache", {"root_bundle.crt", "www.example.com.crt", "www.example.com.key"}},
      {"tomcat", {"www.example.com.jks", "keystorePass.txt"}},
      {"jks", {"www.example.com.jks", "keystorePass.txt"}},
      {"iis", {"www.example.com.pfx", "keystorePass.txt"}},
      {"other", {"www.example.com.pem", "www.example.com.key"}},
      {"root", {"root_bundle.crt"}}};
  for (const auto& [type, files] : expected) {
    auto r =
        client.ok("DescribeDownloadCertificateUrl", {{"CertificateId", id}, {"ServiceType", type}});
    EXPECT_EQ(r["DownloadFilename"], "www.example.com_" + type + ".zip");
    const auto got = files_of(fetch(r["DownloadCertificateUrl"].get<std::string>()));
    std::vector<std::string> want;
    for (const auto& f : files) want.push_back("www.example.com_" + type + "/" + f);
    std::sort(want.begin(), want.end());
    EXPECT_EQ(names(got), want) << type;
    if (type == "iis") {
      EXPECT_TRUE(opens_with(got.at("www.example.com_iis/www.example.com.pfx"),
                             got.at("www.example.com_iis/keystorePass.txt")));
    }
  }
  EXPECT_EQ(
      client
          .call("DescribeDownloadCertificateUrl", {{"CertificateId", id}, {"ServiceType", "caddy"}})
          .code(),
      "FailedOperation.CertificateDownloadServiceTypeNotSupport");
  // An unknown link is not found.
  httplib::Client http("127.0.0.1", server->port());
  auto res = http.Get("/_download/nosuchtoken/x.zip");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(DownloadTest, RefusalsFollowTheSeed) {
  const std::string id = upload(make_pem("www.example.com"));
  server->admin("POST", "/certificates/" + id, {{"AllowDownload", false}});
  EXPECT_EQ(client.call("DownloadCertificate", {{"CertificateId", id}}).code(),
            "FailedOperation.CertificateNotAllowDownload");
  EXPECT_EQ(
      client
          .call("DescribeDownloadCertificateUrl", {{"CertificateId", id}, {"ServiceType", "nginx"}})
          .code(),
      "FailedOperation.CertificateNotAllowDownload");
  // A free certificate still an order has nothing to download.
  auto applied =
      client.ok("ApplyCertificate", {{"DvAuthMethod", "DNS"}, {"DomainName", "cn.example.com"}});
  EXPECT_EQ(
      client.call("DownloadCertificate", {{"CertificateId", applied["CertificateId"]}}).code(),
      "FailedOperation.CertificateStatusNotAllowDownload");
  EXPECT_EQ(client.call("DownloadCertificate", {{"CertificateId", "nosuchid"}}).code(),
            "FailedOperation.CertificateNotFound");
}

TEST_F(DownloadTest, AMaskedKeyIsMaskedInTheArchiveAndKeystoresAreLeftOut) {
  const std::string id = upload(make_pem("www.example.com"));
  server->admin("POST", "/tasks/config", {{"mask_private_key", true}});
  auto r = client.ok("DownloadCertificate", {{"CertificateId", id}});
  const auto files = files_of(base64_decode(r["Content"].get<std::string>()));
  EXPECT_EQ(files.at("Nginx/2_www.example.com.key"), "*******\n");
  EXPECT_EQ(files.count("IIS/www.example.com.pfx"), 0u);
}

TEST(ZipArchive, GarbageIsAZipError) {
  EXPECT_THROW(zip::read_archive("not a zip archive"), zip::ZipError);
  EXPECT_THROW(zip::read_archive(""), zip::ZipError);
}

}  // namespace
}  // namespace cloudssl::sim::test
