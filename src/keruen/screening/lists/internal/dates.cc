#include "keruen/screening/lists/internal/dates.h"

#include <algorithm>

#include "keruen/screening/lists/internal/text.h"

namespace keruen::screening::lists_internal {
namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2100;
constexpr int kMaxExpandedRange = 10;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ValidYear(int y) { return y >= kMinYear && y <= kMaxYear; }

void AppendPadded(std::string& out, int value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) out.append(width - digits.size(), '0');
  out += digits;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD": month and day 0 mean "not known".
std::string FormatPartial(int y, int m, int d) {
  std::string out;
  AppendPadded(out, y, 4);
  if (m == 0) return out;
  out.push_back('-');
  AppendPadded(out, m, 2);
  if (d == 0) return out;
  out.push_back('-');
  AppendPadded(out, d, 2);
  return out;
}

// The most precise valid form: a bad day falls back to the month, a bad month to the year.
std::string Partial(int y, int m, int d) {
  if (m < 1 || m > 12) return FormatPartial(y, 0, 0);
  if (d < 1 || d > DaysInMonth(y, m)) return FormatPartial(y, m, 0);
  return FormatPartial(y, m, d);
}

int MonthNumber(std::string_view word) {
  static constexpr std::pair<std::string_view, int> kMonths[] = {
      {"jan", 1},  {"january", 1},  {"feb", 2},    {"february", 2},  {"mar", 3},  {"march", 3},
      {"apr", 4},  {"april", 4},    {"may", 5},    {"jun", 6},       {"june", 6}, {"jul", 7},
      {"july", 7}, {"aug", 8},      {"august", 8}, {"sep", 9},       {"sept", 9}, {"september", 9},
      {"oct", 10}, {"october", 10}, {"nov", 11},   {"november", 11}, {"dec", 12}, {"december", 12}};
  for (const auto& [name, number] : kMonths) {
    if (name == word) return number;
  }
  return 0;
}

struct Token {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string_view text;  // words lower-cased into `lower`
  std::string lower;
  size_t begin = 0, end = 0;
  int value = 0;  // numbers of up to 9 digits
};

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  while (i < s.size()) {
    const char c = s[i];
    if (is_digit(c)) {
      size_t j = i;
      while (j < s.size() && is_digit(s[j])) ++j;
      Token t{Token::kNumber, s.substr(i, j - i), {}, i, j, 0};
      if (j - i <= 9) {
        for (size_t k = i; k < j; ++k) t.value = t.value * 10 + (s[k] - '0');
      }
      out.push_back(std::move(t));
      i = j;
    } else if (is_alpha(c)) {
      size_t j = i;
      while (j < s.size() && is_alpha(s[j])) ++j;
      Token t{Token::kWord, s.substr(i, j - i), AsciiLower(s.substr(i, j - i)), i, j, 0};
      out.push_back(std::move(t));
      i = j;
    } else if (IsAsciiSpace(c)) {
      ++i;
    } else {
      out.push_back(Token{Token::kPunct, s.substr(i, 1), {}, i, i + 1, 0});
      ++i;
    }
  }
  return out;
}

