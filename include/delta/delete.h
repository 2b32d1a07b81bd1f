// DELETE: removing the rows of a table that match a predicate, in one transaction. Runs on the
// default engine's Arrow execution (link delta_kernel_arrow).
//
//   DeleteOptions opts;
//   DELTA_ASSIGN_OR_RETURN(DeleteResult r, DeleteRows("/data/events", engine, "day < '2024-01-01'",
//   opts));
//   // r.num_deleted_rows, r.commit.version
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "delta/status.h"
#include "delta/transaction.h"
#include "delta/write_table.h"

namespace delta {

class Engine;

/// How DeleteRows commits.
struct DeleteOptions {
  std::optional<AppTransaction> app_transaction;
  TransactionOptions transaction;
};

/// What DeleteRows did (Delta Spark's DELETE metrics, also in the commit's operationMetrics).
struct DeleteResult {
  /// The commit; committed is false when no row matched (nothing is written) or the app
  /// transaction was already applied.
  CommitResult commit;
  int64_t num_deleted_rows = 0;
  int64_t num_removed_files = 0;
  int64_t num_added_files = 0;  ///< files rewritten with the rows that stay (copy-on-write)
  int64_t num_copied_rows = 0;  ///< rows carried into those files
  int64_t num_deletion_vectors_added = 0;
  int64_t num_deletion_vectors_removed = 0;
  int64_t num_added_change_files = 0;
};

/// Deletes every row of the table at `location` for which `predicate` (ParseExpression's
/// syntax; empty = every row) is TRUE; rows where it is NULL stay, as in SQL. Files whose
/// partition values decide the predicate are removed without being read; the others are
/// found with partition pruning and data skipping and read with their deletion vectors
/// applied. With delta.enableDeletionVectors a partly deleted file gets a deletion vector,
/// otherwise its remaining rows are rewritten; with the change data feed on, the deleted rows
/// are written as `delete` changes. InvalidArgument naming the column for a predicate that
/// does not parse or names none of the table's; a conflict with a concurrent writer is a
/// Conflict as for any transaction (docs/transactions.md).
Result<DeleteResult> DeleteRows(std::string_view location, std::shared_ptr<Engine> engine,
                                std::string_view predicate, const DeleteOptions& options = {});

}  // namespace delta
