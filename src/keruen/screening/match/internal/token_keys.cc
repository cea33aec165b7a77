#include "keruen/screening/match/internal/token_keys.h"

#include <xxhash.h>

#include <algorithm>
#include <vector>

namespace keruen::screening::internal {

uint64_t KeyHash(KeyKind kind, std::u32string_view text) {
  return XXH3_64bits_withSeed(text.data(), text.size() * sizeof(char32_t),
                              static_cast<uint64_t>(kind) + 1);
}

std::u32string Skeleton(std::u32string_view token) {
  std::u32string out;
  // A doubled letter folds ("hussein"/"husein"), the same consonant either side of a vowel
  // does not: "avtotreyd" (Autotrade) is not "aviatreid" (Aviatrade).
  bool vowel_since_last = false;
  auto emit = [&out, &vowel_since_last](char32_t c) {
    if (out.empty() || out.back() != c || vowel_since_last) out.push_back(c);
    vowel_since_last = false;
  };
  auto at = [&token](size_t i) -> char32_t { return i < token.size() ? token[i] : 0; };
  for (size_t i = 0; i < token.size();) {
    const char32_t c = token[i];
    const char32_t next = at(i + 1);
    // Digraphs first: the sounds Cyrillic writes with one letter (щ ш ч ж х ф).
    if (c == 's' && next == 'h' && at(i + 2) == 'c' && at(i + 3) == 'h') {
      emit('S');
      i += 4;
    } else if (c == 's' && next == 'c' && at(i + 2) == 'h') {
      emit('S');
      i += 3;
    } else if (c == 't' && next == 'c' && at(i + 2) == 'h') {
      emit('C');
      i += 3;
    } else if (c == 's' && next == 'h') {
      emit('S');
      i += 2;
    } else if (c == 'c' && next == 'h') {
      emit('C');
      i += 2;
    } else if (c == 'z' && next == 'h') {
      emit('Z');
      i += 2;
    } else if ((c == 'k' && next == 'h') || (c == 'g' && next == 'h')) {
      emit(c == 'k' ? 'h' : 'g');
      i += 2;
    } else if (c == 'p' && next == 'h') {
      emit('f');
      i += 2;
    } else if (c == 'c' && next == 'k') {
      emit('k');
      i += 2;
    } else {
      switch (c) {
        case 'a':
        case 'e':
        case 'i':
        case 'o':
        case 'u':
        case 'y':
        case 'j':
          vowel_since_last = true;
          break;  // vowels and the semivowel romanisations disagree on most
        case 'x':
          emit('k');
          emit('s');
          break;
        case 'c':
        case 'q':
          emit('k');
          break;
        case 'w':
          emit('v');
          break;
        default:
          emit(c);
      }
      ++i;
    }
  }
  return out;
}

uint64_t SkeletonKey(std::u32string_view token) {
  const std::u32string skeleton = Skeleton(token);
  return skeleton.size() >= kMinSkeletonLength ? KeyHash(KeyKind::kSkeleton, skeleton) : 0;
}

namespace {

// The letters with diacritics that romanisation schemes (and the languages whose names the
// lists hold) use, as the plain letters or digraphs other schemes write for the same sound;
// null for other code points.
const char* PlainSpelling(char32_t c) {
  switch (c) {
    case U'č':
    case U'ć':
    case U'ç':
      return "ch";
    case U'š':
    case U'ś':
    case U'ş':
    case U'ș':
      return "sh";
    case U'ž':
    case U'ź':
    case U'ż':
      return "zh";
    case U'ŝ':
      return "shch";
    case U'û':
    case U'ü':
      return "yu";
    case U'â':
    case U'ä':
      return "ya";
    case U'ë':
    case U'ö':
    case U'ø':  // the Danish and Norwegian ö: "løke" = "лёке"
      return "yo";
    case U'á':
    case U'à':
    case U'ā':
    case U'ą':
    case U'ã':
    case U'å':
    case U'ă':
    case U'ə':
      return "a";
    case U'é':
    case U'è':
    case U'ê':
    case U'ē':
    case U'ė':
    case U'ę':
    case U'ě':
      return "e";
    case U'í':
    case U'ì':
    case U'î':
    case U'ī':
    case U'ĭ':
    case U'ï':
    case U'ı':
    case U'į':
      return "i";
    case U'ó':
    case U'ò':
    case U'ô':
    case U'ō':
    case U'õ':
    case U'ő':
      return "o";
    case U'ú':
    case U'ù':
    case U'ū':
    case U'ŭ':
    case U'ů':
    case U'ű':
      return "u";
    case U'ý':
    case U'ÿ':
      return "y";
    case U'ğ':
      return "g";
    case U'ñ':
    case U'ň':
      return "n";
    case U'ł':
    case U'ľ':
    case U'ĺ':
      return "l";
    case U'ř':
    case U'ŕ':
      return "r";
    case U'đ':
    case U'ď':
      return "d";
    case U'ť':
      return "t";
    default:
      return nullptr;
  }
}

// Apostrophes, primes and the soft and hard sign marks, which schemes write or leave out.
bool IsSignMark(char32_t c) {
  return c == U'\'' || c == U'’' || c == U'‘' || c == U'`' || c == U'ʹ' || c == U'ʺ' || c == U'ʼ' ||
         c == U'ʻ' || c == U'″' || c == U'"' || (c >= 0x0300 && c <= 0x036F);
}

bool IsVowel(char32_t c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// `token` into `plain` with its letters with diacritics spelled as the plain letters or
// digraphs other schemes write, and its sign marks dropped.
void SpellPlain(std::u32string_view token, std::u32string& plain) {
  plain.clear();
  for (char32_t c : token) {
    if (IsSignMark(c)) continue;
    if (const char* spelled = PlainSpelling(c)) {
      for (const char* p = spelled; *p != 0; ++p) plain.push_back(static_cast<char32_t>(*p));
    } else {
      plain.push_back(c);
    }
  }
}

// Where the patronymic ending of `plain` (a SpellPlain spelling) starts, or npos. The endings:
// male "v" or "w", then "i" or "y", then how the languages write ч ("ch", "tch", "tsch", "cz",
// "cs", "tj", "tsj", "tx"): "-ovich", "-ovytch", "-owitsch", "-owicz", "-ovics", "-ovitj",
// "-ovitsj", "-ovitx"; female "-vna", "-wna" and the Belarusian "-auna" ("-аўна").
size_t PatronymicEnding(std::u32string_view plain) {
  static constexpr std::u32string_view kCh[] = {U"ch", U"tch", U"tsch", U"cz",
                                                U"cs", U"tj",  U"tsj",  U"tx"};
  for (std::u32string_view ch : kCh) {
    if (plain.size() < ch.size() + 2 || !plain.ends_with(ch)) continue;
    const size_t at = plain.size() - ch.size() - 2;
    if ((plain[at] == 'v' || plain[at] == 'w') && (plain[at + 1] == 'i' || plain[at + 1] == 'y')) {
      return at;
    }
  }
  if (plain.ends_with(U"vna") || plain.ends_with(U"wna")) return plain.size() - 3;
  if (plain.ends_with(U"auna")) return plain.size() - 3;
  return std::u32string_view::npos;
}

// RomanisedSpelling into `out`, with `plain` as scratch: screening a query computes up to four
// readings of each of its words, and reusing the buffers keeps that free of allocations.
void SpellRomanised(std::u32string_view token, Reading reading, std::u32string& plain,
                    std::u32string& out) {
  const bool slavic = reading == Reading::kSlavic;
  const bool french = reading == Reading::kFrench;
  const bool german = reading == Reading::kGerman;
  const bool dutch = reading == Reading::kDutch;
  SpellPlain(token, plain);
  // One letter per sound; upper case marks the letters that stand for digraphs.
  out.clear();
  auto emit = [&out](char32_t c) {
    if (c == 'e' && !out.empty() && out.back() == 'i') out.pop_back();  // "ye", "ie", "je"
    if (out.empty() || out.back() != c) out.push_back(c);               // doubled letters fold
  };
  auto at = [&plain](size_t i) -> char32_t { return i < plain.size() ? plain[i] : 0; };
  // Whether `plain` has `s` (a literal) at `i`. The loop below tries a score of these per
  // letter, so the literal's length is known at compile time and a differing first letter
  // answers at once.
  auto starts = [&plain]<size_t N>(size_t i, const char32_t(&s)[N]) {
    constexpr size_t kLength = N - 1;
    if (plain.size() - i < kLength) return false;
    for (size_t k = 0; k < kLength; ++k) {
      if (plain[i + k] != s[k]) return false;
    }
    return true;
  };
  for (size_t i = 0; i < plain.size();) {
    const char32_t c = plain[i];
    if (starts(i, U"dzh") || (!german && starts(i, U"dj"))) {
      emit('J');
      i += plain[i + 1] == 'z' ? 3 : 2;
    } else if (dutch && (starts(i, U"tsj") || starts(i, U"tj"))) {
      emit('C');
      i += plain[i + 1] == 's' ? 3 : 2;
    } else if (dutch && (starts(i, U"sj") || starts(i, U"zj"))) {
      emit(c == 's' ? 'S' : 'Z');
      i += 2;
    } else if (dutch && starts(i, U"oe")) {
      emit('u');
      i += 2;
    } else if (dutch && starts(i, U"ch") && (i == 0 || plain[i - 1] != 's')) {
      emit('H');
      i += 2;
    } else if (c == 'f' && i + 2 == plain.size() && plain[i + 1] == 'f' && i >= 2 &&
               (plain[i - 1] == 'o' || plain[i - 1] == 'e')) {
      emit('v');  // "-off", "-eff": the French and English "-ов", "-ев"
      i += 2;
    } else if (german && starts(i, U"dsch")) {
      emit('J');
      i += 4;
    } else if (french && starts(i, U"chtch")) {
      emit('S');
      i += 5;
    } else if (french && starts(i, U"ch") && (i == 0 || plain[i - 1] != 't')) {
      emit('S');
      i += 2;
    } else if (starts(i, U"shch") || starts(i, U"tsch")) {
      emit(c == 's' ? 'S' : 'C');
      i += 4;
    } else if (german && starts(i, U"ch") &&
               (i == 0 || (plain[i - 1] != 's' && plain[i - 1] != 't'))) {
      emit('H');
      i += 2;
    } else if (starts(i, U"sch") || starts(i, U"shh") || starts(i, U"tch")) {
      emit(c == 's' ? 'S' : 'C');
      i += 3;
    } else if (starts(i, U"sh")) {
      emit('S');
      i += 2;
    } else if (starts(i, U"ch") || starts(i, U"cz")) {
      emit('C');
      i += 2;
    } else if (starts(i, U"zh")) {
      emit('Z');
      i += 2;
    } else if (starts(i, U"kh")) {
      emit('H');
      i += 2;
    } else if (starts(i, U"ts") || starts(i, U"tz")) {
      emit('T');
      i += 2;
    } else if (starts(i, U"ph")) {
      emit('f');
      i += 2;
    } else if (starts(i, U"ou")) {
      emit('u');
      i += 2;
    } else if (starts(i, U"gu") && (at(i + 2) == 'e' || at(i + 2) == 'i')) {
      emit('g');  // the French "gue", "gui" of "Guennadi", "Sergueï"
      i += 2;
    } else if (french && c == 'j') {
      emit('Z');
      ++i;
    } else if (french && c == 'e' && i + 1 == plain.size() && i >= 2 && !IsVowel(plain[i - 1])) {
      ++i;  // a mute final "e"
    } else if (c == 'i' || c == 'y' || c == 'j') {
      // ё written "yo", "io" or "jo" before a consonant: the "e" other schemes write.
      const char32_t after = at(i + 2);
      if (at(i + 1) == 'o' && after != 0 && !IsVowel(after) && after != 'y' && !out.empty()) {
        emit('e');
        i += 2;
      } else {
        emit('i');
        ++i;
      }
    } else {
      switch (c) {
        case 'h':
          emit(slavic ? 'g' : 'H');
          break;
        case 'x':
          if (slavic) {
            emit('H');
          } else {
            emit('k');
            emit('s');
          }
          break;
        case 'c': {
          const char32_t next = at(i + 1);
          emit(next == 'a' || next == 'o' || next == 'u' || next == 'l' || next == 'r' ? 'k' : 'T');
          break;
        }
        case 'w':
          emit('v');
          break;
        case 'z':
          if (german) {
            emit('T');
          } else {
            emit('z');
          }
          break;
        case 'q':
          emit('k');
          break;
        default:
          emit(c);
      }
      ++i;
    }
  }
}

// Whether `reading` may spell `token` differently from the plain reading: the Slavic one
// reads "x" and a lone "h" (not in "kh", "sh", "ch", "zh", "ph"), the French one "ch", "j"
// and a final "e", the German one "ch", "z", "w" and "dj", the Dutch one "oe", "tj", "sj"
// and "zj".
bool MayReadDifferently(std::u32string_view token, Reading reading) {
  for (size_t i = 0; i < token.size(); ++i) {
    const char32_t c = token[i];
    const char32_t before = i > 0 ? token[i - 1] : 0;
    switch (reading) {
      case Reading::kPlain:
        return true;
      case Reading::kSlavic:
        if (c == 'x' || (c == 'h' && before != 'k' && before != 's' && before != 'c' &&
                         before != 'z' && before != 'p')) {
          return true;
        }
        break;
      case Reading::kFrench:
        if (c == 'j' || (c == 'h' && before == 'c') || (c == 'e' && i + 1 == token.size())) {
          return true;
        }
        break;
      case Reading::kGerman:
        if (c == 'z' || c == 'w' || (c == 'h' && before == 'c') || (c == 'j' && before == 'd')) {
          return true;
        }
        break;
      case Reading::kDutch:
        if ((c == 'e' && before == 'o') ||
            (c == 'j' && (before == 't' || before == 's' || before == 'z'))) {
          return true;
        }
        break;
    }
  }
  return false;
}

}  // namespace

std::u32string RomanisedSpelling(std::u32string_view token, Reading reading) {
  std::u32string plain;
  std::u32string out;
  SpellRomanised(token, reading, plain, out);
  return out;
}

bool GermanSpelling(std::u32string_view token) {
  for (size_t i = 0; i < token.size(); ++i) {
    const char32_t c = token[i];
    const char32_t next = i + 1 < token.size() ? token[i + 1] : 0;
    if (c == 'w' || (c == 'j' && IsVowel(next)) ||
        (c == 's' && next == 's' && i > 0 && i + 2 < token.size()) ||
        (c == 's' && next == 'c' && i + 2 < token.size() && token[i + 2] == 'h')) {
      return true;
    }
  }
  return false;
}

namespace {

// SibilantSpelling into `out`, with `plain` as scratch.
void SpellSibilants(std::u32string_view token, bool german, std::u32string& plain,
                    std::u32string& out) {
  SpellRomanised(token, german ? Reading::kGerman : Reading::kPlain, plain, out);
  size_t n = 0;
  for (char32_t c : out) {
    if (c == 'z') c = 's';
    if (c == 'Z') c = 'S';
    if (n == 0 || out[n - 1] != c) out[n++] = c;  // "zs" and "ss" become one letter
  }
  out.resize(n);
}

}  // namespace

std::u32string SibilantSpelling(std::u32string_view token) {
  std::u32string plain;
  std::u32string out;
  SpellSibilants(token, GermanSpelling(token), plain, out);
  return out;
}

namespace {

// PatronymicStem into `stem`, with `plain` and `scratch` as scratch.
void SpellPatronymicStem(std::u32string_view token, Reading reading, std::u32string& plain,
                         std::u32string& scratch, std::u32string& stem) {
  stem.clear();
  SpellPlain(token, plain);
  const size_t ending = PatronymicEnding(plain);
  if (ending == std::u32string_view::npos) return;
  SpellRomanised(std::u32string_view(plain).substr(0, ending), reading, scratch, stem);
  while (!stem.empty() && IsVowel(stem.back())) stem.pop_back();
  if (stem.size() < 3) stem.clear();
}

}  // namespace

std::u32string PatronymicStem(std::u32string_view token, Reading reading) {
  std::u32string plain;
  std::u32string scratch;
  std::u32string stem;
  SpellPatronymicStem(token, reading, plain, scratch, stem);
  return stem;
}

bool HasDigit(std::u32string_view token) {
  return std::any_of(token.begin(), token.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
}

namespace {

// AbjadSkeletonKey of a spelling whose Skeleton is `skeleton`.
uint64_t AbjadKeyOfSkeleton(std::u32string_view skeleton) {
  if (skeleton.size() >= kMinSkeletonLength) return KeyHash(KeyKind::kSkeleton, skeleton);
  return skeleton.size() == 2 ? KeyHash(KeyKind::kShortSkeleton, skeleton) : 0;
}

}  // namespace

uint64_t AbjadSkeletonKey(std::u32string_view spelling) {
  return HasDigit(spelling) ? 0 : AbjadKeyOfSkeleton(Skeleton(spelling));
}

AbjadLetter ReadAbjadLetter(std::u32string_view token, size_t i) {
  const char32_t c = token[i];
  const char32_t next = i + 1 < token.size() ? token[i + 1] : 0;
  const bool last = i + 1 == token.size();
  if (c == 't' && next == 'h') return {2, {U"th", U"s", U"t"}, 3};
  if (c == 'd' && next == 'h') return {2, {U"dh", U"z", U"d"}, 3};
  // One letter in both scripts. At the end, the letter and a final "h" ("hmzh", Hamza), each
  // a letter of its own: together they still spell the digraph.
  if ((c == 'k' || c == 's' || c == 'g' || c == 'z' || c == 'c') && next == 'h' &&
      i + 2 < token.size()) {
    return {2, {token.substr(i, 2)}, 1};
  }
  switch (c) {
    case 'w':
      return {1, {U"w", U"u"}, 2};  // "w" also v, as in Skeleton
    case 'b':
      return {1, {U"b", U"p"}, 2};
    case 'f':
      return {1, {U"f", U"v"}, 2};
    case 'p':
      return {1, {U"p", U"f"}, 2};
    case 'q':
      return {1, {U"q", U"g"}, 2};
    case 'h':
      if (last && i > 0) return {1, {U"h", U"", U"t"}, 3};  // ه, ة: "-ah", "-a", "-at"
      break;
    default:
      break;
  }
  return {1, {token.substr(i, 1)}, 1};
}

AbjadSkeletons MakeAbjadSkeletons(std::u32string_view token) {
  AbjadSkeletons out;
  if (HasDigit(token)) return out;
  std::vector<AbjadLetter> units;
  units.reserve(token.size());
  for (size_t i = 0; i < token.size(); i += units.back().length) {
    units.push_back(ReadAbjadLetter(token, i));
  }
  // Readings enumerated as a mixed-radix counter, the first unit's choice the slowest.
  std::vector<size_t> choice(units.size(), 0);
  std::u32string spelling;
  for (size_t readings = 0; readings < 4 * kMaxAbjadSkeletons; ++readings) {
    spelling.clear();
    for (size_t u = 0; u < units.size(); ++u) spelling += units[u].readings[choice[u]];
    const std::u32string skeleton = Skeleton(spelling);
    const uint64_t key = AbjadKeyOfSkeleton(skeleton);
    if (key != 0 && !out.Contains(key)) {
      out.has_short = out.has_short || skeleton.size() < kMinSkeletonLength;
      out.keys[out.count++] = key;
      if (out.count == kMaxAbjadSkeletons) break;
    }
    size_t u = units.size();
    while (u > 0 && ++choice[u - 1] == units[u - 1].count) choice[--u] = 0;
    if (u == 0) break;  // every reading made
  }
  return out;
}

SpellingKeys MakeSpellingKeys(std::u32string_view token) {
  SpellingKeys keys;
  if (HasDigit(token)) return keys;
  keys.skeleton = SkeletonKey(token);
  thread_local std::u32string plain;
  thread_local std::u32string spelled;
  for (size_t r = 0; r < kReadings; ++r) {
    const auto reading = static_cast<Reading>(r);
    if (!MayReadDifferently(token, reading)) continue;
    SpellRomanised(token, reading, plain, spelled);
    const uint64_t key =
        spelled.size() >= kMinRomanisedLength ? KeyHash(KeyKind::kRomanised, spelled) : 0;
    if (std::find(keys.romanised, keys.romanised + r, key) == keys.romanised + r) {
      keys.romanised[r] = key;
    }
  }
  keys.german = GermanSpelling(token);
  SpellSibilants(token, keys.german, plain, spelled);
  if (spelled.size() >= kMinRomanisedLength) keys.sibilants = KeyHash(KeyKind::kRomanised, spelled);
  thread_local std::u32string stem;
  for (size_t r = 0; r < kPatronymicReadings; ++r) {
    SpellPatronymicStem(token, static_cast<Reading>(r), plain, spelled, stem);
    if (stem.empty()) break;  // not a patronymic: no reading makes it one
    const uint64_t key = KeyHash(KeyKind::kPatronymic, stem);
    if (r == 0 || key != keys.patronymic[0]) keys.patronymic[r] = key;
  }
  return keys;
}

}  // namespace keruen::screening::internal
