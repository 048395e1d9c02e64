// cloudssl_paid_certificate through the real terraform CLI against cloudssl-sim: the plan shows
// what is bought; buying (tagged with the purchase), submitting and ordering give the
// validation records; cloudssl_certificate_validation waits for issuance; destroy deletes an
// issued certificate and stops the review and cancels the order of one under review; a purchase
// whose answer is lost (or answered "internal error" after it bought) is found, not bought
// again, and one that cannot be found fails saying so and is continued by the next apply; an
// order an earlier apply left unsubmitted (status 0, or 5 for OV/EV) is adopted; a refused
// submission continues the same order on the next apply; an order
// submission whose answer is lost is taken, not an error; benefit points pay through
// CreateCertificateByPackage (spent once, also when its answer is lost; packages that cannot pay
// are an error on package_ids); a failed review is resubmitted on the next apply; bad input is
// refused at plan on its attribute; a create_before_destroy replacement that adopts the order
// keeps it alive; a configuration edited after an unconfirmed purchase does not buy again; an
// apply interrupted during the purchase says it may have bought; validation records are
// matched to their names by domain.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "tests/acceptance/simulator_test.h"

namespace {

constexpr const char* kPaid = "cloudssl_paid_certificate.p";
constexpr const char* kWait = "cloudssl_certificate_validation.v";

std::string paid(const std::string& body) {
  return "resource \"cloudssl_paid_certificate\" \"p\" {\n" + body + "}\n";
}

const std::string kMulti = paid(
    "  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
    "  other_names = [\"api.example.com\"]\n  company_id = 122\n  manager_id = 36383\n");

const std::string kWaitConfig =
    "resource \"cloudssl_certificate_validation\" \"v\" {\n"
    "  certificate_id = cloudssl_paid_certificate.p.id\n"
    "  timeouts {\n    create = \"2m\"\n  }\n}\n";

// A step after the state of kPaid was lost (`terraform state rm`, as when an apply is
// interrupted before saving it): the plan creates it again, and the create looks for the
// order by its tag instead of buying.
acc::Step after_lost_state(std::string config, acc::StateCheck check,
                           bool expect_non_empty_plan = false) {
  return acc::Step{.config = std::move(config),
                   .pre_step =
                       [](const acc::StepContext& ctx) {
                         ASSERT_TRUE(ctx.workspace().terraform({"state", "rm", kPaid}).ok());
                       },
                   .expect_non_empty_plan = expect_non_empty_plan,
                   .plan_check = acc::expect_actions(kPaid, {"create"}),
                   .check = std::move(check)};
}

// The diagnostic of `severity` whose summary contains `summary` in `r` (a -json command's
// output), or nullptr.
const acc::Diagnostic* diagnostic(const acc::CommandResult& r, const std::string& severity,
                                  const std::string& summary) {
  for (const auto& d : r.diagnostics)
    if (d.severity == severity && d.summary.find(summary) != std::string::npos) return &d;
  return nullptr;
}

// A first step applying `config` that records the certificate's id in `id` for the later
// steps (its submission refused, the plan after it is not empty: expect_non_empty_plan).
acc::Step records_id(std::string config, std::string& id, bool expect_non_empty_plan = false) {
  return acc::Step{.config = std::move(config),
                   .expect_non_empty_plan = expect_non_empty_plan,
                   .check = [&id](const acc::State& s) {
                     id = s.text(kPaid, "id").value_or("");
                     ASSERT_FALSE(id.empty());
                   }};
}

// What every test starts from: a simulator whose account has company 122 and its manager
// 36383, and a test case with the provider pointed at it.
class PaidCertificate : public ::testing::Test {
 protected:
  PaidCertificate() {
    certs::seed_company(sim);
    tc.providers = {acc::cloudssl_provider()};
    tc.env = certs::simulator_env(sim.endpoint());
  }
  void faults(json rules) { sim.admin("POST", "/faults", {{"rules", std::move(rules)}}); }
  // Validated orders are issued on the first read (the default holds them one more).
  void issue_at_once() { sim.admin("POST", "/tasks/config", {{"issue_polls", 0}}); }
  // The paid certificates in the simulator's account.
  int paid_certificates() { return static_cast<int>(paid_ids().size()); }
  std::vector<std::string> paid_ids() {
    std::vector<std::string> ids;
    const json state = sim.admin("GET", "/state");  // alive through the loop
    for (const auto& c : state.at("certificates"))
      if (c.value("is_paid", false)) ids.push_back(c.value("id", ""));
    return ids;
  }
  // The tags of certificate `id`, key to value.
  std::map<std::string, std::string> tags(const std::string& id) {
    std::map<std::string, std::string> out;
    const json cert = sim.admin("GET", "/certificates/" + id);
    for (const auto& t : cert.at("tags")) out[t.value("key", "")] = t.value("value", "");
    return out;
  }
  // `tags` as a certificate patch's Tags (POST /_sim/certificates/<id>, or a fault rule's
  // certificate_patches).
  static json tags_patch(const std::map<std::string, std::string>& tags) {
    json out = json::array();
    for (const auto& [key, value] : tags) out.push_back({{"TagKey", key}, {"TagValue", value}});
    return {{"Tags", out}};
  }
  // A folder of its own (another workspace) applying `config`; `env` adds to the simulator's.
  std::unique_ptr<acc::Workspace> workspace(const std::string& config,
                                            const std::map<std::string, std::string>& env = {}) {
    auto provider_env = certs::simulator_env(sim.endpoint());
    provider_env.insert(env.begin(), env.end());
    auto ws = std::make_unique<acc::Workspace>(std::vector{acc::cloudssl_provider()},
                                               acc::Installation::DevOverrides, provider_env);
    ws->write_providers_tf();
    ws->write("main.tf", config);
    return ws;
  }
  // The paid certificate an apply in `ws` bought ("" when none or several).
  std::string bought(const acc::Workspace& ws) {
    const auto before = paid_ids();
    const acc::CommandResult r = ws.terraform({"apply", "-auto-approve", "-json"});
    EXPECT_TRUE(r.ok()) << r.text();
    auto ids = paid_ids();
    std::erase_if(ids, [&](const std::string& id) {
      return std::find(before.begin(), before.end(), id) != before.end();
    });
    return ids.size() == 1 ? ids.front() : std::string();
  }
  // An order `ws` (configured with kUnknownManager) bought, its submission refused, then its
  // state lost (`terraform state rm`); `ws` is configured with kMulti, whose create finds the
  // order by its tag.
  std::string order_with_lost_state(const acc::Workspace& ws) {
    const std::string id = bought(ws);
    EXPECT_TRUE(ws.terraform({"state", "rm", kPaid}).ok());
    ws.write("main.tf", kMulti);
    return id;
  }
  // An apply of kMulti in `ws` (its order `id` bought with kUnknownManager, its submission
  // refused) whose CertificateOrderSubmit lands with its answer lost, the API then showing `id`
  // patched with `view`; `retry` (a fault rule's code and message), when given, answers the
  // client's retry of it.
  acc::CommandResult apply_with_submission_answer_lost(const acc::Workspace& ws,
                                                       const std::string& id, json view,
                                                       json retry = nullptr) {
    json rules = {{{"action", "CertificateOrderSubmit"},
                   {"drop_reply", true},
                   {"count", 1},
                   {"certificate_patches", json::object({{id, std::move(view)}})}}};
    if (!retry.is_null()) {
      retry.update({{"action", "CertificateOrderSubmit"}, {"skip", 1}, {"count", 1}});
      rules.push_back(std::move(retry));
    }
    faults(std::move(rules));
    ws.write("main.tf", kMulti);
    return ws.terraform({"apply", "-auto-approve", "-json"});
  }
  // A destroy of `ws` (`options` added) cancels order `id` (once; status 7) and leaves nothing
  // with a warning.
  void destroy_cancels(const acc::Workspace& ws, const std::string& id,
                       const std::vector<std::string>& options = {}) {
    std::vector<std::string> args = {"destroy", "-auto-approve", "-json"};
    args.insert(args.end(), options.begin(), options.end());
    const acc::CommandResult r = ws.terraform(args);
    ASSERT_TRUE(r.ok()) << r.text();
    EXPECT_FALSE(diagnostic(r, "warning", "was left")) << r.text();
    EXPECT_EQ(sim.calls("CancelCertificateOrder"), 1);
    EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 7);
  }

  // The API calls of `action` the provider logged in the last command `ws` ran (its trace log:
  // one "API call: action=… outcome=…" line per call, whether or not it reached the API).
  static int logged_calls(const acc::Workspace& ws, const std::string& action) {
    std::ifstream in(last_provider_log(ws));
    int calls = 0;
    for (std::string line; std::getline(in, line);)
      if (line.find("API call: ") != std::string::npos &&
          line.find(" outcome=") != std::string::npos &&
          line.find("action=" + action + " ") != std::string::npos)
        ++calls;
    return calls;
  }

  // The first line of the provider's log of the last command `ws` ran that contains `text`,
  // "" when none does.
  static std::string logged_line(const acc::Workspace& ws, const std::string& text) {
    std::ifstream in(last_provider_log(ws));
    for (std::string line; std::getline(in, line);)
      if (line.find(text) != std::string::npos) return line;
    return "";
  }
  static std::filesystem::path last_provider_log(const acc::Workspace& ws) {
    std::vector<std::filesystem::path> logs;
    for (const auto& f : std::filesystem::directory_iterator(ws.dir() / "logs"))
      if (f.path().string().ends_with(".provider.log")) logs.push_back(f.path());
    return logs.empty() ? std::filesystem::path() : *std::max_element(logs.begin(), logs.end());
  }

  SimulatorProcess sim{{.args = {"--quiet"}}};
  acc::TestCase tc;
};

}  // namespace

TEST_F(PaidCertificate, BuySubmitValidateIssueAndDelete) {
  CLOUDSSL_REQUIRE_PROVIDER();
  issue_at_once();
  std::string id;
  tc.steps = {
      {.config = kMulti,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"create"}),
            acc::expect_known(kPaid, "product_name", "WoTrus DV multi-domain"),
            acc::expect_known(kPaid, "domain_num", 2), acc::expect_known(kPaid, "time_span", 1)}),
       .check =
           [&](const acc::State& s) {
             id = s.text(kPaid, "id").value_or("");
             ASSERT_FALSE(id.empty());
             EXPECT_EQ(s.text(kPaid, "status"), "0");
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             const json* records = s.attribute(kPaid, "dv_auths");
             ASSERT_TRUE(records && records->size() == 2u) << (records ? records->dump() : "");
             EXPECT_EQ(sim.calls("CreateCertificate"), 1);
             // The purchase keeps the tags that find it after a lost state; the coarse
             // cloudssl-purchase, which blocks only while a purchase is unconfirmed, became
             // the non-blocking cloudssl-purchase-held.
             const json cert = sim.admin("GET", "/certificates/" + id);
             std::set<std::string> keys;
             for (const auto& t : cert.at("tags")) keys.insert(t.value("key", ""));
             EXPECT_EQ(keys, (std::set<std::string>{"cloudssl-order", "cloudssl-inputs",
                                                    "cloudssl-owner", "cloudssl-purchase-held"}))
                 << cert.dump();
             EXPECT_EQ(cert.at("paid").value("order_id", ""), s.text(kPaid, "order_id"));
           }},
      {.config = kMulti + kWaitConfig,
       .pre_step =
           [&](const acc::StepContext&) { sim.admin("POST", "/certificates/" + id + "/validate"); },
       .check = acc::all({acc::attr_equals(kWait, "status", "1")})},
      // Issued: another manager (say, from data cloudssl_managers) is recorded, not submitted.
      {.config = paid("  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
                      "  other_names = [\"api.example.com\"]\n  company_id = 122\n"
                      "  manager_id = 4242\n") +
                 kWaitConfig,
       .plan_check = acc::expect_actions(kPaid, {"update"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(s.text(kPaid, "manager_id"), "4242");
             EXPECT_EQ(s.text(kPaid, "id"), id);
             EXPECT_EQ(sim.calls("CertificateInfoSubmit"), 1);
             EXPECT_EQ(sim.calls("CreateCertificate"), 1);
           }},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_THROW(sim.admin("GET", "/certificates/" + id), std::runtime_error);  // deleted
  };
  acc::run(tc);
}

