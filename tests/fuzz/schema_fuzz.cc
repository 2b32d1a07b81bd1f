// schemaString (metaData), single data types and type names: what a table's metadata says.
#include "delta/schema.h"
#include "fuzz_target.h"
#include "scan/expression_internal.h"

DELTA_FUZZ_TARGET(schema) {
  using namespace delta;
  std::string_view text = fuzz::AsText(data, size);
  auto schema = ParseSchema(text);
  if (schema.ok()) {
    // What we write back must read back as the same schema.
    std::string json = (*schema)->ToJson();
    auto again = ParseSchema(json);
    DELTA_FUZZ_CHECK(again.ok());
    DELTA_FUZZ_CHECK((*again)->Equals(**schema));
    (void)(*schema)->ToString();
    (void)ContainsTypeKind(**schema, TypeKind::kVariant);
  }
  auto type = ParseDataType(text);
  if (type.ok()) (void)(*type)->ToString();
  (void)ParsePrimitiveTypeName(text);
  (void)ParseSqlTypeName(text);
  return 0;
}
