#include "scan/partition_values.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <system_error>

#include "util/ascii.h"

namespace delta {

// --- Int128 ---------------------------------------------------------------------------------

Int128 ToInt128(const Decimal128& d) {
  using U = UInt128;
  U u = (static_cast<U>(static_cast<uint64_t>(d.high)) << 64) | d.low;
  return static_cast<Int128>(u);
}

Decimal128 FromInt128(Int128 v) {
  using U = UInt128;
  U u = static_cast<U>(v);
  return {static_cast<int64_t>(static_cast<uint64_t>(u >> 64)), static_cast<uint64_t>(u)};
}

Int128 Pow10(int n) {
  Int128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

std::string Int128ToString(Int128 v) {
  using U = UInt128;
  bool neg = v < 0;
  U u = neg ? static_cast<U>(0) - static_cast<U>(v) : static_cast<U>(v);
  char buf[48];
  int pos = sizeof(buf);
  do {
    buf[--pos] = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  } while (u != 0);
  if (neg) buf[--pos] = '-';
  return std::string(buf + pos, sizeof(buf) - static_cast<size_t>(pos));
}

int DigitCount(Int128 v) {
  using U = UInt128;
  U u = v < 0 ? static_cast<U>(0) - static_cast<U>(v) : static_cast<U>(v);
  int n = 1;
  while (u >= 10) {
    u /= 10;
    ++n;
  }
  return n;
}

std::string Decimal128::ToString() const { return Int128ToString(ToInt128(*this)); }

// --- decimals -------------------------------------------------------------------------------

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

Status BadNumber(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("'" + std::string(text) + "' " + std::string(why));
}

}  // namespace

Result<Int128> ParseDecimalText(std::string_view text, int precision, int scale,
                                Rounding rounding) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  std::string digits;  // significant digits, integer and fraction parts together
  int64_t frac_len = 0;
  bool any_digit = false;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (IsDigit(c)) {
      any_digit = true;
      if (in_fraction) ++frac_len;
      if (!digits.empty() || c != '0')
        digits.push_back(c);
      else if (in_fraction)
        continue;  // a leading zero of the fraction: position only
    } else if (c == '.' && !in_fraction) {
      in_fraction = true;
    } else {
      break;
    }
  }
  if (!any_digit) return BadNumber(text, "is not a decimal number");
  int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= text.size() || !IsDigit(text[i])) return BadNumber(text, "is not a decimal number");
    for (; i < text.size() && IsDigit(text[i]); ++i) {
      if (exponent < 100000) exponent = exponent * 10 + (text[i] - '0');
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return BadNumber(text, "is not a decimal number");
  if (digits.empty()) return Int128(0);

  // value = digits * 10^(exponent - frac_len); unscaled = value * 10^scale.
  const int64_t shift = exponent - frac_len + scale;
  const int64_t n = static_cast<int64_t>(digits.size());
  std::string_view kept = digits;
  bool dropped_nonzero = false;
  if (shift < 0) {
    int64_t keep = n + shift;
    if (keep <= 0) {
      kept = {};
      dropped_nonzero = true;  // digits has no leading zeros, so something non-zero is dropped
    } else {
      kept = std::string_view(digits).substr(0, static_cast<size_t>(keep));
      for (size_t k = static_cast<size_t>(keep); k < digits.size(); ++k) {
        if (digits[k] != '0') dropped_nonzero = true;
      }
    }
  }
  const int64_t total = static_cast<int64_t>(kept.size()) + (shift > 0 ? shift : 0);
  if (total > precision) {
    return BadNumber(text, "does not fit in decimal(" + std::to_string(precision) + "," +
                               std::to_string(scale) + ")");
  }
  Int128 v = 0;
  for (char c : kept) v = v * 10 + (c - '0');
  if (shift > 0) v *= Pow10(static_cast<int>(shift));
  if (dropped_nonzero) {
    if (rounding == Rounding::kExact) {
      return BadNumber(text, "has more than " + std::to_string(scale) + " fractional digits");
    }
    // Magnitude rounding away from zero gives floor for negatives and ceiling for positives.
    if ((rounding == Rounding::kFloor && negative) ||
        (rounding == Rounding::kCeiling && !negative)) {
      v += 1;
    }
  }
  if (negative) v = -v;
  if (DigitCount(v) > precision) {
    return BadNumber(text, "does not fit in decimal(" + std::to_string(precision) + "," +
                               std::to_string(scale) + ")");
  }
  return v;
}

