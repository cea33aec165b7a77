// A screener over the hand-made test lists (test_lists.h), for the tests of the components
// that screen parties (payments, risk). Built once per test binary: analysing names is slow in
// a sanitizer build, and every test of a binary can share one immutable screener.
#ifndef KERUEN_SCREENING_TESTING_TEST_SCREENER_H_
#define KERUEN_SCREENING_TESTING_TEST_SCREENER_H_

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "keruen/screening/match/screener.h"
#include "keruen/screening/testing/test_lists.h"
#include "keruen/screening/text/name_analyzer.h"

namespace keruen::screening::testing {

// Aborts the test binary when the screener cannot be built: no test of it could run.
inline const Screener& TestListScreener() {
  static const Screener* screener = [] {
    auto analyzer = NameAnalyzer::Create(DefaultTranslitDir());
    if (!analyzer) {
      std::fprintf(stderr, "test screener: %s\n", analyzer.error().ToString().c_str());
      std::abort();
    }
    static const std::unique_ptr<NameAnalyzer> kept = std::move(*analyzer);
    auto built = Screener::Build(TestEntries(), *kept);
    if (!built) {
      std::fprintf(stderr, "test screener: %s\n", built.error().ToString().c_str());
      std::abort();
    }
    static const std::unique_ptr<Screener> owned = std::move(*built);
    return owned.get();
  }();
  return *screener;
}

}  // namespace keruen::screening::testing

#endif  // KERUEN_SCREENING_TESTING_TEST_SCREENER_H_
