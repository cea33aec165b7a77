#include "keruen/risk/profile.h"

#include <fmt/format.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <system_error>
#include <utility>

#include "keruen/core/edit_distance.h"
#include "keruen/core/utf8.h"

namespace keruen::risk {
namespace {

constexpr size_t kMaxErrors = 20;
constexpr double kMaxScore = 1000;
constexpr size_t kMaxNameLength = 80;

constexpr std::array<std::pair<Op, std::string_view>, 12> kOpNames{{
    {Op::kEq, "="},
    {Op::kNe, "!="},
    {Op::kLt, "<"},
    {Op::kLe, "<="},
    {Op::kGt, ">"},
    {Op::kGe, ">="},
    {Op::kIn, "in"},
    {Op::kNotIn, "not in"},
    {Op::kStartsWith, "starts with"},
    {Op::kContains, "contains"},
    {Op::kMissing, "is missing"},
    {Op::kPresent, "is present"},
}};

// ---------------------------------------------------------------------------------------
// Text helpers.

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && AsciiLower(a) == AsciiLower(b);
}

// Case-folds `in` (any script: Cyrillic names fold too) into `out`; with `strip_dots_spaces`
// also drops '.' and ' ' so "8542.31" and "854231" compare equal. Replaces `out`'s contents
// without shrinking it, so a reused buffer stops allocating.
void FoldInto(std::string_view in, bool strip_dots_spaces, std::string& out) {
  out.clear();
  for (size_t i = 0; i < in.size();) {
    const unsigned char byte = static_cast<unsigned char>(in[i]);
    if (byte < 0x80) {
      ++i;
      if (strip_dots_spaces && (byte == '.' || byte == ' ')) continue;
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte - 'A' + 'a' : byte));
      continue;
    }
    const char32_t cp = DecodeUtf8(in, i);
    AppendUtf8(out,
               static_cast<char32_t>(u_foldCase(static_cast<UChar32>(cp), U_FOLD_CASE_DEFAULT)));
  }
}

std::string Fold(std::string_view in, bool strip_dots_spaces) {
  std::string out;
  FoldInto(in, strip_dots_spaces, out);
  return out;
}

// " (did you mean "x"?)" for the closest candidate within a typo's reach, else "".
template <typename Range, typename NameOf>
std::string Suggestion(std::string_view written, const Range& candidates, NameOf name_of) {
  if (written.size() > 64) return {};  // no name is that long; spare the quadratic distance
  const std::string lower = AsciiLower(written);
  const size_t reach = lower.size() <= 4 ? 1 : 2;
  std::string_view best;
  size_t best_distance = reach + 1;
  for (const auto& candidate : candidates) {
    const std::string_view name = name_of(candidate);
    const size_t distance = ByteEditDistance(lower, AsciiLower(name));
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  if (best.empty()) return {};
  return fmt::format(" (did you mean \"{}\"?)", best);
}

// User text quoted in a message, cut short so that a runaway line cannot flood the report.
std::string Quote(std::string_view s) {
  constexpr size_t kShown = 60;
  if (s.size() <= kShown) return fmt::format("\"{}\"", s);
  size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("\"{}...\"", s.substr(0, cut));
}

std::string FormatNumber(double v) { return fmt::format("{}", v); }

std::optional<double> ParseNumber(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty() || s.front() == '+') return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// ---------------------------------------------------------------------------------------
// Lexer: one line into words, quoted strings, commas, operators and '%'.

enum class Tok { kWord, kQuoted, kComma, kOp, kPercent };

struct Token {
  Tok kind;
  std::string text;
  int column;  // 1-based, in characters
};

struct LineError {
  int column;
  std::string message;
};

bool IsOpChar(char ch) { return ch == '=' || ch == '<' || ch == '>' || ch == '!'; }

bool EndsWord(char ch) {
  return ch == ' ' || ch == '\t' || ch == ',' || ch == '"' || ch == '#' || ch == '%' ||
         IsOpChar(ch);
}

// Checks the line is UTF-8 without control characters, and returns its length in characters.
std::optional<LineError> CheckLine(std::string_view line, int& length) {
  int column = 1;
  for (size_t i = 0; i < line.size(); ++column) {
    const size_t start = i;
    const char32_t cp = DecodeUtf8(line, i);
    if (cp == 0xFFFD && line.substr(start, 3) != "\xEF\xBF\xBD") {
      return LineError{column, "the file is not valid UTF-8 here"};
    }
    if ((cp < 0x20 && cp != '\t') || cp == 0x7F) {
      return LineError{
          column, fmt::format("unexpected control character U+{:04X}", static_cast<uint32_t>(cp))};
    }
  }
  length = column - 1;
  return std::nullopt;
}

std::optional<LineError> Tokenize(std::string_view line, std::vector<Token>& tokens) {
  tokens.clear();
  int column = 1;
  size_t i = 0;
  // Advances one byte, counting characters by their first byte.
  auto advance = [&] {
    ++i;
    while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
    ++column;
  };
  while (i < line.size()) {
    const char ch = line[i];
    if (ch == ' ' || ch == '\t') {
      advance();
    } else if (ch == '#') {
      break;
    } else if (ch == ',' || ch == '%') {
      tokens.push_back({ch == ',' ? Tok::kComma : Tok::kPercent, std::string(1, ch), column});
      advance();
    } else if (IsOpChar(ch)) {
      const int start = column;
      std::string op(1, ch);
      advance();
      if (i < line.size() && line[i] == '=') {
        op += '=';
        advance();
      }
      if (op == "!") return LineError{start, "\"!\" must be followed by \"=\""};
      tokens.push_back({Tok::kOp, std::move(op), start});
    } else if (ch == '"') {
      const int start = column;
      std::string text;
      advance();
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          closed = true;
          advance();
          break;
        }
        if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) {
          advance();
        }
        const size_t from = i;
        advance();
        text.append(line.substr(from, i - from));
      }
      if (!closed) return LineError{start, "missing closing quote"};
      tokens.push_back({Tok::kQuoted, std::move(text), start});
    } else {
      const int start = column;
      const size_t from = i;
      while (i < line.size() && !EndsWord(line[i])) advance();
      tokens.push_back({Tok::kWord, std::string(line.substr(from, i - from)), start});
    }
  }
  return std::nullopt;
}

