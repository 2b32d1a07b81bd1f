// Taking rows out of live files with deletion vectors: shared by the row-level operations
// (DELETE, UPDATE, MERGE).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "delta/transaction.h"

namespace delta::ops {

/// A live file (already removed on the transaction) that keeps some rows, and the rows
/// (positions in the data file) it loses.
struct DeletionVectorReAdd {
  const AddFile* file = nullptr;
  std::vector<uint64_t> rows;
};

/// Re-adds each file with a deletion vector of its rows united with its old one; the DVs of
/// the whole commit go into ONE new DV file under the table. Counts the DVs added and
/// replaced. Nothing is written for an empty list.
Status ReAddWithDeletionVectors(Transaction& txn, const Snapshot& snapshot, Engine& engine,
                                std::vector<DeletionVectorReAdd> files, int64_t* dvs_added,
                                int64_t* dvs_removed);

}  // namespace delta::ops
