// A rule every row written to a table must satisfy: a CHECK constraint, a column invariant or a
// generated column's generation expression, as the table's metadata defines them.
#pragma once

#include <string>
#include <vector>

#include "delta/expression.h"

namespace delta {

/// One rule rows must pass before they are written. A row passes only when `predicate` is
/// TRUE: FALSE and NULL are both violations, as Delta Spark checks them.
struct WriteConstraint {
  enum class Kind {
    kCheck,            ///< table property delta.constraints.<name>
    kInvariant,        ///< field metadata delta.invariants (legacy, writer version 2+)
    kGeneratedColumn,  ///< field metadata delta.generationExpression: `col <=> (expr)`
  };
  Kind kind = Kind::kCheck;
  /// The name Delta Spark reports: the CHECK constraint's name, "EXPRESSION(<sql>)" for an
  /// invariant, "Generated Column" for a generation expression.
  std::string name;
  /// The SQL checked, as shown in violation messages: the constraint's or invariant's text;
  /// `col <=> (<generation expression>)` for a generated column.
  std::string sql;
  /// Invariants and generated columns: the column the rule belongs to (schema spelling).
  std::vector<std::string> column;
  /// `sql` parsed and bound to the table schema (BindExpression); column paths are logical.
  ExprPtr predicate;
};

}  // namespace delta
