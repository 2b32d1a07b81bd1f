// Change data feed rows written by row-level operations: the table's columns plus
// `_change_type`, through Transaction::WriteChangeFiles into `_change_data/`.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include <arrow/record_batch.h>
#include <arrow/table.h>

#include "delta/parquet.h"
#include "delta/status.h"
#include "delta/transaction.h"

namespace delta::ops {

/// Writes `batches` (the table's logical columns) as change files whose rows all have
/// `_change_type` = `change_type` ("insert", "delete", "update_preimage",
/// "update_postimage"). Not yet added to the commit (Transaction::AddChangeFiles).
Result<std::vector<WrittenFile>> WriteChangeRows(
    Transaction& txn, std::vector<std::shared_ptr<arrow::RecordBatch>> batches,
    std::string_view change_type);
/// The same for the rows of a table.
Result<std::vector<WrittenFile>> WriteChangeRows(Transaction& txn,
                                                 const std::shared_ptr<arrow::Table>& rows,
                                                 std::string_view change_type);

}  // namespace delta::ops
