#include "engine/spark_rebase.h"

#include <parquet/schema.h>

#include <string>

#include "engine/column_conform.h"
#include "scan/partition_values.h"

namespace delta::engine {

namespace {

int64_t UnitsPerDay(const arrow::DataType& type) {
  if (type.id() == arrow::Type::DATE32) return 1;
  return 86400 * UnitsPerSecond(static_cast<const arrow::TimestampType&>(type).unit());
}

template <typename T>
arrow::Result<std::shared_ptr<arrow::Array>> RebaseValues(
    const std::shared_ptr<arrow::Array>& array) {
  const arrow::ArrayData& data = *array->data();
  const int64_t per_day = UnitsPerDay(*array->type());
  const int64_t end = data.offset + data.length;
  const T* in = data.GetValues<T>(1, 0);
  bool ancient = false;
  for (int64_t i = data.offset; i < end && !ancient; ++i) {
    ancient = array->IsValid(i - data.offset) && FloorDiv(in[i], per_day) < kGregorianCalendarStart;
  }
  if (!ancient) return array;
  ARROW_ASSIGN_OR_RAISE(std::shared_ptr<arrow::Buffer> values,
                        arrow::AllocateBuffer(end * int64_t{sizeof(T)}));
  T* out = reinterpret_cast<T*>(values->mutable_data());
  for (int64_t i = data.offset; i < end; ++i) {
    out[i] = in[i];
    const int64_t days = FloorDiv(in[i], per_day);
    const int64_t rebased = RebaseJulianToGregorianDays(days);
    // Only days after Julian day 0 (year -4712) move, by a few days: in range for every unit
    // (nanoseconds never reach back to 1582).
    if (rebased != days && array->IsValid(i - data.offset)) {
      out[i] = static_cast<T>(rebased * per_day + (in[i] - days * per_day));
    }
  }
  return arrow::MakeArray(arrow::ArrayData::Make(
      array->type(), data.length, {data.buffers[0], values}, data.null_count.load(), data.offset));
}

const parquet::arrow::SchemaField* ChildNamed(const parquet::arrow::SchemaField& field,
                                              const std::string& name) {
  for (const auto& child : field.children) {
    if (child.field->name() == name) return &child;
  }
  return nullptr;
}

}  // namespace

SparkRebase SparkRebaseOf(const std::shared_ptr<const arrow::KeyValueMetadata>& file_metadata) {
  SparkRebase out;
  if (file_metadata == nullptr) return out;
  auto version = file_metadata->Get("org.apache.spark.version");
  if (!version.ok()) return out;  // not written by Spark: proleptic Gregorian
  // Spark compares the version strings lexicographically; so does this.
  out.dates = *version < "3.0.0" || file_metadata->Contains("org.apache.spark.legacyDateTime");
  out.int96 = *version < "3.1.0" || file_metadata->Contains("org.apache.spark.legacyINT96");
  return out;
}

arrow::Result<std::shared_ptr<arrow::Array>> RebaseSparkLegacy(
    const std::shared_ptr<arrow::Array>& array, const parquet::arrow::SchemaField& field,
    const parquet::SchemaDescriptor& schema, const SparkRebase& rebase) {
  const arrow::Type::type id = array->type_id();
  if (field.is_leaf()) {
    if (field.column_index < 0 || field.column_index >= schema.num_columns()) return array;
    const bool int96 = schema.Column(field.column_index)->physical_type() == parquet::Type::INT96;
    if (id == arrow::Type::DATE32 && rebase.dates) return RebaseValues<int32_t>(array);
    if (id == arrow::Type::TIMESTAMP && (int96 ? rebase.int96 : rebase.dates)) {
      return RebaseValues<int64_t>(array);
    }
    return array;
  }
  std::shared_ptr<arrow::ArrayData> data = array->data();
  std::shared_ptr<arrow::ArrayData> copy;
  for (size_t i = 0; i < data->child_data.size(); ++i) {
    const parquet::arrow::SchemaField* child = nullptr;
    if (id == arrow::Type::STRUCT) {
      child = ChildNamed(field, array->type()->field(static_cast<int>(i))->name());
    } else if (field.children.size() == 1) {
      child = &field.children[0];  // list elements, map entries
    }
    if (child == nullptr) continue;
    auto before = arrow::MakeArray(data->child_data[i]);
    ARROW_ASSIGN_OR_RAISE(auto after, RebaseSparkLegacy(before, *child, schema, rebase));
    if (after == before) continue;
    if (copy == nullptr) copy = data->Copy();
    copy->child_data[i] = after->data();
  }
  return copy == nullptr ? array : arrow::MakeArray(copy);
}

}  // namespace delta::engine