std::string Describe(const Token& t) { return Quote(t.text); }

class Cursor {
 public:
  Cursor(const std::vector<Token>& tokens, int end_column)
      : tokens_(tokens), end_column_(end_column) {}
  bool AtEnd() const { return next_ >= tokens_.size(); }
  const Token* Peek(size_t ahead = 0) const {
    return next_ + ahead < tokens_.size() ? &tokens_[next_ + ahead] : nullptr;
  }
  const Token& Next() { return tokens_[next_++]; }
  bool PeekWord(std::string_view word, size_t ahead = 0) const {
    const Token* t = Peek(ahead);
    return t != nullptr && t->kind == Tok::kWord && EqualsIgnoreCase(t->text, word);
  }
  bool AcceptWord(std::string_view word) {
    if (!PeekWord(word)) return false;
    ++next_;
    return true;
  }
  int Column() const { return AtEnd() ? end_column_ : tokens_[next_].column; }
  std::string DescribeNext() const { return AtEnd() ? "the end of the line" : Describe(*Peek()); }

 private:
  const std::vector<Token>& tokens_;
  int end_column_;
  size_t next_ = 0;
};

// ---------------------------------------------------------------------------------------
// Parser: one statement a line, in three kinds of block (profile, any of, lanes).

bool IsProfileKeyword(std::string_view w) {
  static constexpr std::array<std::string_view, 9> kWords{
      "when", "and", "score", "lane", "severity", "reason", "valid", "enabled", "end"};
  return std::find(kWords.begin(), kWords.end(), w) != kWords.end();
}

bool IsTopKeyword(std::string_view w) { return w == "profile" || w == "lanes" || w == "rule"; }

bool IsNameChar(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
         ch == '-' || ch == '_' || ch == '.';
}

class Parser {
 public:
  Parser(std::string_view source, const ProfileSchema& schema) : source_(source), schema_(schema) {
    params_.reserve(schema.params.size());
    for (const ParamSpec& p : schema.params) params_.push_back(p.default_value);
    param_lines_.assign(schema.params.size(), 0);
    for (const std::string& r : schema.rules) rules_.push_back(r);
    for (const ParamSpec& p : schema.params) {
      if (std::find(rules_.begin(), rules_.end(), p.rule) == rules_.end()) rules_.push_back(p.rule);
    }
  }

