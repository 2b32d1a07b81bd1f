// MERGE's hash join keys: the source's key columns indexed by their typed values, probed with
// the target's rows one at a time, so the target can be streamed batch by batch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <arrow/array.h>

#include "delta/status.h"

namespace delta::ops {

/// Appends the bytes that identify row `row` of `column` (equal values, equal bytes) to `out`;
/// false when the value is NULL (a NULL key never matches). -0.0 and 0.0 are one key, as are
/// all NaNs.
Result<bool> AppendKeyBytes(const arrow::Array& column, int64_t row, std::string* out);

/// The source side of the join: every source row by its keys (rows with a NULL key left out).
class MergeKeyIndex {
 public:
  /// Indexes `columns` (the source's key columns, already cast to the target's key types).
  static Result<MergeKeyIndex> Build(const std::vector<std::shared_ptr<arrow::Array>>& columns);

  /// Calls `f(source_row)` for each source row whose keys equal row `row` of `columns` (the
  /// target's key columns, of the same types as the source's); none when a key is NULL.
  template <typename F>
  Status Probe(const std::vector<std::shared_ptr<arrow::Array>>& columns, int64_t row, F&& f) {
    DELTA_ASSIGN_OR_RETURN(bool valid, RowKey(columns, row, &scratch_));
    if (!valid) return Status::OK();
    auto it = head_.find(scratch_);
    if (it == head_.end()) return Status::OK();
    for (int64_t s = it->second; s >= 0; s = next_[s]) f(s);
    return Status::OK();
  }

 private:
  static Result<bool> RowKey(const std::vector<std::shared_ptr<arrow::Array>>& columns, int64_t row,
                             std::string* out);

  std::unordered_map<std::string, int64_t> head_;  // key -> first source row
  std::vector<int64_t> next_;                      // source row -> next with its key, or -1
  std::string scratch_;                            // reused: probing allocates nothing
};

}  // namespace delta::ops
