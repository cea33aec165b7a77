#include "keruen/screening/eval/list_variants.h"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "keruen/core/utf8.h"
#include "keruen/screening/eval/internal/name_text.h"
#include "keruen/screening/eval/internal/variants.h"
#include "keruen/screening/match/similarity.h"

namespace keruen::screening::eval {
namespace {

using internal::FoldCase;
using internal::KeyedHash;
using internal::Rng;
using internal::ScriptOf;

// The order categories appear in the generated set.
constexpr std::array<std::string_view, 11> kCategories = {
    kCrossScript, kTranslit,   kCrossScriptOrg, kTranslitOrg,  kOtherScript,   kTypo,
    kSwap,        kDropMiddle, kLegalForm,      kHardNegative, kRandomNegative};

// Words too common to make two names look alike.
bool IsStopWord(std::string_view word) { return word == "the" || word == "and" || word == "for"; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// The single names in one listed name: "Игорь КОРНЕТ / Iгор КОРНЕТ" holds two, and so does a
// name in both scripts, "Sergei AKSENOV (Сергей АКСЁНОВ)", split at its brackets.
std::vector<std::string> SingleNames(std::string_view name) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t slash = name.find(" / ");; slash = name.find(" / ", start)) {
    const std::string_view part =
        Trim(name.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (ScriptOf(part) != "mixed") {
      if (!part.empty()) out.emplace_back(part);
    } else {
      size_t from = 0;
      for (size_t i = 0; i <= part.size(); ++i) {
        if (i < part.size() && part[i] != '(' && part[i] != ')') continue;
        const std::string_view piece = Trim(part.substr(from, i - from));
        if (!piece.empty()) out.emplace_back(piece);
        from = i + 1;
      }
    }
    if (slash == std::string_view::npos) break;
    start = slash + 3;
  }
  return out;
}

// An entry's names sorted by script.
struct EntryNames {
  std::string latin;                  // the Latin name variants are paired with; may be empty
  std::vector<std::string> latins;    // every distinct Latin name, `latin` first
  std::vector<std::string> cyrillic;  // distinct
  std::vector<std::string> other;     // other scripts, distinct
  std::vector<std::string> words;     // of `latin`: folded, sorted, distinct, >= 3 letters,
                                      // without legal forms and stop words
};

EntryNames Classify(const ListEntry& entry) {
  EntryNames out;
  std::set<std::string> seen;
  for (const bool primary : {true, false}) {
    for (const ListName& name : entry.names) {
      if (name.primary != primary) continue;
      for (std::string& part : SingleNames(name.full)) {
        const std::string_view script = ScriptOf(part);
        if (script == "latin") {
          if (out.latin.empty()) out.latin = part;
          if (seen.insert(FoldCase(part)).second) out.latins.push_back(std::move(part));
        } else if (script == "cyrillic" || script == "other") {
          if (!seen.insert(FoldCase(part)).second) continue;
          (script == "cyrillic" ? out.cyrillic : out.other).push_back(std::move(part));
        }
      }
    }
  }
  for (std::string& word : internal::FoldedLetterRuns(out.latin)) {
    const auto letters =
        std::count_if(word.begin(), word.end(), [](char c) { return (c & 0xC0) != 0x80; });
    if (letters >= 3 && !internal::IsLegalFormWord(word) && !IsStopWord(word)) {
      out.words.push_back(std::move(word));
    }
  }
  std::sort(out.words.begin(), out.words.end());
  out.words.erase(std::unique(out.words.begin(), out.words.end()), out.words.end());
  return out;
}

bool ShareWord(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return true;
    a[i] < b[j] ? ++i : ++j;
  }
  return false;
}

bool IsPerson(const ListEntry& entry) { return entry.type == EntityType::kPerson; }

class Generator {
 public:
  Generator(std::span<const ListEntry> entries, const NameAnalyzer& analyzer,
            const ListVariantOptions& options)
      : entries_(entries), analyzer_(analyzer), options_(options), schemes_(analyzer.Schemes()) {
    names_.reserve(entries.size());
    for (const ListEntry& entry : entries) names_.push_back(Classify(entry));
    // Random picks and word postings go by (list, id), never by the caller's order.
    canonical_.resize(entries.size());
    for (size_t e = 0; e < entries.size(); ++e) canonical_[e] = e;
    std::sort(canonical_.begin(), canonical_.end(), [&](size_t a, size_t b) {
      return std::tie(entries[a].list, entries[a].id, names_[a].latin) <
             std::tie(entries[b].list, entries[b].id, names_[b].latin);
    });
    for (const size_t e : canonical_) {
      for (const std::string& word : names_[e].words) words_[WordKey(e, word)].push_back(e);
    }
  }

