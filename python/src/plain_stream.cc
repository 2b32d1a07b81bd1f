// _plain_stream and _plain_array_stream: Arrow data handed to the kernel, with the encodings
// Delta has no type of replaced lazily (batch by batch) by the plain types they encode. Done
// here, with the module's own Arrow C++, so writing needs no pyarrow: polars, duckdb or
// nanoarrow data works as it is (polars sends string_view).
#include <arrow/c/bridge.h>
#include <arrow/compute/cast.h>
#include <arrow/record_batch.h>
#include <arrow/type.h>
#include <nanobind/stl/string.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"

namespace delta::python {

namespace {

std::shared_ptr<arrow::Field> PlainField(const std::shared_ptr<arrow::Field>& f);

// String/binary views and large variants, list views and large lists, dictionaries become the
// plain type; timestamps of other units microseconds (Delta's unit; the cast is safe, so
// sub-microsecond values are an error, never truncated).
std::shared_ptr<arrow::DataType> PlainType(const std::shared_ptr<arrow::DataType>& t) {
  switch (t->id()) {
    case arrow::Type::STRING_VIEW:
    case arrow::Type::LARGE_STRING:
      return arrow::utf8();
    case arrow::Type::BINARY_VIEW:
    case arrow::Type::LARGE_BINARY:
      return arrow::binary();
    case arrow::Type::DICTIONARY:
      return PlainType(static_cast<const arrow::DictionaryType&>(*t).value_type());
    case arrow::Type::TIMESTAMP: {
      const auto& ts = static_cast<const arrow::TimestampType&>(*t);
      if (ts.unit() == arrow::TimeUnit::MICRO) return t;
      return arrow::timestamp(arrow::TimeUnit::MICRO, ts.timezone());
    }
    case arrow::Type::MAP: {
      const auto& map = static_cast<const arrow::MapType&>(*t);
      return std::make_shared<arrow::MapType>(PlainField(map.key_field()),
                                              PlainField(map.item_field()), map.keys_sorted());
    }
    case arrow::Type::LIST:
    case arrow::Type::LARGE_LIST:
    case arrow::Type::LIST_VIEW:
    case arrow::Type::LARGE_LIST_VIEW:
      return arrow::list(PlainField(t->field(0)));
    case arrow::Type::STRUCT: {
      std::vector<std::shared_ptr<arrow::Field>> fields;
      for (const auto& f : t->fields()) fields.push_back(PlainField(f));
      return arrow::struct_(std::move(fields));
    }
    default:
      return t;
  }
}

std::shared_ptr<arrow::Field> PlainField(const std::shared_ptr<arrow::Field>& f) {
  return f->WithType(PlainType(f->type()));
}

// Casts each batch of `source` to `target` (same field names, plain types).
class CastingReader : public arrow::RecordBatchReader {
 public:
  CastingReader(std::shared_ptr<arrow::RecordBatchReader> source,
                std::shared_ptr<arrow::Schema> target)
      : source_(std::move(source)), target_(std::move(target)) {}

  std::shared_ptr<arrow::Schema> schema() const override { return target_; }

  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* out) override {
    std::shared_ptr<arrow::RecordBatch> batch;
    ARROW_RETURN_NOT_OK(source_->ReadNext(&batch));
    if (batch == nullptr) {
      *out = nullptr;
      return arrow::Status::OK();
    }
    std::vector<std::shared_ptr<arrow::Array>> columns;
    columns.reserve(batch->num_columns());
    for (int i = 0; i < batch->num_columns(); ++i) {
      const auto& type = target_->field(i)->type();
      std::shared_ptr<arrow::Array> column = batch->column(i);
      if (!column->type()->Equals(*type)) {
        ARROW_ASSIGN_OR_RAISE(
            column, arrow::compute::Cast(*column, type, arrow::compute::CastOptions::Safe(type)));
      }
      columns.push_back(std::move(column));
    }
    *out = arrow::RecordBatch::Make(target_, batch->num_rows(), std::move(columns));
    return arrow::Status::OK();
  }

  arrow::Status Close() override { return source_->Close(); }

 private:
  std::shared_ptr<arrow::RecordBatchReader> source_;
  std::shared_ptr<arrow::Schema> target_;
};

void ThrowIfArrowError(const arrow::Status& st, const char* what) {
  if (!st.ok()) throw StatusError(Status::InvalidArgument(std::string(what) + ": " + st.message()));
}

// The capsule of `reader`'s rows with plain types (the reader itself when it has them).
nb::object PlainCapsule(std::shared_ptr<arrow::RecordBatchReader> reader, const char* what) {
  const auto& schema = reader->schema();
  std::vector<std::shared_ptr<arrow::Field>> fields;
  for (const auto& f : schema->fields()) fields.push_back(PlainField(f));
  auto target = arrow::schema(std::move(fields), schema->metadata());
  if (!target->Equals(*schema, /*check_metadata=*/false)) {
    reader = std::make_shared<CastingReader>(std::move(reader), std::move(target));
  }
  ArrowStreamHandle out;
  ThrowIfArrowError(arrow::ExportRecordBatchReader(reader, out.get()), what);
  return StreamCapsule(std::move(out));
}

nb::object PlainStream(nb::handle capsule, const std::string& what) {
  ArrowStreamHandle stream = StreamFromCapsule(capsule, what.c_str());
  auto reader = arrow::ImportRecordBatchReader(stream.get());
  ThrowIfArrowError(reader.status(), what.c_str());
  return PlainCapsule(std::move(reader).ValueUnsafe(), what.c_str());
}

// One struct array (a record batch) as a stream of that one batch.
nb::object PlainArrayStream(nb::handle schema_capsule, nb::handle array_capsule,
                            const std::string& what) {
  ArrowSchemaHandle schema = SchemaFromCapsule(schema_capsule, what.c_str());
  ArrowArrayHandle array = ArrayFromCapsule(array_capsule, what.c_str());
  auto batch = arrow::ImportRecordBatch(array.get(), schema.get());
  ThrowIfArrowError(batch.status(), what.c_str());
  auto reader = arrow::RecordBatchReader::Make({std::move(batch).ValueUnsafe()});
  ThrowIfArrowError(reader.status(), what.c_str());
  return PlainCapsule(std::move(reader).ValueUnsafe(), what.c_str());
}

}  // namespace

void RegisterPlainStream(nb::module_& m) {
  m.def("_plain_stream", &PlainStream, nb::arg("capsule"), nb::arg("what"),
        "The rows of an \"arrow_array_stream\" capsule as a new such capsule, with types Delta "
        "lacks cast lazily to the plain types they encode.");
  m.def("_plain_array_stream", &PlainArrayStream, nb::arg("schema_capsule"),
        nb::arg("array_capsule"), nb::arg("what"),
        "The same for one struct array (\"arrow_schema\" and \"arrow_array\" capsules).");
}

}  // namespace delta::python