std::string FormatDecimal(Int128 unscaled, int scale) {
  std::string digits = Int128ToString(unscaled < 0 ? -unscaled : unscaled);
  std::string out = unscaled < 0 ? "-" : "";
  if (scale <= 0) return out + digits;
  if (digits.size() <= static_cast<size_t>(scale)) {
    digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
  }
  out += digits.substr(0, digits.size() - static_cast<size_t>(scale));
  out += '.';
  out += digits.substr(digits.size() - static_cast<size_t>(scale));
  return out;
}

// --- dates and timestamps -------------------------------------------------------------------

int64_t RebaseJulianToGregorianDays(int64_t days) {
  constexpr int64_t kEpochJulianDay = 2440588;  // Julian day number of 1970-01-01
  const int64_t jdn = days + kEpochJulianDay;
  if (days >= kGregorianCalendarStart || jdn < 0) return days;
  // Julian calendar fields of a Julian day number (Richards' algorithm, for jdn >= 0).
  const int64_t c = jdn + 32082;
  const int64_t d = (4 * c + 3) / 1461;
  const int64_t e = c - 1461 * d / 4;
  const int64_t m = (5 * e + 2) / 153;
  const int64_t day = e - (153 * m + 2) / 5 + 1;
  const int64_t month = m + 3 - 12 * (m / 10);
  const int64_t year = d - 4800 + m / 10;
  return DaysFromCivil(year, static_cast<unsigned>(month), 1) + day - 1;
}

namespace {

// Reads 1..max_digits digits at text[*i]; false when there is none.
bool ReadNumber(std::string_view text, size_t* i, size_t min_digits, size_t max_digits,
                int64_t* out) {
  size_t start = *i;
  int64_t v = 0;
  while (*i < text.size() && IsDigit(text[*i]) && *i - start < max_digits) {
    v = v * 10 + (text[*i] - '0');
    ++*i;
  }
  if (*i - start < min_digits) return false;
  *out = v;
  return true;
}

// Parses the date at the start of `text`; *i is left after it.
bool ReadDate(std::string_view text, size_t* i, int64_t* days) {
  bool negative = false;
  if (*i < text.size() && (text[*i] == '-' || text[*i] == '+')) negative = text[(*i)++] == '-';
  int64_t y = 0;
  int64_t m = 0;
  int64_t d = 0;
  // Seven digits: int32 days reach year 5,877,641 either side of 1970.
  if (!ReadNumber(text, i, 1, 7, &y)) return false;
  if (*i >= text.size() || text[*i] != '-') return false;
  ++*i;
  if (!ReadNumber(text, i, 1, 2, &m)) return false;
  if (*i >= text.size() || text[*i] != '-') return false;
  ++*i;
  if (!ReadNumber(text, i, 1, 2, &d)) return false;
  if (negative) y = -y;
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(m))) return false;
  *days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

}  // namespace

Result<int32_t> ParseDateText(std::string_view text) {
  size_t i = 0;
  int64_t days = 0;
  if (!ReadDate(text, &i, &days) || i != text.size() ||
      days < std::numeric_limits<int32_t>::min() || days > std::numeric_limits<int32_t>::max()) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a date (yyyy-mm-dd)");
  }
  return static_cast<int32_t>(days);
}

