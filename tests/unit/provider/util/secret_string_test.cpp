// SecretString: holds its text, hands it on by copy or move, and is empty once wiped or moved
// from (the moved-from object wipes its own buffer, short strings included).
#include "provider/util/secret_string.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace cloudssl {
namespace {

const std::string kLong = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n";

TEST(SecretString, HoldsTheTextItWasGiven) {
  SecretString s(kLong);
  EXPECT_EQ(s.value(), kLong);
  EXPECT_FALSE(s.empty());
  SecretString assigned;
  assigned = std::string("short");
  EXPECT_EQ(assigned.value(), "short");
}

TEST(SecretString, WipeEmptiesIt) {
  SecretString s(kLong);
  s.wipe();
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.value(), "");
}

TEST(SecretString, CopyKeepsBothMoveEmptiesTheSource) {
  for (const std::string& text : {kLong, std::string("short")}) {
    SecretString a(text);
    SecretString b(a);
    EXPECT_EQ(a.value(), text);
    EXPECT_EQ(b.value(), text);
    SecretString c(std::move(a));
    EXPECT_EQ(c.value(), text);
    EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from is wiped
    b = std::move(c);
    EXPECT_EQ(b.value(), text);
  }
}

}  // namespace
}  // namespace cloudssl
