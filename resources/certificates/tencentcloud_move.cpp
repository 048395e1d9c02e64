// The attribute mapping from the Tencent Cloud provider's SSL resources (see
// tencentcloud_move.h). The source schemas are those of tencentcloudstack/tencentcloud's
// tencentcloud/services/ssl/resource_tc_ssl_certificate.go and resource_tc_ssl_free_certificate.go
// (terraform-plugin-sdk v2: an unset optional string is stored as "", an unset int as 0).
#include "resources/certificates/tencentcloud_move.h"

#include <map>
#include <optional>
#include <string>

#include "lib/pem/pem.h"
#include "provider/framework/value_helpers.h"
#include "provider/util/secret_string.h"
#include "resources/certificates/certificate_values.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

namespace {

using namespace common::schema_names;

// Reads source attributes with their SDK v2 types; every problem names the attribute.
class SourceReader {
 public:
  SourceReader(const nlohmann::json& source, std::string type_name, Diagnostics& diagnostics)
      : source_(source), type_name_(std::move(type_name)), diagnostics_(diagnostics) {}

  void fail(const std::string& attribute, const std::string& why) {
    diagnostics_.error("Cannot move " + type_name_,
                       "Source attribute \"" + attribute + "\" " + why +
                           " Nothing was changed: the state still holds " + type_name_ +
                           "; correct it (for example with a refresh by the tencentcloud "
                           "provider) or remove the moved block and import the certificate.");
  }

  // A string; "" counts as unset (SDK v2 stores unset optional strings as "").
  std::optional<std::string> text(const std::string& name) {
    auto it = source_.find(name);
    if (it == source_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
      fail(name, "is not a string.");
      return std::nullopt;
    }
    std::string s = it->get<std::string>();
    if (s.empty()) return std::nullopt;
    return s;
  }

  std::string required_text(const std::string& name) {
    auto value = text(name);
    if (!value && !diagnostics_.has_errors()) fail(name, "is missing or empty.");
    return value.value_or("");
  }

  // An integer (SDK v2 TypeInt); a string of digits is accepted as the API sometimes
  // returns them.
  std::optional<std::int64_t> integer(const std::string& name) {
    auto it = source_.find(name);
    if (it == source_.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) return it->get<std::int64_t>();
    if (it->is_string()) {
      const std::string s = it->get<std::string>();
      if (s.empty()) return std::nullopt;
      try {
        std::size_t used = 0;
        const long long v = std::stoll(s, &used);
        if (used == s.size()) return v;
      } catch (const std::exception&) {
      }
    }
    fail(name, "is not a whole number.");
    return std::nullopt;
  }

  std::optional<bool> boolean(const std::string& name) {
    auto it = source_.find(name);
    if (it == source_.end() || it->is_null()) return std::nullopt;
    if (it->is_boolean()) return it->get<bool>();
    fail(name, "is not a bool.");
    return std::nullopt;
  }

  std::map<std::string, Value> string_map(const std::string& name) {
    std::map<std::string, Value> out;
    auto it = source_.find(name);
    if (it == source_.end() || it->is_null()) return out;
    if (!it->is_object()) {
      fail(name, "is not a map of strings.");
      return out;
    }
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) {
        fail(name + "." + k, "is not a string.");
        return {};
      }
      out.emplace(k, Value::string(v.get<std::string>()));
    }
    return out;
  }

  const nlohmann::json* array(const std::string& name) {
    auto it = source_.find(name);
    if (it == source_.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      fail(name, "is not a list.");
      return nullptr;
    }
    return &*it;
  }

  bool check_version(std::int64_t version) {
    if (version == kTencentCloudSslSchemaVersion) return true;
    diagnostics_.error(
        "Cannot move " + type_name_,
        "The state of " + type_name_ + " has schema version " + std::to_string(version) +
            ", but this cloudssl release knows only version " +
            std::to_string(kTencentCloudSslSchemaVersion) +
            " (every tencentcloud provider release so far). Nothing was changed. Upgrade "
            "cloudssl, or remove the moved block and import the certificate by id.");
    return false;
  }

 private:
  const nlohmann::json& source_;
  std::string type_name_;
  Diagnostics& diagnostics_;
};

// An object of the target type holding its schema defaults.
Value with_defaults(const framework::Schema& target) {
  std::map<std::string, Value> values;
  for (const framework::Attribute& a : target.block.attributes)
    if (a.default_value) values.emplace(a.name, *a.default_value);
  return Value::object(framework::implied_type(target), std::move(values));
}

Value optional_string(const std::optional<std::string>& s) {
  return s ? Value::string(*s) : Value::null(Type::string());
}

}  // namespace

