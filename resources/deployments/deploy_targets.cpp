#include "resources/deployments/deploy_targets.h"

#include <idn2.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

#include "provider/util/ascii.h"
#include "provider/util/utf8.h"
#include "resources/common/schema_names.h"

namespace cloudssl::deployments {

using namespace common::schema_names;
using framework::NestedBlock;

namespace {

FieldSpec domain_field(std::string description) {
  return {.name = "domain", .format = FieldFormat::Domain, .description = std::move(description)};
}

bool ascii_only(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

// The ASCII (IDNA2008, A-label) form of an internationalised host name, keeping a leading
// "*."; the libidn2 error text when it is not a valid one.
struct AsciiDomain {
  std::string domain;
  std::string error;
};
AsciiDomain to_ascii(std::string_view domain) {
  std::string_view rest = domain;
  const bool wildcard = rest.substr(0, 2) == "*.";
  if (wildcard) rest.remove_prefix(2);
  char* out = nullptr;
  const int rc =
      idn2_to_ascii_8z(std::string(rest).c_str(), &out, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
  std::unique_ptr<char, decltype(&idn2_free)> owned(out, &idn2_free);
  if (rc != IDN2_OK) return {{}, idn2_strerror(rc)};
  return {(wildcard ? "*." : "") + ascii_lower(owned.get()), {}};
}

// How the API names a host: lower case, internationalised names in their ASCII form.
std::string api_form(std::string_view domain) {
  if (ascii_only(domain)) return ascii_lower(domain);
  auto a = to_ascii(domain);
  return a.error.empty() ? a.domain : std::string(domain);
}

bool same(std::string_view a, std::string_view b) {
  if (ascii_only(a) && ascii_only(b)) return ascii_lower(a) == ascii_lower(b);
  return api_form(a) == api_form(b);
}

bool contains_domain(const std::vector<std::string>& domains, std::string_view domain) {
  for (const auto& d : domains) {
    // cdn items report "domain|on" (the deploy entry), others the bare domain.
    std::string_view bare = d;
    if (auto bar = bare.find('|'); bar != std::string_view::npos) bare = bare.substr(0, bar);
    if (same(bare, domain)) return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '|';
    out += parts[i];
  }
  return out;
}

}  // namespace

const std::vector<TargetKind>& target_kinds() {
  static const std::vector<TargetKind> kinds = {
      {"clb",
       "CLB listeners: with SNI on, one block per domain; SNI off or layer 4: no domain.",
       {{.name = "load_balancer_id", .description = "Load balancer id (lb-...).", .prefix = "lb-"},
        {.name = "listener_id", .description = "Listener id (lbl-...).", .prefix = "lbl-"},
        {.name = "domain",
         .format = FieldFormat::Domain,
         .required = false,
         .description = "Rule domain, only for a listener with SNI on."}},
       true},
      {"cdn",
       "CDN domains.",
       {domain_field("Accelerated domain."),
        {.name = "https_billing",
         .format = FieldFormat::Switch,
         .required = false,
         .description =
             "Turn on HTTPS billing for the domain (the API's on/off switch; default off)."}},
       false},
      {"ddos",
       "Anti-DDoS (BGP IP) forwarding rules.",
       {{.name = "instance_id", .description = "Anti-DDoS instance id (bgpip-...)."},
        domain_field("Forwarded domain."),
        {.name = "port", .format = FieldFormat::Port, .description = "Virtual port."}},
       false},
      {"live", "CSS (live streaming) playback domains.", {domain_field("Live domain.")}, false},
      {"vod", "VOD domains.", {domain_field("VOD domain.")}, false},
      {"waf", "WAF protected domains.", {domain_field("Protected domain.")}, true},
      {"teo", "EdgeOne acceleration domains.", {domain_field("EdgeOne host.")}, false},
      {"apigateway",
       "API Gateway custom domains.",
       {{.name = "service_id", .description = "API Gateway service id."},
        domain_field("Custom domain.")},
       true},
      {"tke",
       "TKE secrets (the TLS secret an ingress uses).",
       {{.name = "cluster_id", .description = "Cluster id (cls-...).", .prefix = "cls-"},
        {.name = "namespace", .description = "Kubernetes namespace."},
        {.name = "secret_name", .description = "Secret name."}},
       true},
      {"cos",
       "COS bucket custom domains (in the resource's region).",
       {{.name = "bucket", .description = "Bucket name with its APPID suffix."},
        domain_field("Custom domain.")},
       true},
      {"lighthouse",
       "Lighthouse instance domains (in the resource's region).",
       {{.name = "instance_id",
         .description = "Lighthouse instance id (lhins-...).",
         .prefix = "lhins-"},
        domain_field("Domain served by the instance.")},
       true},
      {"tse",
       "TSE cloud-native gateway certificates.",
       {{.name = "gateway_id", .description = "Gateway id (gateway-...).", .prefix = "gateway-"},
        {.name = "certificate_id", .description = "The gateway's certificate entry id."}},
       true},
      {"tcb",
       "CloudBase (TCB) domains.",
       {{.name = "type",
         .format = FieldFormat::Choice,
         .description = "AccessService or HostService.",
         .choices = {"AccessService", "HostService"}},
        {.name = "env_id", .description = "Environment id."},
        domain_field("Domain.")},
       true},
  };
  return kinds;
}

const TargetKind* find_kind(std::string_view type) {
  for (const auto& k : target_kinds())
    if (k.type == type) return &k;
  return nullptr;
}

bool region_required(std::string_view type) {
  const TargetKind* k = find_kind(type);
  return k && k->region_required;
}

std::string Target::field(std::string_view name) const {
  if (!element.has(name)) return {};
  const Value& v = element.at(name);
  if (v.is_null() || v.is_unknown()) return {};
  switch (v.type().kind()) {
    case Type::Kind::String:
      // The API takes host names in their ASCII form ("证书.example.com" is
      // "xn--...example.com" in InstanceIdList and in its listings).
      if (name == "domain" && !ascii_only(v.as_string())) {
        auto a = to_ascii(v.as_string());
        if (a.error.empty()) return a.domain;
      }
      return v.as_string();
    case Type::Kind::Bool:
      return v.as_bool() ? "true" : "false";
    case Type::Kind::Number:
      return v.as_number().to_string();
    default:
      return {};
  }
}

std::vector<std::string> identity(const Target& t, std::string_view region) {
  const std::string& ty = t.type;
  if (ty == "clb") {
    std::vector<std::string> parts{t.field("load_balancer_id"), t.field("listener_id")};
    if (auto d = t.field("domain"); !d.empty()) parts.push_back(d);
    return parts;
  }
  if (ty == "cdn" || ty == "live" || ty == "vod" || ty == "waf" || ty == "teo")
    return {t.field("domain")};
  if (ty == "ddos") return {t.field("instance_id"), t.field("domain"), t.field("port")};
  if (ty == "apigateway") return {t.field("service_id"), t.field("domain")};
  if (ty == "tke") return {t.field("cluster_id"), t.field("namespace"), t.field("secret_name")};
  if (ty == "cos") return {std::string(region), t.field("bucket"), t.field("domain")};
  if (ty == "lighthouse") return {t.field("instance_id"), t.field("domain")};
  if (ty == "tse") return {t.field("gateway_id"), t.field("certificate_id")};
  if (ty == "tcb")
    return {t.field("type"), std::string(region), t.field("env_id"), t.field("domain")};
  return {};
}

std::string instance_id(const Target& t, std::string_view region) {
  if (t.type == "cdn")
    return t.field("domain") + "|" + (t.field("https_billing") == "true" ? "on" : "off");
  if (t.type == "lighthouse")
    return std::string(region) + "|" + t.field("instance_id") + "|" + t.field("domain");
  return join(identity(t, region));
}

std::string target_key(const Target& t, std::string_view region) {
  return t.type + ":" + join(identity(t, region));
}

std::string describe(const Target& t) {
  const std::string& ty = t.type;
  if (ty == "clb") {
    std::string s = "clb " + t.field("load_balancer_id") + "/" + t.field("listener_id");
    if (auto d = t.field("domain"); !d.empty()) s += " (" + d + ")";
    return s;
  }
  if (ty == "ddos")
    return "ddos " + t.field("instance_id") + " " + t.field("domain") + ":" + t.field("port");
  if (ty == "apigateway")
    return "apigateway " + t.field("service_id") + " (" + t.field("domain") + ")";
  if (ty == "tke")
    return "tke " + t.field("cluster_id") + "/" + t.field("namespace") + "/" +
           t.field("secret_name");
  if (ty == "cos") return "cos " + t.field("bucket") + " (" + t.field("domain") + ")";
  if (ty == "lighthouse")
    return "lighthouse " + t.field("instance_id") + " (" + t.field("domain") + ")";
  if (ty == "tse") return "tse " + t.field("gateway_id") + "/" + t.field("certificate_id");
  if (ty == "tcb")
    return "tcb " + t.field("type") + " " + t.field("env_id") + " (" + t.field("domain") + ")";
  return ty + " " + t.field("domain");
}

bool detail_matches(const Target& t, std::string_view region, const api::RecordDetail& d) {
  if (!d.resource_type.empty() && d.resource_type != t.type) return false;
  const std::string& ty = t.type;
  if (ty == "clb") {
    if (!same(d.instance_id, t.field("load_balancer_id")) ||
        !same(d.listener_id, t.field("listener_id")))
      return false;
    const std::string domain = t.field("domain");
    return domain.empty() || d.domains.empty() || contains_domain(d.domains, domain);
  }
  if (ty == "cdn" || ty == "live" || ty == "vod" || ty == "waf" || ty == "teo")
    return contains_domain(d.domains, t.field("domain"));
  if (ty == "ddos")
    return same(d.instance_id, t.field("instance_id")) &&
           contains_domain(d.domains, t.field("domain")) &&
           (d.port.empty() || d.port == t.field("port"));
  if (ty == "apigateway" || ty == "lighthouse") {
    const std::string id = t.field(ty == "apigateway" ? "service_id" : "instance_id");
    return same(d.instance_id, id) && contains_domain(d.domains, t.field("domain"));
  }
  if (ty == "tke")
    return same(d.instance_id, t.field("cluster_id")) && d.namespace_name == t.field("namespace") &&
           d.secret_name == t.field("secret_name");
  if (ty == "cos")
    return same(d.bucket, t.field("bucket")) && contains_domain(d.domains, t.field("domain")) &&
           (d.region.empty() || same(d.region, region));
  if (ty == "tse")
    return same(d.instance_id, t.field("gateway_id")) && d.listener_id == t.field("certificate_id");
  if (ty == "tcb")
    return d.env_id == t.field("env_id") && contains_domain(d.domains, t.field("domain")) &&
           (d.tcb_type.empty() || d.tcb_type == t.field("type"));
  return false;
}

bool instance_matches(const Target& t, std::string_view region, const api::HostInstance& inst) {
  const auto want = identity(t, region);
  if (want.size() != inst.id_parts.size()) return false;
  for (std::size_t i = 0; i < want.size(); ++i)
    if (!same(want[i], inst.id_parts[i])) return false;
  return true;
}

// ---------------------------------------------------------------------------------------

namespace {

// A target field's format as a declarative rule on its attribute: checked with the
// configuration (the framework runs it on every known value) and rendered in the docs. Errors
// keep the wording of the rest of target validation, on the block's path.
class TargetFieldRule final : public framework::AttributeValidator {
 public:
  TargetFieldRule(std::string kind, FieldSpec spec)
      : kind_(std::move(kind)), spec_(std::move(spec)) {}

  void validate(const framework::ValidatorRequest& r, framework::Diagnostics& d) const override {
    const bool is_number = r.value.type() == Type::number();
    const std::string text = is_number ? r.value.as_number().to_string() : r.value.as_string();
    if (std::string problem = check(r.value, text); !problem.empty())
      d.error("Invalid " + kind_ + " target",
              "`" + spec_.name + "` = \"" + util::valid_utf8(text) + "\" " + problem + ".",
              r.path.until_set_element());
  }

  std::string description() const override {
    switch (spec_.format) {
      case FieldFormat::Id:
        return spec_.prefix.empty()
                   ? "An identifier: not empty, without `|` or spaces."
                   : "An identifier starting with `" + spec_.prefix + "`, without `|` or spaces.";
      case FieldFormat::Domain:
        return "A host name (letters, digits, `-` and `_` in dot-separated labels; an "
               "internationalised name is sent in its ASCII form), optionally starting with `*.`.";
      case FieldFormat::Port:
        return "A whole number from 1 to 65535.";
      case FieldFormat::Choice: {
        std::string out = "One of";
        for (std::size_t i = 0; i < spec_.choices.size(); ++i)
          out += (i ? ", `" : " `") + spec_.choices[i] + "`";
        return out + ".";
      }
      case FieldFormat::Switch:
        break;
    }
    return {};
  }

 private:
  std::string check(const Value& v, const std::string& text) const {
    switch (spec_.format) {
      case FieldFormat::Id:
        return check_id(text, spec_.prefix);
      case FieldFormat::Domain:
        return check_domain(text);
      case FieldFormat::Port: {
        auto n = v.as_number().to_int64();
        return !n || *n < 1 || *n > 65535 ? "must be a whole number from 1 to 65535" : "";
      }
      case FieldFormat::Choice:
        if (std::find(spec_.choices.begin(), spec_.choices.end(), text) == spec_.choices.end()) {
          std::string problem = "must be one of";
          for (const auto& c : spec_.choices) problem += " " + c;
          return problem;
        }
        return {};
      case FieldFormat::Switch:
        return {};
    }
    return {};
  }

  std::string kind_;
  FieldSpec spec_;
};

}  // namespace

NestedBlock target_block(const TargetKind& kind) {
  framework::Block block{.description = kind.description};
  for (const auto& f : kind.fields) {
    Type type = f.format == FieldFormat::Port     ? Type::number()
                : f.format == FieldFormat::Switch ? Type::boolean()
                                                  : Type::string();
    std::vector<framework::Validator> rules;
    if (f.format != FieldFormat::Switch)
      rules.push_back(std::make_shared<TargetFieldRule>(kind.type, f));
    block.attributes.push_back(Attribute{.name = f.name,
                                         .type = type,
                                         .required = f.required,
                                         .optional = !f.required,
                                         .description = f.description,
                                         .validators = std::move(rules)});
  }
  return NestedBlock{.type_name = kind.type, .block = std::move(block), .nesting = Nesting::Set};
}

std::vector<NestedBlock> target_blocks() {
  std::vector<NestedBlock> out;
  for (const auto& k : target_kinds()) out.push_back(target_block(k));
  return out;
}

std::vector<Target> read_targets(const Value& object) {
  std::vector<Target> out;
  if (object.is_null() || object.is_unknown()) return out;
  for (const auto& k : target_kinds()) {
    if (!object.has(k.type)) continue;
    const Value& set = object.at(k.type);
    if (set.is_null() || set.is_unknown()) continue;
    for (const auto& e : set.elements())
      if (e.is_wholly_known() && !e.is_null()) out.push_back({k.type, e});
  }
  return out;
}

Value with_targets(const Value& object, const std::vector<Target>& targets) {
  Value out = object;
  for (const auto& k : target_kinds()) {
    if (!object.has(k.type)) continue;
    const Type element_type = object.type().attribute_types().at(k.type).element_type();
    std::vector<Value> elements;
    for (const auto& t : targets)
      if (t.type == k.type) elements.push_back(t.element);
    out = out.with(k.type, Value::set(element_type, std::move(elements)));
  }
  return out;
}

std::vector<std::string> types_of(const std::vector<Target>& targets) {
  std::vector<std::string> out;
  for (const auto& k : target_kinds())
    if (std::any_of(targets.begin(), targets.end(),
                    [&](const Target& t) { return t.type == k.type; }))
      out.push_back(k.type);
  return out;
}

// ---------------------------------------------------------------------------------------

std::string check_id(std::string_view value, std::string_view prefix) {
  if (value.empty()) return "must not be empty";
  for (char c : value) {
    if (c == '|') return "must not contain '|' (the API's separator)";
    if (std::isspace(static_cast<unsigned char>(c))) return "must not contain spaces";
  }
  if (!prefix.empty() && value.substr(0, prefix.size()) != prefix)
    return "must start with \"" + std::string(prefix) + "\"";
  return {};
}

std::string check_domain(std::string_view domain) {
  if (domain.empty()) return "must not be empty";
  if (!ascii_only(domain)) {
    // Valid internationalised names reach here already in their ASCII form (Target::field).
    auto a = to_ascii(domain);
    if (!a.error.empty()) return "is not a valid internationalised domain name (" + a.error + ")";
    return check_domain(a.domain);
  }
  if (domain.size() > 253) return "is longer than 253 characters";
  std::string_view rest = domain;
  if (rest.substr(0, 2) == "*.") rest.remove_prefix(2);
  if (rest.empty()) return "is not a host name";
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t dot = rest.find('.', start);
    std::string_view label =
        rest.substr(start, dot == std::string_view::npos ? rest.npos : dot - start);
    if (label.empty() || label.size() > 63) return "is not a host name (empty or over-long label)";
    for (char c : label)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
        return "is not a host name (character '" + std::string(1, c) + "')";
    if (label.front() == '-' || label.back() == '-')
      return "is not a host name (a label starts or ends with '-')";
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return {};
}

void validate_targets(const Value& config, const std::optional<std::string>& region,
                      framework::Diagnostics& diagnostics) {
  if (config.is_null() || config.is_unknown()) return;
  bool region_reported = false;
  for (const auto& kind : target_kinds()) {
    if (!config.has(kind.type)) continue;
    const Value& set = config.at(kind.type);
    if (set.is_null() || set.is_unknown() || set.length() == 0) continue;
    const Path block_path = Path::root(kind.type);
    if (kind.region_required && region && region->empty() && !region_reported) {
      region_reported = true;
      diagnostics.error("Missing region",
                        "`" + kind.type +
                            "` targets need the resource's `region` (the API requires the Region "
                            "parameter for this resource type).",
                        block_path);
    }
    // Field formats are the fields' declarative rules (target_block), run by the framework.
    for (const auto& element : set.elements()) {
      if (element.is_null() || element.is_unknown()) continue;
      for (const auto& f : kind.fields)
        if (f.required && element.at(f.name).is_null())
          diagnostics.error("Missing target field",
                            "A `" + kind.type + "` block needs `" + f.name + "`.", block_path);
    }
  }
}

}  // namespace cloudssl::deployments
