// Time in Keruen: instants are UTC seconds since the Unix epoch, calendar dates are days
// since the epoch. Both parse from and format to ISO 8601, the only form the interchange
// documents use. Engines never read the system clock directly: they take a `Clock`, so
// tests and the simulator can drive time.
#ifndef KERUEN_CORE_TIME_H_
#define KERUEN_CORE_TIME_H_

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "keruen/core/error.h"

namespace keruen {

// Seconds since 1970-01-01T00:00:00Z.
using Timestamp = int64_t;
// Days since 1970-01-01.
using Date = int32_t;

// Accepts "YYYY-MM-DDTHH:MM:SS" with optional fraction and a "Z" or "+HH:MM" offset
// (a space may stand for the "T"; no offset means UTC). Fractions are truncated.
Result<Timestamp> ParseTimestamp(std::string_view text);
// Accepts "YYYY-MM-DD".
Result<Date> ParseDate(std::string_view text);

// "2026-03-02T06:40:00Z".
std::string FormatTimestamp(Timestamp t);
// "2026-03-02".
std::string FormatDate(Date d);

Date DateOf(Timestamp t);
Timestamp StartOfDate(Date d);
// Days from civil date; month 1-12. Valid for the proleptic Gregorian calendar.
Date DaysFromCivil(int year, unsigned month, unsigned day);

struct CivilDate {
  int year;
  unsigned month;  // 1-12
  unsigned day;    // 1-31
};
// The calendar date of a day number: the inverse of DaysFromCivil.
CivilDate CivilFromDays(int64_t days);

// The source of "now" for engines.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that moves only when told to: for tests and replays.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_(start) {}
  Timestamp Now() const override { return now_.load(); }
  void Set(Timestamp t) { now_.store(t); }
  void Advance(int64_t seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<Timestamp> now_;
};

}  // namespace keruen

#endif  // KERUEN_CORE_TIME_H_
