// The index must not lose what scoring every name would find: for generated variants of real
// listed names (typos, swapped and dropped words, Cyrillic spellings), the best brute-force
// hit must be among the index's hits, with the same score.
//
// The screener is built over a deterministic sample of the real lists (every 40th entry of the
// EU list) and its limits are scaled down with it (a word is common from 10 names, 10
// candidates per query), so the index prunes as hard as on the full lists while the brute
// force stays fast enough for a test. The benchmark measures the same on all lists.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "keruen/core/paths.h"
#include "keruen/screening/lists/import.h"
#include "keruen/screening/match/internal/query_variants.h"
#include "keruen/screening/match/screener.h"

namespace keruen::screening {
namespace {

std::vector<ListEntry> SampleOfRealLists(size_t every) {
  const std::string dir = SharedDataDir().value_or("") + "/sanctions";
  // The EU's list has Latin and Cyrillic names of persons and companies.
  const std::pair<ListFormat, std::string> lists[] = {
      {ListFormat::kEu, dir + "/eu/journal_sanctions"},
  };
  std::vector<ListEntry> sample;
  for (const auto& [format, path] : lists) {
    auto snapshot = ImportList(format, path);
    EXPECT_TRUE(snapshot.has_value()) << path << ": " << snapshot.error().ToString();
    if (!snapshot) continue;
    for (size_t i = 0; i < snapshot->entries.size(); i += every) {
      sample.push_back(std::move(snapshot->entries[i]));
    }
  }
  return sample;
}

TEST(ScreenerRecallTest, IndexFindsTheBruteForceBestHit) {
  const std::string data = SharedDataDir().value_or("");
  auto analyzer = NameAnalyzer::Create(data + "/sanctions/translit/iuliia");
  ASSERT_TRUE(analyzer.has_value());
  std::vector<ListEntry> entries = SampleOfRealLists(40);
  ASSERT_GT(entries.size(), 200u);
  const ScreenerOptions options{.common_word_names = 10, .max_candidates = 10};
  auto screener = Screener::Build(entries, **analyzer, options);
  ASSERT_TRUE(screener.has_value()) << screener.error().ToString();

  std::mt19937_64 rng(7);
  int queries = 0, with_hit = 0, found = 0;
  std::string missed;  // the first few misses, for the failure message
  while (queries < 2000) {
    const ListEntry& entry = entries[rng() % entries.size()];
    const ListName& name = entry.names[rng() % entry.names.size()];
    const auto variation = internal::kAllVariations[rng() % std::size(internal::kAllVariations)];
    const std::optional<std::string> variant = internal::MakeVariant(name.full, variation, rng);
    if (!variant) continue;
    ++queries;
    ScreeningQuery query;
    query.name = *variant;
    const auto best =
        (*screener)->ScreenBruteForce(query, {.threshold = kDefaultThreshold, .limit = 1});
    if (best.empty()) continue;
    ++with_hit;
    const auto hits = (*screener)->Screen(query, {.threshold = kDefaultThreshold, .limit = 10});
    bool ok = false;
    for (const Hit& hit : hits) {
      if (hit.entry_index != best[0].entry_index) continue;
      EXPECT_DOUBLE_EQ(hit.score, best[0].score) << *variant;
      ++found;
      ok = true;
      break;
    }
    if (!ok && missed.size() < 4000) missed += *variant + " -> " + ExplainHit(best[0]) + "\n";
  }
  // Most variants are still recognisable; the index must find nearly all of those.
  EXPECT_GT(with_hit, queries / 2);
  EXPECT_GE(static_cast<double>(found) / with_hit, 0.995)
      << found << " of " << with_hit << " brute-force best hits found by the index; missed:\n"
      << missed;
}

// Queries "Mr <the longest word>" of each listed person of `persons` against `entries`.
void TitleAndSurnameFindTheBruteForceBestHit(const std::vector<ListEntry>& entries,
                                             const std::vector<ListEntry>& persons,
                                             const NameAnalyzer& analyzer) {
  const ScreenerOptions options{.common_word_names = 10, .max_candidates = 10};
  auto screener = Screener::Build(entries, analyzer, options);
  ASSERT_TRUE(screener.has_value()) << screener.error().ToString();
  int with_hit = 0;
  for (const ListEntry& entry : persons) {
    if (entry.type != EntityType::kPerson) continue;
    for (const ListName& name : entry.names) {
      // The longest word stands for the surname: "Mr" and it make a surname reference.
      std::string surname;
      for (const NameForm& form : analyzer.Analyze(name.full).forms) {
        if (form.scheme != "latin" && form.scheme != "bgn-ru") continue;
        for (const NameToken& token : form.tokens) {
          if (token.text.size() > surname.size()) surname = token.text;
        }
      }
      if (surname.empty()) continue;
      const ScreeningQuery query{.name = "Mr " + surname};
      const auto best = (*screener)->ScreenBruteForce(query, {.threshold = 0.7, .limit = 1});
      if (best.empty()) continue;
      ++with_hit;
      const auto hits = (*screener)->Screen(query, {.threshold = 0.7, .limit = 10});
      ASSERT_FALSE(hits.empty()) << query.name << " -> " << ExplainHit(best[0]);
      EXPECT_DOUBLE_EQ(hits[0].score, best[0].score) << query.name;
      EXPECT_TRUE(hits[0].name.surname_reference) << query.name;
    }
  }
  EXPECT_GT(with_hit, 20);
}

// A title and a surname cost a listed person's (or an untyped name's) given names less than
// other queries do: the bounds the index prunes by must allow for it. The sample is screened
// as listed and once more with every entry's type unknown.
TEST(ScreenerRecallTest, IndexFindsTheBruteForceBestHitForTitleAndSurname) {
  const std::string data = SharedDataDir().value_or("");
  auto analyzer = NameAnalyzer::Create(data + "/sanctions/translit/iuliia");
  ASSERT_TRUE(analyzer.has_value());
  const std::vector<ListEntry> sample = SampleOfRealLists(40);
  std::vector<ListEntry> untyped = sample;
  for (ListEntry& entry : untyped) entry.type = EntityType::kUnknown;
  const std::vector<ListEntry>* const lists[] = {&sample, &untyped};
  for (const std::vector<ListEntry>* entries : lists) {
    SCOPED_TRACE(entries == &sample ? "as listed" : "untyped");
    TitleAndSurnameFindTheBruteForceBestHit(*entries, sample, **analyzer);
  }
}

}  // namespace
}  // namespace keruen::screening
