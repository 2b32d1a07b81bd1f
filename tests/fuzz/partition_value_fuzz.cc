// Partition values and the other typed text the log holds (dates, timestamps, decimals in
// stats and expression literals). Input: a type name, a newline, then the value.
#include <string>

#include "delta/schema.h"
#include "fuzz_target.h"
#include "scan/partition_values.h"

namespace {

// Used when the first line names no type.
const delta::TypeKind kKinds[] = {
    delta::TypeKind::kString, delta::TypeKind::kLong,      delta::TypeKind::kInteger,
    delta::TypeKind::kShort,  delta::TypeKind::kByte,      delta::TypeKind::kFloat,
    delta::TypeKind::kDouble, delta::TypeKind::kBoolean,   delta::TypeKind::kBinary,
    delta::TypeKind::kDate,   delta::TypeKind::kTimestamp, delta::TypeKind::kTimestampNtz,
};

}  // namespace

DELTA_FUZZ_TARGET(partition_value) {
  using namespace delta;
  std::string_view text = fuzz::AsText(data, size);
  size_t nl = text.find('\n');
  std::string_view type_name = text.substr(0, nl == std::string_view::npos ? 0 : nl);
  std::string_view value = nl == std::string_view::npos ? text : text.substr(nl + 1);

  DataTypePtr type;
  if (auto t = ParsePrimitiveTypeName(type_name); t.ok()) {
    type = *t;
  } else {
    type = PrimitiveType::Make(kKinds[size % (sizeof(kKinds) / sizeof(kKinds[0]))]);
  }
  auto lit = ParseLiteralText(value, *type);
  if (lit.ok()) (void)lit->ToString();
  (void)ParsePartitionValue(value, *type);
  (void)ParsePartitionValue(std::nullopt, *type);

  // The same text through each of the typed parsers, and back where the format is canonical.
  if (auto d = ParseDateText(value); d.ok()) {
    auto back = ParseDateText(FormatDate(*d));
    DELTA_FUZZ_CHECK(back.ok() && *back == *d);
  }
  if (auto ts = ParseTimestampText(value); ts.ok()) {
    std::string formatted = FormatTimestamp(ts->micros, ' ', false);
    auto back = ParseTimestampText(formatted);
    DELTA_FUZZ_CHECK(back.ok() && back->micros == ts->micros);
    (void)FormatTimestamp(ts->micros, 'T', true);
  }
  const int precision = 1 + static_cast<int>(size % 38);
  const int scale = static_cast<int>((size / 38) % static_cast<size_t>(precision + 1));
  for (Rounding r : {Rounding::kExact, Rounding::kFloor, Rounding::kCeiling}) {
    if (auto dec = ParseDecimalText(value, precision, scale, r); dec.ok()) {
      auto back = ParseDecimalText(FormatDecimal(*dec, scale), precision, scale);
      DELTA_FUZZ_CHECK(back.ok() && *back == *dec);
      (void)Int128ToString(*dec);
    }
  }
  return 0;
}
