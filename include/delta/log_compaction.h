// Log compaction files: the reconciled actions of a range of commits in one JSON file,
// `_delta_log/<x>.<y>.compacted.json` (PROTOCOL.md, "Log Compaction Files"), which readers may
// read instead of the commits x..y. Written only on request.
//
//   DELTA_ASSIGN_OR_RETURN(LogCompactionResult r, WriteLogCompaction(table, 10, 19));
#pragma once

#include <cstdint>
#include <string>

#include "delta/status.h"

namespace delta {

class Table;

/// What WriteLogCompaction wrote.
struct LogCompactionResult {
  int64_t start_version = 0;
  int64_t end_version = 0;
  std::string location;  ///< absolute URI of the compaction file
  int64_t size_in_bytes = 0;
  int64_t actions = 0;  ///< its lines
};

/// Writes the compaction of commits [start_version, end_version] of `table`: for every file
/// (path and deletion vector) the newest add or remove in the range, the newest protocol and
/// metaData, the newest txn of each application and the newest domainMetadata of each domain
/// (removals included); no commitInfo and no cdc. The file actions are written newest first.
/// InvalidArgument unless 0 <= start_version < end_version; NotFound when a commit of the range
/// is not in the log; a Conflict of kind kAlreadyExists when that compaction exists (the file is
/// published whole, create-if-absent, and never overwritten).
Result<LogCompactionResult> WriteLogCompaction(const Table& table, int64_t start_version,
                                               int64_t end_version);

}  // namespace delta
