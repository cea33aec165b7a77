#include "keruen/screening/eval/pair_datasets.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>
#include <utility>

#include "keruen/core/csv.h"
#include "keruen/core/utf8.h"
#include "keruen/screening/eval/internal/name_text.h"
#include "keruen/screening/eval/internal/variants.h"

namespace keruen::screening::eval {
namespace {

tl::unexpected<Error> FileError(const std::filesystem::path& path, int64_t line, std::string field,
                                std::string message) {
  return tl::unexpected(
      Error{ErrorCode::kParse, std::move(message), std::move(field), path.string(), line});
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Calls `line_fn(line_number, trimmed_line)` for every line that is neither blank nor a '#'
// comment; stops at the first error.
template <typename Fn>
Status ForEachLine(std::string_view text, Fn line_fn) {
  int64_t number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = Trim(text.substr(pos, end - pos));
    ++number;
    pos = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (Status status = line_fn(number, line); !status) return status;
  }
  return Ok();
}

std::string FirstLetters(std::string_view folded, size_t count) {
  std::string out;
  for (size_t i = 0; i < folded.size() && count > 0; --count)
    AppendUtf8(out, DecodeUtf8(folded, i));
  return out;
}

// Quotes a CSV field when RFC 4180 requires it, when spaces at its ends would be trimmed, or
// when a leading '#' would make the reader take the line for a comment.
std::string CsvField(std::string_view value) {
  const bool quote =
      value.find_first_of(",\"\r\n") != std::string_view::npos ||
      (!value.empty() && (value.front() == ' ' || value.back() == ' ' || value.front() == '#'));
  if (!quote) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

struct EquivalenceGroup {
  std::string id;  // the Wikidata id
  int64_t line = 0;
  std::vector<std::string> forms;
};

// The negatives of LoadNameEquivalences; see the header for the sampling rules.
void AddEquivalenceNegatives(const std::vector<EquivalenceGroup>& groups, uint64_t seed,
                             std::vector<LabeledPair>& pairs) {
  struct LatinForm {
    size_t group;
    std::string form;
    std::string folded;
  };
  std::vector<LatinForm> latin;
  std::vector<std::vector<size_t>> latin_of_group(groups.size());
  std::map<std::string, std::vector<size_t>> by_prefix;  // first two letters -> latin indices
  std::unordered_map<std::string, std::set<size_t>> groups_of;  // folded form -> groups
  for (size_t g = 0; g < groups.size(); ++g) {
    for (const std::string& form : groups[g].forms) {
      std::string folded = internal::FoldCase(form);
      groups_of[folded].insert(g);
      if (internal::ScriptOf(form) != "latin") continue;
      by_prefix[FirstLetters(folded, 2)].push_back(latin.size());
      latin_of_group[g].push_back(latin.size());
      latin.push_back({g, form, std::move(folded)});
    }
  }
  auto unrelated = [&](std::string_view a_folded, const LatinForm& b) {
    if (a_folded.starts_with(b.folded) || std::string_view(b.folded).starts_with(a_folded)) {
      return false;
    }
    const std::set<size_t>& ga = groups_of.at(std::string(a_folded));
    for (size_t g : groups_of.at(b.folded)) {
      if (ga.contains(g)) return false;
    }
    return true;
  };
  auto note = [&](size_t g, size_t h) { return groups[g].id + " vs " + groups[h].id; };

  for (size_t g = 0; g < groups.size(); ++g) {
    const std::vector<size_t>& own = latin_of_group[g];
    if (own.empty()) continue;
    internal::Rng rng(internal::KeyedHash(seed, {groups[g].id, std::to_string(groups[g].line)}));
    const LatinForm& a = latin[own[rng.Below(own.size())]];

    std::vector<size_t> hard;
    for (size_t i : by_prefix[FirstLetters(a.folded, 2)]) {
      if (latin[i].group != g && unrelated(a.folded, latin[i])) hard.push_back(i);
    }
    if (!hard.empty()) {
      const LatinForm& b = latin[hard[rng.Below(hard.size())]];
      pairs.push_back({a.form, b.form, false, "hard-negative", note(g, b.group)});
      for (const std::string& form : groups[g].forms) {
        if (internal::ScriptOf(form) != "cyrillic") continue;
        if (unrelated(internal::FoldCase(form), b)) {
          pairs.push_back({form, b.form, false, "hard-negative", note(g, b.group)});
        }
        break;
      }
    }
    // A few draws find an unrelated form among a thousand groups; give up quietly otherwise.
    for (int attempt = 0; attempt < 8; ++attempt) {
      const LatinForm& b = latin[rng.Below(latin.size())];
      if (b.group == g || !unrelated(a.folded, b)) continue;
      pairs.push_back({a.form, b.form, false, "random-negative", note(g, b.group)});
      break;
    }
  }
}

}  // namespace

Result<PairDataset> LoadWatchmanCrossScript(const std::filesystem::path& csv) {
  auto text = ReadFile(csv.string());
  if (!text) return tl::unexpected(text.error());
  PairDataset dataset{std::string(kWatchmanDataset), csv.string(), {}, true};
  CsvReader reader(*text, ',', '#');
  std::vector<std::string> fields;
  while (true) {
    auto more = reader.Next(fields);
    if (!more) return tl::unexpected(more.error().WithSource(csv.string(), more.error().line));
    if (!*more) break;
    const int64_t line = reader.record_line();
    if (fields.size() != 4) {
      return FileError(csv, line, {},
                       "expected 4 fields (Query,Expected Match,Min Score,Description), found " +
                           std::to_string(fields.size()));
    }
    const std::string_view query = Trim(fields[0]);
    const std::string_view expected = Trim(fields[1]);
    if (query.empty()) return FileError(csv, line, "Query", "empty name");
    if (expected.empty()) return FileError(csv, line, "Expected Match", "empty name");
    const std::string_view min_text = Trim(fields[2]);
    double min_score = -1;
    const auto [end, ec] =
        std::from_chars(min_text.data(), min_text.data() + min_text.size(), min_score);
    if (ec != std::errc() || end != min_text.data() + min_text.size() || min_score < 0 ||
        min_score > 1) {
      return FileError(csv, line, "Min Score",
                       "\"" + std::string(min_text) + "\" is not a number between 0 and 1");
    }
    dataset.pairs.push_back(
        {std::string(query), std::string(expected), true,
         internal::ScriptPairCategory(query, expected),
         std::string(Trim(fields[3])) + " (watchman's model: >= " + std::string(min_text) + ")"});
  }
  if (dataset.pairs.empty()) return FileError(csv, 0, {}, "no pairs");
  return dataset;
}

Result<PairDataset> LoadPutinNames(const std::filesystem::path& txt, std::string_view canonical) {
  auto text = ReadFile(txt.string());
  if (!text) return tl::unexpected(text.error());
  PairDataset dataset{std::string(kPutinDataset), txt.string(), {}, false};
  Status status = ForEachLine(*text, [&](int64_t line, std::string_view form) -> Status {
    if (form == canonical) return Ok();  // the canonical spelling itself proves nothing
    dataset.pairs.push_back({std::string(form), std::string(canonical), true,
                             internal::ScriptPairCategory(form, canonical),
                             "line " + std::to_string(line)});
    return Ok();
  });
  if (!status) return tl::unexpected(status.error());
  if (dataset.pairs.empty()) return FileError(txt, 0, {}, "no names");
  return dataset;
}

Result<PairDataset> LoadNameEquivalences(const std::filesystem::path& txt, uint64_t seed) {
  auto text = ReadFile(txt.string());
  if (!text) return tl::unexpected(text.error());
  std::vector<EquivalenceGroup> groups;
  Status status = ForEachLine(*text, [&](int64_t line, std::string_view content) -> Status {
    const size_t arrow = content.find("=>");
    if (arrow == std::string_view::npos) {
      return FileError(txt, line, {}, "expected \"form, form, ... => id\"");
    }
    EquivalenceGroup group{std::string(Trim(content.substr(arrow + 2))), line, {}};
    if (group.id.empty()) return FileError(txt, line, "id", "empty group id after \"=>\"");
    const std::string_view forms = content.substr(0, arrow);
    size_t start = 0;
    for (size_t i = 0; i <= forms.size(); ++i) {
      if (i < forms.size() && forms[i] != ',') continue;
      const std::string_view form = Trim(forms.substr(start, i - start));
      if (form.empty()) {
        return FileError(txt, line, "forms[" + std::to_string(group.forms.size()) + "]",
                         "empty name form");
      }
      group.forms.emplace_back(form);
      start = i + 1;
    }
    groups.push_back(std::move(group));
    return Ok();
  });
  if (!status) return tl::unexpected(status.error());
  if (groups.empty()) return FileError(txt, 0, {}, "no groups");

  PairDataset dataset{std::string(kEquivalencesDataset), txt.string(), {}, false};
  for (const EquivalenceGroup& group : groups) {
    for (size_t i = 0; i < group.forms.size(); ++i) {
      for (size_t j = i + 1; j < group.forms.size(); ++j) {
        if (group.forms[i] == group.forms[j]) continue;
        dataset.pairs.push_back({group.forms[i], group.forms[j], true,
                                 internal::ScriptPairCategory(group.forms[i], group.forms[j]),
                                 group.id});
      }
    }
  }
  AddEquivalenceNegatives(groups, seed, dataset.pairs);
  return dataset;
}

Status ApplyCyrillicLatinAudit(const std::filesystem::path& csv, PairDataset& dataset) {
  auto table = ReadCsvTable(csv.string());
  if (!table) return tl::unexpected(table.error());
  auto columns = table->RequireColumns(csv.string(), {"latin", "cyrillic", "kind", "reason"});
  if (!columns) return tl::unexpected(columns.error());
  using FormPair = std::pair<std::string, std::string>;  // (Latin form, Cyrillic form)
  std::map<FormPair, std::vector<size_t>> cyrillic_latin;
  for (size_t i = 0; i < dataset.pairs.size(); ++i) {
    const LabeledPair& pair = dataset.pairs[i];
    if (pair.category != kCyrillicLatin) continue;
    const bool latin_first = internal::ScriptOf(pair.name1) == "latin";
    cyrillic_latin[{latin_first ? pair.name1 : pair.name2, latin_first ? pair.name2 : pair.name1}]
        .push_back(i);
  }

  std::vector<std::pair<size_t, std::string>> new_categories;  // pair index, category
  std::map<FormPair, int64_t> audited;                         // pair -> its line in `csv`
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const std::vector<std::string>& row = table->rows[r];
    const int64_t line = table->lines[r];
    FormPair forms{Trim(row[(*columns)[0]]), Trim(row[(*columns)[1]])};
    const std::string_view kind = Trim(row[(*columns)[2]]);
    for (const auto& [script, form] :
         {std::pair{"latin", &forms.first}, {"cyrillic", &forms.second}}) {
      if (internal::ScriptOf(*form) != script) {
        return FileError(csv, line, script,
                         "\"" + *form + "\" is not a name in " + script + " letters");
      }
    }
    if (std::find(std::begin(kAuditKinds), std::end(kAuditKinds), kind) == std::end(kAuditKinds)) {
      std::string kinds;
      for (const std::string_view known : kAuditKinds) {
        kinds += (kinds.empty() ? "" : ", ") + std::string(known);
      }
      return FileError(csv, line, "kind", "\"" + std::string(kind) + "\" is none of " + kinds);
    }
    if (Trim(row[(*columns)[3]]).empty()) {
      return FileError(csv, line, "reason", "empty: say why the pair is not one name's spelling");
    }
    const auto [previous, added] = audited.try_emplace(forms, line);
    if (!added) {
      return FileError(csv, line, {},
                       forms.first + " / " + forms.second + " is already on line " +
                           std::to_string(previous->second));
    }
    const auto found = cyrillic_latin.find(forms);
    if (found == cyrillic_latin.end()) {
      return FileError(csv, line, {},
                       forms.first + " / " + forms.second + " is not a cyrillic-latin pair of " +
                           dataset.source);
    }
    for (const size_t i : found->second) {
      new_categories.emplace_back(i, std::string(kCyrillicLatin) + "-" + std::string(kind));
    }
  }

