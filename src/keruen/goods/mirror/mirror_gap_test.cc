#include "keruen/goods/mirror/mirror_gap.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "keruen/core/paths.h"

namespace keruen::goods {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const MirrorRow* FindRow(const MirrorReport& report, std::string_view exporter, int year,
                         std::string_view hs = kAllGoods) {
  for (const MirrorRow& row : report.rows) {
    if (row.exporter == exporter && row.year == year && row.hs == hs) return &row;
  }
  return nullptr;
}

// The shared files, for the figures the rule catalogue quotes.
class RealFilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(SharedDataDir().has_value()) << "shared data not found";
    auto data = LoadMirrorData(MirrorSources::Default(), "KZ");
    ASSERT_TRUE(data.has_value()) << data.error().ToString();
    data_ = new MirrorData(std::move(*data));
    report_ = new MirrorReport(ComputeMirrorGaps(*data_));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete data_;
  }
  static MirrorData* data_;
  static MirrorReport* report_;
};
MirrorData* RealFilesTest::data_ = nullptr;
MirrorReport* RealFilesTest::report_ = nullptr;

TEST_F(RealFilesTest, Eu27GapToKazakhstanMatchesTheRuleCatalogue) {
  EXPECT_EQ(data_->importer_name, "Kazakhstan");
  EXPECT_THAT(report_->years, ElementsAre(2019, 2020, 2021, 2022, 2023));
  // detection-rules.md, S1: "EU-reported exports to KZ ran 26 % above KZ-reported imports in
  // 2022 (-1 to 8 % in 2019-21)".
  const MirrorRow* y2022 = FindRow(*report_, "EU27_2020", 2022);
  ASSERT_NE(y2022, nullptr);
  ASSERT_TRUE(y2022->gap_percent.has_value()) << y2022->note;
  EXPECT_NEAR(*y2022->gap_percent, 26, 1);
  for (int year : {2019, 2020, 2021}) {
    const MirrorRow* row = FindRow(*report_, "EU27_2020", year);
    ASSERT_NE(row, nullptr);
    ASSERT_TRUE(row->gap_percent.has_value());
    EXPECT_GE(*row->gap_percent, -1.5) << year;
    EXPECT_LE(*row->gap_percent, 8.5) << year;
    EXPECT_FALSE(row->flagged()) << year;
  }
  ASSERT_TRUE(y2022->baseline_percent.has_value());
  EXPECT_GE(*y2022->baseline_percent, -1);
  EXPECT_LE(*y2022->baseline_percent, 8);
  EXPECT_TRUE(y2022->jump) << y2022->note;
  EXPECT_FALSE(y2022->high);
  EXPECT_THAT(y2022->note, HasSubstr("over the 2019-2021 level"));
  // The EU figure in EUR is Eurostat's (the monthly values summed), the KZ one the
  // national office's converted at 1.05 USD per EUR.
  EXPECT_NEAR(*y2022->exports_eur, 10347711060.0, 1);
  EXPECT_NEAR(*y2022->imports_eur, 7627497665.52, 1);
}

TEST_F(RealFilesTest, MapsEveryMemberStateAndReportsWhatItCannotCompare) {
  for (const char* code : {"DE", "IT", "FR", "PL", "NL", "CZ"}) {
    const MirrorRow* row = FindRow(*report_, code, 2021);
    ASSERT_NE(row, nullptr) << code;
    EXPECT_TRUE(row->gap_percent.has_value()) << code << ": " << row->note;
  }
  // The EU aggregate sorts first.
  ASSERT_FALSE(report_->rows.empty());
  EXPECT_EQ(report_->rows.front().exporter, "EU27_2020");
  // Non-EU partners and regional totals of the national statistics match no EU reporter.
  EXPECT_THAT(data_->unmapped_partners, Contains("China"));
  EXPECT_THAT(data_->unmapped_partners, Contains("World"));
  EXPECT_THAT(data_->unmapped_partners, Not(Contains("Germany")));
  EXPECT_THAT(data_->unmapped_partners, Not(Contains("European Union - 27 countries (from 2020)")));
  // Eurostat's changing-composition EU has no counterpart in the KZ figures.
  EXPECT_THAT(report_->exporters_without_imports, Contains("EU"));
}