  void Run(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<Token> tokens;
    for (size_t start = 0; start <= text.size() && !stopped_;) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_;
      int length = 0;
      std::optional<LineError> bad = CheckLine(line, length);
      std::optional<LineError> bad_tokens = Tokenize(line, tokens);
      if (bad || bad_tokens) {
        Fail(bad ? bad->column : bad_tokens->column, bad ? bad->message : bad_tokens->message);
        // The words before the mistake still open or close blocks, so the lines after it are
        // checked in the right block; what else they would report is left out.
        muted_ = true;
      }
      if (!tokens.empty()) {
        Cursor c(tokens, length + 1);
        Statement(c);
      }
      muted_ = false;
      start = end + 1;
    }
    if (stopped_) return;
    if (block_ == Block::kAnyOf) CloseGroupWithoutEnd();
    if (block_ == Block::kProfile) {
      FailAt(profile_.line, 1, fmt::format("profile {} has no \"end\"", Quote(profile_.name)));
      FinishProfile();
    }
    if (block_ == Block::kLanes) {
      FailAt(lanes_line_, 1, "the lanes block has no \"end\"");
      FinishLanes();
    }
  }

  std::vector<std::string> errors;
  std::vector<Profile> profiles;
  LaneConfig lanes;

  std::vector<double> TakeParams() { return std::move(params_); }
  std::vector<std::string> TakeDisabledRules() { return std::move(disabled_rules_); }

 private:
  enum class Block { kTop, kProfile, kAnyOf, kLanes };

  // Lines of the statements a profile allows once, to name the first when one repeats.
  struct ProfileLines {
    int when = 0;
    int score = 0;
    int lane = 0;
    int severity = 0;
    int reason = 0;
    int valid = 0;
    int enabled = 0;
  };

  void FailAt(int line, int column, std::string message) {
    if (stopped_ || muted_) return;
    if (errors.size() >= kMaxErrors) {
      errors.push_back(fmt::format("{}: too many mistakes; stopped after {}", source_, kMaxErrors));
      stopped_ = true;
      return;
    }
    errors.push_back(fmt::format("{}:{}:{}: {}", source_, line, column, message));
  }
  void Fail(int column, std::string message) { FailAt(line_, column, std::move(message)); }

  bool ExpectEnd(Cursor& c) {
    if (c.AtEnd()) return true;
    Fail(c.Column(), fmt::format("unexpected {} at the end of the line", c.DescribeNext()));
    return false;
  }

  void Statement(Cursor& c) {
    const Token& first = *c.Peek();
    if (first.kind != Tok::kWord) {
      Fail(first.column, fmt::format("expected a keyword, found {}", Describe(first)));
      return;
    }
    const std::string word = AsciiLower(first.text);
    if (block_ == Block::kAnyOf) {
      if (word == "end") {
        c.Next();
        ExpectEnd(c);
        CloseGroup();
        return;
      }
      if (c.PeekWord("any") && c.PeekWord("of", 1)) {
        Fail(first.column, "\"any of\" groups do not nest; write a second profile instead");
        return;
      }
      if (!IsProfileKeyword(word) && !IsTopKeyword(word)) {
        c.AcceptWord("or");
        if (auto cond = ParseCondition(c)) AddToGroup(std::move(*cond));
        return;
      }
      CloseGroupWithoutEnd();
    }
    if (block_ == Block::kProfile) {
      if (!IsTopKeyword(word)) {
        ProfileStatement(c, word);
        return;
      }
      FailAt(profile_.line, 1, fmt::format("profile {} has no \"end\"", Quote(profile_.name)));
      FinishProfile();
    }
    if (block_ == Block::kLanes) {
      if (!IsTopKeyword(word)) {
        LanesStatement(c, word);
        return;
      }
      FailAt(lanes_line_, 1, "the lanes block has no \"end\"");
      FinishLanes();
    }
    c.Next();
    if (word == "profile") {
      ProfileHeader(c);
    } else if (word == "lanes") {
      LanesHeader(c);
    } else if (word == "rule") {
      RuleSetting(c);
    } else {
      static constexpr std::array<std::string_view, 3> kTop{"profile", "lanes", "rule"};
      Fail(first.column,
           fmt::format("expected \"profile\", \"lanes\" or \"rule\", found {}{}", Quote(first.text),
                       Suggestion(first.text, kTop, [](std::string_view s) { return s; })));
    }
  }

  // --- profile ---------------------------------------------------------------------------

  void ProfileHeader(Cursor& c) {
    profile_ = Profile{};
    lines_ = ProfileLines{};
    profile_.line = line_;
    block_ = Block::kProfile;
    if (c.AtEnd() || c.Peek()->kind != Tok::kWord) {
      Fail(
          c.Column(),
          c.AtEnd() || c.Peek()->kind != Tok::kQuoted
              ? fmt::format("expected a profile name after \"profile\", found {}", c.DescribeNext())
              : "a profile name is one word (letters, digits, '-', '_', '.'); put the title "
                "after it in quotes");
      return;
    }
    const Token& name = c.Next();
    profile_.name = name.text;
    if (!std::all_of(name.text.begin(), name.text.end(), IsNameChar) ||
        name.text.size() > kMaxNameLength) {
      Fail(name.column, fmt::format("a profile name is at most {} letters, digits, '-', '_' or "
                                    "'.', found {}",
                                    kMaxNameLength, Quote(name.text)));
    } else if (auto [it, fresh] = names_.emplace(AsciiLower(name.text), line_); !fresh) {
      Fail(name.column, fmt::format("duplicate profile name {} (first on line {})",
                                    Quote(name.text), it->second));
    }
    if (!c.AtEnd() && c.Peek()->kind == Tok::kQuoted) profile_.title = c.Next().text;
    ExpectEnd(c);
  }

  bool AlreadySet(int& first_line, std::string_view what, int column) {
    if (first_line != 0) {
      Fail(column, fmt::format("{} is already set on line {}", what, first_line));
      return true;
    }
    first_line = line_;
    return false;
  }

  void ProfileStatement(Cursor& c, const std::string& word) {
    const Token& keyword = c.Next();
    if (word == "when" || word == "and") {
      ConditionStatement(c, word == "when", keyword);
    } else if (word == "score") {
      if (AlreadySet(lines_.score, "the score", keyword.column)) return;
      const int column = c.Column();
      const std::optional<double> v =
          !c.AtEnd() && c.Peek()->kind == Tok::kWord ? ParseNumber(c.Next().text) : std::nullopt;
      if (!v) {
        Fail(column, "expected a number after \"score\", e.g. \"score +40\" or \"score -20\"");
        return;
      }
      if (std::fabs(*v) > kMaxScore) {
        Fail(column, fmt::format("score must be between -{0} and +{0}", kMaxScore));
        return;
      }
      profile_.score = *v;
      ExpectEnd(c);
    } else if (word == "lane") {
      if (AlreadySet(lines_.lane, "the lane", keyword.column)) return;
      if (!c.AcceptWord("at") || !c.AcceptWord("least")) {
        Fail(c.Column(), "write \"lane at least red\" (or yellow, or blue)");
        return;
      }
      const int column = c.Column();
      if (auto lane = LaneWord(c)) {
        if (*lane == Lane::kGreen) {
          Fail(column, "\"lane at least green\" changes nothing; give a negative score instead");
          return;
        }
        profile_.lane_floor = lane;
        ExpectEnd(c);
      }
    } else if (word == "severity") {
      if (AlreadySet(lines_.severity, "the severity", keyword.column)) return;
      const int column = c.Column();
      const std::optional<Severity> s = !c.AtEnd() && c.Peek()->kind == Tok::kWord
                                            ? ParseSeverity(AsciiLower(c.Next().text))
                                            : std::nullopt;
      if (!s) {
        Fail(column, "expected a severity after \"severity\": info, low, medium, high or critical");
        return;
      }
      profile_.severity = *s;
      ExpectEnd(c);
    } else if (word == "reason") {
      if (AlreadySet(lines_.reason, "the reason", keyword.column)) return;
      if (c.AtEnd() || c.Peek()->kind != Tok::kQuoted || c.Peek()->text.empty()) {
        Fail(c.Column(), "put the reason between double quotes: reason \"...\"");
        return;
      }
      profile_.reason = c.Next().text;
      ExpectEnd(c);
    } else if (word == "valid") {
      if (AlreadySet(lines_.valid, "the validity", keyword.column)) return;
      ValidStatement(c);
    } else if (word == "enabled") {
      if (AlreadySet(lines_.enabled, "\"enabled\"", keyword.column)) return;
      if (auto yes = YesNo(c)) profile_.enabled = *yes;
    } else if (word == "end") {
      ExpectEnd(c);
      FinishProfile();
    } else if (FindField(keyword.text)) {
      Fail(keyword.column, "a condition starts with \"when\" (the first) or \"and\"");
    } else {
      static constexpr std::array<std::string_view, 9> kWords{
          "when", "and", "score", "lane", "severity", "reason", "valid", "enabled", "end"};
      Fail(keyword.column,
           fmt::format("unknown statement {}{} in a profile; expected when, and, score, lane, "
                       "severity, reason, valid, enabled or end",
                       Quote(keyword.text),
                       Suggestion(keyword.text, kWords, [](std::string_view s) { return s; })));
    }
  }

  std::optional<bool> YesNo(Cursor& c) {
    const int column = c.Column();
    if (c.AcceptWord("yes")) return ExpectEnd(c) ? std::optional<bool>(true) : std::nullopt;
    if (c.AcceptWord("no")) return ExpectEnd(c) ? std::optional<bool>(false) : std::nullopt;
    Fail(column, fmt::format("expected yes or no, found {}", c.DescribeNext()));
    return std::nullopt;
  }

  std::optional<Lane> LaneWord(Cursor& c) {
    if (c.AtEnd() || c.Peek()->kind != Tok::kWord) {
      Fail(c.Column(),
           fmt::format("expected a lane (red, yellow, blue), found {}", c.DescribeNext()));
      return std::nullopt;
    }
    const Token& t = c.Next();
    if (auto lane = ParseLane(AsciiLower(t.text))) return lane;
    Fail(t.column,
         fmt::format("unknown lane {}{}; the lanes are green, blue, yellow and red", Quote(t.text),
                     Suggestion(t.text, kAllLanes, [](Lane l) { return LaneName(l); })));
    return std::nullopt;
  }

  std::optional<Date> DateWord(Cursor& c, std::string_view after) {
    const int column = c.Column();
    if (!c.AtEnd() && c.Peek()->kind == Tok::kWord) {
      if (auto d = ParseDate(c.Peek()->text)) {
        c.Next();
        return *d;
      }
    }
    Fail(column, fmt::format("expected a date (YYYY-MM-DD) after \"{}\", found {}", after,
                             c.DescribeNext()));
    return std::nullopt;
  }

  void ValidStatement(Cursor& c) {
    const int column = c.Column();
    bool any = false;
    if (c.AcceptWord("from")) {
      auto d = DateWord(c, "from");
      if (!d) return;
      profile_.valid_from = d;
      any = true;
    }
    if (c.AcceptWord("to")) {
      auto d = DateWord(c, "to");
      if (!d) return;
      profile_.valid_to = d;
      any = true;
    }
    if (!any) {
      Fail(column, "write \"valid from YYYY-MM-DD to YYYY-MM-DD\" (either part may be left out)");
      return;
    }
    if (!ExpectEnd(c)) return;
    if (profile_.valid_from && profile_.valid_to && *profile_.valid_to < *profile_.valid_from) {
      Fail(column, fmt::format("the profile ends ({}) before it starts ({})",
                               FormatDate(*profile_.valid_to), FormatDate(*profile_.valid_from)));
    }
  }

  void ConditionStatement(Cursor& c, bool is_when, const Token& keyword) {
    if (is_when && lines_.when != 0) {
      Fail(keyword.column, fmt::format("this profile already has its \"when\" on line {}; add "
                                       "conditions with \"and\"",
                                       lines_.when));
    } else if (!is_when && lines_.when == 0) {
      Fail(keyword.column, "the first condition starts with \"when\"");
    }
    if (lines_.when == 0) lines_.when = line_;
    if (c.PeekWord("any") && c.PeekWord("of", 1)) {
      c.Next();
      c.Next();
      ExpectEnd(c);
      group_ = ConditionGroup{};
      group_line_ = line_;
      block_ = Block::kAnyOf;
      return;
    }
    if (auto cond = ParseCondition(c)) {
      ConditionGroup g;
      g.per_item = schema_.fields[cond->field].per_item;
      g.any_of.push_back(std::move(*cond));
      AddGroup(std::move(g));
    }
  }

  void AddGroup(ConditionGroup g) {
    (g.per_item ? profile_.item_groups : profile_.declaration_groups).push_back(std::move(g));
  }

  void AddToGroup(Condition cond) {
    group_.per_item = group_.per_item || schema_.fields[cond.field].per_item;
    group_.any_of.push_back(std::move(cond));
  }

  void CloseGroup() {
    block_ = Block::kProfile;
    if (group_.any_of.empty()) {
      FailAt(group_line_, 1, "\"any of\" holds no condition");
      return;
    }
    AddGroup(std::move(group_));
  }

  void CloseGroupWithoutEnd() {
    FailAt(group_line_, 1, "the \"any of\" group has no \"end\"");
    block_ = Block::kProfile;
    if (!group_.any_of.empty()) AddGroup(std::move(group_));
  }

  void FinishProfile() {
    block_ = Block::kTop;
    if (lines_.when == 0) {
      FailAt(
          profile_.line, 1,
          fmt::format("profile {} has no conditions; add a \"when\" line", Quote(profile_.name)));
    }
    if (lines_.score == 0 && lines_.lane == 0) {
      FailAt(
          profile_.line, 1,
          fmt::format("profile {} has no effect; give it a score or a lane", Quote(profile_.name)));
    }
    if (profile_.reason.empty()) profile_.reason = profile_.title;
    profiles.push_back(std::move(profile_));
  }

  // --- conditions ------------------------------------------------------------------------

  std::optional<size_t> FindField(std::string_view name) const {
    for (size_t i = 0; i < schema_.fields.size(); ++i) {
      if (EqualsIgnoreCase(schema_.fields[i].name, name)) return i;
    }
    return std::nullopt;
  }

  std::optional<Op> ParseOperator(Cursor& c, std::string_view field) {
    static constexpr std::string_view kList =
        "=, !=, <, <=, >, >=, in, not in, starts with, contains, is missing, is present";
    const int column = c.Column();
    const Token* t = c.Peek();
    if (t != nullptr && t->kind == Tok::kOp) {
      c.Next();
      for (const auto& [op, name] : kOpNames) {
        if (name == t->text) return op;
      }
    }
    if (t != nullptr && t->kind == Tok::kWord) {
      if (c.AcceptWord("in")) return Op::kIn;
      if (c.AcceptWord("contains")) return Op::kContains;
      if (c.PeekWord("not") && c.PeekWord("in", 1)) {
        c.Next();
        c.Next();
        return Op::kNotIn;
      }
      if (c.PeekWord("starts") && c.PeekWord("with", 1)) {
        c.Next();
        c.Next();
        return Op::kStartsWith;
      }
      if (c.PeekWord("is") && c.PeekWord("missing", 1)) {
        c.Next();
        c.Next();
        return Op::kMissing;
      }
      if (c.PeekWord("is") && c.PeekWord("present", 1)) {
        c.Next();
        c.Next();
        return Op::kPresent;
      }
    }
    Fail(column, fmt::format("expected an operator after {} ({}), found {}", Quote(field), kList,
                             c.DescribeNext()));
    return std::nullopt;
  }

  std::optional<std::vector<const Token*>> ParseValues(Cursor& c, Op op) {
    std::vector<const Token*> values;
    auto value = [&]() -> bool {
      const Token* t = c.Peek();
      if (t == nullptr || (t->kind != Tok::kWord && t->kind != Tok::kQuoted)) {
        Fail(c.Column(), fmt::format("expected a value after {}, found {}",
                                     Quote(values.empty() ? OpName(op) : ","), c.DescribeNext()));
        return false;
      }
      values.push_back(&c.Next());
      return true;
    };
    if (!value()) return std::nullopt;
    while (!c.AtEnd()) {
      if (c.Peek()->kind != Tok::kComma) {
        Fail(c.Column(),
             fmt::format("expected \",\" between values or the end of the line, found {}",
                         c.DescribeNext()));
        return std::nullopt;
      }
      c.Next();
      if (!value()) return std::nullopt;
    }
    return values;
  }

  std::optional<Condition> ParseCondition(Cursor& c) {
    if (c.AtEnd()) {
      Fail(c.Column(), "expected a condition: a field, an operator and a value");
      return std::nullopt;
    }
    const Token& field_token = c.Next();
    if (field_token.kind != Tok::kWord) {
      Fail(field_token.column,
           fmt::format("expected a field name, found {}", Describe(field_token)));
      return std::nullopt;
    }
    const std::optional<size_t> field = FindField(field_token.text);
    if (!field) {
      Fail(field_token.column,
           fmt::format("unknown field {}{}", Quote(field_token.text),
                       Suggestion(field_token.text, schema_.fields,
                                  [](const FieldSpec& f) -> std::string_view { return f.name; })));
      return std::nullopt;
    }
    const FieldSpec& spec = schema_.fields[*field];
    const int op_column = c.Column();
    const std::optional<Op> op = ParseOperator(c, spec.name);
    if (!op) return std::nullopt;
    Condition cond;
    cond.field = *field;
    cond.op = *op;
    cond.line = line_;
    if (*op == Op::kMissing || *op == Op::kPresent) {
      if (!ExpectEnd(c)) return std::nullopt;
      return cond;
    }
    const auto values = ParseValues(c, *op);
    if (!values) return std::nullopt;
    std::string written;
    for (const Token* v : *values) {
      if (!written.empty()) written += ", ";
      written += v->text;
    }
    const bool ordering = *op == Op::kEq || *op == Op::kNe || *op == Op::kLt || *op == Op::kLe ||
                          *op == Op::kGt || *op == Op::kGe;
    if (spec.type != FieldType::kText) {
      const bool is_date = spec.type == FieldType::kDate;
      if (!ordering) {
        Fail(op_column, fmt::format("{} is a {}: compare it with =, !=, <, <=, > or >=", spec.name,
                                    is_date ? "date" : "number"));
        return std::nullopt;
      }
      if (values->size() > 1) {
        Fail(op_column, fmt::format("{} compared with {} : a {} has one value", Quote(written),
                                    OpName(*op), is_date ? "date" : "number"));
        return std::nullopt;
      }
      const Token& v = *values->front();
      if (is_date) {
        std::optional<Date> d;
        if (v.kind == Tok::kWord) {
          if (auto parsed = ParseDate(v.text)) d = *parsed;
        }
        if (!d) {
          Fail(v.column, fmt::format("expected a date (YYYY-MM-DD) for {}, found {}", spec.name,
                                     Describe(v)));
          return std::nullopt;
        }
        cond.number = *d;
      } else {
        auto n = v.kind == Tok::kWord ? ParseNumber(v.text) : std::nullopt;
        if (!n) {
          Fail(v.column, fmt::format("expected a number for {}, found {}", spec.name, Describe(v)));
          return std::nullopt;
        }
        cond.number = *n;
      }
      cond.values.push_back(v.text);
      return cond;
    }
    if (ordering && *op != Op::kEq && *op != Op::kNe) {
      if (values->size() > 1) {
        Fail(op_column,
             fmt::format("{} compared with {} : use \"in\"", Quote(written), OpName(*op)));
      } else {
        Fail(op_column, fmt::format("{} is text: compare it with =, !=, in, not in, starts with or "
                                    "contains",
                                    spec.name));
      }
      return std::nullopt;
    }
    if ((*op == Op::kEq || *op == Op::kNe) && values->size() > 1) {
      Fail(op_column, fmt::format("{} compared with {} : use {}", Quote(written), OpName(*op),
                                  *op == Op::kEq ? "\"in\"" : "\"not in\""));
      return std::nullopt;
    }
    for (const Token* v : *values) {
      std::string key = Fold(v->text, *op == Op::kStartsWith);
      if (key.empty()) {
        Fail(v->column, "empty value");
        return std::nullopt;
      }
      cond.values.push_back(v->text);
      cond.keys.push_back(std::move(key));
    }
    if (*op == Op::kIn || *op == Op::kNotIn) {
      std::sort(cond.keys.begin(), cond.keys.end());
      cond.keys.erase(std::unique(cond.keys.begin(), cond.keys.end()), cond.keys.end());
    }
    return cond;
  }

  // --- lanes -----------------------------------------------------------------------------

  // A selective lane as the file states it; rates stay in percent as written until the block
  // ends (LaneConfig holds fractions).
  struct LaneLine {
    double from_score = 0;
    double rate_percent = 0;
    int line = 0;  // 0: the default
  };

  void LanesHeader(Cursor& c) {
    if (lanes_line_ != 0) {
      Fail(1, fmt::format("duplicate lanes block (first on line {})", lanes_line_));
    }
    lanes_line_ = line_;
    const LaneConfig defaults;
    // Rounded so that a default fraction prints as the percentage it stands for.
    auto percent = [](double fraction) { return std::round(fraction * 1e8) / 1e6; };
    lane_lines_[static_cast<size_t>(Lane::kRed)] = {defaults.red_from, percent(defaults.red_rate)};
    lane_lines_[static_cast<size_t>(Lane::kYellow)] = {defaults.yellow_from,
                                                       percent(defaults.yellow_rate)};
    lane_lines_[static_cast<size_t>(Lane::kBlue)] = {defaults.blue_from,
                                                     percent(defaults.blue_rate)};
    random_percent_ = percent(defaults.random_rate);
    random_lane_ = defaults.random_lane;
    random_line_ = 0;
    block_ = Block::kLanes;
    ExpectEnd(c);
  }

  std::optional<double> Percent(Cursor& c, std::string_view what) {
    const int column = c.Column();
    std::optional<double> v =
        !c.AtEnd() && c.Peek()->kind == Tok::kWord ? ParseNumber(c.Peek()->text) : std::nullopt;
    if (!v || !c.Peek(1) || c.Peek(1)->kind != Tok::kPercent) {
      Fail(column, fmt::format("expected a rate like \"2 %\" after \"{}\", found {}", what,
                               c.DescribeNext()));
      return std::nullopt;
    }
    c.Next();
    c.Next();
    if (*v < 0 || *v > 100) {
      Fail(column, "a rate must be between 0 and 100 %");
      return std::nullopt;
    }
    return v;
  }

  void LanesStatement(Cursor& c, const std::string& word) {
    const Token& keyword = c.Next();
    if (word == "end") {
      ExpectEnd(c);
      FinishLanes();
      return;
    }
    if (word == "random") {
      if (AlreadySet(random_line_, "the random rate", keyword.column)) return;
      if (!c.AcceptWord("at") || !c.AcceptWord("least")) {
        Fail(c.Column(), "write \"random at least 1 % to yellow\"");
        return;
      }
      auto rate = Percent(c, "at least");
      if (!rate) return;
      Lane to = Lane::kYellow;
      if (c.AcceptWord("to")) {
        const int column = c.Column();
        auto lane = LaneWord(c);
        if (!lane) return;
        if (*lane == Lane::kGreen) {
          Fail(column, "random picks go to red, yellow or blue");
          return;
        }
        to = *lane;
      }
      if (!ExpectEnd(c)) return;
      random_percent_ = *rate;
      random_lane_ = to;
      return;
    }
    const std::optional<Lane> lane = ParseLane(word);
    if (!lane) {
      static constexpr std::array<std::string_view, 5> kWords{"red", "yellow", "blue", "random",
                                                              "end"};
      Fail(keyword.column,
           fmt::format("expected red, yellow, blue, random or end in the lanes block, found {}{}",
                       Quote(keyword.text),
                       Suggestion(keyword.text, kWords, [](std::string_view s) { return s; })));
      return;
    }
    if (*lane == Lane::kGreen) {
      Fail(keyword.column, "green takes what no other lane takes; it has no threshold or rate");
      return;
    }
    LaneLine& stated = lane_lines_[static_cast<size_t>(*lane)];
    if (stated.line != 0) {
      Fail(keyword.column,
           fmt::format("lane {} is already set on line {}", LaneName(*lane), stated.line));
      return;
    }
    LaneLine s;
    s.line = line_;
    bool has_threshold = false;
    while (!c.AtEnd()) {
      if (c.PeekWord("from") && c.PeekWord("score", 1)) {
        c.Next();
        c.Next();
        const int column = c.Column();
        auto v =
            !c.AtEnd() && c.Peek()->kind == Tok::kWord ? ParseNumber(c.Next().text) : std::nullopt;
        if (!v) {
          Fail(column, "expected a number after \"from score\"");
          return;
        }
        s.from_score = *v;
        has_threshold = true;
      } else if (c.PeekWord("expected") && c.PeekWord("rate", 1)) {
        c.Next();
        c.Next();
        auto rate = Percent(c, "expected rate");
        if (!rate) return;
        s.rate_percent = *rate;
      } else {
        Fail(c.Column(), fmt::format("expected \"from score N\" or \"expected rate N %\", found {}",
                                     c.DescribeNext()));
        return;
      }
    }
    if (!has_threshold) {
      Fail(keyword.column,
           fmt::format("give the lane its threshold: \"{} from score N\"", LaneName(*lane)));
      return;
    }
    stated = s;
  }

  void FinishLanes() {
    block_ = Block::kTop;
    static constexpr std::array<Lane, 3> kOrder{Lane::kBlue, Lane::kYellow, Lane::kRed};
    for (size_t i = 1; i < kOrder.size(); ++i) {
      const LaneLine& lower = lane_lines_[static_cast<size_t>(kOrder[i - 1])];
      const LaneLine& upper = lane_lines_[static_cast<size_t>(kOrder[i])];
      if (upper.from_score > lower.from_score) continue;
      FailAt(upper.line != 0   ? upper.line
             : lower.line != 0 ? lower.line
                               : lanes_line_,
             1,
             fmt::format("lane thresholds must rise from blue to yellow to red: {} from score {} "
                         "is not above {} from score {}",
                         LaneName(kOrder[i]), FormatNumber(upper.from_score),
                         LaneName(kOrder[i - 1]), FormatNumber(lower.from_score)));
    }
    double total = random_percent_;
    std::string parts;
    for (Lane lane : {Lane::kRed, Lane::kYellow, Lane::kBlue}) {
      const double rate = lane_lines_[static_cast<size_t>(lane)].rate_percent;
      if (rate == 0) continue;
      total += rate;
      parts += fmt::format("{} {} + ", LaneName(lane), FormatNumber(rate));
    }
    if (total > 100) {
      FailAt(lanes_line_, 1,
             fmt::format("lane rates add up to more than 100 % ({}random {} = {} %)", parts,
                         FormatNumber(random_percent_), FormatNumber(total)));
    }
    auto line = [&](Lane lane) -> const LaneLine& {
      return lane_lines_[static_cast<size_t>(lane)];
    };
    lanes.red_from = line(Lane::kRed).from_score;
    lanes.red_rate = line(Lane::kRed).rate_percent / 100;
    lanes.yellow_from = line(Lane::kYellow).from_score;
    lanes.yellow_rate = line(Lane::kYellow).rate_percent / 100;
    lanes.blue_from = line(Lane::kBlue).from_score;
    lanes.blue_rate = line(Lane::kBlue).rate_percent / 100;
    lanes.random_rate = random_percent_ / 100;
    lanes.random_lane = random_lane_;
  }

  // --- rule settings ---------------------------------------------------------------------

  void RuleSetting(Cursor& c) {
    if (c.AtEnd() || c.Peek()->kind != Tok::kWord) {
      Fail(c.Column(),
           fmt::format("expected a rule id after \"rule\", found {}", c.DescribeNext()));
      return;
    }
    const Token& rule_token = c.Next();
    const auto rule = std::find_if(rules_.begin(), rules_.end(), [&](const std::string& r) {
      return EqualsIgnoreCase(r, rule_token.text);
    });
    if (rule == rules_.end()) {
      Fail(rule_token.column,
           fmt::format("unknown rule {}{}", Quote(rule_token.text),
                       Suggestion(rule_token.text, rules_,
                                  [](const std::string& r) -> std::string_view { return r; })));
      return;
    }
    // Rules are switched off; a group of settings that is no rule ("decision") is not.
    const bool switchable =
        std::find(schema_.rules.begin(), schema_.rules.end(), *rule) != schema_.rules.end() ||
        std::any_of(schema_.params.begin(), schema_.params.end(),
                    [&](const ParamSpec& p) { return p.rule == *rule && p.name == "enabled"; });
    if (c.AtEnd() || c.Peek()->kind != Tok::kWord) {
      Fail(c.Column(), fmt::format("expected a parameter of rule {}{}, found {}", *rule,
                                   switchable ? " or \"enabled\"" : "", c.DescribeNext()));
      return;
    }
    const Token& name = c.Next();
    if (switchable && EqualsIgnoreCase(name.text, "enabled")) {
      if (AlreadySet(enabled_lines_[*rule], fmt::format("{}.enabled", *rule), name.column)) return;
      const std::optional<bool> yes = YesNo(c);
      if (!yes) return;
      if (!*yes) disabled_rules_.push_back(*rule);
      for (size_t i = 0; i < schema_.params.size(); ++i) {
        if (schema_.params[i].rule == *rule && schema_.params[i].name == "enabled") {
          params_[i] = *yes ? 1 : 0;
        }
      }
      return;
    }
    std::vector<size_t> own;
    for (size_t i = 0; i < schema_.params.size(); ++i) {
      if (schema_.params[i].rule == *rule) own.push_back(i);
    }
    const auto param = std::find_if(own.begin(), own.end(), [&](size_t i) {
      return EqualsIgnoreCase(schema_.params[i].name, name.text);
    });
    if (param == own.end()) {
      std::string hint = Suggestion(
          name.text, own, [&](size_t i) -> std::string_view { return schema_.params[i].name; });
      if (hint.empty()) {
        std::vector<std::string_view> names;
        if (switchable) names.push_back("enabled");
        for (size_t i : own) {
          if (schema_.params[i].name != "enabled") names.push_back(schema_.params[i].name);
        }
        hint = fmt::format("; its parameters: {}", fmt::join(names, ", "));
      }
      Fail(name.column,
           fmt::format("rule {} has no parameter {}{}", *rule, Quote(name.text), hint));
      return;
    }
    const ParamSpec& spec = schema_.params[*param];
    if (AlreadySet(param_lines_[*param], fmt::format("{}.{}", spec.rule, spec.name), name.column)) {
      return;
    }
    const int column = c.Column();
    auto v = !c.AtEnd() && c.Peek()->kind == Tok::kWord ? ParseNumber(c.Next().text) : std::nullopt;
    if (!v) {
      Fail(column, fmt::format("expected a number for {}.{}", spec.rule, spec.name));
      return;
    }
    if (*v < spec.min || *v > spec.max) {
      Fail(column, fmt::format("parameter {}.{} must be between {} and {}", spec.rule, spec.name,
                               FormatNumber(spec.min), FormatNumber(spec.max)));
      return;
    }
    if (ExpectEnd(c)) params_[*param] = *v;
  }

  std::string source_;
  const ProfileSchema& schema_;
  int line_ = 0;
  bool stopped_ = false;
  bool muted_ = false;  // the line has a mistake already reported
  Block block_ = Block::kTop;

  Profile profile_;
  ProfileLines lines_;
  std::map<std::string, int> names_;  // lower-cased profile name -> line
  ConditionGroup group_;
  int group_line_ = 0;

  int lanes_line_ = 0;
  std::array<LaneLine, 4> lane_lines_{};  // by Lane; green unused
  double random_percent_ = 0;
  Lane random_lane_ = Lane::kYellow;
  int random_line_ = 0;

  std::vector<std::string> rules_;  // schema.rules and the rules params belong to
  std::vector<double> params_;      // aligned with schema.params
  std::vector<int> param_lines_;
  std::map<std::string, int> enabled_lines_;
  std::vector<std::string> disabled_rules_;
};

