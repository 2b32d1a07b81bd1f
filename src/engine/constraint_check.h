// Enforcing a table's write constraints (WriteConstraint) on Arrow record batches before they
// are written.
#pragma once

#include <string_view>
#include <vector>

#include <arrow/compute/expression.h>
#include <arrow/record_batch.h>

#include "delta/status.h"
#include "delta/write_constraint.h"

namespace delta::engine {

/// Checks batches (columns named by their logical names) against constraints.
class ConstraintChecker {
 public:
  /// Translates each constraint's bound predicate to Arrow compute; InvalidArgument naming the
  /// constraint when one has no predicate or cannot be translated.
  static Result<ConstraintChecker> Make(const std::vector<WriteConstraint>& constraints);

  /// OK when every row of `batch` makes every predicate TRUE. Otherwise InvalidArgument for the
  /// first constraint violated, worded as Delta Spark's:
  ///   CHECK constraint <name> (<sql>) violated by row with values:
  ///    - <column> : <value>
  /// with the first violating row's value of each column the constraint names.
  Status Check(const arrow::RecordBatch& batch) const;

  /// The generated-column constraint of top-level column `name`, or null.
  const WriteConstraint* GeneratedColumn(std::string_view name) const;

 private:
  struct Entry {
    const WriteConstraint* constraint;
    arrow::compute::Expression predicate;           // unbound: bound per batch schema
    std::vector<std::vector<std::string>> columns;  // referenced, in order of first use
  };
  std::vector<Entry> entries_;
};

}  // namespace delta::engine
