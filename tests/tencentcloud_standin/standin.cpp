// terraform-provider-tencentcloud (test-only stand-in): the schemas of the official Tencent
// Cloud provider's tencentcloud_ssl_certificate and tencentcloud_ssl_free_certificate
// (tencentcloudstack/terraform-provider-tencentcloud, tencentcloud/services/ssl/, schema
// version 0), with the API calls that provider makes, so that a state written "by the official
// provider" is produced by a real `terraform init` + apply against cloudssl-sim and a `moved`
// block to cloudssl can be tested on the real CLI. Never installed or shipped.
//
// Departures from the official provider, all test conveniences: TENCENTCLOUD_STANDIN_ENDPOINT
// replaces the protocol/domain endpoint (the simulator listens on 127.0.0.1:PORT);
// TENCENTCLOUD_STANDIN_LEGACY=1 serves the schema of older releases, before
// notification_switch existed; unset optional arguments are stored as null, where the SDK v2
// would store "" or 0 (the move accepts both).
#include "tests/tencentcloud_standin/standin.h"

#include <cstdlib>
#include <map>

#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/ssl_api.h"
#include "api/tencent/tag/tag_actions.h"
#include "api/tencent/tencent_dialect.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/registry.h"

namespace cloudssl::standin {

using namespace framework;

namespace {

struct Clients {
  std::shared_ptr<api::Client> ssl;
  std::shared_ptr<api::Client> tag;
  std::string region;
};
using ClientsPtr = std::shared_ptr<const Clients>;

bool legacy() {
  const char* v = std::getenv("TENCENTCLOUD_STANDIN_LEGACY");
  return v && std::string(v) == "1";
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

class StandinProvider final : public Provider {
 public:
  Schema schema() const override {
    Block b;
    for (const char* name : {"secret_id", "secret_key", "security_token"})
      b.attributes.push_back({.name = name,
                              .type = Type::string(),
                              .optional = true,
                              .sensitive = std::string(name) != "secret_id"});
    for (const char* name : {"region", "protocol", "domain"})
      b.attributes.push_back({.name = name, .type = Type::string(), .optional = true});
    return Schema{.block = std::move(b)};
  }

  std::any configure(const ConfigureRequest& req, Diagnostics& d) override {
    auto text = [&](const char* attribute, const char* env, const std::string& fallback) {
      if (!req.config.is_null())
        if (auto v = req.config.get_string(attribute)) return *v;
      return env_or(env, fallback);
    };
    api::tencent::ClientConfig config;
    config.credentials.secret_id = text("secret_id", "TENCENTCLOUD_SECRET_ID", "");
    config.credentials.secret_key = text("secret_key", "TENCENTCLOUD_SECRET_KEY", "");
    config.credentials.security_token = text("security_token", "TENCENTCLOUD_SECURITY_TOKEN", "");
    config.region = text("region", "TENCENTCLOUD_REGION", "ap-guangzhou");
    const std::string protocol = text("protocol", "TENCENTCLOUD_PROTOCOL", "HTTPS");
    const std::string domain = text("domain", "TENCENTCLOUD_DOMAIN", "tencentcloudapi.com");
    const std::string scheme = protocol == "HTTP" ? "http://" : "https://";
    const std::string override_endpoint = env_or("TENCENTCLOUD_STANDIN_ENDPOINT", "");
    config.endpoint = override_endpoint.empty() ? scheme + "ssl." + domain : override_endpoint;
    config.max_retries = 2;
    if (config.credentials.secret_id.empty() || config.credentials.secret_key.empty())
      d.error("Missing credentials", "Set secret_id/secret_key or TENCENTCLOUD_SECRET_ID/KEY.");
    auto clients = std::make_shared<Clients>();
    clients->region = config.region;
    api::tencent::ClientConfig tag = config;
    tag.endpoint = override_endpoint.empty() ? scheme + "tag." + domain : override_endpoint;
    clients->tag = std::make_shared<api::Client>(
        api::tencent::make_client(api::tencent::kTagApi, std::move(tag)));
    clients->ssl = std::make_shared<api::Client>(
        api::tencent::make_client(api::tencent::kSslApi, std::move(config)));
    return ClientsPtr(std::move(clients));
  }
};

const Clients& clients(const Context& ctx) { return *ctx.provider<ClientsPtr>(); }

// The official provider rejects a newline at either end of cert and key.
void check_no_newline(const Value& config, const char* name, Diagnostics& d) {
  if (auto v = config.get_string(name);
      v && !v->empty() && (v->front() == '\n' || v->back() == '\n'))
    d.error(std::string(name) + " can't have \\n prefix or suffix", "", Path::root(name));
}

Value string_list(const std::vector<std::string>& items) {
  std::vector<Value> out;
  for (const auto& s : items) out.push_back(Value::string(s));
  return Value::list(Type::string(), std::move(out));
}

// Tags the way the official provider reads them: Tag API, ssl/certificate, the region.
Value read_tags(const Clients& c, const std::string& id) {
  nlohmann::json response =
      c.tag->call("DescribeResourceTagsByResourceIds", {{"ServiceType", "ssl"},
                                                        {"ResourcePrefix", "certificate"},
                                                        {"ResourceRegion", c.region},
                                                        {"ResourceIds", {id}},
                                                        {"Limit", 15},
                                                        {"Offset", 0}});
  std::map<std::string, Value> tags;
  for (const auto& t : response.value("Tags", nlohmann::json::array()))
    if (t.value("ResourceId", "") == id)
      tags.emplace(t.value("TagKey", ""), Value::string(t.value("TagValue", "")));
  return Value::map(Type::string(), std::move(tags));
}

void write_tags(const Clients& c, const std::string& id, const Value& from, const Value& to) {
  std::vector<api::Tag> before, after;
  if (!from.is_null() && from.is_known())
    for (const auto& [k, v] : from.entries()) before.push_back({k, v.as_string()});
  if (!to.is_null() && to.is_known())
    for (const auto& [k, v] : to.entries()) after.push_back({k, v.as_string()});
  const auto changes = api::diff_tags(before, after);
  api::modify_resource_tags(*c.tag, api::certificate_tag_resource(c.region, id), changes.replace,
                            changes.delete_keys);
}

// What both resource types share: one certificate, by id. Read is DescribeCertificateDetail
// (not found: gone) filled in by each type; an update changes the alias and the project in
// place; delete and import go by the id.
class StandinCertificate : public Resource, public ResourceWithImport {
 public:
  std::optional<Value> read(const ReadRequest& req, Diagnostics&) override {
    return fill(clients(req.ctx), req.state);
  }

  Value update(const UpdateRequest& req, Diagnostics&) override {
    const Clients& c = clients(req.ctx);
    const std::string id = *req.prior.get_string("id");
    if (!(req.planned.at(alias_) == req.prior.at(alias_)))
      api::modify_certificate_alias(*c.ssl, id, req.planned.get_string(alias_).value_or(""));
    if (!(req.planned.at("project_id") == req.prior.at("project_id")))
      api::modify_certificate_project(*c.ssl, {id}, req.planned.get_int("project_id").value_or(0));
    update_more(c, id, req);
    auto state = fill(c, req.planned);
    return state ? *state : req.prior;
  }

  void remove(const DeleteRequest& req, Diagnostics&) override {
    api::delete_certificate(*clients(req.ctx).ssl, *req.prior.get_string("id"),
                            /*is_check_resource=*/false);
  }

  Value import_state(const ImportRequest& req, Diagnostics&) const override {
    return Value::object(implied_type(schema()), {{"id", Value::string(req.id)}});
  }

 protected:
  // The certificate id: optional and computed, as the SDK v2 declares every "id".
  static Attribute id_attribute() {
    return {.name = "id",
            .type = Type::string(),
            .optional = true,
            .computed = true,
            .use_state_for_unknown = true};
  }

  // `alias_attribute`: the attribute ModifyCertificateAlias sets ("name" or "alias").
  explicit StandinCertificate(std::string alias_attribute) : alias_(std::move(alias_attribute)) {}

  // The state after a create of certificate `id`: `planned` with it, filled in.
  Value created(const Clients& c, const Value& planned, const std::string& id) const {
    auto state = fill(c, planned.with("id", Value::string(id)));
    return state ? *state : Value::null(planned.type());
  }
  // What the official provider's Read sets from the certificate's detail.
  virtual Value with_detail(const Clients& c, Value state,
                            const api::CertificateDetail& detail) const = 0;
  // An update's further changes in place, after alias and project.
  virtual void update_more(const Clients&, const std::string&, const UpdateRequest&) const {}

 private:
  std::optional<Value> fill(const Clients& c, Value state) const {
    auto detail = api::find_certificate_detail(*c.ssl, *state.get_string("id"));
    if (!detail) return std::nullopt;
    return with_detail(c, std::move(state), *detail);
  }

  std::string alias_;
};

// ---------------------------------------------------------------------------------------

class SslCertificate final : public StandinCertificate {
 public:
  SslCertificate() : StandinCertificate("name") {}

  Schema schema() const override {
    Block b;
    b.attributes = {
        id_attribute(),
        framework::optional_with_default("name", Type::string(), Value::string(""), ""),
        {.name = "type", .type = Type::string(), .required = true, .requires_replace = true},
        framework::optional_with_default("project_id", Type::number(), Value::number(0), ""),
        {.name = "cert", .type = Type::string(), .required = true, .requires_replace = true},
        {.name = "key",
         .type = Type::string(),
         .optional = true,
         .sensitive = true,
         .requires_replace = true},
        {.name = "tags", .type = Type::map(Type::string()), .optional = true, .computed = true},
        framework::read_only("product_zh_name", Type::string(), ""),
        framework::read_only("domain", Type::string(), ""),
        framework::read_only("status", Type::number(), ""),
        framework::read_only("begin_time", Type::string(), ""),
        framework::read_only("end_time", Type::string(), ""),
        framework::read_only("create_time", Type::string(), ""),
        framework::read_only("subject_names", Type::list(Type::string()), ""),
    };
    if (!legacy())
      b.attributes.push_back({.name = "notification_switch",
                              .type = Type::number(),
                              .optional = true,
                              .computed = true});
    return Schema{.version = 0, .block = std::move(b)};
  }

  void validate(const ValidateRequest& req, Diagnostics& d) const override {
    check_no_newline(req.config, "cert", d);
    check_no_newline(req.config, "key", d);
    if (auto t = req.config.get_string("type"); t && *t != "CA" && *t != "SVR")
      d.error("type must be CA or SVR", "", Path::root("type"));
  }

  Value create(const CreateRequest& req, Diagnostics& d) override {
    const Clients& c = clients(req.ctx);
    api::UploadCertificateRequest upload;
    upload.certificate_public_key = *req.planned.get_string("cert");
    upload.certificate_private_key = req.planned.get_string("key").value_or("");
    upload.certificate_type = *req.planned.get_string("type");
    upload.alias = req.planned.get_string("name").value_or("");
    upload.project_id = req.planned.get_int("project_id").value_or(0);
    if (upload.certificate_type == "SVR" && upload.certificate_private_key.empty()) {
      d.error("when type is SVR, key can't be empty");
      return Value::null(req.planned.type());
    }
    const std::string id = api::upload_certificate(*c.ssl, upload).certificate_id;
    const Value& tags = req.planned.at("tags");
    if (tags.is_known() && !tags.is_null() && tags.length() > 0)
      write_tags(c, id, Value::map(Type::string(), {}), tags);
    if (req.planned.get_int("notification_switch") == std::optional<std::int64_t>(1))
      c.ssl->call("ModifyCertificatesExpiringNotificationSwitch",
                  {{"CertificateIds", {id}}, {"SwitchStatus", 1}});
    return created(c, req.planned, id);
  }

 private:
  void update_more(const Clients& c, const std::string& id,
                   const UpdateRequest& req) const override {
    if (req.planned.at("tags").is_known() && !(req.planned.at("tags") == req.prior.at("tags")))
      write_tags(c, id, req.prior.at("tags"), req.planned.at("tags"));
  }

  // What resourceTencentCloudSslCertificateRead sets: DescribeCertificateDetail, then the tags
  // from the Tag API.
  Value with_detail(const Clients& c, Value state,
                    const api::CertificateDetail& detail) const override {
    const api::Certificate& cert = detail.certificate;
    const std::string id = *state.get_string("id");
    std::string pem = cert.certificate_public_key;
    while (!pem.empty() && pem.back() == '\n') pem.pop_back();
    state = state.with("name", Value::string(cert.alias))
                .with("type", Value::string(cert.certificate_type))
                .with("project_id", Value::number(cert.project_id.value_or(0)))
                .with("cert", Value::string(pem))
                .with("product_zh_name", Value::string(cert.product_zh_name))
                .with("domain", Value::string(cert.domain))
                .with("status", Value::number(cert.status.value_or(0)))
                .with("begin_time", Value::string(cert.cert_begin_time))
                .with("end_time", Value::string(cert.cert_end_time))
                .with("create_time", Value::string(cert.insert_time))
                .with("subject_names", string_list(cert.subject_alt_name))
                .with("tags", read_tags(c, id));
    if (!legacy() && state.at("notification_switch").is_unknown())
      state = state.with("notification_switch", Value::number(0));
    if (state.has("key") && state.at("key").is_unknown())
      state = state.with("key", Value::null(Type::string()));
    return state;
  }
};

// ---------------------------------------------------------------------------------------

class SslFreeCertificate final : public StandinCertificate {
 public:
  SslFreeCertificate() : StandinCertificate("alias") {}

  Schema schema() const override {
    Block b;
    b.attributes = {
        id_attribute(),
        {.name = "dv_auth_method", .type = Type::string(), .required = true},
        {.name = "domain", .type = Type::string(), .required = true, .requires_replace = true},
        {.name = "old_certificate_id",
         .type = Type::string(),
         .optional = true,
         .requires_replace = true},
        {.name = "csr_key_password", .type = Type::string(), .optional = true, .sensitive = true},
    };
    for (const char* name : {"package_type", "contact_email", "contact_phone", "validity_period",
                             "csr_encrypt_algo", "csr_key_parameter", "alias"})
      b.attributes.push_back({.name = name, .type = Type::string(), .optional = true});
    b.attributes.push_back({.name = "project_id", .type = Type::number(), .optional = true});
    for (const char* name :
         {"status_name", "status_msg", "product_zh_name", "vulnerability_status", "cert_begin_time",
          "cert_end_time", "insert_time", "certificate_public_key"})
      b.attributes.push_back(framework::read_only(name, Type::string(), ""));
    b.attributes.push_back(framework::read_only("certificate_private_key", Type::string(), ""));
    b.attributes.push_back(framework::read_only("status", Type::number(), ""));
    for (const char* name : {"renewable", "deployable"})
      b.attributes.push_back(framework::read_only(name, Type::boolean(), ""));
    b.attributes.push_back(
        {.name = "dv_auths",
         .nested = {{.name = "dv_auth_key", .type = Type::string(), .computed = true},
                    {.name = "dv_auth_value", .type = Type::string(), .computed = true},
                    {.name = "dv_auth_verify_type", .type = Type::string(), .computed = true}},
         .nesting = Nesting::List,
         .computed = true});
    return Schema{.version = 0, .block = std::move(b)};
  }

  Value create(const CreateRequest& req, Diagnostics&) override {
    const Clients& c = clients(req.ctx);
    const Value& p = req.planned;
    api::ApplyCertificateRequest apply;
    apply.dv_auth_method = *p.get_string("dv_auth_method");
    apply.domain_name = *p.get_string("domain");
    apply.package_type = p.get_string("package_type").value_or("");
    apply.contact_email = p.get_string("contact_email").value_or("");
    apply.contact_phone = p.get_string("contact_phone").value_or("");
    apply.validity_period = p.get_string("validity_period").value_or("");
    apply.csr_encrypt_algo = p.get_string("csr_encrypt_algo").value_or("");
    apply.csr_key_parameter = p.get_string("csr_key_parameter").value_or("");
    apply.csr_key_password = req.config.get_string("csr_key_password").value_or("");
    apply.alias = p.get_string("alias").value_or("");
    apply.old_certificate_id = p.get_string("old_certificate_id").value_or("");
    if (auto project = p.get_int("project_id"); project && *project > 0) apply.project_id = project;
    const std::string id = api::apply_certificate(*c.ssl, apply);
    return created(c, p, id);
  }

 private:
  // What resourceTencentCloudFreeCertificateRead sets from DescribeCertificateDetail,
  // including the generated private key (which cloudssl never keeps).
  Value with_detail(const Clients&, Value state,
                    const api::CertificateDetail& detail) const override {
    const api::Certificate& cert = detail.certificate;
    const Type& auth_type = state.type().attribute_types().at("dv_auths").element_type();
    std::vector<Value> auths;
    for (const api::DvAuth& a : cert.dv_auths)
      auths.push_back(
          Value::object(auth_type, {{"dv_auth_key", Value::string(a.key)},
                                    {"dv_auth_value", Value::string(a.value)},
                                    {"dv_auth_verify_type", Value::string(a.verify_type)}}));
    state =
        state.with("status", Value::number(cert.status.value_or(0)))
            .with("status_name", Value::string(cert.status_name))
            .with("status_msg", Value::string(cert.status_msg))
            .with("product_zh_name", Value::string(cert.product_zh_name))
            .with("vulnerability_status", Value::string(""))
            .with("cert_begin_time", Value::string(cert.cert_begin_time))
            .with("cert_end_time", Value::string(cert.cert_end_time))
            .with("insert_time", Value::string(cert.insert_time))
            .with("certificate_public_key", Value::string(cert.certificate_public_key))
            .with("certificate_private_key", Value::string(detail.certificate_private_key.value()))
            .with("renewable", Value::boolean(cert.renew_able.value_or(false)))
            .with("deployable", Value::boolean(cert.deployable.value_or(false)))
            .with("dv_auths", Value::list(auth_type, std::move(auths)));
    return state;
  }
};

}  // namespace

Registry make_standin_registry() {
  Registry registry("tencentcloud", std::make_shared<StandinProvider>());
  registry.add_resource("tencentcloud_ssl_certificate", std::make_shared<SslCertificate>());
  registry.add_resource("tencentcloud_ssl_free_certificate",
                        std::make_shared<SslFreeCertificate>());
  return registry;
}

}  // namespace cloudssl::standin
