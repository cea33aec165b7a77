#include "keruen/goods/controlled_goods.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "keruen/core/paths.h"

namespace keruen::goods {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::string SharedGoods(const std::string& file) {
  const auto shared = SharedDataDir();
  EXPECT_TRUE(shared.has_value()) << "shared data not found; set KERUEN_DATA_DIR";
  return shared.value_or("") + "/goods/" + file;
}

const ControlledGoods& PublicLists() {
  static const ControlledGoods goods = [] {
    auto loaded = ControlledGoods::Load(ControlledGoods::DefaultSources());
    EXPECT_TRUE(loaded.has_value()) << loaded.error().ToString();
    return loaded ? std::move(*loaded) : ControlledGoods{};
  }();
  return goods;
}

// A file in a per-process temporary directory, removed with the test binary's run.
std::string WriteTemp(const std::string& name, const std::string& text) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("keruen_goods_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path) << text;
  return path;
}

TEST(ControlledGoodsTest, LoadsThePublicListsWhole) {
  const ControlledGoods::Counts counts = PublicLists().counts();
  EXPECT_EQ(counts.chpl, 50u);
  EXPECT_EQ(counts.eu_sanctioned, 2304u);  // PROVENANCE.md: 2,304 of 5,369 codes
  EXPECT_EQ(counts.jurisdictions, 26u);
  EXPECT_EQ(counts.national, 0u);
}

TEST(ControlledGoodsTest, ProcessorsAreTierOneAndBannedTowardRussiaAfterTheWindDown) {
  const std::vector<Listing> before =
      PublicLists().Classify("8542.31.00", *ParseDate("2022-04-01"));
  ASSERT_EQ(before.size(), 2u);
  EXPECT_EQ(before[0].list, kChplList);
  EXPECT_EQ(before[0].tier, "1");
  EXPECT_DOUBLE_EQ(before[0].tier_weight, 1.0);
  EXPECT_FALSE(before[0].BansExportTo("RU"));  // the CHPL is a priority, not a ban
  EXPECT_EQ(before[1].list, kEuList);
  EXPECT_EQ(before[1].listed_on, *ParseDate("2022-02-25"));
  EXPECT_EQ(before[1].applies_from, *ParseDate("2022-05-01"));
  EXPECT_FALSE(before[1].in_force);  // still in the wind-down
  EXPECT_THAT(before[1].categories, ElementsAre("dual_use", "industrial_cap", "military_tech"));

  const std::vector<Listing> after = PublicLists().Classify("854231", *ParseDate("2022-05-01"));
  ASSERT_EQ(after.size(), 2u);
  EXPECT_TRUE(after[1].in_force);
  EXPECT_TRUE(after[1].BansExportTo("RU"));
  EXPECT_TRUE(after[1].BansExportTo("BY"));
  EXPECT_FALSE(after[1].BansExportTo("KG"));
}

TEST(ControlledGoodsTest, HsTwentyTwentyTwoCodesFindTheirHsTwentySeventeenListing) {
  // 8548.00 (HS 2022) is 8548.90 in the EU's HS 2017 table.
  const std::vector<Listing> parts = PublicLists().Classify("854800", *ParseDate("2023-01-01"));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].tier, "2");
  EXPECT_EQ(parts[1].list, kEuList);
  EXPECT_EQ(parts[1].code, "854890");
  EXPECT_TRUE(parts[1].partially_exempt);
  // 8807.30 (drone and aircraft parts) was 8803.30.
  const std::vector<Listing> aircraft = PublicLists().Classify("880730", *ParseDate("2023-01-01"));
  ASSERT_EQ(aircraft.size(), 2u);
  EXPECT_EQ(aircraft[0].tier, "3.B");
  EXPECT_DOUBLE_EQ(aircraft[0].tier_weight, 0.6);
  EXPECT_EQ(aircraft[1].code, "880330");
}