  for (auto& [i, category] : new_categories) dataset.pairs[i].category = std::move(category);
  const std::string transcription = std::string(kCyrillicLatin) + "-" + std::string(kAuditKinds[0]);
  dataset.category_groups.push_back(
      {std::string(kSpellingsGroup), {std::string(kCyrillicLatin), transcription}});
  CategoryGroup all{std::string(kAllCyrillicLatinGroup), {std::string(kCyrillicLatin)}};
  for (const std::string_view kind : kAuditKinds) {
    all.categories.push_back(std::string(kCyrillicLatin) + "-" + std::string(kind));
  }
  dataset.category_groups.push_back(std::move(all));
  return Ok();
}

Result<std::vector<PairDataset>> LoadPublicPairSets(
    const std::filesystem::path& eval_dir, const std::filesystem::path& equivalences_audit) {
  std::vector<PairDataset> sets;
  auto watchman = LoadWatchmanCrossScript(eval_dir / "watchman" / "cross_script_pairs.csv");
  if (!watchman) return tl::unexpected(watchman.error());
  sets.push_back(std::move(*watchman));
  auto putin = LoadPutinNames(eval_dir / "rigour" / "putin_names.txt");
  if (!putin) return tl::unexpected(putin.error());
  sets.push_back(std::move(*putin));
  auto equivalences =
      LoadNameEquivalences(eval_dir / "rigour" / "person_name_equivalences_excerpt_motiva.txt");
  if (!equivalences) return tl::unexpected(equivalences.error());
  if (Status audited = ApplyCyrillicLatinAudit(equivalences_audit, *equivalences); !audited) {
    return tl::unexpected(audited.error());
  }
  sets.push_back(std::move(*equivalences));
  return sets;
}

Result<PairDataset> ReadPairsCsv(const std::filesystem::path& csv) {
  auto table = ReadCsvTable(csv.string());
  if (!table) return tl::unexpected(table.error());
  const int name1 = table->Column("name1");
  const int name2 = table->Column("name2");
  const int label = table->Column("label");
  const int category = table->Column("category");
  const int note = table->Column("note");
  for (const auto& [column, index] :
       {std::pair{"name1", name1}, {"name2", name2}, {"label", label}, {"category", category}}) {
    if (index < 0) return FileError(csv, 1, column, "missing column");
  }
  PairDataset dataset{csv.stem().string(), csv.string(), {}, false};
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const std::vector<std::string>& row = table->rows[r];
    const int64_t line = table->lines[r];
    LabeledPair pair;
    pair.name1 = Trim(row[name1]);
    pair.name2 = Trim(row[name2]);
    pair.category = Trim(row[category]);
    if (note >= 0) pair.note = row[note];
    if (pair.name1.empty()) return FileError(csv, line, "name1", "empty name");
    if (pair.name2.empty()) return FileError(csv, line, "name2", "empty name");
    if (pair.category.empty()) return FileError(csv, line, "category", "empty category");
    const std::string_view value = Trim(row[label]);
    if (value != "1" && value != "0") {
      return FileError(csv, line, "label",
                       "\"" + std::string(value) + "\" is not 1 (same subject) or 0");
    }
    pair.match = value == "1";
    dataset.pairs.push_back(std::move(pair));
  }
  return dataset;
}

Status WritePairsCsv(const PairDataset& dataset, const std::filesystem::path& csv) {
  std::string out = "name1,name2,label,category,note\n";
  for (const LabeledPair& pair : dataset.pairs) {
    out += CsvField(pair.name1) + ',' + CsvField(pair.name2) + ',' + (pair.match ? '1' : '0') +
           ',' + CsvField(pair.category) + ',' + CsvField(pair.note) + '\n';
  }
  std::ofstream file(csv, std::ios::binary | std::ios::trunc);
  if (!file) return IoError("cannot create " + csv.string());
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!file.flush()) return IoError("cannot write " + csv.string());
  return Ok();
}

}  // namespace keruen::screening::eval
