// Which row groups of a checkpoint file can hold the actions a reader asks for. Checkpoints
// keep every action kind in its own nullable struct column, and a row holds one action, so a
// row group whose key column of an action (add.path, metaData.id, ...) is null in every row
// (its Parquet null count) holds none of that action: a reader of the non-file actions of a
// multi-part checkpoint skips the row groups of adds and removes without decoding them.
#pragma once

#include "delta/expression.h"
#include "log/checkpoint_schema.h"

namespace delta {

/// A bound predicate, over the columns of CheckpointReadSchema(actions), that is TRUE for a
/// row holding one of `actions`: the disjunction of `<action>.<key> IS NOT NULL` over them
/// (the key is each action's first, required field). Null when `actions` asks for every kind
/// (no row group can be left out).
ExprPtr CheckpointRowGroupPredicate(const CheckpointActionSet& actions);

}  // namespace delta
