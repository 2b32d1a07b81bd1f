// The attempts of one commit: build the version's actions, put-if-absent the commit file and,
// when another writer took the version, check the winners and rebase onto them (or stop at a
// conflict), resolving a put whose outcome is unknown by reading the log back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "delta/status.h"
#include "delta/table_properties.h"
#include "delta/transaction.h"
#include "txn/conflict_checker.h"
#include "txn/transaction_state.h"

namespace delta {

/// What Commit decided before the first attempt.
struct CommitPlan {
  bool creating = false;
  /// The isolation level the commit is checked at (and commitInfo names).
  IsolationLevel isolation = IsolationLevel::kSerializable;
  bool blind_append = false;
  bool row_tracking = false;                 ///< assign row ids (the rowTracking feature)
  bool in_commit_timestamps = false;         ///< on for this commit
  bool in_commit_timestamps_before = false;  ///< on at the read version already
  std::vector<std::pair<std::string, int64_t>> metrics;
  std::string engine_info;
  /// Rebased as winners are checked: the version to try, the in-commit timestamp ours must
  /// exceed, the row-id high-water mark ours start above.
  int64_t version = 0;
  std::optional<int64_t> previous_ict;
  int64_t row_id_high_water_mark = -1;
};

/// Runs the attempts until one commits, a winner conflicts or makes ours a no-op, or
/// options.max_attempts are spent.
Result<CommitResult> RunCommitAttempts(TransactionState& s, const ConflictChecker& checker,
                                       CommitPlan plan);

}  // namespace delta
