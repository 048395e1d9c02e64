#include "provider/framework/registry.h"

#include <gtest/gtest.h>

#include "tests/unit/provider/framework/fakes.h"

namespace cloudssl::framework {
namespace {

using testing::FakeProvider;
using testing::PlainResource;

class NoFunction : public Function {
 public:
  FunctionSignature signature() const override {
    return {.parameters = {}, .return_type = Type::string()};
  }
  Value call(const std::vector<Value>&) const override { return Value::string("x"); }
};

TEST(Registry, RegistersAndFindsByName) {
  Registry r("demo", std::make_shared<FakeProvider>());
  auto res = std::make_shared<PlainResource>(Schema{});
  r.add_resource("demo_thing", res);
  r.add_function("parse_thing", std::make_shared<NoFunction>());
  EXPECT_EQ(r.resource("demo_thing"), res.get());
  EXPECT_EQ(r.resource("demo_other"), nullptr);
  EXPECT_NE(r.function("parse_thing"), nullptr);
  EXPECT_EQ(r.data_source("demo_thing"), nullptr);
  EXPECT_EQ(r.resources().size(), 1u);
  EXPECT_EQ(r.type_prefix(), "demo");
}

TEST(Registry, RejectsBadPrefixDuplicatesAndNull) {
  Registry r("demo", std::make_shared<FakeProvider>());
  auto res = std::make_shared<PlainResource>(Schema{});
  EXPECT_THROW(r.add_resource("other_thing", res), std::invalid_argument);
  EXPECT_THROW(r.add_resource("demothing", res), std::invalid_argument);
  EXPECT_THROW(r.add_resource("demo_", res), std::invalid_argument);
  EXPECT_THROW(r.add_resource("demo_thing", nullptr), std::invalid_argument);
  r.add_resource("demo_thing", res);
  EXPECT_THROW(r.add_resource("demo_thing", res), std::invalid_argument);
  EXPECT_THROW(r.add_function("1bad", std::make_shared<NoFunction>()), std::invalid_argument);
  EXPECT_THROW(Registry("demo", nullptr), std::invalid_argument);
}

}  // namespace
}  // namespace cloudssl::framework