// ---------------------------------------------------------------------------------------
// Evaluation.

bool NumberHolds(const Condition& c, double v) {
  switch (c.op) {
    case Op::kEq:
      return v == c.number;
    case Op::kNe:
      return v != c.number;
    case Op::kLt:
      return v < c.number;
    case Op::kLe:
      return v <= c.number;
    case Op::kGt:
      return v > c.number;
    case Op::kGe:
      return v >= c.number;
    default:
      return false;
  }
}

// The index of the key that `folded` satisfies, or -1.
int MatchingKey(const Condition& c, std::string_view folded) {
  for (size_t i = 0; i < c.keys.size(); ++i) {
    const bool hit = c.op == Op::kStartsWith ? folded.substr(0, c.keys[i].size()) == c.keys[i]
                                             : folded.find(c.keys[i]) != std::string_view::npos;
    if (hit) return static_cast<int>(i);
  }
  return -1;
}

bool TextHolds(const Condition& c, std::string_view folded) {
  switch (c.op) {
    case Op::kEq:
      return folded == c.keys.front();
    case Op::kNe:
      return folded != c.keys.front();
    case Op::kIn:
      return std::binary_search(c.keys.begin(), c.keys.end(), folded);
    case Op::kNotIn:
      return !std::binary_search(c.keys.begin(), c.keys.end(), folded);
    case Op::kStartsWith:
    case Op::kContains:
      return MatchingKey(c, folded) >= 0;
    default:
      return false;
  }
}

