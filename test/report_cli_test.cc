// `keruen report mirror`: the mirror gap (rule S1) through the real binary, on the shared
// trade files and on a crafted pair of files given with --data-dir.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli_support.h"

namespace keruen::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

// The table line of one partner and year.
std::string LineOf(const std::string& out, const std::string& partner, int year) {
  const std::string prefix = partner + std::string(11 - partner.size(), ' ');
  size_t at = 0;
  while ((at = out.find(prefix, at)) != std::string::npos) {
    const size_t end = out.find('\n', at);
    const std::string line = out.substr(at, end - at);
    if ((at == 0 || out[at - 1] == '\n') &&
        line.find(" " + std::to_string(year) + " ") != line.npos) {
      return line;
    }
    at = end;
  }
  return {};
}

TEST(ReportCliTest, MirrorGapOfKazakhstanShowsTheEu27JumpOf2022) {
  auto r = RunKeruen({"report", "mirror"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("EU-reported exports to KZ (Kazakhstan)"));
  // detection-rules.md S1: +26 % in 2022, against -1 to 8 % in 2019-21.
  const std::string y2022 = LineOf(r.out, "EU27_2020", 2022);
  EXPECT_THAT(y2022, MatchesRegex(".* \\+2[56]\\.[0-9] % .*FLAG .*rose .*"));
  EXPECT_THAT(LineOf(r.out, "EU27_2020", 2019), MatchesRegex(".* -[01]\\.[0-9] % .*"));
  EXPECT_THAT(LineOf(r.out, "EU27_2020", 2019), Not(HasSubstr("FLAG")));
  // Malta's missing months are said, not summed into a gap.
  EXPECT_THAT(r.out, HasSubstr("of 12 months of exports"));
  // What could not be compared is listed.
  EXPECT_THAT(r.out, HasSubstr("no KZ-reported imports from: EU"));
  EXPECT_THAT(r.out, MatchesRegex("(.|\n)*no EU reporter \\([0-9]+\\):.* China,(.|\n)*"));
}

TEST(ReportCliTest, JsonCarriesTheSameFigures) {
  auto r = RunKeruen({"report", "mirror", "--json", "--country", "KZ"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["rule"], "S1");
  EXPECT_EQ(doc["importer_name"], "Kazakhstan");
  bool found = false;
  for (const auto& row : doc["rows"]) {
    if (row["partner"] != "EU27_2020" || row["year"] != 2022) continue;
    found = true;
    EXPECT_EQ(row["hs"], "TOTAL");
    EXPECT_NEAR(row["gap_percent"].get<double>(), 26, 1);
    EXPECT_GE(row["baseline_percent"].get<double>(), -1);
    EXPECT_LE(row["baseline_percent"].get<double>(), 8);
    EXPECT_TRUE(row["flag"].get<bool>());
  }
  EXPECT_TRUE(found);
}

TEST(ReportCliTest, OtherImportersAndUnknownCountries) {
  auto r = RunKeruen({"report", "mirror", "--country", "UZ"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("EU-reported exports to UZ (Uzbekistan)"));
  EXPECT_THAT(LineOf(r.out, "EU27_2020", 2021), Not(::testing::IsEmpty()));

  r = RunKeruen({"report", "mirror", "--country", "RU"});  // Eurostat has it, not the national file
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("no IMPORT rows reported by 'Russia'"));
  r = RunKeruen({"report", "mirror", "--country", "XX"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("'XX' is not a partner"));
}

// A crafted data directory: goods/ with the two files under their shared names.
class CraftedDataDir {
 public:
  CraftedDataDir() : dir_(MakeTempDir("report_cli")) {
    std::filesystem::create_directories(dir_ + "/goods");
  }
  void Write(const std::string& eurostat_rows, const std::string& national_rows) {
    WriteText(
        dir_ + "/goods/eurostat_eu_trade_caucasus_central_asia_russia_monthly_2019_2024.csv",
        "reporter_code,reporter,partner_code,partner,flow,period,value_eur\n" + eurostat_rows);
    WriteText(dir_ + "/goods/national_imports_by_partner_yearly_KZ_KG_AM_UZ_2019_2023.csv",
              "reporter,partner,flow,year,value_eur,value_usd_back_converted,"
              "usd_per_eur_rate_used\n" +
                  national_rows);
  }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// Twelve months of 100 EUR each: 1200 EUR a year.
std::string Year(const std::string& code, const std::string& name, int year) {
  std::string rows;
  for (int m = 1; m <= 12; ++m) {
    rows += code + "," + name + ",KZ,Kazakhstan,EXPORT," + std::to_string(year) + "-" +
            (m < 10 ? "0" : "") + std::to_string(m) + ",100\n";
  }
  return rows;
}

TEST(ReportCliTest, FlagsTheJumpingPartnerOfACraftedPairAndRefusesABadRow) {
  CraftedDataDir data;
  std::string eurostat, national;
  for (int year = 2019; year <= 2022; ++year) {
    eurostat += Year("DE", "Germany", year) + Year("FR", "France", year);
    const std::string y = std::to_string(year);
    national += "Kazakhstan,Germany,IMPORT," + y + "," + (year == 2022 ? "600" : "1200") + ",0,1\n";
    national += "Kazakhstan,France,IMPORT," + y + ",1100,0,1\n";
  }
  data.Write(eurostat, national);
  auto r = RunKeruen({"--data-dir", data.dir(), "report", "mirror"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(LineOf(r.out, "DE", 2022),
              MatchesRegex(".* \\+50\\.0 % +\\+0\\.0 % FLAG +rose 50\\.0 points over the "
                           "2019-2021 level"));
  for (int year = 2019; year <= 2022; ++year) {
    EXPECT_THAT(LineOf(r.out, "FR", year), MatchesRegex(".* \\+8\\.3 % +\\+8\\.3 % *")) << year;
  }
  EXPECT_THAT(r.out, HasSubstr("flagged: 1 of 8 partner-years"));

  data.Write(eurostat + "FR,France,KZ,Kazakhstan,EXPORT,2023-01,abc\n", national);
  r = RunKeruen({"--data-dir", data.dir(), "report", "mirror"});
  EXPECT_EQ(r.exit_code, 1);
  // The header and 4 years x 2 partners x 12 months come first: the bad row is line 98.
  EXPECT_THAT(r.err, HasSubstr("eurostat_eu_trade_caucasus_central_asia_russia_monthly_2019_2024"
                               ".csv:98: value_eur: expected a non-negative number, got 'abc'"));
  EXPECT_EQ(r.out, "");
}

TEST(ReportCliTest, HelpSaysWhatTheReportIs) {
  auto r = RunKeruen({"report", "mirror", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("mirror gap"));
  EXPECT_THAT(r.out, HasSubstr("--country"));
  EXPECT_THAT(r.out, HasSubstr("--json"));
}

}  // namespace
}  // namespace keruen::testing
