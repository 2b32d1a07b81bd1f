// Mapping deletes onto a compaction at rebase: a winning commit that only rearranged rows
// (every file action dataChange=false, e.g. OPTIMIZE) removed a file F this transaction
// removes, and wrote F's rows into new files G1..Gn. With row tracking each row keeps its
// stable row id there (materialized), so the rows we delete from F are found in the Gi by row
// id, and our remove of F (and re-add with a deletion vector) is restaged as remove(Gi) +
// add(Gi with its deletion vector united with the mapped positions). A row that cannot be
// identified or found, a table without deletion vectors, or a change-data-feed commit without
// change files stays a conflict, as Delta Spark reports every such case.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "delta/status.h"
#include "protocol/action_batch.h"
#include "txn/transaction_state.h"

namespace delta {

/// The compaction mappings of one commit's attempts. Not thread-safe.
class CompactionRebase {
 public:
  explicit CompactionRebase(TransactionState& s) : s_(s) {}

  /// kConcurrentDeleteDelete when winner `version` removes a file an earlier mapping restaged
  /// our deletes onto (our footprint, made before, does not name it).
  Status CheckTargets(int64_t version, const ActionBatch& winner) const;

  /// Maps our deletes from `compacted` (RebaseInfo::compacted_files of winner `version`) into
  /// the winner's new files and restages our actions; adjusts the file and deletion vector
  /// counts of `metrics` (commitInfo.operationMetrics) to the restaged actions. A Conflict
  /// (kConcurrentDeleteDelete) saying why when a deleted row has no row id or is in none of
  /// the winner's files (or is deleted there already); errors of reading files as they are.
  Status Map(int64_t version, const ActionBatch& winner, const std::vector<std::string>& compacted,
             std::vector<std::pair<std::string, int64_t>>* metrics);

 private:
  TransactionState& s_;
  std::set<std::string, std::less<>> targets_;  // winners' files we now remove
};

}  // namespace delta