bool Holds(const Condition& c, FieldType type, const FactSource& facts, size_t item,
           std::string& scratch) {
  if (type == FieldType::kText) {
    const std::optional<std::string_view> v = facts.Text(c.field, item);
    const bool present = v && !v->empty();
    if (c.op == Op::kMissing || c.op == Op::kPresent) return present == (c.op == Op::kPresent);
    if (!present) return false;
    FoldInto(*v, c.op == Op::kStartsWith, scratch);
    return TextHolds(c, scratch);
  }
  const std::optional<double> v = facts.Number(c.field, item);
  const bool present = v && !std::isnan(*v);
  if (c.op == Op::kMissing || c.op == Op::kPresent) return present == (c.op == Op::kPresent);
  return present && NumberHolds(c, *v);
}

// The first condition of `g` that holds, or null.
const Condition* FirstHolding(const ConditionGroup& g, const ProfileSchema& schema,
                              const FactSource& facts, size_t item, std::string& scratch) {
  for (const Condition& c : g.any_of) {
    if (Holds(c, schema.fields[c.field].type, facts, item, scratch)) return &c;
  }
  return nullptr;
}

std::string Evidence(const Condition& c, const FieldSpec& spec, const FactSource& facts,
                     size_t item, std::string& scratch) {
  std::string out = spec.per_item ? fmt::format("item {}: ", item + 1) : std::string();
  out += spec.name;
  if (c.op == Op::kMissing) return out + " is missing";
  std::string value;
  if (spec.type == FieldType::kText) {
    value = std::string(facts.Text(c.field, item).value_or(""));
  } else {
    const double v = facts.Number(c.field, item).value_or(0);
    value = spec.type == FieldType::kDate ? FormatDate(static_cast<Date>(std::floor(v)))
                                          : FormatNumber(v);
  }
  if (c.op == Op::kPresent) return fmt::format("{} is present ({})", out, value);
  std::string operand;
  if (c.op == Op::kStartsWith || c.op == Op::kContains) {
    FoldInto(value, c.op == Op::kStartsWith, scratch);
    operand = c.values[static_cast<size_t>(MatchingKey(c, scratch))];
  } else {
    for (const std::string& v : c.values) operand += (operand.empty() ? "" : ", ") + v;
  }
  return fmt::format("{} {} {} {}", out, value, OpName(c.op), operand);
}

}  // namespace

