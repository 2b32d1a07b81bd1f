// What a table's metaData must say before anything is read by it.
#pragma once

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// OK when `metadata` describes a table this kernel can read with `schema` (its parsed
/// schemaString): the data format is Parquet (Unsupported otherwise), and every partition
/// column is a distinct top-level primitive column of the schema (InvalidTable otherwise). The
/// caller adds the table and version.
Status CheckMetadata(const Metadata& metadata, const StructType& schema);

}  // namespace delta