// dv_auths is planned with one record per name, each record's domain known: a for_each keyed
// by domain (a DNS record per name) works in the first apply.
TEST_F(PaidCertificate, RecordsCanBeKeyedByDomainInTheFirstApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const std::string records =
      "resource \"terraform_data\" \"record\" {\n"
      "  for_each = { for r in cloudssl_paid_certificate.p.dv_auths : r.domain => r.value }\n"
      "  input    = each.value\n}\n";
  tc.steps = {{.config = kMulti + records, .check = [&](const acc::State& s) {
                 const json* auths = s.attribute(kPaid, "dv_auths");
                 ASSERT_TRUE(auths && auths->size() == 2u) << (auths ? auths->dump() : "");
                 EXPECT_EQ((*auths)[0].value("domain", ""), "www.example.com");
                 EXPECT_EQ((*auths)[1].value("domain", ""), "api.example.com");
                 EXPECT_TRUE((*auths)[1].at("value").is_string() &&
                             !(*auths)[1].at("value").get<std::string>().empty())
                     << (*auths)[1].dump();
                 EXPECT_TRUE(s.attribute("terraform_data.record[\"api.example.com\"]", "input"));
               }}};
  acc::run(tc);
}

// The API labels each validation record with its domain (a wildcard name's with its base
// domain) and need not list them in the order of the names: dv_auths follows the labels, in
// the order of the names as planned (here the simulator lists them last name first).
TEST_F(PaidCertificate, ValidationRecordsAreMatchedToTheirNamesByDomain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  sim.admin("POST", "/tasks/config", {{"reverse_dv_auths", true}});
  tc.steps = {{.config = paid("  product_id = 42\n  domain_num = 2\n"
                              "  common_name = \"*.example.com\"\n"
                              "  other_names = [\"api.example.org\"]\n"
                              "  company_id = 122\n  manager_id = 36383\n"),
               .check = [&](const acc::State& s) {
                 const json* auths = s.attribute(kPaid, "dv_auths");
                 ASSERT_TRUE(auths && auths->size() == 2u) << (auths ? auths->dump() : "");
                 EXPECT_EQ((*auths)[0].value("domain", ""), "*.example.com");
                 EXPECT_EQ((*auths)[0].value("zone", ""), "example.com");
                 EXPECT_EQ((*auths)[0].value("key", ""), "_dnsauth.example.com");
                 EXPECT_EQ((*auths)[1].value("domain", ""), "api.example.org");
                 EXPECT_EQ((*auths)[1].value("key", ""), "_dnsauth.api.example.org");
               }}};
  acc::run(tc);
}

// DvAuthDomain may name the zone rather than the name validated (both names here are in
// example.com): each record goes to the name it is published for (its DvAuthKey), so the
// apply's domains are the planned ones and a for_each keyed by domain keeps working; labelled
// by DvAuthDomain both would be "example.com" and Terraform would refuse the apply's result.
TEST_F(PaidCertificate, ValidationRecordsLabelledWithTheirZoneGoToTheirNames) {
  CLOUDSSL_REQUIRE_PROVIDER();
  sim.admin("POST", "/tasks/config", {{"zone_dv_auth_domains", true}, {"reverse_dv_auths", true}});
  const std::string records =
      "resource \"terraform_data\" \"record\" {\n"
      "  for_each = { for r in cloudssl_paid_certificate.p.dv_auths : r.domain => r.sub_domain }\n"
      "  input    = each.value\n}\n";
  tc.steps = {{.config = kMulti + records, .check = [&](const acc::State& s) {
                 const json* auths = s.attribute(kPaid, "dv_auths");
                 ASSERT_TRUE(auths && auths->size() == 2u) << (auths ? auths->dump() : "");
                 EXPECT_EQ((*auths)[0].value("domain", ""), "www.example.com");
                 EXPECT_EQ((*auths)[0].value("zone", ""), "example.com");
                 EXPECT_EQ((*auths)[0].value("sub_domain", ""), "_dnsauth.www");
                 EXPECT_EQ((*auths)[1].value("domain", ""), "api.example.com");
                 EXPECT_EQ((*auths)[1].value("sub_domain", ""), "_dnsauth.api");
                 const auto* www =
                     s.attribute("terraform_data.record[\"www.example.com\"]", "input");
                 ASSERT_TRUE(www);
                 EXPECT_EQ(www->get<std::string>(), "_dnsauth.www");
               }}};
  acc::run(tc);
}

// The API lists a record for a name the configuration does not have: the apply keeps the
// records it planned (one per name, with the API's values: they lead the list) and warns, as
// Terraform refuses an apply result that contradicts the plan; the next refresh shows every
// record the API lists, the extra one under its own DvAuthDomain, none dropped.
TEST_F(PaidCertificate, ARecordForAnotherNameIsKeptVisible) {
  CLOUDSSL_REQUIRE_PROVIDER();
  sim.admin("POST", "/tasks/config", {{"extra_dv_auths", {"mail.example.com"}}});
  auto record = [](const acc::State& s, std::size_t i, const char* field) {
    const json* auths = s.attribute(kPaid, "dv_auths");
    return auths && auths->size() > i ? (*auths)[i].value(field, "") : std::string("(none)");
  };
  tc.steps = {
      {.config = kMulti,
       .check =
           [&](const acc::State& s) {
             const json* auths = s.attribute(kPaid, "dv_auths");
             ASSERT_TRUE(auths && auths->size() == 2u) << (auths ? auths->dump() : "");
             EXPECT_EQ(record(s, 0, "domain"), "www.example.com");
             EXPECT_EQ(record(s, 1, "domain"), "api.example.com");
             EXPECT_EQ(record(s, 1, "key"), "_dnsauth.api.example.com");
             EXPECT_TRUE((*auths)[1].at("value").is_string() &&
                         !(*auths)[1].at("value").get<std::string>().empty())
                 << (*auths)[1].dump();
           }},
      {.config = kMulti,
       .check =
           [&](const acc::State& s) {
             const json* auths = s.attribute(kPaid, "dv_auths");
             ASSERT_TRUE(auths && auths->size() == 3u) << (auths ? auths->dump() : "");
             EXPECT_EQ(record(s, 0, "domain"), "www.example.com");
             EXPECT_EQ(record(s, 0, "key"), "_dnsauth.www.example.com");
             EXPECT_EQ(record(s, 1, "domain"), "api.example.com");
             EXPECT_EQ(record(s, 2, "domain"), "mail.example.com");
             EXPECT_EQ(record(s, 2, "key"), "_dnsauth.mail.example.com");
           }},
  };
  acc::run(tc);
}

// An order cancelled outside Terraform (status 7, its order not just its review) takes no
// resubmission: the apply says so and how to buy a new one, instead of warning on every apply.
TEST_F(PaidCertificate, AnOrderCancelledOutsideTerraformIsAnErrorThatNamesTheFix) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      records_id(kMulti, id),
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + id, {{"Status", 7}});
           },
       .expect_error = acc::error_like("cannot be resubmitted.*CertificateStatusNotAllowResubmit.*"
                                       "terraform apply -replace",
                                       "product_id")},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 1);
  EXPECT_EQ(sim.calls("CertificateInfoSubmit"), 1);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

TEST_F(PaidCertificate, DestroyUnderReviewCancelsTheOrder) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      records_id(kMulti, id),
      // The order placed again outside Terraform: the refresh reads its new id.
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + id, {{"OrderId", "SO-elsewhere"}});
           },
       .check = acc::attr_equals(kPaid, "order_id", "SO-elsewhere")},
      // OrderId answered null for the order under review (the seed allows it): the refresh
      // keeps the order it knows; nothing is submitted again.
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + id, {{"OrderId", ""}});
           },
       .check = acc::attr_equals(kPaid, "order_id", "SO-elsewhere")},
  };
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    const json cert = sim.admin("GET", "/certificates/" + id);
    EXPECT_EQ(cert.value("status", -1), 7);
    EXPECT_EQ(cert.at("paid").value("stage", ""), "order_cancelled");
    EXPECT_EQ(sim.calls("CancelAuditCertificate"), 1);
    EXPECT_EQ(sim.calls("DeleteCertificates") + sim.calls("DeleteCertificate"), 0);
    EXPECT_EQ(sim.calls("CertificateInfoSubmit"), 1);
  };
  acc::run(tc);
}

// Another instance adopted the order (its owner tag is another's): the plan says so, before
// the destroy that will leave the order to it.
TEST_F(PaidCertificate, AnOrderTakenOverElsewhereIsAWarningAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      records_id(kMulti, id),
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext& ctx) {
             const std::string mine = tags(id)["cloudssl-owner"];
             ASSERT_FALSE(mine.empty());
             sim.admin("POST", "/certificates/" + id,
                       {{"Tags", json::array({{{"TagKey", "cloudssl-owner"},
                                               {"TagValue", "another-instance"}}})}});
             const auto plan = ctx.workspace().terraform({"plan", "-json", "-input=false"});
             ASSERT_TRUE(plan.ok()) << plan.text();
             // Both values, so that the two workspaces' messages can be matched.
             const acc::Diagnostic* d =
                 diagnostic(plan, "warning", "taken over by another instance");
             ASSERT_TRUE(d) << plan.text();
             EXPECT_NE(d->detail.find("carries cloudssl-owner = another-instance; this "
                                      "instance's is " +
                                      mine),
                       std::string::npos)
                 << d->detail;
           }},
  };
  acc::run(tc);
}

// The order of an instance that tagged it lists no owner tag at destroy (the API's Tags lag or
// answer null, or the tags were removed): whose it is cannot be told, so it is forgotten with
// a warning, not cancelled (an instance that adopted it would be left with a cancelled order).
TEST_F(PaidCertificate, DestroyWithoutTheOwnerTagListedCancelsNothing) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {{.config = kMulti, .check = [&](const acc::State& s) {
                 id = s.text(kPaid, "id").value_or("");
                 sim.admin("POST", "/certificates/" + id, {{"Tags", json::array()}});
               }}};
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    const json cert = sim.admin("GET", "/certificates/" + id);
    EXPECT_NE(cert.value("status", -1), 7);
    EXPECT_EQ(sim.calls("CancelAuditCertificate") + sim.calls("CancelCertificateOrder"), 0);
    EXPECT_EQ(sim.calls("DeleteCertificates") + sim.calls("DeleteCertificate"), 0);
  };
  acc::run(tc);
}

// Destroy of a revoked (10) or refunded (14) order: nothing to cancel, deleted; of a review
// that cannot be stopped (a multi-year certificate after its first year): forgotten, with a
// warning, and left to lapse; of a certificate being revoked (9) or migrated (15): neither
// cancelled nor deleted (it is busy), forgotten with a warning saying what to do.
TEST_F(PaidCertificate, DestroyDeletesRevokedAndRefundedOrdersAndForgetsAReviewThatCannotStop) {
  CLOUDSSL_REQUIRE_PROVIDER();
  auto named = [](const std::string& resource, const std::string& name) {
    return "resource \"cloudssl_paid_certificate\" \"" + resource +
           "\" {\n  product_id = 14\n  common_name = \"" + name +
           "\"\n  company_id = 122\n  manager_id = 36383\n}\n";
  };
  const std::string config =
      named("revoked", "a.example.com") + named("refunded", "b.example.com") +
      named("lapsing", "c.example.com") + named("revoking", "d.example.com") +
      named("migrating", "e.example.com");
  std::map<std::string, std::string> ids;
  tc.steps = {{.config = config, .check = [&](const acc::State& s) {
                 for (const char* r : {"revoked", "refunded", "lapsing", "revoking", "migrating"})
                   ids[r] =
                       s.text(std::string("cloudssl_paid_certificate.") + r, "id").value_or("");
                 sim.admin("POST", "/certificates/" + ids["revoked"], {{"Status", 10}});
                 sim.admin("POST", "/certificates/" + ids["refunded"], {{"Status", 14}});
                 sim.admin("POST", "/certificates/" + ids["revoking"], {{"Status", 9}});
                 sim.admin("POST", "/certificates/" + ids["migrating"], {{"Status", 15}});
                 faults({{{"action", "CancelAuditCertificate"},
                          {"code", "FailedOperation.CertificateCancelFailedMulti"}}});
               }}};
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_THROW(sim.admin("GET", "/certificates/" + ids["revoked"]), std::runtime_error);
    EXPECT_THROW(sim.admin("GET", "/certificates/" + ids["refunded"]), std::runtime_error);
    EXPECT_EQ(sim.admin("GET", "/certificates/" + ids["lapsing"]).value("status", -1), 0);
    EXPECT_EQ(sim.admin("GET", "/certificates/" + ids["revoking"]).value("status", -1), 9);
    EXPECT_EQ(sim.admin("GET", "/certificates/" + ids["migrating"]).value("status", -1), 15);
    EXPECT_EQ(sim.calls("CancelCertificateOrder"), 0);
    EXPECT_EQ(sim.calls("DeleteCertificate") + sim.calls("DeleteCertificates"), 2);
  };
  acc::run(tc);
}

// The submission names a manager the account does not have: the API refuses it once the
// certificate is bought.
const std::string kUnknownManager = paid(
    "  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
    "  other_names = [\"api.example.com\"]\n  company_id = 122\n  manager_id = 99999\n");

// kMulti and kUnknownManager with other details: an ECC key, create_before_destroy.
const std::string kWho = "  company_id = 122\n  manager_id = 36383\n";
const std::string kMultiNames =
    "  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
    "  other_names = [\"api.example.com\"]\n";