std::string_view OpName(Op op) {
  for (const auto& [o, name] : kOpNames) {
    if (o == op) return name;
  }
  return "?";
}

double ProfileSet::Param(std::string_view rule, std::string_view name) const {
  for (size_t i = 0; i < schema_.params.size(); ++i) {
    if (schema_.params[i].rule == rule && schema_.params[i].name == name) return param_values_[i];
  }
  assert(false && "parameter not in the schema");
  return std::numeric_limits<double>::quiet_NaN();
}

bool ProfileSet::RuleEnabled(std::string_view rule) const {
  return std::find(disabled_rules_.begin(), disabled_rules_.end(), rule) == disabled_rules_.end();
}

Result<ProfileSet> ParseProfiles(std::string_view text, std::string_view source_name,
                                 const ProfileSchema& schema) {
  Parser parser(source_name, schema);
  parser.Run(text);
  if (!parser.errors.empty()) {
    std::string message;
    for (const std::string& e : parser.errors) {
      if (!message.empty()) message += '\n';
      message += e;
    }
    return MakeError(ErrorCode::kInvalidArgument, std::move(message));
  }
  ProfileSet set;
  set.source_ = std::string(source_name);
  set.schema_ = schema;
  set.profiles_ = std::move(parser.profiles);
  set.lanes_ = parser.lanes;
  set.param_values_ = parser.TakeParams();
  set.disabled_rules_ = parser.TakeDisabledRules();
  return set;
}

