#include "keruen/screening/text/internal/iuliia_schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "keruen/core/paths.h"
#include "keruen/screening/text/internal/unicode_strings.h"

namespace keruen::screening::text_internal {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Lower case and NFC, as the engine works.
std::u32string Lower(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.toLower();
  UErrorCode status = U_ZERO_ERROR;
  s = icu::Normalizer2::getNFCInstance(status)->normalize(s, status);
  return ToUtf32(s);
}

std::vector<fs::path> TableFiles() {
  const std::optional<std::string> shared = SharedDataDir();
  EXPECT_TRUE(shared.has_value()) << "no shared data directory";
  std::vector<fs::path> files;
  if (!shared) return files;
  for (const auto& entry :
       fs::directory_iterator(fs::path(*shared) / "sanctions/translit/iuliia")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Every table's own examples, in lower case: the engine must reproduce each of them.
TEST(IuliiaSchemaTest, EveryTableReproducesItsSamples) {
  const std::vector<fs::path> files = TableFiles();
  EXPECT_EQ(files.size(), 28u);
  size_t samples = 0;
  for (const fs::path& file : files) {
    auto schema = IuliiaSchema::Load(file);
    ASSERT_TRUE(schema) << schema.error().ToString();
    EXPECT_EQ(schema->name(), file.stem().string());
    EXPECT_FALSE(schema->samples().empty()) << file;
    for (const auto& [cyrillic, latin] : schema->samples()) {
      std::u32string out;
      schema->TranslateText(Lower(cyrillic), out);
      EXPECT_EQ(Utf32ToUtf8(out), Utf32ToUtf8(Lower(latin))) << schema->name() << ": " << cyrillic;
      ++samples;
    }
  }
  EXPECT_EQ(samples, 164u);
}

TEST(IuliiaSchemaTest, AppliesContextRulesInOrder) {
  auto schema = IuliiaSchema::Parse(R"({
    "name": "test",
    "mapping": {"а": "a", "е": "e", "т": "t", "с": "s", "ы": "y", "й": "y", "к": "k"},
    "prev_mapping": {"е": "ye", "ае": "ye"},
    "next_mapping": {"тс": "t-", "ек": "3"},
    "ending_mapping": {"ый": "iy"}
  })");
  ASSERT_TRUE(schema) << schema.error().ToString();
  const auto translate = [&](std::u32string_view text) {
    std::u32string out;
    schema->TranslateText(text, out);
    return Utf32ToUtf8(out);
  };
  EXPECT_EQ(translate(U"е"), "ye");      // one-letter prev key: start of a word
  EXPECT_EQ(translate(U"тае"), "taye");  // prev wins over plain
  EXPECT_EQ(translate(U"аек"), "ayek");  // prev wins over next
  EXPECT_EQ(translate(U"тек"), "t3k");   // next wins over plain
  EXPECT_EQ(translate(U"тс"), "t-s");
  EXPECT_EQ(translate(U"касый"), "kasiy");         // ending of a word of three letters or more
  EXPECT_EQ(translate(U"ый"), "yy");               // too short for the ending rule
  EXPECT_EQ(translate(U"ка, ек.ё"), "ka, yek.ё");  // separators start words; unknown letters kept
}

TEST(IuliiaSchemaTest, RejectsMalformedTables) {
  const auto error = [](std::string_view json) {
    auto schema = IuliiaSchema::Parse(json);
    return schema ? std::string("(parsed)") : schema.error().ToString();
  };
  EXPECT_THAT(error("{"), HasSubstr("malformed JSON"));
  EXPECT_THAT(error("[]"), HasSubstr("expected a JSON object"));
  EXPECT_THAT(error(R"({"mapping": {}})"), HasSubstr("name"));
  EXPECT_THAT(error(R"({"name": "x"})"), HasSubstr("mapping"));
  EXPECT_THAT(error(R"({"name": "x", "mapping": {"аб": "ab"}})"), HasSubstr("mapping.аб"));
  EXPECT_THAT(error(R"({"name": "x", "mapping": {"а": 1}})"), HasSubstr("expected a string"));
  EXPECT_THAT(error(R"({"name": "x", "mapping": {}, "ending_mapping": {"й": "y"}})"),
              HasSubstr("ending_mapping.й"));
  EXPECT_THAT(error(R"({"name": "x", "mapping": {}, "samples": [["а"]]})"),
              HasSubstr("samples[0]"));
}

TEST(IuliiaSchemaTest, LoadNamesTheFile) {
  const fs::path file = fs::temp_directory_path() / "keruen_iuliia_bad_table.json";
  {
    std::ofstream out(file);
    out << R"({"name": "bad", "mapping": []})";
  }
  auto schema = IuliiaSchema::Load(file);
  ASSERT_FALSE(schema);
  EXPECT_THAT(schema.error().ToString(), HasSubstr(file.string()));
  EXPECT_THAT(schema.error().ToString(), HasSubstr("mapping"));
  fs::remove(file);
  EXPECT_FALSE(IuliiaSchema::Load(file));
}

}  // namespace
}  // namespace keruen::screening::text_internal
