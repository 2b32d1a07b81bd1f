// Per-file statistics (an add action's `stats` JSON), typed by the table schema. Input: a
// schemaString on the first line, then the stats; when the first line is not a schema, a fixed
// schema with a column of every primitive type is used and the whole input is the stats.
#include <memory>
#include <string>
#include <vector>

#include "delta/schema.h"
#include "fuzz_schema.h"
#include "fuzz_target.h"
#include "scan/stats.h"

namespace {

using namespace delta;

// Every primitive leaf of `type` under its physical path.
void AddLeaves(const StructType& type, std::vector<std::string>* path, StatsColumns* out) {
  for (const StructField& f : type.fields()) {
    path->push_back(f.PhysicalName().value_or(f.name));
    if (const StructType* child = f.type->as_struct()) {
      AddLeaves(*child, path, out);
    } else if (f.type->is_primitive()) {
      out->Add(*path, f.type);
    }
    path->pop_back();
  }
}

}  // namespace

DELTA_FUZZ_TARGET(stats) {
  std::string_view text = fuzz::AsText(data, size);
  size_t nl = text.find('\n');
  std::string_view stats = text;
  // An empty first line rather than std::string_view(): simdjson memcpy()s from the pointer,
  // and memcpy from null is undefined even for 0 bytes (UBSan reports it).
  auto schema = ParseSchema(text.substr(0, nl == std::string_view::npos ? 0 : nl));
  if (schema.ok()) {
    stats = text.substr(nl + 1);
  } else {
    schema = ParseSchema(fuzz::kEveryTypeSchema);
    DELTA_FUZZ_CHECK(schema.ok());
  }
  StatsColumns columns;
  std::vector<std::string> path;
  AddLeaves(**schema, &path, &columns);
  auto parsed = ParseFileStats(stats, columns);
  if (parsed.ok()) {
    for (const ColumnStats& c : parsed->columns) {
      if (c.min) (void)c.min->ToString();
      if (c.max) (void)c.max->ToString();
    }
  }
  return 0;
}