Result<ProfileSet> LoadProfiles(const std::string& path, const ProfileSchema& schema) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return IoError(fmt::format("cannot read {}: {}", path, ec.message()));
  if (size > kMaxProfileFileBytes) {
    return MakeError(ErrorCode::kInvalidArgument,
                     fmt::format("{} is {} bytes; a profile file may hold at most {}", path, size,
                                 kMaxProfileFileBytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(fmt::format("cannot open {}", path));
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  if (in.bad()) return IoError(fmt::format("cannot read {}", path));
  return ParseProfiles(text, path, schema);
}

std::vector<ProfileMatch> Evaluate(const ProfileSet& set, const FactSource& facts, Date on) {
  std::vector<ProfileMatch> matches;
  std::string scratch;
  const ProfileSchema& schema = set.schema();
  const size_t items = facts.item_count();
  for (const Profile& p : set.profiles()) {
    if (!p.enabled || (p.valid_from && on < *p.valid_from) || (p.valid_to && on > *p.valid_to)) {
      continue;
    }
    const bool declaration_holds = std::all_of(
        p.declaration_groups.begin(), p.declaration_groups.end(), [&](const ConditionGroup& g) {
          return FirstHolding(g, schema, facts, 0, scratch) != nullptr;
        });
    if (!declaration_holds) continue;
    std::optional<size_t> item;
    if (!p.item_groups.empty()) {
      for (size_t i = 0; i < items && !item; ++i) {
        if (std::all_of(p.item_groups.begin(), p.item_groups.end(), [&](const ConditionGroup& g) {
              return FirstHolding(g, schema, facts, i, scratch) != nullptr;
            })) {
          item = i;
        }
      }
      if (!item) continue;
    }
    ProfileMatch m;
    m.profile = p.name;
    m.title = p.title;
    m.reason = p.reason;
    m.score = p.score;
    m.lane_floor = p.lane_floor;
    m.severity = p.severity;
    m.item = item;
    for (const auto* groups : {&p.declaration_groups, &p.item_groups}) {
      for (const ConditionGroup& g : *groups) {
        const size_t at = g.per_item ? *item : 0;
        const Condition* c = FirstHolding(g, schema, facts, at, scratch);
        m.evidence.push_back(Evidence(*c, schema.fields[c->field], facts, at, scratch));
      }
    }
    matches.push_back(std::move(m));
  }
  return matches;
}

}  // namespace keruen::risk
