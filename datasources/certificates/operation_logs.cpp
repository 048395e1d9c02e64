// cloudssl_certificate_operation_logs: the account's certificate audit log
// (DescribeCertificateOperateLogs): who applied for, uploaded, deleted, revoked, ... which
// certificate and when, in a time window (the API's default: the last 15 days), every page
// (1000 per call), optionally narrowed to one certificate and to some operation types.
#include <algorithm>
#include <ctime>
#include <memory>
#include <regex>
#include <set>

#include "api/tencent/ssl/operate_log_actions.h"
#include "datasources/certificates/factories.h"
#include "lib/pem/pem.h"
#include "provider/framework/optional_argument.h"
#include "provider/framework/read_only_fields.h"
#include "provider/framework/resource.h"
#include "provider/framework/validators.h"
#include "provider/framework/value_helpers.h"
#include "resources/certificates/certificate_values.h"
#include "resources/common/call_options.h"
#include "resources/common/provider_data.h"
#include "resources/common/schema_names.h"

namespace cloudssl::certificates {
namespace {

using namespace common::schema_names;

// The operation types the API documents (OperationLog.Type), and the two its examples show
// for what the CA does (issued, revoked).
const std::vector<std::string> kTypes = {"apply",
                                         "delete",
                                         "download",
                                         "upload",
                                         "revoke",
                                         "cancelRevoke",
                                         "updateAlias",
                                         "changeProject",
                                         "uploadConfirmLetter",
                                         "cancel",
                                         "replace",
                                         "downloadConfirmLetter",
                                         "editRevokeLetter",
                                         "renewVIP",
                                         "applyVIP",
                                         "submitInfo",
                                         "issued",
                                         "revoked"};

const framework::ResultFields& log_fields() {
  static const framework::ResultFields fields{
      {"certificate_id", Type::string(), "The certificate operated on."},
      {"type", Type::string(), "The operation (apply, upload, delete, revoke, ...)."},
      {"action", Type::string(), "The API's description of the operation."},
      {"created_on", Type::string(), "When (RFC 3339, UTC)."},
      {"uin", Type::string(), "The account."},
      {"sub_account_uin", Type::string(),
       "Who did it: the (sub-)account, or \"--\" for the CA or the service."},
  };
  return fields;
}

// The window the API uses when StartTime is not sent.
constexpr std::chrono::hours kDefaultWindow{15 * 24};

// RFC 3339 as the API's "yyyy-mm-dd hh:mm:ss" in Beijing time (UTC+8).
std::string api_time_text(std::chrono::system_clock::time_point t) {
  const std::time_t beijing = std::chrono::system_clock::to_time_t(t) + 8 * 3600;
  std::tm tm{};
  gmtime_r(&beijing, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

struct Window {
  std::optional<std::chrono::system_clock::time_point> start, end;
};

// One bound of the window, or an error on its attribute saying how to write it.
std::optional<std::chrono::system_clock::time_point> window_bound(const std::string& name,
                                                                  const std::string& text,
                                                                  Diagnostics& d) {
  if (auto t = pem::parse_rfc3339(text)) return t;
  // Well formed but outside what the provider's clock holds (64-bit nanoseconds since 1970):
  // say so rather than "not an RFC 3339 time".
  static const std::regex kShape(R"(^(\d{4})-\d\d-\d\dT\d\d:\d\d:\d\d(Z|\+00:00)$)");
  std::smatch m;
  if (std::regex_match(text, m, kShape)) {
    d.error("Invalid " + name,
            "\"" + text + "\" is outside the times the provider handles (" +
                pem::rfc3339(std::chrono::system_clock::time_point::min()) + " to " +
                pem::rfc3339(std::chrono::system_clock::time_point::max()) +
                "). The log holds only what already happened: use a time up to now" +
                (name == "end_time" ? ", or leave end_time unset (now)." : "."),
            Path::root(name));
    return std::nullopt;
  }
  d.error("Invalid " + name,
          "\"" + text + "\" is not an RFC 3339 time in UTC. Write it like 2026-12-01T00:00:00Z.",
          Path::root(name));
  return std::nullopt;
}

// The window's bounds that are known, checked against each other and against now: a window
// that can hold no entry is an error on the attribute that makes it so.
Window check_window(const Value& config, Diagnostics& d) {
  Window w;
  for (const char* name : {"start_time", "end_time"}) {
    const Value& value = config.at(name);
    if (!value.is_known() || value.is_null()) continue;
    (std::string(name) == "start_time" ? w.start : w.end) =
        window_bound(name, value.as_string(), d);
  }
  const auto now = std::chrono::system_clock::now();
  if (w.start && *w.start > now)
    d.error("Time window in the future",
            "start_time " + pem::rfc3339(*w.start) +
                " is later than now: the log holds only what already happened, so the window "
                "is empty. Use a past time, or leave start_time unset (15 days ago).",
            Path::root("start_time"));
  else if (w.start && w.end && *w.start > *w.end)
    d.error("Empty time window", "start_time is after end_time: swap them.",
            Path::root("start_time"));
  if (!w.start && config.at("start_time").is_null() && w.end && *w.end < now - kDefaultWindow)
    d.error("Empty time window",
            "end_time " + pem::rfc3339(*w.end) +
                " is before the default start_time (15 days ago), so the window is empty. Set "
                "start_time too.",
            Path::root("end_time"));
  return w;
}

class OperationLogs final : public framework::DataSource {
 public:
  framework::Schema schema() const override {
    return {
        .block = {
            .attributes =
                {
                    framework::optional_argument("start_time", Type::string(),
                                                 "Start of the window (RFC 3339 in UTC, e.g. "
                                                 "2026-12-01T00:00:00Z); 15 days ago when unset."),
                    framework::optional_argument(
                        "end_time", Type::string(),
                        "End of the window (RFC 3339 in UTC); now when unset."),
                    framework::optional_argument("certificate_id", Type::string(),
                                                 "Only the entries of this certificate.",
                                                 {v::non_empty()}),
                    framework::optional_argument("types", Type::set(Type::string()),
                                                 "Only entries of these operation types.",
                                                 {v::size_at_least(1), v::each(v::one_of(kTypes))}),
                    framework::read_only("id", Type::string(),
                                         "An id for this lookup (the window and filters)."),
                    framework::read_only("logs", log_fields().attributes(),
                                         framework::Nesting::List, "The entries, newest first."),
                },
            .description = "The account's certificate operation log (audit): who did what to "
                           "which certificate, and when."}};
  }

  void validate(const framework::ValidateRequest& req, Diagnostics& d) const override {
    check_window(req.config, d);
  }

  Value read(const framework::DataSourceReadRequest& req, Diagnostics& d) const override {
    // Validate saw unknown values as unknown: the same checks on the known ones.
    const Window window = check_window(req.config, d);
    if (d.has_errors()) return Value::null(req.config.type());
    api::OperateLogsRequest request;
    if (window.start) request.start_time = api_time_text(*window.start);
    if (window.end) request.end_time = api_time_text(*window.end);
    const auto only = req.config.get_string("certificate_id");
    std::set<std::string> types;
    if (!req.config.at("types").is_null())
      for (const auto& t : framework::strings_of(req.config.at("types"))) types.insert(t);

    std::vector<Value> out;
    for (const auto& l : api::describe_all_certificate_operate_logs(
             common::ssl_client(req.ctx), request, common::call_options(req.ctx))) {
      if (only && l.cert_id != *only) continue;
      if (!types.empty() && !types.count(l.type)) continue;
      out.push_back(Value::object(log_fields().type(),
                                  {{"certificate_id", Value::string(l.cert_id)},
                                   {"type", Value::string(l.type)},
                                   {"action", Value::string(l.action)},
                                   {"created_on", api_time_value(l.created_on)},
                                   {"uin", Value::string(l.uin)},
                                   {"sub_account_uin", Value::string(l.sub_account_uin)}}));
    }
    std::string id = request.start_time + "/" + request.end_time + "/" + only.value_or("");
    for (const auto& t : types) id += "/" + t;
    return req.config.with("id", Value::string(id))
        .with("logs", Value::list(log_fields().type(), std::move(out)));
  }
};

}  // namespace

std::shared_ptr<framework::DataSource> make_certificate_operation_logs_data_source() {
  return std::make_shared<OperationLogs>();
}

}  // namespace cloudssl::certificates
