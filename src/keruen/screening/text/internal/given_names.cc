#include "keruen/screening/text/internal/given_names.h"

#include <algorithm>
#include <utility>

#include "keruen/core/csv.h"

namespace keruen::screening::text_internal {

namespace {

// `word` without its last `letters` code points.
std::string DropLetters(std::string_view word, size_t letters) {
  size_t end = word.size();
  for (; letters > 0 && end > 0; --letters) {
    do {
      --end;
    } while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80);
  }
  return std::string(word.substr(0, end));
}

std::vector<std::string> SplitCell(std::string_view cell) {
  std::vector<std::string> out;
  size_t begin = 0;
  while (begin <= cell.size()) {
    size_t end = cell.find(',', begin);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view part = cell.substr(begin, end - begin);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    begin = end + 1;
  }
  return out;
}

bool IsAsciiWord(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Lower-case Cyrillic letters only (U+0430 to U+045F: the Russian, Ukrainian and Belarusian
// lower-case alphabets).
bool IsCyrillicWord(std::string_view s) {
  if (s.empty() || s.size() % 2 != 0) return false;
  for (size_t i = 0; i < s.size(); i += 2) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const auto trail = static_cast<unsigned char>(s[i + 1]);
    const unsigned code = ((lead & 0x1Fu) << 6) | (trail & 0x3Fu);
    if ((lead & 0xE0) != 0xC0 || (trail & 0xC0) != 0x80 || code < 0x430 || code > 0x45F) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<std::pair<std::string, GivenNameKind>> DerivePatronymics(SlavicLanguage language,
                                                                     std::string_view name) {
  using K = GivenNameKind;
  std::vector<std::pair<std::string, GivenNameKind>> out;
  auto add = [&out](std::string stem, std::string_view male, std::string_view female) {
    out.emplace_back(stem + std::string(male), K::kMalePatronymic);
    out.emplace_back(std::move(stem) + std::string(female), K::kFemalePatronymic);
  };
  const std::string whole(name);
  if (name.ends_with("а") || name.ends_with("я")) return out;
  switch (language) {
    case SlavicLanguage::kRussian:
      if (name.ends_with("ий")) {  // юрий: юрьевич, and дмитрий: дмитриевич
        const std::string stem = DropLetters(name, 2);
        add(stem + "ь", "евич", "евна");
        add(stem + "и", "евич", "евна");
      } else if (name.ends_with("й") || name.ends_with("ь")) {  // сергей, игорь
        add(DropLetters(name, 1), "евич", "евна");
      } else {
        add(whole, "ович", "овна");
      }
      break;
    case SlavicLanguage::kUkrainian:
      if (name.ends_with("й")) {  // олексій: олексійович, олексіївна
        out.emplace_back(whole + "ович", K::kMalePatronymic);
        out.emplace_back(DropLetters(name, 1) + "ївна", K::kFemalePatronymic);
      } else if (name.ends_with("о")) {  // петро: петрович
        add(DropLetters(name, 1), "ович", "івна");
      } else if (name.ends_with("ь")) {  // василь: васильович, василівна
        out.emplace_back(whole + "ович", K::kMalePatronymic);
        out.emplace_back(DropLetters(name, 1) + "івна", K::kFemalePatronymic);
      } else {
        add(whole, "ович", "івна");
      }
      break;
    case SlavicLanguage::kBelarusian:
      if (name.ends_with("ый") || name.ends_with("ій")) {  // юрый: юр'евіч; дзмітрый: дзмітрыевіч
        add(DropLetters(name, 2), "евіч", "еўна");
        add(DropLetters(name, 1), "евіч", "еўна");
      } else if (name.ends_with("й")) {  // сяргей: сяргеевіч
        add(DropLetters(name, 1), "евіч", "еўна");
      } else if (name.ends_with("ь")) {  // анатоль: анатольевіч, анатолевіч
        add(whole, "евіч", "еўна");
        add(DropLetters(name, 1), "евіч", "еўна");
      } else if (name.ends_with("о")) {  // пятро: пятровіч
        add(DropLetters(name, 1), "овіч", "оўна");
      } else {
        add(whole, "авіч", "аўна");
      }
      break;
  }
  return out;
}

Result<GivenNameTable> ParseGivenNames(std::string_view tsv, const std::string& source) {
  GivenNameTable table;
  auto read = ForEachTsvRow(tsv, source, "sex", [&](std::vector<std::string>& fields) -> Status {
    const auto fail = [](std::string field, std::string message) {
      return tl::unexpected(Error{ErrorCode::kParse, std::move(message), std::move(field), {}, 0});
    };
    if (fields.size() < 4 || fields.size() > 6) {
      return fail("",
                  "expected 4 to 6 tab-separated fields (sex, russian, ukrainian, "
                  "belarusian, latin, patronymics), found " +
                      std::to_string(fields.size()));
    }
    fields.resize(6);
    if (fields[0] != "m" && fields[0] != "f") {
      return fail("sex", "\"" + fields[0] + "\" is not m or f");
    }
    const bool male = fields[0] == "m";
    const size_t group = table.canonical.size();
    std::array<std::string, kGivenNameKinds> canonical;
    auto add = [&](std::string text, GivenNameKind kind, bool latin) {
      std::string& first = canonical[static_cast<size_t>(kind)];
      if (first.empty() && !latin) first = text;
      table.spellings.push_back({std::move(text), kind, group, latin});
    };
    // Explicit patronymics first: they are the canonical ones where the rules go wrong.
    for (std::string& patronymic : SplitCell(fields[5])) {
      if (!IsCyrillicWord(patronymic)) {
        return fail("patronymics", "\"" + patronymic + "\" is not a lower-case Cyrillic word");
      }
      const GivenNameKind kind = patronymic.ends_with("на") ? GivenNameKind::kFemalePatronymic
                                                            : GivenNameKind::kMalePatronymic;
      add(std::move(patronymic), kind, false);
    }
    constexpr std::array<std::pair<const char*, SlavicLanguage>, 3> kColumns = {
        std::pair{"russian", SlavicLanguage::kRussian},
        std::pair{"ukrainian", SlavicLanguage::kUkrainian},
        std::pair{"belarusian", SlavicLanguage::kBelarusian}};
    for (size_t column = 0; column < kColumns.size(); ++column) {
      const auto [field, language] = kColumns[column];
      const std::vector<std::string> names = SplitCell(fields[1 + column]);
      if (names.empty() && language == SlavicLanguage::kRussian) {
        return fail(field, "the Russian name is required");
      }
      for (const std::string& name : names) {
        if (!IsCyrillicWord(name)) {
          return fail(field, "\"" + name + "\" is not a lower-case Cyrillic word");
        }
        add(name, GivenNameKind::kName, false);
        if (!male) continue;
        for (auto& [patronymic, kind] : DerivePatronymics(language, name)) {
          add(std::move(patronymic), kind, false);
        }
      }
    }
    for (std::string& latin : SplitCell(fields[4])) {
      if (!IsAsciiWord(latin)) return fail("latin", "\"" + latin + "\" is not [a-z]+");
      add(std::move(latin), GivenNameKind::kName, true);
    }
    table.canonical.push_back(std::move(canonical));
    return {};
  });
  if (!read) return tl::unexpected(read.error());
  return table;
}

}  // namespace keruen::screening::text_internal