class Scanner {
 public:
  explicit Scanner(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  std::vector<std::string> Run() {
    size_t i = 0;
    while (i < t_.size()) {
      const size_t used = Match(i);
      i += used == 0 ? 1 : used;
    }
    return std::move(out_);
  }

 private:
  bool Num(size_t i, size_t min_len, size_t max_len) const {
    return i < t_.size() && t_[i].kind == Token::kNumber && t_[i].text.size() >= min_len &&
           t_[i].text.size() <= max_len;
  }
  bool Punct(size_t i, char c) const {
    return i < t_.size() && t_[i].kind == Token::kPunct && t_[i].text[0] == c;
  }
  bool Word(size_t i, std::string_view w) const {
    return i < t_.size() && t_[i].kind == Token::kWord && t_[i].lower == w;
  }
  int Month(size_t i) const {
    return i < t_.size() && t_[i].kind == Token::kWord ? MonthNumber(t_[i].lower) : 0;
  }
  bool Adjacent(size_t a, size_t b) const { return t_[a].end == t_[b].begin; }
  bool Year(size_t i) const { return Num(i, 4, 4) && ValidYear(t_[i].value); }
  // Skips a '.' after an abbreviated month ("Oct.").
  size_t AfterMonth(size_t i) const { return Punct(i + 1, '.') ? i + 2 : i + 1; }

  void Add(std::string date) { AppendUnique(out_, std::move(date)); }

  void AddRange(int from, int to) {
    if (to < from) std::swap(from, to);
    if (to - from <= kMaxExpandedRange) {
      for (int y = from; y <= to; ++y) Add(FormatPartial(y, 0, 0));
    } else {
      Add(FormatPartial(from, 0, 0));
      Add(FormatPartial(to, 0, 0));
    }
  }

  // Tries every shape at token i; returns the tokens consumed, 0 when none fits.
  size_t Match(size_t i) {
    // 1960-02-28, 1960-02
    if (Year(i) && Punct(i + 1, '-') && Num(i + 2, 1, 2) && Adjacent(i, i + 1) &&
        Adjacent(i + 1, i + 2)) {
      if (Punct(i + 3, '-') && Num(i + 4, 1, 2) && Adjacent(i + 2, i + 3) &&
          Adjacent(i + 3, i + 4)) {
        Add(Partial(t_[i].value, t_[i + 2].value, t_[i + 4].value));
        return 5;
      }
      if (t_[i + 2].value >= 1 && t_[i + 2].value <= 12) {
        Add(Partial(t_[i].value, t_[i + 2].value, 0));
        return 3;
      }
    }
    // 16.6.1938, 16/06/1938, 16-06-1938
    if (Num(i, 1, 2) && i + 4 < t_.size() && t_[i + 1].kind == Token::kPunct &&
        (Punct(i + 1, '.') || Punct(i + 1, '/') || Punct(i + 1, '-')) && Num(i + 2, 1, 2) &&
        Punct(i + 3, t_[i + 1].text[0]) && Year(i + 4) && Adjacent(i, i + 1) &&
        Adjacent(i + 1, i + 2) && Adjacent(i + 2, i + 3) && Adjacent(i + 3, i + 4)) {
      Add(Partial(t_[i + 4].value, t_[i + 2].value, t_[i].value));
      return 5;
    }
    // 10 Dec 1948, 8 Oct.1970, 22 August 1960
    if (Num(i, 1, 2) && Month(i + 1) != 0 && Year(AfterMonth(i + 1))) {
      const size_t y = AfterMonth(i + 1);
      Add(Partial(t_[y].value, Month(i + 1), t_[i].value));
      return y - i + 1;
    }
    if (Month(i) != 0) {
      const size_t next = AfterMonth(i);
      // December 5, 1970
      if (Num(next, 1, 2) && Punct(next + 1, ',') && Year(next + 2)) {
        Add(Partial(t_[next + 2].value, Month(i), t_[next].value));
        return next + 3 - i;
      }
      // Nov. 1973
      if (Year(next)) {
        Add(Partial(t_[next].value, Month(i), 0));
        return next + 1 - i;
      }
    }
    // between 1977 and 1982
    if (Word(i, "between") && Year(i + 1) && Word(i + 2, "and") && Year(i + 3)) {
      AddRange(t_[i + 1].value, t_[i + 3].value);
      return 4;
    }
    if (Year(i)) {
      // 1960 to 1962, 1960-1962, 1960 – 1962 (an en dash is three punctuation bytes)
      if (Word(i + 1, "to") && Year(i + 2)) {
        AddRange(t_[i].value, t_[i + 2].value);
        return 3;
      }
      if (Punct(i + 1, '-') && Year(i + 2)) {
        AddRange(t_[i].value, t_[i + 2].value);
        return 3;
      }
      if (i + 4 < t_.size() && t_[i + 1].text == "\xE2" && t_[i + 2].text == "\x80" &&
          t_[i + 3].text == "\x93" && Year(i + 4)) {
        AddRange(t_[i].value, t_[i + 4].value);
        return 5;
      }
      Add(FormatPartial(t_[i].value, 0, 0));
      return 1;
    }
    return 0;
  }

  std::vector<Token> t_;
  std::vector<std::string> out_;
};

}  // namespace

bool IsPartialIsoDate(std::string_view s) {
  auto digits = [&](size_t pos, size_t n, int& v) {
    v = 0;
    for (size_t k = pos; k < pos + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      v = v * 10 + (s[k] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!digits(0, 4, y) || !ValidYear(y)) return false;
  if (s.size() == 4) return true;
  if (s[4] != '-' || !digits(5, 2, m) || m < 1 || m > 12) return false;
  if (s.size() == 7) return true;
  return s[7] == '-' && digits(8, 2, d) && d >= 1 && d <= DaysInMonth(y, m);
}

std::vector<std::string> ExtractDates(std::string_view text) {
  return Scanner(Tokenize(text)).Run();
}

}  // namespace keruen::screening::lists_internal