const std::string kEcc = "  key_algorithm = \"ECC\"\n";
// The adoption's read-back waits 1 s (not 30) for a lagging owner tag (test-only setting,
// tests/acceptance/README.md).
const std::map<std::string, std::string> kShortOwnerTagLag = {
    {"CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS", "1"}};
// That the short allowance was honoured, counted in reads rather than timed: an apply whose
// read-back waits it out reads the order (DescribeCertificate) at most this often (its other
// reads, the read before polling, and the polls within 1 s at 200 ms growing by 1.5, measured
// 5-6); the 30 s default polls about 12 times (intervals up to 5 s).
constexpr int kReadsWithinShortLag = 8;
const std::string kBeforeDestroy = "  lifecycle {\n    create_before_destroy = true\n  }\n";
const std::string kUnknownManagerBody = "  company_id = 122\n  manager_id = 99999\n";

// Two configurations (workspaces) buying the same product and name with other details: while
// the first one's order waits for its information (its submission refused), the second buys its
// own. A confirmed purchase keeps the tags that find it after a lost state, not the coarse
// cloudssl-purchase, which only an unconfirmed purchase needs.
TEST_F(PaidCertificate, TwoConfigurationsOfOneProductAndNameEachBuyTheirOwn) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto rsa = workspace(kUnknownManager);  // refused: no such manager
  const std::string first = bought(*rsa);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(sim.admin("GET", "/certificates/" + first).at("paid").value("stage", ""), "bought");
  const auto kept = tags(first);
  EXPECT_EQ(kept.count("cloudssl-purchase"), 0u);
  EXPECT_EQ(
      kept.count("cloudssl-order") + kept.count("cloudssl-inputs") + kept.count("cloudssl-owner"),
      3u);

  const auto ecc = workspace(paid(kMultiNames + kWho + kEcc));
  const acc::CommandResult r = ecc->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  EXPECT_EQ(sim.calls("CreateCertificate"), 2);
  EXPECT_EQ(paid_certificates(), 2);
  EXPECT_EQ(sim.admin("GET", "/certificates/" + first).value("status", -1), 0);  // untouched
  // The other configuration's order is named as possibly another resource's, with the check.
  const acc::Diagnostic* d = diagnostic(r, "warning", "Certificate " + first + " was bought");
  ASSERT_TRUE(d) << r.text();
  EXPECT_NE(d->detail.find("It may be another resource's"), std::string::npos) << d->detail;
  EXPECT_NE(d->detail.find("terraform state list -id=" + first +
                           " in each workspace; only if none lists it"),
            std::string::npos)
      << d->detail;
  EXPECT_TRUE(ecc->terraform({"destroy", "-auto-approve"}).ok());
  EXPECT_TRUE(rsa->terraform({"destroy", "-auto-approve"}).ok());
}

// The lookup of held orders with other details only feeds a warning: refused (the third
// DescribeCertificates, after this configuration's order tag and the coarse tag), the
// certificate is bought all the same.
TEST_F(PaidCertificate, AFailedLookupOfHeldOrdersDoesNotStopTheCreate) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kMulti);
  faults({{{"action", "DescribeCertificates"},
           {"code", "UnauthorizedOperation"},
           {"skip", 2},
           {"count", 1}}});
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* unlooked =
      diagnostic(r, "warning", "Orders of the same product and name were not looked for");
  ASSERT_TRUE(unlooked) << r.text();
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  // On product_id, naming the tag to filter the console's list by.
  EXPECT_NE(unlooked->snippet.find("product_id"), std::string::npos) << unlooked->snippet;
  const auto ids = paid_ids();
  ASSERT_EQ(ids.size(), 1u);
  const std::string held = tags(ids.front())["cloudssl-purchase-held"];
  ASSERT_FALSE(held.empty());
  EXPECT_NE(unlooked->detail.find("cloudssl-purchase-held = " + held), std::string::npos)
      << unlooked->detail;
}

// The coarse tag was replaced by the held one only half-way (the order carries both): the
// purchase is confirmed, so another configuration of the same product and name buys its own
// (the order named in a warning), not refused as an unconfirmed purchase.
TEST_F(PaidCertificate, AnOrderCarryingBothPurchaseTagsCountsAsHeld) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto rsa = workspace(kUnknownManager);
  const std::string first = bought(*rsa);
  ASSERT_FALSE(first.empty());
  auto both = tags(first);
  ASSERT_EQ(both.count("cloudssl-purchase-held"), 1u);
  both["cloudssl-purchase"] = both["cloudssl-purchase-held"];
  sim.admin("POST", "/certificates/" + first, tags_patch(both));
  const auto ecc = workspace(paid(kMultiNames + kWho + kEcc));
  const acc::CommandResult r = ecc->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  EXPECT_TRUE(diagnostic(r, "warning", "Certificate " + first + " was bought")) << r.text();
  EXPECT_EQ(sim.calls("CreateCertificate"), 2);
}

// The coarse tag could not be removed after the purchase (the Tag API refused): a warning says
// so, and the next apply (an update of the order still unsubmitted) removes it and does not
// put it back.
TEST_F(PaidCertificate, ACoarseTagLeftByTheCreateIsRemovedByTheNextApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  faults({{{"action", "ModifyResourceTags"}, {"code", "FailedOperation"}, {"count", 1}}});
  const acc::CommandResult first = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(first.ok()) << first.text();
  const acc::Diagnostic* left = diagnostic(first, "warning", "cloudssl-purchase of certificate");
  ASSERT_TRUE(left) << first.text();
  EXPECT_NE(left->summary.find("was not replaced"), std::string::npos) << left->summary;
  // FailedOperation is no missing permission: the sentence about one would mislead.
  EXPECT_EQ(left->detail.find("Without tag:ModifyResourceTags"), std::string::npos) << left->detail;
  const auto ids = paid_ids();
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(tags(ids.front()).count("cloudssl-purchase"), 1u);
  // On product_id, with the tag's value (the one to filter the console's list by).
  EXPECT_NE(left->snippet.find("product_id"), std::string::npos) << left->snippet;
  EXPECT_NE(left->detail.find("cloudssl-purchase = " + tags(ids.front())["cloudssl-purchase"]),
            std::string::npos)
      << left->detail;

  const acc::CommandResult next = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(next.ok()) << next.text();
  EXPECT_EQ(tags(ids.front()).count("cloudssl-purchase"), 0u);
  EXPECT_EQ(tags(ids.front()).count("cloudssl-order"), 1u);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

// Re-tagging an unsubmitted order whose details changed fails (the Tag API refused): a warning
// says what it risks, and the next apply re-tags it.
TEST_F(PaidCertificate, ARetagThatFailsIsAWarningAndTheNextApplyRetags) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const std::string rsa_tag = tags(id)["cloudssl-order"];
  ws->write("main.tf", paid(kMultiNames + kUnknownManagerBody + kEcc));
  faults({{{"action", "ModifyResourceTags"}, {"code", "FailedOperation"}, {"count", 1}}});
  const acc::CommandResult refused = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(refused.ok()) << refused.text();
  const acc::Diagnostic* d = diagnostic(refused, "warning", "could not follow the configuration");
  ASSERT_TRUE(d) << refused.text();
  EXPECT_NE(d->detail.find("FailedOperation"), std::string::npos) << d->detail;
  EXPECT_NE(d->detail.find("The next apply tries again"), std::string::npos) << d->detail;
  EXPECT_EQ(tags(id)["cloudssl-order"], rsa_tag);

  const acc::CommandResult next = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(next.ok()) << next.text();
  EXPECT_FALSE(diagnostic(next, "warning", "could not follow the configuration"));
  EXPECT_NE(tags(id)["cloudssl-order"], rsa_tag);
  EXPECT_EQ(tags(id).count("cloudssl-purchase"), 0u);
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

// The adoption names the owner tag it replaced (the instance that held the order), and the
// value it put, so that the other workspace's "taken over" warning can be matched to it.
TEST_F(PaidCertificate, AnAdoptionNamesTheOwnerTagItReplaced) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  const std::string before = tags(id)["cloudssl-owner"];
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* d = diagnostic(r, "warning", "Adopted the earlier purchase " + id);
  ASSERT_TRUE(d) << r.text();
  const std::string now = tags(id)["cloudssl-owner"];
  EXPECT_NE(now, before);
  EXPECT_NE(d->detail.find("It carried cloudssl-owner = " + before), std::string::npos)
      << d->detail;
  EXPECT_NE(d->detail.find("now carries cloudssl-owner = " + now), std::string::npos) << d->detail;
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);

  // An order without an owner tag (bought before owners were recorded): said so.
  ASSERT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
  ws->write("main.tf", kUnknownManager);
  const std::string second = bought(*ws);
  ASSERT_FALSE(second.empty());
  auto without_owner = tags(second);
  without_owner.erase("cloudssl-owner");
  sim.admin("POST", "/certificates/" + second, tags_patch(without_owner));
  ASSERT_TRUE(ws->terraform({"state", "rm", kPaid}).ok());
  ws->write("main.tf", kMulti);
  const acc::CommandResult again = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(again.ok()) << again.text();
  const acc::Diagnostic* none =
      diagnostic(again, "warning", "Adopted the earlier purchase " + second);
  ASSERT_TRUE(none) << again.text();
  EXPECT_NE(none->detail.find("It carried no cloudssl-owner tag"), std::string::npos)
      << none->detail;
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

// Another instance adopted the order at the same time (its owner tag replaced this one's right
// after this create tagged it): this create does not adopt it, fails saying so, buys nothing.
TEST_F(PaidCertificate, AnOrderAdoptedElsewhereAtTheSameTimeIsNotAdoptedHere) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager, kShortOwnerTagLag);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  auto theirs = tags(id);
  theirs["cloudssl-owner"] = "another-instance";
  faults({{{"action", "ModifyResourceTags"},
           {"count", 1},
           {"certificate_patches", {{id, tags_patch(theirs)}}}}});
  const int reads = sim.calls("DescribeCertificate");
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_LE(sim.calls("DescribeCertificate") - reads, kReadsWithinShortLag);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(acc::matches_error(
      r, acc::error_like("Certificate " + id +
                             " was adopted by another instance.*another-instance.*nothing was "
                             "bought.*Keep the certificate in one configuration",
                         "product_id")))
      << r.text();
  EXPECT_EQ(tags(id)["cloudssl-owner"], "another-instance");
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  EXPECT_EQ(sim.calls("CertificateInfoSubmit"), 1);  // the first apply's, refused
}

// The view still lists the previous owner tag when the read-back's allowance for the lag ends:
// only another adopter writes a third value, so the lagging view is no adopter and the order
// is adopted.
TEST_F(PaidCertificate, AnAdoptionStillSeeingThePreviousOwnerAtTheDeadlineAdopts) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager, kShortOwnerTagLag);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  const std::string before = tags(id)["cloudssl-owner"];
  sim.admin("POST", "/tasks/config", {{"tag_lag_reads", 100000}});
  const int reads = sim.calls("DescribeCertificate");
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_LE(sim.calls("DescribeCertificate") - reads, kReadsWithinShortLag);
  ASSERT_TRUE(r.ok()) << r.text();
  // The shipped provider says when it honours the test setting (the simulator's endpoint).
  const std::string honoured = logged_line(*ws, "CLOUDSSL_TEST_OWNER_TAG_LAG_SECONDS");
  EXPECT_NE(honoured.find("[WARN]"), std::string::npos) << honoured;
  EXPECT_NE(honoured.find("seconds=1"), std::string::npos) << honoured;
  EXPECT_TRUE(diagnostic(r, "warning", "Adopted the earlier purchase " + id)) << r.text();
  EXPECT_NE(tags(id)["cloudssl-owner"], before);
  EXPECT_EQ(acc::State(ws->show_json()).text(kPaid, "id").value_or(""), id);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// Tags lag behind the Tag API (simulator tag_lag_reads): the reads right after the adoption's
// ModifyResourceTags still list the previous owner tag. That is not another adopter: the read
// goes on until this create's value is listed, and the order is adopted.
TEST_F(PaidCertificate, AnAdoptionReadsPastALaggingViewOfThePreviousOwner) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  const std::string before = tags(id)["cloudssl-owner"];
  sim.admin("POST", "/tasks/config", {{"tag_lag_reads", 2}});
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  EXPECT_TRUE(diagnostic(r, "warning", "Adopted the earlier purchase " + id)) << r.text();
  EXPECT_NE(tags(id)["cloudssl-owner"], before);
  EXPECT_EQ(acc::State(ws->show_json()).text(kPaid, "id").value_or(""), id);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

