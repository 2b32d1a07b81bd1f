// commitInfo.operationMetrics that still describe the commit after a row-level rebase
// restaged some of its actions (row_level_rebase.h): the loser of two deletes of one file then
// removes the winner's add, which carries a deletion vector, and may not re-add the file at all
// when the united DVs delete every row. The rows the operation deleted, updated or copied stay
// its own; the deletion-vector counts follow the actions committed.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "protocol/action_batch.h"

namespace delta {

using OperationMetrics = std::vector<std::pair<std::string, int64_t>>;

/// The staged file actions the metrics count: removes and adds carrying a deletion vector.
struct StagedDvActions {
  int64_t removes_with_dv = 0;
  int64_t adds_with_dv = 0;
};
StagedDvActions CountStagedDvActions(const ActionBatch& staged);

/// The metrics a commit that set none gets: numFiles, numOutputRows, numOutputBytes of its
/// adds; none without adds.
OperationMetrics DefaultOperationMetrics(const ActionBatch& staged);

/// Moves the deletion-vector counts of `metrics` (DELETE/UPDATE's numDeletionVectors*,
/// MERGE's numTargetDeletionVectors*) by what a restage changed from `before` to `after`;
/// with `defaults` (the operation set no metric), recomputes them from `staged` instead.
void FollowRestage(const StagedDvActions& before, const StagedDvActions& after,
                   const ActionBatch& staged, bool defaults, OperationMetrics* metrics);

}  // namespace delta
