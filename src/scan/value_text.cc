// PartitionValueText: a typed value in the partition-value text form, the inverse of
// ParsePartitionValue (scan/partition_values.h, which also formats dates and timestamps).
#include "delta/value_text.h"

#include <charconv>
#include <cmath>
#include <string>

#include "scan/partition_values.h"

namespace delta {

namespace {

std::string FloatText(double v, bool is_float) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto r = is_float ? std::to_chars(buf, buf + sizeof(buf), static_cast<float>(v))
                    : std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, r.ptr);
}

}  // namespace

std::string PartitionValueText(const Literal& v) {
  switch (v.kind()) {
    case TypeKind::kBoolean:
      return v.boolean_value() ? "true" : "false";
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong:
      return std::to_string(v.int_value());
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      return FloatText(v.floating_value(), v.kind() == TypeKind::kFloat);
    case TypeKind::kDate:
      return FormatDate(v.int_value());
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNtz:
      return FormatTimestamp(v.int_value(), ' ', false);
    case TypeKind::kDecimal:
      return FormatDecimal(ToInt128(v.decimal_value()), v.decimal_scale());
    case TypeKind::kString:
    case TypeKind::kBinary:
      return v.string_value();
    default:
      // Partition columns are primitive; anything else renders as SQL text.
      return v.ToString();
  }
}

}  // namespace delta
