// Restore: make the table's latest version read as an earlier one, in one new commit (Delta
// Spark's RESTORE): the files live now but not then are removed, the files live then but not
// now are added back, and the metadata (schema, partitioning, properties) is that version's.
// History is kept: the restore is itself a version, and can be time travelled across.
//
//   DELTA_ASSIGN_OR_RETURN(RestoreResult r, RestoreTable(table, 3));
//   // r.commit.version, r.num_restored_files, r.num_removed_files, ...
#pragma once

#include <cstdint>

#include "delta/status.h"
#include "delta/transaction.h"

namespace delta {

class Table;

/// How RestoreTable commits.
struct RestoreOptions {
  TransactionOptions transaction;
};

/// What RestoreTable committed. The counts and sizes are also the commit's operationMetrics
/// (numRestoredFiles, restoredFilesSize, numRemovedFiles, removedFilesSize,
/// numOfFilesAfterRestore, tableSizeAfterRestore), as Delta Spark writes them.
struct RestoreResult {
  CommitResult commit;
  int64_t restored_version = -1;    ///< the version whose state the table now has
  int64_t num_restored_files = 0;   ///< files added back
  int64_t restored_files_size = 0;  ///< their bytes
  int64_t num_removed_files = 0;    ///< files live before the restore, removed by it
  int64_t removed_files_size = 0;   ///< their bytes
  int64_t num_files_after = 0;      ///< live files after the restore
  int64_t table_size_after = 0;     ///< their bytes
};

/// Restores `table` to `version` with one commit (operation RESTORE, parameter version).
/// Files are matched by path and deletion vector, so a file whose deletion vector changed is
/// removed and added back with the old one; both kinds of action have dataChange=true. The
/// protocol is never lowered (the commit keeps the features of both versions). Refused before
/// anything is written: InvalidArgument when `version` is not older than the latest version;
/// NotFound when the log no longer holds it; NotFound naming the file (and how many are
/// missing) when a file to add back is gone from storage, e.g. vacuumed; Unsupported when this
/// kernel cannot write the table. A concurrent commit is checked like any transaction that
/// read the whole table (it conflicts when it touched the same files).
Result<RestoreResult> RestoreTable(const Table& table, int64_t version,
                                   const RestoreOptions& options = {});

/// Restores `table` to the version current at `timestamp_ms` (Table::SnapshotAtTimestamp's
/// rule); the commit's parameter is the timestamp (ISO 8601 UTC).
Result<RestoreResult> RestoreTableToTimestamp(const Table& table, int64_t timestamp_ms,
                                              const RestoreOptions& options = {});

}  // namespace delta
