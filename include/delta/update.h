// UPDATE: setting columns of the rows of a table that match a predicate, in one transaction.
// Runs on the default engine's Arrow execution (link delta_kernel_arrow).
//
//   UpdateOptions opts;
//   DELTA_ASSIGN_OR_RETURN(UpdateResult r,
//                          UpdateRows("/data/events", engine, "day < '2024-01-01'",
//                                     {{"score", "score * 2"}, {"note", "'old'"}}, opts));
//   // r.num_updated_rows, r.commit.version
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "delta/status.h"
#include "delta/transaction.h"
#include "delta/write_table.h"

namespace delta {

class Engine;

/// How UpdateRows commits.
struct UpdateOptions {
  std::optional<AppTransaction> app_transaction;
  TransactionOptions transaction;
};

/// What UpdateRows did (Delta Spark's UPDATE metrics, also in the commit's operationMetrics).
struct UpdateResult {
  /// The commit; committed is false when no row matched (nothing is written) or the app
  /// transaction was already applied.
  CommitResult commit;
  int64_t num_updated_rows = 0;
  int64_t num_copied_rows = 0;  ///< unchanged rows carried into rewritten files
  int64_t num_added_files = 0;
  int64_t num_removed_files = 0;
  int64_t num_deletion_vectors_added = 0;
  int64_t num_deletion_vectors_removed = 0;
  int64_t num_added_change_files = 0;
};

/// A SET clause: a top-level column (case-insensitive) and the SQL expression of its new value
/// (ParseExpression's syntax, over the row's current values: `price * 1.1`, `COALESCE(a, 0)`).
using UpdateAssignment = std::pair<std::string, std::string>;

/// Sets, in every row of the table at `location` for which `predicate` (empty = every row) is
/// TRUE, each assigned column to its expression evaluated on the row's current values and
/// cast to the column's type (an overflowing cast is an error, as Spark's ANSI store
/// assignment). Rows where the predicate is NULL stay as they are. Partition columns may be
/// set (the rows move partition). With delta.enableDeletionVectors the updated rows are
/// written to new files and marked deleted in their old ones by a deletion vector merged with
/// the existing one; otherwise each touched file's other rows are rewritten (copy-on-write).
/// With the change data feed on, the old and new rows are written as update_preimage and
/// update_postimage changes. InvalidArgument naming the column for a SET of an unknown or
/// repeated column, an expression that does not parse or bind, a value whose type cannot be
/// stored in the column, NULL in a non-nullable column, or a CHECK constraint violated. Under
/// row tracking (delta.enableRowTracking) updated and copied rows keep their row ids (copied
/// rows their row commit versions too). Nothing is committed when no row matches.
Result<UpdateResult> UpdateRows(std::string_view location, std::shared_ptr<Engine> engine,
                                std::string_view predicate,
                                const std::vector<UpdateAssignment>& set,
                                const UpdateOptions& options = {});

}  // namespace delta
