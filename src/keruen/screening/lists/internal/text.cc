#include "keruen/screening/lists/internal/text.h"

#include <unicode/unistr.h>

#include <algorithm>

namespace keruen::screening::lists_internal {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kNbsp = "\xC2\xA0";
  while (true) {
    if (!s.empty() && IsAsciiSpace(s.front())) {
      s.remove_prefix(1);
    } else if (StartsWith(s, kNbsp)) {
      s.remove_prefix(kNbsp.size());
    } else {
      break;
    }
  }
  while (true) {
    if (!s.empty() && IsAsciiSpace(s.back())) {
      s.remove_suffix(1);
    } else if (EndsWith(s, kNbsp)) {
      s.remove_suffix(kNbsp.size());
    } else {
      break;
    }
  }
  return s;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool IsAllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Result<std::vector<std::string>> SplitMultiValue(std::string_view cell) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < cell.size()) {
    while (i < cell.size() && IsAsciiSpace(cell[i])) ++i;
    if (i == cell.size()) break;
    std::string value;
    if (cell[i] == '"') {
      ++i;
      bool closed = false;
      while (i < cell.size()) {
        if (cell[i] == '"') {
          if (i + 1 < cell.size() && cell[i + 1] == '"') {
            value.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        value.push_back(cell[i++]);
      }
      if (!closed) return ParseError("unterminated quote in a multi-valued cell");
    }
    while (i < cell.size() && cell[i] != ';') value.push_back(cell[i++]);
    if (i < cell.size()) ++i;  // the ';'
    std::string_view trimmed = Trim(value);
    if (!trimmed.empty()) AppendUnique(out, std::string(trimmed));
  }
  return out;
}

std::optional<size_t> FindInvalidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    char32_t cp;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      cp = b & 0x07;
    } else {
      return i;  // a continuation byte, an overlong lead (C0, C1) or a byte above F4
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    const bool overlong = (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::nullopt;
}

int64_t LineAt(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

Status CheckUtf8(std::string_view text, const std::string& source) {
  if (auto bad = FindInvalidUtf8(text)) {
    return tl::unexpected(Error{ErrorCode::kParse,
                                "invalid UTF-8 (byte " + std::to_string(*bad) + ")",
                                {},
                                source,
                                LineAt(text, *bad)});
  }
  return Ok();
}

std::string_view StripFileMarks(std::string_view text) {
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && (text.back() == '\x1A')) text.remove_suffix(1);
  return text;
}

std::string FoldedKey(std::string_view s) {
  std::string folded;
  const bool ascii = std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
  if (ascii) {
    folded = AsciiLower(s);
  } else {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    u.foldCase();
    u.toUTF8String(folded);
  }
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  for (char c : folded) {
    if (IsAsciiSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

void AppendUnique(std::vector<std::string>& out, std::string value) {
  if (value.empty() || std::find(out.begin(), out.end(), value) != out.end()) return;
  out.push_back(std::move(value));
}

}  // namespace keruen::screening::lists_internal