Result<ParsedTimestamp> ParseTimestampText(std::string_view text) {
  auto bad = [&] {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a timestamp (yyyy-mm-dd[ hh:mm:ss[.ffffff]][zone])");
  };
  size_t i = 0;
  int64_t days = 0;
  if (!ReadDate(text, &i, &days)) return bad();
  int64_t hh = 0;
  int64_t mm = 0;
  int64_t ss = 0;
  int64_t frac_us = 0;
  if (i < text.size() && (text[i] == ' ' || text[i] == 'T' || text[i] == 't')) {
    ++i;
    if (!ReadNumber(text, &i, 1, 2, &hh)) return bad();
    if (i >= text.size() || text[i] != ':') return bad();
    ++i;
    if (!ReadNumber(text, &i, 2, 2, &mm)) return bad();
    if (i < text.size() && text[i] == ':') {
      ++i;
      if (!ReadNumber(text, &i, 2, 2, &ss)) return bad();
      if (i < text.size() && text[i] == '.') {
        ++i;
        size_t start = i;
        while (i < text.size() && IsDigit(text[i])) {
          if (i - start < 6) frac_us = frac_us * 10 + (text[i] - '0');
          ++i;
        }
        size_t n = i - start;
        if (n == 0 || n > 9) return bad();
        for (size_t k = n; k < 6; ++k) frac_us *= 10;
      }
    }
    if (hh > 23 || mm > 59 || ss > 59) return bad();
  }
  int64_t offset_s = 0;
  bool has_zone = false;
  if (i < text.size()) {
    char c = text[i];
    if ((c == 'Z' || c == 'z') && i + 1 == text.size()) {
      has_zone = true;
      ++i;
    } else if (c == '+' || c == '-') {
      ++i;
      int64_t oh = 0;
      int64_t om = 0;
      if (!ReadNumber(text, &i, 2, 2, &oh)) return bad();
      if (i < text.size() && text[i] == ':') ++i;
      if (i < text.size() && !ReadNumber(text, &i, 2, 2, &om)) return bad();
      if (oh > 18 || om > 59) return bad();
      offset_s = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
      has_zone = true;
    }
  }
  if (i != text.size()) return bad();
  // A wall-clock time; with a zone, shifted to UTC (local = utc + offset). Computed in 128
  // bits: int64 microseconds reach about 292,000 years either side of 1970, up to their ends.
  const Int128 micros = Int128(days) * kMicrosPerDay +
                        ((hh * 60 + mm) * 60 + ss - offset_s) * kMicrosPerSecond + frac_us;
  if (micros < std::numeric_limits<int64_t>::min() ||
      micros > std::numeric_limits<int64_t>::max()) {
    return bad();
  }
  ParsedTimestamp out;
  out.micros = static_cast<int64_t>(micros);
  out.has_zone = has_zone;
  return out;
}

// --- typed values from text -----------------------------------------------------------------

namespace {

Status NotA(std::string_view text, const DataType& type) {
  return Status::InvalidArgument("'" + std::string(text) + "' is not a valid " + type.ToString() +
                                 " value");
}

template <typename T>
Result<Literal> ParseIntegral(std::string_view text, const DataType& type, Literal (*make)(T)) {
  std::string_view t = text;
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size() || t.empty() ||
      v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
    return NotA(text, type);
  }
  return make(static_cast<T>(v));
}

template <typename T>
bool ParseFloating(std::string_view text, T* out) {
  std::string_view t = text;
  if (!t.empty() && t[0] == '+') t.remove_prefix(1);
  if (t.empty()) return false;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), *out);
  // Out-of-range values are errors for from_chars; everything else must be consumed.
  return ec == std::errc() && p == t.data() + t.size();
}

}  // namespace

