#include "provider/framework/private_state.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace cloudssl::framework {
namespace {

TEST(PrivateState, EmptyBytesGiveEmptyStateAndSerializeToNothing) {
  PrivateState s = PrivateState::parse("");
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.serialize(), "");
}

TEST(PrivateState, RoundTrip) {
  PrivateState s;
  s.set("task_id", "t-1");
  s.set("attempts", 3);
  PrivateState back = PrivateState::parse(s.serialize());
  EXPECT_EQ(back.get("task_id"), nlohmann::json("t-1"));
  EXPECT_EQ(back.get("attempts"), nlohmann::json(3));
  EXPECT_EQ(back.get("missing"), std::nullopt);
  back.erase("task_id");
  back.erase("attempts");
  EXPECT_TRUE(back.empty());
  EXPECT_EQ(back.serialize(), "");
}

TEST(PrivateState, MalformedBytesThrow) {
  EXPECT_THROW(PrivateState::parse("not json"), std::invalid_argument);
  EXPECT_THROW(PrivateState::parse("[1,2]"), std::invalid_argument);
}

}  // namespace
}  // namespace cloudssl::framework
