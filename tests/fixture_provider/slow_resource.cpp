// fixture_slow: create waits `delay_seconds` on the cancellation token. StopProvider cancels
// it ("operation cancelled"); the `timeouts.create` deadline ends it too ("timed out"). It
// needs no store, so protocol tests can drive it without configuring the provider.
#include <algorithm>
#include <random>
#include <sstream>

#include "tests/fixture_provider/fixture.h"

namespace cloudssl::fixture {
using namespace framework;

namespace {

class SlowResource final : public Resource {
 public:
  Schema schema() const override {
    return Schema{.block = {.attributes =
                                {
                                    id_attribute(),
                                    {.name = "delay_seconds",
                                     .type = Type::number(),
                                     .required = true,
                                     .description = "How long create takes."},
                                },
                            .blocks = {timeouts_block({"create", "delete"})}}};
  }

  void validate(const ValidateRequest& request, Diagnostics& diagnostics) const override {
    const Value& delay = request.config.at("delay_seconds");
    if (delay.is_known() && !delay.is_null() && delay.as_number().to_double() < 0) {
      diagnostics.error("Invalid delay", "delay_seconds must not be negative.",
                        Path::root("delay_seconds"));
    }
  }

  Value create(const CreateRequest& request, Diagnostics& diagnostics) override {
    const auto delay = std::chrono::milliseconds(static_cast<std::int64_t>(
        request.planned.at("delay_seconds").as_number().to_double() * 1000));
    const auto start = std::chrono::steady_clock::now();
    const auto done = start + delay;
    const auto until = std::min(done, request.ctx.deadline);
    if (request.ctx.cancel.wait_until(until)) {
      diagnostics.error("operation cancelled",
                        "fixture_slow: the create was cancelled (StopProvider) before it "
                        "finished.");
      return Value::null(implied_type(schema()));
    }
    if (until < done) {
      diagnostics.error("timed out",
                        "fixture_slow: the create did not finish before its "
                        "timeouts.create deadline.");
      return Value::null(implied_type(schema()));
    }
    std::random_device rd;
    std::ostringstream id;
    id << "slow-" << std::hex << rd() << rd();
    return request.planned.with("id", Value::string(id.str()));
  }

  std::optional<Value> read(const ReadRequest& request, Diagnostics&) override {
    return request.state;
  }

  Value update(const UpdateRequest& request, Diagnostics&) override { return request.planned; }

  void remove(const DeleteRequest&, Diagnostics&) override {}
};

}  // namespace

std::shared_ptr<Resource> make_slow_resource() { return std::make_shared<SlowResource>(); }

}  // namespace cloudssl::fixture