Result<Literal> ParseLiteralText(std::string_view text, const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kString:
      return Literal::String(std::string(text));
    case TypeKind::kBinary:
      return Literal::Binary(std::string(text));
    case TypeKind::kBoolean:
      if (EqualsIgnoreCase(text, "true")) return Literal::Boolean(true);
      if (EqualsIgnoreCase(text, "false")) return Literal::Boolean(false);
      return NotA(text, type);
    case TypeKind::kByte:
      return ParseIntegral<int8_t>(text, type, &Literal::Byte);
    case TypeKind::kShort:
      return ParseIntegral<int16_t>(text, type, &Literal::Short);
    case TypeKind::kInteger:
      return ParseIntegral<int32_t>(text, type, &Literal::Integer);
    case TypeKind::kLong:
      return ParseIntegral<int64_t>(text, type, &Literal::Long);
    case TypeKind::kFloat: {
      float f = 0;
      if (!ParseFloating(text, &f)) return NotA(text, type);
      return Literal::Float(f);
    }
    case TypeKind::kDouble: {
      double d = 0;
      if (!ParseFloating(text, &d)) return NotA(text, type);
      return Literal::Double(d);
    }
    case TypeKind::kDate: {
      auto d = ParseDateText(text);
      if (!d.ok()) return NotA(text, type);
      return Literal::Date(*d);
    }
    case TypeKind::kTimestamp: {
      auto t = ParseTimestampText(text);
      if (!t.ok()) return NotA(text, type);
      return Literal::Timestamp(t->micros);  // no zone: UTC
    }
    case TypeKind::kTimestampNtz: {
      auto t = ParseTimestampText(text);
      if (!t.ok() || t->has_zone) return NotA(text, type);
      return Literal::TimestampNtz(t->micros);
    }
    case TypeKind::kDecimal: {
      const auto& dec = static_cast<const DecimalType&>(type);
      auto v = ParseDecimalText(text, dec.precision(), dec.scale());
      if (!v.ok()) return NotA(text, type);
      return Literal::Decimal(FromInt128(*v), dec.precision(), dec.scale());
    }
    default:
      return Status::InvalidArgument("values of type " + type.ToString() +
                                     " cannot be written as text");
  }
}

Result<Literal> ParsePartitionValue(std::optional<std::string_view> serialized,
                                    const DataType& type) {
  auto typed_null = [&]() -> Result<Literal> {
    // Literal keeps a shared type; primitives have shared instances, others are rebuilt.
    DataTypePtr t = PrimitiveType::Make(type.kind());
    if (!t) {
      if (type.kind() == TypeKind::kDecimal) {
        const auto& d = static_cast<const DecimalType&>(type);
        t = std::make_shared<DecimalType>(d.precision(), d.scale());
      } else {
        return Status::InvalidTable("partition column of type " + type.ToString() +
                                    " is not supported");
      }
    }
    return Literal::Null(std::move(t));
  };
  // PROTOCOL.md "Partition Value Serialization": an empty string is null for any type, strings
  // and binaries included (writers serialise a null partition value as "").
  if (!serialized.has_value() || serialized->empty()) return typed_null();
  auto lit = ParseLiteralText(*serialized, type);
  if (!lit.ok()) {
    return Status::InvalidTable("partition value '" + std::string(*serialized) +
                                "' is not a valid " + type.ToString());
  }
  return lit;
}

Result<PartitionValueMap> ParsePartitionValues(std::span<const PartitionValue> values,
                                               const StructType& schema,
                                               const std::vector<std::string>& partition_columns) {
  PartitionValueMap out;
  for (const std::string& column : partition_columns) {
    const StructField* field = schema.field(column);
    if (field == nullptr) field = schema.FieldIgnoreCase(column);
    if (field == nullptr) {
      return Status::InvalidTable("partition column '" + column + "' is not in the table schema");
    }
    std::string physical = field->PhysicalName().value_or(field->name);
    std::optional<std::string_view> raw;
    for (const PartitionValue& pv : values) {
      if (pv.column == physical) {
        raw = pv.value;
        break;
      }
    }
    auto lit = ParsePartitionValue(raw, *field->type);
    if (!lit.ok()) return lit.status().WithContext("partition column '" + field->name + "'");
    out.insert_or_assign(field->name, std::move(*lit));
  }
  return out;
}

}  // namespace delta
