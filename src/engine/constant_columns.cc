#include "engine/constant_columns.h"

#include <algorithm>

#include <arrow/array/util.h>
#include <arrow/util/byte_size.h>

#include "engine/read_memory_pool.h"

namespace delta::engine {

arrow::Result<std::shared_ptr<arrow::Array>> ConstantColumns::Repeat(const arrow::Scalar& value,
                                                                     int64_t rows) {
  const size_t hash = value.hash();
  {
    std::lock_guard lock(mu_);
    auto it = by_hash_.find(hash);
    if (it != by_hash_.end()) {
      for (const Entry& e : it->second) {
        if (e.column->length() >= rows && e.value->type->Equals(*value.type) &&
            e.value->Equals(value)) {
          return e.column->Slice(0, rows);
        }
      }
    }
  }
  ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Array> exact,
                        arrow::MakeArrayFromScalar(value, rows, ReadMemoryPool()));
  // The column to keep holds at least kMinRows rows, when that fits the budget; a value too
  // long for it is made batch by batch at the batch's length.
  const int64_t exact_size = arrow::util::TotalBufferSize(*exact->data());
  const int64_t keep_rows = std::max(rows, kMinRows);
  const int64_t keep_size = exact_size / std::max<int64_t>(rows, 1) * keep_rows + exact_size;
  {
    std::lock_guard lock(mu_);
    if (bytes_ + keep_size > kMaxBytes) return exact;
  }
  std::shared_ptr<arrow::Array> column = exact;
  if (keep_rows > rows) {
    ARROW_ASSIGN_OR_RAISE(column, arrow::MakeArrayFromScalar(value, keep_rows, ReadMemoryPool()));
  }
  std::lock_guard lock(mu_);
  std::vector<Entry>& entries = by_hash_[hash];
  auto same = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) {
    return e.value->type->Equals(*value.type) && e.value->Equals(value);
  });
  const int64_t size = arrow::util::TotalBufferSize(*column->data());
  if (same != entries.end()) {
    // Another reader kept this value meanwhile, or a longer batch came.
    if (same->column->length() < keep_rows && bytes_ + size <= kMaxBytes) {
      bytes_ += size - arrow::util::TotalBufferSize(*same->column->data());
      same->column = column;
    }
  } else if (bytes_ + size <= kMaxBytes) {
    // Keep a copy of the scalar: the caller's may be a temporary.
    ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Scalar> key, column->GetScalar(0));
    entries.push_back({std::move(key), column});
    bytes_ += size;
  }
  return exact;
}

}  // namespace delta::engine
