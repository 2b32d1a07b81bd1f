// The conflict checker: whether one commit that won the race since our snapshot conflicts with
// our transaction, by the rules of Delta Spark's ConflictChecker (checked in its order:
// protocol, metadata, concurrent appends, deletes of files we read, deletes of files we
// delete, app transactions, domain metadata). The transaction calls Check for each commit of
// CommitRange::After(read_version); OK means it may rebase onto that commit.
//
// Beyond Spark, an added file matches a read predicate only when its partition values satisfy
// the predicate AND its statistics do not rule it out (the scan's partition pruning and data
// skipping), so fewer appends conflict.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/expression.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "protocol/action_batch.h"
#include "txn/transaction_footprint.h"

namespace delta {

/// The row-tracking domain: winners' and ours are merged (the larger high-water mark wins)
/// rather than conflicting.
inline constexpr std::string_view kRowTrackingDomain = "delta.rowTracking";

/// What rebasing onto a winning commit needs from it (when it does not conflict).
struct RebaseInfo {
  int64_t version = -1;  ///< the winning commit's version
  /// Its commitInfo.inCommitTimestamp: ours must be later.
  std::optional<int64_t> in_commit_timestamp;
  /// rowIdHighWaterMark of the delta.rowTracking domain it wrote: our row ids start above it.
  std::optional<int64_t> row_id_high_water_mark;
  /// Domains both commits write that merge instead of conflicting (delta.rowTracking).
  std::vector<std::string> merged_domains;
  /// Files of footprint().reads.row_level_files the winner removed and re-added with a deletion
  /// vector: not checked as deletes or appends here; the rebase checks their rows
  /// (txn/row_level_rebase.h).
  std::vector<std::string> row_level_files;
  /// Files we remove that the winner, a pure compaction (every file action dataChange=false),
  /// removed too, when footprint().writes.rows_mappable: not a conflict here; the rebase maps
  /// our deleted rows into the winner's new files (txn/compaction_rebase.h).
  std::vector<std::string> compacted_files;
};

/// Checks winning commits against one transaction. Built once per commit attempt; Check is
/// const and thread-safe.
class ConflictChecker {
 public:
  /// `schema` and `partition_columns` are the table's as our snapshot read them (a winner that
  /// changes them conflicts before they matter). InvalidArgument when a read predicate does not
  /// bind to `schema`.
  static Result<ConflictChecker> Make(TransactionFootprint footprint,
                                      std::shared_ptr<const StructType> schema,
                                      std::vector<std::string> partition_columns);

  /// OK with what the rebase needs, or a Conflict whose ErrorDetail names the rule (kind), the
  /// winning `version` and the file, predicate, domain or app id the two commits share.
  /// InvalidTable when a winner's partition value does not parse.
  Result<RebaseInfo> Check(int64_t version, const ActionBatch& winner) const;

  const TransactionFootprint& footprint() const { return footprint_; }

 private:
  struct Predicate;
  ConflictChecker() = default;

  TransactionFootprint footprint_;
  std::shared_ptr<const StructType> schema_;
  std::vector<std::string> partition_columns_;
  std::vector<std::shared_ptr<const Predicate>> predicates_;
};

/// One-shot form of ConflictChecker::Make(...).Check(version, winner).
Result<RebaseInfo> CheckConflict(const TransactionFootprint& footprint,
                                 std::shared_ptr<const StructType> schema,
                                 const std::vector<std::string>& partition_columns, int64_t version,
                                 const ActionBatch& winner);

/// The rowIdHighWaterMark of a delta.rowTracking domain configuration
/// (`{"rowIdHighWaterMark":N}`); InvalidTable when it is not there or not an integer.
Result<int64_t> ParseRowIdHighWaterMark(std::string_view configuration);

}  // namespace delta
