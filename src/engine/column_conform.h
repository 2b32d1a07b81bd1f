// Reshapes arrays read from a file into the type the kernel asked for: projects struct fields
// (by Parquet field id or name), fills missing fields with nulls, and applies safe widening
// casts (int32 -> int64, timestamp units, large_string -> string, ...).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <arrow/array.h>
#include <arrow/type.h>
#include "util/ascii.h"

namespace delta::engine {

/// Metadata key carrying a Parquet field id on an Arrow field.
inline constexpr const char* kParquetFieldIdKey = "PARQUET:field_id";

/// Index in `candidates` of the field matching `wanted`, or -1. When `wanted` carries a field
/// id, only a candidate with the same id matches (unless no candidate has any id, then names
/// are used); otherwise the exact name wins, then the first case-insensitive match.
int FindField(const arrow::FieldVector& candidates, const arrow::Field& wanted);

/// Ticks of `unit` in one second (1 for seconds .. 10^9 for nanoseconds).
int64_t UnitsPerSecond(arrow::TimeUnit::type unit);

/// Whether a leaf of type `from` may be read as `to` without changing its meaning.
bool IsCompatibleLeaf(const arrow::DataType& from, const arrow::DataType& to);

/// `array` reshaped to `target`. `column` (dotted path) names the column in errors, which are
/// TypeError for incompatible types.
arrow::Result<std::shared_ptr<arrow::Array>> ConformArray(
    const std::shared_ptr<arrow::Array>& array, const std::shared_ptr<arrow::DataType>& target,
    const std::string& column);

}  // namespace delta::engine
