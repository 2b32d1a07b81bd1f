// A Delta schema from an Arrow C schema: the table definition of data handed to the kernel as
// an ArrowArrayStream (WriteTable) or as a schema (the C ABI's delta_create_table_arrow). The
// other direction is Scan::OutputArrowSchema.
#pragma once

#include <memory>

#include "delta/arrow_c.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// The Delta schema of a struct ArrowSchema (e.g. a stream's schema; its own name and
/// nullability are ignored). Types: bool -> boolean; int8/16/32/64 -> byte/short/integer/long;
/// float32/64 -> float/double; utf8, large_utf8, utf8_view -> string; binary, large_binary,
/// binary_view, fixed_size_binary -> binary; date32 -> date; timestamp (any unit) with a time
/// zone -> timestamp, without -> timestamp_ntz; decimal (32/64/128 bits, precision <= 38) ->
/// decimal; null -> void; struct, list/large_list/list_view/fixed_size_list, map -> struct, array,
/// map; dictionary-encoded fields take their value type. Nullability comes from
/// ARROW_FLAG_NULLABLE (array containsNull and map valueContainsNull from the child's flag).
/// Field metadata is not carried over. Unsupported naming the field path and the Arrow format
/// string for every other type (unsigned integers, float16, date64, time, duration, interval,
/// decimal256, union, run-end encoded, ...); InvalidArgument for a malformed schema (not a
/// struct, a null name, children missing).
Result<std::shared_ptr<const StructType>> SchemaFromArrow(const ArrowSchema& schema);

}  // namespace delta
