// Helpers for the list importer tests: the shared sanctions data, real lists imported once
// per test binary (importing them again in every test would make the ASan build slow), and
// scratch folders for malformed inputs.
//
// It is also the tests' common prelude: it brings in gtest, gmock and the import API, and the
// importer tests are written inside namespace lists_testing, where the helpers below and the
// matchers every one of them uses are in scope without a using-declaration per file.
#ifndef KERUEN_SCREENING_LISTS_INTERNAL_TEST_SUPPORT_H_
#define KERUEN_SCREENING_LISTS_INTERNAL_TEST_SUPPORT_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "keruen/core/paths.h"
#include "keruen/screening/lists/import.h"

namespace keruen::screening {

// Readable gtest failure messages for the list model.
inline void PrintTo(const ListName& n, std::ostream* os) {
  *os << "{\"" << n.full << "\"" << (n.primary ? " primary" : "") << (n.weak ? " weak" : "") << "}";
}
inline void PrintTo(const ListIdentifier& i, std::ostream* os) {
  *os << "{" << i.scheme << ":" << i.value << " [" << i.country << "]}";
}

}  // namespace keruen::screening

namespace keruen::screening::lists_testing {

using ::testing::Contains;
using ::testing::HasSubstr;

// A path under shared/data/sanctions. Fails the test when the shared data is missing.
inline std::filesystem::path SanctionsPath(const std::string& relative) {
  const std::optional<std::string> shared = SharedDataDir();
  if (!shared) {
    ADD_FAILURE() << "shared data not found: set KERUEN_DATA_DIR";
    return {};
  }
  return std::filesystem::path(*shared) / "sanctions" / relative;
}

struct CachedList {
  ListSnapshot snapshot;
  ImportStats stats;
};

// Imports the real list at `relative` (under sanctions/) once; later calls reuse it.
inline const CachedList& Imported(ListFormat format, const std::string& relative) {
  static std::map<std::pair<ListFormat, std::string>, CachedList> cache;
  const auto key = std::make_pair(format, relative);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  CachedList list;
  auto snapshot = ImportList(format, SanctionsPath(relative), {}, &list.stats);
  if (snapshot) {
    list.snapshot = std::move(*snapshot);
  } else {
    ADD_FAILURE() << "importing " << relative << ": " << snapshot.error().ToString();
  }
  return cache.emplace(key, std::move(list)).first->second;
}

// The entry with `id`, or null.
inline const ListEntry* FindEntry(const ListSnapshot& snapshot, std::string_view id) {
  auto it = std::find_if(snapshot.entries.begin(), snapshot.entries.end(),
                         [&](const ListEntry& e) { return e.id == id; });
  return it == snapshot.entries.end() ? nullptr : &*it;
}

// A fresh folder under the test temp dir, for hand-written (usually broken) list files.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::path(::testing::TempDir()) / ("keruen_lists_" + name)) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `content` byte for byte and returns the file's path.
  std::filesystem::path Write(const std::string& name, const std::string& content) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// A hand-written, broken list file and what its import error must say.
struct BrokenFile {
  std::string name;  // names the case in failure messages
  std::string content;
  std::string expected;  // a substring of Error::ToString(): "file:line: field: message"
};

// Writes each case as the scratch file `file_name`, imports it as `format`, and expects the
// import refused with the case's message.
inline void ExpectEachRefused(ListFormat format, const std::string& file_name,
                              const std::vector<BrokenFile>& cases,
                              const ImportListOptions& options = {}) {
  for (const BrokenFile& c : cases) {
    ScratchDir dir("broken_" + file_name);
    auto r = ImportList(format, dir.Write(file_name, c.content), options);
    ASSERT_FALSE(r) << c.name;
    EXPECT_THAT(r.error().ToString(), HasSubstr(c.expected)) << c.name;
  }
}

}  // namespace keruen::screening::lists_testing

#endif  // KERUEN_SCREENING_LISTS_INTERNAL_TEST_SUPPORT_H_
