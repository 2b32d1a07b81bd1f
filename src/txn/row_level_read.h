// A file a transaction read row by row (Transaction::RecordReadRows).
#pragma once

#include <cstdint>
#include <vector>

#include "delta/actions.h"

namespace delta {

struct RowLevelRead {
  /// The file as the transaction's snapshot lists it (views owned by the transaction).
  AddFile live;
  /// The rows (positions in the data file) the result depends on, in any order.
  std::vector<uint64_t> rows;
};

}  // namespace delta
