// Partition pruning: evaluating a predicate against one file's partition values.
#pragma once

#include "delta/expression.h"
#include "scan/partition_values.h"

namespace delta {

/// The value of a predicate over all rows of one file, as far as partition values tell.
enum class PartitionPredicateResult {
  kTrue,     ///< every row of the file satisfies the predicate
  kFalse,    ///< no row can satisfy it: each evaluates to FALSE or NULL; prune the file
  kUnknown,  ///< depends on data columns (or on a mix of outcomes)
};

/// Evaluates a bound predicate (BindExpression) for a file whose partition columns hold
/// `partition_values` (logical column name -> typed value, see ParsePartitionValues), with SQL
/// null semantics. Every other column (data columns, partition columns missing from the map)
/// is unknown, so a predicate mixing partition and data columns prunes only when the partition
/// part alone decides it.
PartitionPredicateResult EvaluatePartitionPredicate(const Expression& bound,
                                                    const PartitionValueMap& partition_values);

/// True when the file can be skipped: EvaluatePartitionPredicate(...) is kFalse.
bool CanPrunePartition(const Expression& bound, const PartitionValueMap& partition_values);

}  // namespace delta
