#include "keruen/sim/internal/world.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"

namespace keruen::sim_internal {
namespace {

namespace fs = std::filesystem;

TEST(CommittedTablesTest, HsSubsetIsRealAndCoversTheChpl) {
  auto subset = LoadHsCodes(RepoDataPath("hs_sim.csv"));
  ASSERT_TRUE(subset) << subset.error().ToString();
  EXPECT_GE(subset->size(), 300u);
  std::set<std::string> codes;
  for (const HsCode& c : *subset) codes.insert(c.code);
  auto chpl = ReadCsvTable(RepoDataPath("chpl.csv"));
  ASSERT_TRUE(chpl) << chpl.error().ToString();
  ASSERT_EQ(chpl->rows.size(), 50u);
  const std::set<std::string> tiers = {"1", "2", "3.A", "3.B", "4.A", "4.B"};
  for (const auto& row : chpl->rows) {
    EXPECT_TRUE(codes.count(row[chpl->Column("hs6")])) << row[0];
    EXPECT_TRUE(tiers.count(row[chpl->Column("tier")])) << row[0];
  }
  // Every committed code is a level-6 row of the shared HS table, with its description.
  const auto shared = SharedDataDir();
  ASSERT_TRUE(shared) << "the shared data directory is needed to check the committed subset";
  auto full = LoadHsCodes((fs::path(*shared) / "hs" / "harmonized-system.csv").string());
  ASSERT_TRUE(full) << full.error().ToString();
  std::map<std::string, std::string> descriptions;
  for (const HsCode& c : *full) descriptions[c.code] = c.description;
  for (const HsCode& c : *subset) {
    ASSERT_TRUE(descriptions.count(c.code)) << c.code;
    EXPECT_EQ(descriptions[c.code], c.description) << c.code;
  }
}

TEST(CommittedTablesTest, CorridorPostsSitOnTheBorderPosts) {
  auto posts = BorderPosts::LoadDefault();
  ASSERT_TRUE(posts);
  auto table = ReadCsvTable(RepoDataPath("corridors.csv"));
  ASSERT_TRUE(table) << table.error().ToString();
  int border_rows = 0;
  for (const auto& row : table->rows) {
    const std::string& id = row[table->Column("post_id")];
    if (id.empty()) continue;
    ++border_rows;
    const BorderPost* post = posts->FindById(id);
    ASSERT_NE(post, nullptr) << id;
    ASSERT_TRUE(post->lat.has_value()) << id;
    EXPECT_NEAR(std::stod(row[table->Column("lat")]), *post->lat, 1e-3) << id;
    EXPECT_NEAR(std::stod(row[table->Column("lon")]), *post->lon, 1e-3) << id;
  }
  EXPECT_EQ(border_rows, 24);
}

TEST(LoadReferenceDataTest, CommittedTablesAlone) {
  auto data = LoadReferenceData("");
  ASSERT_TRUE(data) << data.error().ToString();
  EXPECT_NE(data->hs_source.find("hs_sim.csv"), std::string::npos);
  EXPECT_TRUE(data->sanctioned.empty());
  EXPECT_TRUE(data->sanctions_source.empty());
  EXPECT_TRUE(data->roads.RouteBetween("KZ-BCP-040", "KZ-BCP-044"));
}

TEST(LoadSdnTest, KeepsRussianCompaniesWithTheirIdentifiers) {
  const fs::path path =
      fs::temp_directory_path() / ("keruen_sdn_" + std::to_string(::getpid()) + ".csv");
  {
    std::ofstream out(path);
    out << "16806,\"OOO RADIOTEKHSNAB\",-0- ,\"UKRAINE-EO13661] [RUSSIA-EO14024\",-0- ,-0- ,-0- ,"
           "-0- ,-0- ,-0- ,-0- ,\"Tax ID No. 7718989383 (Russia); Registration Number "
           "1147746803049 (Russia).\"\n"
        << "1,\"IVANOV, Ivan\",\"individual\",\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
           "-0- ,\"Nationality Russia; Tax ID No. 771234567890 (Russia).\"\n"
        << "5,\"OOO VOLGA GROUP\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
           "\"Tax ID No. 7718989383 (Russia).\"\n"
        << "2,\"OOO CUBAN TRADE\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
        << "3,\"JOINT STOCK COMPANY INSTITUTE OF RADIO ENGINEERING\",-0- ,\"RUSSIA-EO14024\","
           "-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Tax ID No. 7700000000 (Russia).\"\n"
        << "4,\"TSENTRKVARTS PAO\",-0- ,\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
           "\"Registration ID 1027700000000 (Russia).\"\n";
  }
  auto entities = LoadSdnRussianCompanies(path.string());
  fs::remove(path);
  ASSERT_TRUE(entities) << entities.error().ToString();
  ASSERT_EQ(entities->size(), 2u);
  EXPECT_EQ((*entities)[0].list_ref, "OFAC SDN 16806");
  EXPECT_EQ((*entities)[0].core, "RADIOTEKHSNAB");
  EXPECT_EQ((*entities)[0].inn, "7718989383");
  EXPECT_EQ((*entities)[0].ogrn, "1147746803049");
  EXPECT_EQ((*entities)[1].form, "PJSC");
  EXPECT_EQ((*entities)[1].inn, "");
  EXPECT_EQ((*entities)[1].ogrn, "1027700000000");
}

TEST(LoadSdnTest, MissingFileIsAnError) {
  EXPECT_FALSE(LoadSdnRussianCompanies("/nonexistent/sdn.csv"));
  EXPECT_FALSE(LoadHsCodes("/nonexistent/hs.csv"));
}

}  // namespace
}  // namespace keruen::sim_internal
