// fixture_document: the reference bench/scale measures a plan of N cloudssl_certificate
// against. It has that resource's configuration and state shape (the same number of
// attributes of the same types: a required text such as a PEM read with file(), a sensitive
// and a write-only secret whose SHA-256 the plan records, optional+computed defaults, a
// timeouts block, computed facts and "remote" fields kept from the state) and does the least
// a provider can do with it: the facts are taken from the text without parsing it (its
// SHA-256, first and last line, whether it looks like PEM), so a plan over it measures
// Terraform's own cost for such a configuration. New content replaces the document.
#include <openssl/evp.h>

#include <cstdio>
#include <string_view>

#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "tests/fixture_provider/stored_resource.h"
#include "tests/fixture_provider/value_json.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

constexpr const char* kDocumentKind = "document";

std::string document_sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  hex.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    char byte[3];
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

// The first and the last non-empty line of `text`.
std::pair<std::string, std::string> document_edge_lines(std::string_view text) {
  std::string first, last;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      if (first.empty()) first = line;
      last = line;
    }
    start = end + 1;
  }
  return {first, last};
}

Schema document_schema() {
  Schema s;
  s.block.description =
      "A text document with a secret: cloudssl_certificate's shape without its parsing.";
  s.block.attributes = {
      read_only_kept("id", Type::string(), "Assigned by the store."),
      {.name = "content", .type = Type::string(), .required = true},
      {.name = "secret", .type = Type::string(), .optional = true, .sensitive = true},
      framework::write_only_argument("secret_wo", Type::string(), ""),
      {.name = "secret_wo_version", .type = Type::number(), .optional = true},
      {.name = "kind",
       .type = Type::string(),
       .optional = true,
       .computed = true,
       .requires_replace = true,
       .default_value = Value::string("A")},
      optional_with_default("label", Type::string(), Value::string(""), ""),
      optional_with_default("group", Type::number(), Value::number(0), ""),
      optional_with_default("tags", Type::map(Type::string()), Value::map(Type::string(), {}), ""),
      optional_with_default("allow_copies", Type::boolean(), Value::boolean(false), ""),
      optional_with_default("keep", Type::boolean(), Value::boolean(false), ""),
      optional_with_default("force", Type::boolean(), Value::boolean(false), ""),
      optional_with_default("in_place", Type::boolean(), Value::boolean(false), ""),
      optional_with_default("in_place_kinds", Type::set(Type::string()),
                            Value::set(Type::string(), {Value::string("a")}), ""),
      {.name = "in_place_zones", .type = Type::set(Type::string()), .optional = true},
      optional_with_default("on_failure", Type::string(), Value::string("retry"), ""),
      read_only("failed", Type::list(Type::string()), "Always empty."),
      read_only("first_line", Type::string(), "First non-empty line of content."),
      read_only("lines", Type::list(Type::string()), "First and last line of content."),
      read_only("last_line", Type::string(), "Last non-empty line of content."),
      read_only("encoding", Type::string(), "\"pem\" or \"text\"."),
      read_only("content_sha256", Type::string(), "SHA-256 of content."),
      read_only("format", Type::string(), "\"text\"."),
      read_only("secret_sha256", Type::string(), "SHA-256 of the secret."),
      read_only_kept("status", Type::number(), "1 once stored."),
      read_only_kept("remote_status", Type::number(), "Always -1."),
      read_only_kept("remote_ref", Type::string(), "Always empty."),
      read_only_kept("remote_kinds", Type::list(Type::string()), "Always empty."),
      read_only_kept("remote_config",
                     {read_only("days", Type::number(), ""),
                      read_only("codes", Type::list(Type::number()), ""),
                      read_only("from", Type::string(), ""), read_only("to", Type::string(), "")},
                     Nesting::Single, "Always null."),
  };
  s.block.blocks = {timeouts_block({"create", "update", "delete"})};
  return s;
}

class DocumentResource final : public StoredResource, public ResourceWithModifyPlan {
 public:
  DocumentResource() : StoredResource(kDocumentKind), schema_(document_schema()) {}

  Schema schema() const override { return schema_; }

  void modify_plan(PlanRequest& request, Diagnostics&) const override {
    const Value& config = request.config;
    const Value& prior = request.prior;
    Value& planned = request.planned;
    keep_defaults(schema_.block, config, planned);
    const Value& content = config.at("content");
    if (content.is_known() && !content.is_null()) {
      const std::string& text = content.as_string();
      const auto [first, last] = document_edge_lines(text);
      planned =
          planned.with("first_line", Value::string(first))
              .with("last_line", Value::string(last))
              .with("lines",
                    Value::list(Type::string(), {Value::string(first), Value::string(last)}))
              .with("encoding", Value::string(first.starts_with("-----BEGIN") ? "pem" : "text"))
              .with("format", Value::string("text"))
              .with("content_sha256", Value::string(document_sha256_hex(text)));
    }
    const Value& wo = config.at("secret_wo");
    const Value& secret = wo.is_null() ? config.at("secret") : wo;
    planned =
        planned.with("secret_sha256", secret.is_unknown() ? Value::unknown(Type::string())
                                      : secret.is_null()
                                          ? Value::null(Type::string())
                                          : Value::string(document_sha256_hex(secret.as_string())));
    if (prior.is_null()) return;
    for (const char* name :
         {"failed", "status", "remote_status", "remote_ref", "remote_kinds", "remote_config"})
      planned = planned.with(name, prior.at(name));
    if (!(planned.at("content") == prior.at("content")))
      request.requires_replace.push_back(Path::root("content"));
    if (!(planned.at("secret_sha256") == prior.at("secret_sha256")))
      request.requires_replace.push_back(Path::root("secret_sha256"));
  }

 protected:
  // What the "server" fills in on create.
  Value complete(Value object) const override {
    const Type& config_type = object.type().attribute_types().at("remote_config");
    return object.with("failed", Value::list(Type::string(), {}))
        .with("status", Value::number(1))
        .with("remote_status", Value::number(-1))
        .with("remote_ref", Value::string(""))
        .with("remote_kinds", Value::list(Type::string(), {}))
        .with("remote_config", Value::null(config_type))
        .with("secret_wo", Value::null(Type::string()));
  }

 private:
  Schema schema_;
};

}  // namespace

std::shared_ptr<Resource> make_document_resource() { return std::make_shared<DocumentResource>(); }

}  // namespace cloudssl::fixture
