#include "provider/codec/path.h"

#include <gtest/gtest.h>

namespace cloudssl::codec {
namespace {

TEST(PathTest, RendersHclLike) {
  EXPECT_EQ(Path::root("certificate_pem").to_string(), "certificate_pem");
  EXPECT_EQ(Path::root("clb").index(0).attr("listener_id").to_string(), "clb[0].listener_id");
  EXPECT_EQ(Path::root("tags").key("env").to_string(), "tags[\"env\"]");
  EXPECT_EQ(Path::root("tags").key("a\"b").to_string(), "tags[\"a\\\"b\"]");
  EXPECT_EQ(Path::root("rule").set_element(2).attr("x").to_string(), "rule[set element 2].x");
  EXPECT_EQ(Path().to_string(), "");
}

TEST(PathTest, ParentAndPrefix) {
  Path p = Path::root("a").index(3).attr("b");
  EXPECT_EQ(p.parent(), Path::root("a").index(3));
  EXPECT_EQ(Path().parent(), Path());
  EXPECT_TRUE(p.starts_with(Path::root("a")));
  EXPECT_TRUE(p.starts_with(p));
  EXPECT_TRUE(p.starts_with(Path()));
  EXPECT_FALSE(p.starts_with(Path::root("a").index(2)));
  EXPECT_FALSE(Path::root("a").starts_with(p));
  EXPECT_EQ(p.size(), 3u);
}

TEST(PathTest, UntilSetElement) {
  Path p = Path::root("rule").set_element(1).attr("port");
  EXPECT_EQ(p.until_set_element(), Path::root("rule"));
  EXPECT_EQ(Path::root("a").attr("b").until_set_element(), Path::root("a").attr("b"));
}

TEST(PathTest, OrderingIsStrictAndTotal) {
  Path a = Path::root("a");
  Path b = Path::root("b");
  EXPECT_TRUE(a < b);
  EXPECT_FALSE(b < a);
  EXPECT_TRUE(a < a.index(0));
  EXPECT_FALSE(a < a);
  EXPECT_TRUE(a.index(1) < a.index(2));
  EXPECT_NE(Path::root("x"), Path().key("x"));  // attribute vs map key
}

}  // namespace
}  // namespace cloudssl::codec
