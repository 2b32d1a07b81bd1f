#include "ops/merge_keys.h"

#include <cmath>
#include <limits>

#include <arrow/scalar.h>
#include <arrow/type_traits.h>

namespace delta::ops {
namespace {

template <typename T>
void AppendRaw(T v, std::string* out) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

// A float's bytes with the values SQL equality calls equal made identical.
template <typename T>
void AppendFloat(T v, std::string* out) {
  if (v == 0) v = 0;  // -0.0 -> 0.0
  if (std::isnan(v)) v = std::numeric_limits<T>::quiet_NaN();
  AppendRaw(v, out);
}

template <typename A>
void AppendBinary(const arrow::Array& column, int64_t row, std::string* out) {
  std::string_view v = static_cast<const A&>(column).GetView(row);
  AppendRaw(static_cast<uint64_t>(v.size()), out);
  out->append(v.data(), v.size());
}

}  // namespace

Result<bool> AppendKeyBytes(const arrow::Array& column, int64_t row, std::string* out) {
  if (column.IsNull(row)) return false;
  const arrow::DataType& type = *column.type();
  switch (type.id()) {
    case arrow::Type::BOOL:
      out->push_back(static_cast<const arrow::BooleanArray&>(column).Value(row) ? 1 : 0);
      return true;
    case arrow::Type::FLOAT:
      AppendFloat(static_cast<const arrow::FloatArray&>(column).Value(row), out);
      return true;
    case arrow::Type::DOUBLE:
      AppendFloat(static_cast<const arrow::DoubleArray&>(column).Value(row), out);
      return true;
    case arrow::Type::STRING:
      AppendBinary<arrow::StringArray>(column, row, out);
      return true;
    case arrow::Type::BINARY:
      AppendBinary<arrow::BinaryArray>(column, row, out);
      return true;
    case arrow::Type::LARGE_STRING:
      AppendBinary<arrow::LargeStringArray>(column, row, out);
      return true;
    case arrow::Type::LARGE_BINARY:
      AppendBinary<arrow::LargeBinaryArray>(column, row, out);
      return true;
    default:
      break;
  }
  if (arrow::is_fixed_width(type.id()) && type.id() != arrow::Type::DICTIONARY &&
      type.id() != arrow::Type::NA) {
    // Integers, dates, timestamps, decimals: the value's bytes (the types are equal).
    const int width = static_cast<const arrow::FixedWidthType&>(type).byte_width();
    const arrow::ArrayData& data = *column.data();
    const uint8_t* values = data.buffers[1]->data() + (data.offset + row) * width;
    out->append(reinterpret_cast<const char*>(values), static_cast<size_t>(width));
    return true;
  }
  // Anything else (nested values): its text, as exact as Arrow prints it.
  auto scalar = column.GetScalar(row);
  if (!scalar.ok()) {
    return Status::Internal("merge keys: " + scalar.status().ToString());
  }
  std::string v = (*scalar)->ToString();
  AppendRaw(static_cast<uint64_t>(v.size()), out);
  out->append(v);
  return true;
}

Result<bool> MergeKeyIndex::RowKey(const std::vector<std::shared_ptr<arrow::Array>>& columns,
                                   int64_t row, std::string* out) {
  out->clear();
  for (const auto& c : columns) {
    DELTA_ASSIGN_OR_RETURN(bool valid, AppendKeyBytes(*c, row, out));
    if (!valid) return false;
  }
  return true;
}

Result<MergeKeyIndex> MergeKeyIndex::Build(
    const std::vector<std::shared_ptr<arrow::Array>>& columns) {
  MergeKeyIndex index;
  const int64_t n = columns.empty() ? 0 : columns[0]->length();
  index.next_.assign(static_cast<size_t>(n), -1);
  index.head_.reserve(static_cast<size_t>(n));
  std::string key;
  // Backwards, so each key's chain lists its source rows in order.
  for (int64_t s = n - 1; s >= 0; --s) {
    DELTA_ASSIGN_OR_RETURN(bool valid, RowKey(columns, s, &key));
    if (!valid) continue;
    auto [it, inserted] = index.head_.try_emplace(key, s);
    if (!inserted) {
      index.next_[s] = it->second;
      it->second = s;
    }
  }
  return index;
}

}  // namespace delta::ops
