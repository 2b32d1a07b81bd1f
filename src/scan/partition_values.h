// Text forms of typed values (PROTOCOL.md, "Partition Value Serialization"): partition values,
// the typed literals of the expression syntax, and the date/timestamp/decimal text of JSON
// statistics all go through these parsers and formatters.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/literal.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "util/calendar.h"

namespace delta {

// --- 128-bit integers behind decimals ----------------------------------------------------------

// GCC's 128-bit integers, kept out of the public API.
__extension__ typedef __int128 Int128;            // NOLINT
__extension__ typedef unsigned __int128 UInt128;  // NOLINT

/// The Int128 held by a Decimal128, and back.
Int128 ToInt128(const Decimal128& d);
Decimal128 FromInt128(Int128 v);
/// 10^n for 0 <= n <= 38.
Int128 Pow10(int n);
/// Decimal digits of `v`, with a leading '-' when negative.
std::string Int128ToString(Int128 v);
/// Number of decimal digits of |v| (1 for 0).
int DigitCount(Int128 v);

/// How decimal text with more fractional digits than the target scale is brought to it.
enum class Rounding { kExact, kFloor, kCeiling };

/// Parses decimal text ("-12.345", "0.00004", "1E+5", "12.") into the unscaled value at `scale`.
/// InvalidArgument when the text is not a number, has more than `precision` digits at that
/// scale, or (with kExact) has non-zero digits beyond `scale`.
Result<Int128> ParseDecimalText(std::string_view text, int precision, int scale,
                                Rounding rounding = Rounding::kExact);

/// The unscaled value `unscaled` at `scale` as plain decimal text ("-0.05", "100", "9.990").
std::string FormatDecimal(Int128 unscaled, int scale);

// --- dates and timestamps -----------------------------------------------------------------------

/// 1582-10-15, the first day of the Gregorian calendar, in days since 1970-01-01.
inline constexpr int64_t kGregorianCalendarStart = -141427;

/// Days since 1970-01-01 of the date that Spark's legacy hybrid calendar (Julian before
/// 1582-10-15) labels `days`: same year, month and day in the proleptic Gregorian calendar,
/// a Julian-only February 29 becoming March 1 (as Spark rebases). Later days are unchanged.
int64_t RebaseJulianToGregorianDays(int64_t days);

/// Parses "{year}-{month}-{day}" (month and day of one or two digits) into days since the
/// epoch. InvalidArgument when malformed or not a calendar date.
Result<int32_t> ParseDateText(std::string_view text);

/// A parsed timestamp: microseconds of the wall-clock time, shifted to UTC when the text
/// carried a zone.
struct ParsedTimestamp {
  int64_t micros = 0;
  bool has_zone = false;  ///< the text ended in 'Z' or a +hh:mm / -hh:mm offset
};

/// Parses "{date}", "{date} {hh}:{mm}[:{ss}[.{fraction}]]" or the same with 'T' for the space,
/// optionally followed by 'Z' or an offset (+hh, +hhmm, +hh:mm). Fractions beyond microseconds
/// are truncated toward the past. InvalidArgument when malformed.
Result<ParsedTimestamp> ParseTimestampText(std::string_view text);

// --- typed values from text ---------------------------------------------------------------------

/// Reads `text` as a non-null value of primitive `type`, with the partition-value formats:
/// numbers as written (float/double also NaN, Infinity, -Infinity), booleans true/false (any
/// case), dates, timestamps (UTC when no zone is given), timestamp_ntz (the wall-clock time as
/// written), decimals at the type's scale, strings and binaries as their bytes.
/// InvalidArgument naming the text and the type when it does not parse.
Result<Literal> ParseLiteralText(std::string_view text, const DataType& type);

/// One partition value of `type` as serialized in an add action: absent (nullopt) and the empty
/// string mean null, for every type (strings and binaries too, as PROTOCOL.md says); escapes
/// are not undone (the log holds the value itself). InvalidTable naming the value and type when
/// it does not parse.
Result<Literal> ParsePartitionValue(std::optional<std::string_view> serialized,
                                    const DataType& type);

/// Typed partition values of one file, keyed by logical (schema) column name.
using PartitionValueMap = std::map<std::string, Literal, std::less<>>;

/// Parses a file's partition values for the table's `partition_columns` (logical names). The
/// log keys them by physical name (delta.columnMapping.physicalName when present, else the
/// name); a column missing from the file's map is null. InvalidTable naming the column on a
/// value that does not parse or a partition column absent from the schema.
Result<PartitionValueMap> ParsePartitionValues(std::span<const PartitionValue> values,
                                               const StructType& schema,
                                               const std::vector<std::string>& partition_columns);

}  // namespace delta
