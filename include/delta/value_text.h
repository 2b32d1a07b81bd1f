// Text forms of typed values as the kernel writes them: a partition value as the log stores
// it, and dates and timestamps as the front ends print them.
#pragma once

#include <cstdint>
#include <string>

#include "delta/literal.h"

namespace delta {

/// Days since 1970-01-01 as "YYYY-MM-DD" (proleptic Gregorian).
std::string FormatDate(int64_t days);

/// Microseconds since 1970-01-01 as "YYYY-MM-DD{sep}HH:MM:SS" plus a fraction: with `millis`
/// ".mmm" (or ".uuuuuu" when the value has sub-millisecond digits), otherwise ".uuuuuu" only
/// when non-zero. No zone suffix.
std::string FormatTimestamp(int64_t micros, char sep, bool millis);

/// The text of a non-null partition value, which ParsePartitionValue reads back to the same
/// value: booleans "true"/"false"; integers in decimal; floats as the shortest text that
/// round-trips, or "NaN", "Infinity", "-Infinity"; dates "YYYY-MM-DD"; timestamps (with or
/// without zone, in UTC) "YYYY-MM-DD HH:MM:SS[.ffffff]"; decimals as plain digits at the type's
/// scale ("-1.50"); strings and binaries as their bytes. Other kinds render as Literal's SQL
/// text.
std::string PartitionValueText(const Literal& value);

}  // namespace delta
