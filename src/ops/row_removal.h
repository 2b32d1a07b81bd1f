// Pieces shared by the row-level operations (DELETE, MERGE): taking rows out of a live file with
// a deletion vector, and writing change data rows.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/record_batch.h>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/transaction.h"

namespace delta::ops {

/// The add's statistics with tightBounds false: min/max may now cover deleted rows.
std::string LooseStats(std::string_view stats);

/// Re-adds the live file `f` (already removed on `txn`) with a deletion vector of `rows` (row
/// positions in the data file) united with its old one, written to a DV file under the table.
/// Counts the DVs added and replaced.
Status ReAddWithDeletionVector(Transaction& txn, const Snapshot& snapshot, Engine& engine,
                               const AddFile& f, std::vector<uint64_t> rows, int64_t* dvs_added,
                               int64_t* dvs_removed);

/// `batch` (table columns) with a `_change_type` column of `change_type` appended.
Result<std::shared_ptr<arrow::RecordBatch>> WithChangeType(
    const std::shared_ptr<arrow::RecordBatch>& batch, std::string_view change_type);

/// Writes `batches` (table columns and `_change_type`) as change data files.
Result<std::vector<WrittenFile>> WriteChangeBatches(
    Transaction& txn, std::vector<std::shared_ptr<arrow::RecordBatch>> batches);

}  // namespace delta::ops
