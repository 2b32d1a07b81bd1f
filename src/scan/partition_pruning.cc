#include "scan/partition_pruning.h"

#include "scan/data_skipping.h"

namespace delta {

PartitionPredicateResult EvaluatePartitionPredicate(const Expression& bound,
                                                    const PartitionValueMap& partition_values) {
  ColumnFactsLookup lookup = [&](const Expression& column) -> std::optional<ColumnFacts> {
    if (column.path.size() != 1) return std::nullopt;  // partition columns are top-level
    auto it = partition_values.find(column.path[0]);
    if (it == partition_values.end()) return std::nullopt;
    return ColumnFacts::Exact(it->second);
  };
  const uint8_t values = PossibleValuesOf(bound, lookup);
  if ((values & kMayBeTrue) == 0) return PartitionPredicateResult::kFalse;
  if (values == kMayBeTrue) return PartitionPredicateResult::kTrue;
  return PartitionPredicateResult::kUnknown;
}

bool CanPrunePartition(const Expression& bound, const PartitionValueMap& partition_values) {
  return EvaluatePartitionPredicate(bound, partition_values) == PartitionPredicateResult::kFalse;
}

}  // namespace delta