// The order being cancelled when this create tagged it (status 6: the destroy of the instance
// that held it runs beside this create, as a rename without a moved block does): not adopted,
// a new one is bought, with a warning saying why.
TEST_F(PaidCertificate, AnOrderBeingCancelledIsNotAdoptedANewOneIsBought) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  faults({{{"action", "ModifyResourceTags"},
           {"count", 1},
           {"certificate_patches", {{id, {{"Status", 6}}}}}}});
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* d = diagnostic(r, "warning", "Did not adopt the earlier purchase " + id);
  ASSERT_TRUE(d) << r.text();
  EXPECT_NE(d->detail.find("being cancelled (status 6)"), std::string::npos) << d->detail;
  EXPECT_FALSE(diagnostic(r, "warning", "Adopted the earlier purchase"));
  EXPECT_EQ(sim.calls("CreateCertificate"), 2);
  const json state = ws->show_json();
  const acc::State s(state);
  EXPECT_NE(s.text(kPaid, "id").value_or(id), id);
  EXPECT_TRUE(s.text(kPaid, "order_id"));
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

// The adoption's ModifyResourceTags applied but answered an error: the previous owner tag is put
// back, so the instance that held the order still holds it; when that fails too, the error says
// the order may carry this resource's owner tag and what to do.
TEST_F(PaidCertificate, AFailedAdoptionPutsThePreviousOwnerTagBack) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  const std::string holder = tags(id)["cloudssl-owner"];
  faults({{{"action", "ModifyResourceTags"},
           {"code", "FailedOperation"},
           {"code_after_run", true},
           {"count", 1}}});
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(acc::matches_error(
      r, acc::error_like("Could not adopt the earlier purchase " + id + ".*nothing was bought",
                         "product_id")))
      << r.text();
  EXPECT_EQ(tags(id)["cloudssl-owner"], holder);
  EXPECT_EQ(r.text().find("could not be restored"), std::string::npos) << r.text();

  // The restore fails too.
  faults({{{"action", "ModifyResourceTags"}, {"code", "FailedOperation"}, {"count", 2}}});
  const acc::CommandResult twice = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_FALSE(twice.ok());
  EXPECT_TRUE(acc::matches_error(
      twice, acc::error_like("Could not adopt the earlier purchase " + id +
                                 ".*could not be restored either.*may carry cloudssl-owner = "
                                 "[0-9a-f]{24}.*set its cloudssl-owner tag back to " +
                                 holder,
                             "product_id")))
      << twice.text();
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// The adoption's tagging never reaches the Tag API (its endpoint refuses connections): nothing
// was tagged, so nothing is restored (no second tag call) and the error does not say that the
// owner tag could not be restored.
TEST_F(PaidCertificate, AnAdoptionWhoseTaggingWasNeverSentRestoresNothing) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  const std::string holder = tags(id)["cloudssl-owner"];
  // Nothing listens on port 1 (a privileged port).
  ws->write("main.tf", kMulti +
                           "provider \"cloudssl\" {\n  tag_endpoint = \"http://127.0.0.1:1\"\n"
                           "  max_retries = 0\n}\n");
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(acc::matches_error(
      r, acc::error_like("Could not adopt the earlier purchase " + id + ".*ConnectFailed",
                         "product_id")))
      << r.text();
  EXPECT_EQ(r.text().find("could not be restored"), std::string::npos) << r.text();
  EXPECT_EQ(logged_calls(*ws, "ModifyResourceTags"), 1);  // the adoption's: no restore
  EXPECT_EQ(tags(id)["cloudssl-owner"], holder);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// The adoption's tagging applied but answered an error, and meanwhile another instance adopted
// the order (its owner tag landed right after this create's): the restore reads the order again
// and keeps the other instance's tag instead of writing back the previous holder's (whose destroy
// would then cancel the other instance's order).
TEST_F(PaidCertificate, AFailedAdoptionKeepsTheOwnerTagOfAConcurrentAdopter) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  auto theirs = tags(id);
  theirs["cloudssl-owner"] = "another-instance";
  faults({{{"action", "ModifyResourceTags"},
           {"code", "FailedOperation"},
           {"code_after_run", true},
           {"count", 1},
           {"certificate_patches", {{id, tags_patch(theirs)}}}}});
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(acc::matches_error(
      r, acc::error_like("Could not adopt the earlier purchase " + id +
                             ".*names another instance \\(another-instance\\).*left to that "
                             "instance",
                         "product_id")))
      << r.text();
  EXPECT_EQ(tags(id)["cloudssl-owner"], "another-instance");
  EXPECT_EQ(sim.calls("ModifyResourceTags"), 2);  // the purchase's and the adoption's: no restore
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// The adoption's read-back fails (DescribeCertificate refused right after the tagging): the
// order carries this create's owner tag, which no instance will hold, so the previous holder's
// tag is put back before the error, as after a failed tagging.
TEST_F(PaidCertificate, AFailedReadBackPutsThePreviousOwnerTagBack) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  const std::string holder = tags(id)["cloudssl-owner"];
  // The create's lookup reads the order once (DescribeCertificate), then tags it, then reads
  // it back: the second read is refused.
  faults({{{"action", "DescribeCertificate"},
           {"code", "UnauthorizedOperation"},
           {"skip", 1},
           {"count", 1}}});
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(acc::matches_error(
      r, acc::error_like("Could not adopt the earlier purchase " + id +
                             ".*UnauthorizedOperation.*could not be read back.*nothing was bought",
                         "product_id")))
      << r.text();
  EXPECT_EQ(tags(id)["cloudssl-owner"], holder);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// The apply is interrupted (Ctrl-C) while the adoption reads the order back through a view
// that still lists the previous owner: that view settles nothing before the deadline, so the
// order is not adopted; the error says so, and the previous holder's owner tag is put back
// (the restore's calls ignore the cancellation), so the next apply adopts it as the error says.
TEST_F(PaidCertificate, AnAdoptionInterruptedDuringItsReadBackIsNotAdopted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = order_with_lost_state(*ws);
  ASSERT_FALSE(id.empty());
  const std::string holder = tags(id)["cloudssl-owner"];
  sim.admin("POST", "/tasks/config", {{"tag_lag_reads", 1000}});
  const int reads_before = sim.calls("DescribeCertificate");
  const auto apply = ws->start({"apply", "-auto-approve", "-json"});
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  // The lookup's read, the read before polling, and one poll: the read-back is polling.
  while (sim.calls("DescribeCertificate") < reads_before + 3) {
    ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the read-back never polled";
    std::this_thread::yield();
  }
  apply->interrupt();
  const acc::CommandResult stopped = apply->wait(std::chrono::seconds(60));
  ASSERT_FALSE(stopped.timed_out) << "terraform did not stop";
  EXPECT_NE(stopped.exit_code, 0);
  EXPECT_TRUE(acc::matches_error(
      stopped, acc::error_like("Could not adopt the earlier purchase " + id +
                                   ".*Cancelled.*could not be read back.*Apply again",
                               "product_id")))
      << stopped.text();
  EXPECT_FALSE(diagnostic(stopped, "warning", "Adopted the earlier purchase")) << stopped.text();
  EXPECT_EQ(tags(id)["cloudssl-owner"], holder);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);

  sim.admin("POST", "/tasks/config", {{"tag_lag_reads", 0}});
  const acc::CommandResult again = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(again.ok()) << again.text();
  EXPECT_TRUE(diagnostic(again, "warning", "Adopted the earlier purchase " + id)) << again.text();
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// The destroy reads the owner again right before each cancel call: an order another instance
// adopted meanwhile (here its owner tag rewritten right after the destroy's first read, or
// right after it stopped the review) is left to it, not cancelled.
TEST_F(PaidCertificate, DestroyLeavesAnOrderAdoptedBeforeItsCancelCall) {
  CLOUDSSL_REQUIRE_PROVIDER();
  // Not submitted: adopted between the first read and CancelCertificateOrder.
  const auto unsubmitted = workspace(kUnknownManager);
  const std::string id = bought(*unsubmitted);
  ASSERT_FALSE(id.empty());
  auto theirs = tags(id);
  theirs["cloudssl-owner"] = "another-instance";
  faults({{{"action", "DescribeCertificate"},
           {"count", 1},
           {"certificate_patches", {{id, tags_patch(theirs)}}}}});
  const acc::CommandResult r =
      unsubmitted->terraform({"destroy", "-auto-approve", "-refresh=false", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  EXPECT_TRUE(diagnostic(r, "warning", "was left to the instance that took it over")) << r.text();
  EXPECT_EQ(sim.calls("CancelCertificateOrder"), 0);
  EXPECT_NE(sim.admin("GET", "/certificates/" + id).value("status", -1), 7);

  // Under review: adopted once the review is stopped, before CancelCertificateOrder. (Another
  // key: the same configuration would adopt the order left above.)
  const auto reviewed = workspace(paid(kMultiNames + kWho + kEcc));
  const std::string under_review = bought(*reviewed);
  ASSERT_FALSE(under_review.empty());
  auto others = tags(under_review);
  others["cloudssl-owner"] = "another-instance";
  faults({{{"action", "CancelAuditCertificate"},
           {"count", 1},
           {"certificate_patches", {{under_review, tags_patch(others)}}}}});
  const acc::CommandResult destroyed = reviewed->terraform({"destroy", "-auto-approve", "-json"});
  ASSERT_TRUE(destroyed.ok()) << destroyed.text();
  const acc::Diagnostic* d = diagnostic(destroyed, "warning", "was left to the instance");
  ASSERT_TRUE(d) << destroyed.text();
  EXPECT_NE(d->detail.find("cloudssl-owner = another-instance"), std::string::npos) << d->detail;
  EXPECT_NE(d->detail.find("This destroy had already stopped its review"), std::string::npos)
      << d->detail;
  EXPECT_EQ(sim.calls("CancelAuditCertificate"), 1);
  EXPECT_EQ(sim.calls("CancelCertificateOrder"), 0);
}

// create_before_destroy: the replacement adopted the order and submitted it, while the view
// this destroy reads still lists this instance's owner tag (Tags may lag). This instance never
// submitted (its state has no order_id) but the API shows a submission: an OrderId at the first
// read, or a review message at the read right before the cancel call. The order is the other
// instance's: left with a warning, not cancelled.
TEST_F(PaidCertificate, DestroyLeavesAnOrderAnotherInstanceSubmitted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const std::string mine = tags(id)["cloudssl-owner"];
  ASSERT_FALSE(mine.empty());
  sim.admin("POST", "/certificates/" + id, {{"OrderId", "order-of-the-replacement"}});
  const acc::CommandResult r =
      ws->terraform({"destroy", "-auto-approve", "-refresh=false", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* d = diagnostic(r, "warning", "was left to the instance that submitted it");
  ASSERT_TRUE(d) << r.text();
  EXPECT_NE(d->detail.find("OrderId order-of-the-replacement"), std::string::npos) << d->detail;
  EXPECT_EQ(tags(id)["cloudssl-owner"], mine);
  EXPECT_EQ(sim.calls("CancelCertificateOrder"), 0);
  EXPECT_NE(sim.admin("GET", "/certificates/" + id).value("status", -1), 7);

  // Submitted between the destroy's first read and the one before the cancel call.
  const auto other = workspace(paid(kMultiNames + kUnknownManagerBody + kEcc));
  const std::string second = bought(*other);
  ASSERT_FALSE(second.empty());
  faults({{{"action", "DescribeCertificate"},
           {"count", 1},
           {"certificate_patches", {{second, {{"StatusMsg", "PRE-REVIEWING"}}}}}}});
  const acc::CommandResult later =
      other->terraform({"destroy", "-auto-approve", "-refresh=false", "-json"});
  ASSERT_TRUE(later.ok()) << later.text();
  EXPECT_TRUE(diagnostic(later, "warning", "was left to the instance that submitted it"))
      << later.text();
  EXPECT_EQ(sim.calls("CancelCertificateOrder"), 0);
}

// This instance's own submission whose answer was lost (CertificateOrderSubmit ran, then the
// connection was cut; the retry hears that the order is being processed), with OrderId
// answered null under review (seed 004 allows it): the state keeps no order_id, yet the order
// is this instance's, so the destroy stops its review and cancels it instead of leaving it to
// "the instance that submitted it".
TEST_F(PaidCertificate, DestroyCancelsItsOwnSubmissionWhoseAnswerWasLost) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const acc::CommandResult applied = apply_with_submission_answer_lost(*ws, id, {{"OrderId", ""}});
  ASSERT_TRUE(applied.ok()) << applied.text();
  ASSERT_EQ(sim.calls("CertificateOrderSubmit"), 2);
  // The retry hears that the order is being processed, yet no OrderId is listed: submitted,
  // order_id stays null.
  ASSERT_TRUE(diagnostic(applied, "warning", "is submitted; the API does not list its OrderId"))
      << applied.text();

  ASSERT_NO_FATAL_FAILURE(destroy_cancels(*ws, id));
  EXPECT_EQ(sim.calls("CancelAuditCertificate"), 1);
}

// CertificateOrderSubmit lands with its answer lost (OrderId answered null under review) and
// the client's retry is refused: the refusal answers only the retry, so the submission stays
// unconfirmed, and the destroy still takes the order for this instance's and cancels it.
TEST_F(PaidCertificate, ARefusedRetryOfASubmissionThatLandedStillLetsTheDestroyCancelIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const acc::CommandResult applied =
      apply_with_submission_answer_lost(*ws, id, {{"OrderId", ""}}, {{"code", "InvalidParameter"}});
  ASSERT_TRUE(applied.ok()) << applied.text();
  ASSERT_EQ(sim.calls("CertificateOrderSubmit"), 2);
  ASSERT_TRUE(diagnostic(applied, "warning", "is bought but its order is not submitted"))
      << applied.text();

  ASSERT_NO_FATAL_FAILURE(destroy_cancels(*ws, id));
}

// A submission lands with its answer lost while the API's view lags behind it (no OrderId, no
// review message, no records yet) and the client's retry is refused for another reason: the
// next apply submits again and CertificateInfoSubmit is refused. That refusal says nothing of
// the earlier submission, so once the view shows the order under review, the destroy still
// takes it for this instance's and cancels it.
TEST_F(PaidCertificate, ALaterRefusedSubmissionDoesNotForgetAnEarlierOneThatLanded) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const acc::CommandResult lost = apply_with_submission_answer_lost(
      *ws, id, {{"OrderId", ""}, {"Status", 5}, {"StatusMsg", ""}}, {{"code", "InvalidParameter"}});
  ASSERT_TRUE(lost.ok()) << lost.text();
  ASSERT_TRUE(diagnostic(lost, "warning", "is bought but its order is not submitted"))
      << lost.text();

  faults({{{"action", "CertificateInfoSubmit"}, {"count", 1}, {"code", "InvalidParameter"}}});
  const int info_calls = sim.calls("CertificateInfoSubmit");
  const acc::CommandResult refused = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(refused.ok()) << refused.text();
  ASSERT_EQ(sim.calls("CertificateInfoSubmit"), info_calls + 1);
  ASSERT_TRUE(diagnostic(refused, "warning", "is bought but its order is not submitted"))
      << refused.text();

  // The view catches up: the order is under review.
  sim.admin("POST", "/certificates/" + id, {{"Status", 0}, {"StatusMsg", "PENDING-DCV"}});
  ASSERT_NO_FATAL_FAILURE(destroy_cancels(*ws, id));
  EXPECT_EQ(sim.calls("CancelAuditCertificate"), 1);
}

// A confirmed submission (order_id in the state), then a refresh while the API's view lags
// behind it (status 5, no OrderId, no review message, no records): read() forgets the order_id
// but marks the submission unconfirmed, so once the view lists the order again the destroy
// takes it for this instance's and cancels it instead of leaving it as "submitted elsewhere".
TEST_F(PaidCertificate, ARefreshDuringALaggingViewDoesNotOrphanTheOrder) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kMulti);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const std::string order = acc::State(ws->show_json()).text(kPaid, "order_id").value_or("");
  ASSERT_FALSE(order.empty());

  sim.admin("POST", "/certificates/" + id, {{"OrderId", ""}, {"Status", 5}, {"StatusMsg", ""}});
  const acc::CommandResult lag = ws->terraform({"apply", "-refresh-only", "-auto-approve"});
  ASSERT_TRUE(lag.ok()) << lag.text();
  ASSERT_FALSE(acc::State(ws->show_json()).text(kPaid, "order_id"));

  // The view catches up: the order is under review again.
  sim.admin("POST", "/certificates/" + id,
            {{"OrderId", order}, {"Status", 0}, {"StatusMsg", "PENDING-DCV"}});
  ASSERT_NO_FATAL_FAILURE(destroy_cancels(*ws, id, {"-refresh=false"}));
}