TEST_F(RealFilesTest, AYearWithMissingMonthsIsIncompleteNotSummed) {
  // Malta reports exports to KZ for 36 of the 68 months in the file.
  int incomplete = 0;
  for (const MirrorRow& row : report_->rows) {
    if (row.exporter != "MT" || !row.exports_eur || row.export_months == 12) continue;
    ++incomplete;
    EXPECT_FALSE(row.gap_percent.has_value()) << row.year;
    EXPECT_FALSE(row.flagged());
    EXPECT_THAT(row.note,
                HasSubstr("incomplete: " + std::to_string(row.export_months) + " of 12 months"));
  }
  EXPECT_GT(incomplete, 0);
}

// A crafted pair of files in a temp dir.
class CraftedFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    sources_.eurostat_csv = (dir_ / "eurostat.csv").string();
    sources_.national_csv = (dir_ / "national.csv").string();
  }

  // Twelve equal months summing to `total` (fewer months when `months` < 12).
  void AddExports(const std::string& code, const std::string& name, int year, double total,
                  int months = 12) {
    for (int m = 1; m <= months; ++m) {
      char period[32];
      std::snprintf(period, sizeof period, "%04d-%02d", year, m);
      eurostat_ += code + "," + name + ",KZ,Kazakhstan,EXPORT," + period + "," +
                   std::to_string(total / 12) + "\n";
    }
  }
  void AddImports(const std::string& partner, int year, double value) {
    national_ += "Kazakhstan," + partner + ",IMPORT," + std::to_string(year) + "," +
                 std::to_string(value) + ",0,1.1\n";
  }
  Result<MirrorData> Load() {
    std::ofstream(sources_.eurostat_csv)
        << "reporter_code,reporter,partner_code,partner,flow,period,value_eur\n"
        << eurostat_;
    std::ofstream(sources_.national_csv)
        << "reporter,partner,flow,year,value_eur,value_usd_back_converted,"
           "usd_per_eur_rate_used\n"
        << national_;
    return LoadMirrorData(sources_, "KZ");
  }

  std::filesystem::path dir_;
  MirrorSources sources_;
  std::string eurostat_;
  std::string national_;
};

TEST_F(CraftedFilesTest, FlagsAJumpAndAHighGapButNotASteadyPartner) {
  for (int year = 2019; year <= 2022; ++year) {
    AddExports("DE", "Germany", year, 1200);  // gap 0 %, then 30 % in 2022
    AddImports("Germany", year, year == 2022 ? 840 : 1200);
    AddExports("FR", "France", year, 1200);  // a steady 5 %
    AddImports("France", year, 1140);
    AddExports("IT", "Italy", year, 1200);  // a steady 60 %
    AddImports("Italy", year, 480);
    AddExports("EU27_2020", "EU27_2020", year, 3600);
    AddImports("European Union - 27 countries (from 2020)", year, year == 2022 ? 2460 : 2820);
  }
  AddImports("Atlantis", 2019, 5);
  auto data = Load();
  ASSERT_TRUE(data.has_value()) << data.error().ToString();
  EXPECT_THAT(data->unmapped_partners, ElementsAre("Atlantis"));
  const MirrorReport report = ComputeMirrorGaps(*data);
  EXPECT_THAT(report.years, ElementsAre(2019, 2020, 2021, 2022));

  const MirrorRow* de = FindRow(report, "DE", 2022);
  ASSERT_NE(de, nullptr);
  EXPECT_NEAR(*de->gap_percent, 30, 1e-9);
  EXPECT_NEAR(*de->baseline_percent, 0, 1e-9);
  EXPECT_TRUE(de->jump);
  EXPECT_FALSE(de->high);
  EXPECT_EQ(de->note, "rose 30.0 points over the 2019-2021 level");

  for (int year = 2019; year <= 2022; ++year) {
    const MirrorRow* fr = FindRow(report, "FR", year);
    ASSERT_NE(fr, nullptr);
    EXPECT_NEAR(*fr->gap_percent, 5, 1e-9);
    EXPECT_FALSE(fr->flagged()) << year;
    EXPECT_EQ(fr->note, "");

    const MirrorRow* it = FindRow(report, "IT", year);
    EXPECT_NEAR(*it->gap_percent, 60, 1e-9);
    EXPECT_TRUE(it->high) << year;
    EXPECT_FALSE(it->jump) << year;
    EXPECT_EQ(it->note, "above 50 %");
  }
  // The aggregate is matched through the national statistics' long name: (3600-2820)/3600
  // = 21.7 % in the baseline, (3600-2460)/3600 = 31.7 % in 2022, a rise of 10 points.
  const MirrorRow* eu = FindRow(report, "EU27_2020", 2022);
  ASSERT_NE(eu, nullptr);
  EXPECT_NEAR(*eu->baseline_percent, 100.0 * 780 / 3600, 1e-9);
  EXPECT_NEAR(*eu->gap_percent, 100.0 * 1140 / 3600, 1e-9);
  EXPECT_FALSE(eu->flagged());
  EXPECT_EQ(report.rows.front().exporter, "EU27_2020");
}

