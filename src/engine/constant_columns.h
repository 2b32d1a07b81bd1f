// Columns that repeat one value for every row of a batch (partition values): made
// once per value and handed out as zero-copy slices, instead of writing the value once per row
// of every batch. Materialising a string partition column per batch wrote (and page-faulted)
// about 11 bytes per row; a slice of a shared column writes nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include <arrow/array.h>
#include <arrow/scalar.h>

namespace delta::engine {

/// Thread-safe: the readers of one scan share it. Output arrays are ordinary arrays of the
/// scalar's type (slices of a longer one), so the output schema is unchanged.
class ConstantColumns {
 public:
  /// `value` repeated `rows` times.
  arrow::Result<std::shared_ptr<arrow::Array>> Repeat(const arrow::Scalar& value, int64_t rows);

 private:
  struct Entry {
    std::shared_ptr<arrow::Scalar> value;
    std::shared_ptr<arrow::Array> column;
  };
  // Beyond this many bytes of kept columns new values are made per batch, as before: a table
  // with thousands of partitions (or long values) must not keep a column for each.
  static constexpr int64_t kMaxBytes = 32 << 20;
  // Rows made at least, so batches of a usual size are slices of the first column made.
  static constexpr int64_t kMinRows = 64 * 1024;

  std::mutex mu_;
  std::unordered_map<size_t, std::vector<Entry>> by_hash_;
  int64_t bytes_ = 0;
};

}  // namespace delta::engine