// The same lost answer (OrderId answered null under review), then another apply: the order
// shows its submission (a review message and validation records), which the next apply takes
// for submitted as read() does, so it neither warns "not submitted" nor submits again, and the
// plan after it is empty.
TEST_F(PaidCertificate, ASubmissionWhoseAnswerWasLostIsNotSubmittedAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const acc::CommandResult lost = apply_with_submission_answer_lost(*ws, id, {{"OrderId", ""}});
  ASSERT_TRUE(lost.ok()) << lost.text();
  ASSERT_EQ(sim.calls("CertificateOrderSubmit"), 2);
  ASSERT_TRUE(diagnostic(lost, "warning", "is submitted; the API does not list its OrderId"))
      << lost.text();
  const int info_calls = sim.calls("CertificateInfoSubmit");

  const acc::CommandResult again = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(again.ok()) << again.text();
  EXPECT_FALSE(diagnostic(again, "warning", "not submitted")) << again.text();
  EXPECT_EQ(sim.calls("CertificateInfoSubmit"), info_calls);
  EXPECT_EQ(sim.calls("CertificateOrderSubmit"), 2);
  const acc::CommandResult replan = ws->terraform({"plan", "-detailed-exitcode"});
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();
}

// An order reopened outside Terraform (ModifyCertificateResubmit in the console: waiting for
// its information again, no OrderId, no records listed): the state still holds the earlier
// order's validation records, which validate nothing now, so the next plan submits it again.
TEST_F(PaidCertificate, AnOrderReopenedOutsideTerraformIsSubmittedAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kMulti);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  sim.admin("POST", "/certificates/" + id, {{"Status", 5}, {"StatusMsg", ""}, {"OrderId", ""}});
  const acc::CommandResult plan = ws->terraform({"plan", "-json"});
  ASSERT_TRUE(plan.ok()) << plan.text();
  EXPECT_TRUE(diagnostic(plan, "warning", "is not submitted yet")) << plan.text();
}

// A submission lands with its answer lost and the client's retry hears that the order is being
// processed (CertificateOrderSubmitProcessing), while the API's view lags behind it (status 5, no
// OrderId, no review message, no records): the apply says it is submitted and its OrderId not
// listed yet, and the plans after it do not offer to submit it again. Once the view lists the
// OrderId, a refresh fills in order_id and the destroy cancels the order.
TEST_F(PaidCertificate, ASubmissionAnsweredAsAlreadyMadeIsNotOfferedAgainWhileTheViewLags) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  // The retry hears CertificateOrderSubmitProcessing (the simulator's own answer to an order
  // in status 5 would be CertificateInfoSubmitStatusInvalid, which proves no submission).
  const acc::CommandResult applied = apply_with_submission_answer_lost(
      *ws, id, {{"OrderId", ""}, {"Status", 5}, {"StatusMsg", ""}},
      {{"code", "FailedOperation.CertificateOrderSubmitProcessing"},
       {"message", "The order is being processed."}});
  ASSERT_TRUE(applied.ok()) << applied.text();
  ASSERT_EQ(sim.calls("CertificateOrderSubmit"), 2);
  EXPECT_TRUE(diagnostic(applied, "warning", "is submitted; the API does not list its OrderId"))
      << applied.text();
  EXPECT_FALSE(diagnostic(applied, "warning", "is bought but its order is not submitted"))
      << applied.text();
  EXPECT_FALSE(acc::State(ws->show_json()).text(kPaid, "order_id"));

  const int info_calls = sim.calls("CertificateInfoSubmit");
  const acc::CommandResult replan = ws->terraform({"plan", "-detailed-exitcode", "-json"});
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();
  EXPECT_FALSE(diagnostic(replan, "warning", "is not submitted yet")) << replan.text();
  const acc::CommandResult again = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(again.ok()) << again.text();
  EXPECT_EQ(sim.calls("CertificateInfoSubmit"), info_calls);
  EXPECT_EQ(sim.calls("CertificateOrderSubmit"), 2);

  // The view catches up: the order is under review, its OrderId listed.
  sim.admin("POST", "/certificates/" + id,
            {{"OrderId", "SO-listed"}, {"Status", 0}, {"StatusMsg", "PENDING-DCV"}});
  const acc::CommandResult refreshed = ws->terraform({"apply", "-refresh-only", "-auto-approve"});
  ASSERT_TRUE(refreshed.ok()) << refreshed.text();
  EXPECT_EQ(acc::State(ws->show_json()).text(kPaid, "order_id"), "SO-listed");
  ASSERT_NO_FATAL_FAILURE(destroy_cancels(*ws, id));
}

// The owner tag this destroy read first disappears before the cancel call (Tags answered null,
// or removed): as at the first read, whose order it is cannot be told after one more read, so
// it is forgotten with a warning, not cancelled.
TEST_F(PaidCertificate, DestroyCancelsNothingWhenTheOwnerTagIsGoneBeforeTheCancelCall) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  auto without_owner = tags(id);
  without_owner.erase("cloudssl-owner");
  faults({{{"action", "DescribeCertificate"},
           {"count", 1},
           {"certificate_patches", {{id, tags_patch(without_owner)}}}}});
  const acc::CommandResult r =
      ws->terraform({"destroy", "-auto-approve", "-refresh=false", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* d = diagnostic(r, "warning", "Certificate " + id + " was left");
  ASSERT_TRUE(d) << r.text();
  EXPECT_NE(d->detail.find("carries no cloudssl-owner tag"), std::string::npos) << d->detail;
  EXPECT_EQ(sim.calls("CancelCertificateOrder"), 0);
  EXPECT_NE(sim.admin("GET", "/certificates/" + id).value("status", -1), 7);
}

// The residual race without compare-and-swap: another instance adopts the order just as this
// destroy's cancel lands (its owner tag shows right after CancelCertificateOrder). The destroy
// cannot undo the cancel; it says which instance now holds a cancelled order, and how to buy a
// new one for it.
TEST_F(PaidCertificate, AnAdoptionCrossingTheCancelIsAWarningNamingBothOwners) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const std::string mine = tags(id)["cloudssl-owner"];
  auto theirs = tags(id);
  theirs["cloudssl-owner"] = "another-instance";
  faults({{{"action", "CancelCertificateOrder"},
           {"count", 1},
           {"certificate_patches", {{id, tags_patch(theirs)}}}}});
  const acc::CommandResult r = ws->terraform({"destroy", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* d =
      diagnostic(r, "warning", "Certificate " + id + " was adopted by another instance while");
  ASSERT_TRUE(d) << r.text();
  EXPECT_NE(d->detail.find("cloudssl-owner = another-instance; this instance's was " + mine),
            std::string::npos)
      << d->detail;
  EXPECT_NE(d->detail.find("If that apply said \"Adopted the earlier purchase " + id +
                           "\", that instance holds a cancelled order (its next plan reports "
                           "status 7): replace that resource (terraform apply -replace"),
            std::string::npos)
      << d->detail;
  EXPECT_EQ(sim.calls("CancelCertificateOrder"), 1);
}

// The other instance's create tagged the order as the cancel landed, but its read-back saw
// status 7 and it bought its own (the patch sets both): the warning must not only say
// -replace, which would cancel that instance's healthy order. A failed read after the cancel
// (the next DescribeCertificate refused) skips the warning and does not fail the destroy; it is
// logged (WARN).
TEST_F(PaidCertificate, TheCrossingWarningSaysNothingToDoWhenTheOtherCreateDidNotAdopt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kUnknownManager);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  auto theirs = tags(id);
  theirs["cloudssl-owner"] = "another-instance";
  json patch = tags_patch(theirs);
  patch["Status"] = 7;
  faults({{{"action", "CancelCertificateOrder"},
           {"count", 1},
           {"certificate_patches", {{id, patch}}}}});
  const acc::CommandResult r =
      ws->terraform({"destroy", "-auto-approve", "-refresh=false", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* d =
      diagnostic(r, "warning", "Certificate " + id + " was adopted by another instance while");
  ASSERT_TRUE(d) << r.text();
  EXPECT_NE(d->detail.find("If it said \"Did not adopt the earlier purchase " + id +
                           "\", it saw the cancellation and bought its own: nothing to do"),
            std::string::npos)
      << d->detail;

  const auto other = workspace(paid(kMultiNames + kUnknownManagerBody + kEcc));
  const std::string second = bought(*other);
  ASSERT_FALSE(second.empty());
  // The destroy reads the order twice before the cancel call; the third read is refused.
  faults({{{"action", "DescribeCertificate"},
           {"code", "UnauthorizedOperation"},
           {"skip", 2},
           {"count", 1}}});
  const acc::CommandResult later =
      other->terraform({"destroy", "-auto-approve", "-refresh=false", "-json"});
  ASSERT_TRUE(later.ok()) << later.text();
  EXPECT_FALSE(diagnostic(later, "warning", "was adopted by another instance while"))
      << later.text();
  EXPECT_EQ(sim.admin("GET", "/certificates/" + second).value("status", -1), 7);
  // Not silently: the provider's log has a WARN line naming the certificate and the error.
  const std::string line = logged_line(*other, "the read after the cancel failed");
  EXPECT_NE(line.find("[WARN]"), std::string::npos) << line;
  EXPECT_NE(line.find("certificate_id=" + second), std::string::npos) << line;
  EXPECT_NE(line.find("error_code=UnauthorizedOperation"), std::string::npos) << line;
}

// A state written before owners were recorded (no owner nonce in its private state) and its
// order without an owner tag: the destroy still cancels the order.
TEST_F(PaidCertificate, AStateWithoutAnOwnerNonceStillCancelsItsOrder) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(kMulti);
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  const acc::CommandResult pulled = ws->terraform({"state", "pull"});
  ASSERT_TRUE(pulled.ok()) << pulled.text();
  json state = json::parse(pulled.out);
  bool had_private = false;
  for (auto& resource : state.at("resources"))
    for (auto& instance : resource.at("instances"))
      had_private = instance.erase("private") > 0 || had_private;
  ASSERT_TRUE(had_private) << pulled.out;
  state["serial"] = state.value("serial", 0) + 1;
  ws->write("old.tfstate", state.dump());
  const acc::CommandResult pushed = ws->terraform({"state", "push", "old.tfstate"});
  ASSERT_TRUE(pushed.ok()) << pushed.text();
  auto without_owner = tags(id);
  without_owner.erase("cloudssl-owner");
  sim.admin("POST", "/certificates/" + id, tags_patch(without_owner));

  ASSERT_NO_FATAL_FAILURE(destroy_cancels(*ws, id));
}

TEST_F(PaidCertificate, ARefusedSubmissionContinuesTheSameOrderOnTheNextApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      // Bought, the submission refused: a warning, the certificate in state, no order yet.
      {.config = kUnknownManager,
       .expect_non_empty_plan = true,
       .check =
           [&](const acc::State& s) {
             id = s.text(kPaid, "id").value_or("");
             ASSERT_FALSE(id.empty());
             EXPECT_FALSE(s.text(kPaid, "order_id"));
             EXPECT_EQ(sim.admin("GET", "/certificates/" + id).at("paid").value("stage", ""),
                       "bought");
           }},
      // Fixed: the same certificate takes the submission and the order.
      {.config = kMulti,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"update"}), acc::expect_unknown(kPaid, "order_id")}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(s.text(kPaid, "id"), id);
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             const json* records = s.attribute(kPaid, "dv_auths");
             ASSERT_TRUE(records && records->size() == 2u) << (records ? records->dump() : "");
           }},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

