// ephemeral "cloudssl_certificate" (Terraform >= 1.10): a Tencent Cloud certificate's chain and
// private key, and optionally one server type's bundle, for write-only arguments and other
// providers' configuration. The key comes from DownloadCertificate's zip and the bundle from
// DescribeDownloadCertificateUrl's (seed 004), both unpacked in memory (lib/zip) and held in
// SecretStrings; Terraform keeps an ephemeral resource's values out of plan and state, the
// secret attributes are also sensitive, and the client's logs redact the archives.
#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/download_actions.h"
#include "lib/pem/pem.h"
#include "lib/zip/zip_archive.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/validators.h"
#include "resources/certificates/certificate_status.h"
#include "resources/certificates/factories.h"
#include "resources/common/call_options.h"
#include "resources/common/certificate_id_argument.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

namespace {

using namespace common::schema_names;

const std::vector<std::string> kServiceTypes = {"nginx", "apache", "tomcat", "iis",
                                                "jks",   "other",  "root"};

// An archive's files, each file's bytes wiped when the archive goes.
using Files = std::vector<std::pair<std::string, SecretString>>;

Files unpack(const SecretString& zip) {
  Files out;
  for (auto& entry : zip::read_archive(zip.value())) {
    out.emplace_back(std::move(entry.name), SecretString(std::move(entry.content)));
  }
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The first file whose name matches, in the order of the predicates.
const SecretString* pick(const Files& files,
                         std::initializer_list<std::function<bool(const std::string&)>> wanted) {
  for (const auto& matches : wanted) {
    for (const auto& [name, content] : files) {
      if (matches(name)) return &content;
    }
  }
  return nullptr;
}

std::string folder_of(const std::string& name) {
  const auto slash = name.find('/');
  return slash == std::string::npos ? std::string() : name.substr(0, slash + 1);
}

class CertificateEphemeralResource final : public framework::EphemeralResource {
 public:
  framework::Schema schema() const override {
    framework::Schema s;
    s.block.description =
        "A Tencent Cloud certificate's chain and private key (DownloadCertificate), and "
        "optionally the files one server type needs (DescribeDownloadCertificateUrl), for "
        "write-only arguments and other providers' configuration (Terraform >= 1.10). Nothing "
        "of it is stored in plan or state.";
    s.block.attributes = {
        common::certificate_id_argument(
            "certificate_id",
            "The certificate to export: an issued certificate whose downloads are "
            "allowed, e.g. cloudssl_certificate_validation.<name>.certificate_id."),
        framework::optional_argument(
            "service_type", Type::string(),
            "Also fetch the bundle for this server type: nginx, apache, tomcat, iis, jks, other "
            "or root (the API's ServiceType). Omit it for the chain and key only.",
            {v::one_of(kServiceTypes)}),
        framework::read_only("certificate_pem", Type::string(),
                             "The certificate chain in PEM, leaf first."),
        {.name = "private_key_pem",
         .type = Type::string(),
         .computed = true,
         .sensitive = true,
         .description = "The certificate's private key in PEM. Sensitive; never stored."},
        framework::read_only("bundle_file_name", Type::string(),
                             "The bundle archive's name (DownloadFilename, e.g. "
                             "\"www.example.com_nginx.zip\"); null without service_type."),
        {.name = "bundle_files",
         .type = Type::map(Type::string()),
         .computed = true,
         .sensitive = true,
         .description =
             "The bundle's files by name (without the archive's top folder), each file's bytes "
             "in base64 (keystores are binary; base64decode() gives a text file back). "
             "Sensitive; null without service_type."},
        {.name = "bundle_password",
         .type = Type::string(),
         .computed = true,
         .sensitive = true,
         .description = "The keystore password of a tomcat, jks or iis bundle "
                        "(keystorePass.txt); null otherwise. Sensitive."},
    };
    return s;
  }

  framework::EphemeralOpenResult open(const framework::EphemeralOpenRequest& req,
                                      Diagnostics& d) const override {
    const std::string id = req.config.get_string("certificate_id").value_or("");
    const std::string service_type = req.config.get_string("service_type").value_or("");
    const auto failed = [&] {
      return framework::EphemeralOpenResult{
          .result = null_result(req.config), .private_state = {}, .renew_at = std::nullopt};
    };
    api::Client* client = nullptr;
    try {
      client = &common::ssl_client(req.ctx);
    } catch (const std::exception& e) {
      d.error("Tencent Cloud is not configured", e.what());
      return failed();
    }
    const api::CallOptions options = common::call_options(req.ctx);

    Files files;
    try {
      files = unpack(api::download_certificate(*client, id, options));
    } catch (const api::ApiError& e) {
      refused(*client, options, id, e, d);
      return failed();
    } catch (const zip::ZipError& e) {
      d.error("Unreadable download",
              "DownloadCertificate answered an archive for " + id + " that cannot be read (" +
                  e.what() + ").",
              Path::root("certificate_id"));
      return failed();
    }
    const SecretString* chain = pick(
        files, {[](const std::string& n) {
                  return n.rfind("Nginx/", 0) == 0 && ends_with(n, "_bundle.crt");
                },
                [](const std::string& n) { return folder_of(n).empty() && ends_with(n, ".pem"); },
                [](const std::string& n) { return ends_with(n, ".crt"); }});
    const SecretString* key = pick(
        files,
        {[](const std::string& n) { return n.rfind("Nginx/", 0) == 0 && ends_with(n, ".key"); },
         [](const std::string& n) { return folder_of(n).empty() && ends_with(n, ".key"); },
         [](const std::string& n) { return ends_with(n, ".key"); }});
    if (!chain || chain->value().find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
      d.error("No certificate in the download",
              "DownloadCertificate's archive for " + id + " holds no PEM certificate chain.",
              Path::root("certificate_id"));
      return failed();
    }
    if (!key) {
      d.error("No private key to export",
              "Tencent Cloud holds no private key for certificate " + id +
                  " (it was uploaded without one). For its chain alone use data "
                  "\"cloudssl_certificate\"; to export a key, upload the certificate with its "
                  "key (cloudssl_certificate.private_key_wo).",
              Path::root("certificate_id"));
      return failed();
    }
    if (key->value().find("PRIVATE KEY-----") == std::string::npos) {
      d.error("The private key is masked",
              "Tencent Cloud answered certificate " + id +
                  "'s private key masked (\"*******\"), as it does for credentials that may not "
                  "read private keys. Use credentials whose CAM policy allows "
                  "ssl:DownloadCertificate with key access, or export the key where it was made.",
              Path::root("certificate_id"));
      return failed();
    }
    Value result = req.config.with("certificate_pem", Value::string(chain->value()))
                       .with("private_key_pem", Value::string(key->value()))
                       .with("bundle_file_name", Value::null(Type::string()))
                       .with("bundle_files", Value::null(Type::map(Type::string())))
                       .with("bundle_password", Value::null(Type::string()));
    if (service_type.empty()) {
      return {.result = std::move(result), .private_state = {}, .renew_at = std::nullopt};
    }

    api::ServiceArchive archive;
    Files bundle;
    try {
      archive = api::download_service_archive(*client, id, service_type, options);
      bundle = unpack(archive.zip);
    } catch (const api::ApiError& e) {
      refused(*client, options, id, e, d);
      return failed();
    } catch (const zip::ZipError& e) {
      d.error("Unreadable download",
              "The " + service_type + " bundle of " + id + " cannot be read (" + e.what() + ").",
              Path::root("service_type"));
      return failed();
    }
    // The archive's files sit in one top folder ("<domain>_<type>/"): named without it.
    std::string top = bundle.empty() ? std::string() : folder_of(bundle.front().first);
    for (const auto& [name, content] : bundle) {
      if (folder_of(name) != top) top.clear();
    }
    std::map<std::string, Value> by_name;
    std::optional<std::string> password;
    for (const auto& [name, content] : bundle) {
      const std::string short_name = name.substr(top.size());
      by_name.emplace(short_name, Value::string(pem::base64_encode(content.value())));
      if (short_name == "keystorePass.txt" || ends_with(short_name, "/keystorePass.txt")) {
        password = content.value();
        while (!password->empty() && (password->back() == '\n' || password->back() == '\r')) {
          password->pop_back();
        }
      }
    }
    result = result.with("bundle_file_name", Value::string(archive.file_name))
                 .with("bundle_files", Value::map(Type::string(), std::move(by_name)))
                 .with("bundle_password",
                       password ? Value::string(*password) : Value::null(Type::string()));
    return {.result = std::move(result), .private_state = {}, .renew_at = std::nullopt};
  }

 private:
  // The configuration with every computed attribute null: what a failed open returns.
  static Value null_result(const Value& config) {
    return config.with("certificate_pem", Value::null(Type::string()))
        .with("private_key_pem", Value::null(Type::string()))
        .with("bundle_file_name", Value::null(Type::string()))
        .with("bundle_files", Value::null(Type::map(Type::string())))
        .with("bundle_password", Value::null(Type::string()));
  }

  // A refused download as a diagnostic on the attribute to change, saying what to do.
  static void refused(api::Client& client, const api::CallOptions& options, const std::string& id,
                      const api::ApiError& e, Diagnostics& d) {
    const std::string code =
        " (" + e.code() + (e.request_id().empty() ? "" : ", RequestId: " + e.request_id()) + ")";
    switch (api::download_refusal(e)) {
      case api::DownloadRefusal::NotFound:
        d.error(
            "Certificate not found",
            "No certificate with id \"" + id + "\" is visible to these credentials" + code + ".",
            Path::root("certificate_id"));
        return;
      case api::DownloadRefusal::NotAllowed:
        d.error("Downloads are not allowed for this certificate",
                "Certificate " + id + " is set not to allow downloads" + code +
                    ". Allow downloads for it in the SSL certificate console, or export the key "
                    "from where it was made.",
                Path::root("certificate_id"));
        return;
      case api::DownloadRefusal::Status: {
        std::optional<std::int64_t> status;
        try {
          if (auto c = api::find_certificate(client, id, options)) status = c->status;
        } catch (const api::ApiError&) {
        }
        d.error("The certificate cannot be downloaded in its status",
                "Certificate " + id + " is " +
                    (status ? status_text(status) + " (status " + std::to_string(*status) + ")"
                            : std::string("not in a downloadable status")) +
                    code +
                    "; only issued certificates can be exported. For a new free certificate, "
                    "take certificate_id from cloudssl_certificate_validation, which waits for "
                    "issuance.",
                Path::root("certificate_id"));
        return;
      }
      case api::DownloadRefusal::ServiceTypeUnsupported:
        d.error("Bundle not available for this service type",
                "Tencent Cloud offers no such bundle for certificate " + id + code +
                    ". Choose another service_type (nginx, apache, tomcat, iis, jks, other, root) "
                    "or omit it.",
                Path::root("service_type"));
        return;
      case api::DownloadRefusal::None:
        break;
    }
    d.error("Downloading certificate " + id + " failed",
            e.code() + ": " + e.message() +
                (e.request_id().empty() ? std::string() : " (RequestId: " + e.request_id() + ")"),
            Path::root("certificate_id"));
  }
};

}  // namespace

std::shared_ptr<framework::EphemeralResource> make_certificate_ephemeral_resource() {
  return std::make_shared<CertificateEphemeralResource>();
}

}  // namespace cloudssl::certificates
