#include "scan/literal_arrow.h"

namespace delta {

void AppendLiteral(ArrowArrayBuilder& b, const Literal& v) {
  if (v.is_null()) return b.AppendNull();
  switch (v.kind()) {
    case TypeKind::kBoolean:
      return b.AppendBool(v.boolean_value());
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      return b.AppendFloating(v.floating_value());
    case TypeKind::kString:
    case TypeKind::kBinary:
      return b.AppendString(v.string_value());
    case TypeKind::kDecimal:
      return b.AppendDecimal(v.decimal_value().high, v.decimal_value().low);
    default:
      return b.AppendInteger(v.int_value());
  }
}

}  // namespace delta