TEST_F(PaidCertificate, AnOrderAnEarlierApplyLeftUnsubmittedIsAdopted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      records_id(kUnknownManager, id, /*expect_non_empty_plan=*/true),
      // The state of that apply is lost (as when it was interrupted before saving it): the
      // next create finds the order by its tag instead of buying again.
      after_lost_state(kMulti,
                       [&](const acc::State& s) {
                         EXPECT_EQ(s.text(kPaid, "id"), id);
                         EXPECT_TRUE(s.text(kPaid, "order_id"));
                       }),
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// An OV product: bought, it waits for its information in status 5 (seed 004: "企业证书，待提交").
std::string ov_order(const std::string& manager_id) {
  return paid(
      "  product_id = 14\n  common_name = \"shop.example.com\"\n  company_id = 122\n"
      "  manager_id = " +
      manager_id + "\n");
}

// Status 5 is an order waiting for its submission like 0: an interrupted apply's order is
// adopted (bought once), and a refused submission is submitted again once fixed.
TEST_F(PaidCertificate, AnOrganisationsOrderWaitingForItsInformationIsAdoptedAndSubmitted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      {.config = ov_order("99999"),  // refused: the account has no such manager
       .expect_non_empty_plan = true,
       .check =
           [&](const acc::State& s) {
             id = s.text(kPaid, "id").value_or("");
             ASSERT_FALSE(id.empty());
             EXPECT_EQ(s.text(kPaid, "status"), "5");
             EXPECT_FALSE(s.text(kPaid, "order_id"));
           }},
      // The state is lost (an interrupted apply): the order is found by its tag, not bought.
      after_lost_state(
          ov_order("99999"), [&](const acc::State& s) { EXPECT_EQ(s.text(kPaid, "id"), id); },
          /*expect_non_empty_plan=*/true),
      // Fixed: the same order takes the submission.
      {.config = ov_order("36383"),
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"update"}), acc::expect_unknown(kPaid, "order_id")}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(s.text(kPaid, "id"), id);
             EXPECT_EQ(s.text(kPaid, "status"), "0");  // under review
             EXPECT_TRUE(s.text(kPaid, "order_id"));
           }},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// The order tag tells purchases apart by what the submission will carry: an ECC order for the
// same name whose purchase is unconfirmed (its answer lost, not found) is not adopted by an RSA
// configuration, nor bought over (the coarse tag finds it: an error names it and what differs);
// cancelled in the console, as the error suggests, the RSA certificate is bought.
TEST_F(PaidCertificate, AnUnsubmittedOrderWithAnotherKeyIsNotAdopted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  faults({{{"action", "CreateCertificate"}, {"drop_reply", true}, {"count", 1}},
          {{"action", "DescribeCertificate"}, {"code", "UnauthorizedOperation"}, {"count", 1}}});
  std::string ecc;
  tc.steps = {
      {.config = paid(kMultiNames + kWho + kEcc),
       .expect_error = acc::error_like("may have been bought", "product_id")},
      {.config = kMulti,  // RSA
       .pre_step =
           [&](const acc::StepContext&) {
             const auto ids = paid_ids();
             ASSERT_EQ(ids.size(), 1u);
             ecc = ids.front();
           },
       .expect_error = acc::error_like("earlier purchase of this certificate has other details.*"
                                       "key_algorithm \\(bought with ECC\\), key_parameter "
                                       "\\(bought with prime256v1\\)",
                                       // Not in the configuration: Terraform points at the
                                       // resource block.
                                       "")},
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext&) {
             sim.admin("POST", "/certificates/" + ecc, {{"Status", 7}});
           },
       .check =
           [&](const acc::State& s) {
             EXPECT_NE(s.text(kPaid, "id"), ecc);
             EXPECT_TRUE(s.text(kPaid, "order_id"));
           }},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 2);
}

// A confirmed ECC order (its submission refused) whose state was lost (`terraform state rm`),
// the configuration edited to RSA: the order blocks nothing (its purchase was confirmed, so it
// may as well be another configuration's), the RSA certificate is bought, and a warning names
// the ECC order, what differs and what to do if it was this configuration's.
TEST_F(PaidCertificate, AConfirmedOrderWithAnotherKeyIsNamedWhenBuyingAfterALostState) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const auto ws = workspace(paid(kMultiNames + kUnknownManagerBody + kEcc));
  const std::string ecc = bought(*ws);
  ASSERT_FALSE(ecc.empty());
  EXPECT_EQ(tags(ecc).count("cloudssl-purchase"), 0u);
  EXPECT_EQ(tags(ecc).count("cloudssl-purchase-held"), 1u);
  ASSERT_TRUE(ws->terraform({"state", "rm", kPaid}).ok());
  ws->write("main.tf", kMulti);  // RSA
  const acc::CommandResult r = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(r.ok()) << r.text();
  const acc::Diagnostic* d =
      diagnostic(r, "warning", "Certificate " + ecc + " was bought for the same product and name");
  ASSERT_TRUE(d) << r.text();
  EXPECT_NE(d->detail.find("key_algorithm (bought with ECC), key_parameter (bought with "
                           "prime256v1)"),
            std::string::npos)
      << d->detail;
  EXPECT_NE(d->detail.find("only if none lists it (this configuration's before its state was "
                           "lost, for example) cancel it in the console"),
            std::string::npos)
      << d->detail;
  EXPECT_EQ(sim.calls("CreateCertificate"), 2);
  EXPECT_EQ(paid_certificates(), 2);
  EXPECT_NE(acc::State(ws->show_json()).text(kPaid, "id").value_or(ecc), ecc);
  EXPECT_EQ(sim.admin("GET", "/certificates/" + ecc).value("status", -1), 0);  // untouched
}

// An order under review may answer a null OrderId (seed 004): it is submitted all the same, so
// it is neither adopted nor taken for an earlier purchase of this product and name: another
// configuration (here the same names with an ECC key, its state elsewhere) buys its own.
TEST_F(PaidCertificate, AnOrderUnderReviewIsNotTakenForAnEarlierPurchase) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string rsa;
  tc.steps = {
      records_id(kMulti, rsa),
      {.config = paid(kMultiNames + "  company_id = 122\n  manager_id = 36383\n" + kEcc),
       .pre_step =
           [&](const acc::StepContext& ctx) {
             sim.admin("POST", "/certificates/" + rsa, {{"OrderId", ""}});
             ASSERT_TRUE(ctx.workspace().terraform({"state", "rm", kPaid}).ok());
           },
       .check =
           [&](const acc::State& s) {
             EXPECT_NE(s.text(kPaid, "id"), rsa);
             EXPECT_EQ(s.text(kPaid, "key_algorithm"), "ECC");
             EXPECT_EQ(sim.calls("CreateCertificate"), 2);
             // The RSA order under review is left alone (the teardown cancels the ECC one).
             EXPECT_EQ(sim.calls("CancelAuditCertificate") + sim.calls("CancelCertificateOrder"),
                       0);
           }},
  };
  acc::run(tc);
}

// Two unsubmitted orders carry the purchase's tag: which one is this resource's cannot be
// told, so none is adopted and nothing is bought; the error names them and the fix.
TEST_F(PaidCertificate, SeveralMatchingOrdersAreNotAdopted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const std::string second =
      "resource \"cloudssl_paid_certificate\" \"q\" {\n"
      "  product_id = 26\n  domain_num = 2\n  common_name = \"www2.example.com\"\n"
      "  other_names = [\"api.example.com\"]\n  company_id = 122\n  manager_id = 99999\n}\n";
  tc.steps = {
      {.config = kUnknownManager + second, .expect_non_empty_plan = true},
      // Both states lost, and q's order given p's tag (as when both were bought for p).
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext& ctx) {
             const acc::State& last = ctx.last_state();
             const std::string p = last.text(kPaid, "id").value_or("");
             const std::string q = last.text("cloudssl_paid_certificate.q", "id").value_or("");
             const json tags = sim.admin("GET", "/certificates/" + p).at("tags");
             json patch = json::array();
             for (const auto& t : tags)
               patch.push_back(
                   {{"TagKey", t.value("key", "")}, {"TagValue", t.value("value", "")}});
             sim.admin("POST", "/certificates/" + q, {{"Tags", patch}});
             ASSERT_TRUE(ctx.workspace().terraform({"state", "rm", kPaid}).ok());
             ASSERT_TRUE(
                 ctx.workspace().terraform({"state", "rm", "cloudssl_paid_certificate.q"}).ok());
           },
       .expect_error = acc::error_like("Several earlier purchases match this certificate.*"
                                       "Certificates \\S+, \\S+ all carry the tag "
                                       "cloudssl-order = [0-9a-f]{16}.*cancel the others",
                                       "product_id")},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 2);
  EXPECT_EQ(sim.calls("CertificateOrderSubmit"), 0);
}

