// Test-only helpers shared by the API tests: a SqliteStore on a fresh temporary file, and
// documents derived from the examples in shared/spec.
#ifndef KERUEN_API_INTERNAL_TEST_SUPPORT_H_
#define KERUEN_API_INTERNAL_TEST_SUPPORT_H_

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "keruen/api/http.h"
#include "keruen/core/paths.h"
#include "keruen/core/time.h"
#include "keruen/store/sqlite_store.h"

namespace keruen::api_testing {

// A store on a file of its own, removed (with SQLite's -wal and -shm files) afterwards.
class TempStore {
 public:
  explicit TempStore(const Clock& clock) {
    static std::atomic<int> counter{0};
    path_ =
        (std::filesystem::temp_directory_path() / ("keruen_api_test_" + std::to_string(::getpid()) +
                                                   "_" + std::to_string(counter++) + ".db"))
            .string();
    auto opened = SqliteStore::Open(path_, clock);
    if (opened)
      store_ = std::move(*opened);
    else
      error_ = opened.error().ToString();
  }
  ~TempStore() {
    store_.reset();
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::remove((path_ + suffix).c_str());
  }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  // Null when opening failed; error() says why.
  SqliteStore* get() const { return store_.get(); }
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  std::string error_;
  std::unique_ptr<SqliteStore> store_;
};

// A clock reading just after the spec examples' last event (2026-03-04T04:53:20Z), so they are
// neither in the future nor overdue.
inline constexpr Timestamp kAfterSpecExamples = 1772600000;

// The body of a response parsed as JSON (throws on a body that is not JSON: the test fails).
inline nlohmann::json JsonBody(const HttpResponse& response) {
  return nlohmann::json::parse(response.body);
}

// The text of shared/spec/<name>, or empty when it cannot be read.
inline std::string ReadSpecFile(const std::string& name) {
  const auto data = SharedDataDir();
  if (!data) return {};
  std::ifstream in(*data + "/../spec/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The spec example declaration with id "T-<n>", kind `kind`, lodged n hours after
// 2026-03-01T00:00Z with a transit limit five days later: distinct valid documents for
// batches and paging.
inline nlohmann::json DeclarationVariant(const nlohmann::json& example, int n,
                                         const std::string& kind = "import") {
  nlohmann::json d = example;
  char id[32];
  std::snprintf(id, sizeof id, "T-%04d", n);
  d["id"] = id;
  d["kind"] = kind;
  const Timestamp lodged = 1772323200 + int64_t{3600} * n;
  d["lodged_at"] = FormatTimestamp(lodged);
  d["itinerary"]["limit_date"] = FormatTimestamp(lodged + 5 * 86400);
  return d;
}

}  // namespace keruen::api_testing

#endif  // KERUEN_API_INTERNAL_TEST_SUPPORT_H_
