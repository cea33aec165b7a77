// IngestText and IngestFile parse documents in place, reading past a document only where
// the input (or the file mapping) has the bytes. These tests put documents at the very end
// of buffers and files of awkward sizes: an over-read is what the ASan build would catch.
#include "keruen/ingest/ingest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "keruen/core/csv.h"
#include "keruen/core/paths.h"
#include "keruen/store/sqlite_store.h"

namespace keruen {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string SpecDeclaration() {
  auto shared = SharedDataDir();
  EXPECT_TRUE(shared.has_value()) << "../shared/data is needed for the spec examples";
  auto text = ReadFile(shared.value_or(".") + "/../spec/declaration.example.json");
  EXPECT_TRUE(text.has_value());
  return text.value_or("");
}

// The spec declaration on one line, with its id replaced.
std::string OneLine(const std::string& id) {
  std::string doc = SpecDeclaration();
  std::erase(doc, '\n');
  const std::string key = "\"id\":";
  size_t at = doc.find(key);
  EXPECT_NE(at, std::string::npos);
  at = doc.find('"', at + key.size());
  const size_t end = doc.find('"', at + 1);
  return doc.substr(0, at + 1) + id + doc.substr(end);
}

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = SqliteStore::Open(":memory:", clock_);
    ASSERT_TRUE(store.has_value());
    store_ = std::move(*store);
    dir_ = fs::path(::testing::TempDir()) / ("keruen_ingest_" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  int64_t Declarations() { return store_->Stats().value_or(StoreStats{}).declarations; }

  ManualClock clock_{1'780'000'000};
  std::unique_ptr<SqliteStore> store_;
  fs::path dir_;
};

TEST_F(IngestTest, TextWithNoSpareBytesAfterTheLastDocument) {
  // A heap buffer of exactly the text's size: nothing readable past its end.
  const std::string lines = OneLine("A-1") + "\n" + OneLine("A-2");
  auto exact = std::make_unique<char[]>(lines.size());
  std::copy(lines.begin(), lines.end(), exact.get());
  auto report = IngestText(*store_, DocumentKind::kDeclaration,
                           std::string_view(exact.get(), lines.size()), {});
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->counts.inserted, 2);
}

TEST_F(IngestTest, ASingleShortLineIsParsedWithoutPadding) {
  const std::string line = R"({"id":"x"})";  // shorter than simdjson's padding
  auto exact = std::make_unique<char[]>(line.size());
  std::copy(line.begin(), line.end(), exact.get());
  auto report = IngestText(*store_, DocumentKind::kDeclaration,
                           std::string_view(exact.get(), line.size()), {});
  ASSERT_FALSE(report.has_value());  // parsed, then refused by validation
  EXPECT_EQ(report.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(report.error().line, 1);
}

TEST_F(IngestTest, FilesOfEverySizeAroundAPageBoundaryIngest) {
  const long page = sysconf(_SC_PAGESIZE);
  // Blank lines before the document make it end exactly at, just before and just after a
  // page boundary, where the mapping leaves no or little readable slack.
  int inserted = 0;
  for (long end : {page, page - 1, page - 63, page - 64, page + 1, 2 * page}) {
    const std::string doc = OneLine("F-" + std::to_string(end));
    ASSERT_LT(static_cast<long>(doc.size()), end);
    const std::string text = std::string(static_cast<size_t>(end) - doc.size(), '\n') + doc;
    const fs::path path = dir_ / ("size" + std::to_string(end) + ".ndjson");
    std::ofstream(path, std::ios::binary) << text;
    auto report = IngestFile(*store_, DocumentKind::kDeclaration, path.string(), {});
    ASSERT_TRUE(report.has_value()) << end << ": " << report.error().ToString();
    EXPECT_EQ(report->counts.inserted, 1) << end;
    ++inserted;
  }
  EXPECT_EQ(Declarations(), inserted);
}

TEST_F(IngestTest, AnEmptyFileIsReportedNotMapped) {
  const fs::path path = dir_ / "empty.ndjson";
  std::ofstream(path).flush();
  auto report = IngestFile(*store_, DocumentKind::kDeclaration, path.string(), {});
  ASSERT_FALSE(report.has_value());
  EXPECT_THAT(report.error().message, HasSubstr("empty"));
  EXPECT_EQ(report.error().source, path.string());
}

TEST_F(IngestTest, AMissingFileIsAnIoError) {
  auto report = IngestFile(*store_, DocumentKind::kDeclaration, (dir_ / "none").string(), {});
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::kIo);
}

TEST_F(IngestTest, APipeIsReadRatherThanMapped) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const std::string doc = OneLine("P-1") + "\n";
  ASSERT_EQ(write(fds[1], doc.data(), doc.size()), static_cast<ssize_t>(doc.size()));
  close(fds[1]);
  const std::string path = "/proc/self/fd/" + std::to_string(fds[0]);
  auto report = IngestFile(*store_, DocumentKind::kDeclaration, path, {});
  close(fds[0]);
  ASSERT_TRUE(report.has_value()) << report.error().ToString();
  EXPECT_EQ(report->counts.inserted, 1);
}

// Records what it is shown; refuses declarations whose id is `refuse`.
class RecordingListener : public IngestListener {
 public:
  explicit RecordingListener(std::string refuse = "") : refuse_(std::move(refuse)) {}
  Status OnDeclaration(Transaction& txn, const Declaration& d) override {
    seen.push_back(d.id);
    if (d.id == refuse_) return InvalidArgument("id", "refused by the listener");
    // What a listener writes commits with the document.
    auto raised =
        txn.RaiseAlert(Alert{.id = "L-" + d.id, .rule = "X", .subject = {"declaration", d.id}});
    if (!raised) return tl::unexpected(raised.error());
    return Ok();
  }
  Status OnPayment(Transaction&, const Payment& p) override {
    seen.push_back(p.id);
    return Ok();
  }
  std::vector<std::string> seen;

 private:
  std::string refuse_;
};

TEST_F(IngestTest, ListenersSeeNewAndAmendedDocumentsInsideTheTransaction) {
  RecordingListener listener;
  IngestOptions options;
  options.listeners = {&listener};
  const std::string batch = OneLine("L-1") + "\n" + OneLine("L-2") + "\n";
  ASSERT_TRUE(IngestText(*store_, DocumentKind::kDeclaration, batch, options).has_value());
  EXPECT_EQ(listener.seen, (std::vector<std::string>{"L-1", "L-2"}));
  EXPECT_EQ(store_->Stats().value_or(StoreStats{}).alerts, 2);
  // Unchanged documents are not shown again.
  ASSERT_TRUE(IngestText(*store_, DocumentKind::kDeclaration, batch, options).has_value());
  EXPECT_EQ(listener.seen.size(), 2u);
}

TEST_F(IngestTest, AListenerErrorRefusesTheWholeInput) {
  RecordingListener listener("R-2");
  IngestOptions options;
  options.listeners = {&listener};
  const std::string batch = OneLine("R-1") + "\n" + OneLine("R-2") + "\n";
  auto report = IngestText(*store_, DocumentKind::kDeclaration, batch, options);
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().line, 2);
  EXPECT_THAT(report.error().message, HasSubstr("refused by the listener"));
  const StoreStats stats = store_->Stats().value_or(StoreStats{});
  EXPECT_EQ(stats.declarations, 0);
  EXPECT_EQ(stats.alerts, 0);
}

}  // namespace
}  // namespace keruen
