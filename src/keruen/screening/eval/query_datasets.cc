#include "keruen/screening/eval/query_datasets.h"

#include <algorithm>
#include <unordered_set>

#include "keruen/core/csv.h"
#include "keruen/core/utf8.h"
#include "keruen/screening/eval/internal/name_text.h"
#include "keruen/screening/eval/internal/variants.h"

namespace keruen::screening::eval {
namespace {

using internal::FoldCase;

tl::unexpected<Error> FileError(const std::filesystem::path& path, int64_t line, std::string field,
                                std::string message) {
  return tl::unexpected(
      Error{ErrorCode::kParse, std::move(message), std::move(field), path.string(), line});
}

// Reads the full_name column of one of the fixture files and the date_of_birth column (as
// written, empty when the file has none), stopping after `max_rows` rows so that a sample does
// not parse all 50,000.
Result<std::vector<std::string>> ReadFullNames(const std::filesystem::path& path, size_t max_rows,
                                               std::vector<std::string>& birth_dates) {
  auto text = ReadFile(path.string());
  if (!text) return tl::unexpected(text.error());
  CsvReader reader(*text);
  std::vector<std::string> header;
  auto has_header = reader.Next(header);
  if (!has_header) return tl::unexpected(has_header.error().WithSource(path.string(), 1));
  auto column = [&](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int name = column("full_name");
  if (name < 0) return FileError(path, 1, "full_name", "missing column");
  const int birth = column("date_of_birth");
  std::vector<std::string> out;
  std::vector<std::string> fields;
  while (out.size() < max_rows) {
    auto more = reader.Next(fields);
    if (!more) return tl::unexpected(more.error().WithSource(path.string(), more.error().line));
    if (!*more) break;
    const int64_t line = reader.record_line();
    if (fields.size() != header.size()) {
      return FileError(path, line, {},
                       "expected " + std::to_string(header.size()) + " fields, found " +
                           std::to_string(fields.size()));
    }
    if (fields[name].empty()) return FileError(path, line, "full_name", "empty");
    out.push_back(std::move(fields[name]));
    birth_dates.push_back(birth < 0 ? std::string() : std::move(fields[birth]));
  }
  return out;
}

bool IsSuffix(std::string_view word) {
  return word == "Jr." || word == "Jr" || word == "Sr." || word == "Sr" || word == "II" ||
         word == "III" || word == "IV";
}

// The name's words without a quoted or bracketed nickname and without a generational suffix.
std::vector<std::string> CoreWords(std::string_view full_name) {
  std::string plain;
  bool in_nickname = false;
  for (char c : full_name) {
    if (c == '"') {
      in_nickname = !in_nickname;
    } else if (c == '(') {
      in_nickname = true;
    } else if (c == ')') {
      in_nickname = false;
    } else if (!in_nickname) {
      plain += c;
    }
  }
  std::vector<std::string> words;
  for (std::string_view word : internal::Words(plain)) {
    if (!IsSuffix(word)) words.emplace_back(word);
  }
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// The altered forms of one member's name, by category.
std::vector<std::pair<std::string_view, std::string>> AlteredForms(std::string_view full_name,
                                                                   internal::Rng& rng) {
  std::vector<std::pair<std::string_view, std::string>> out;
  const std::vector<std::string> words = CoreWords(full_name);
  const std::string core = Join(words, 0, words.size());
  if (words.size() >= 2) {
    const size_t surname = words.size() - 1;
    std::string initials;
    for (size_t i = 0; i < surname; ++i) {
      size_t at = 0;
      AppendUtf8(initials, DecodeUtf8(words[i], at));
      initials += ". ";
    }
    initials += words[surname];
    if (initials != core) out.emplace_back(kInitials, std::move(initials));
    if (words.size() >= 3) out.emplace_back(kDropMiddleName, words[0] + " " + words[surname]);
    out.emplace_back(kSurnameFirst, words[surname] + " " + Join(words, 0, surname));
  }
  if (auto typo = internal::Typo(core, rng)) out.emplace_back(kTypoQuery, std::move(*typo));
  return out;
}

}  // namespace

Result<QueryDataset> LoadUsCongressQueries(const std::filesystem::path& dir,
                                           const UsCongressOptions& options) {
  const std::filesystem::path positives_path = dir / "positives_us_congress_untreated.csv";
  const std::filesystem::path negatives_path = dir / "negatives_us.csv";
  std::vector<std::string> birth_years;  // the members' files give years
  auto positives = ReadFullNames(positives_path, std::numeric_limits<size_t>::max(), birth_years);
  if (!positives) return tl::unexpected(positives.error());
  std::vector<std::string> birth_dates;
  auto negatives = ReadFullNames(negatives_path, options.max_negatives, birth_dates);
  if (!negatives) return tl::unexpected(negatives.error());

  QueryDataset dataset;
  dataset.name = kUsCongressDataset;
  dataset.source = positives_path.string() + " + " + negatives_path.string();
  std::unordered_set<std::string> listed;
  for (size_t i = 0; i < positives->size(); ++i) {
    const std::string& full_name = (*positives)[i];
    ListEntry entry;
    entry.list = kUsCongressList;
    entry.id = std::to_string(i + 1);
    entry.type = EntityType::kPerson;
    entry.names.push_back({full_name, true, false});
    if (!birth_years[i].empty()) entry.birth_dates.push_back(birth_years[i]);
    const EntryKey key{entry.list, entry.id};
    dataset.queries.push_back(
        {full_name, std::string(kAsWritten), key, birth_years[i], EntityType::kPerson});
    internal::Rng rng(internal::KeyedHash(options.seed, {kUsCongressDataset, entry.id}));
    for (auto& [category, form] : AlteredForms(full_name, rng)) {
      dataset.queries.push_back(
          {std::move(form), std::string(category), key, birth_years[i], EntityType::kPerson});
    }
    listed.insert(FoldCase(full_name));
    dataset.watch_list.push_back(std::move(entry));
  }
  for (size_t i = 0; i < negatives->size(); ++i) {
    std::string& name = (*negatives)[i];
    if (listed.contains(FoldCase(name))) ++dataset.identical_names;
    dataset.queries.push_back({std::move(name), std::string(kNegativeQuery), std::nullopt,
                               std::move(birth_dates[i]), EntityType::kPerson});
  }
  return dataset;
}

}  // namespace keruen::screening::eval
