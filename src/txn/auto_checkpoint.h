// The checkpoint a commit leaves behind every delta.checkpointInterval versions.
#pragma once

#include "delta/transaction.h"
#include "txn/transaction_state.h"

namespace delta {

/// After a successful commit (`result`) of `s`: when its version is a positive multiple of the
/// table's checkpoint interval and the options allow it, writes a checkpoint of that version.
/// Never fails: a checkpoint that could not be written is a warning in `result`.
void CheckpointAfterCommit(const TransactionState& s, CommitResult* result);

}  // namespace delta
