// Data skipping: deciding from a file's statistics (and partition values) that no row of the
// file can satisfy a predicate. Conservative by construction: a file is skipped only when that
// is proven; anything unknown, unparsable or unusual keeps the file.
//
// The evaluation tracks, for every sub-expression, the set of values (TRUE, FALSE, NULL) it may
// take on the rows of the file. Leaves derive that set from what is known about their columns;
// AND, OR and NOT combine sets with SQL's three-valued logic (which is sound for any rows, so
// NOT needs no special casing). The file may match iff TRUE is in the predicate's set.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "delta/expression.h"
#include "delta/literal.h"
#include "scan/partition_values.h"
#include "scan/stats.h"

namespace delta {

/// What is known about one column's values on the rows of one file.
struct ColumnFacts {
  bool may_be_null = true;
  bool may_be_non_null = true;
  std::optional<Literal> lower;  ///< <= every non-null value (a NaN bound is ignored)
  std::optional<Literal> upper;  ///< >= every non-null value (but see upper_is_prefix)
  /// Strings: statistics truncate the max, so values may also be any string starting with
  /// `upper` (it is an upper bound only once the largest character is appended).
  bool upper_is_prefix = false;
  /// Floats: writers differ on NaN (Spark counts it as the max, Parquet-derived stats leave it
  /// out), so a NaN may hide outside [lower, upper].
  bool may_hide_nan = false;

  /// Facts for one known value (a literal or a partition value).
  static ColumnFacts Exact(const Literal& value);
  /// Facts derived from column statistics; `type` is the column's type.
  static ColumnFacts FromStats(const ColumnStats& stats, const FileStats& file,
                               const DataType& type);
};

/// Possible values of a predicate over a file's rows, as a bit set.
enum PossibleValues : uint8_t {
  kMayBeTrue = 1,
  kMayBeFalse = 2,
  kMayBeNull = 4,
  kMayBeAnything = 7,
};

/// Facts for a bound column reference, or nullopt when nothing is known about it.
using ColumnFactsLookup = std::function<std::optional<ColumnFacts>(const Expression& column)>;

/// The values `bound` may take on the rows of a file whose columns are described by `facts`.
uint8_t PossibleValuesOf(const Expression& bound, const ColumnFactsLookup& facts);

/// False only when `stats` prove that no row of the file satisfies `bound` (a predicate bound
/// with BindExpression). Columns without statistics (or not in `stats.schema`) are unknown.
bool MayMatch(const Expression& bound, const FileStats& stats);

/// Like MayMatch(bound, stats), also using the file's partition values: partition columns are
/// known exactly, so predicates mixing partition and data columns prune as far as possible.
bool MayMatch(const Expression& bound, const FileStats& stats,
              const PartitionValueMap& partition_values);

/// A predicate prepared for skipping many files: the stats columns it needs, computed once.
/// Thread-safe for concurrent MayMatch calls.
class DataSkippingFilter {
 public:
  /// `bound` is a predicate bound with BindExpression (null means "no predicate").
  explicit DataSkippingFilter(ExprPtr bound);

  /// The columns whose statistics the predicate needs.
  const StatsColumns& columns() const { return columns_; }
  const ExprPtr& predicate() const { return bound_; }

  /// False only when the file's JSON statistics (and partition values, when given) prove that
  /// no row matches. Empty or unparsable statistics keep the file.
  bool MayMatch(std::string_view stats_json,
                const PartitionValueMap* partition_values = nullptr) const;

 private:
  ExprPtr bound_;
  StatsColumns columns_;
};

}  // namespace delta
