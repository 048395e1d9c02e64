// provider::fixture::shout(text) = upper-case text + "!" (an argument error for text
// containing "forbidden"), and the ephemeral resource fixture_token (a random hex value that
// never reaches plan or state: usable in provider blocks and write-only arguments).
#include <algorithm>
#include <cctype>
#include <random>

#include "tests/fixture_provider/fixture.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

class ShoutFunction final : public Function {
 public:
  FunctionSignature signature() const override {
    return FunctionSignature{
        .parameters = {{.name = "text", .type = Type::string(), .description = "What to shout."}},
        .return_type = Type::string(),
        .summary = "Upper-cases text and adds an exclamation mark.",
        .description = "Fails for text containing \"forbidden\"."};
  }
  Value call(const std::vector<Value>& arguments) const override {
    std::string text = arguments.at(0).as_string();
    if (text.find("forbidden") != std::string::npos) {
      throw FunctionError("text must not contain \"forbidden\"", 0);
    }
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return Value::string(text + "!");
  }
};

class TokenEphemeralResource final : public EphemeralResource {
 public:
  Schema schema() const override {
    return Schema{
        .block = {
            .attributes = {
                {.name = "length", .type = Type::number(), .required = true},
                {.name = "value", .type = Type::string(), .computed = true, .sensitive = true},
            }}};
  }
  void validate(const ValidateRequest& request, Diagnostics& diagnostics) const override {
    const Value& length = request.config.at("length");
    if (length.is_known() && !length.is_null()) {
      const auto n = length.as_number().to_int64();
      if (!n || *n < 1 || *n > 64) {
        diagnostics.error("Invalid length", "length must be an integer from 1 to 64.",
                          Path::root("length"));
      }
    }
  }
  EphemeralOpenResult open(const EphemeralOpenRequest& request, Diagnostics&) const override {
    const auto length = *request.config.get_int("length");
    static constexpr char kHex[] = "0123456789abcdef";
    std::random_device rd;
    std::string value;
    for (std::int64_t i = 0; i < length; ++i) value += kHex[rd() % 16];
    EphemeralOpenResult result{.result = request.config.with("value", Value::string(value)),
                               .private_state = {},
                               .renew_at = std::nullopt};
    return result;
  }
};

}  // namespace

std::shared_ptr<Function> make_shout_function() { return std::make_shared<ShoutFunction>(); }
std::shared_ptr<EphemeralResource> make_token_ephemeral_resource() {
  return std::make_shared<TokenEphemeralResource>();
}

}  // namespace cloudssl::fixture
