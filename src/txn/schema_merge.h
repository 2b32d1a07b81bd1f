// Schema enforcement and evolution for writes: whether data with one schema may be written to a
// table with another, and the table's schema afterwards.
#pragma once

#include <memory>

#include "delta/schema.h"
#include "delta/status.h"
#include "delta/write_table.h"

namespace delta {

/// The table's schema after a write and whether it differs from the schema before.
struct SchemaMerge {
  std::shared_ptr<const StructType> schema;
  bool changed = false;
};

/// Whether Delta's type widening allows changing a column from `from` to `to`: byte -> short
/// -> int -> long; float -> double; byte, short, int -> double; date -> timestamp_ntz;
/// decimal(p,s) -> decimal(p',s') with p' >= p, s' >= s and as many integer digits
/// (p'-s' >= p-s); byte, short, int, long -> decimal with at least 3, 5, 10, 20 integer digits.
/// False for equal types.
bool IsTypeWideningAllowed(const DataType& from, const DataType& to);

/// Checks that `data` may be written to a table with schema `table` and returns the table's
/// schema afterwards. Names match case-insensitively; the table's spelling wins.
/// - kStrict: every data column (nested struct fields too) exists in the table with the same
///   type; data may lack columns (they are written as null) and may be nullable where the table
///   is not (nulls are caught per row by the writer). The schema is unchanged.
/// - kMerge: new top-level columns and new nested struct fields are appended, nullable, without
///   metadata (column mapping assigns them ids afterwards); with `type_widening_enabled`, a
///   column whose data type is a widening of the table's (IsTypeWideningAllowed) takes the data
///   type and records the change in delta.typeChanges ({"toType","fromType"} plus "fieldPath"
///   for array elements and map keys/values).
/// - kOverwrite: the data's schema replaces the table's.
/// InvalidArgument naming the column path and both types when types differ otherwise, naming the
/// column when it is missing from the table (kStrict) or appears twice in the data.
Result<SchemaMerge> MergeSchemaForWrite(const StructType& table, const StructType& data,
                                        SchemaMode mode, bool type_widening_enabled);

}  // namespace delta
