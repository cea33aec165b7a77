#include "keruen/core/time.h"

#include <chrono>

namespace keruen {
namespace {

// Reads exactly `n` digits at `pos`; returns -1 when they are not all digits.
int ReadDigits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Parses the "YYYY-MM-DD" prefix of `s`; returns false when it is not a real date.
bool ParseDatePart(std::string_view s, int& y, int& m, int& d) {
  y = ReadDigits(s, 0, 4);
  m = ReadDigits(s, 5, 2);
  d = ReadDigits(s, 8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || s.size() < 10 || s[4] != '-' || s[7] != '-')
    return false;
  return d <= DaysInMonth(y, m);
}

}  // namespace

// Howard Hinnant's civil-from-days.
CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (month <= 2)), month, day};
}

Date DaysFromCivil(int year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

Result<Date> ParseDate(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || !ParseDatePart(text, y, m, d)) {
    return ParseError("\"" + std::string(text) + "\" is not a date (YYYY-MM-DD)");
  }
  return DaysFromCivil(y, m, d);
}

Result<Timestamp> ParseTimestamp(std::string_view text) {
  auto fail = [&] {
    return ParseError("\"" + std::string(text) +
                      "\" is not an ISO 8601 timestamp (YYYY-MM-DDTHH:MM:SSZ)");
  };
  int y, mo, d;
  if (!ParseDatePart(text, y, mo, d)) return fail();
  if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ' && text[10] != 't')) return fail();
  const int hh = ReadDigits(text, 11, 2), mi = ReadDigits(text, 14, 2),
            ss = ReadDigits(text, 17, 2);
  if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 60 || text[13] != ':' ||
      text[16] != ':')
    return fail();
  size_t pos = 19;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    const size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return fail();
  }
  int64_t offset = 0;
  if (pos < text.size()) {
    const char c = text[pos];
    if ((c == 'Z' || c == 'z') && pos + 1 == text.size()) {
      // UTC
    } else if (c == '+' || c == '-') {
      const int oh = ReadDigits(text, pos + 1, 2);
      int om = -1;
      if (pos + 6 == text.size() && text[pos + 3] == ':') {
        om = ReadDigits(text, pos + 4, 2);
      } else if (pos + 5 == text.size()) {
        om = ReadDigits(text, pos + 3, 2);
      } else if (pos + 3 == text.size()) {
        om = 0;
      }
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return fail();
      offset = (oh * 3600 + om * 60) * (c == '+' ? 1 : -1);
    } else {
      return fail();
    }
  }
  const int64_t days = DaysFromCivil(y, mo, d);
  return days * 86400 + hh * 3600 + mi * 60 + ss - offset;
}

namespace {

// Appends `value` as exactly `width` decimal digits (zero-padded).
void AppendPadded(std::string& out, int64_t value, int width) {
  char buf[20];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
}

// "YYYY-MM-DD"; years outside 0..9999 are written in full (ISO 8601 expanded form).
void AppendDate(std::string& out, int64_t days) {
  const CivilDate c = CivilFromDays(days);
  if (c.year >= 0 && c.year <= 9999) {
    AppendPadded(out, c.year, 4);
  } else {
    out += std::to_string(c.year);
  }
  out.push_back('-');
  AppendPadded(out, c.month, 2);
  out.push_back('-');
  AppendPadded(out, c.day, 2);
}

}  // namespace

// Written digit by digit: the store formats several timestamps per document, and snprintf
// was a measurable part of ingest.
std::string FormatTimestamp(Timestamp t) {
  int64_t days = t / 86400;
  int64_t secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  std::string out;
  out.reserve(20);
  AppendDate(out, days);
  out.push_back('T');
  AppendPadded(out, secs / 3600, 2);
  out.push_back(':');
  AppendPadded(out, secs / 60 % 60, 2);
  out.push_back(':');
  AppendPadded(out, secs % 60, 2);
  out.push_back('Z');
  return out;
}

std::string FormatDate(Date date) {
  std::string out;
  out.reserve(10);
  AppendDate(out, date);
  return out;
}

Date DateOf(Timestamp t) { return static_cast<Date>(t >= 0 ? t / 86400 : (t - 86399) / 86400); }

Timestamp StartOfDate(Date d) { return static_cast<Timestamp>(d) * 86400; }

Timestamp SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace keruen
