// Taking rows out of a live file with a deletion vector: shared by the row-level operations
// (DELETE, MERGE).
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

/// The add's statistics with tightBounds false: min/max may now cover deleted rows.
std::string LooseStats(std::string_view stats);

/// Re-adds the live file `f` (already removed on `txn`) with a deletion vector of `rows` (row
/// positions in the data file) united with its old one, written to a DV file under the table.
/// Counts the DVs added and replaced.
Status ReAddWithDeletionVector(Transaction& txn, const Snapshot& snapshot, Engine& engine,
                               const AddFile& f, std::vector<uint64_t> rows, int64_t* dvs_added,
                               int64_t* dvs_removed);

}  // namespace delta::ops