// A create_before_destroy replacement (here of a tainted instance) of an order not submitted
// yet: the replacement adopts that order (same configuration, same tag) and the destroy of the
// deposed instance leaves it alone, instead of cancelling the order the new state points at.
TEST_F(PaidCertificate, AReplacementThatAdoptsTheOrderIsNotCancelledByTheDeposedInstance) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      records_id(paid(kMultiNames + kUnknownManagerBody + kBeforeDestroy), id,
                 /*expect_non_empty_plan=*/true),
      {.config = paid(kMultiNames + kWho + kBeforeDestroy),
       .pre_step =
           [](const acc::StepContext& ctx) {
             ASSERT_TRUE(ctx.workspace().terraform({"taint", kPaid}).ok());
           },
       .plan_check = acc::expect_actions(kPaid, {"create", "delete"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_EQ(s.text(kPaid, "id"), id);
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             const json cert = sim.admin("GET", "/certificates/" + id);
             EXPECT_EQ(cert.value("status", -1), 0) << cert.dump();  // under review, not 7
             EXPECT_EQ(sim.calls("CancelCertificateOrder"), 0);
             EXPECT_EQ(sim.calls("CancelAuditCertificate"), 0);
           }},
  };
  // The instance that holds it cancels it.
  tc.check_destroy = [&](const acc::State&, const acc::StepContext&) {
    EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 7);
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// A purchase that may have been made and was not found, then the configuration edited before
// the next apply (another key): the next create finds the earlier purchase by its coarse tag and
// stops, naming what differs, instead of buying a second certificate; reverted, the order is
// adopted.
TEST_F(PaidCertificate, AConfigurationEditedAfterAnUnconfirmedPurchaseDoesNotBuyAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  faults({{{"action", "CreateCertificate"}, {"drop_reply", true}, {"count", 1}},
          {{"action", "DescribeCertificate"}, {"code", "UnauthorizedOperation"}, {"count", 1}}});
  tc.steps = {
      {.config = kMulti,
       .expect_error = acc::error_like(
           "may have been bought.*keep product_id, domain_num, time_span, common_name, "
           "other_names, csr_type, csr, key_algorithm, key_parameter and verify_type",
           "product_id")},
      {.config = paid(kMultiNames + kWho + kEcc),
       .expect_error = acc::error_like("earlier purchase of this certificate has other details.*"
                                       "key_algorithm \\(bought with RSA\\), key_parameter "
                                       "\\(bought with 2048\\).*Nothing was bought.*Revert",
                                       "key_algorithm")},
      {.config = kMulti,
       .check =
           [&](const acc::State& s) {
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             EXPECT_EQ(paid_certificates(), 1);
           }},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// The next apply's adoption of an unconfirmed purchase fails (its tagging applied but answered
// an error, the owner tag put back): the order is still unconfirmed, so an edit of the
// configuration after it is refused as after the purchase itself, not bought again (an order
// left carrying both purchase tags would count as held).
TEST_F(PaidCertificate, AFailedAdoptionOfAnUnconfirmedPurchaseStillRefusesAnEdit) {
  CLOUDSSL_REQUIRE_PROVIDER();
  faults({{{"action", "CreateCertificate"}, {"drop_reply", true}, {"count", 1}},
          {{"action", "DescribeCertificate"}, {"code", "UnauthorizedOperation"}, {"count", 1}}});
  tc.steps = {
      {.config = kMulti, .expect_error = acc::error_like("may have been bought", "product_id")},
      {.config = kMulti,
       .pre_step =
           [&](const acc::StepContext&) {
             faults({{{"action", "ModifyResourceTags"},
                      {"code", "FailedOperation"},
                      {"code_after_run", true},
                      {"count", 1}}});
           },
       .expect_error = acc::error_like("Could not adopt the earlier purchase", "product_id")},
      {.config = paid(kMultiNames + kWho + kEcc),
       .expect_error = acc::error_like(
           "earlier purchase of this certificate has other details.*Nothing was bought",
           "key_algorithm")},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  ASSERT_EQ(paid_certificates(), 1);
  EXPECT_EQ(tags(paid_ids().front()).count("cloudssl-purchase-held"), 0u);
}

// An order not submitted yet whose key is changed (an update: nothing is certified yet) is
// re-tagged: should its state be lost afterwards, the create with the new key finds it.
TEST_F(PaidCertificate, AnUnsubmittedOrderEditedThenLostIsFoundByItsNewTags) {
  CLOUDSSL_REQUIRE_PROVIDER();
  std::string id;
  tc.steps = {
      records_id(kUnknownManager, id, /*expect_non_empty_plan=*/true),
      {.config = paid(kMultiNames + kUnknownManagerBody + kEcc),
       .expect_non_empty_plan = true,
       .plan_check = acc::expect_actions(kPaid, {"update"})},
      after_lost_state(paid(kMultiNames + kWho + kEcc),
                       [&](const acc::State& s) {
                         EXPECT_EQ(s.text(kPaid, "id"), id);
                         EXPECT_TRUE(s.text(kPaid, "order_id"));
                         EXPECT_EQ(s.text(kPaid, "key_parameter"), "prime256v1");
                       }),
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// Ctrl-C while the purchase's answer is on its way (the API bought, its reply is slow): the
// apply says the certificate may have been bought and that the next apply looks for it by its
// tag; the next apply finds it there and buys nothing.
TEST_F(PaidCertificate, AnApplyInterruptedDuringThePurchaseSaysItMayHaveBought) {
  CLOUDSSL_REQUIRE_PROVIDER();
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.write_providers_tf();
  ws.write("main.tf", kMulti);
  faults({{{"action", "CreateCertificate"}, {"latency_ms", 20000}, {"count", 1}}});
  const auto apply = ws.start({"apply", "-auto-approve"});
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (paid_certificates() < 1) {  // bought; its answer waits
    ASSERT_LT(std::chrono::steady_clock::now(), give_up) << "the apply never bought";
    std::this_thread::yield();
  }
  apply->interrupt();
  const acc::CommandResult stopped = apply->wait(std::chrono::seconds(60));
  ASSERT_FALSE(stopped.timed_out) << "terraform did not stop";
  EXPECT_NE(stopped.exit_code, 0);
  EXPECT_TRUE(acc::matches_error(
      stopped, acc::error_like("Interrupted during the purchase: the certificate may have been "
                               "bought.*looks for the purchase by its tag cloudssl-order = "
                               "[0-9a-f]{16}")))
      << stopped.text();

  const acc::CommandResult again = ws.terraform({"apply", "-auto-approve"});
  ASSERT_TRUE(again.ok()) << again.text();
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  EXPECT_EQ(paid_certificates(), 1);
  EXPECT_TRUE(ws.terraform({"destroy", "-auto-approve"}).ok());
}

TEST_F(PaidCertificate, AnOrderSubmissionWhoseAnswerIsLostIsTaken) {
  CLOUDSSL_REQUIRE_PROVIDER();
  // CertificateOrderSubmit runs, then its answer is lost; the retry hears that the order is
  // being processed.
  faults({{{"action", "CertificateOrderSubmit"}, {"drop_reply", true}, {"count", 1}}});
  tc.steps = {{.config = kMulti, .check = [&](const acc::State& s) {
                 const std::string id = s.text(kPaid, "id").value_or("");
                 ASSERT_FALSE(id.empty());
                 const std::string order =
                     sim.admin("GET", "/certificates/" + id).at("paid").value("order_id", "");
                 ASSERT_FALSE(order.empty());
                 EXPECT_EQ(s.text(kPaid, "order_id"), order);
                 EXPECT_EQ(sim.calls("CertificateOrderSubmit"), 2);
               }}};
  acc::run(tc);
}

TEST_F(PaidCertificate, APurchaseWhoseAnswerIsLostIsNotBoughtAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  faults({{{"action", "CreateCertificate"}, {"drop_reply", true}}});
  tc.steps = {{.config = kMulti, .check = [&](const acc::State& s) {
                 EXPECT_TRUE(s.text(kPaid, "order_id"));
                 EXPECT_EQ(sim.calls("CreateCertificate"), 1);
                 EXPECT_EQ(paid_certificates(), 1);
               }}};
  acc::run(tc);
}

// "Internal error, try later" after the API bought: the purchase is looked up by its tag and
// found, not sent again.
TEST_F(PaidCertificate, APurchaseAnsweredWithAnInternalErrorIsFoundNotBoughtAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  faults({{{"action", "CreateCertificate"},
           {"code", "InternalError"},
           {"code_after_run", true},
           {"count", 1}}});
  tc.steps = {{.config = kMulti, .check = [&](const acc::State& s) {
                 EXPECT_TRUE(s.text(kPaid, "order_id"));
                 EXPECT_EQ(sim.calls("CreateCertificate"), 1);
                 EXPECT_EQ(paid_certificates(), 1);
               }}};
  acc::run(tc);
}

// The purchase's answer is lost and looking it up fails: the apply fails saying it may have
// bought (not buying again), and the next apply finds it by its tag and continues it.
TEST_F(PaidCertificate, AnUnconfirmedPurchaseFailsAndTheNextApplyContinuesIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  // Before buying, the tag lookup lists nothing; after the lost answer it lists the purchase,
  // and reading its order (DescribeCertificate) is refused once.
  faults({{{"action", "CreateCertificate"}, {"drop_reply", true}, {"count", 1}},
          {{"action", "DescribeCertificate"}, {"code", "UnauthorizedOperation"}, {"count", 1}}});
  tc.steps = {
      {.config = kMulti,
       .expect_error = acc::error_like(
           "may have been bought.*not sent again.*looks for the purchase by its tag "
           "cloudssl-order = [0-9a-f]{16}",
           "product_id")},
      {.config = kMulti,
       .plan_check = acc::expect_actions(kPaid, {"create"}),
       .check =
           [&](const acc::State& s) {
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             EXPECT_EQ(paid_certificates(), 1);
           }},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// A package of benefit points: `balance` points left.
void seed_package(SimulatorProcess& sim, int balance) {
  sim.admin("POST", "/seed",
            {{"packages",
              {{{"PackageId", "J880000867"},
                {"Status", "usable"},
                {"Balance", balance},
                {"Total", 100},
                {"Type", "ssl_100"}}}}});
}

int package_balance(SimulatorProcess& sim) {
  const json state = sim.admin("GET", "/state");  // alive through the loop
  for (const auto& p : state.at("packages"))
    if (p.value("PackageId", "") == "J880000867") return p.value("Balance", -1);
  return -1;
}

const std::string kByPackage = paid(
    "  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
    "  other_names = [\"api.example.com\"]\n  company_id = 122\n  manager_id = 36383\n"
    "  package_ids = [\"J880000867\"]\n");

TEST_F(PaidCertificate, BenefitPointsPayWithCreateCertificateByPackage) {
  CLOUDSSL_REQUIRE_PROVIDER();
  seed_package(sim, 10);
  tc.steps = {
      {.config = kByPackage,
       .check =
           [&](const acc::State& s) {
             EXPECT_TRUE(s.text(kPaid, "order_id"));
             EXPECT_FALSE(s.text(kPaid, "deal_id"));  // nothing charged: no deal
             const json* records = s.attribute(kPaid, "dv_auths");
             ASSERT_TRUE(records && records->size() == 2u) << (records ? records->dump() : "");
             EXPECT_EQ(package_balance(sim), 8);  // 2 names, 1 year
             EXPECT_EQ(sim.calls("CreateCertificateByPackage"), 1);
             EXPECT_EQ(sim.calls("CreateCertificate"), 0);
           }},
      // package_ids only paid the purchase: another value later (the package used up, the
      // configuration naming the next one) plans no change.
      {.config = paid("  product_id = 26\n  domain_num = 2\n  common_name = \"www.example.com\"\n"
                      "  other_names = [\"api.example.com\"]\n  company_id = 122\n"
                      "  manager_id = 36383\n  package_ids = [\"J880000999\"]\n"),
       .plan_only = true}};
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificateByPackage"), 1);
}

TEST_F(PaidCertificate, APackagePurchaseWhoseAnswerIsLostIsNotBoughtAgain) {
  CLOUDSSL_REQUIRE_PROVIDER();
  seed_package(sim, 10);
  faults({{{"action", "CreateCertificateByPackage"}, {"drop_reply", true}, {"count", 1}}});
  tc.steps = {{.config = kByPackage, .check = [&](const acc::State& s) {
                 EXPECT_TRUE(s.text(kPaid, "order_id"));
                 EXPECT_EQ(sim.calls("CreateCertificateByPackage"), 1);
                 EXPECT_EQ(package_balance(sim), 8);  // spent once
               }}};
  acc::run(tc);
}

TEST_F(PaidCertificate, PackagesThatCannotPayAreAnErrorOnPackageIds) {
  CLOUDSSL_REQUIRE_PROVIDER();
  seed_package(sim, 1);  // 2 names cost 2 points
  tc.steps = {
      {.config = kByPackage,
       .expect_error = acc::error_like("packages cannot pay.*FailedOperation.TradeError.*The "
                                       "purchase was refused and nothing was bought",
                                       "package_ids")},
      // A product not sold for points is refused at plan.
      {.config = paid("  product_id = 102\n  common_name = \"a.example.com\"\n"
                      "  company_id = 122\n  manager_id = 36383\n"
                      "  package_ids = [\"J880000867\"]\n"),
       .plan_only = true,
       .expect_error = acc::error_like("cannot be bought with a package's points", "package_ids")},
  };
  acc::run(tc);
  EXPECT_EQ(package_balance(sim), 1);
  const json state = sim.admin("GET", "/state");
  EXPECT_EQ(state.at("certificates").size(), 0u);
}

TEST_F(PaidCertificate, AFailedReviewIsResubmittedOnTheNextApply) {
  CLOUDSSL_REQUIRE_PROVIDER();
  issue_at_once();
  certs::fail_reviews(sim, "shop.example.com", "organisation not verified", 1);
  const std::string tf = paid(
      "  product_id = 14\n  common_name = \"shop.example.com\"\n  company_id = 122\n"
      "  manager_id = 36383\n");
  std::string id;
  auto validate = [&](const acc::StepContext& ctx) {
    id = ctx.last_state().text(kPaid, "id").value_or("");
    sim.admin("POST", "/certificates/" + id + "/validate");
  };
  tc.steps = {
      {.config = tf},
      // The review fails: the plan says so and resubmits.
      {.config = tf,
       .pre_step = validate,
       .plan_check = acc::all_plan(
           {acc::expect_actions(kPaid, {"update"}), acc::expect_unknown(kPaid, "order_id")}),
       .check = acc::all(
           {acc::attr_equals(kPaid, "status", "0"), acc::attr_set(kPaid, "order_id"),
            [&](const acc::State& s) {
              EXPECT_EQ(s.text(kPaid, "order_id"),
                        sim.admin("GET", "/certificates/" + id).at("paid").value("order_id", ""));
            }})},
      {.config = tf, .pre_step = validate, .plan_only = true, .expect_non_empty_plan = false},
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 1);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}

// A review refused with seed 004's message 4 (the organisation's information failed the CA's
// review): the plan's warning keeps the API's text, points at the organisation's attribute
// (company_id here) with the fix, and says that the unchanged configuration would likely be
// refused again; with the contact fixed (another manager) it does not, the apply resubmits,
// the order is validated and issued, and the next plan is empty.
TEST_F(PaidCertificate, AFailedReviewNamesTheAttributeAndTheFixThenTheFixIsResubmitted) {
  CLOUDSSL_REQUIRE_PROVIDER();
  issue_at_once();
  certs::seed_company(sim, {{36383, "ada@example.com"}, {36384, "bo@example.com"}});
  const std::string& refused = certs::kOrganisationRefused;
  certs::fail_reviews(sim, "org.example.com", refused, 1);
  auto config = [](const std::string& manager) {
    return paid(
        "  product_id = 14\n  common_name = \"org.example.com\"\n  company_id = 122\n"
        "  manager_id = " +
        manager + "\n");
  };
  const auto ws = workspace(config("36383"));
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  sim.admin("POST", "/certificates/" + id + "/validate");  // the review fails

  const acc::CommandResult same = ws->terraform({"plan", "-json"});
  ASSERT_TRUE(same.ok()) << same.text();
  const acc::Diagnostic* d = diagnostic(same, "warning", "ended: " + refused);
  ASSERT_TRUE(d) << same.text();
  EXPECT_NE(d->summary.find("concerns company_id, organisation, manager_id"), std::string::npos)
      << d->summary;
  EXPECT_NE(d->snippet.find("company_id"), std::string::npos) << d->snippet;
  EXPECT_NE(d->detail.find("Correct the organisation (company_id, or organisation) and the "
                           "contacts (manager_id, or admin and tech)"),
            std::string::npos)
      << d->detail;
  EXPECT_NE(d->detail.find("has not changed since the refused submission"), std::string::npos)
      << d->detail;

  ws->write("main.tf", config("36384"));
  const acc::CommandResult fixed = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(fixed.ok()) << fixed.text();
  const acc::Diagnostic* again = diagnostic(fixed, "warning", "ended: " + refused);
  ASSERT_TRUE(again) << fixed.text();
  EXPECT_EQ(again->detail.find("has not changed"), std::string::npos) << again->detail;
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 1);
  const json cert = sim.admin("GET", "/certificates/" + id);
  EXPECT_EQ(cert.value("status", -1), 0);  // under review again
  EXPECT_EQ(cert.at("paid").at("submitted").value("AdminEmail", ""), "bo@example.com");

  sim.admin("POST", "/certificates/" + id + "/validate");  // this review passes
  const acc::CommandResult next = ws->terraform({"plan", "-json", "-detailed-exitcode"});
  EXPECT_EQ(next.exit_code, 0) << next.text();  // 0: no changes
  EXPECT_FALSE(diagnostic(next, "warning", "ended"));
  EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 1);  // issued
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

// A change recorded while the order was under review (not submitted) and then refused by the
// review: the state holds what was not submitted, so the plan does not claim that the
// configuration is the refused submission; the apply submits it.
TEST_F(PaidCertificate, AChangeRecordedUnderReviewIsNotTakenForTheRefusedSubmission) {
  CLOUDSSL_REQUIRE_PROVIDER();
  issue_at_once();
  const std::string refused = "订单审核失败";
  certs::fail_reviews(sim, "rec.example.com", refused, 1);
  auto config = [](const std::string& email) {
    return paid(
        "  product_id = 14\n  common_name = \"rec.example.com\"\n  company_id = 122\n"
        "  manager_id = 36383\n  contact_email = \"" +
        email + "\"\n");
  };
  const auto ws = workspace(config("a@example.com"));
  const std::string id = bought(*ws);
  ASSERT_FALSE(id.empty());
  ws->write("main.tf", config("b@example.com"));  // recorded only: the order is under review
  const acc::CommandResult recorded = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(recorded.ok()) << recorded.text();
  ASSERT_TRUE(diagnostic(recorded, "warning", "Recorded only")) << recorded.text();
  sim.admin("POST", "/certificates/" + id + "/validate");  // the review fails

  const acc::CommandResult plan = ws->terraform({"plan", "-json"});
  ASSERT_TRUE(plan.ok()) << plan.text();
  const acc::Diagnostic* d = diagnostic(plan, "warning", "ended: " + refused);
  ASSERT_TRUE(d) << plan.text();
  EXPECT_NE(d->detail.find("ask Tencent support"), std::string::npos) << d->detail;
  EXPECT_EQ(d->detail.find("has not changed"), std::string::npos) << d->detail;
  EXPECT_TRUE(ws->terraform({"apply", "-auto-approve"}).ok());
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 1);
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

// An order waiting for its confirmation letter (status 8, the simulator's confirm_letters): the
// validation's wait stops at once with an error naming the status and the fix (the letter is
// uploaded in the console) instead of running into its timeout; the plan of the paid
// certificate changes nothing (no resubmission) and warns where to upload the letter. Once the
// letter is in (the simulator's admin endpoint, as the console's upload), the next apply waits
// for issuance and the plan after it is empty.
TEST_F(PaidCertificate, AnOrderWaitingForItsConfirmationLetterSaysWhereToUploadIt) {
  CLOUDSSL_REQUIRE_PROVIDER();
  issue_at_once();
  sim.admin("POST", "/tasks/config",
            {{"confirm_letters", {{{"match", "letter.example.com"}, {"times", 1}}}}});
  const std::string tf =
      paid(
          "  product_id = 14\n  common_name = \"letter.example.com\"\n  company_id = 122\n"
          "  manager_id = 36383\n") +
      kWaitConfig;
  const auto ws = workspace(tf);
  const acc::CommandResult waited = ws->terraform({"apply", "-auto-approve", "-json"});
  EXPECT_FALSE(waited.ok());
  const acc::Diagnostic* stop =
      diagnostic(waited, "error", "needs action: it is waiting for a confirmation letter");
  ASSERT_TRUE(stop) << waited.text();
  EXPECT_NE(stop->detail.find("waiting for a confirmation letter (status 8)"), std::string::npos)
      << stop->detail;
  EXPECT_NE(stop->detail.find("Upload the certificate's confirmation letter"), std::string::npos)
      << stop->detail;
  EXPECT_NE(stop->detail.find("https://console.cloud.tencent.com/ssl"), std::string::npos);
  const std::string id = acc::State(ws->show_json()).text(kPaid, "id").value_or("");
  ASSERT_FALSE(id.empty());
  EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 8);

  const acc::CommandResult plan = ws->terraform({"plan", "-json", "-out=tfplan"});
  ASSERT_TRUE(plan.ok()) << plan.text();
  const acc::Diagnostic* letter =
      diagnostic(plan, "warning", "waits for its confirmation letter (status 8)");
  ASSERT_TRUE(letter) << plan.text();
  EXPECT_NE(letter->detail.find("https://console.cloud.tencent.com/ssl"), std::string::npos);
  const acc::Plan saved(ws->show_json("tfplan"));
  EXPECT_EQ(saved.actions(kPaid), std::vector<std::string>{"no-op"});
  EXPECT_EQ(saved.actions(kWait), std::vector<std::string>{"create"});

  sim.admin("POST", "/certificates/" + id + "/confirm-letter");  // uploaded in the console
  sim.admin("POST", "/certificates/" + id + "/validate");
  const acc::CommandResult issued = ws->terraform({"apply", "-auto-approve", "-json"});
  ASSERT_TRUE(issued.ok()) << issued.text();
  EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 1);
  const acc::CommandResult next = ws->terraform({"plan", "-json", "-detailed-exitcode"});
  EXPECT_EQ(next.exit_code, 0) << next.text();
  EXPECT_EQ(sim.calls("ModifyCertificateResubmit"), 0);
  EXPECT_EQ(sim.calls("CertificateOrderSubmit"), 1);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
  EXPECT_TRUE(ws->terraform({"destroy", "-auto-approve"}).ok());
}

TEST_F(PaidCertificate, BadInputIsRefusedAtPlan) {
  CLOUDSSL_REQUIRE_PROVIDER();
  const std::string who = "  company_id = 122\n  manager_id = 36383\n";
  auto step = [](std::string config, std::string pattern, std::string attribute) {
    return acc::Step{.config = std::move(config),
                     .plan_only = true,
                     .expect_error = acc::error_like(std::move(pattern), std::move(attribute))};
  };
  tc.steps = {
      step(paid("  product_id = 999\n  common_name = \"a.example.com\"\n" + who),
           "not in CreateCertificate's product list", "product_id"),
      step(paid("  product_id = 14\n  domain_num = 3\n  common_name = \"a.example.com\"\n" + who),
           "covers one name", "domain_num"),
      step(paid("  product_id = 14\n  common_name = \"*.example.com\"\n" + who), "does not certify",
           "common_name"),
      step(paid("  product_id = 26\n  domain_num = 2\n  common_name = \"a.example.com\"\n" + who),
           // Not in the configuration: Terraform points at the resource block.
           "list the names besides common_name", ""),
      step(paid("  product_id = 105\n  time_span = 2\n  common_name = \"a.example.com\"\n" + who),
           "one year at a time", "time_span"),
      step(paid("  product_id = 101\n  common_name = \"a.example.com\"\n" + who),
           "CFCA products are not supported.*identity documents", "product_id"),
      step(paid("  product_id = 14\n  common_name = \"a.example.com\"\n  manager_id = 36383\n"
                "  organisation = {\n    name = \"\"\n    division = \"IT\"\n"
                "    address = \"1 Road\"\n    country = \"CN\"\n    city = \"Shenzhen\"\n"
                "    region = \"Guangdong\"\n    phone_area = \"0755\"\n"
                "    phone_number = \"86013388\"\n  }\n"),
           // A nested attribute: Terraform points at the resource block.
           "`organisation.name` must not be empty", ""),
      step(paid("  product_id = 14\n  company_type = 1\n  contact_email = \"me@example.com\"\n"
                "  common_name = \"a.example.com\"\n"),
           "individual cannot order OV", "company_type"),
      step(paid("  product_id = 14\n  common_name = \"a.example.com\"\n  company_id = 122\n"),
           "Without manager_id the order names the administrator: set the admin block", ""),
      step(paid("  product_id = 14\n  common_name = \"a.example.com\"\n  key_algorithm = "
                "\"ECC\"\n  key_parameter = \"2048\"\n" +
                who),
           "prime256v1", "key_parameter"),
  };
  acc::run(tc);
  EXPECT_EQ(sim.calls("CreateCertificate"), 0);
}

// examples/paid_certificate works as written: the certificate first (its records published
// elsewhere, here the simulator's validation), then the wait for issuance; an empty plan; a
// clean destroy.
TEST_F(PaidCertificate, TheExampleWorksAsWritten) {
  CLOUDSSL_REQUIRE_PROVIDER();
  acc::Workspace ws = certs::simulator_workspace(sim.endpoint());
  ws.copy_files(certs::example_dir("paid_certificate"));
  const std::vector<std::string> var = {"-input=false", "-var", "company_id=122"};
  auto args = [&](std::vector<std::string> command) {
    command.insert(command.end(), var.begin(), var.end());
    return command;
  };

  auto bought =
      ws.terraform(args({"apply", "-auto-approve", "-target=cloudssl_paid_certificate.shop"}));
  ASSERT_TRUE(bought.ok()) << bought.text();
  std::string id;
  const json state = sim.admin("GET", "/state");  // alive through the loop
  for (const auto& c : state.at("certificates"))
    if (c.value("is_paid", false)) id = c.value("id", "");
  ASSERT_FALSE(id.empty());
  sim.admin("POST", "/certificates/" + id + "/validate");

  auto applied = ws.terraform(args({"apply", "-auto-approve"}));
  ASSERT_TRUE(applied.ok()) << applied.text();
  EXPECT_EQ(sim.admin("GET", "/certificates/" + id).value("status", -1), 1);
  auto replan = ws.terraform(args({"plan", "-detailed-exitcode"}));
  EXPECT_EQ(replan.exit_code, 0) << "the plan after apply is not empty:\n" << replan.text();
  auto destroyed = ws.terraform(args({"destroy", "-auto-approve"}));
  EXPECT_TRUE(destroyed.ok()) << destroyed.text();
  EXPECT_THROW(sim.admin("GET", "/certificates/" + id), std::runtime_error);
  EXPECT_EQ(sim.calls("CreateCertificate"), 1);
}