TEST_F(CraftedFilesTest, BaselineIsThePooledGapOfTheBaselineYears) {
  // Gaps 0 % (exports 100), 50 % (exports 1000), 0 %: pooled (1200-700)/1200 = 41.7 %,
  // where the mean of the yearly gaps would be 16.7 %.
  AddExports("DE", "Germany", 2019, 100);
  AddImports("Germany", 2019, 100);
  AddExports("DE", "Germany", 2020, 1000);
  AddImports("Germany", 2020, 500);
  AddExports("DE", "Germany", 2021, 100);
  AddImports("Germany", 2021, 100);
  AddExports("DE", "Germany", 2022, 100);
  AddImports("Germany", 2022, 40);  // 60 %: above the level, but only 18.3 points up
  auto data = Load();
  ASSERT_TRUE(data.has_value()) << data.error().ToString();
  const MirrorReport report = ComputeMirrorGaps(*data);
  const MirrorRow* row = FindRow(report, "DE", 2022);
  ASSERT_NE(row, nullptr);
  // (The crafted months are written with six decimals, hence the tolerance.)
  EXPECT_NEAR(*row->baseline_percent, 100.0 * 500 / 1200, 1e-4);
  EXPECT_FALSE(row->jump);
  EXPECT_TRUE(row->high);
}

TEST_F(CraftedFilesTest, AnIncompleteYearHasNoGapAndLeavesNoBaseline) {
  for (int year = 2019; year <= 2022; ++year) {
    AddExports("DE", "Germany", year, 1200, year == 2020 ? 11 : 12);
    AddImports("Germany", year, year == 2022 ? 100 : 1100);
  }
  auto data = Load();
  ASSERT_TRUE(data.has_value()) << data.error().ToString();
  const MirrorReport report = ComputeMirrorGaps(*data);
  const MirrorRow* y2020 = FindRow(report, "DE", 2020);
  ASSERT_NE(y2020, nullptr);
  EXPECT_EQ(y2020->export_months, 11);
  EXPECT_NEAR(*y2020->exports_eur, 1100, 1e-6);
  EXPECT_FALSE(y2020->gap_percent.has_value());
  EXPECT_EQ(y2020->note, "incomplete: 11 of 12 months of exports");
  const MirrorRow* y2022 = FindRow(report, "DE", 2022);
  EXPECT_FALSE(y2022->baseline_percent.has_value());
  // 91.7 %: flagged for its level alone, since no jump can be measured.
  EXPECT_TRUE(y2022->high);
  EXPECT_FALSE(y2022->jump);
}