TEST(ControlledGoodsTest, AWindDownEndingBeforeTheListingCountsFromTheListing) {
  // 2403.94 is listed on 2022-07-21 with a wind-down ending on 2022-05-01 in the public table.
  const std::vector<Listing> listings = PublicLists().Classify("240394", *ParseDate("2022-06-01"));
  ASSERT_EQ(listings.size(), 1u);
  EXPECT_EQ(listings[0].applies_from, *ParseDate("2022-07-21"));
  EXPECT_FALSE(listings[0].in_force);
}

TEST(ControlledGoodsTest, LuxuryGoodsCarryTheirCeiling) {
  const std::vector<Listing> cars = PublicLists().Classify("870321", *ParseDate("2023-01-01"));
  ASSERT_EQ(cars.size(), 1u);
  EXPECT_EQ(cars[0].list, kEuList);
  EXPECT_EQ(cars[0].luxury_ceiling_eur, 50000.0);
  EXPECT_THAT(cars[0].categories, ElementsAre("luxury"));
  EXPECT_TRUE(cars[0].BansOnlyAboveCeiling());
  // Laptops are luxury goods too, and dual-use: banned at any price.
  const std::vector<Listing> laptops = PublicLists().Classify("847130", *ParseDate("2023-01-01"));
  ASSERT_EQ(laptops.size(), 1u);
  EXPECT_EQ(laptops[0].luxury_ceiling_eur, 750.0);
  EXPECT_FALSE(laptops[0].BansOnlyAboveCeiling());
  // Processors are not luxury goods: the table's empty ceiling stays empty.
  EXPECT_FALSE(PublicLists().Classify("854231", 0)[1].luxury_ceiling_eur.has_value());
}

TEST(ControlledGoodsTest, UnlistedAndInvalidCodesAreOnNoList) {
  EXPECT_THAT(PublicLists().Classify("020110", *ParseDate("2023-01-01")), IsEmpty());  // beef
  EXPECT_THAT(PublicLists().Classify("8542", 0), IsEmpty());  // a heading is not a subheading
  EXPECT_THAT(PublicLists().Classify("85423x", 0), IsEmpty());
  EXPECT_THAT(PublicLists().Classify("", 0), IsEmpty());
}

TEST(ControlledGoodsTest, JurisdictionsSayWhichTextNamesThem) {
  const Jurisdiction* uae = PublicLists().FindJurisdiction("AE");
  ASSERT_NE(uae, nullptr);
  EXPECT_TRUE(uae->fincen_bis_2022);
  EXPECT_FALSE(uae->eaeu_member);
  const Jurisdiction* kyrgyzstan = PublicLists().FindJurisdiction("KG");
  ASSERT_NE(kyrgyzstan, nullptr);
  EXPECT_TRUE(kyrgyzstan->eaeu_member);
  EXPECT_EQ(PublicLists().FindJurisdiction("DE"), nullptr);
}

TEST(ControlledGoodsTest, NationalListsMatchByPrefixFromTheirDate) {
  ControlledGoods::Sources sources;
  sources.chpl_csv = SharedGoods("chpl_common_high_priority_items.csv");
  sources.national_csvs = {WriteTemp("kz.csv",
                                     "# Kazakhstan, test rows\n"
                                     "list,hs,from,destinations,note\n"
                                     "kz_dual_use,8471,2023-10-21,RU BY,computers\n"
                                     "kz_dual_use,8542.31,2023-10-21,RU,processors\n"
                                     "inhouse,85,2024-01-01,,chapter 85 watch\n")};
  auto goods = ControlledGoods::Load(sources);
  ASSERT_TRUE(goods) << goods.error().ToString();
  EXPECT_THAT(goods->national_lists(), ElementsAre("kz_dual_use", "inhouse"));

  const std::vector<Listing> computer = goods->Classify("8471.30.0000", *ParseDate("2023-11-01"));
  ASSERT_EQ(computer.size(), 1u);
  EXPECT_EQ(computer[0].list, "kz_dual_use");
  EXPECT_EQ(computer[0].code, "8471");
  EXPECT_TRUE(computer[0].BansExportTo("RU"));
  EXPECT_FALSE(computer[0].BansExportTo("CN"));
  EXPECT_FALSE(goods->Classify("847130", *ParseDate("2023-10-20"))[0].in_force);

  // CHPL first, then the national rows in file order; an empty destination list bans all.
  const std::vector<Listing> chip = goods->Classify("854231", *ParseDate("2024-02-01"));
  ASSERT_EQ(chip.size(), 3u);
  EXPECT_EQ(chip[0].list, kChplList);
  EXPECT_EQ(chip[1].list, "kz_dual_use");
  EXPECT_EQ(chip[2].list, "inhouse");
  EXPECT_TRUE(chip[2].BansExportTo("CN"));
}

