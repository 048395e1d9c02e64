// cloudssl_paid_certificate: a paid certificate (OV, EV, wildcard, multi-domain) bought with
// CreateCertificate (or CreateCertificateByPackage with benefit points), its information submitted
// (CertificateInfoSubmit) and its order placed (CertificateOrderSubmit); the validation records are
// in dv_auths for DNS records or files made elsewhere, and cloudssl_certificate_validation waits
// for issuance.
//
// It costs money, so: the plan shows the product, the domain count and the years; a create does
// not buy what an earlier apply of its configuration bought (each purchase carries a tag derived
// from what is bought, an orphan order with that tag from an earlier interrupted apply is adopted
// instead of buying again, and a purchase is sent once: after an answer that may hide a purchase
// (lost, or an internal error) it is looked up by its tag, and when not found the apply fails
// saying it may have bought and the next apply looks again before buying; an unconfirmed
// unsubmitted order bought for the same product and name with other details is not bought over, a
// confirmed one (which may be another configuration's) is bought beside and named in a warning);
// once bought, a refused submission is a warning and the next apply continues the same order. A
// failed review is resubmitted (ModifyCertificateResubmit) on the next apply with the information
// in the configuration, the plan naming what the review's message concerns and the fix (unless
// the CA closed the order after a validation timeout, which no resubmission reopens). Destroy
// before issuance stops the review (CancelAuditCertificate) and cancels the order
// (CancelCertificateOrder, status 7; the order stays in the account, where a refund can be
// requested); after issuance it deletes as the other certificate resources do. A destroy touches
// only an order this instance still owns (a create_before_destroy replacement may have adopted it).
#include <openssl/rand.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "api/core/api_error.h"
#include "api/core/task_poller.h"
#include "api/tencent/ssl/certificate_actions.h"
#include "api/tencent/ssl/order_actions.h"
#include "api/tencent/ssl/paid_actions.h"
#include "api/tencent/tag/tag_actions.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/value_helpers.h"
#include "provider/log/logger.h"
#include "provider/util/ascii.h"
#include "resources/certificates/certificate_deletion.h"
#include "resources/certificates/certificate_status.h"
#include "resources/certificates/certificate_values.h"
#include "resources/certificates/delete_task_polls.h"
#include "resources/certificates/factories.h"
#include "resources/certificates/free_certificate_fields.h"
#include "resources/certificates/order_cancellation.h"
#include "resources/common/call_options.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {

using namespace common::schema_names;

namespace {

// The tag a purchase carries: which purchase it was, to find it again.
constexpr const char* kOrderTag = kPaidOrderTag;
// The coarse tag of a purchase: what is charged (product, domain count, years) and the name it
// is for, which a user does not edit between a purchase whose answer was lost and the next
// apply the way the submission's details (other names, key, CSR, validation method) may be
// edited. An unsubmitted order with it but another kOrderTag is an earlier purchase bought
// with other details: not bought over silently. The name keeps it to this certificate: without
// it, any unsubmitted order of the same product (another resource's refused submission) would
// block every purchase of that product. It blocks only while the purchase is unconfirmed: once
// the id is answered (or the order adopted) it is replaced by kHeldTag, so that another
// configuration buying the same product and name is not blocked by an order this one holds.
constexpr const char* kPurchaseTag = "cloudssl-purchase";
// kPurchaseTag of a confirmed purchase (same value): it blocks nothing, but a create that buys
// next to such an unsubmitted order with other details warns naming it, as it may be this
// configuration's own, bought before its state was lost and its configuration edited.
constexpr const char* kHeldTag = "cloudssl-purchase-held";
// The submission's details the order tag covers, one by one ("other_names=… csr_type=… …"), so
// that the error above can name the attributes that differ.
constexpr const char* kInputsTag = "cloudssl-inputs";
// The instance that holds the order: each create that buys or adopts one tags it with a fresh
// nonce kept in the instance's private state (kOwnerKey). A destroy cancels only an order that
// is still its own, so the deposed object of a create_before_destroy replacement leaves alone
// the order its replacement adopted (same configuration, same kOrderTag).
constexpr const char* kOwnerTag = "cloudssl-owner";
constexpr const char* kOwnerKey = "order_owner";
// Set in the private state while this instance's submission may have landed unconfirmed (its
// answer lost, the apply interrupted): the API may then show the order submitted with a null
// OrderId (seed 004, DescribeCertificate) while the state has no order_id, and the destroy
// must still take it for this instance's own (see submitted_elsewhere). Set when
// CertificateOrderSubmit is sent (only it places an order) and cleared only once the order is
// confirmed (its OrderId known).
constexpr const char* kSubmissionKey = "submission_unconfirmed";
// Set (to when, in seconds since the epoch) when the API answers a submission as already made
// while DescribeCertificate lists no OrderId yet: an earlier attempt whose answer was lost
// placed the order and the view lags behind it. Only two answers say so (seed 004):
// CertificateOrderSubmitProcessing ("订单正在处理中"), and CertificateInfoSubmitStatusInvalid
// ("当前证书状态不可以提交资料") from CertificateInfoSubmit while kSubmissionKey says an earlier
// CertificateOrderSubmit may have landed; that code alone says only that the status takes no
// information or order now (the CA not done with the information, a purchase not settled).
// While set the order counts as submitted (takes_submission), so no plan offers to submit it
// again; cleared once the view no longer shows an order awaiting its information (read) or a
// submission is confirmed, and it expires (kAcknowledgedFor).
constexpr const char* kAcknowledgedKey = "submission_acknowledged";
// How long an acknowledgment (kAcknowledgedKey) stands without the view catching up. The view
// lags by seconds to minutes; an hour is well past that, and short enough that an answer taken
// wrongly for a submission does not leave the order unsubmitted for long. Offering the
// submission again costs nothing: a second submission of a placed order is refused by the API,
// and nothing is bought.
constexpr std::chrono::hours kAcknowledgedFor{1};
// How far in this clock's future an acknowledgment's stamp may lie and still count (clocks of
// two machines applying the same state differ by seconds); beyond it the stamp is no age.
constexpr std::chrono::minutes kClockSkew{5};
// The order_id a refresh forgot during a lagging view (read), which set kSubmissionKey: while
// no submission of this instance was sent since, that order is the only one the mark makes this
// instance's (submitted_elsewhere). Erased when CertificateOrderSubmit is sent or an OrderId is
// read.
constexpr const char* kForgottenKey = "forgotten_order_id";

// What the certificate certifies (names and key): once its order is submitted, a change is
// another certificate (a replacement).
const std::vector<std::string> kCertified = {"common_name", "other_names",   "csr_type",
                                             "csr",         "key_algorithm", "key_parameter"};
// Who the order is for and how its names are validated: once the order is submitted, a change
// is recorded for the next submission (a resubmission, a replacement); the submitted order
// keeps what it was given.
const std::vector<std::string> kPaperwork = {"company_type",  "company_id", "manager_id",
                                             "organisation",  "admin",      "tech",
                                             "contact_email", "verify_type"};

// Values the API decides.
const std::vector<std::string> kComputed = {
    "deal_id",  "order_id",   "status",    "status_name",       "status_msg",
    "dv_auths", "not_before", "not_after", "subject_alt_names", "certificate_pem"};

constexpr const char* kHostPattern =
    "(\\*\\.)?(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
    "[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
constexpr const char* kHostRule =
    "a host name such as www.example.com, or *.example.com for wildcard products";

std::vector<framework::Attribute> contact_fields(bool email_required) {
  auto field = [](const char* name, const char* description, bool required = true) {
    return framework::Attribute{.name = name,
                                .type = Type::string(),
                                .required = required,
                                .optional = !required,
                                .description = description,
                                .validators = {v::non_empty()}};
  };
  return {field("first_name", "First name."), field("last_name", "Last name."),
          field("phone", "Phone number."), field("email", "E-mail address.", email_required),
          field("title", "Position.")};
}

// A required, non-empty text of the organisation block (an empty one would be bought and then
// refused by CertificateInfoSubmit).
framework::Attribute organisation_field(const char* name, const char* description) {
  return {.name = name,
          .type = Type::string(),
          .required = true,
          .description = description,
          .validators = {v::non_empty()}};
}

framework::Schema paid_schema() {
  framework::Schema s;
  s.block.description =
      "A paid certificate (OV, EV, wildcard, multi-domain) bought with CreateCertificate. "
      "Creating it costs money.";
  std::string products;
  std::string point_products;
  for (const auto& p : api::paid_products()) {
    products += (products.empty() ? "" : ", ") + std::to_string(p.id) + " " + p.name;
    if (p.pid != 0) point_products += (point_products.empty() ? "" : ", ") + std::to_string(p.id);
  }
  s.block.attributes = {
      framework::read_only_kept("id", Type::string(), "Certificate id."),
      {.name = "product_id",
       .type = Type::number(),
       .required = true,
       .description = "The product (CreateCertificate's ProductId): " + products + ".",
       .requires_replace = true,
       .validators = {v::int_at_least(1)}},
      framework::read_only("product_name", Type::string(), "The product's name."),
      {.name = "package_ids",
       .type = Type::list(Type::string()),
       .optional = true,
       .computed = true,  // keeps the purchase's value when the configuration drops it
       .description = "Pay with the benefit points of these packages (data cloudssl_packages) "
                      "instead of charging the account (CreateCertificateByPackage). Products "
                      "sold for points: " +
                      point_products +
                      ". Used only to buy: a later change (for example a package that is "
                      "used up and no longer listed by data cloudssl_packages) plans no change "
                      "and buys nothing; the packages the certificate was bought with stay in "
                      "state.",
       .validators = {v::size_at_least(1), v::each(v::non_empty())}},
      {.name = "domain_num",
       .type = Type::number(),
       .optional = true,
       .computed = true,
       .description = "Names the certificate covers (more than 1 only for multi-domain "
                      "products). Default 1.",
       .requires_replace = true,
       .default_value = Value::number(std::int64_t{1}),
       .validators = {v::int_at_least(1)}},
      {.name = "time_span",
       .type = Type::number(),
       .optional = true,
       .computed = true,
       .description = "Years bought (more than 1 only for multi-year products). Default 1.",
       .requires_replace = true,
       .default_value = Value::number(std::int64_t{1}),
       .validators = {v::int_between(1, 5)}},
      {.name = "common_name",
       .type = Type::string(),
       .required = true,
       .description = "The certificate's common name (CertCommonName).",
       .validators = {v::matches(kHostPattern, kHostRule)}},
      framework::optional_argument("other_names", Type::list(Type::string()),
                                   "The other names of a multi-domain certificate (DnsNames).",
                                   {v::each(v::matches(kHostPattern, kHostRule))}),
      framework::optional_with_default(
          "csr_type", Type::string(), Value::string("online"),
          "online (Tencent Cloud generates the key, default) or parse (upload csr).",
          {v::one_of({"online", "parse"})}),
      framework::optional_argument(
          "csr", Type::string(),
          "The PEM certificate request, with csr_type = \"parse\"; its common name "
          "must be common_name."),
      framework::optional_with_default("key_algorithm", Type::string(), Value::string("RSA"),
                                       "Key algorithm with csr_type online: RSA (default) or ECC.",
                                       {v::one_of({"RSA", "ECC"})}),
      {.name = "key_parameter",
       .type = Type::string(),
       .optional = true,
       .computed = true,
       .description = "Key size with csr_type online: 2048 (default) or 4096 for RSA, "
                      "prime256v1 for ECC.",
       .validators = {v::one_of({"2048", "4096", "prime256v1"})}},
      framework::optional_with_default(
          "company_type", Type::number(), Value::number(std::int64_t{2}),
          "2 for a company (default), 1 for an individual (DV products only; needs "
          "contact_email).",
          {v::int_one_of({1, 2})}),
      framework::optional_argument("company_id", Type::number(),
                                   "A company of the account (data cloudssl_companies) instead of "
                                   "organisation.",
                                   {v::int_at_least(1)}),
      framework::optional_argument(
          "manager_id", Type::number(),
          "A manager of the company (data cloudssl_managers) instead of admin and "
          "tech.",
          {v::int_at_least(1)}),
      {.name = "organisation",
       .nested =
           {
               organisation_field("name", "Company name."),
               organisation_field("division", "Department."),
               organisation_field("address", "Address."),
               organisation_field("country", "Country code, e.g. CN."),
               organisation_field("city", "City."),
               organisation_field("region", "Province or state."),
               organisation_field("phone_area", "Phone area code."),
               organisation_field("phone_number", "Phone number."),
           },
       .nesting = Nesting::Single,
       .optional = true,
       .description = "The organisation, when company_id and manager_id are not set."},
      {.name = "admin",
       .nested = contact_fields(true),
       .nesting = Nesting::Single,
       .optional = true,
       .description = "The administrator, when manager_id is not set."},
      {.name = "tech",
       .nested = contact_fields(false),
       .nesting = Nesting::Single,
       .optional = true,
       .description = "The technical contact, when manager_id is not set."},
      framework::optional_argument("contact_email", Type::string(),
                                   "Contact e-mail (required for an individual, company_type 1).",
                                   {v::matches("[^@\\s]+@[^@\\s]+", "an e-mail address")}),
      framework::optional_with_default(
          "verify_type", Type::string(), Value::string("DNS"),
          "Domain validation: DNS (default; you add the records from dv_auths), "
          "DNS_AUTO (Tencent Cloud DNS adds them) or FILE.",
          {v::one_of({"DNS_AUTO", "DNS", "FILE"})}),
      framework::read_only_kept("deal_id", Type::string(), "The purchase's deal (DealIds)."),
      framework::read_only_kept("order_id", Type::string(),
                                "The CA's order, once the order is submitted."),
      framework::read_only_kept("status", Type::number(),
                                "Certificate status (0 under review, 1 issued, 2 review failed, 4 "
                                "DNS record added, 7 cancelled, ...)."),
      framework::read_only_kept("status_name", Type::string(), "Localised status name."),
      framework::read_only_kept("status_msg", Type::string(),
                                "Sub-state (PENDING-DCV, ...) or the review's failure reason."),
      framework::read_only_kept("dv_auths", dv_auth_attributes(), Nesting::List,
                                "Validation records to publish (DNS) or serve (FILE), one per "
                                "name; kept after issuance."),
      framework::read_only_kept("certificate_pem", Type::string(),
                                "The issued certificate (public PEM), once issued."),
      framework::read_only_kept("subject_alt_names", Type::list(Type::string()),
                                "Names the certificate covers."),
      framework::read_only_kept("not_before", Type::string(), "Start of validity, once issued."),
      framework::read_only_kept("not_after", Type::string(), "End of validity, once issued."),
  };
  return s;
}

std::string text_of(const Value& object, const char* name) {
  return object.is_null() || !object.is_known() ? std::string()
                                                : object.get_string(name).value_or("");
}

api::PaidCertificateInfo info_of(const Value& planned) {
  api::PaidCertificateInfo info;
  info.csr_type = planned.get_string("csr_type").value_or("online");
  info.common_name = planned.get_string("common_name").value_or("");
  if (!planned.at("other_names").is_null())
    for (const auto& n : planned.at("other_names").elements())
      info.other_names.push_back(n.as_string());
  info.csr = planned.get_string("csr").value_or("");
  info.key_algorithm = planned.get_string("key_algorithm").value_or("RSA");
  info.key_parameter = planned.get_string("key_parameter").value_or("");
  info.company_type = planned.get_int("company_type").value_or(2);
  if (auto c = planned.get_int("company_id")) info.company_id = std::to_string(*c);
  if (auto m = planned.get_int("manager_id")) info.manager_id = std::to_string(*m);
  if (const Value& o = planned.at("organisation"); !o.is_null())
    info.organisation = api::PaidOrganisation{text_of(o, "name"),       text_of(o, "division"),
                                              text_of(o, "address"),    text_of(o, "country"),
                                              text_of(o, "city"),       text_of(o, "region"),
                                              text_of(o, "phone_area"), text_of(o, "phone_number")};
  auto contact = [](const Value& p) {
    return api::PaidContact{text_of(p, "first_name"), text_of(p, "last_name"), text_of(p, "phone"),
                            text_of(p, "email"), text_of(p, "title")};
  };
  if (!planned.at("admin").is_null()) info.admin = contact(planned.at("admin"));
  if (!planned.at("tech").is_null()) info.tech = contact(planned.at("tech"));
  info.contact_email = planned.get_string("contact_email").value_or("");
  info.verify_type = planned.get_string("verify_type").value_or("DNS");
  return info;
}

// FNV-1a 64 of `text`, 16 hex digits.
std::string fnv_hex(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string comma_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The purchase's tag value: the same purchase gets the same one, so an order an interrupted
// apply bought is found again, and a different one (another key, CSR, names or validation
// method) is not taken for it: FNV-1a 64 of the product, names and years bought and of what
// the submission will carry that makes one order another's (key algorithm and parameter, the
// CSR, the other names in any order, the validation method).
std::string order_token(const Value& planned) {
  std::vector<std::string> others;
  if (const Value& o = planned.at("other_names"); o.is_known() && !o.is_null())
    for (const auto& n : o.elements()) others.push_back(n.as_string());
  std::sort(others.begin(), others.end());
  std::string key = std::to_string(planned.get_int("product_id").value_or(0)) + "|" +
                    std::to_string(planned.get_int("domain_num").value_or(1)) + "|" +
                    std::to_string(planned.get_int("time_span").value_or(1)) + "|" +
                    planned.get_string("common_name").value_or("");
  for (const auto& n : others) key += "," + n;
  const std::string csr_type = planned.get_string("csr_type").value_or("online");
  key += "|" + csr_type + "|";
  key += csr_type == "parse" ? planned.get_string("csr").value_or("")
                             : planned.get_string("key_algorithm").value_or("RSA") + "/" +
                                   planned.get_string("key_parameter").value_or("");
  key += "|" + planned.get_string("verify_type").value_or("DNS");
  return fnv_hex(key);
}

// The coarse tag's value (kPurchaseTag): FNV-1a 64 of the product, domain count, years and
// common name.
std::string purchase_token(const Value& planned) {
  return fnv_hex(std::to_string(planned.get_int("product_id").value_or(0)) + "|" +
                 std::to_string(planned.get_int("domain_num").value_or(1)) + "|" +
                 std::to_string(planned.get_int("time_span").value_or(1)) + "|" +
                 planned.get_string("common_name").value_or(""));
}

// The details the order tag covers besides the coarse ones, attribute by attribute, as
// kInputsTag records them: values that are no secret as they are, the names and the CSR as a
// digest (tag values are short and visible in the console); "-" where csr_type does not use it.
std::map<std::string, std::string> tag_inputs(const Value& planned) {
  std::vector<std::string> others;
  if (const Value& o = planned.at("other_names"); o.is_known() && !o.is_null())
    for (const auto& n : o.elements()) others.push_back(n.as_string());
  std::sort(others.begin(), others.end());
  std::string names;
  for (const auto& n : others) names += n + ",";
  const std::string csr_type = planned.get_string("csr_type").value_or("online");
  const bool online = csr_type != "parse";
  return {{"other_names", others.empty() ? "-" : fnv_hex(names).substr(0, 8)},
          {"csr_type", csr_type},
          {"csr", online ? "-" : fnv_hex(planned.get_string("csr").value_or("")).substr(0, 8)},
          {"key_algorithm", online ? planned.get_string("key_algorithm").value_or("RSA") : "-"},
          {"key_parameter", online ? planned.get_string("key_parameter").value_or("") : "-"},
          {"verify_type", planned.get_string("verify_type").value_or("DNS")}};
}

std::string inputs_text(const std::map<std::string, std::string>& inputs) {
  std::string out;
  for (const auto& [name, value] : inputs) out += (out.empty() ? "" : " ") + name + "=" + value;
  return out;
}

std::map<std::string, std::string> parse_inputs(const std::string& text) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    if (const auto eq = item.find('='); eq != std::string::npos)
      out[item.substr(0, eq)] = item.substr(eq + 1);
    start = end + 1;
  }
  return out;
}

