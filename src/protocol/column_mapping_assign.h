// Column mapping for new tables and new columns: the ids and physical names a writer gives
// fields that do not have them yet (PROTOCOL.md, "Column Mapping", "Writer Requirements").
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

inline constexpr std::string_view kColumnMappingIdKey = "delta.columnMapping.id";
inline constexpr std::string_view kColumnMappingPhysicalNameKey =
    "delta.columnMapping.physicalName";

/// `schema` with every struct field (at any depth, inside arrays and maps too) carrying
/// delta.columnMapping.id and delta.columnMapping.physicalName. Fields that have them keep them;
/// a missing id is the next after `*max_column_id`, in depth-first field order (a field before
/// its children); a missing physical name is "col-<random uuid>". On return `*max_column_id`
/// is the highest id in the result (the new delta.columnMapping.maxColumnId). InvalidArgument
/// naming the field when an existing id is not a positive integer or repeats.
Result<std::shared_ptr<const StructType>> AssignColumnMapping(const StructType& schema,
                                                              int64_t* max_column_id);

}  // namespace delta
