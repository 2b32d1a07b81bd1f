// Planning OPTIMIZE: which live files are rewritten, grouped into bins (one partition each),
// and what the commit says about it. No data is read here; the default engine executes the
// plan (src/ops/optimize.cc).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/expression.h"
#include "delta/optimize.h"
#include "delta/snapshot.h"
#include "delta/status.h"

namespace delta {

/// Delta Spark's optimize.maxFileSize default: 1 GiB.
inline constexpr int64_t kDefaultOptimizeTargetSize = int64_t{1} << 30;

/// Files of one partition rewritten together into new files of at most the target size.
struct OptimizeBin {
  std::string partition;  ///< "col=value/..." in partition column order, for messages
  std::vector<const AddFile*> files;
  int64_t bytes = 0;
};

/// What Optimize rewrites, in a deterministic order (partitions by key, files by size then path).
struct OptimizePlan {
  ExprPtr predicate;                 ///< bound to the schema; null for the whole table
  std::vector<std::string> z_order;  ///< schema spelling
  /// A clustered table's clustering columns (schema spelling): the rows are sorted by them
  /// (Z-order over several) and the new files carry clusteringProvider.
  std::vector<std::string> clustering;
  int64_t target_size = kDefaultOptimizeTargetSize;
  int64_t files_considered = 0;
  std::vector<OptimizeBin> bins;
  int64_t partitions = 0;  ///< distinct partitions among the bins
};

/// Checks `options` against the snapshot and picks the bins:
/// - the predicate may name partition columns only (InvalidArgument naming the column);
/// - z-order columns must be top-level, non-partition columns of a primitive type;
/// - a clustered table (clustering feature with delta.clustering columns) takes no z-order
///   columns (InvalidArgument): its files without a clusteringProvider become one bin, sorted
///   by the clustering columns; files some clustering already wrote are left alone. Under row
///   tracking the rewrite keeps the rows' ids.
/// Compaction takes the files smaller than min_file_size or with more than
/// max_deleted_rows_ratio of their rows deleted, sorts each partition's by (size, path) and
/// fills bins up to target_size; bins of one file are dropped. Z-order takes every file of each
/// selected partition as one bin.
Result<OptimizePlan> PlanOptimize(const Snapshot& snapshot, const OptimizeOptions& options);

/// commitInfo.operationParameters of the plan, as Delta Spark writes them: predicate (JSON
/// array of predicate texts), zOrderBy (JSON array of names), clusterBy (JSON array of the
/// clustering columns), auto ("false").
std::map<std::string, std::string> OptimizeOperationParameters(const OptimizePlan& plan,
                                                               const OptimizeOptions& options);

}  // namespace delta
