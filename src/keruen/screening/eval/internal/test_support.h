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

}  // namespace keruen::screening::eval_testing

#endif  // KERUEN_SCREENING_EVAL_INTERNAL_TEST_SUPPORT_H_