// The tags that find an order bought for `planned` again after a lost state: the order tag and
// its inputs. (A purchase carries kPurchaseTag too until it is confirmed, kHeldTag after.)
std::vector<api::Tag> identity_tags(const Value& planned) {
  return {api::Tag{kOrderTag, order_token(planned)},
          api::Tag{kInputsTag, inputs_text(tag_inputs(planned))}};
}

std::optional<std::string> tag_value(const std::vector<api::Tag>& tags, std::string_view key) {
  for (const auto& t : tags)
    if (t.key == key) return t.value;
  return std::nullopt;
}

// A fresh owner nonce (kOwnerTag): 96 random bits.
std::string new_owner_nonce() {
  unsigned char bytes[12];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    throw std::runtime_error("no random bytes for the order's owner tag");
  std::string out;
  char buf[3];
  for (unsigned char b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

// This instance's owner nonce, "" for a state written before owners were recorded.
std::string owner_in(const framework::PrivateState& p) {
  const auto v = p.get(kOwnerKey);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

// Whether the private state holds `key` (one of the marks above) set.
bool marked(const framework::PrivateState& p, const char* key) {
  const auto v = p.get(key);
  return v && v->is_boolean() && v->get<bool>();
}

bool submission_unconfirmed(const framework::PrivateState& p) { return marked(p, kSubmissionKey); }

std::int64_t seconds_since_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// kAcknowledgedKey set less than kAcknowledgedFor ago.
bool acknowledgment_current(const framework::PrivateState& p) {
  const auto v = p.get(kAcknowledgedKey);
  if (!v || !v->is_number_integer()) return false;
  // An age further below zero than clocks differ (kClockSkew) is no age: expired, so the
  // submission is offered again rather than withheld for however far the clocks differ.
  const std::int64_t age = seconds_since_epoch() - v->get<std::int64_t>();
  return age > -std::chrono::duration_cast<std::chrono::seconds>(kClockSkew).count() &&
         age < std::chrono::duration_cast<std::chrono::seconds>(kAcknowledgedFor).count();
}

// kAcknowledgedKey set, but no longer current (acknowledgment_current).
bool acknowledgment_expired(const framework::PrivateState& p) {
  return p.get(kAcknowledgedKey).has_value() && !acknowledgment_current(p);
}

// kForgottenKey's order id, "" when none.
std::string forgotten_order(const framework::PrivateState& p) {
  const auto v = p.get(kForgottenKey);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

// Upserts `tags` and removes `delete_keys` on certificate `id` (the Tag API: the SSL API changes
// no tags).
void put_order_tags(const std::string& id, const std::vector<api::Tag>& tags,
                    const std::vector<std::string>& delete_keys, const framework::Context& ctx,
                    const api::CallOptions& options) {
  api::Client& tag = common::tag_client(ctx);
  api::modify_resource_tags(tag, api::certificate_tag_resource(tag.settings().region, id), tags,
                            delete_keys, options);
}

void put_order_tags(const std::string& id, const std::vector<api::Tag>& tags,
                    const std::vector<std::string>& delete_keys, const framework::Context& ctx) {
  put_order_tags(id, tags, delete_keys, ctx, common::call_options(ctx));
}

// A confirmed purchase (its id answered or found, or the order adopted) needs the coarse tag no
// more, and left on the order it would refuse another configuration buying the same product and
// name while this order waits for its submission: it becomes kHeldTag. Best effort: the next
// update of the order while it is still unsubmitted replaces it (retag_unsubmitted_order); a
// submitted order blocks nothing.
void hold_purchase_tag(const std::string& id, const Value& planned, const framework::Context& ctx,
                       Diagnostics& d) {
  try {
    put_order_tags(id, {api::Tag{kHeldTag, purchase_token(planned)}}, {kPurchaseTag}, ctx);
  } catch (const api::ApiError& e) {
    // The CAM refusals (seed 004, common error codes): every purchase would leave it.
    const bool denied = e.code().starts_with("UnauthorizedOperation") ||
                        e.code().starts_with("AuthFailure.UnauthorizedOperation");
    const std::string tag = " = " + purchase_token(planned);
    d.warning(
        "The tag " + std::string(kPurchaseTag) + " of certificate " + id + " was not replaced",
        e.code() + ": " + e.message() + "\nThe tag " + kPurchaseTag + tag +
            " stops a second purchase only while a purchase is unconfirmed; a confirmed one "
            "carries " +
            kHeldTag + tag +
            " instead. Until it is replaced, another configuration buying the same "
            "product_id, domain_num, time_span and common_name in this account is refused "
            "while this order waits for its submission. The next apply replaces it if the "
            "order is still unsubmitted then (a submitted order blocks nothing)." +
            (denied ? " Without tag:ModifyResourceTags every purchase leaves it." : ""),
        Path::root("product_id"));
  }
}

// An owner tag as a message names it: "cloudssl-owner = <nonce>", or "no cloudssl-owner tag".
std::string owner_text(const std::optional<std::string>& owner) {
  return owner ? std::string(kOwnerTag) + " = " + *owner : "no " + std::string(kOwnerTag) + " tag";
}

// The order's owner tag names another instance than this one (`mine`: "" for a state written
// before owners were recorded, which holds an order without an owner tag): the destroy leaves
// it to that instance, with a warning naming both.
bool left_to_its_owner(const std::string& id, const api::PaidOrderState& order,
                       const std::string& mine, Diagnostics& d, const std::string& note = "") {
  const auto owner = tag_value(order.tags, kOwnerTag);
  if (!owner || *owner == mine) return false;
  d.warning("Certificate " + id + " was left to the instance that took it over",
            "Another instance of cloudssl_paid_certificate adopted its order (it carries " +
                owner_text(owner) + "; this instance's is " +
                (mine.empty() ? std::string("not recorded") : mine) +
                "): typically the replacement of a create_before_destroy resource, which "
                "continues the same order. It is forgotten here, not cancelled. If no "
                "configuration holds it any more, cancel it in the console." +
                note);
  return true;
}

// Statuses of a bought order waiting for its information and order (seed 004): 0 (a DV
// product's) and 5 ("企业证书，待提交": an OV/EV product's).
bool awaits_submission(std::optional<std::int64_t> status) {
  return status && (*status == 0 || *status == 5);
}

// The status of an order of `planned`'s product bought (or reopened) and awaiting its
// information, as awaits_submission reads it.
Value awaiting_status(const Value& planned) {
  const api::PaidProduct* p = api::find_paid_product(planned.get_int("product_id").value_or(0));
  return Value::number(std::int64_t{p && p->validation != "DV" ? 5 : 0});
}

// What tells whether an order was submitted, from the API's view or from the state.
struct SubmissionSigns {
  std::optional<std::int64_t> status;
  bool order_id = false;  // an OrderId
  // A review message or validation records (api::shows_submission): OrderId may be null for an
  // order under review (seed 004, DescribeCertificate), and a DV order under review shares
  // status 0 with one awaiting its information.
  bool shows_submission = false;
};

// The one rule for "bought, its order never submitted": what read() forgets the order_id by,
// what the next apply submits again (takes_submission) and what an adoption takes
// (unsubmitted_orders). Anything showing a submission counts as submitted, else every apply
// would submit an order under review again.
bool awaits_information(const SubmissionSigns& s) {
  return awaits_submission(s.status) && !s.order_id && !s.shows_submission;
}

SubmissionSigns submission_signs(const api::Certificate& c) {
  return {c.status, !c.order_id.empty(), api::shows_submission(c)};
}

SubmissionSigns submission_signs(const api::PaidOrderState& o) {
  return {o.status, !o.order_id.empty(), o.shows_submission};
}

// The state's signs: it holds the API's status and status_msg as last read, and its dv_auths
// hold the API's records (an order awaiting its information keeps only its names, see
// paid_state_with).
SubmissionSigns submission_signs(const Value& state) {
  std::vector<api::DvAuth> records;
  if (const Value& auths = state.at("dv_auths"); auths.is_known() && !auths.is_null())
    for (const auto& a : auths.elements()) {
      const auto known = [&a](const char* name) {
        const Value& v = a.at(name);
        return v.is_known() && !v.is_null() ? v.as_string() : std::string();
      };
      api::DvAuth record;
      record.key = known("key");
      record.value = known("value");
      records.push_back(std::move(record));
    }
  return {state.get_int("status"), !state.at("order_id").is_null(),
          api::shows_submission(state.get_string("status_msg").value_or(""), records)};
}

// Statuses (seed 004) in which a certificate is busy with something a destroy cannot stop:
// CancelCertificateOrder takes only an order not issued yet, and deleting a certificate that is
// being revoked, reissued or migrated would cut that short. What the user must do, nullptr for
// the other statuses.
const char* busy_status_fix(std::int64_t status) {
  switch (status) {
    case 9:  // 证书吊销中
      return "its revocation is under way; once it is revoked (status 10), delete it in the "
             "console";
    case 11:  // 重颁发中
      return "it is being reissued; once the reissue ends, delete it in the console (and the "
             "reissued certificate, if you do not want it)";
    case 12:  // 待上传吊销确认函
      return "its revocation waits for the revocation confirmation letter; upload it in the "
             "console, then delete the certificate there once it is revoked (status 10)";
    case 15:  // 证书迁移中
      return "it is being migrated; once the migration ends, delete it in the console";
    default:
      return nullptr;
  }
}

struct UnsubmittedOrder {
  std::string id;
  std::vector<api::Tag> tags;
};

// The certificates tagged `tag` whose order was never submitted (awaits_information).
std::vector<UnsubmittedOrder> unsubmitted_orders(api::Client& ssl, const api::Tag& tag,
                                                 const framework::Context& ctx) {
  api::DescribeCertificatesRequest r;
  r.tags = {tag};
  r.certificate_status = {0, 5};
  r.limit = 100;
  const auto options = common::call_options(ctx);
  std::vector<UnsubmittedOrder> found;
  for (const auto& listed : api::describe_certificates(ssl, r, options).certificates) {
    if (listed.certificate_id.empty()) continue;
    // The list does not carry OrderId: DescribeCertificate does.
    auto order = api::find_paid_order(ssl, listed.certificate_id, options);
    if (order && awaits_information(submission_signs(*order)))
      found.push_back({listed.certificate_id, std::move(order->tags)});
  }
  return found;
}

// The certificates bought with `token` whose order was never submitted: an earlier apply's
// purchase whose state was lost (or the order of the instance a create_before_destroy
// replacement replaces). Its information may have been submitted; the create submits it again.
std::vector<UnsubmittedOrder> find_unused_orders(api::Client& ssl, const std::string& token,
                                                 const framework::Context& ctx) {
  return unsubmitted_orders(ssl, api::Tag{kOrderTag, token}, ctx);
}

// Unsubmitted orders bought for this certificate's product, counts and name (`key`:
// kPurchaseTag for unconfirmed purchases, kHeldTag for confirmed ones) but with other details
// (another kOrderTag). An unconfirmed one is an earlier purchase whose answer was lost (or whose
// create stopped before confirming it) and whose configuration was edited since; a confirmed one
// is another configuration's, or this one's whose state was lost and configuration edited since.
std::vector<UnsubmittedOrder> orders_bought_with_other_details(api::Client& ssl, const char* key,
                                                               const Value& planned,
                                                               const std::string& token,
                                                               const framework::Context& ctx) {
  auto found = unsubmitted_orders(ssl, api::Tag{key, purchase_token(planned)}, ctx);
  // An order carrying both marks was confirmed (hold_purchase_tag stopped half-way): held.
  std::erase_if(found, [&](const UnsubmittedOrder& o) {
    return tag_value(o.tags, kOrderTag) == std::optional(token) ||
           (std::string_view(key) == kPurchaseTag && tag_value(o.tags, kHeldTag).has_value());
  });
  return found;
}

// The attributes whose value differs between `planned` and what `order` was bought with (its
// kInputsTag), each as "name (bought with value)"; every attribute the order tag covers when
// the order does not say.
std::vector<std::string> differing_details(const Value& planned, const UnsubmittedOrder& order) {
  const auto now = tag_inputs(planned);
  const auto recorded = tag_value(order.tags, kInputsTag);
  const auto then = parse_inputs(recorded.value_or(""));
  std::vector<std::string> out;
  for (const auto& [name, value] : now) {
    const auto it = then.find(name);
    if (recorded && it != then.end() && it->second == value) continue;
    if (!recorded || it == then.end()) {
      out.push_back(name);
      continue;
    }
    // Digests (names, CSR) say only that the value differs.
    const bool digest = name == "other_names" || name == "csr";
    out.push_back(digest || it->second == "-" ? name : name + " (bought with " + it->second + ")");
  }
  return out;
}

// differing_details, or every attribute the order tag covers when none differs (the same
// recorded inputs: a tag edited by hand).
std::vector<std::string> named_differences(const Value& planned, const UnsubmittedOrder& order) {
  std::vector<std::string> differing = differing_details(planned, order);
  if (differing.empty())
    for (const auto& [name, value] : tag_inputs(planned)) differing.push_back(name);
  return differing;
}

// An unconfirmed earlier purchase of this certificate with other details is not bought over:
// the error names it, what differs and the ways out.
Value order_with_other_details(const Value& planned, const std::vector<UnsubmittedOrder>& orders,
                               Diagnostics& d) {
  const UnsubmittedOrder& order = orders.front();
  const std::vector<std::string> differing = named_differences(planned, order);
  std::string others;
  for (std::size_t i = 1; i < orders.size(); ++i) others += " " + orders[i].id;
  d.error("An earlier purchase of this certificate has other details",
          "Certificate " + order.id +
              " was bought for the same product_id, domain_num, time_span and common_name (tag " +
              kPurchaseTag + " = " + purchase_token(planned) +
              ") and waits for its information, but with other " + comma_list(differing) +
              (others.empty() ? "" : " (so were:" + others + ")") +
              ". Its purchase was never confirmed (its tag " + kPurchaseTag +
              " says so): an earlier apply bought it and the answer was lost or the apply "
              "stopped before saving it, and the configuration was edited since. Nothing was "
              "bought: buying now would pay for a second certificate. Revert those attributes "
              "to what it was bought with and apply again to continue that order. If it is "
              "another configuration's (a create that could not replace that tag warned so), "
              "apply again once that order is submitted; if nobody holds it, cancel it in the "
              "console (or remove its " +
              kPurchaseTag + " tag), then apply again to buy a new one.",
          Path::root(differing.front().substr(0, differing.front().find(' '))));
  return Value::null(planned.type());
}

// A confirmed purchase of this product and name with other details waits for its information
// next to the one this create made: it blocks nothing (another configuration may hold it), but
// if it was this configuration's before its state was lost, it is paid for and nobody manages
// it any more, so the warning names it.
void warn_orders_held_with_other_details(const Value& planned, const std::string& bought,
                                         const std::vector<UnsubmittedOrder>& orders,
                                         Diagnostics& d) {
  for (const auto& order : orders)
    d.warning(
        "Certificate " + order.id + " was bought for the same product and name with other " +
            "details",
        std::string(
            "It was bought for the same product_id, domain_num, time_span and common_name (tag ") +
            kHeldTag + " = " + purchase_token(planned) + ") with other " +
            comma_list(named_differences(planned, order)) +
            " and waits for its information; this resource bought certificate " + bought +
            ". It may be another resource's (another configuration or workspace buying the "
            "same product and name): Terraform neither cancels nor adopts it. Check with "
            "terraform state list -id=" +
            order.id +
            " in each workspace; only if none lists it (this configuration's before its state "
            "was lost, for example) cancel it in the console.",
        Path::root("product_id"));
}

// The one unused order with `token`; nullopt when there is none, or several (which one a lost
// answer bought cannot be told: the next create names them).
std::optional<std::string> find_unused_order(api::Client& ssl, const std::string& token,
                                             const framework::Context& ctx) {
  auto found = find_unused_orders(ssl, token, ctx);
  if (found.size() != 1) return std::nullopt;
  return found.front().id;
}

// Several unused orders carry this purchase's tag: adopting one could take another
// resource's (or workspace's) order, so none is adopted and nothing is bought.
Value ambiguous_orders(const Value& planned, const std::string& token,
                       const std::vector<UnsubmittedOrder>& orders, Diagnostics& d) {
  std::vector<std::string> ids;
  for (const auto& o : orders) ids.push_back(o.id);
  d.error("Several earlier purchases match this certificate",
          "Certificates " + comma_list(ids) + " all carry the tag " + kOrderTag + " = " + token +
              " and wait for their information: each was bought for this same configuration "
              "and its state lost, or another configuration buys the same. Terraform cannot "
              "tell which is this resource's, so it adopts none and buys nothing. Keep one: "
              "cancel the others in the console (or remove their " +
              kOrderTag + " tag), then apply again to continue the one left.",
          Path::root("product_id"));
  return Value::null(planned.type());
}

// What the tags of a purchase are made of, which the next apply needs unchanged to find it.
constexpr const char* kKeepUntilNextApply =
    "Until then keep product_id, domain_num, time_span, common_name, other_names, csr_type, "
    "csr, key_algorithm, key_parameter and verify_type as they are: the purchase's tags are made "
    "of them, and other values would not find it.";

// A purchase that may have been made but was not found: no state (nothing known to keep),
// and the next apply's create looks for it by its tag before buying.
Value unconfirmed_purchase(const Value& planned, const std::string& token, const api::ApiError& e,
                           Diagnostics& d) {
  d.error("The certificate may have been bought",
          e.message() +
              "\nThe purchase request may have been processed, so it was not sent again (a "
              "second request would buy a second certificate), and it was not found yet. Run "
              "terraform apply again: it looks for the purchase by its tag " +
              kOrderTag + " = " + token +
              " first and continues that order; it buys only if there is none. " +
              kKeepUntilNextApply + " Do not buy it in the console meanwhile.",
          Path::root("product_id"));
  return Value::null(planned.type());
}

// The apply was cancelled (Ctrl-C: Terraform's StopProvider) while the purchase was under way:
// whether the request reached the API is not known, so the same path as an unconfirmed one.
Value interrupted_purchase(const Value& planned, const std::string& token, Diagnostics& d) {
  d.error("Interrupted during the purchase: the certificate may have been bought",
          "The apply was cancelled while the purchase request may have been on its way, so "
          "whether it bought a certificate is not known, and nothing is in state. Run "
          "terraform apply again: it looks for the purchase by its tag " +
              std::string(kOrderTag) + " = " + token +
              " first and continues that order; it buys only if there is none. " +
              kKeepUntilNextApply,
          Path::root("product_id"));
  return Value::null(planned.type());
}

// How long an adoption waits for its owner tag to be listed (Tags may lag behind the Tag API,
// seed 004 DescribeCertificate) before it goes on with the order as last read: 30 s, or what
// the acceptance tests set against the simulator (common::test_owner_tag_lag).
std::chrono::seconds owner_tag_lag(const framework::Context& ctx) {
  return common::test_owner_tag_lag(ctx).value_or(std::chrono::seconds{30});
}

// How long putting back an owner tag may take (restore_owner_tag), whatever the operation's
// deadline and cancellation.
constexpr std::chrono::seconds kRestoreTimeout{15};

// The order of certificate `id` once it lists `owner` (this create's), or as last read when it
// does not by the deadline; nullopt when it is gone. A lagging view shows the owner tag as it
// was before this create's call, so the read goes on while another value is listed; a cancelled
// order (status 6, 7) is not adopted, and ends it too.
std::optional<api::PaidOrderState> order_read_back(api::Client& ssl, const std::string& id,
                                                   const std::string& owner,
                                                   const framework::Context& ctx) {
  auto settled = [&](const std::optional<api::PaidOrderState>& o) {
    return !o || o->status == 6 || o->status == 7 ||
           tag_value(o->tags, kOwnerTag) == std::optional(owner);
  };
  // Read once before polling: an interrupted poll still answers what the API listed.
  auto order = api::find_paid_order(ssl, id, common::call_options(ctx));
  if (settled(order)) return order;
  api::PollOptions options = common::poll_options(ctx, "owner tag of certificate " + id);
  options.deadline =
      std::min(options.deadline, std::chrono::steady_clock::now() + owner_tag_lag(ctx));
  const auto report = api::poll_until_done(
      [&] {
        order = api::find_paid_order(ssl, id, common::call_options(ctx));
        api::PollResult r;
        if (settled(order)) r.state = api::PollResult::State::Done;
        return r;
      },
      options);
  // Interrupted (Ctrl-C): what was read may be a lagging view, which only the deadline settles.
  if (report.outcome == api::PollOutcome::Cancelled)
    throw api::ApiError("DescribeCertificate", "Cancelled",
                        "the apply was cancelled while the order was read back", "",
                        api::ErrorClass::Cancelled);
  return order;
}

// After a failure once the adoption's tagging was sent (its answer may be lost though it
// applied, or the read-back failed), the previous owner tag is put back, so the instance that
// held the order still cancels or keeps it as before. Read again first: this create's value,
// the previous one or none (a view lagging behind a tagging that may have applied) is
// restored; another value is a concurrent adopter's and is kept. (Without compare-and-swap, an
// adopter whose tag lands between this read and the restore is still overwritten.) What the
// error adds; "" when restored.
std::string restore_owner_tag(const std::string& id, const std::optional<std::string>& previous,
                              const std::string& owner, api::Client& ssl,
                              const framework::Context& ctx) {
  // Also after Ctrl-C or the operation's deadline.
  const api::CallOptions options = common::detached_call_options(kRestoreTimeout);
  try {
    const auto now = api::find_paid_order(ssl, id, options);
    if (!now) return "";
    if (const auto listed = tag_value(now->tags, kOwnerTag);
        listed && *listed != owner && listed != previous)
      return "\nIts " + std::string(kOwnerTag) + " tag names another instance (" + *listed +
             "), which adopted it meanwhile: it is left to that instance.";
    if (previous)
      put_order_tags(id, {api::Tag{kOwnerTag, *previous}}, {}, ctx, options);
    else
      put_order_tags(id, {}, {kOwnerTag}, ctx, options);
    return "";
  } catch (const api::ApiError& again) {
    return "\nIts owner tag could not be restored either (" + again.code() + ": " +
           again.message() + "): the order may carry " + kOwnerTag + " = " + owner +
           ", which no instance holds, and the instance that held it would then leave it alone "
           "at destroy. Apply again to adopt it, or, if another configuration holds it, " +
           (previous ? "set its " + std::string(kOwnerTag) + " tag back to " + *previous +
                           " in the console."
                     : "remove its " + std::string(kOwnerTag) + " tag in the console.");
  }
}

enum class Adoption { adopted, refused, order_cancelling };

// Tags `order` (found by this configuration's order tag, unsubmitted) as this instance's
// (`owner`) and reads it back: the instance that held it leaves it alone from then on.
// Refused (an error given) when it cannot be tagged, or another instance adopted it at the same
// time; being cancelled (status 6 or 7: its previous holder's destroy, as a rename without a
// moved block runs it beside this create), it is not adopted and a warning says a new one is
// bought.
Adoption adopt(const UnsubmittedOrder& order, const Value& planned, const std::string& owner,
               api::Client& ssl, const framework::Context& ctx, Diagnostics& d) {
  const std::string& id = order.id;
  const auto previous = tag_value(order.tags, kOwnerTag);
  // Not kHeldTag: a failed adoption puts back only the owner tag, and an unconfirmed order
  // left carrying both purchase tags would count as held, so that an edit would buy again.
  // The create adds it once adopted (hold_purchase_tag).
  std::vector<api::Tag> tags = identity_tags(planned);
  tags.push_back(api::Tag{kOwnerTag, owner});
  // Not adopted after `e` (`cause` says what failed and what to do): the owner tag is put back
  // first when the tagging may have applied (`tagged`), so the previous holder keeps the order;
  // the error names the restore's failure, if any.
  const auto refuse_adoption = [&](const api::ApiError& e, const std::string& cause, bool tagged) {
    const std::string restore_failure =
        tagged ? restore_owner_tag(id, previous, owner, ssl, ctx) : std::string();
    d.error("Could not adopt the earlier purchase " + id,
            e.code() + ": " + e.message() + "\nCertificate " + id +
                " was bought for this configuration and waits for its information" + cause +
                restore_failure,
            Path::root("product_id"));
    return Adoption::refused;
  };
  try {
    put_order_tags(id, tags, {}, ctx);
  } catch (const api::ApiError& e) {
    // Its answer may be lost though it applied; a call never sent changed nothing to restore.
    return refuse_adoption(e,
                           ", but it could not be tagged as this resource's (ModifyResourceTags), "
                           "so it was not adopted and nothing was bought. Apply again once the "
                           "Tag API accepts the call (the caller needs tag:ModifyResourceTags).",
                           e.sent());
  }
  std::optional<api::PaidOrderState> now;
  try {
    now = order_read_back(ssl, id, owner, ctx);
  } catch (const api::ApiError& e) {
    // Tagged as this resource's, yet not adopted: its previous holder must keep it.
    return refuse_adoption(e,
                           "; it was tagged as this resource's, but could not be read back "
                           "(DescribeCertificate) to check that no other instance adopted it at "
                           "the same time, so it was not adopted and nothing was bought. Apply "
                           "again.",
                           true);
  }
  if (!now || now->status == 6 || now->status == 7) {
    d.warning("Did not adopt the earlier purchase " + id,
              "It was bought for this configuration and waited for its information, but it is " +
                  (!now               ? std::string("gone")
                   : now->status == 7 ? std::string("cancelled (status 7)")
                                      : std::string("being cancelled (status 6)")) +
                  ": it was cancelled in the console, for example, or the destroy of the "
                  "instance that held it runs beside this create (a resource renamed without a "
                  "moved block). A new certificate is bought, charged to the account. Rename "
                  "with a moved block to keep an order.");
    return Adoption::order_cancelling;
  }
  // Still another value by the deadline: the previous owner (or none) is a view lagging behind
  // this create's call, which nobody else holds now; only a third value is another adopter.
  if (const auto listed = tag_value(now->tags, kOwnerTag);
      listed && *listed != owner && listed != previous) {
    d.error("Certificate " + id + " was adopted by another instance",
            "It was bought for this configuration and waited for its information; this "
            "resource tagged it as its own, but its " +
                std::string(kOwnerTag) + " tag now names another instance (" + *listed +
                ", this one's was " + owner +
                "): another workspace or resource with the same configuration adopted it at the "
                "same time. It is left to that instance and nothing was bought. Keep the "
                "certificate in one configuration: remove this resource from this one, or, if "
                "the other should not hold it, remove it there first and apply here again.",
            Path::root("product_id"));
    return Adoption::refused;
  }
  d.warning("Adopted the earlier purchase " + id,
            "An earlier apply bought it and its state was lost before the order was submitted, "
            "or another instance holds it unsubmitted (the one this one replaces with "
            "create_before_destroy, or one under another address). It carried " +
                owner_text(previous) +
                (previous ? " (the instance that held it; its destroy now leaves it alone)"
                          : " (no instance recorded as holding it)") +
                " and now carries " + kOwnerTag + " = " + owner +
                ". It is used instead of buying again.");
  return Adoption::adopted;
}

// The plan-time rules a product sets, as errors on the attribute to change.
void check_against_product(const Value& c, Diagnostics& d) {
  const auto product_id = c.get_int("product_id");
  if (!product_id) return;
  const api::PaidProduct* p = api::find_paid_product(*product_id);
  if (!p) {
    d.error("Unknown product_id",
            std::to_string(*product_id) +
                " is not in CreateCertificate's product list. Use one of the ids listed in "
                "this attribute's description (for example 26 WoTrus DV multi-domain).",
            Path::root("product_id"));
    return;
  }
  if (p->cfca) {
    d.error("CFCA products are not supported",
            p->name +
                ": a CFCA order's information needs identity documents (OrgIdType/OrgIdNumber, "
                "AdminIdType/AdminIdNumber, TechIdType/TechIdNumber of CertificateInfoSubmit), "
                "which this resource does not submit; the order would be bought and then "
                "refused. Choose another product_id.",
            Path::root("product_id"));
    return;
  }
  if (p->sm2 && c.at("csr_type").is_known() &&
      c.get_string("csr_type").value_or("online") != "parse")
    d.error("SM2 products need an uploaded CSR",
            p->name +
                " is an SM2 (国密) certificate, and CertificateInfoSubmit generates only RSA or "
                "ECC keys: set csr_type = \"parse\" and csr to an SM2 certificate request.",
            Path::root("csr_type"));
  // Unset is the default, 1; a value known only at apply is not checked here. (A plain value
  // and a flag: GCC's -O2 warns about an optional<int64_t> read under its own check.)
  const bool domains_known = c.at("domain_num").is_known();
  const std::int64_t domains = c.get_int("domain_num").value_or(1);
  if (domains_known && p->multi_domain && domains < 2)
    d.error("domain_num too small",
            p->name +
                " is a multi-domain product: set domain_num to 2 "
                "or more (the names the certificate covers).",
            Path::root("domain_num"));
  if (domains_known && !p->multi_domain && domains != 1)
    d.error("domain_num must be 1",
            p->name + " covers one name. Remove domain_num, or choose a multi-domain product.",
            Path::root("domain_num"));
  if (auto years = c.at("time_span").is_known() ? c.get_int("time_span") : std::nullopt;
      years && *years > 1 && !p->multi_year)
    d.error("time_span must be 1", p->name + " is sold for one year at a time. Remove time_span.",
            Path::root("time_span"));
  if (auto cn = c.at("common_name").is_known() ? c.get_string("common_name") : std::nullopt) {
    const bool wildcard = cn->rfind("*.", 0) == 0;
    if (wildcard && !p->wildcard)
      d.error("Wildcard name for a product without wildcards",
              p->name + " does not certify " + *cn +
                  ". Choose a wildcard product_id or a "
                  "host name.",
              Path::root("common_name"));
    if (!wildcard && p->wildcard && !p->multi_domain)
      d.error("Wildcard product needs a wildcard name",
              p->name + " certifies *.domain names: write common_name like *.example.com.",
              Path::root("common_name"));
  }
  const Value& others = c.at("other_names");
  if (others.is_known() && !others.is_null()) {
    if (!p->multi_domain && others.length() > 0)
      d.error("other_names need a multi-domain product",
              p->name + " covers one name: remove other_names, or choose a multi-domain product.",
              Path::root("other_names"));
    if (p->multi_domain && domains_known &&
        static_cast<std::int64_t>(others.length()) + 1 > domains)
      d.error("More names than bought",
              "common_name and other_names are " + std::to_string(others.length() + 1) +
                  " names, domain_num is " + std::to_string(domains) +
                  ". Raise domain_num or remove names.",
              Path::root("other_names"));
  } else if (others.is_null() && p->multi_domain) {
    d.error("other_names required",
            p->name + " is multi-domain: list the names besides common_name in other_names.",
            Path::root("other_names"));
  }
  if (const Value& packages = c.at("package_ids"); !packages.is_null() && p->pid == 0)
    d.error("Not sold for benefit points",
            p->name +
                " cannot be bought with a package's points (CreateCertificateByPackage has no "
                "ProductPid for it). Remove package_ids to pay for it, or choose a product_id "
                "listed in package_ids' description.",
            Path::root("package_ids"));
  const auto company_type =
      c.at("company_type").is_known() ? c.get_int("company_type") : std::nullopt;
  if (company_type && *company_type == 1 && p->validation != "DV")
    d.error("An individual cannot order " + p->validation,
            p->name +
                " validates an organisation: set company_type = 2 (the default) with a "
                "company.",
            Path::root("company_type"));
}

// The same name twice in the order: it would be bought (domain_num) and submitted twice.
void check_names(const Value& c, Diagnostics& d) {
  const Value& cn = c.at("common_name");
  const Value& others = c.at("other_names");
  if (!cn.is_known() || !others.is_wholly_known() || others.is_null()) return;
  // Host names compare without case (API.example.com is api.example.com).
  std::vector<std::string> seen = {cn.is_null() ? std::string() : ascii_lower(cn.as_string())};
  for (const auto& n : others.elements()) {
    const std::string name = ascii_lower(n.as_string());
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      d.error("Duplicate name in other_names",
              n.as_string() + " is listed twice" +
                  (name == seen.front() ? " (it is common_name)" : "") +
                  ": each name is certified once. Remove the repeated entry from other_names.",
              Path::root("other_names"));
      return;
    }
    seen.push_back(name);
  }
}

// Rules between the submission's attributes.
void check_submission(const Value& c, Diagnostics& d) {
  // Unset is the default, online.
  const auto csr_type = c.at("csr_type").is_known()
                            ? std::optional(c.get_string("csr_type").value_or("online"))
                            : std::nullopt;
  if (csr_type && *csr_type == "parse" && c.at("csr").is_null())
    d.error("csr required", "csr_type = \"parse\" uploads a certificate request: set csr.",
            Path::root("csr"));
  if (csr_type && *csr_type != "parse" && c.at("csr").is_known() && !c.at("csr").is_null())
    d.error("csr needs csr_type = \"parse\"",
            "With csr_type online Tencent Cloud generates the key: remove csr, or set csr_type = "
            "\"parse\".",
            Path::root("csr"));
  const auto algo = c.at("key_algorithm").is_known() ? c.get_string("key_algorithm") : std::nullopt;
  const auto param =
      c.at("key_parameter").is_known() ? c.get_string("key_parameter") : std::nullopt;
  if (param && c.at("key_algorithm").is_known()) {
    const bool ecc = algo.value_or("RSA") == "ECC";
    if (ecc != (*param == "prime256v1"))
      d.error("Invalid key_parameter",
              ecc ? "ECC keys are prime256v1: set key_parameter = \"prime256v1\"."
                  : "RSA keys are 2048 or 4096 bits: set key_parameter to one of them.",
              Path::root("key_parameter"));
  }
  // Unset is a company (2, the default).
  const auto company_type = c.at("company_type").is_known()
                                ? std::optional(c.get_int("company_type").value_or(2))
                                : std::nullopt;
  if (company_type && *company_type == 1) {
    if (c.at("contact_email").is_null())
      d.error("contact_email required", "An individual (company_type 1) needs contact_email.",
              Path::root("contact_email"));
    return;
  }
  if (!company_type) return;
  if (c.at("company_id").is_null() && c.at("manager_id").is_null() &&
      c.at("organisation").is_null())
    d.error("organisation required",
            "A company order names the organisation: set company_id (data cloudssl_companies), "
            "manager_id, or an organisation block.",
            Path::root("organisation"));
  if (c.at("manager_id").is_null())
    for (const char* who : {"admin", "tech"})
      if (c.at(who).is_null())
        d.error(std::string(who) + " required",
                std::string("Without manager_id the order names the ") +
                    (std::string(who) == "admin" ? "administrator" : "technical contact") +
                    ": set the " + who + " block, or manager_id (data cloudssl_managers).",
                Path::root(who));
}

// The names the order covers (common_name, then other_names as configured), the order of the
// planned validation records; nullopt while one is unknown.
std::optional<std::vector<std::string>> ordered_names(const Value& v) {
  const Value& cn = v.at("common_name");
  const Value& others = v.at("other_names");
  if (!cn.is_known() || cn.is_null() || !others.is_wholly_known()) return std::nullopt;
  std::vector<std::string> names = {cn.as_string()};
  if (!others.is_null())
    for (const auto& n : others.elements()) names.push_back(n.as_string());
  return names;
}

// The plan's dv_auths: one record per name, `domain` known (a for_each key), the rest known
// after apply; unknown while the names are.
Value planned_paid_dv_auths(const Value& planned) {
  const Type list_type = planned.type().attribute_types().at("dv_auths");
  const auto names = ordered_names(planned);
  if (!names) return Value::unknown(list_type);
  std::vector<Value> records;
  for (const auto& name : *names)
    records.push_back(planned_dv_auths(list_type, name).elements().front());
  return Value::list(list_type.element_type(), std::move(records));
}

// The name a DNS record validates, read from where it is published: `<label>.<name>` (a
// wildcard name's at its base domain; seed 004, DescribeCertificate: DvAuthKey
// "_875b….ninghhuang.online" with DvAuthSubDomain "_875b…"). Empty for a file record.
std::string published_for(const api::DvAuth& a) {
  const auto dot = a.key.find('.');
  if (a.verify_type == "FILE" || a.key.empty() || a.key.front() != '_' || dot == std::string::npos)
    return {};
  return ascii_lower(a.key.substr(dot + 1));
}

// The API's records as dv_auths, labelled by the names they validate, in the order of the
// names as the plan listed them. Nothing promises the records' order (seed 004,
// DescribeCertificate DvAuths), and DvAuthDomain may name the zone rather than the name, so a
// name takes, in turn: the record published at `<label>.<name>` (its base domain for a
// wildcard), else the one whose DvAuthDomain is the name (or base); names still without a
// record take the records left in the API's order when as many are left. A record is only
// ever labelled with a planned name or its own DvAuthDomain: whatever the API asks to publish
// stays visible, and no name the plan did not show appears.
Value paid_dv_auths(const Value& state, const std::vector<api::DvAuth>& auths) {
  const Type list_type = state.type().attribute_types().at("dv_auths");
  const auto names = ordered_names(state).value_or(std::vector<std::string>{});
  if (names.size() == 1 && auths.size() == 1)
    return dv_auths_value(list_type, auths, names.front());
  const Value records = dv_auths_value(list_type, auths, "");  // domain = DvAuthDomain
  std::vector<bool> taken(auths.size(), false);
  std::vector<std::optional<std::size_t>> record_of(names.size());
  auto validated = [](const std::string& name) {
    return ascii_lower(name.rfind("*.", 0) == 0 ? name.substr(2) : name);
  };
  auto take = [&](auto matches) {
    for (std::size_t n = 0; n < names.size(); ++n) {
      if (record_of[n]) continue;
      for (std::size_t i = 0; i < auths.size(); ++i)
        if (!taken[i] && matches(auths[i], validated(names[n]))) {
          taken[i] = true;
          record_of[n] = i;
          break;
        }
    }
  };
  take([](const api::DvAuth& a, const std::string& v) { return published_for(a) == v; });
  take([](const api::DvAuth& a, const std::string& v) { return ascii_lower(a.domain) == v; });
  const auto names_left = std::count(record_of.begin(), record_of.end(), std::nullopt);
  const auto records_left = std::count(taken.begin(), taken.end(), false);
  if (names_left > 0 && names_left == records_left)
    take([](const api::DvAuth&, const std::string&) { return true; });
  std::vector<Value> out;
  for (std::size_t n = 0; n < names.size(); ++n)
    if (record_of[n])
      out.push_back(records.elements()[*record_of[n]].with("domain", Value::string(names[n])));
  for (std::size_t i = 0; i < auths.size(); ++i)
    if (!taken[i]) out.push_back(records.elements()[i]);
  return Value::list(list_type.element_type(), std::move(out));
}

// The API's view of the certificate over `state`.
Value paid_state_with(Value state, const api::Certificate& c) {
  state = state.with("status", framework::int_or_null(c.status))
              .with("status_name", Value::string(c.status_name))
              .with("status_msg", Value::string(c.status_msg))
              .with("not_before", api_time_value(c.cert_begin_time))
              .with("not_after", api_time_value(c.cert_end_time))
              .with("subject_alt_names", framework::string_list(c.subject_alt_name));
  // No records (not ordered yet): a planned list keeps its names, its values null. Records
  // kept from an earlier order (issued, or whose review ended) stay, unless the order awaits
  // its information again (resubmitted outside Terraform): they validate nothing now, and the
  // state's signs of a submission must be the API's (submission_signs).
  if (!c.dv_auths.empty() || state.at("dv_auths").is_unknown() || state.at("dv_auths").is_null())
    state = state.with("dv_auths", paid_dv_auths(state, c.dv_auths));
  else if (awaits_information(submission_signs(c)))
    state = state.with("dv_auths", planned_paid_dv_auths(state));
  return state.transform(
      [](const Path&, const Value& v) { return v.is_unknown() ? Value::null(v.type()) : v; });
}

// After an apply: the plan promised one record per name (`planned`, known length); when the
// API lists another number, Terraform refuses an apply result that contradicts the plan, so
// the planned records are kept: with the API's values when its records for the planned names
// lead the list (records for other names follow them, see paid_dv_auths), else with null
// values; a warning says where to see the API's whole list.
Value keep_planned_record_count(Value state, const Value& planned, const std::string& id,
                                Diagnostics& d) {
  const Value& listed = state.at("dv_auths");
  if (!planned.is_known() || planned.is_null() || listed.length() == planned.length()) return state;
  d.warning("Certificate " + id + " has " + std::to_string(listed.length()) +
                " validation record(s) for " + std::to_string(planned.length()) + " name(s)",
            "The plan showed one record per name; the API lists another number. The next "
            "refresh (terraform apply -refresh-only) puts all of the API's records in dv_auths.",
            Path::root("dv_auths"));
  const auto& want = planned.elements();
  const auto& have = listed.elements();
  bool planned_names_lead = have.size() >= want.size();
  for (std::size_t i = 0; planned_names_lead && i < want.size(); ++i)
    planned_names_lead = have[i].at("domain") == want[i].at("domain");
  if (planned_names_lead)
    return state.with("dv_auths",
                      Value::list(want.front().type(),
                                  std::vector<Value>(have.begin(), have.begin() + want.size())));
  return state.with("dv_auths", planned.transform([](const Path&, const Value& v) {
    return v.is_unknown() ? Value::null(v.type()) : v;
  }));
}

// A review that failed with an order the CA closed (review_failure's `closed`).
bool order_closed(const Value& prior) {
  return prior.get_int("status") == 2 &&
         review_failure(prior.get_string("status_msg").value_or("")).closed;
}

// The prior state takes a new submission: bought but its order not submitted
// (awaits_information: a submission whose answer was lost and whose OrderId the API answers
// null under review is submitted), or its review failed (2, unless the CA closed the order) or
// was cancelled (7), which ModifyCertificateResubmit reopens.
bool needs_resubmit(const Value& prior) {
  const auto status = prior.get_int("status");
  return status && (*status == 2 || *status == 7) && !order_closed(prior);
}

// An order the API answered already submitted while its view lagged (kAcknowledgedKey) takes
// none, whatever that view shows, until the acknowledgment expires.
bool takes_submission(const Value& prior, const framework::PrivateState& private_state) {
  return needs_resubmit(prior) ||
         (awaits_information(submission_signs(prior)) && !acknowledgment_current(private_state));
}

// Set when a change is recorded in state without being submitted (the order under review keeps
// its information, see modify_plan) and when a submission of changed attributes starts (see
// update), erased once CertificateInfoSubmit takes the information or a submission is taken as
// made already: while absent, the state's submission attributes are the ones the CA last
// received.
constexpr const char* kRecordedKey = "recorded_since_submission";

// The attributes of `names` whose planned value is known and differs from the prior one.
std::vector<std::string> changed_attributes(const std::vector<std::string>& names,
                                            const Value& prior, const Value& planned) {
  std::vector<std::string> out;
  for (const auto& name : names)
    if (planned.at(name).is_known() && !(planned.at(name) == prior.at(name))) out.push_back(name);
  return out;
}

// other_names as the CA sees them: a set (order and null vs. [] certify nothing else).
std::vector<std::string> sorted_other_names(const Value& v) {
  std::vector<std::string> names;
  if (!v.at("other_names").is_null())
    for (const auto& n : v.at("other_names").elements()) names.push_back(n.as_string());
  std::sort(names.begin(), names.end());
  return names;
}

// What of the certified names and key differs between prior and planned: the names compare
// as a set, and the key attributes only where csr_type uses them (an online key follows
// key_algorithm/key_parameter, an uploaded CSR carries its own), so a change that certifies
// nothing else never buys another certificate.
std::vector<std::string> certified_changes(const Value& prior, const Value& planned) {
  std::vector<std::string> out;
  for (const auto& name : changed_attributes(kCertified, prior, planned)) {
    const bool online = planned.get_string("csr_type").value_or("online") == "online";
    if (name == "other_names" && planned.at(name).is_wholly_known() &&
        sorted_other_names(prior) == sorted_other_names(planned))
      continue;
    if ((name == "key_algorithm" || name == "key_parameter") && !online &&
        prior.get_string("csr_type").value_or("online") != "online")
      continue;
    if (name == "csr" && online && prior.get_string("csr_type").value_or("online") == "online")
      continue;
    out.push_back(name);
  }
  return out;
}

// key_parameter's default follows key_algorithm (2048 for RSA, prime256v1 for ECC).
Value with_default_key_parameter(Value planned, const Value& config) {
  if (!config.at("key_parameter").is_null() || !planned.at("key_algorithm").is_known())
    return planned;
  const bool ecc = planned.get_string("key_algorithm").value_or("RSA") == "ECC";
  return planned.with("key_parameter", Value::string(ecc ? "prime256v1" : "2048"));
}

class PaidCertificateResource final : public framework::Resource,
                                      public framework::ResourceWithModifyPlan {
 public:
  PaidCertificateResource() : schema_(paid_schema()) {}
  framework::Schema schema() const override { return schema_; }

  void validate(const framework::ValidateRequest& req, Diagnostics& d) const override {
    check_against_product(req.config, d);
    check_names(req.config, d);
    check_submission(req.config, d);
  }

  // A failed review (status 2) or a cancelled one: the API's message, the attributes it
  // concerns and the fix; and whether the configuration still holds what was refused.
  static void warn_failed_review(const framework::PlanRequest& req, Diagnostics& d) {
    const std::string msg = req.prior.get_string("status_msg").value_or("");
    const ReviewFailure failure =
        review_failure(msg, req.prior.get_string("verify_type").value_or(""));
    std::vector<std::string> submitted = kCertified;
    submitted.insert(submitted.end(), kPaperwork.begin(), kPaperwork.end());
    std::string detail = failure.fix;
    const bool known = std::all_of(submitted.begin(), submitted.end(), [&](const auto& name) {
      return req.planned.at(name).is_wholly_known();
    });
    if (known && !req.private_state.get(kRecordedKey) &&
        changed_attributes(submitted, req.prior, req.planned).empty())
      detail +=
          "\nThe configuration has not changed since the refused submission: "
          "resubmitting the same information will likely be refused again.";
    const auto configured =
        std::find_if(failure.attributes.begin(), failure.attributes.end(),
                     [&](const auto& name) { return !req.config.at(name).is_null(); });
    d.warning("The review of certificate " + req.prior.get_string("id").value_or("") +
                  " ended: " + msg +
                  (failure.documented ? " (concerns " + comma_list(failure.attributes) + ")" : ""),
              detail,
              Path::root(configured != failure.attributes.end() ? *configured
                                                                : failure.attributes.front()));
  }

  void modify_plan(framework::PlanRequest& req, Diagnostics& d) const override {
    if (req.planned.is_null()) return;  // destroy
    framework::keep_defaults(schema_.block, req.config, req.planned);
    req.planned = with_default_key_parameter(req.planned, req.config);
    if (auto id = req.planned.get_int("product_id"))
      if (const api::PaidProduct* p = api::find_paid_product(*id))
        req.planned = req.planned.with("product_name", Value::string(p->name));
    if (req.prior.is_null()) {
      // Unset: paid by the account (computed only to keep the purchase's value later).
      if (req.config.at("package_ids").is_null())
        req.planned = req.planned.with("package_ids", Value::null(Type::list(Type::string())));
      req.planned = req.planned.with("dv_auths", planned_paid_dv_auths(req.planned));
      const std::string product = req.planned.get_string("product_name").value_or("?");
      const std::string what =
          "Applying buys " + product + " for " +
          std::to_string(req.planned.get_int("domain_num").value_or(1)) + " name(s), " +
          std::to_string(req.planned.get_int("time_span").value_or(1)) + " year(s)";
      if (req.planned.at("package_ids").is_null())
        d.warning("This buys a paid certificate",
                  what + " (CreateCertificate, no voucher). It is charged to the account.",
                  Path::root("product_id"));
      else
        d.warning("This buys a paid certificate with benefit points",
                  what +
                      " with the points of the packages in package_ids "
                      "(CreateCertificateByPackage). Nothing is charged to the account.",
                  Path::root("package_ids"));
      return;
    }
    if (!req.requires_replace.empty()) {
      d.warning("This buys another paid certificate",
                "Replacing cancels the current order (or deletes the issued certificate) and "
                "buys a new one, charged to the account.",
                Path::root("product_id"));
      return;
    }
    for (const auto& name : kComputed) req.planned = req.planned.with(name, req.prior.at(name));
    // What paid the purchase is history: a changed or removed package_ids is not another
    // purchase. (A purchase paid by the account has none; a value configured later must be
    // planned as configured, and is only recorded.)
    if (!req.prior.at("package_ids").is_null() || req.config.at("package_ids").is_null())
      req.planned = req.planned.with("package_ids", req.prior.at("package_ids"));
    else
      d.warning("package_ids pays only for the next purchase",
                "Certificate " + req.prior.get_string("id").value_or("") +
                    " was bought and charged to the account; package_ids is recorded and pays "
                    "only for a new purchase of this resource (a replacement). Nothing is "
                    "bought or refunded now.",
                Path::root("package_ids"));
    if (takes_submission(req.prior, req.private_state)) {
      for (const char* name : {"order_id", "status", "status_name", "status_msg"})
        req.planned = req.planned.with(name, Value::unknown(req.planned.at(name).type()));
      req.planned = req.planned.with("dv_auths", planned_paid_dv_auths(req.planned));
      if (req.prior.get_int("status") == 7)
        d.warning("Certificate " + req.prior.get_string("id").value_or("") +
                      " was cancelled outside Terraform (status 7)",
                  "Applying asks to resubmit it (ModifyCertificateResubmit): the API reopens a "
                  "cancelled review, but refuses an order cancelled for good (as the console's "
                  "cancel does), and the apply then fails saying so. To buy a new certificate "
                  "instead, replace it (terraform apply -replace=ADDRESS); to stop managing it, "
                  "remove it from the configuration (destroying a cancelled order only forgets "
                  "it).",
                  Path::root("product_id"));
      else if (needs_resubmit(req.prior))
        warn_failed_review(req, d);
      else if (acknowledgment_expired(req.private_state))
        d.warning("The order of certificate " + req.prior.get_string("id").value_or("") +
                      " is still not listed as submitted",
                  "The API answered more than an hour ago that the order was submitted already, "
                  "but it still lists no OrderId and shows the order awaiting its information. "
                  "Applying submits the information and the order again: if the earlier "
                  "submission landed, the API refuses the second one; nothing is bought or "
                  "submitted twice.",
                  Path::root("order_id"));
      else
        d.warning("The order of certificate " + req.prior.get_string("id").value_or("") +
                      " is not submitted yet",
                  "Applying submits the information and the order again (nothing is bought).",
                  Path::root("common_name"));
      return;
    }
    // The order is submitted (under review or issued): the CA certifies what was submitted.
    const std::string id = req.prior.get_string("id").value_or("");
    // Waiting for a confirmation letter (8): nothing to submit or resubmit (the submission is
    // done, and the API cannot take the letter), so nothing is planned; the warning says what
    // only a person can do.
    if (req.prior.get_int("status") == 8)
      d.warning("Certificate " + id + " waits for its confirmation letter (status 8)",
                needs_action_fix(8) +
                    " Until then its review does not go on, and cloudssl_certificate_validation "
                    "stops with an error instead of waiting.",
                Path::root("status"));  // nothing in the configuration to change
    if (order_closed(req.prior)) {
      const std::string msg = req.prior.get_string("status_msg").value_or("");
      d.warning("The review of certificate " + id + " ended: " + msg,
                review_failure(msg, req.prior.get_string("verify_type").value_or("")).fix,
                Path::root("verify_type"));
    }
    if (const auto certified = certified_changes(req.prior, req.planned); !certified.empty()) {
      for (const auto& name : certified) req.requires_replace.push_back(Path::root(name));
      d.warning("This buys another paid certificate",
                "The order of certificate " + id + " was submitted with other " +
                    comma_list(certified) +
                    "; the CA certifies what was submitted, so a change is another "
                    "certificate. Replacing cancels the current order (or deletes the issued "
                    "certificate) and buys a new one, charged to the account. Revert " +
                    comma_list(certified) + " to keep this one.",
                Path::root(certified.front()));
      return;
    }
    if (const auto paperwork = changed_attributes(kPaperwork, req.prior, req.planned);
        !paperwork.empty())
      d.warning("Recorded only: the submitted order keeps its information",
                "The order of certificate " + id + " was submitted; " + comma_list(paperwork) +
                    " changed now is kept in state and used by the next submission (a "
                    "resubmission after a failed review, or a replacement). Nothing is sent to "
                    "the CA.",
                Path::root(paperwork.front()));
  }

  Value create(const framework::CreateRequest& req, Diagnostics& d) override {
    api::Client& ssl = common::ssl_client(req.ctx);
    const std::string token = order_token(req.planned);
    const std::vector<UnsubmittedOrder> unused = find_unused_orders(ssl, token, req.ctx);
    if (unused.size() > 1) return ambiguous_orders(req.planned, token, unused, d);
    // This instance's mark on the order it buys or adopts (see kOwnerTag).
    const std::string owner = new_owner_nonce();
    std::optional<std::string> id;
    bool coarse_tag = true;  // whether the order is to get kHeldTag (hold_purchase_tag)
    if (!unused.empty()) {
      switch (adopt(unused.front(), req.planned, owner, ssl, req.ctx, d)) {
        case Adoption::refused:
          return Value::null(req.planned.type());
        case Adoption::adopted:
          id = unused.front().id;
          // Held from now on (adopt() leaves that to here), unless it already is.
          coarse_tag = tag_value(unused.front().tags, kPurchaseTag).has_value() ||
                       !tag_value(unused.front().tags, kHeldTag).has_value();
          break;
        case Adoption::order_cancelling:
          break;
      }
    }
    std::vector<UnsubmittedOrder> held;  // named once bought, see warn_orders_held_...
    if (!id) {
      if (const auto other =
              orders_bought_with_other_details(ssl, kPurchaseTag, req.planned, token, req.ctx);
          !other.empty())
        return order_with_other_details(req.planned, other, d);
      // Only for a warning: a failed lookup does not stop the create.
      try {
        held = orders_bought_with_other_details(ssl, kHeldTag, req.planned, token, req.ctx);
      } catch (const api::ApiError& e) {
        d.warning("Orders of the same product and name were not looked for",
                  e.code() + ": " + e.message() + "\n" + e.action() +
                      " failed while looking for other unsubmitted orders of this product_id, "
                      "domain_num, time_span and common_name, which a lost state may have left "
                      "paid for and unmanaged; the certificate is bought all the same. To list "
                      "them, filter the certificates by the tag " +
                      kHeldTag + " = " + purchase_token(req.planned) +
                      " in the console: one waiting for its information that no workspace "
                      "lists (terraform state list -id=ID) may be this configuration's, bought "
                      "before its state was lost.",
                  Path::root("product_id"));
      }
    }
    std::vector<api::Tag> tags = identity_tags(req.planned);
    tags.push_back(api::Tag{kPurchaseTag, purchase_token(req.planned)});
    tags.push_back(api::Tag{kOwnerTag, owner});
    std::string deal;
    if (const Value& packages = req.planned.at("package_ids"); !id && !packages.is_null()) {
      const api::PaidProduct* product =
          api::find_paid_product(req.planned.get_int("product_id").value_or(0));
      api::PackagePurchase purchase{.product_pid = product ? product->pid : 0,
                                    .domain_count = req.planned.get_int("domain_num").value_or(1),
                                    .period = req.planned.get_int("time_span").value_or(1),
                                    .tags = tags};
      for (const auto& p : packages.elements()) purchase.package_ids.push_back(p.as_string());
      try {
        // Sent once; an attempt that may have bought is looked up by its tag.
        id = api::create_certificate_by_package(ssl, purchase, common::call_options(req.ctx), [&] {
          return find_unused_order(ssl, token, req.ctx);
        });
      } catch (const api::ApiError& e) {
        if (api::purchase_unconfirmed(e)) return unconfirmed_purchase(req.planned, token, e, d);
        if (e.error_class() == api::ErrorClass::Cancelled)
          return interrupted_purchase(req.planned, token, d);
        if (!api::package_payment_refused(e)) throw;
        // The refusal answered the only attempt that can have been processed (a purchase is
        // never sent again after an answer that may hide one): no points were spent.
        d.error("The packages cannot pay for this certificate",
                e.code() + ": " + e.message() +
                    "\nThe purchase was refused and nothing was bought. Check the packages' "
                    "balance and status (data cloudssl_packages), name others in package_ids, or "
                    "remove package_ids to pay for it.",
                Path::root("package_ids"));
        return Value::null(req.planned.type());
      }
    } else if (!id) {
      api::PaidPurchase purchase{req.planned.get_int("product_id").value_or(0),
                                 req.planned.get_int("domain_num").value_or(1),
                                 req.planned.get_int("time_span").value_or(1), tags};
      try {
        // Sent once; an attempt that may have bought is looked up by its tag.
        const api::PaidOrderIds bought =
            api::create_certificate(ssl, purchase, common::call_options(req.ctx),
                                    [&] { return find_unused_order(ssl, token, req.ctx); });
        id = bought.certificate_id;
        deal = bought.deal_id;
      } catch (const api::ApiError& e) {
        if (api::purchase_unconfirmed(e)) return unconfirmed_purchase(req.planned, token, e, d);
        if (e.error_class() == api::ErrorClass::Cancelled)
          return interrupted_purchase(req.planned, token, d);
        throw;
      }
    }
    Value state =
        with_default_key_parameter(req.planned, req.config)
            .with("id", Value::string(*id))
            .with("deal_id", deal.empty() ? Value::null(Type::string()) : Value::string(deal));
    req.private_state.set(kOwnerKey, owner);
    if (coarse_tag) hold_purchase_tag(*id, req.planned, req.ctx, d);
    warn_orders_held_with_other_details(req.planned, *id, held, d);
    req.private_state.set(kRecordedKey, true);  // nothing submitted yet (see update)
    return submit(std::move(state), *id, false, nullptr, req.private_state, req.ctx, d);
  }

  std::optional<Value> read(const framework::ReadRequest& req, Diagnostics& d) override {
    const std::string id = req.state.get_string("id").value_or("");
    api::Client& ssl = common::ssl_client(req.ctx);
    auto found = api::find_certificate(ssl, id, common::call_options(req.ctx));
    if (!found) return std::nullopt;
    // Another instance adopted the order (another workspace whose configuration buys the same,
    // or a rename without a moved block): said at plan time, as this instance's destroy will
    // leave the order to it (see remove).
    const std::string mine = owner_in(req.private_state);
    if (const auto owner = tag_value(found->tags, kOwnerTag);
        owner && !mine.empty() && *owner != mine)
      d.warning("Certificate " + id + " was taken over by another instance",
                "Its order carries " + owner_text(owner) + "; this instance's is " + mine +
                    ". Another instance of cloudssl_paid_certificate adopted it (the same "
                    "purchase configured elsewhere, whose apply said \"Adopted the earlier "
                    "purchase\" with this instance's value replaced, or this one under another "
                    "address). Destroying this resource will forget the order, not cancel it. "
                    "If another workspace manages it, remove it from this one (terraform state "
                    "rm) so that one configuration holds it.");
    Value state = paid_state_with(req.state, *found);
    // The order as the API holds it now (e.g. resubmitted or reordered outside Terraform),
    // forgotten only when nothing shows a submission (awaits_information). A view lagging
    // behind a submission this instance confirmed looks the same: the order_id forgotten is
    // marked unconfirmed (kSubmissionKey), so the destroy still cancels the order once it is
    // listed, instead of leaving it to "the instance that submitted it".
    if (!found->order_id.empty()) {
      state = state.with("order_id", Value::string(found->order_id));
      req.private_state.erase(kSubmissionKey);
      req.private_state.erase(kForgottenKey);
    } else if (awaits_information(submission_signs(*found))) {
      if (const Value& held = req.state.at("order_id"); !held.is_null()) {
        req.private_state.set(kSubmissionKey, true);
        req.private_state.set(kForgottenKey, held.as_string());
      }
      state = state.with("order_id", Value::null(Type::string()));
    }
    // The view shows what the API answered (or the order reopened since): the view decides.
    if (!awaits_information(submission_signs(*found))) req.private_state.erase(kAcknowledgedKey);
    if (issuance_state(found->status) == IssuanceState::Issued &&
        req.state.at("certificate_pem").is_null())
      state = state.with("certificate_pem",
                         framework::string_or_null(issued_certificate_pem(ssl, id, req.ctx)));
    return state;
  }

  Value update(const framework::UpdateRequest& req, Diagnostics& d) override {
    // The order is submitted: what changes is recorded only (see modify_plan), unless a value
    // known only now changes what the certificate certifies, which the plan could not replace.
    // As planned: an acknowledgment (kAcknowledgedKey) expiring between plan and apply does
    // not submit what the plan did not show.
    if (!takes_submission(req.prior, req.private_state) ||
        !req.planned.at("order_id").is_unknown()) {
      const auto certified = certified_changes(req.prior, req.planned);
      if (certified.empty()) {
        if (!changed_attributes(kPaperwork, req.prior, req.planned).empty())
          req.private_state.set(kRecordedKey, true);
        return req.planned;
      }
      for (const auto& name : certified)
        d.error("The certified " + name + " cannot change now",
                "The order of certificate " + req.prior.get_string("id").value_or("") +
                    " was submitted and is under review or issued; the CA certifies what was "
                    "submitted, and " +
                    name +
                    " was known only at apply, too late to plan a replacement. Revert it, or "
                    "replace the certificate (terraform apply -replace=ADDRESS) to buy a new one.",
                Path::root(name));
      return req.prior;
    }
    Value state = with_default_key_parameter(req.planned, req.config);
    for (const auto& name : kComputed)
      if (state.at(name).is_unknown()) state = state.with(name, req.prior.at(name));
    retag_unsubmitted_order(req.prior, state, req.ctx, d);
    // A changed submission is held by the state, not by the CA, until CertificateInfoSubmit
    // takes it (which erases the mark): a resubmission failing before then (transiently, say)
    // must not let the next plan call the configuration unchanged since the refused submission.
    // An unchanged one leaves the mark as it was, so that hint still holds.
    std::vector<std::string> submitted = kCertified;
    submitted.insert(submitted.end(), kPaperwork.begin(), kPaperwork.end());
    if (!changed_attributes(submitted, req.prior, state).empty())
      req.private_state.set(kRecordedKey, true);
    return submit(std::move(state), req.prior.get_string("id").value_or(""),
                  needs_resubmit(req.prior), &req.prior, req.private_state, req.ctx, d);
  }

  void remove(const framework::DeleteRequest& req, Diagnostics& d) override {
    const std::string id = req.prior.get_string("id").value_or("");
    api::Client& ssl = common::ssl_client(req.ctx);
    const auto options = common::call_options(req.ctx);
    const std::string mine = owner_in(req.private_state);
    const bool sent = submission_unconfirmed(req.private_state);
    // The order as read now when it is still this instance's to stop or cancel; nullopt when it
    // is gone, or another instance submitted it (submitted_elsewhere) or holds it (still_held),
    // with a warning saying so (`review_stopped`: this destroy already stopped its review).
    // Asked first, and again right before the cancel call.
    const auto recheck_before_cancel =
        [&](bool review_stopped) -> std::optional<api::PaidOrderState> {
      auto order = api::find_paid_order(ssl, id, options);
      if (!order || submitted_elsewhere(id, req.prior, *order, mine, sent,
                                        forgotten_order(req.private_state), d))
        return std::nullopt;
      if (!still_held(id, order, mine, req.ctx, d, review_stopped)) return std::nullopt;
      return order;
    };
    const auto found = recheck_before_cancel(false);
    if (!found) return;
    const std::int64_t status = found->status.value_or(-1);
    // Issued, expired, revoked (10) or refunded (14): no order left to cancel; deleted like any
    // certificate.
    if (status == 1 || status == 3 || status == 10 || status == 14) {
      delete_certificate_checked(ssl, id, req.ctx, d, {.polls = &delete_task_polls(req.ctx)});
      return;
    }
    if (const char* what = busy_status_fix(status)) {
      d.warning("Certificate " + id + " was left in the account",
                "It is in status " + std::to_string(status) + " (" + found->status_name +
                    "), which neither cancels nor deletes: " + what +
                    ". It is no longer managed by Terraform.");
      return;
    }
    // OrderId may be null for an order under review (seed 004): the state's order counts too,
    // and so does a submission the API answered as made (kAcknowledgedKey, expired or not: a
    // review cancel of an order not under review is refused, and that refusal is ignored).
    const bool submitted = !found->order_id.empty() || !req.prior.at("order_id").is_null() ||
                           (sent && found->shows_submission) ||
                           req.private_state.get(kAcknowledgedKey).has_value();
    bool review_stopped = false;
    if ((status == 0 || status == 4) && submitted) {
      // Under review: stop the review (CancelAuditCertificate), then cancel the order. (No
      // owner check first: this instance submitted it, as recheck_before_cancel above left an
      // order it did not, and only unsubmitted orders are adopted. One adopted before this
      // instance's submission is left by the recheck before the cancel call, whose warning says
      // the review was stopped.)
      try {
        api::cancel_certificate_audit(ssl, id, options);
        review_stopped = true;
      } catch (const api::ApiError& e) {
        if (api::audit_cancel_refused_multi_year(e)) {
          // Neither the review nor the order can be stopped: left to lapse, forgotten.
          d.warning("Certificate " + id + " was left in the account",
                    e.code() + ": " + e.message() +
                        "\nA multi-year certificate's review after its first year cannot be "
                        "stopped; it is no longer managed by Terraform. Leave its names "
                        "unvalidated if you do not need it: nothing is issued then.");
          return;
        }
        if (!api::audit_not_cancellable(e)) throw;
      }
    }
    if (status != 6) {
      // Read again right before the cancel call: another instance may adopt the order
      // meanwhile (a rename without a moved block runs its create beside this destroy).
      if (!recheck_before_cancel(review_stopped)) return;
      std::string refusal;  // why the cancel was refused, "" when it was accepted
      try {
        api::cancel_certificate_order(ssl, id, options);
      } catch (const api::ApiError& e) {
        if (api::certificate_gone(e)) return;
        if (!api::order_not_cancellable(e)) throw;
        refusal = e.code() + ": " + e.message();
      }
      if (adopted_during_cancel(id, mine, refusal, ssl, options, d)) return;
    }
    // Follows the cancellation to status 7; an order issued meanwhile is deleted.
    if (cancel_pending_order(ssl, id, req.ctx, d) != OrderCancellation::NotAnOrder) return;
    const auto now = api::find_paid_order(ssl, id, options);
    if (!now || now->status == 7) return;
    if (now->status == 1) {
      delete_certificate_checked(ssl, id, req.ctx, d, {.polls = &delete_task_polls(req.ctx)});
      return;
    }
    const std::int64_t left = now->status.value_or(-1);
    d.warning("Certificate " + id + " was left in the account",
              "Its order could not be cancelled in status " + std::to_string(left) + " (" +
                  now->status_name + "); it is no longer managed by Terraform. " +
                  (left == 8 ? "Cancel the order in the console, or upload its confirmation "
                               "letter there to continue it."
                             : "Cancel or delete it in the console."));
  }

 private:
  // This instance never submitted its order (no order_id in its state), yet the API shows a
  // submission (an OrderId, a review message or validation records): another instance adopted
  // and submitted it (a create_before_destroy replacement), whatever a lagging view of its
  // tags still lists (seed 004, DescribeCertificate: Tags may lag). Left to it, with a warning.
  // Unless this instance's own submission may have landed unconfirmed (`sent`) and no other
  // instance's owner tag is listed: then the submission is this instance's (still_held then
  // checks the owner tag as for any order). When the mark stems from an order_id a refresh
  // forgot (`forgotten`, kForgottenKey), only that order is this instance's.
  static bool submitted_elsewhere(const std::string& id, const Value& prior,
                                  const api::PaidOrderState& order, const std::string& mine,
                                  bool sent, const std::string& forgotten, Diagnostics& d) {
    if (!prior.at("order_id").is_null() || (order.order_id.empty() && !order.shows_submission))
      return false;
    const bool other_order =
        !forgotten.empty() && !order.order_id.empty() && order.order_id != forgotten;
    if (const auto owner = tag_value(order.tags, kOwnerTag);
        sent && !other_order && (!owner || mine.empty() || *owner == mine))
      return false;
    d.warning(
        "Certificate " + id + " was left to the instance that submitted it",
        (other_order
             ? "The API shows order " + order.order_id + ", not " + forgotten +
                   ", the one this instance submitted (a refresh forgot it while the API's "
                   "view lagged)"
             : "This instance never submitted its order, but the API shows it submitted" +
                   (order.order_id.empty() ? std::string() : " (OrderId " + order.order_id + ")")) +
            ": another instance of cloudssl_paid_certificate adopted and submitted it (the "
            "one replacing this one with create_before_destroy, or the same purchase "
            "configured elsewhere), so it is forgotten, not cancelled. If no configuration "
            "holds it (terraform state list -id=" +
            id +
            " in each workspace lists nothing), for example when this configuration's own "
            "submission was lost and it was destroyed with -refresh=false, cancel it in "
            "the console.");
    return true;
  }

  // Whether `order` (as just read) is still this instance's to cancel. Not when it is gone, or
  // another instance adopted it (a create_before_destroy replacement, or a configuration whose
  // state was lost): it is that instance's now (warning). Not either when this instance tagged
  // it and no owner tag is listed after one more read (Tags may lag behind the Tag API or
  // answer null, seed 004, DescribeCertificate; or the tags were removed): whose it is cannot
  // be told, and cancelling could cancel an adopter's (warning). Without a nonce of its own
  // (bought before owners were recorded) an order without an owner tag is this instance's.
  // `review_stopped`: this destroy already stopped its review, which the warning says.
  static bool still_held(const std::string& id, std::optional<api::PaidOrderState>& order,
                         const std::string& mine, const framework::Context& ctx, Diagnostics& d,
                         bool review_stopped = false) {
    const std::string stopped =
        review_stopped ? " This destroy had already stopped its review (CancelAuditCertificate): "
                         "resubmit it from the configuration that holds it (its next apply does) "
                         "or in the console."
                       : "";
    if (order && !mine.empty() && !tag_value(order->tags, kOwnerTag))
      order = api::find_paid_order(common::ssl_client(ctx), id, common::call_options(ctx));
    if (!order) return false;
    if (!mine.empty() && !tag_value(order->tags, kOwnerTag)) {
      d.warning("Certificate " + id + " was left in the account",
                "Its order carries no " + std::string(kOwnerTag) +
                    " tag (the API lists none, or its tags were removed), so Terraform cannot "
                    "tell whether another instance of cloudssl_paid_certificate took it over; it "
                    "is forgotten, not cancelled. If no configuration holds it, cancel it in the "
                    "console." +
                    stopped);
      return false;
    }
    return !left_to_its_owner(id, *order, mine, d, stopped);
  }

  // The cancel call and another instance's adoption can cross (no compare-and-swap: the read
  // before the cancel showed this instance's tag, then the other create tagged the order, then
  // the cancel landed). Whether that create adopted it (its read-back saw its own tag first) or
  // saw the cancellation and bought its own cannot be told here: read once more and say what
  // to do in each case, naming both values. A failed read does not fail the destroy: it is
  // logged, and the destroy goes on following the cancellation; a crossing adoption is then
  // reported only by that instance's next plan (status 7). When the cancel was refused
  // (`refusal`, the API's code and message), nothing was cancelled: an order another instance
  // tagged meanwhile is that instance's, and is forgotten here (true: the destroy ends).
  static bool adopted_during_cancel(const std::string& id, const std::string& mine,
                                    const std::string& refusal, api::Client& ssl,
                                    const api::CallOptions& options, Diagnostics& d) {
    if (mine.empty()) return false;
    std::optional<api::PaidOrderState> after;
    try {
      after = api::find_paid_order(ssl, id, options);
    } catch (const api::ApiError& e) {
      log::warn(refusal.empty()
                    ? "paid certificate: its order was cancelled, but the read after the cancel "
                      "failed, so an adoption crossing the cancel is not checked; the destroy "
                      "goes on"
                    : "paid certificate: the cancel of its order was refused, and the read after "
                      "it failed, so an adoption meanwhile is not checked; the destroy goes on",
                {{"certificate_id", id},
                 {"action", e.action()},
                 {"error_code", e.code()},
                 {"request_id", e.request_id()}});
      return false;
    }
    const auto owner = after ? tag_value(after->tags, kOwnerTag) : std::nullopt;
    if (!owner || *owner == mine) return false;
    if (!refusal.empty()) {
      d.warning("Certificate " + id + " was adopted by another instance during this destroy",
                refusal +
                    "\nThe cancel of its order was refused, so nothing was cancelled. Its "
                    "order now carries " +
                    owner_text(owner) + "; this instance's was " + mine +
                    ". Another instance of cloudssl_paid_certificate (a create beside this "
                    "destroy, as a rename without a moved block runs, or another workspace) "
                    "tagged it as its own meanwhile: it is that instance's now, and is forgotten "
                    "here, not cancelled. If no configuration holds it, cancel it in the "
                    "console.");
      return true;
    }
    d.warning("Certificate " + id + " was adopted by another instance while it was cancelled",
              "Its order now carries " + owner_text(owner) + "; this instance's was " + mine +
                  ". Another instance of cloudssl_paid_certificate (a create beside this destroy, "
                  "as a rename without a moved block runs, or another workspace) tagged it as "
                  "its own just as this destroy cancelled it. If that apply said \"Adopted the "
                  "earlier purchase " +
                  id +
                  "\", that instance holds a cancelled order (its next plan reports status 7): "
                  "replace that resource (terraform apply -replace=ADDRESS) to buy a new "
                  "certificate for it. If it said \"Did not adopt the earlier purchase " +
                  id + "\", it saw the cancellation and bought its own: nothing to do.");
    return false;
  }

  // An order not submitted yet is found again by its tags (a lost state): when they do not
  // describe the configuration any more (it was edited, or the order was bought before the
  // inputs tag existed), they follow it, so the next create still finds this order instead of
  // buying. The purchase is confirmed (it is in state), so a coarse tag left by a create that
  // could not replace it becomes kHeldTag; it is never added. Compared with the order's own tags,
  // so a failed attempt is retried by the next apply (which submits the unsubmitted order again).
  static void retag_unsubmitted_order(const Value& prior, const Value& planned,
                                      const framework::Context& ctx, Diagnostics& d) {
    if (!awaits_information(submission_signs(prior))) return;
    const std::string id = prior.get_string("id").value_or("");
    try {
      const auto order =
          api::find_paid_order(common::ssl_client(ctx), id, common::call_options(ctx));
      if (!order) return;  // gone: the submission says so
      std::vector<api::Tag> missing;
      auto wanted = identity_tags(planned);
      wanted.push_back(api::Tag{kHeldTag, purchase_token(planned)});
      for (auto& t : wanted)
        if (tag_value(order->tags, t.key) != std::optional(t.value))
          missing.push_back(std::move(t));
      std::vector<std::string> stale;
      if (tag_value(order->tags, kPurchaseTag)) stale.push_back(kPurchaseTag);
      put_order_tags(id, missing, stale, ctx);  // nothing to change: no call
    } catch (const api::ApiError& e) {
      d.warning("The tags of certificate " + id + " could not follow the configuration",
                e.code() + ": " + e.message() + "\nIts tags " + kOrderTag + " and " + kInputsTag +
                    " may still describe the configuration it was bought with: should this "
                    "resource's state be lost before the order is submitted, the next create "
                    "would not find it; a " +
                    kPurchaseTag + " tag still on it (not yet replaced by " + kHeldTag +
                    ") refuses another configuration buying the same product and name "
                    "meanwhile. The next apply tries again.");
    }
  }

  // Information, then order (after ModifyCertificateResubmit when `resubmit`), then the API's
  // view. Once bought, a failure of a create (`creating`) is a warning: the certificate stays
  // in state (an error would taint it, and a tainted certificate is replaced, that is bought
  // again) and the next apply continues the same order.
  // `prior` is the update's prior state, null for a create.
  Value submit(Value state, const std::string& id, bool resubmit, const Value* prior,
               framework::PrivateState& private_state, const framework::Context& ctx,
               Diagnostics& d) {
    const bool creating = prior == nullptr;
    api::Client& ssl = common::ssl_client(ctx);
    const auto options = common::call_options(ctx);
    // An earlier CertificateOrderSubmit may have landed (see kAcknowledgedKey). Never for a
    // create: its private state starts empty.
    const bool unconfirmed_before = submission_unconfirmed(private_state);
    bool information_taken = false;  // CertificateInfoSubmit accepted in this apply
    // A CertificateOrderSubmit after a lost one lost its answer too (see below).
    bool order_may_have_landed = false;
    // The status each step leaves is kept in state, so that a failed read-back (with_api_view)
    // leaves the last one known, never none: a null status would take an order awaiting its
    // information for submitted (awaits_information), and a failed review's status after its
    // resubmission would plan another one. A create's order was just bought.
    if (!state.at("status").is_known()) state = state.with("status", awaiting_status(state));
    // No order placed, or not known to be (`outcome`, `why`): an error where it taints nothing
    // (an update); a create's would replace the order, that is buy again, so a warning there.
    const auto not_submitted = [&](Value s, const api::ApiError& refusal, const char* why,
                                   const char* outcome = " was not submitted") {
      const std::string summary = "The order of certificate " + id + outcome;
      const std::string detail = refusal.code() + ": " + refusal.message() + "\n" + why +
                                 " Applying again retries the submission of the same order; "
                                 "nothing is bought.";
      if (creating)
        d.warning(summary, detail, Path::root("order_id"));
      else
        d.error(summary, detail, Path::root("order_id"));
      return with_api_view(s.with("order_id", Value::null(Type::string())), ssl, id, options, d);
    };
    try {
      if (resubmit) {
        try {
          api::resubmit_certificate(ssl, id, options);
          state = state.with("status", awaiting_status(state));  // reopened
        } catch (const api::ApiError& e) {
          if (!api::resubmit_refused(e)) throw;
          // Cancelled for good: no apply can submit it again, so an error, not a warning.
          d.error("Certificate " + id + " cannot be resubmitted",
                  e.code() + ": " + e.message() +
                      "\nIts order was cancelled (outside Terraform), or its status takes no "
                      "resubmission: nothing was submitted. Replace it to buy a new certificate "
                      "(terraform apply -replace=ADDRESS), or remove it from the configuration "
                      "(destroying a cancelled order only forgets it).",
                  Path::root("product_id"));
          return with_api_view(state.with("order_id", Value::null(Type::string())), ssl, id,
                               options, d);
        }
      }
      std::string order_id;
      try {
        api::submit_certificate_info(ssl, id, info_of(state), options);
        information_taken = true;
        private_state.erase(kRecordedKey);
        // Only CertificateOrderSubmit places an order: from here on one may land unconfirmed
        // (a lost answer, an interruption, a server error, or a refusal answering the client's
        // retry of an attempt that landed). Kept, in the state Terraform saves even after an
        // interrupted apply, until the order is confirmed: see kSubmissionKey. (A failure
        // before leaves the mark as an earlier submission left it.)
        private_state.set(kSubmissionKey, true);
        private_state.erase(kForgottenKey);  // any OrderId may be this instance's now
        const api::SubmittedOrder submitted = api::submit_certificate_order(
            ssl, id, state.get_string("verify_type").value_or("DNS"), options);
        order_id = submitted.order_id;
        state = state.with("status", Value::number(submitted.status));
      } catch (const api::ApiError& e) {
        // An earlier attempt whose answer was lost may have submitted the order: it continues.
        const bool processing = api::order_already_submitted(e);
        if (!processing && !api::submission_refused_status(e)) throw;
        const auto order = api::find_paid_order(ssl, id, options);
        // Only an order under way proves the refusal answers a submission: under review (0),
        // validating (4) or waiting for its letter (8), or, its OrderId not listed yet, the
        // view lagging (0, 5). Otherwise (a failed review, 2; cancelled, 6/7; issued; ...) it
        // was refused for that status, which the warning below and the next plan's say.
        const auto status = order ? order->status : std::nullopt;
        const bool under_way = status && (*status == 0 || *status == 4 || *status == 8 ||
                                          (*status == 5 && order->order_id.empty()));
        if (!under_way) throw;
        if (order->status) state = state.with("status", Value::number(*order->status));
        if (order->order_id.empty() && !processing && information_taken) {
          // CertificateOrderSubmit refused the order the information was just taken for: the
          // CA is not done with the information, no order was placed.
          return not_submitted(std::move(state), e,
                               "CertificateInfoSubmit took the information, then "
                               "CertificateOrderSubmit was refused: the certificate's status "
                               "takes no order yet (the CA is not done with the information), "
                               "and the API lists no OrderId.");
        }
        // CertificateInfoSubmitStatusInvalid alone proves no submission (see kAcknowledgedKey).
        if (order->order_id.empty() && !processing && !unconfirmed_before) throw;
        std::optional<api::ApiError> answer;  // the refusal that says the order is submitted
        bool placed_now = false;  // placed by this apply's CertificateOrderSubmit (below)
        if (order->order_id.empty() && processing) answer = e;
        if (order->order_id.empty() && !processing) {
          // CertificateInfoSubmit refused for the status while an earlier CertificateOrderSubmit
          // may have landed: the refusal alone does not say which (the CA may just not be done
          // with the information the earlier attempt sent).
          if (!awaits_information(submission_signs(*order))) {
            // The view shows the order submitted (validating, 4; waiting for its letter, 8;
            // records or a review message): only its OrderId is not listed yet.
            answer = e;
          } else if (const auto certified =
                         prior ? certified_changes(*prior, state) : std::vector<std::string>{};
                     !certified.empty()) {
            // CertificateOrderSubmit now would place the order for the names and key the
            // earlier attempt sent, and this apply's could then come only by a replacement,
            // that is another purchase: no order is sent until the CA takes the information.
            state = keep_unsent(std::move(state), prior, private_state, id,
                                e.code() + ": " + e.message() +
                                    "\nThe CA is not done with the information an earlier "
                                    "submission sent, and took none of this apply's. The order "
                                    "was not submitted, so that it is not placed for the earlier "
                                    "names; nothing is bought. Apply again later: the next apply "
                                    "submits this configuration once the CA takes it. If it "
                                    "keeps being refused, revert " +
                                    comma_list(certified) +
                                    " to submit the order with the earlier names (then replace "
                                    "it for the new ones), or replace the certificate now "
                                    "(terraform apply -replace=ADDRESS), which cancels this order "
                                    "and buys a new one, charged to the account.",
                                d);
            return with_api_view(state.with("order_id", Value::null(Type::string())), ssl, id,
                                 options, d);
          } else {
            // CertificateOrderSubmit decides: it places an order the earlier attempt did not,
            // or answers a placed one with CertificateOrderSubmitProcessing. Sent once (never
            // again after an attempt that may have landed), so that a refusal answers the one
            // attempt sent, which then placed nothing: the order a refresh forgot stays the
            // only one this instance claims (kForgottenKey; an owner tag may lag, so only that
            // keeps the destroy off an order another instance submitted meanwhile).
            api::CallOptions once = options;
            once.send_once = true;
            // The client asks find_landed exactly when an attempt may have been processed (its
            // answer lost); there is nothing to look up (the view lags), so it finds nothing.
            once.find_landed = [&order_may_have_landed]() -> std::optional<nlohmann::json> {
              order_may_have_landed = true;
              return std::nullopt;
            };
            try {
              // It completes the earlier submission: its verify_type (see keep_unsent).
              const api::SubmittedOrder submitted = api::submit_certificate_order(
                  ssl, id, (prior ? *prior : state).get_string("verify_type").value_or("DNS"),
                  once);
              order_id = submitted.order_id;
              placed_now = true;
              state = state.with("status", Value::number(submitted.status));
            } catch (const api::ApiError& again) {
              if (api::order_already_submitted(again)) {
                answer = again;
              } else if (api::submission_refused_status(again)) {
                // Refused for the status, not as made already: the CA may not be done with the
                // information, or the earlier attempt placed the order and the API refuses a
                // second one this way (seed 004 does not say which code a placed order gets).
                // Undecided: the marks stay (the destroy still takes the order for this
                // instance's), the state keeps what the earlier attempt sent, and the next
                // apply asks again.
                state = keep_unsent(std::move(state), prior, private_state, id,
                                    "CertificateInfoSubmit and CertificateOrderSubmit were "
                                    "both refused for the certificate's status.",
                                    d);
                return not_submitted(
                    std::move(state), again,
                    "CertificateInfoSubmit and CertificateOrderSubmit were both refused for the "
                    "certificate's status, and the API lists no OrderId: either the CA is not "
                    "done with the information an earlier submission sent, or that submission "
                    "placed the order and the API does not list it yet. A refresh fills in "
                    "order_id once the API lists the order; until then the next apply asks "
                    "again.",
                    " may not be submitted");
              } else {
                // Landed perhaps (its answer lost): any OrderId may be this instance's now. Any
                // other answer placed nothing; an interruption (Cancelled) cannot tell, and the
                // order a refresh forgot stays the only one claimed: a destroy leaves an order it
                // cannot tell for its own rather than cancel another instance's.
                if (order_may_have_landed) private_state.erase(kForgottenKey);
                throw;
              }
            }
          }
        }
        if (answer) {
          // Submitted, the view lagging behind it: not submitted again (kAcknowledgedKey).
          // kSubmissionKey stays as the CertificateOrderSubmit that placed it left it: one sent
          // by this instance set it; a refusal of CertificateInfoSubmit sends no order, and
          // marking one here would make the destroy take another instance's order for this
          // one's.
          private_state.set(kAcknowledgedKey, seconds_since_epoch());
          // What the CA holds is what that submission sent: this apply's information when
          // CertificateInfoSubmit took it, otherwise the earlier one's (see keep_unsent).
          if (information_taken) private_state.erase(kRecordedKey);
          d.warning("The order of certificate " + id +
                        " is submitted; the API does not list its OrderId yet",
                    answer->code() + ": " + answer->message() +
                        (awaits_information(submission_signs(*order))
                             ? "\nThe API answered that the order was submitted already (an "
                               "earlier attempt whose answer was lost placed it), but "
                               "DescribeCertificate does not list its OrderId yet."
                             : "\nDescribeCertificate shows the order submitted (an earlier "
                               "attempt whose answer was lost placed it), but does not list its "
                               "OrderId yet.") +
                        std::string(" It is not submitted again: a refresh fills in order_id "
                                    "once the API lists it."),
                    Path::root("order_id"));
          if (!information_taken)
            state = keep_unsent(std::move(state), prior, private_state, id, kSubmittedEarlier, d);
          return with_api_view(state.with("order_id", Value::null(Type::string())), ssl, id,
                               options, d);
        }
        if (order_id.empty()) order_id = order->order_id;
        if (!information_taken)
          state = keep_unsent(std::move(state), prior, private_state, id,
                              placed_now ? "CertificateOrderSubmit placed the order with the "
                                           "information an earlier submission sent, which the "
                                           "CA reviews."
                                         : kSubmittedEarlier,
                              d);
      }
      state = state.with("order_id", Value::string(order_id));
      private_state.erase(kSubmissionKey);
      private_state.erase(kAcknowledgedKey);
      private_state.erase(kForgottenKey);
    } catch (const api::ApiError& e) {
      if (order_may_have_landed)
        d.warning("The order of certificate " + id + " may have been submitted",
                  e.code() + ": " + e.message() +
                      "\nCertificateOrderSubmit's answer was lost, and it is not sent again in "
                      "this apply. Apply again: the next apply asks the API (a second submission "
                      "of a placed order is refused; nothing is bought).",
                  Path::root("order_id"));
      else
        d.warning("Certificate " + id + " is bought but its order is not submitted",
                  e.code() + ": " + e.message() +
                      "\nFix the configuration if the API refused it and apply again: the same "
                      "order continues, nothing is bought again.");
      // An earlier CertificateOrderSubmit may have placed the order with what it sent.
      if (unconfirmed_before && !information_taken)
        state = keep_unsent(std::move(state), prior, private_state, id,
                            e.code() + ": " + e.message() +
                                "\nThe submission failed before the CA took this apply's "
                                "information, and an earlier submission may have placed the "
                                "order with its own.",
                            d);
      state = state.with("order_id", Value::null(Type::string()));
    }
    return with_api_view(std::move(state), ssl, id, options, d);
  }

  // keep_unsent's reason when the API takes the order for submitted by an earlier attempt.
  static constexpr const char* kSubmittedEarlier =
      "The API answered the order as submitted by an earlier attempt, whose information the CA "
      "reviews.";

  // CertificateInfoSubmit took nothing in this apply while the CA may review what an earlier
  // submission sent (`why`): the order counts as submitted, or may. `state` keeps the prior's
  // certified and paperwork values, so that the next plan shows the change, and is marked as
  // holding what was not submitted (kRecordedKey). Terraform takes a state other than the
  // planned one only with an error (tfplugin6.md §3.4), which an update can give: it taints
  // nothing. A create has no earlier submission.
  Value keep_unsent(Value state, const Value* prior, framework::PrivateState& private_state,
                    const std::string& id, const std::string& why, Diagnostics& d) {
    if (!prior) return state;
    // What the CA would take for another submission: the certified names and key as it reads
    // them (certified_changes: other_names as a set, the key only where csr_type uses it).
    std::vector<std::string> unsent = certified_changes(*prior, state);
    for (const auto& name : changed_attributes(kPaperwork, *prior, state)) unsent.push_back(name);
    if (unsent.empty()) return state;  // the mark stays as it was: nothing new is unsent
    private_state.set(kRecordedKey, true);
    for (const auto& name : unsent) state = state.with(name, prior->at(name));
    d.error("The changes to certificate " + id + " were not submitted",
            "This apply's " + comma_list(unsent) + " were not sent. " + why +
                "\nThe state keeps what the CA holds, so the next plan shows the change again. "
                "An order not submitted yet takes it with its next submission. Once the order "
                "is submitted, a changed common_name, other_names or key plans a replacement, "
                "which cancels this order and buys a new certificate, charged to the account "
                "(revert them to keep this order), and the other attributes are recorded for "
                "the next submission.",
            Path::root(unsent.front()));
    return state;
  }

  // `state` with the API's view of certificate `id`; when it cannot be read, the state as it
  // is (unknown values null) and a warning.
  Value with_api_view(Value state, api::Client& ssl, const std::string& id,
                      const api::CallOptions& options, Diagnostics& d) {
    const Value planned_records = state.at("dv_auths");
    try {
      return keep_planned_record_count(
          paid_state_with(state, api::describe_certificate(ssl, id, options)), planned_records, id,
          d);
    } catch (const api::ApiError& e) {
      d.warning("Certificate " + id + " could not be read back",
                e.code() + ": " + e.message() + "\nThe next refresh reads it.");
      return state.transform(
          [](const Path&, const Value& v) { return v.is_unknown() ? Value::null(v.type()) : v; });
    }
  }

  framework::Schema schema_;
};

}  // namespace

std::shared_ptr<framework::Resource> make_paid_certificate_resource() {
  return std::make_shared<PaidCertificateResource>();
}

}  // namespace cloudssl::certificates
