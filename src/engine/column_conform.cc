#include "engine/column_conform.h"

#include <cctype>
#include <optional>

#include <arrow/array/util.h>
#include <arrow/compute/cast.h>
#include <arrow/util/key_value_metadata.h>

#include "scan/partition_values.h"

namespace delta::engine {

namespace {

std::optional<std::string> FieldId(const arrow::Field& field) {
  const auto& md = field.metadata();
  if (md == nullptr) return std::nullopt;
  int i = md->FindKey(kParquetFieldIdKey);
  if (i < 0) return std::nullopt;
  return md->value(i);
}

int BitWidthOf(const arrow::DataType& t) {
  return static_cast<const arrow::FixedWidthType&>(t).bit_width();
}

bool IsStringLike(arrow::Type::type id) {
  return id == arrow::Type::STRING || id == arrow::Type::LARGE_STRING ||
         id == arrow::Type::STRING_VIEW;
}

bool IsBinaryLike(arrow::Type::type id) {
  return id == arrow::Type::BINARY || id == arrow::Type::LARGE_BINARY ||
         id == arrow::Type::BINARY_VIEW || id == arrow::Type::FIXED_SIZE_BINARY;
}

bool IsListLike(arrow::Type::type id) {
  return id == arrow::Type::LIST || id == arrow::Type::LARGE_LIST;
}

arrow::Status Incompatible(const std::string& column, const arrow::DataType& from,
                           const arrow::DataType& to) {
  return arrow::Status::TypeError("column '", column, "' is stored as ", from.ToString(),
                                  " and cannot be read as ", to.ToString());
}

std::string ChildPath(const std::string& parent, const std::string& child) {
  return parent.empty() ? child : parent + "." + child;
}

// Struct -> struct: project the target's fields out of the source, nulls where missing.
arrow::Result<std::shared_ptr<arrow::Array>> ConformStruct(
    const std::shared_ptr<arrow::Array>& array, const std::shared_ptr<arrow::DataType>& target,
    const std::string& column) {
  const auto& source = static_cast<const arrow::StructArray&>(*array);
  const auto& source_type = static_cast<const arrow::StructType&>(*array->type());
  const auto& data = *array->data();
  // Work on unsliced children with the parent's offset, as ArrayData expects.
  int64_t full_length = data.offset + data.length;
  std::vector<std::shared_ptr<arrow::ArrayData>> children;
  children.reserve(static_cast<size_t>(target->num_fields()));
  for (const auto& wanted : target->fields()) {
    int idx = FindField(source_type.fields(), *wanted);
    std::shared_ptr<arrow::Array> child;
    if (idx < 0) {
      ARROW_ASSIGN_OR_RAISE(child, arrow::MakeArrayOfNull(wanted->type(), full_length));
    } else {
      ARROW_ASSIGN_OR_RAISE(child, ConformArray(arrow::MakeArray(data.child_data[idx]),
                                                wanted->type(), ChildPath(column, wanted->name())));
    }
    children.push_back(child->data());
  }
  auto out = arrow::ArrayData::Make(target, data.length, {data.buffers[0]},
                                    source.data()->null_count.load(), data.offset);
  out->child_data = std::move(children);
  return arrow::MakeArray(out);
}

// List -> list: conform the values and relabel; a list/large_list switch is a cast.
arrow::Result<std::shared_ptr<arrow::Array>> ConformList(
    const std::shared_ptr<arrow::Array>& array, const std::shared_ptr<arrow::DataType>& target,
    const std::string& column) {
  const auto& data = *array->data();
  auto target_value = target->field(0);
  ARROW_ASSIGN_OR_RAISE(auto values,
                        ConformArray(arrow::MakeArray(data.child_data[0]), target_value->type(),
                                     ChildPath(column, "element")));
  std::shared_ptr<arrow::DataType> relabelled = array->type_id() == arrow::Type::LIST
                                                    ? arrow::list(target_value)
                                                    : arrow::large_list(target_value);
  auto out = arrow::ArrayData::Make(relabelled, data.length, data.buffers,
                                    array->data()->null_count.load(), data.offset);
  out->child_data = {values->data()};
  auto result = arrow::MakeArray(out);
  if (relabelled->id() == target->id()) return result;
  return arrow::compute::Cast(*result, target);
}

// Map -> map: keys and values conform positionally (entry field names vary by writer).
arrow::Result<std::shared_ptr<arrow::Array>> ConformMap(
    const std::shared_ptr<arrow::Array>& array, const std::shared_ptr<arrow::DataType>& target,
    const std::string& column) {
  const auto& data = *array->data();
  const auto& target_map = static_cast<const arrow::MapType&>(*target);
  const auto& entries = *data.child_data[0];
  if (entries.child_data.size() != 2) return Incompatible(column, *array->type(), *target);
  ARROW_ASSIGN_OR_RAISE(auto keys, ConformArray(arrow::MakeArray(entries.child_data[0]),
                                                target_map.key_type(), column + ".key"));
  ARROW_ASSIGN_OR_RAISE(auto items, ConformArray(arrow::MakeArray(entries.child_data[1]),
                                                 target_map.item_type(), column + ".value"));
  auto entries_out =
      arrow::ArrayData::Make(target_map.value_type(), entries.length, {entries.buffers[0]},
                             entries.null_count.load(), entries.offset);
  entries_out->child_data = {keys->data(), items->data()};
  auto out = arrow::ArrayData::Make(target, data.length, data.buffers,
                                    array->data()->null_count.load(), data.offset);
  out->child_data = {entries_out};
  return arrow::MakeArray(out);
}

// Timestamp -> coarser timestamp, rounding toward the past as Spark does for INT96 and as
// statistics bounds are (Arrow's cast rounds toward zero: -1 ns would become 1970-01-01).
// Narrowing a unit cannot overflow; widening goes through Arrow's checked cast.
arrow::Result<std::shared_ptr<arrow::Array>> ConformTimestamp(
    const std::shared_ptr<arrow::Array>& array, const std::shared_ptr<arrow::DataType>& target,
    const std::string& column) {
  const auto& from = static_cast<const arrow::TimestampType&>(*array->type());
  const auto& to = static_cast<const arrow::TimestampType&>(*target);
  const int64_t from_units = UnitsPerSecond(from.unit());
  const int64_t to_units = UnitsPerSecond(to.unit());
  if (from_units <= to_units) {
    auto cast = arrow::compute::Cast(*array, target, arrow::compute::CastOptions::Safe(target));
    if (!cast.ok()) {
      return arrow::Status::Invalid("column '", column,
                                    "' holds a timestamp out of range: ", cast.status().message());
    }
    return cast;
  }
  const int64_t divisor = from_units / to_units;
  const arrow::ArrayData& data = *array->data();
  const int64_t full_length = data.offset + data.length;
  ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Buffer> values,
                        arrow::AllocateBuffer(full_length * int64_t{sizeof(int64_t)}));
  const int64_t* in = data.GetValues<int64_t>(1, 0);
  auto* out = reinterpret_cast<int64_t*>(values->mutable_data());
  for (int64_t i = data.offset; i < full_length; ++i) out[i] = FloorDiv(in[i], divisor);
  return arrow::MakeArray(arrow::ArrayData::Make(target, data.length, {data.buffers[0], values},
                                                 data.null_count.load(), data.offset));
}

}  // namespace

