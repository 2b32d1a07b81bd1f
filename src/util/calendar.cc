#include "util/calendar.h"

#include <cstdio>

namespace delta {

// Howard Hinnant's days_from_civil / civil_from_days: exact for every int64 year that fits.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* year, unsigned* month, unsigned* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = y + (*month <= 2);
}

bool IsLeapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

std::string FormatDate(int64_t days) {
  int64_t y = 0;
  unsigned m = 0;
  unsigned d = 0;
  CivilFromDays(days, &y, &m, &d);
  char buf[32];
  if (y >= 0 && y <= 9999) {
    std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", static_cast<int>(y), m, d);
  } else {
    std::snprintf(buf, sizeof(buf), "%lld-%02u-%02u", static_cast<long long>(y), m, d);
  }
  return buf;
}

namespace {

// The date `days` and the time `us_of_day` (0 <= us_of_day < one day), as FormatTimestamp.
std::string FormatDayTime(int64_t days, int64_t us_of_day, char sep, bool millis) {
  int64_t secs = us_of_day / kMicrosPerSecond;
  int64_t us = us_of_day % kMicrosPerSecond;
  std::string out = FormatDate(days);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%c%02d:%02d:%02d", sep, static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  out += buf;
  if (millis && us % 1000 == 0) {
    std::snprintf(buf, sizeof(buf), ".%03d", static_cast<int>(us / 1000));
    out += buf;
  } else if (millis || us != 0) {
    std::snprintf(buf, sizeof(buf), ".%06d", static_cast<int>(us));
    out += buf;
  }
  return out;
}

}  // namespace

std::string FormatTimestamp(int64_t micros, char sep, bool millis) {
  int64_t days = micros / kMicrosPerDay;
  int64_t rem = micros % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --days;
  }
  return FormatDayTime(days, rem, sep, millis);
}

std::string FormatEpochMillis(int64_t millis) {
  // Split into days first: millis * 1000 would overflow far from 1970.
  int64_t days = millis / kMillisPerDay;
  int64_t rem = millis % kMillisPerDay;
  if (rem < 0) {
    rem += kMillisPerDay;
    --days;
  }
  return FormatDayTime(days, rem * 1000, 'T', true) + "Z";
}

}  // namespace delta
