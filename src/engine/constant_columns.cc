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
  const int64_t made_rows = std::max(rows, kMinRows);
  ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Array> column,
                        arrow::MakeArrayFromScalar(value, made_rows, ReadMemoryPool()));
  std::lock_guard lock(mu_);
  std::vector<Entry>& entries = by_hash_[hash];
  auto same = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) {
    return e.value->type->Equals(*value.type) && e.value->Equals(value);
  });
  if (same != entries.end()) {
    if (same->column->length() < made_rows) same->column = column;  // longer batches came
  } else {
    const int64_t size = arrow::util::TotalBufferSize(*column->data());
    if (bytes_ + size <= kMaxBytes) {
      // Keep a copy of the scalar: the caller's may be a temporary.
      ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Scalar> key, column->GetScalar(0));
      entries.push_back({std::move(key), column});
      bytes_ += size;
    }
  }
  return made_rows == rows ? column : column->Slice(0, rows);
}

}  // namespace delta::engine
