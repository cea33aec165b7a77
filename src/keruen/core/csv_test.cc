#include "keruen/core/csv.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace keruen {
namespace {

TEST(CsvReaderTest, HandlesQuotesNewlinesAndCrlf) {
  CsvReader r("a,\"b,1\",\"say \"\"hi\"\"\"\r\nx,\"multi\nline\",z\n\nlast,,\n");
  std::vector<std::string> f;
  ASSERT_TRUE(*r.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b,1", "say \"hi\""}));
  EXPECT_EQ(r.record_line(), 1);
  ASSERT_TRUE(*r.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"x", "multi\nline", "z"}));
  EXPECT_EQ(r.record_line(), 2);
  ASSERT_TRUE(*r.Next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"last", "", ""}));
  EXPECT_EQ(r.record_line(), 5);
  EXPECT_FALSE(*r.Next(f));
}

TEST(CsvReaderTest, ReportsUnterminatedQuoteWithLine) {
  CsvReader r("ok,1\n\"broken,2\n");
  std::vector<std::string> f;
  ASSERT_TRUE(*r.Next(f));
  auto res = r.Next(f);
  ASSERT_FALSE(res.has_value());
  EXPECT_EQ(res.error().line, 2);
  EXPECT_EQ(res.error().code, ErrorCode::kParse);
}

TEST(CsvReaderTest, SkipsCommentLines) {
  CsvReader r("# source: somewhere\nh1,h2\n# note\n1,2\n", ',', '#');
  std::vector<std::string> f;
  ASSERT_TRUE(*r.Next(f));
  EXPECT_EQ(f[0], "h1");
  ASSERT_TRUE(*r.Next(f));
  EXPECT_EQ(f[1], "2");
  EXPECT_EQ(r.record_line(), 4);
}

TEST(CsvTableTest, RefusesRaggedRowsNamingTheLine) {
  const std::string path = ::testing::TempDir() + "/ragged.csv";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    std::fputs("a,b\n1,2\n3\n", f);
    std::fclose(f);
  }
  auto t = ReadCsvTable(path);
  ASSERT_FALSE(t.has_value());
  EXPECT_EQ(t.error().line, 3);
  EXPECT_EQ(t.error().source, path);
}

}  // namespace
TEST(WriteFileAtomicallyTest, ReplacesTheFileWholeAndLeavesNoPartialFile) {
  const std::string dir = ::testing::TempDir() + "keruen_atomic_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/out.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "first").has_value());
  ASSERT_TRUE(WriteFileAtomically(path, "second, longer").has_value());
  EXPECT_EQ(ReadFile(path).value_or(""), "second, longer");
  EXPECT_FALSE(std::filesystem::exists(path + ".partial"));
  // A folder that does not exist: an error naming the file, and nothing left behind.
  auto failed = WriteFileAtomically(dir + "/missing/out.txt", "x");
  ASSERT_FALSE(failed.has_value());
  EXPECT_NE(failed.error().message.find("missing/out.txt"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir + "/missing"));
  std::filesystem::remove_all(dir);
}

}  // namespace keruen

namespace keruen {
namespace {

TEST(ForEachTsvRowTest, SkipsTheHeaderAndCommentsAndLocatesErrors) {
  const std::string tsv = "# a table\nname\tvalue\na\t1\n# note\nb\t2\n";
  std::vector<std::string> names;
  auto ok = ForEachTsvRow(tsv, "t.tsv", "name", [&](std::vector<std::string>& fields) -> Status {
    names.push_back(fields[0]);
    return {};
  });
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(names, (std::vector<std::string>{"a", "b"}));
  auto refused =
      ForEachTsvRow(tsv, "t.tsv", "name", [](std::vector<std::string>& fields) -> Status {
        if (fields[0] == "b") return InvalidArgument("value", "not wanted");
        return {};
      });
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().ToString(), "t.tsv:5: value: not wanted");
}

}  // namespace
}  // namespace keruen
