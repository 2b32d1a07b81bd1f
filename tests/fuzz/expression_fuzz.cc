// Predicate text (the SQL-like syntax of ParseExpression: CLI --where, C ABI, Python), and
// column paths. What ToString writes must parse back to the same text; binding against a
// schema with every primitive type must not crash whatever the literal.
#include <string>

#include "delta/expression.h"
#include "delta/schema.h"
#include "fuzz_schema.h"
#include "fuzz_target.h"
#include "scan/scan_columns.h"

DELTA_FUZZ_TARGET(expression) {
  using namespace delta;
  static const std::shared_ptr<const StructType> schema = *ParseSchema(fuzz::kEveryTypeSchema);
  std::string_view text = fuzz::AsText(data, size);
  auto parsed = ParseExpression(text);
  if (parsed.ok()) {
    std::string written = (*parsed)->ToString();
    auto again = ParseExpression(written);
    DELTA_FUZZ_CHECK(again.ok());
    DELTA_FUZZ_CHECK((*again)->ToString() == written);
    auto bound = BindExpression(*parsed, *schema);
    if (bound.ok()) (void)(*bound)->ToString();
  }
  (void)ParseColumnPath(text);
  return 0;
}
