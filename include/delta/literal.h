// Typed scalar values of the Delta primitive types: the constants of predicates, partition
// values and column statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// The unscaled value of a decimal: a signed 128-bit two's complement integer in two halves.
struct Decimal128 {
  int64_t high = 0;  ///< upper 64 bits (carries the sign)
  uint64_t low = 0;  ///< lower 64 bits

  /// The value of a signed 64-bit integer.
  static Decimal128 FromInt64(int64_t v) { return {v < 0 ? -1 : 0, static_cast<uint64_t>(v)}; }
  /// The unscaled value in decimal digits, e.g. "-12345".
  std::string ToString() const;
  bool operator==(const Decimal128&) const = default;
};

/// A value of one Delta primitive type, or a typed null. Immutable and cheap to copy except for
/// strings and binaries, which it owns.
///
/// Representation: boolean as bool; byte/short/integer/long as int64; date as days since
/// 1970-01-01; timestamp as microseconds since the epoch in UTC; timestamp_ntz as microseconds
/// of a wall-clock time (no zone); float and double as double (a float keeps its exact value);
/// string and binary as bytes; decimal as an unscaled Decimal128 with the type's scale.
class Literal {
 public:
  /// A null of type void (an untyped NULL).
  Literal();

  /// A null of `type` (void when `type` is null).
  static Literal Null(DataTypePtr type);
  static Literal Boolean(bool v);
  static Literal Byte(int8_t v);
  static Literal Short(int16_t v);
  static Literal Integer(int32_t v);
  static Literal Long(int64_t v);
  static Literal Float(float v);
  static Literal Double(double v);
  /// UTF-8 text.
  static Literal String(std::string v);
  /// Raw bytes.
  static Literal Binary(std::string bytes);
  /// Days since 1970-01-01.
  static Literal Date(int32_t days);
  /// Microseconds since 1970-01-01T00:00:00Z.
  static Literal Timestamp(int64_t micros);
  /// Microseconds since 1970-01-01 00:00:00 of a zone-less wall-clock time.
  static Literal TimestampNtz(int64_t micros);
  /// decimal(precision, scale) with the given unscaled value. InvalidArgument when precision or
  /// scale is out of range or the value has more than `precision` digits.
  static Result<Literal> Decimal(Decimal128 unscaled, int precision, int scale);

  /// The type (never null; void for an untyped NULL).
  const DataTypePtr& type() const { return type_; }
  /// Shorthand for type()->kind().
  TypeKind kind() const { return type_->kind(); }
  /// True for a null of any type.
  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }

  /// The boolean value. Precondition: kind boolean, not null.
  bool boolean_value() const { return std::get<bool>(value_); }
  /// The value of a byte/short/integer/long, the days of a date, or the microseconds of a
  /// timestamp or timestamp_ntz. Precondition: one of those kinds, not null.
  int64_t int_value() const { return std::get<int64_t>(value_); }
  /// The value of a float or double. Precondition: float or double, not null.
  double floating_value() const { return std::get<double>(value_); }
  /// The bytes of a string or binary. Precondition: string or binary, not null.
  const std::string& string_value() const { return std::get<std::string>(value_); }
  /// The unscaled value of a decimal. Precondition: decimal, not null.
  const Decimal128& decimal_value() const { return std::get<Decimal128>(value_); }
  /// Precision and scale of a decimal literal (0, 0 for other kinds).
  int decimal_precision() const;
  int decimal_scale() const;

  /// SQL text that ParseExpression reads back to an equal value: 42, 1.5D, 0.5F, 9.99, 100BD,
  /// 'it''s', X'0A0B', DATE '2024-01-02', TIMESTAMP '2024-01-01 00:00:00' (UTC),
  /// TIMESTAMP_NTZ '...', TRUE, NULL, CAST(NULL AS INT), CAST('NaN' AS DOUBLE). Integers and
  /// decimals read back with the narrowest fitting type (binding restores the column's).
  std::string ToString() const;

  /// Orders two non-null values: <0, 0 or >0. Numbers of any numeric kinds compare by value
  /// (decimals of any scale exactly; compared with a float/double they compare as doubles, where
  /// NaN equals NaN and is greater than every other value); a date compares with a timestamp
  /// (either kind) as its midnight. nullopt when either is null or the kinds do not compare.
  std::optional<int> Compare(const Literal& other) const;

  /// Same type (by Equals) and same value; nulls of the same type are equal; NaN equals NaN.
  bool operator==(const Literal& other) const;

 private:
  using Value = std::variant<std::monostate, bool, int64_t, double, std::string, Decimal128>;
  Literal(DataTypePtr type, Value value) : type_(std::move(type)), value_(std::move(value)) {}

  DataTypePtr type_;
  Value value_;
};

}  // namespace delta
