#include "delta/literal.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "scan/partition_values.h"

namespace delta {

namespace {


DataTypePtr Prim(TypeKind kind) { return PrimitiveType::Make(kind); }

enum class NumClass { kNone, kIntegral, kDecimal, kFloating };

NumClass Classify(TypeKind k) {
  switch (k) {
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong:
      return NumClass::kIntegral;
    case TypeKind::kDecimal:
      return NumClass::kDecimal;
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      return NumClass::kFloating;
    default:
      return NumClass::kNone;
  }
}

bool IsTemporal(TypeKind k) {
  return k == TypeKind::kDate || k == TypeKind::kTimestamp || k == TypeKind::kTimestampNtz;
}

template <typename T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Exact comparison of u1 / 10^s1 with u2 / 10^s2 without overflowing 128 bits: integer parts
// first, then the fractions brought to a common scale (each below 10^38).
int CompareDecimals(Int128 u1, int s1, Int128 u2, int s2) {
  Int128 p1 = Pow10(s1);
  Int128 p2 = Pow10(s2);
  Int128 q1 = u1 / p1;
  Int128 q2 = u2 / p2;
  if (q1 != q2) return Cmp(q1, q2);
  int s = s1 > s2 ? s1 : s2;
  Int128 r1 = (u1 % p1) * Pow10(s - s1);
  Int128 r2 = (u2 % p2) * Pow10(s - s2);
  return Cmp(r1, r2);
}

// Orders timestamp `micros` against the midnight starting date `days`.
int CompareDateWithMicros(int64_t micros, int64_t days) {
  int64_t d = micros / kMicrosPerDay;
  int64_t rem = micros % kMicrosPerDay;
  if (rem < 0) {
    rem += kMicrosPerDay;
    --d;
  }
  if (d != days) return Cmp(d, days);
  return rem > 0 ? 1 : 0;
}

// NaN equals NaN and sorts above everything else (Spark's ordering).
int CompareLongDoubles(long double a, long double b) {
  bool an = std::isnan(a);
  bool bn = std::isnan(b);
  if (an || bn) return an && bn ? 0 : (an ? 1 : -1);
  return Cmp(a, b);
}

std::string SqlTypeName(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kByte:
      return "TINYINT";
    case TypeKind::kShort:
      return "SMALLINT";
    case TypeKind::kInteger:
      return "INT";
    case TypeKind::kLong:
      return "BIGINT";
    case TypeKind::kFloat:
      return "FLOAT";
    case TypeKind::kDouble:
      return "DOUBLE";
    case TypeKind::kBoolean:
      return "BOOLEAN";
    case TypeKind::kString:
      return "STRING";
    case TypeKind::kBinary:
      return "BINARY";
    case TypeKind::kDate:
      return "DATE";
    case TypeKind::kTimestamp:
      return "TIMESTAMP";
    case TypeKind::kTimestampNtz:
      return "TIMESTAMP_NTZ";
    case TypeKind::kDecimal: {
      const auto& d = static_cast<const DecimalType&>(type);
      return "DECIMAL(" + std::to_string(d.precision()) + "," + std::to_string(d.scale()) + ")";
    }
    default:
      return type.ToString();
  }
}

std::string QuoteSql(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

template <typename T>
std::string FloatingText(T v, std::string_view suffix, std::string_view type_name) {
  if (std::isnan(v)) return "CAST('NaN' AS " + std::string(type_name) + ")";
  if (std::isinf(v)) {
    return std::string(v > 0 ? "CAST('Infinity' AS " : "CAST('-Infinity' AS ") +
           std::string(type_name) + ")";
  }
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  (void)ec;
  return std::string(buf, p) + std::string(suffix);
}

}  // namespace

Literal::Literal() : type_(Prim(TypeKind::kVoid)) {}

Literal Literal::Null(DataTypePtr type) {
  if (!type) type = Prim(TypeKind::kVoid);
  return Literal(std::move(type), std::monostate{});
}
Literal Literal::Boolean(bool v) { return Literal(Prim(TypeKind::kBoolean), v); }
Literal Literal::Byte(int8_t v) { return Literal(Prim(TypeKind::kByte), int64_t{v}); }
Literal Literal::Short(int16_t v) { return Literal(Prim(TypeKind::kShort), int64_t{v}); }
Literal Literal::Integer(int32_t v) { return Literal(Prim(TypeKind::kInteger), int64_t{v}); }
Literal Literal::Long(int64_t v) { return Literal(Prim(TypeKind::kLong), v); }
Literal Literal::Float(float v) { return Literal(Prim(TypeKind::kFloat), static_cast<double>(v)); }
Literal Literal::Double(double v) { return Literal(Prim(TypeKind::kDouble), v); }
Literal Literal::String(std::string v) { return Literal(Prim(TypeKind::kString), std::move(v)); }
Literal Literal::Binary(std::string bytes) {
  return Literal(Prim(TypeKind::kBinary), std::move(bytes));
}
Literal Literal::Date(int32_t days) { return Literal(Prim(TypeKind::kDate), int64_t{days}); }
Literal Literal::Timestamp(int64_t micros) { return Literal(Prim(TypeKind::kTimestamp), micros); }
Literal Literal::TimestampNtz(int64_t micros) {
  return Literal(Prim(TypeKind::kTimestampNtz), micros);
}

Result<Literal> Literal::Decimal(Decimal128 unscaled, int precision, int scale) {
  DELTA_ASSIGN_OR_RETURN(DataTypePtr type, DecimalType::Make(precision, scale));
  if (DigitCount(ToInt128(unscaled)) > precision) {
    return Status::InvalidArgument("unscaled value " + unscaled.ToString() + " has more than " +
                                   std::to_string(precision) + " digits");
  }
  return Literal(std::move(type), unscaled);
}

int Literal::decimal_precision() const {
  return kind() == TypeKind::kDecimal ? static_cast<const DecimalType&>(*type_).precision() : 0;
}

int Literal::decimal_scale() const {
  return kind() == TypeKind::kDecimal ? static_cast<const DecimalType&>(*type_).scale() : 0;
}

std::string Literal::ToString() const {
  if (is_null()) {
    if (kind() == TypeKind::kVoid) return "NULL";
    return "CAST(NULL AS " + SqlTypeName(*type_) + ")";
  }
  switch (kind()) {
    case TypeKind::kBoolean:
      return boolean_value() ? "TRUE" : "FALSE";
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong:
      return std::to_string(int_value());
    case TypeKind::kFloat:
      return FloatingText(static_cast<float>(floating_value()), "F", "FLOAT");
    case TypeKind::kDouble:
      return FloatingText(floating_value(), "D", "DOUBLE");
    case TypeKind::kString:
      return QuoteSql(string_value());
    case TypeKind::kBinary: {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string out = "X'";
      for (unsigned char c : string_value()) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
      return out + "'";
    }
    case TypeKind::kDate:
      return "DATE '" + FormatDate(int_value()) + "'";
    case TypeKind::kTimestamp:
      return "TIMESTAMP '" + FormatTimestamp(int_value(), ' ', false) + "'";
    case TypeKind::kTimestampNtz:
      return "TIMESTAMP_NTZ '" + FormatTimestamp(int_value(), ' ', false) + "'";
    case TypeKind::kDecimal: {
      std::string text = FormatDecimal(ToInt128(decimal_value()), decimal_scale());
      // Without a point the text would read back as an integer.
      return decimal_scale() == 0 ? text + "BD" : text;
    }
    default:
      return "<" + type_->ToString() + ">";
  }
}

std::optional<int> Literal::Compare(const Literal& other) const {
  if (is_null() || other.is_null()) return std::nullopt;
  const TypeKind a = kind();
  const TypeKind b = other.kind();
  const NumClass ca = Classify(a);
  const NumClass cb = Classify(b);
  if (ca != NumClass::kNone && cb != NumClass::kNone) {
    if (ca == NumClass::kFloating || cb == NumClass::kFloating) {
      // long double holds every int64 and double exactly; decimals convert monotonically.
      auto as_ld = [](const Literal& l, NumClass c) -> long double {
        switch (c) {
          case NumClass::kIntegral:
            return static_cast<long double>(l.int_value());
          case NumClass::kDecimal:
            return static_cast<long double>(ToInt128(l.decimal_value())) /
                   static_cast<long double>(Pow10(l.decimal_scale()));
          default:
            return static_cast<long double>(l.floating_value());
        }
      };
      return CompareLongDoubles(as_ld(*this, ca), as_ld(other, cb));
    }
    if (ca == NumClass::kDecimal || cb == NumClass::kDecimal) {
      Int128 u1 = ca == NumClass::kDecimal ? ToInt128(decimal_value()) : Int128(int_value());
      Int128 u2 =
          cb == NumClass::kDecimal ? ToInt128(other.decimal_value()) : Int128(other.int_value());
      return CompareDecimals(u1, decimal_scale(), u2, other.decimal_scale());
    }
    return Cmp(int_value(), other.int_value());
  }
  if (IsTemporal(a) && IsTemporal(b)) {
    if (a == b) return Cmp(int_value(), other.int_value());
    if ((a == TypeKind::kTimestamp && b == TypeKind::kTimestampNtz) ||
        (a == TypeKind::kTimestampNtz && b == TypeKind::kTimestamp)) {
      return std::nullopt;  // an instant and a wall-clock time do not compare without a zone
    }
    // A date against a timestamp of either kind: the date's midnight (compared by day first,
    // so far-away dates do not overflow).
    if (a == TypeKind::kDate) return -CompareDateWithMicros(other.int_value(), int_value());
    return CompareDateWithMicros(int_value(), other.int_value());
  }
  if (a != b) return std::nullopt;
  switch (a) {
    case TypeKind::kBoolean:
      return Cmp(boolean_value(), other.boolean_value());
    case TypeKind::kString:
    case TypeKind::kBinary: {
      int c = string_value().compare(other.string_value());  // bytewise, unsigned
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default:
      return std::nullopt;
  }
}

bool Literal::operator==(const Literal& other) const {
  if (!type_->Equals(*other.type_)) return false;
  if (is_null() || other.is_null()) return is_null() == other.is_null();
  std::optional<int> c = Compare(other);
  return c.has_value() && *c == 0;
}

}  // namespace delta
