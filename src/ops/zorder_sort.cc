#include "ops/zorder_sort.h"

#include <algorithm>
#include <numeric>

#include <arrow/array/builder_primitive.h>
#include <arrow/array/concatenate.h>
#include <arrow/compute/api_vector.h>
#include <arrow/compute/exec.h>

#include "engine/arrow_status.h"
#include "engine/scan_arrow.h"
#include "util/printable.h"

namespace delta::ops {

namespace cp = arrow::compute;

void InterleaveBits(std::span<const uint32_t> values, std::span<uint64_t> out) {
  std::fill(out.begin(), out.end(), 0);
  const size_t n = values.size();
  size_t pos = 0;  // output bit position, 0 = most significant bit of out[0]
  for (int bit = 31; bit >= 0; --bit) {
    for (size_t c = 0; c < n; ++c, ++pos) {
      if ((values[c] >> bit) & 1U) out[pos / 64] |= uint64_t{1} << (63 - pos % 64);
    }
  }
}

namespace {

// Step 1 and 2 of the mapping for one column.
Result<std::vector<uint32_t>> ScaledRanks(const std::shared_ptr<arrow::ChunkedArray>& column,
                                          const std::string& name) {
  const int64_t rows = column->length();
  std::vector<uint32_t> out(static_cast<size_t>(rows), 0);
  if (rows == 0) return out;
  std::shared_ptr<arrow::Array> values;
  if (column->num_chunks() == 1) {
    values = column->chunk(0);
  } else {
    auto joined = arrow::Concatenate(column->chunks());
    if (!joined.ok()) return engine::DataStatus(joined.status(), "z-order column " + Quoted(name));
    values = *joined;
  }
  cp::RankOptions options(cp::SortOrder::Ascending, cp::NullPlacement::AtStart,
                          cp::RankOptions::Dense);
  auto ranked = cp::CallFunction("rank", {values}, &options);
  if (!ranked.ok()) {
    return Status::InvalidArgument("z-order column " + Quoted(name) + " of type " +
                                   values->type()->ToString() +
                                   " cannot be ordered: " + ranked.status().message());
  }
  auto ranks = std::static_pointer_cast<arrow::UInt64Array>(ranked->make_array());
  uint64_t distinct = 0;
  for (int64_t i = 0; i < rows; ++i) distinct = std::max(distinct, ranks->Value(i));
  for (int64_t i = 0; i < rows; ++i) {
    const uint64_t rank0 = ranks->Value(i) - 1;  // Arrow's dense ranks start at 1
    // Exact while rank0 < distinct <= 2^32; beyond that (never in memory) scale by division.
    out[static_cast<size_t>(i)] =
        distinct <= (uint64_t{1} << 32)
            ? static_cast<uint32_t>((rank0 << 32) / distinct)
            : static_cast<uint32_t>(rank0 / ((distinct + 0xFFFFFFFFULL) >> 32));
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<arrow::Table>> ZOrderSort(const std::shared_ptr<arrow::Table>& table,
                                                 const std::vector<std::string>& columns) {
  DELTA_RETURN_NOT_OK(engine::InitializeCompute());
  const auto rows = static_cast<size_t>(table->num_rows());
  const size_t n = columns.size();
  if (n == 0 || rows < 2) return table;
  std::vector<std::vector<uint32_t>> scaled;
  for (const std::string& name : columns) {
    std::shared_ptr<arrow::ChunkedArray> column = table->GetColumnByName(name);
    if (column == nullptr) {
      return Status::InvalidArgument("z-order column " + Quoted(name) + " is not in the data");
    }
    DELTA_ASSIGN_OR_RETURN(std::vector<uint32_t> v, ScaledRanks(column, name));
    scaled.push_back(std::move(v));
  }
  const size_t words = (n + 1) / 2;
  std::vector<uint64_t> keys(rows * words);
  std::vector<uint32_t> row_values(n);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < n; ++c) row_values[c] = scaled[c][r];
    InterleaveBits(row_values, std::span<uint64_t>(keys.data() + r * words, words));
  }
  std::vector<uint64_t> order(rows);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) {
    return std::lexicographical_compare(keys.begin() + a * words, keys.begin() + (a + 1) * words,
                                        keys.begin() + b * words, keys.begin() + (b + 1) * words);
  });
  arrow::UInt64Builder indices;
  arrow::Status st = indices.AppendValues(order);
  std::shared_ptr<arrow::Array> index_array;
  if (st.ok()) st = indices.Finish(&index_array);
  if (!st.ok()) return engine::DataStatus(st, "z-order sort");
  auto taken = cp::Take(table, index_array);
  if (!taken.ok()) return engine::DataStatus(taken.status(), "z-order sort");
  return taken->table();
}

}  // namespace delta::ops
