#include "keruen/screening/match/internal/synthetic_list.h"

#include <random>

#include "keruen/core/csv.h"

namespace keruen::screening::internal {
namespace {

void AddWords(const std::string& name, std::vector<std::string>& out) {
  std::string word;
  for (char c : name + ' ') {
    if (c == ' ' || c == ',') {
      if (word.size() >= 2) out.push_back(word);
      word.clear();
    } else {
      word.push_back(c);
    }
  }
}

}  // namespace

Result<NameParts> CollectNameParts(const std::vector<ListEntry>& entries,
                                   const std::string& people_csv) {
  auto table = ReadCsvTable(people_csv);
  if (!table) return tl::unexpected(table.error());
  const int first = table->Column("first_name");
  const int last = table->Column("last_name");
  if (first < 0 || last < 0) {
    return tl::unexpected(Error{ErrorCode::kInvalidArgument,
                                "needs columns first_name and last_name", "", people_csv, 1});
  }
  NameParts parts;
  for (const auto& row : table->rows) {
    if (!row[first].empty()) parts.first_names.push_back(row[first]);
    if (!row[last].empty()) parts.last_names.push_back(row[last]);
  }
  for (const ListEntry& entry : entries) {
    auto& words = entry.type == EntityType::kPerson ? parts.person_words : parts.organization_words;
    for (const ListName& name : entry.names) AddWords(name.full, words);
  }
  if (parts.first_names.empty() || parts.last_names.empty() || parts.person_words.empty() ||
      parts.organization_words.empty()) {
    return InvalidArgument("", "not enough name parts to recombine");
  }
  return parts;
}

std::vector<ListEntry> MakeSyntheticList(const NameParts& parts, size_t count, uint64_t seed) {
  static const char* const kLegalForms[] = {"LLC", "LTD", "JSC", "ООО", "ТОО", "GmbH"};
  std::mt19937_64 rng(seed);
  auto pick = [&rng](const std::vector<std::string>& from) -> const std::string& {
    return from[rng() % from.size()];
  };
  auto person_name = [&] {
    // Surnames from the listed persons half of the time, so that the lists' own
    // (Russian, Arabic, ...) names mix with the American ones.
    std::string name = pick(parts.first_names);
    if (rng() % 5 == 0) name += " " + pick(rng() % 2 ? parts.first_names : parts.person_words);
    name += " " + pick(rng() % 2 ? parts.last_names : parts.person_words);
    return name;
  };
  auto organization_name = [&] {
    std::string name = pick(parts.organization_words);
    const size_t words = 1 + rng() % 2;
    for (size_t i = 0; i < words; ++i) name += " " + pick(parts.organization_words);
    if (rng() % 2) name += std::string(" ") + kLegalForms[rng() % std::size(kLegalForms)];
    return name;
  };

  std::vector<ListEntry> entries(count);
  for (size_t i = 0; i < count; ++i) {
    ListEntry& entry = entries[i];
    entry.list = "synthetic";
    entry.id = "syn-" + std::to_string(i + 1);
    const bool person = rng() % 3 != 0;
    entry.type = person ? EntityType::kPerson : EntityType::kOrganization;
    entry.names.push_back({person ? person_name() : organization_name(), true, false});
    if (rng() % 10 == 0) {
      entry.names.push_back({person ? person_name() : organization_name(), false, rng() % 3 == 0});
    }
    if (person && rng() % 2) {
      entry.birth_dates.push_back(std::to_string(1940 + rng() % 60));
    }
    entry.programs.push_back("SYNTHETIC");
  }
  return entries;
}

}  // namespace keruen::screening::internal
