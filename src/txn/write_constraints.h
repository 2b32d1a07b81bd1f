// The rules a table's metadata sets on written rows (CHECK constraints, column invariants,
// generated columns), collected for the Parquet writer to enforce.
#pragma once

#include <vector>

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "delta/write_constraint.h"

namespace delta {

/// Every rule rows written to a table with `metadata` and `schema` (its parsed schema) must
/// pass, bound to `schema`:
///   - delta.constraints.<name> table properties (CHECK constraints);
///   - delta.invariants field metadata ({"expression":{"expression":"<sql>"}}), on top-level
///     and struct-nested fields (not inside arrays or maps, as Delta Spark);
///   - delta.generationExpression field metadata, as `col <=> (<expr>)`; skipped when
///     `protocol` is given and does not support generatedColumns (Delta Spark ignores them
///     then).
/// Unsupported, naming the constraint or column, for SQL this kernel cannot evaluate, for
/// identity columns (delta.identity.*: identity values are not generated) and for CHAR/VARCHAR
/// columns (their length checks are not enforced); never a silently skipped rule.
Result<std::vector<WriteConstraint>> CollectWriteConstraints(const Metadata& metadata,
                                                             const StructType& schema,
                                                             const Protocol* protocol = nullptr);

}  // namespace delta