Value move_tencentcloud_certificate(const nlohmann::json& source, std::int64_t schema_version,
                                    const framework::Schema& target, Diagnostics& diagnostics) {
  const Type type = framework::implied_type(target);
  SourceReader in(source, kTencentCloudCertificate, diagnostics);
  if (!in.check_version(schema_version)) return Value::null(type);

  const std::string id = in.required_text("id");
  const std::string cert = in.required_text("cert");
  // The key is held as a secret from here on: wiped when the mapping returns, never quoted.
  std::optional<SecretString> key;
  if (auto text = in.text("key")) key.emplace(std::move(*text));
  const std::string cert_type = in.text("type").value_or("SVR");
  if (cert_type != "SVR" && cert_type != "CA") in.fail("type", "must be \"SVR\" or \"CA\".");
  const std::optional<std::string> name = in.text("name");
  const std::optional<std::int64_t> project = in.integer("project_id");
  std::map<std::string, Value> tags = in.string_map("tags");
  const std::optional<std::int64_t> switch_value = in.integer("notification_switch");
  const std::optional<std::int64_t> status = in.integer("status");
  if (diagnostics.has_errors()) return Value::null(type);

  // The plan-time facts cloudssl keeps, from the PEM the other provider stored.
  std::optional<pem::Chain> chain;
  try {
    chain = pem::parse_chain(cert);
  } catch (const pem::PemError& e) {
    in.fail("cert", std::string("is not a PEM certificate: ") + e.what());
    return Value::null(type);
  }
  const pem::CertificateFacts facts = chain->facts();

  Value key_hash = Value::null(Type::string());
  if (key) {
    try {
      const pem::PrivateKey parsed = pem::parse_private_key(key->value());
      if (!pem::key_matches(*chain, parsed)) {
        in.fail("key", "(the private key) is not the key of the certificate in \"cert\".");
        return Value::null(type);
      }
      key_hash = Value::string(parsed.sha256());
    } catch (const pem::PemError& e) {
      in.fail("key", std::string("(the private key) cannot be read: ") + e.what());
      return Value::null(type);
    }
  }

  if (switch_value.value_or(0) == 1)
    diagnostics.warning(
        "notification_switch is not managed by cloudssl",
        "The moved certificate had notification_switch = 1 (expiry notifications ignored). "
        "cloudssl has no such argument: the account keeps the setting as it is and cloudssl "
        "never changes it.");

  Value out =
      with_defaults(target)
          .with("id", Value::string(id))
          .with("certificate_pem", Value::string(cert))
          .with("private_key_pem", key ? Value::string(key->value()) : Value::null(Type::string()))
          .with("private_key_sha256", key_hash)
          .with("type", Value::string(cert_type))
          .with("alias", Value::string(name.value_or("")))
          .with("project_id", Value::number(project.value_or(0)))
          .with("tags", Value::map(Type::string(), std::move(tags)))
          .with("status", status ? Value::number(*status) : Value::null(Type::number()));
  return with_certificate_facts(std::move(out), &facts);
}

Value move_tencentcloud_free_certificate(const nlohmann::json& source, std::int64_t schema_version,
                                         const framework::Schema& target,
                                         Diagnostics& diagnostics) {
  const Type type = framework::implied_type(target);
  SourceReader in(source, kTencentCloudFreeCertificate, diagnostics);
  if (!in.check_version(schema_version)) return Value::null(type);

  const std::string id = in.required_text("id");
  const std::string domain = in.required_text("domain");
  const std::string method = in.required_text("dv_auth_method");
  if (!method.empty() && method != "DNS_AUTO" && method != "DNS" && method != "FILE")
    in.fail("dv_auth_method", "must be DNS_AUTO, DNS or FILE, not \"" + method + "\".");
  std::optional<std::int64_t> months;
  if (auto period = in.text("validity_period")) {
    try {
      std::size_t used = 0;
      months = std::stoll(*period, &used);
      if (used != period->size()) months.reset();
    } catch (const std::exception&) {
    }
    if (!months) in.fail("validity_period", "is not a number of months.");
  }
  Value out =
      with_defaults(target)
          .with("id", Value::string(id))
          .with("domain", Value::string(domain))
          .with("dv_auth_method", Value::string(method))
          .with("alias", Value::string(in.text("alias").value_or("")))
          .with("project_id", Value::number(in.integer("project_id").value_or(0)))
          .with("validity_period", months ? Value::number(*months) : Value::null(Type::number()));
  // Inputs only ApplyCertificate took: kept as they were, so the same configuration plans
  // no replacement.
  for (const char* name : {"contact_email", "contact_phone", "csr_encrypt_algo",
                           "csr_key_parameter", "csr_key_password", "old_certificate_id"})
    out = out.with(name, optional_string(in.text(name)));
  out = out.with("renewed_from_certificate_id", out.at("old_certificate_id"));

  // What the API said, until the first refresh reads it again.
  const auto status = in.integer("status");
  out = out.with("status", status ? Value::number(*status) : Value::null(Type::number()))
            .with("status_name", optional_string(in.text("status_name")))
            .with("status_msg", optional_string(in.text("status_msg")));

  const Type& auth_list = type.attribute_types().at("dv_auths");
  const Type& auth_type = auth_list.element_type();
  std::vector<Value> auths;
  if (const nlohmann::json* list = in.array("dv_auths")) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const nlohmann::json& item = (*list)[i];
      if (!item.is_object()) {
        in.fail("dv_auths." + std::to_string(i), "is not an object.");
        break;
      }
      SourceReader element(item, kTencentCloudFreeCertificate, diagnostics);
      auths.push_back(Value::object(
          auth_type, {{"domain", Value::string(domain)},
                      {"key", optional_string(element.text("dv_auth_key"))},
                      {"value", optional_string(element.text("dv_auth_value"))},
                      {"verify_type", optional_string(element.text("dv_auth_verify_type"))}}));
    }
  }
  out = out.with("dv_auths", Value::list(auth_type, std::move(auths)));

  if (auto pem_text = in.text("certificate_public_key")) {
    try {
      const pem::CertificateFacts facts = pem::parse_chain(*pem_text).facts();
      out = out.with("certificate_pem", Value::string(*pem_text))
                .with("subject_alt_names", framework::string_list(facts.subject_alt_names))
                .with("not_before", Value::string(pem::rfc3339(facts.not_before)))
                .with("not_after", Value::string(pem::rfc3339(facts.not_after)));
    } catch (const pem::PemError& e) {
      in.fail("certificate_public_key", std::string("is not a PEM certificate: ") + e.what());
    }
  }
  // certificate_private_key (the key Tencent generated, which that provider kept in state) is
  // deliberately dropped: cloudssl never stores it.
  if (diagnostics.has_errors()) return Value::null(type);
  return out;
}

}  // namespace cloudssl::certificates
