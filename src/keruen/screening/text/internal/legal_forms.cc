#include "keruen/screening/text/internal/legal_forms.h"

#include <algorithm>
#include <utility>

#include "keruen/core/csv.h"

namespace keruen::screening::text_internal {

namespace {

bool IsCode(std::string_view code) {
  return !code.empty() && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool WordsEqual(const std::vector<std::string_view>& keys, size_t begin,
                const std::vector<std::string>& spelling) {
  return std::equal(spelling.begin(), spelling.end(), keys.begin() + static_cast<ptrdiff_t>(begin));
}

}  // namespace

Result<LegalFormTable> LegalFormTable::Parse(std::string_view tsv, const std::string& source,
                                             const Keyer& keyer) {
  LegalFormTable table;
  auto read = ForEachTsvRow(tsv, source, "code", [&](std::vector<std::string>& fields) -> Status {
    const auto fail = [](std::string field, std::string message) {
      return tl::unexpected(Error{ErrorCode::kParse, std::move(message), std::move(field), {}, 0});
    };
    if (fields.size() != 3) {
      return fail("", "expected 3 tab-separated fields (code, place, spelling), found " +
                          std::to_string(fields.size()));
    }
    if (!IsCode(fields[0])) return fail("code", "\"" + fields[0] + "\" is not [a-z0-9-]+");
    LegalFormPlace place;
    if (fields[1] == "edge") {
      place = LegalFormPlace::kEdge;
    } else if (fields[1] == "end") {
      place = LegalFormPlace::kEnd;
    } else if (fields[1] == "any") {
      place = LegalFormPlace::kAnywhere;
    } else if (fields[1] == "front") {
      place = LegalFormPlace::kFront;
    } else {
      return fail("place", "\"" + fields[1] + "\" is not edge, end, front or any");
    }
    std::vector<std::vector<std::string>> sequences = keyer(fields[2]);
    if (sequences.empty()) return fail("spelling", "\"" + fields[2] + "\" has no words");
    for (std::vector<std::string>& keys : sequences) {
      table.longest_ = std::max(table.longest_, keys.size());
      table.by_first_key_[keys.front()].push_back(table.spellings_.size());
      const auto [byte, bit] = Shape(keys.front());
      table.first_key_shapes_[byte] |= bit;
      table.spellings_.push_back(Spelling{std::move(keys), fields[0], place});
    }
    return {};
  });
  if (!read) return tl::unexpected(read.error());
  for (auto& [first, indices] : table.by_first_key_) {
    std::stable_sort(indices.begin(), indices.end(), [&](size_t a, size_t b) {
      return table.spellings_[a].keys.size() > table.spellings_[b].keys.size();
    });
  }
  return table;
}

std::pair<size_t, uint64_t> LegalFormTable::Shape(std::string_view key) {
  const size_t byte = key.empty() ? 0 : static_cast<unsigned char>(key.front());
  return {byte, uint64_t{1} << std::min<size_t>(key.size(), 63)};
}

const LegalFormTable::Spelling* LegalFormTable::LongestAt(const std::vector<std::string_view>& keys,
                                                          const Starts& starts, size_t begin,
                                                          size_t max_length, Where where) const {
  if (starts[begin] == nullptr) return nullptr;
  for (const size_t index : *starts[begin]) {
    const Spelling& spelling = spellings_[index];
    if (spelling.keys.size() > max_length) continue;
    const bool allowed = spelling.place == LegalFormPlace::kAnywhere ||
                         (where == Where::kFront && (spelling.place == LegalFormPlace::kEdge ||
                                                     spelling.place == LegalFormPlace::kFront));
    if (allowed && WordsEqual(keys, begin, spelling.keys)) return &spelling;
  }
  return nullptr;
}

const LegalFormTable::Spelling* LegalFormTable::LongestEndingAt(
    const std::vector<std::string_view>& keys, const Starts& starts, size_t min_begin,
    size_t end) const {
  for (size_t length = std::min(longest_, end - min_begin); length > 0; --length) {
    const size_t begin = end - length;
    if (starts[begin] == nullptr) continue;
    for (const size_t index : *starts[begin]) {
      const Spelling& spelling = spellings_[index];
      if (spelling.keys.size() == length && spelling.place != LegalFormPlace::kFront &&
          WordsEqual(keys, begin, spelling.keys)) {
        return &spelling;
      }
    }
  }
  return nullptr;
}

std::vector<LegalFormTable::Match> LegalFormTable::Find(
    const std::vector<std::string_view>& keys) const {
  std::vector<Match> matches;
  if (keys.size() < 2) return matches;
  Starts starts;  // allocated only for a name with a word that starts a spelling
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto [byte, bit] = Shape(keys[i]);
    if ((first_key_shapes_[byte] & bit) == 0) continue;
    const auto it = by_first_key_.find(keys[i]);
    if (it == by_first_key_.end()) continue;
    if (starts.empty()) starts.resize(keys.size(), nullptr);
    starts[i] = &it->second;
  }
  if (starts.empty()) return matches;
  // The words [front, back) are still the name; at least one of them must stay.
  size_t front = 0;
  size_t back = keys.size();
  bool progress = true;
  while (progress && back - front >= 2) {
    progress = false;
    if (const Spelling* s = LongestAt(keys, starts, front, back - front - 1, Where::kFront)) {
      matches.push_back({front, front + s->keys.size(), &s->code});
      front += s->keys.size();
      progress = true;
    }
    if (back - front < 2) break;
    if (const Spelling* s = LongestEndingAt(keys, starts, front + 1, back)) {
      matches.push_back({back - s->keys.size(), back, &s->code});
      back -= s->keys.size();
      progress = true;
    }
  }
  // Phrases inside: words [front + 1, back - 1) may go, the two ends stay.
  for (size_t i = front + 1; i + 1 < back;) {
    const Spelling* s = LongestAt(keys, starts, i, back - 1 - i, Where::kMiddle);
    if (s == nullptr) {
      ++i;
      continue;
    }
    matches.push_back({i, i + s->keys.size(), &s->code});
    i += s->keys.size();
  }
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.begin < b.begin; });
  return matches;
}

}  // namespace keruen::screening::text_internal