TEST_F(CraftedFilesTest, AMalformedRowIsRefusedWithFileLineAndColumn) {
  AddExports("DE", "Germany", 2019, 1200);
  eurostat_ += "DE,Germany,KZ,Kazakhstan,EXPORT,2020-01,12x\n";  // line 14
  AddImports("Germany", 2019, 1000);
  auto data = Load();
  ASSERT_FALSE(data.has_value());
  EXPECT_EQ(data.error().source, sources_.eurostat_csv);
  EXPECT_EQ(data.error().line, 14);
  EXPECT_EQ(data.error().field, "value_eur");
  EXPECT_THAT(data.error().ToString(), HasSubstr("eurostat.csv:14: value_eur:"));
}

TEST_F(CraftedFilesTest, RefusesAMonthGivenTwiceAndABadNationalYear) {
  AddExports("DE", "Germany", 2019, 1200);
  eurostat_ += "DE,Germany,KZ,Kazakhstan,EXPORT,2019-03,5\n";
  AddImports("Germany", 2019, 1000);
  auto data = Load();
  ASSERT_FALSE(data.has_value());
  EXPECT_EQ(data.error().line, 14);
  EXPECT_THAT(data.error().message, HasSubstr("2019-03 are given twice"));

  eurostat_.clear();
  national_.clear();
  AddExports("DE", "Germany", 2019, 1200);
  AddImports("Germany", 2019, 1000);
  national_ += "Kazakhstan,France,IMPORT,19,5,0,1.1\n";
  data = Load();
  ASSERT_FALSE(data.has_value());
  EXPECT_EQ(data.error().source, sources_.national_csv);
  EXPECT_EQ(data.error().line, 3);
  EXPECT_EQ(data.error().field, "year");
}

TEST_F(CraftedFilesTest, RefusesACountryTheFilesDoNotHave) {
  AddExports("DE", "Germany", 2019, 1200);
  AddImports("Germany", 2019, 1000);
  ASSERT_TRUE(Load().has_value());
  auto data = LoadMirrorData(sources_, "KG");
  ASSERT_FALSE(data.has_value());
  EXPECT_EQ(data.error().field, "country");
  EXPECT_THAT(data.error().message, HasSubstr("'KG' is not a partner"));
}

TEST(MirrorGapTest, ComparesEachHsCodeOnItsOwn) {
  // HS-level records (as a Comtrade loader would give) are compared code by code.
  MirrorData data;
  data.importer = "KZ";
  data.exporter_names = {{"DE", "Germany"}};
  for (int year = 2019; year <= 2022; ++year) {
    data.exports.push_back({"DE", "KZ", "854231", year, 100});
    data.imports.push_back({"DE", "KZ", "854231", year, year == 2022 ? 20.0 : 100.0});
    data.exports.push_back({"DE", "KZ", "847130", year, 100});
    data.imports.push_back({"DE", "KZ", "847130", year, 95});
  }
  const MirrorReport report = ComputeMirrorGaps(data);
  ASSERT_EQ(report.rows.size(), 8u);
  EXPECT_TRUE(FindRow(report, "DE", 2022, "854231")->jump);
  EXPECT_FALSE(FindRow(report, "DE", 2022, "847130")->flagged());
  EXPECT_EQ(FindRow(report, "DE", 2022, "847130")->exporter_name, "Germany");
}

TEST(MirrorGapTest, ThresholdsComeFromTheOptions) {
  MirrorData data;
  for (int year = 2019; year <= 2022; ++year) {
    data.exports.push_back({"DE", "KZ", "TOTAL", year, 100});
    data.imports.push_back({"DE", "KZ", "TOTAL", year, year == 2022 ? 85.0 : 100.0});
  }
  EXPECT_FALSE(FindRow(ComputeMirrorGaps(data), "DE", 2022)->flagged());
  MirrorOptions strict;
  strict.jump_points = 10;
  strict.level_percent = 12;
  const MirrorReport report = ComputeMirrorGaps(data, strict);
  const MirrorRow* row = FindRow(report, "DE", 2022);
  EXPECT_TRUE(row->jump);
  EXPECT_TRUE(row->high);
  EXPECT_EQ(row->note, "rose 15.0 points over the 2019-2021 level; above 12 %");
}

}  // namespace
}  // namespace keruen::goods