TEST(ControlledGoodsTest, ABadNationalRowRefusesTheFileNamingLineAndColumn) {
  struct Case {
    std::string row;
    std::string column;
    std::string message;
  };
  for (const Case& c : {
           Case{"kz,84x1,2023-10-21,RU,", "hs", "2 to 10 digits"},
           Case{"kz,8471,2023-13-01,RU,", "from", ""},
           Case{"kz,8471,2023-10-21,RUS,", "destinations", "RUS"},
           Case{"k z,8471,2023-10-21,RU,", "list", "k z"},
           Case{"chpl,8471,2023-10-21,RU,", "list", "reserved"},
       }) {
    ControlledGoods::Sources sources;
    sources.national_csvs = {WriteTemp(
        "bad.csv", "list,hs,from,destinations,note\nkz,8471,2023-10-21,RU,fine\n" + c.row + "\n")};
    auto goods = ControlledGoods::Load(sources);
    ASSERT_FALSE(goods) << c.row;
    EXPECT_EQ(goods.error().line, 3) << c.row;
    EXPECT_EQ(goods.error().field, c.column) << c.row;
    EXPECT_THAT(goods.error().ToString(), HasSubstr("bad.csv")) << c.row;
    EXPECT_THAT(goods.error().message, HasSubstr(c.message)) << c.row;
  }
  ControlledGoods::Sources missing_column;
  missing_column.national_csvs = {
      WriteTemp("cols.csv", "list,hs,from,note\nkz,8471,2023-10-21,x\n")};
  auto goods = ControlledGoods::Load(missing_column);
  ASSERT_FALSE(goods);
  EXPECT_EQ(goods.error().field, "destinations");
}

TEST(ControlledGoodsTest, MalformedPublicTablesAreRefused) {
  ControlledGoods::Sources bad_tier;
  bad_tier.chpl_csv = WriteTemp("chpl.csv", "hs6,tier\n854231,1\n854232,5\n");
  auto goods = ControlledGoods::Load(bad_tier);
  ASSERT_FALSE(goods);
  EXPECT_EQ(goods.error().line, 3);
  EXPECT_EQ(goods.error().field, "tier");

  ControlledGoods::Sources bad_date;
  bad_date.eu_csv = WriteTemp("eu.csv",
                              "hs6_hs2017,sanction_date,wind_down_date,partially_exempt,"
                              "luxury_max_price_eur,luxury,eu_sanctioned\n"
                              "870321,2022-03-15,2022-03-15,0,50000,1,1\n"
                              "870322,2022-03-15,2022-03-15,0,fifty,1,1\n");
  goods = ControlledGoods::Load(bad_date);
  ASSERT_FALSE(goods);
  EXPECT_EQ(goods.error().line, 3);
  EXPECT_EQ(goods.error().field, "luxury_max_price_eur");

  ControlledGoods::Sources short_row;
  short_row.jurisdictions_csv = WriteTemp("j.csv", "country,iso2\nArmenia\n");
  EXPECT_FALSE(ControlledGoods::Load(short_row));
}

TEST(NormalizeHsTest, KeepsDigitsAndRefusesTheRest) {
  EXPECT_EQ(NormalizeHs("8542.31.00"), "85423100");
  EXPECT_EQ(NormalizeHs("85 42 31"), "854231");
  EXPECT_EQ(NormalizeHs("85"), "85");
  EXPECT_EQ(NormalizeHs("8"), std::nullopt);
  EXPECT_EQ(NormalizeHs("85423100001"), std::nullopt);
  EXPECT_EQ(NormalizeHs("8542-31"), std::nullopt);
}

}  // namespace
}  // namespace keruen::goods
