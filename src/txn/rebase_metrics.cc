#include "txn/rebase_metrics.h"

#include <string_view>

namespace delta {
namespace {

void AddTo(OperationMetrics* metrics, std::string_view name, int64_t delta) {
  if (delta == 0) return;
  for (auto& [k, v] : *metrics) {
    if (k == name) v += delta;
  }
}

}  // namespace

StagedDvActions CountStagedDvActions(const ActionBatch& staged) {
  StagedDvActions out;
  for (const RemoveFile& r : staged.removes) {
    if (r.deletion_vector != nullptr) ++out.removes_with_dv;
  }
  for (const AddFile& a : staged.adds) {
    if (a.deletion_vector != nullptr) ++out.adds_with_dv;
  }
  return out;
}

OperationMetrics DefaultOperationMetrics(const ActionBatch& staged) {
  if (staged.adds.empty()) return {};
  int64_t bytes = 0, rows = 0;
  for (const AddFile& a : staged.adds) {
    bytes += a.size;
    rows += a.NumRecords().value_or(0);
  }
  return {{"numFiles", static_cast<int64_t>(staged.adds.size())},
          {"numOutputRows", rows},
          {"numOutputBytes", bytes}};
}

void FollowRestage(const StagedDvActions& before, const StagedDvActions& after,
                   const ActionBatch& staged, bool defaults, OperationMetrics* metrics) {
  if (defaults) {
    *metrics = DefaultOperationMetrics(staged);
    return;
  }
  const int64_t removed = after.removes_with_dv - before.removes_with_dv;
  const int64_t added = after.adds_with_dv - before.adds_with_dv;
  AddTo(metrics, "numDeletionVectorsRemoved", removed);
  AddTo(metrics, "numTargetDeletionVectorsRemoved", removed);
  AddTo(metrics, "numDeletionVectorsAdded", added);
  AddTo(metrics, "numTargetDeletionVectorsAdded", added);
}

}  // namespace delta
