// Delta types as Arrow C schemas (through protocol/arrow_schema_builder.h, no Arrow C++): the
// shapes a scan asks Parquet readers for and hands its results back in.
#pragma once

#include "delta/arrow_handles.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "protocol/arrow_schema_builder.h"

namespace delta {

/// The Arrow form of a Delta field: string -> utf8, long -> int64, date -> date32,
/// timestamp -> timestamp[us, "UTC"], timestamp_ntz -> timestamp[us], decimal(p,s) ->
/// decimal128(p,s), void -> null, variant -> struct<value: binary, metadata: binary>, arrays as
/// list<element>, maps as map<entries: struct<key, value>>. With `with_field_ids`, each field
/// carrying delta.columnMapping.id gets it as "PARQUET:field_id". Unsupported for geometry and
/// geography.
Result<ArrowField> ToArrowField(const StructField& field, bool with_field_ids);

/// A struct schema (one child per field) as an exported Arrow C schema.
Result<ArrowSchemaHandle> ToArrowSchema(const StructType& schema, bool with_field_ids);

}  // namespace delta
