// `keruen goods`: classification of HS codes against the public lists and a national list,
// through the real binary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "cli_support.h"

namespace keruen::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(GoodsCliTest, ClassifiesCodesAndSaysWhetherExportIsBanned) {
  auto r = RunKeruen(
      {"goods", "classify", "8542.31.00", "020110", "--date", "2023-06-01", "--to", "RU"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("chpl 854231 tier 1 (weight 1.0)"));
  EXPECT_THAT(r.out,
              HasSubstr("eu_833 854231 listed 2022-02-25, applies from 2022-05-01 (in force)"));
  EXPECT_THAT(r.out, HasSubstr("export to RU: BANNED by eu_833"));
  EXPECT_THAT(r.out, HasSubstr("020110 on 2023-06-01: on 0 lists"));
  // A car is banned only above its luxury ceiling.
  r = RunKeruen({"goods", "classify", "870321", "--date", "2023-06-01", "--to", "RU"});
  EXPECT_THAT(r.out, HasSubstr("BANNED by eu_833 (above EUR 50000 a unit)"));

  // Before the wind-down ended the EU ban did not apply yet.
  r = RunKeruen({"goods", "classify", "854231", "--date", "2022-04-01", "--to", "RU", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"in_force\":false"));
  EXPECT_THAT(r.out, HasSubstr("\"export_banned_by\":[]"));
}

TEST(GoodsCliTest, ReadsANationalListAndRefusesABadOneNamingLineAndField) {
  const std::string dir = MakeTempDir("goods_cli");
  const std::string good = dir + "/kz.csv";
  std::ofstream(good) << "list,hs,from,destinations,note\n"
                         "kz_dual_use,8471,2023-10-21,RU BY,computers\n";
  auto r = RunKeruen(
      {"goods", "classify", "847130", "--date", "2024-01-01", "--to", "RU", "--national", good});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("kz_dual_use 8471 applies from 2023-10-21 (in force): computers"));
  // A laptop is luxury above EUR 750 but also dual-use: the EU bans it whatever its price.
  EXPECT_THAT(r.out, HasSubstr("export to RU: BANNED by eu_833, kz_dual_use"));

  const std::string bad = dir + "/bad.csv";
  std::ofstream(bad) << "list,hs,from,destinations,note\n"
                        "kz_dual_use,8471,2023-10-21,RU,fine\n"
                        "kz_dual_use,84x1,2023-10-21,RU,broken\n";
  r = RunKeruen({"goods", "classify", "847130", "--national", bad});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("bad.csv:3: hs:"));
  EXPECT_THAT(r.out, Not(HasSubstr("847130")));  // nothing classified against a refused list

  r = RunKeruen({"goods", "classify", "85"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("not an HS code"));
}

TEST(GoodsCliTest, ListsSayWhatIsLoaded) {
  auto r = RunKeruen({"goods", "lists"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("chpl          50 codes"));
  EXPECT_THAT(r.out, HasSubstr("eu_833      2304 codes"));
}

}  // namespace
}  // namespace keruen::testing
