// What ImportList does for every format: format detection, content hashes, options.
#include "keruen/screening/lists/import.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "keruen/screening/lists/internal/test_support.h"

namespace keruen::screening {
namespace {

namespace fs = std::filesystem;
using lists_testing::Imported;
using lists_testing::SanctionsPath;
using lists_testing::ScratchDir;
using ::testing::HasSubstr;

TEST(DetectListFormat, RealFilesAndFolders) {
  const std::pair<std::string, ListFormat> cases[] = {
      {"ofac/latest", ListFormat::kOfacSdn},
      {"ofac/latest/sdn.csv", ListFormat::kOfacSdn},
      {"ofac/2021-07-consistent/alt.csv", ListFormat::kOfacSdn},
      {"ofac/non_sdn", ListFormat::kOfacConsolidated},
      {"ofac/non_sdn/cons_prim.csv", ListFormat::kOfacConsolidated},
      {"un/UN_consolidated.xml", ListFormat::kUn},
      {"un", ListFormat::kUn},
      {"eu/journal_sanctions", ListFormat::kEu},
      {"eu/journal_sanctions/amendments/32026R1720.csv", ListFormat::kEu},
      {"uk", ListFormat::kUk},
      {"uk/subjects.csv", ListFormat::kUk},
      {"opensanctions_ftm", ListFormat::kOpenSanctions},
      {"opensanctions_ftm/t1_entities.ftm.json", ListFormat::kOpenSanctions},
  };
  for (const auto& [path, format] : cases) {
    auto detected = DetectListFormat(SanctionsPath(path));
    ASSERT_TRUE(detected) << path << ": " << detected.error().ToString();
    EXPECT_EQ(*detected, format) << path;
  }
  auto custom =
      DetectListFormat(fs::path(KERUEN_SOURCE_DIR) / "docs/examples/kz-national-list.csv");
  ASSERT_TRUE(custom);
  EXPECT_EQ(*custom, ListFormat::kCustomCsv);
}

TEST(DetectListFormat, RefusesWhatItCannotTell) {
  // The whole sanctions folder holds several lists.
  auto all = DetectListFormat(SanctionsPath(""));
  ASSERT_FALSE(all);
  EXPECT_THAT(all.error().message, HasSubstr("several formats"));
  // A file that is no list (the OpenSanctions catalogue, one big JSON object).
  EXPECT_FALSE(DetectListFormat(
      SanctionsPath("opensanctions_ftm/opensanctions_catalog_index_20240613.json")));
  EXPECT_EQ(DetectListFormat("/nonexistent/list.csv").error().code, ErrorCode::kNotFound);
}

TEST(ImportList, MissingPathIsNotFound) {
  auto r = ImportList(ListFormat::kUn, "/nonexistent/un.xml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kNotFound);
}

TEST(ImportList, EntriesAreSortedAndHashed) {
  const auto& list = Imported(ListFormat::kUn, "un/UN_consolidated.xml");
  const auto& entries = list.snapshot.entries;
  for (size_t i = 1; i < entries.size(); ++i) EXPECT_LT(entries[i - 1].id, entries[i].id);
  EXPECT_EQ(list.snapshot.content_hash.size(), 64u);
  EXPECT_EQ(list.snapshot.content_hash, ContentHash(entries));
  EXPECT_EQ(list.snapshot.format, ListFormat::kUn);
}

TEST(ImportList, HashIsStableAndFollowsContent) {
  // Re-importing unchanged files gives the same hash; one edited row changes it.
  const fs::path source = SanctionsPath("ofac/non_sdn");
  ScratchDir copy("hash_copy");
  for (const auto& f : fs::directory_iterator(source)) {
    fs::copy_file(f.path(), copy.path() / f.path().filename());
  }
  auto first = ImportList(ListFormat::kOfacConsolidated, source);
  auto second = ImportList(ListFormat::kOfacConsolidated, copy.path());
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->content_hash, second->content_hash);
  EXPECT_EQ(first->entries, second->entries);

  std::ifstream in(copy.path() / "cons_prim.csv", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  const size_t pos = text.find("\r\n") + 2;  // the second row: change one letter of its name
  const size_t quote = text.find('"', pos) + 1;
  text[quote] = text[quote] == 'X' ? 'Y' : 'X';
  copy.Write("cons_prim.csv", text);
  auto edited = ImportList(ListFormat::kOfacConsolidated, copy.path());
  ASSERT_TRUE(edited);
  EXPECT_NE(edited->content_hash, first->content_hash);
}

TEST(ImportList, OptionsOverrideIdAndDate) {
  ImportListOptions options;
  options.list_id = "un_test";
  options.published_on = "2026-03-01";
  auto r = ImportList(ListFormat::kUn, SanctionsPath("un/UN_consolidated.xml"), options);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->list, "un_test");
  EXPECT_EQ(r->published_on, "2026-03-01");
  for (const ListEntry& e : r->entries) ASSERT_EQ(e.list, "un_test");
  options.published_on = "March 2026";
  auto bad = ImportList(ListFormat::kUn, SanctionsPath("un/UN_consolidated.xml"), options);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "published_on");
}

TEST(ImportList, EveryEntryIsComplete) {
  // The invariants the matcher relies on, over every real list.
  const std::pair<ListFormat, std::string> lists[] = {
      {ListFormat::kOfacSdn, "ofac/latest"},
      {ListFormat::kOfacConsolidated, "ofac/non_sdn"},
      {ListFormat::kUn, "un/UN_consolidated.xml"},
      {ListFormat::kEu, "eu/journal_sanctions"},
      {ListFormat::kUk, "uk"},
      {ListFormat::kOpenSanctions, "opensanctions_ftm"}};
  for (const auto& [format, path] : lists) {
    for (const ListEntry& e : Imported(format, path).snapshot.entries) {
      ASSERT_FALSE(e.names.empty()) << path << " " << e.id;
      ASSERT_FALSE(e.Caption().empty()) << path << " " << e.id;
      for (const std::string& c : e.countries) ASSERT_EQ(c.size(), 2u) << path << " " << e.id;
      for (const ListIdentifier& id : e.identifiers) {
        ASSERT_FALSE(id.value.empty()) << path << " " << e.id;
      }
    }
  }
}

}  // namespace
}  // namespace keruen::screening