  // Entries with a Latin name, in the order `category` takes them: by a hash of the seed and the
  // entry, which is a random order that does not depend on the order of `entries`.
  std::vector<size_t> Order(std::string_view category) const {
    std::vector<std::pair<uint64_t, size_t>> keyed;
    for (size_t e = 0; e < entries_.size(); ++e) {
      if (names_[e].latin.empty()) continue;
      keyed.emplace_back(KeyedHash(options_.seed, {category, entries_[e].list, entries_[e].id}), e);
    }
    std::sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      const ListEntry& x = entries_[a.second];
      const ListEntry& y = entries_[b.second];
      return std::tie(x.list, x.id, names_[a.second].latin) <
             std::tie(y.list, y.id, names_[b.second].latin);
    });
    std::vector<size_t> order;
    for (const auto& [hash, e] : keyed) order.push_back(e);
    return order;
  }

  // The pairs `category` makes of entry `e`.
  Result<std::vector<LabeledPair>> Pairs(std::string_view category, size_t e) const {
    const ListEntry& entry = entries_[e];
    const EntryNames& names = names_[e];
    Rng rng(KeyedHash(options_.seed, {"variants", category, entry.list, entry.id}));
    std::vector<LabeledPair> out;
    auto positive = [&](std::string variant, const std::string& of, std::string note) {
      if (variant != of) out.push_back({std::move(variant), of, true, std::string(category), note});
    };
    const std::string key = Key(e);
    // A person's one-word Cyrillic alias is a nickname ("Хмурый"), not a spelling of the name.
    std::vector<const std::string*> cyrillic;
    for (const std::string& name : names.cyrillic) {
      if (!IsPerson(entry) || internal::Words(name).size() >= 2) cyrillic.push_back(&name);
    }
    if (category == kCrossScript || category == kCrossScriptOrg) {
      if (IsPerson(entry) != (category == kCrossScript)) return out;
      for (size_t i : Pick(cyrillic.size(), 2, rng)) {
        if (const std::string* latin = Counterpart(names, *cyrillic[i])) {
          positive(*cyrillic[i], *latin, key);
        }
      }
    } else if (category == kTranslit || category == kTranslitOrg) {
      if (IsPerson(entry) != (category == kTranslit) || cyrillic.empty()) return out;
      const std::string& original = *cyrillic[rng.Below(cyrillic.size())];
      const std::string* latin = Counterpart(names, original);
      if (latin == nullptr) return out;
      std::vector<std::pair<std::string, std::string>> spellings;  // spelling, scheme
      std::unordered_set<std::string> seen{FoldCase(names.latin)};
      for (const std::string& scheme : schemes_) {
        auto spelling = analyzer_.Transliterate(scheme, original);
        if (!spelling) {
          return tl::unexpected(spelling.error().WithFieldPrefix(key + " in scheme " + scheme));
        }
        if (seen.insert(FoldCase(*spelling)).second) spellings.emplace_back(*spelling, scheme);
      }
      for (size_t i : Pick(spellings.size(), options_.spellings_per_name, rng)) {
        positive(spellings[i].first, *latin, key + " " + spellings[i].second);
      }
    } else if (category == kOtherScript) {
      if (!IsPerson(entry)) return out;
      for (size_t i : Pick(names.other.size(), 1, rng)) positive(names.other[i], names.latin, key);
    } else if (category == kTypo) {
      if (auto typo = internal::Typo(names.latin, rng)) positive(*typo, names.latin, key);
    } else if (category == kSwap) {
      if (!IsPerson(entry)) return out;
      if (auto swapped = internal::SwapWordOrder(names.latin)) {
        positive(*swapped, names.latin, key);
      }
    } else if (category == kDropMiddle) {
      if (!IsPerson(entry)) return out;
      if (auto dropped = internal::DropMiddleNames(names.latin)) {
        positive(*dropped, names.latin, key);
      }
    } else if (category == kLegalForm) {
      if (entry.type != EntityType::kOrganization) return out;
      const bool use_cyrillic = !names.cyrillic.empty() && rng.Below(2) == 1;
      const std::string& name =
          use_cyrillic ? names.cyrillic[rng.Below(names.cyrillic.size())] : names.latin;
      positive(internal::ChangeLegalForm(name, rng), name, key);
    } else if (category == kHardNegative) {
      if (names.words.empty()) return out;
      const std::vector<size_t>& sharing =
          words_.at(WordKey(e, names.words[rng.Below(names.words.size())]));
      for (int attempt = 0; attempt < 4; ++attempt) {
        const size_t other = sharing[rng.Below(sharing.size())];
        const std::vector<std::string>& a = names.words;
        const std::vector<std::string>& b = names_[other].words;
        if (std::includes(a.begin(), a.end(), b.begin(), b.end()) ||
            std::includes(b.begin(), b.end(), a.begin(), a.end())) {
          continue;  // also rules out the entry itself
        }
        out.push_back({names.latin, names_[other].latin, false, std::string(category),
                       key + " vs " + Key(other)});
        break;
      }
    } else if (category == kRandomNegative) {
      for (int attempt = 0; attempt < 4; ++attempt) {
        const size_t other = canonical_[rng.Below(canonical_.size())];
        if (names_[other].latin.empty() || ShareWord(names.words, names_[other].words) ||
            FoldCase(names.latin) == FoldCase(names_[other].latin)) {
          continue;
        }
        out.push_back({names.latin, names_[other].latin, false, std::string(category),
                       key + " vs " + Key(other)});
        break;
      }
    }
    return out;
  }

 private:
  std::string Key(size_t e) const { return entries_[e].list + "/" + entries_[e].id; }

  // The entry's Latin name that writes `cyrillic`: the one closest to its plain ICU BGN
  // romanisation, each romanised word counting the edits to the nearest word of the Latin name
  // (so word order does not matter). EU entries give a Belarusian subject Belarusian and Russian
  // spellings in both scripts; "Игорь СУББОТИН" is "Igor SUBBOTIN", not "Ihar SUBOTSIN". Null
  // when even the closest differs in more than half the letters: the alias has no Latin spelling
  // in the entry ("Макс ШЛУНД" of "Rostislav TESLYUK"), and screening finds it by its Cyrillic.
  const std::string* Counterpart(const EntryNames& names, const std::string& cyrillic) const {
    auto words_of = [](std::string_view name) {
      std::vector<std::u32string> words;
      for (const std::string& word : internal::FoldedLetterRuns(name)) {
        words.push_back(ToCodePoints(word));
      }
      return words;
    };
    auto romanised = analyzer_.Transliterate("bgn-ru", cyrillic);
    if (!romanised) return nullptr;
    const std::vector<std::u32string> target = words_of(*romanised);
    size_t letters = 0;
    for (const std::u32string& word : target) letters += word.size();
    const std::string* best = nullptr;
    size_t best_distance = 0;
    for (const std::string& latin : names.latins) {
      const std::vector<std::u32string> candidate = words_of(latin);
      if (candidate.empty()) continue;
      size_t distance = 0;
      for (const std::u32string& word : target) {
        size_t nearest = word.size();
        for (const std::u32string& other : candidate) {
          nearest = std::min(nearest, static_cast<size_t>(LevenshteinDistance(word, other)));
        }
        distance += nearest;
      }
      if (best == nullptr || distance < best_distance) {
        best = &latin;
        best_distance = distance;
      }
    }
    if (best == nullptr || 2 * best_distance > letters) return nullptr;
    return best;
  }

  std::string WordKey(size_t e, std::string_view word) const {
    const ListEntry& entry = entries_[e];
    return entry.list + '\x1f' + std::to_string(static_cast<int>(entry.type)) + '\x1f' +
           std::string(word);
  }

  // Up to `count` distinct indices below `n`, in a random order.
  static std::vector<size_t> Pick(size_t n, size_t count, Rng& rng) {
    std::vector<size_t> all(n);
    for (size_t i = 0; i < n; ++i) all[i] = i;
    for (size_t i = 0; i < std::min(n, count); ++i) std::swap(all[i], all[i + rng.Below(n - i)]);
    all.resize(std::min(n, count));
    return all;
  }

  std::span<const ListEntry> entries_;
  const NameAnalyzer& analyzer_;
  const ListVariantOptions& options_;
  std::vector<std::string> schemes_;
  std::vector<EntryNames> names_;
  std::vector<size_t> canonical_;  // entry indices sorted by (list, id, Latin name)
  // (list, type, word) -> entries whose Latin name has the word.
  std::unordered_map<std::string, std::vector<size_t>> words_;
};

}  // namespace

Result<PairDataset> GenerateListVariants(std::span<const ListEntry> entries,
                                         const NameAnalyzer& analyzer,
                                         const ListVariantOptions& options) {
  const Generator generator(entries, analyzer, options);
  std::set<std::string> lists;
  for (const ListEntry& entry : entries) lists.insert(entry.list);
  std::string source = std::to_string(entries.size()) + " entries of";
  for (const std::string& list : lists) source += " " + list;
  source += " (seed " + std::to_string(options.seed) + ")";

  PairDataset dataset{std::string(kListVariantsDataset), std::move(source), {}, false};
  for (const std::string_view category : kCategories) {
    size_t count = 0;
    for (const size_t e : generator.Order(category)) {
      if (count >= options.max_pairs_per_category) break;
      auto pairs = generator.Pairs(category, e);
      if (!pairs) return tl::unexpected(pairs.error());
      for (LabeledPair& pair : *pairs) {
        if (count >= options.max_pairs_per_category) break;
        dataset.pairs.push_back(std::move(pair));
        ++count;
      }
    }
  }
  return dataset;
}

}  // namespace keruen::screening::eval
