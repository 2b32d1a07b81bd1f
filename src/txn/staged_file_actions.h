// Taking staged adds and removes back out of a transaction (rebases restage them), keeping
// the per-add row-tracking flags and the file action order in step.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "txn/transaction_state.h"

namespace delta {

/// Drops staged add `index`.
inline void DropStagedAdd(TransactionState& s, size_t index) {
  s.staged.adds.erase(s.staged.adds.begin() + static_cast<std::ptrdiff_t>(index));
  s.assign_row_tracking.erase(s.assign_row_tracking.begin() + static_cast<std::ptrdiff_t>(index));
  std::vector<int32_t>& order = s.staged.file_action_order;
  const auto at = static_cast<int32_t>(index);
  order.erase(std::remove(order.begin(), order.end(), at), order.end());
  for (int32_t& e : order) {
    if (e > at) --e;
  }
}

/// Drops staged remove `index` (file order entry -index - 1).
inline void DropStagedRemove(TransactionState& s, size_t index) {
  s.staged.removes.erase(s.staged.removes.begin() + static_cast<std::ptrdiff_t>(index));
  std::vector<int32_t>& order = s.staged.file_action_order;
  const int32_t at = -static_cast<int32_t>(index) - 1;
  order.erase(std::remove(order.begin(), order.end(), at), order.end());
  for (int32_t& e : order) {
    if (e < at) ++e;
  }
}

}  // namespace delta
