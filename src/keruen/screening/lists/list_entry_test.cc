#include "keruen/screening/lists/list_entry.h"

#include <gtest/gtest.h>

namespace keruen::screening {
namespace {

TEST(ListEntry, NamesOfEnums) {
  for (EntityType t : {EntityType::kPerson, EntityType::kOrganization, EntityType::kVessel,
                       EntityType::kAircraft, EntityType::kUnknown}) {
    EXPECT_EQ(ParseEntityType(EntityTypeName(t)), t);
  }
  EXPECT_EQ(EntityTypeName(EntityType::kOrganization), "organization");
  EXPECT_FALSE(ParseEntityType("Person"));
  for (ListFormat f :
       {ListFormat::kOfacSdn, ListFormat::kOfacConsolidated, ListFormat::kUn, ListFormat::kEu,
        ListFormat::kUk, ListFormat::kOpenSanctions, ListFormat::kCustomCsv}) {
    EXPECT_EQ(ParseListFormat(ListFormatName(f)), f);
  }
  EXPECT_EQ(ListFormatName(ListFormat::kOfacConsolidated), "ofac-cons");
  EXPECT_EQ(ParseListFormat("csv"), ListFormat::kCustomCsv);
  EXPECT_FALSE(ParseListFormat("xml"));
}

TEST(ListEntry, CaptionIsTheFirstPrimaryName) {
  ListEntry e;
  EXPECT_EQ(e.Caption(), "");
  e.names = {{"alias", false, false}, {"Main", true, false}, {"Other", true, false}};
  EXPECT_EQ(e.Caption(), "Main");
  e.names = {{"only alias", false, true}};
  EXPECT_EQ(e.Caption(), "only alias");
}

}  // namespace
}  // namespace keruen::screening
