// ResultFields: each field declared once gives both the object type values are built with and
// one computed attribute carrying its description; a field declared twice is refused.
#include "provider/framework/read_only_fields.h"

#include <gtest/gtest.h>

namespace cloudssl::framework {
namespace {

using codec::Type;

TEST(ResultFields, OneDeclarationGivesTheTypeAndTheDocumentedAttributes) {
  const ResultFields fields{
      {"status", Type::string(), "How it ended."},
      {"id", Type::number(), "The record id."},
      {"domains", Type::list(Type::string()), "Its domains."},
  };
  EXPECT_EQ(fields.type(), Type::object({{"id", Type::number()},
                                         {"status", Type::string()},
                                         {"domains", Type::list(Type::string())}}));
  const auto attributes = fields.attributes();
  ASSERT_EQ(attributes.size(), 3u);
  // In the object type's order, whatever the declaration's.
  EXPECT_EQ(attributes[0].name, "domains");
  EXPECT_EQ(attributes[1].name, "id");
  EXPECT_EQ(attributes[2].name, "status");
  EXPECT_EQ(attributes[0].type, Type::list(Type::string()));
  EXPECT_EQ(attributes[1].type, Type::number());
  EXPECT_EQ(attributes[1].description, "The record id.");
  EXPECT_EQ(attributes[2].description, "How it ended.");
  for (const auto& a : attributes) {
    EXPECT_TRUE(a.computed) << a.name;
    EXPECT_FALSE(a.optional) << a.name;
    EXPECT_FALSE(a.required) << a.name;
  }
}

TEST(ResultFields, AFieldDeclaredTwiceIsRefused) {
  EXPECT_THROW((ResultFields{{"id", Type::number(), "The id."}, {"id", Type::string(), "Again."}}),
               std::logic_error);
}

}  // namespace
}  // namespace cloudssl::framework
