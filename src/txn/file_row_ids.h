// The stable row ids of a data file's rows (PROTOCOL.md "Row Tracking"): the materialized
// row-id column's value where the file stores one, otherwise the file's baseRowId plus the
// row's position. Read through the engine's Parquet reader (Arrow C data), so the core needs
// no Arrow C++.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "delta/engine.h"
#include "delta/status.h"

namespace delta {

/// The row id of every row of `file`, indexed by position in the file. `materialized_column`
/// is delta.rowTracking.materializedRowIdColumnName (nullopt: the file is not read and
/// `num_records` rows get baseRowId + position). nullopt when a row has no id (no stored value
/// and no `base_row_id`); errors of the read as they are, with the file named.
Result<std::optional<std::vector<int64_t>>> ReadFileRowIds(
    Engine& engine, const FileInfo& file, std::optional<int64_t> base_row_id,
    const std::optional<std::string>& materialized_column, std::optional<int64_t> num_records);

}  // namespace delta
