// What a transaction read and what it writes: the side of a conflict check that is ours. Plain
// owned data, filled by the transaction as it reads and stages actions.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "delta/expression.h"
#include "delta/table_properties.h"

namespace delta {

/// What the transaction's result depends on. Nothing set is a blind append.
struct TransactionReads {
  /// Read every file of the table (a scan without a filter).
  bool whole_table = false;
  /// Filters of the scans it ran, over logical columns (bound or not); a file matching any of
  /// them would have been read.
  std::vector<ExprPtr> predicates;
  /// Paths (as in the log) of the files it read.
  std::set<std::string, std::less<>> files;
  /// App ids whose txn version it looked up.
  std::set<std::string, std::less<>> app_ids;
  /// Domains whose metadata it looked up.
  std::set<std::string, std::less<>> domains;
  /// Files whose rows the result depends on only in part, or not at all (RecordReadRows): a
  /// winner that re-adds one with a larger deletion vector is checked row by row at rebase
  /// (row-level concurrency) instead of conflicting.
  std::set<std::string, std::less<>> row_level_files;

  bool IsBlind() const {
    return !whole_table && predicates.empty() && files.empty() && app_ids.empty() &&
           domains.empty() && row_level_files.empty();
  }
};

/// A file the transaction adds.
struct FootprintAdd {
  std::string path;
  /// Physical partition column name -> serialized value (nullopt: null), as in the add action.
  std::map<std::string, std::optional<std::string>> partition_values;
  std::string stats;  ///< JSON statistics; empty when absent
};

/// A file the transaction removes.
struct FootprintRemove {
  std::string path;
  bool data_change = true;
  /// The rows it deletes keep stable ids (row tracking on, row-level concurrency allowed): a
  /// winner that only compacted a file it removes is mapped at rebase
  /// (txn/compaction_rebase.h) instead of conflicting here.
  bool rows_mappable = false;
  /// Why not, for the conflict message (empty: not said).
  std::string rows_unmappable_reason;
};

/// What the transaction's commit contains.
struct TransactionWrites {
  std::vector<FootprintAdd> adds;
  std::vector<FootprintRemove> removes;
  std::set<std::string, std::less<>> domains;  ///< domains whose metadata it writes
  std::set<std::string, std::less<>> app_ids;  ///< app ids whose txn it writes
  bool metadata_changed = false;
  bool protocol_changed = false;
  /// False when the commit rearranges data without changing it (every action dataChange=false,
  /// e.g. compaction): checked as SnapshotIsolation, as Delta Spark does.
  bool data_change = true;
  /// The rows it deletes keep stable ids (row tracking on, row-level concurrency allowed): a
  /// winner that only compacted a file it removes is mapped at rebase
  /// (txn/compaction_rebase.h) instead of conflicting here.
  bool rows_mappable = false;
  /// Why not, for the conflict message (empty: not said).
  std::string rows_unmappable_reason;
};

/// Our transaction, as the conflict checker sees it.
struct TransactionFootprint {
  /// The table's delta.isolationLevel (or the one the operation asked for).
  IsolationLevel isolation_level = IsolationLevel::kSerializable;
  TransactionReads reads;
  TransactionWrites writes;
};

}  // namespace delta
