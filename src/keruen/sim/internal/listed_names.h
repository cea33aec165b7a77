// Which generated names are the names of listed subjects, so that the simulator never hands
// one to a company its ground truth calls clean.
//
// The clean companies of the simulated world get realistic names built from common parts
// (Маш+импорт, Пром+инвест, Стройсервис, Вега, Байкал), and some of those names are, word for
// word, names on the EU, OFAC or UK lists, often of entries with no identifier or country to
// tell a namesake apart. A firm trading under a listed subject's exact name is not clean in
// any useful sense: a compliance officer would flag it, and rightly, so a world full of them
// makes the ground truth wrong. The company factory draws such a name again.
//
// Only namesakes: a name that merely resembles a listed one (Schäfer and the alias CHAFER,
// Автотрейд and AVIATREID, Kyrgyz Trans and KYRGYZ TRANS AVIA) stays in the world, and the
// engine's hits on it count as its false positives, which is what the detection eval is there
// to measure.
#ifndef KERUEN_SIM_INTERNAL_LISTED_NAMES_H_
#define KERUEN_SIM_INTERNAL_LISTED_NAMES_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "keruen/core/error.h"
#include "keruen/screening/lists/list_entry.h"
#include "keruen/screening/match/screener.h"
#include "keruen/screening/text/name_analyzer.h"

namespace keruen::sim_internal {

class ListedNames {
 public:
  // Over `entries`; `translit_dir` as for NameAnalyzer::Create (empty: ICU schemes only).
  static Result<std::unique_ptr<ListedNames>> Build(std::vector<screening::ListEntry> entries,
                                                    const std::filesystem::path& translit_dir);
  // Over every list under <shared_dir>/sanctions that `keruen lists import` reads by default
  // (screening::DefaultListSources), analysed with the shared transliteration tables. An
  // error when a present list cannot be read; null when none is present. The lists are read
  // and indexed once per process and directory, then shared: that takes about a second in a
  // release build and far longer under sanitizers, and tests and `keruen eval detection`
  // simulate many worlds.
  static Result<std::shared_ptr<const ListedNames>> LoadShared(
      const std::filesystem::path& shared_dir);

  // True when `name` is a listed name: it raises a name hit at screening::kDefaultThreshold,
  // screened alone (a namesake anywhere) or as a party of `country` (which a listed subject
  // of that country raises a little), on a listed name it matches word for word in one of
  // their spellings: every word paired with an identical word, none left over (a missing
  // patronymic aside). The engine screens the name with its country and identifiers, which
  // never raise a name's score above what these two queries give.
  bool IsListedName(std::string_view name, std::string_view country) const;

  size_t entries() const { return screener_->entries().size(); }
  // "eu, ofac_cons, ofac_sdn, ..." — the lists loaded, for the run summary.
  const std::string& lists() const { return lists_; }

 private:
  ListedNames() = default;
  std::unique_ptr<screening::NameAnalyzer> analyzer_;
  std::unique_ptr<screening::Screener> screener_;
  std::string lists_;
};

}  // namespace keruen::sim_internal

#endif  // KERUEN_SIM_INTERNAL_LISTED_NAMES_H_
