// Helpers for the evaluation tests: where the shared evaluation data lives, and a plain edit
// distance to check generated typos against (written out here rather than taken from match/,
// so the tests do not lean on the code whose quality they help measure).
#ifndef KERUEN_SCREENING_EVAL_INTERNAL_TEST_SUPPORT_H_
#define KERUEN_SCREENING_EVAL_INTERNAL_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/paths.h"

namespace keruen::screening::eval_testing {

// shared/data/sanctions. Fails the test when the shared data is missing.
inline std::filesystem::path SanctionsDataDir() {
  const std::optional<std::string> data = SharedDataDir();
  EXPECT_TRUE(data.has_value()) << "shared data not found; set KERUEN_DATA_DIR";
  return std::filesystem::path(data.value_or("")) / "sanctions";
}

// shared/data/sanctions/eval: the public pair sets and query sets.
inline std::filesystem::path EvalDataDir() { return SanctionsDataDir() / "eval"; }

// Levenshtein distance over bytes; the generated typos touch ASCII letters only.
inline size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace keruen::screening::eval_testing

#endif  // KERUEN_SCREENING_EVAL_INTERNAL_TEST_SUPPORT_H_
