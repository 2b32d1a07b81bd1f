// Calendar arithmetic on the proleptic Gregorian calendar, in days since 1970-01-01. The one
// copy every reader, writer, front end and generator uses (no <chrono> time zones, so nothing
// depends on the machine's locale or TZ).
#pragma once

#include <cstdint>
#include <string>

#include "delta/value_text.h"

namespace delta {

/// v / d rounded toward negative infinity (d > 0), for any int64 v: splits times into days
/// and units, and rounds finer units toward the past.
inline int64_t FloorDiv(int64_t v, int64_t d) { return v / d - (v % d < 0 ? 1 : 0); }

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day 1..31).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

/// The proleptic Gregorian date of `days` since 1970-01-01.
void CivilFromDays(int64_t days, int64_t* year, unsigned* month, unsigned* day);

bool IsLeapYear(int64_t year);

/// Days in `month` (1..12) of `year`.
unsigned DaysInMonth(int64_t year, unsigned month);

inline constexpr int64_t kMillisPerDay = 86'400'000;
inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// FormatDate and FormatTimestamp (public, delta/value_text.h) are defined in calendar.cc.

/// Milliseconds since the epoch (commit times) as "YYYY-MM-DDTHH:MM:SS.mmmZ", for any int64.
std::string FormatEpochMillis(int64_t millis);

}  // namespace delta
