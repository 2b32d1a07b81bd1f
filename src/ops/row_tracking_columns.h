// Row tracking kept on rewrites: a rewrite that copies or updates rows writes each row's
// stable row id (and, for copied rows, its row commit version) into the materialized columns
// the table's metadata names, so the rows keep them (PROTOCOL.md "Row Tracking").
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <arrow/record_batch.h>

#include "delta/snapshot.h"
#include "delta/status.h"

namespace delta::ops {

/// The hidden columns a rewrite writes the kept values into.
struct KeptRowTracking {
  std::string row_id_column;              ///< delta.rowTracking.materializedRowIdColumnName
  std::string row_commit_version_column;  ///< ...materializedRowCommitVersionColumnName
};

/// What a rewrite of `snapshot`'s rows keeps: nullopt when row tracking is not enabled (rows
/// then take fresh ids, as the protocol allows); InvalidTable when it is enabled but the
/// metadata names no materialized column.
Result<std::optional<KeptRowTracking>> RowTrackingToKeep(const Snapshot& snapshot);

/// `batch` with its last two columns (a scan's `_row_id` and `_row_commit_version`) renamed to
/// the materialized columns.
Result<std::shared_ptr<arrow::RecordBatch>> NameAsMaterialized(
    const std::shared_ptr<arrow::RecordBatch>& batch, const KeptRowTracking& kept);

/// `rows` (a scan ending with `_row_id`, `_row_commit_version`) with every batch renamed as
/// NameAsMaterialized does.
Result<std::shared_ptr<arrow::RecordBatchReader>> MaterializedRowTrackingReader(
    std::shared_ptr<arrow::RecordBatchReader> rows, const KeptRowTracking& kept);

}  // namespace delta::ops
