// Fuzz target: any two names (the input split at its first newline), in any script or in no
// valid UTF-8 at all, are analysed, compared and screened without a crash, and the answers
// keep their invariants: scores within [0, 1], a name compared with itself scoring 1 when it
// has words, and the index finding the best hit the brute-force scorer finds, at its score.
// The watch list mixes scripts, a title-bearing person, and an Arabic-only alias, so that the
// surname-reference and abjad paths run.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "keruen/screening/match/screener.h"
#include "keruen/screening/text/name_analyzer.h"

namespace {

using keruen::screening::EntityType;
using keruen::screening::ListEntry;
using keruen::screening::ListName;
using keruen::screening::Screener;
using keruen::screening::ScreeningQuery;

ListEntry Entry(std::string id, EntityType type, std::vector<std::string> names) {
  ListEntry entry;
  entry.list = "fuzz";
  entry.id = std::move(id);
  entry.type = type;
  for (std::string& name : names) entry.names.push_back(ListName{std::move(name), true, false});
  return entry;
}

const Screener& WatchList() {
  static const auto analyzer = [] {
    auto created = keruen::screening::NameAnalyzer::Create(keruen::screening::DefaultTranslitDir());
    if (!created) std::abort();
    return std::move(*created);
  }();
  static const auto screener = [] {
    auto built = Screener::Build(
        {Entry("1", EntityType::kPerson, {"PUTIN, Vladimir Vladimirovich", "Владимир Путин"}),
         Entry("2", EntityType::kPerson, {"Usama bin Laden", "أسامة بن لادن"}),
         Entry("3", EntityType::kOrganization, {"ООО «Ромашка»", "Romashka LLC"}),
         Entry("4", EntityType::kOrganization, {"کربلا"}),
         Entry("5", EntityType::kPerson, {"Kim Jong Un", "김정은"}),
         Entry("6", EntityType::kPerson, {"Hassan Ahmed", "Moshe David"})},
        *analyzer);
    if (!built) std::abort();
    return std::move(*built);
  }();
  return *screener;
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t newline = input.find('\n');
  const std::string_view first = input.substr(0, newline);
  const std::string_view second =
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  const Screener& screener = WatchList();
  for (const auto& [a, b] : {std::pair{first, second}, {second, first}}) {
    const double score = screener.ScoreNames(a, b).score;
    Check(score >= 0 && score <= 1, "a pair's score within [0, 1]");
  }
  const auto self = screener.ScoreNames(first, first);
  Check(self.name.query_form.empty() || self.score == 1.0 || self.name.specificity < 1,
        "a name with words scores 1 against itself, but for specificity");
  const ScreeningQuery query{.name = std::string(first)};
  if (query.name.empty()) return 0;
  const auto hits = screener.Screen(query, {.threshold = 0.5, .limit = 10});
  const auto best = screener.ScreenBruteForce(query, {.threshold = 0.5, .limit = 1});
  for (const auto& hit : hits) Check(hit.score >= 0 && hit.score <= 1, "a hit's score in [0, 1]");
  if (!best.empty()) {
    bool found = false;
    for (const auto& hit : hits) found = found || hit.score == best[0].score;
    Check(found, "the index finds the brute-force best score");
  }
  return 0;
}
