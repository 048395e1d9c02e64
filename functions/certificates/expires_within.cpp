// provider::cloudssl::expires_within(pem, duration): whether the leaf certificate's not_after
// falls within `duration` from now (or has passed). For checks, preconditions and outputs
// such as "renew when fewer than 30 days are left".
//
// The answer depends on the clock, like Terraform's own timestamp(): Terraform records a
// function's result in the plan and expects the same at apply, so a certificate that crosses
// the threshold between plan and apply makes that apply fail with an inconsistency error; plan
// again. The docs say so.
#include <chrono>
#include <string>
#include <vector>

#include "functions/certificates/factories.h"
#include "functions/certificates/pem_argument.h"
#include "provider/framework/schema.h"

namespace cloudssl::certificates {
namespace {

using codec::Type;
using codec::Value;
using framework::FunctionError;

class ExpiresWithin final : public framework::Function {
 public:
  framework::FunctionSignature signature() const override {
    return {.parameters = {{.name = "pem",
                            .type = Type::string(),
                            .description = "A PEM certificate, or a chain with the leaf first."},
                           {.name = "duration",
                            .type = Type::string(),
                            .description =
                                "How far ahead to look, in Go's duration syntax: `\"720h\"` (30 "
                                "days), `\"1h30m\"`, `\"0s\"` (already expired). There is no day "
                                "unit, and the duration must not be negative."}},
            .return_type = Type::boolean(),
            .summary = "Whether a certificate expires within a duration from now.",
            .description =
                "Returns `true` when the first (leaf) certificate of `pem` is no longer valid "
                "`duration` from now, that is when its `not_after` is at most now + `duration` "
                "(so `true` as well for a certificate that has already expired). The result "
                "depends on the current time, like Terraform's `timestamp()`. Needs no "
                "credentials and calls no API (Terraform 1.8 and later, OpenTofu 1.7 and later)."};
  }

  Value call(const std::vector<Value>& arguments) const override {
    const std::string& duration_text = arguments.at(1).as_string();
    const auto duration = parse_nonnegative(duration_text);
    if (!duration) {
      throw FunctionError("duration \"" + duration_text +
                              "\" is not a non-negative Go duration; write for example "
                              "\"720h\" for 30 days, \"90m\" or \"0s\".",
                          1);
    }
    const auto facts = parse_pem_argument(arguments.at(0)).facts(0);
    return Value::boolean(facts.not_after <= std::chrono::system_clock::now() + *duration);
  }

 private:
  static std::optional<std::chrono::milliseconds> parse_nonnegative(const std::string& text) {
    if (!text.empty() && text.front() == '-') return std::nullopt;
    return framework::parse_duration(text);
  }
};

}  // namespace

std::shared_ptr<framework::Function> make_expires_within_function() {
  return std::make_shared<ExpiresWithin>();
}

}  // namespace cloudssl::certificates
