// A MERGE's ON condition taken apart: equalities between a target and a source column (the
// hash-join keys), conjuncts over target columns only (they narrow the target files to read),
// and the rest, evaluated on joined rows.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "delta/expression.h"
#include "delta/status.h"

namespace delta::ops {

struct MergeJoinKey {
  std::string target_column;  ///< top-level target column name
  std::string source_column;  ///< top-level source column name
};

struct MergeOnParts {
  std::vector<MergeJoinKey> keys;
  /// Conjuncts naming only target columns, with the alias removed (over the table's columns).
  std::vector<ExprPtr> target_only;
  /// Every conjunct that is not a key (target-only ones included), still qualified.
  ExprPtr residual;  ///< null when none
};

/// Splits the parsed ON condition. InvalidArgument naming the column for a column reference not
/// qualified by one of the two aliases.
Result<MergeOnParts> SplitMergeOn(const ExprPtr& on, std::string_view source_alias,
                                  std::string_view target_alias);

/// Checks every column of `e` is qualified by one of `aliases` (case-insensitively).
Status CheckQualified(const Expression& e, const std::vector<std::string_view>& aliases,
                      std::string_view what);

}  // namespace delta::ops
