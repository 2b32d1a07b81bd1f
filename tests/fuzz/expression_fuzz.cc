// Predicate text (the SQL-like syntax of ParseExpression: CLI --where, C ABI, Python), and
// column paths. What ToString writes must parse back to the same text; binding against a
// schema with every primitive type must not crash whatever the literal.
#include <string>

#include "delta/expression.h"
#include "delta/schema.h"
#include "fuzz_target.h"
#include "scan/scan_columns.h"

namespace {

constexpr std::string_view kSchema =
    R"j({"type":"struct","fields":[)j"
    R"j({"name":"s","type":"string","nullable":true,"metadata":{}},)j"
    R"j({"name":"l","type":"long","nullable":true,"metadata":{}},)j"
    R"j({"name":"i","type":"integer","nullable":true,"metadata":{}},)j"
    R"j({"name":"sh","type":"short","nullable":true,"metadata":{}},)j"
    R"j({"name":"b","type":"byte","nullable":true,"metadata":{}},)j"
    R"j({"name":"f","type":"float","nullable":true,"metadata":{}},)j"
    R"j({"name":"d","type":"double","nullable":true,"metadata":{}},)j"
    R"j({"name":"bo","type":"boolean","nullable":true,"metadata":{}},)j"
    R"j({"name":"bin","type":"binary","nullable":true,"metadata":{}},)j"
    R"j({"name":"dt","type":"date","nullable":true,"metadata":{}},)j"
    R"j({"name":"ts","type":"timestamp","nullable":true,"metadata":{}},)j"
    R"j({"name":"tn","type":"timestamp_ntz","nullable":true,"metadata":{}},)j"
    R"j({"name":"dec","type":"decimal(38,6)","nullable":true,"metadata":{}},)j"
    R"j({"name":"dec2","type":"decimal(5,2)","nullable":true,"metadata":{}},)j"
    R"j({"name":"weird col","type":"long","nullable":true,"metadata":{}},)j"
    R"j({"name":"n","type":{"type":"struct","fields":[)j"
    R"j({"name":"x","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]})j";

}  // namespace

DELTA_FUZZ_TARGET(expression) {
  using namespace delta;
  static const std::shared_ptr<const StructType> schema = *ParseSchema(kSchema);
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