int64_t UnitsPerSecond(arrow::TimeUnit::type unit) {
  switch (unit) {
    case arrow::TimeUnit::SECOND:
      return 1;
    case arrow::TimeUnit::MILLI:
      return 1000;
    case arrow::TimeUnit::MICRO:
      return 1000000;
    case arrow::TimeUnit::NANO:
      return 1000000000;
  }
  return 1;
}

int FindField(const arrow::FieldVector& candidates, const arrow::Field& wanted) {
  if (auto id = FieldId(wanted)) {
    bool any_ids = false;
    for (size_t i = 0; i < candidates.size(); ++i) {
      auto candidate_id = FieldId(*candidates[i]);
      any_ids = any_ids || candidate_id.has_value();
      if (candidate_id == id) return static_cast<int>(i);
    }
    if (any_ids) return -1;
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i]->name() == wanted.name()) return static_cast<int>(i);
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (EqualsIgnoreCase(candidates[i]->name(), wanted.name())) return static_cast<int>(i);
  }
  return -1;
}

bool IsCompatibleLeaf(const arrow::DataType& from, const arrow::DataType& to) {
  if (from.Equals(to)) return true;
  auto f = from.id();
  auto t = to.id();
  if (arrow::is_integer(f) && arrow::is_integer(t)) {
    bool from_signed = arrow::is_signed_integer(f);
    bool to_signed = arrow::is_signed_integer(t);
    if (from_signed && !to_signed) return false;
    if (from_signed == to_signed) return BitWidthOf(to) >= BitWidthOf(from);
    return BitWidthOf(to) > BitWidthOf(from);  // unsigned -> wider signed
  }
  if (arrow::is_integer(f) && t == arrow::Type::DOUBLE) return true;
  if (f == arrow::Type::FLOAT && t == arrow::Type::DOUBLE) return true;
  if (arrow::is_integer(f) && arrow::is_decimal(t)) return true;  // overflow checked on cast
  if (arrow::is_decimal(f) && arrow::is_decimal(t)) {
    const auto& fd = static_cast<const arrow::DecimalType&>(from);
    const auto& td = static_cast<const arrow::DecimalType&>(to);
    return td.scale() >= fd.scale() && td.precision() - td.scale() >= fd.precision() - fd.scale();
  }
  if (f == arrow::Type::DATE32 && t == arrow::Type::TIMESTAMP) return true;
  if (f == arrow::Type::DATE64 && t == arrow::Type::DATE32) return true;
  if (f == arrow::Type::TIMESTAMP && t == arrow::Type::TIMESTAMP) return true;
  if (IsStringLike(f) && IsStringLike(t)) return true;
  if (IsBinaryLike(f) && IsBinaryLike(t) && t != arrow::Type::FIXED_SIZE_BINARY) return true;
  return false;
}

arrow::Result<std::shared_ptr<arrow::Array>> ConformArray(
    const std::shared_ptr<arrow::Array>& array, const std::shared_ptr<arrow::DataType>& target,
    const std::string& column) {
  const auto& source = *array->type();
  // Metadata counts: nested fields must come back exactly as requested (ids included).
  if (source.Equals(*target, /*check_metadata=*/true)) return array;
  if (source.id() == arrow::Type::NA) return arrow::MakeArrayOfNull(target, array->length());
  switch (target->id()) {
    case arrow::Type::STRUCT:
      if (source.id() != arrow::Type::STRUCT) return Incompatible(column, source, *target);
      return ConformStruct(array, target, column);
    case arrow::Type::LIST:
    case arrow::Type::LARGE_LIST:
      if (!IsListLike(source.id())) return Incompatible(column, source, *target);
      return ConformList(array, target, column);
    case arrow::Type::MAP:
      if (source.id() != arrow::Type::MAP) return Incompatible(column, source, *target);
      return ConformMap(array, target, column);
    default:
      break;
  }
  if (!IsCompatibleLeaf(source, *target)) return Incompatible(column, source, *target);
  if (source.id() == arrow::Type::TIMESTAMP && target->id() == arrow::Type::TIMESTAMP) {
    return ConformTimestamp(array, target, column);
  }
  arrow::compute::CastOptions options = arrow::compute::CastOptions::Safe(target);
  options.allow_time_truncate = true;  // date64 milliseconds -> date32 days
  auto cast = arrow::compute::Cast(*array, target, options);
  if (!cast.ok()) {
    return arrow::Status::Invalid("column '", column, "': ", cast.status().message());
  }
  return cast;
}

}  // namespace delta::engine
