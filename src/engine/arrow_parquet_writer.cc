#include "engine/arrow_parquet_writer.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include <arrow/array.h>
#include <arrow/c/bridge.h>
#include <arrow/io/interfaces.h>
#include <arrow/record_batch.h>
#include <arrow/type.h>
#include <arrow/util/byte_size.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include "delta/value_text.h"
#include "engine/arrow_status.h"
#include "engine/column_conform.h"
#include "engine/constraint_check.h"
#include "engine/file_stats.h"
#include "protocol/partition_path.h"
#include "protocol/uri.h"
#include "scan/scan_arrow_schema.h"
#include "scan/scan_columns.h"
#include "util/uuid.h"

namespace delta::engine {
namespace {

// An arrow::io::OutputStream over the engine's create-if-absent stream: the file appears, whole,
// on Close().
class CreateSink final : public arrow::io::OutputStream {
 public:
  explicit CreateSink(std::unique_ptr<delta::OutputStream> out) : out_(std::move(out)) {}
  arrow::Status Write(const void* data, int64_t nbytes) override {
    if (out_ == nullptr) return arrow::Status::Invalid("write to an abandoned file");
    Status st =
        out_->Write(std::string_view(static_cast<const char*>(data), static_cast<size_t>(nbytes)));
    if (!st.ok()) return ToArrowStatus(st);
    position_ += nbytes;
    return arrow::Status::OK();
  }
  arrow::Status Close() override {
    if (closed_) return arrow::Status::OK();
    closed_ = true;
    return out_ == nullptr ? arrow::Status::OK() : ToArrowStatus(out_->Close());
  }
  arrow::Result<int64_t> Tell() const override { return position_; }
  /// Drops the file unpublished (a failed write leaves nothing behind).
  void Abandon() {
    out_.reset();
    closed_ = true;
  }
  bool closed() const override { return closed_; }

 private:
  std::unique_ptr<delta::OutputStream> out_;
  int64_t position_ = 0;
  bool closed_ = false;
};

Status Mismatch(const std::string& column, const std::string& what) {
  return Status::InvalidArgument("column '" + column + "' " + what);
}

// Whether `got` has the shape of `want` (the table's Arrow type): same type ids, precision,
// units; any time zone for timestamps with one; child names of lists and maps may differ.
bool SameShape(const arrow::DataType& want, const arrow::DataType& got) {
  if (want.id() != got.id()) return false;
  switch (want.id()) {
    case arrow::Type::TIMESTAMP: {
      const auto& a = static_cast<const arrow::TimestampType&>(want);
      const auto& b = static_cast<const arrow::TimestampType&>(got);
      return a.unit() == b.unit() && a.timezone().empty() == b.timezone().empty();
    }
    case arrow::Type::STRUCT:
      if (want.num_fields() != got.num_fields()) return false;
      for (int i = 0; i < want.num_fields(); ++i) {
        if (want.field(i)->name() != got.field(i)->name() ||
            !SameShape(*want.field(i)->type(), *got.field(i)->type())) {
          return false;
        }
      }
      return true;
    case arrow::Type::LIST:
    case arrow::Type::MAP:
      for (int i = 0; i < want.num_fields(); ++i) {
        if (!SameShape(*want.field(i)->type(), *got.field(i)->type())) return false;
      }
      return true;
    default:
      return want.Equals(got);
  }
}

// A null in a position `type` says cannot hold one. `parent_valid` = rows whose enclosing
// structs are all non-null (null = every row).
Status CheckNulls(const arrow::Array& arr, const DataType& type, const std::string& where,
                  const arrow::Array* parent) {
  if (const StructType* st = type.as_struct()) {
    const auto& sa = static_cast<const arrow::StructArray&>(arr);
    for (size_t k = 0; k < st->num_fields(); ++k) {
      const StructField& f = st->fields()[k];
      auto child = sa.field(static_cast<int>(k));
      std::string path = where + "." + f.name;
      if (!f.nullable && child->null_count() > 0) {
        for (int64_t i = 0; i < child->length(); ++i) {
          if (child->IsNull(i) && sa.IsValid(i) && (parent == nullptr || parent->IsValid(i))) {
            return Mismatch(path, "is not nullable but holds a null");
          }
        }
      }
      DELTA_RETURN_NOT_OK(CheckNulls(*child, *f.type, path, &sa));
    }
  } else if (const ArrayType* at = type.as_array()) {
    auto values = static_cast<const arrow::ListArray&>(arr).values();
    if (!at->contains_null() && values->null_count() > 0) {
      return Mismatch(where, "holds a null element but its elements are not nullable");
    }
    DELTA_RETURN_NOT_OK(CheckNulls(*values, *at->element_type(), where + ".element", nullptr));
  } else if (const MapType* mt = type.as_map()) {
    const auto& ma = static_cast<const arrow::MapArray&>(arr);
    if (!mt->value_contains_null() && ma.items()->null_count() > 0) {
      return Mismatch(where, "holds a null map value but its values are not nullable");
    }
    DELTA_RETURN_NOT_OK(CheckNulls(*ma.keys(), *mt->key_type(), where + ".key", nullptr));
    DELTA_RETURN_NOT_OK(CheckNulls(*ma.items(), *mt->value_type(), where + ".value", nullptr));
  }
  return Status::OK();
}

// The partition value text of row `i` of `arr`: nullopt for null and, as Spark writes them,
// for empty strings.
Result<std::optional<std::string>> PartitionText(const arrow::Array& arr, int64_t i,
                                                 const DataType& type, const std::string& name) {
  if (arr.IsNull(i)) return std::optional<std::string>();
  std::optional<Literal> lit;
  switch (arr.type_id()) {
    case arrow::Type::STRING: {
      std::string v(static_cast<const arrow::StringArray&>(arr).GetView(i));
      if (v.empty()) return std::optional<std::string>();
      return std::optional<std::string>(std::move(v));
    }
    case arrow::Type::BINARY: {
      std::string v(static_cast<const arrow::BinaryArray&>(arr).GetView(i));
      if (v.empty()) return std::optional<std::string>();
      return std::optional<std::string>(std::move(v));
    }
    case arrow::Type::BOOL:
      lit = Literal::Boolean(static_cast<const arrow::BooleanArray&>(arr).Value(i));
      break;
    case arrow::Type::INT8:
      lit = Literal::Byte(static_cast<const arrow::Int8Array&>(arr).Value(i));
      break;
    case arrow::Type::INT16:
      lit = Literal::Short(static_cast<const arrow::Int16Array&>(arr).Value(i));
      break;
    case arrow::Type::INT32:
      lit = Literal::Integer(static_cast<const arrow::Int32Array&>(arr).Value(i));
      break;
    case arrow::Type::INT64:
      lit = Literal::Long(static_cast<const arrow::Int64Array&>(arr).Value(i));
      break;
    case arrow::Type::FLOAT:
      lit = Literal::Float(static_cast<const arrow::FloatArray&>(arr).Value(i));
      break;
    case arrow::Type::DOUBLE:
      lit = Literal::Double(static_cast<const arrow::DoubleArray&>(arr).Value(i));
      break;
    case arrow::Type::DATE32:
      lit = Literal::Date(static_cast<const arrow::Date32Array&>(arr).Value(i));
      break;
    case arrow::Type::TIMESTAMP: {
      int64_t v = static_cast<const arrow::TimestampArray&>(arr).Value(i);
      lit =
          type.kind() == TypeKind::kTimestampNtz ? Literal::TimestampNtz(v) : Literal::Timestamp(v);
      break;
    }
    case arrow::Type::DECIMAL128: {
      const auto& dt = static_cast<const arrow::Decimal128Type&>(*arr.type());
      arrow::Decimal128 v(static_cast<const arrow::Decimal128Array&>(arr).GetValue(i));
      return std::optional<std::string>(v.ToString(dt.scale()));
    }
    default:
      return Status::InvalidArgument("partition column '" + name + "' has type " + type.ToString() +
                                     ", which cannot be a partition column");
  }
  return std::optional<std::string>(PartitionValueText(*lit));
}

std::string CodecSuffix(parquet::Compression::type codec) {
  switch (codec) {
    case parquet::Compression::SNAPPY:
      return ".snappy";
    case parquet::Compression::ZSTD:
      return ".zstd";
    case parquet::Compression::GZIP:
      return ".gz";
    case parquet::Compression::LZ4:
      return ".lz4";
    default:
      return "";
  }
}

Result<parquet::Compression::type> ParseCodec(const std::string& name) {
  if (name == "snappy") return parquet::Compression::SNAPPY;
  if (name == "zstd") return parquet::Compression::ZSTD;
  if (name == "gzip") return parquet::Compression::GZIP;
  if (name == "lz4") return parquet::Compression::LZ4;
  if (name == "uncompressed" || name == "none") return parquet::Compression::UNCOMPRESSED;
  return Status::InvalidArgument("unknown Parquet compression '" + name + "'");
}

// One data file being written.
struct OpenFile {
  std::string location;
  WrittenFile result;
  std::shared_ptr<CreateSink> sink;
  std::unique_ptr<parquet::arrow::FileWriter> writer;
  std::unique_ptr<FileStatsCollector> stats;
  int64_t buffered_bytes = 0;  // uncompressed estimate of the row group not yet flushed
};

// The state of one Write call.
class WriteJob {
 public:
  WriteJob(FileSystem& fs, std::string_view root, const ParquetWriteOptions& options)
      : fs_(fs), root_(root), options_(options) {}

  Status Run(const StructType& schema, const std::vector<std::string>& partition_columns,
             ArrowArrayStream* data);
  std::vector<WrittenFile> Take() { return std::move(done_); }
  /// After a failure: the files still open are dropped unpublished.
  void Abandon() {
    for (auto& [key, file] : open_) file.sink->Abandon();
    open_.clear();
  }

 private:
  Status Prepare(const StructType& schema, const std::vector<std::string>& partition_columns);
  Status WriteBatch(const arrow::RecordBatch& batch);
  Status WriteRun(const std::string& key,
                  const std::vector<std::pair<std::string, std::optional<std::string>>>& values,
                  const std::vector<std::shared_ptr<arrow::Array>>& data_columns, int64_t offset,
                  int64_t length);
  Result<OpenFile*> Open(
      const std::string& key,
      const std::vector<std::pair<std::string, std::optional<std::string>>>& values);
  Status Finish(OpenFile& file);

  FileSystem& fs_;
  std::string root_;
  const ParquetWriteOptions& options_;
  parquet::Compression::type codec_ = parquet::Compression::SNAPPY;
  std::shared_ptr<arrow::Schema> table_arrow_;  // logical, what the input must look like
  std::shared_ptr<arrow::Schema> file_arrow_;   // physical, what the files hold
  std::vector<StructField> table_fields_;
  std::vector<int> partition_index_;  // into table_fields_
  std::vector<int> data_index_;       // into table_fields_
  std::vector<StructField> data_fields_;
  std::map<std::string, OpenFile> open_;
  std::vector<WrittenFile> done_;
  ConstraintChecker constraints_;
  int part_ = 0;
  int64_t bytes_per_row_ = 0;  // of the batch being written, uncompressed
};

Status WriteJob::Prepare(const StructType& schema,
                         const std::vector<std::string>& partition_columns) {
  DELTA_ASSIGN_OR_RETURN(codec_, ParseCodec(options_.compression));
  DELTA_ASSIGN_OR_RETURN(constraints_, ConstraintChecker::Make(options_.constraints));
  if (options_.row_group_rows < 1 || options_.target_file_size < 1) {
    return Status::InvalidArgument("row_group_rows and target_file_size must be positive");
  }
  table_fields_ = schema.fields();
  for (const std::string& p : partition_columns) {
    int idx = schema.FieldIndex(p);
    if (idx < 0)
      return Status::InvalidArgument("partition column '" + p + "' is not in the schema");
    partition_index_.push_back(idx);
  }
  std::vector<StructField> physical;
  for (size_t i = 0; i < table_fields_.size(); ++i) {
    if (std::find(partition_index_.begin(), partition_index_.end(), static_cast<int>(i)) !=
        partition_index_.end()) {
      continue;
    }
    data_index_.push_back(static_cast<int>(i));
    data_fields_.push_back(table_fields_[i]);
    DELTA_ASSIGN_OR_RETURN(StructField pf,
                           PhysicalField(table_fields_[i], options_.column_mapping));
    physical.push_back(std::move(pf));
  }
  for (const std::string& name : options_.hidden_columns) {
    if (schema.FieldIgnoreCase(name) != nullptr) {
      return Status::InvalidArgument("hidden column '" + name + "' is also a table column");
    }
    physical.push_back(StructField{name, PrimitiveType::Make(TypeKind::kLong), true, {}});
  }
  DELTA_ASSIGN_OR_RETURN(ArrowSchemaHandle logical, ToArrowSchema(schema, false));
  auto imported = arrow::ImportSchema(logical.get());
  if (!imported.ok()) return DataStatus(imported.status(), "table schema");
  table_arrow_ = *imported;
  DELTA_ASSIGN_OR_RETURN(ArrowSchemaHandle file_c,
                         ToArrowSchema(StructType(std::move(physical)),
                                       options_.column_mapping == ColumnMappingMode::kId));
  auto file_imported = arrow::ImportSchema(file_c.get());
  if (!file_imported.ok()) return DataStatus(file_imported.status(), "file schema");
  file_arrow_ = *file_imported;
  return Status::OK();
}

Result<OpenFile*> WriteJob::Open(
    const std::string& key,
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values) {
  char part[16];
  std::snprintf(part, sizeof(part), "%05d", part_++);
  std::string name = "part-" + std::string(part) + "-" + UuidText(RandomUuid()) + "-c000" +
                     CodecSuffix(codec_) + ".parquet";
  std::string relative = PartitionFolder(values) + name;
  OpenFile file;
  file.result.path = EncodeLogPath(relative);
  for (const auto& [column, value] : values) file.result.partition_values[column] = value;
  // Where readers will look for it: the root joined with the logged path.
  file.location = root_ + "/" + (HasUriScheme(root_) ? file.result.path : relative);
  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<delta::OutputStream> out,
                         fs_.OpenForCreate(file.location));
  file.sink = std::make_shared<CreateSink>(std::move(out));
  parquet::WriterProperties::Builder props;
  props.compression(codec_)->max_row_group_length(options_.row_group_rows);
  // Statistics in the footer let readers skip row groups; Spark writes them too.
  props.enable_statistics();
  parquet::ArrowWriterProperties::Builder arrow_props;
  arrow_props.coerce_timestamps(arrow::TimeUnit::MICRO);
  auto writer = parquet::arrow::FileWriter::Open(*file_arrow_, arrow::default_memory_pool(),
                                                 file.sink, props.build(), arrow_props.build());
  if (!writer.ok()) return StorageStatus(writer.status(), "create", file.location);
  file.writer = std::move(*writer);
  file.stats = std::make_unique<FileStatsCollector>(
      data_fields_, options_.num_indexed_cols, options_.stats_columns,
      options_.column_mapping != ColumnMappingMode::kNone);
  auto [it, inserted] = open_.emplace(key, std::move(file));
  (void)inserted;
  return &it->second;
}

Status WriteJob::Finish(OpenFile& file) {
  arrow::Status st = file.writer->Close();
  if (st.ok()) st = file.sink->Close();
  if (!st.ok()) return StorageStatus(st, "write", file.location);
  DELTA_ASSIGN_OR_RETURN(FileInfo info, fs_.Head(file.location));
  file.result.size = info.size;
  file.result.modification_time = info.modification_time_ms;
  file.result.num_records = file.stats->num_records();
  file.result.stats = file.stats->ToJson(options_.tight_bounds);
  done_.push_back(std::move(file.result));
  return Status::OK();
}

Status WriteJob::WriteRun(
    const std::string& key,
    const std::vector<std::pair<std::string, std::optional<std::string>>>& values,
    const std::vector<std::shared_ptr<arrow::Array>>& data_columns, int64_t offset,
    int64_t length) {
  auto it = open_.find(key);
  OpenFile* file = nullptr;
  if (it != open_.end()) {
    file = &it->second;
  } else {
    DELTA_ASSIGN_OR_RETURN(file, Open(key, values));
  }
  std::vector<std::shared_ptr<arrow::Array>> logical;
  std::vector<std::shared_ptr<arrow::Array>> physical;
  for (size_t c = 0; c < data_columns.size(); ++c) {
    auto slice = data_columns[c]->Slice(offset, length);
    // Same layout, physical field names: a view, no copy.
    auto view = slice->View(file_arrow_->field(static_cast<int>(c))->type());
    if (!view.ok())
      return DataStatus(view.status(), file_arrow_->field(static_cast<int>(c))->name());
    physical.push_back(*view);
    // Statistics cover the table's columns only, not the hidden ones after them.
    if (c < data_fields_.size()) logical.push_back(std::move(slice));
  }
  auto batch = arrow::RecordBatch::Make(file_arrow_, length, std::move(physical));
  arrow::Status st = file->writer->WriteRecordBatch(*batch);
  if (!st.ok()) return StorageStatus(st, "write", file->location);
  file->stats->Add(logical, length);
  // Flushed bytes are exact, buffered ones an uncompressed estimate: once both together reach
  // the target the row group is flushed, and the file closed when it is within 1/8 of it.
  file->buffered_bytes += bytes_per_row_ * length;
  const int64_t target = options_.target_file_size;
  if (file->sink->Tell().ValueOr(0) + file->buffered_bytes < target) return Status::OK();
  st = file->writer->NewBufferedRowGroup();
  if (!st.ok()) return StorageStatus(st, "write", file->location);
  file->buffered_bytes = 0;
  if (file->sink->Tell().ValueOr(0) >= target - target / 8) {
    OpenFile done = std::move(*file);
    open_.erase(key);
    DELTA_RETURN_NOT_OK(Finish(done));
  }
  return Status::OK();
}

Status WriteJob::WriteBatch(const arrow::RecordBatch& batch) {
  // Columns in table order, matched by name (exactly, else case-insensitively), reshaped to
  // the table's types where that is safe (string views, other timestamp units, narrower
  // integers, missing nested fields), and missing nullable columns written as nulls.
  const int64_t rows = batch.num_rows();
  std::vector<std::shared_ptr<arrow::Array>> columns;
  std::vector<bool> used(static_cast<size_t>(batch.num_columns()), false);
  for (int i = 0; i < table_arrow_->num_fields(); ++i) {
    const auto& want = table_arrow_->field(i);
    const StructField& field = table_fields_[static_cast<size_t>(i)];
    int at = engine::FindField(batch.schema()->fields(), *want);
    std::shared_ptr<arrow::Array> col;
    if (at < 0) {
      if (const WriteConstraint* g = constraints_.GeneratedColumn(want->name())) {
        return Status::Unsupported("generated column '" + want->name() +
                                   "' is missing from the data: this writer does not compute "
                                   "generated columns; supply values satisfying " +
                                   g->sql);
      }
      if (!field.nullable) return Mismatch(field.name, "is missing from the data");
      auto nulls = arrow::MakeArrayOfNull(want->type(), rows);
      if (!nulls.ok()) return Mismatch(field.name, "cannot be filled with nulls");
      col = *nulls;
    } else {
      used[static_cast<size_t>(at)] = true;
      col = batch.column(at);
      const auto& got = batch.schema()->field(at);
      if (!SameShape(*want->type(), *got->type())) {
        auto conformed = engine::ConformArray(col, want->type(), field.name);
        if (!conformed.ok()) {
          return Mismatch(field.name, "has type " + got->type()->ToString() + " in the data but " +
                                          field.type->ToString() + " in the table");
        }
        col = *conformed;
      }
    }
    if (!field.nullable && col->null_count() > 0) {
      return Mismatch(field.name, "is not nullable but holds a null");
    }
    DELTA_RETURN_NOT_OK(CheckNulls(*col, *field.type, field.name, nullptr));
    columns.push_back(std::move(col));
  }
  // Hidden columns: by exact name, nulls where the data has none.
  std::vector<std::shared_ptr<arrow::Array>> hidden;
  for (const std::string& name : options_.hidden_columns) {
    int at = batch.schema()->GetFieldIndex(name);
    std::shared_ptr<arrow::Array> col;
    if (at < 0) {
      auto nulls = arrow::MakeArrayOfNull(arrow::int64(), rows);
      if (!nulls.ok()) return Mismatch(name, "cannot be filled with nulls");
      col = *nulls;
    } else {
      used[static_cast<size_t>(at)] = true;
      col = batch.column(at);
      if (col->type_id() != arrow::Type::INT64) {
        return Mismatch(name, "has type " + col->type()->ToString() + " in the data but long");
      }
    }
    hidden.push_back(std::move(col));
  }
  for (int j = 0; j < batch.num_columns(); ++j) {
    if (!used[static_cast<size_t>(j)]) {
      return Mismatch(batch.schema()->field(j)->name(), "is not in the table schema");
    }
  }
  // Every row must pass before any row of the batch is written.
  DELTA_RETURN_NOT_OK(constraints_.Check(*arrow::RecordBatch::Make(table_arrow_, rows, columns)));
  std::vector<std::shared_ptr<arrow::Array>> data_columns;
  for (int i : data_index_) data_columns.push_back(columns[static_cast<size_t>(i)]);
  data_columns.insert(data_columns.end(), hidden.begin(), hidden.end());
  bytes_per_row_ = 0;
  if (batch.num_rows() > 0) {
    int64_t bytes = 0;
    for (const auto& c : data_columns) bytes += arrow::util::TotalBufferSize(*c->data());
    bytes_per_row_ = bytes / batch.num_rows() + 1;
  }

  // Runs of consecutive rows with the same partition values go to the same file.
  int64_t start = 0;
  std::string run_key;
  std::vector<std::pair<std::string, std::optional<std::string>>> run_values;
  for (int64_t r = 0; r < rows; ++r) {
    std::string key;
    std::vector<std::pair<std::string, std::optional<std::string>>> values;
    for (int p : partition_index_) {
      const StructField& f = table_fields_[static_cast<size_t>(p)];
      DELTA_ASSIGN_OR_RETURN(std::optional<std::string> v,
                             PartitionText(*columns[static_cast<size_t>(p)], r, *f.type, f.name));
      key += v ? "1" + std::to_string(v->size()) + ":" + *v : "0";
      values.emplace_back(f.name, std::move(v));
    }
    if (r > 0 && key == run_key) continue;
    if (r > 0) DELTA_RETURN_NOT_OK(WriteRun(run_key, run_values, data_columns, start, r - start));
    start = r;
    run_key = std::move(key);
    run_values = std::move(values);
  }
  if (rows > 0)
    DELTA_RETURN_NOT_OK(WriteRun(run_key, run_values, data_columns, start, rows - start));
  return Status::OK();
}

Status WriteJob::Run(const StructType& schema, const std::vector<std::string>& partition_columns,
                     ArrowArrayStream* data) {
  if (data == nullptr || data->release == nullptr) {
    return Status::InvalidArgument("ParquetWriter::Write: no data stream");
  }
  auto reader = arrow::ImportRecordBatchReader(data);
  if (!reader.ok()) return Status::InvalidArgument("data stream: " + reader.status().message());
  DELTA_RETURN_NOT_OK(Prepare(schema, partition_columns));
  while (true) {
    std::shared_ptr<arrow::RecordBatch> batch;
    arrow::Status st = (*reader)->ReadNext(&batch);
    if (!st.ok()) return Status::InvalidArgument("data stream: " + st.message());
    if (batch == nullptr) break;
    DELTA_RETURN_NOT_OK(WriteBatch(*batch));
  }
  while (!open_.empty()) {
    OpenFile file = std::move(open_.begin()->second);
    open_.erase(open_.begin());
    DELTA_RETURN_NOT_OK(Finish(file));
  }
  return Status::OK();
}

}  // namespace

ArrowParquetWriter::ArrowParquetWriter(std::shared_ptr<FileSystem> fs) : fs_(std::move(fs)) {}

Result<std::vector<WrittenFile>> ArrowParquetWriter::Write(
    std::string_view table_root, const StructType& schema,
    const std::vector<std::string>& partition_columns, ArrowArrayStream* data,
    const ParquetWriteOptions& options) {
  WriteJob job(*fs_, table_root, options);
  Status st = job.Run(schema, partition_columns, data);
  if (!st.ok()) job.Abandon();
  if (data != nullptr && data->release != nullptr) data->release(data);
  DELTA_RETURN_NOT_OK(st);
  return job.Take();
}

Result<FileInfo> ArrowParquetWriter::WriteFile(std::string_view location_view,
                                               ArrowArrayStream* data,
                                               const ParquetFileWriteOptions& options) {
  const std::string location(location_view);
  if (data == nullptr || data->release == nullptr) {
    return Status::InvalidArgument("ParquetWriter::WriteFile: no data stream for " + location);
  }
  auto reader = arrow::ImportRecordBatchReader(data);
  if (!reader.ok()) return Status::InvalidArgument("data stream: " + reader.status().message());
  DELTA_ASSIGN_OR_RETURN(parquet::Compression::type codec, ParseCodec(options.compression));
  if (options.row_group_rows < 1) {
    return Status::InvalidArgument("row_group_rows must be positive");
  }
  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<delta::OutputStream> out, fs_->OpenForCreate(location));
  auto sink = std::make_shared<CreateSink>(std::move(out));
  parquet::WriterProperties::Builder props;
  props.compression(codec)->max_row_group_length(options.row_group_rows);
  props.enable_statistics();
  auto writer = parquet::arrow::FileWriter::Open(*(*reader)->schema(), arrow::default_memory_pool(),
                                                 sink, props.build());
  if (!writer.ok()) {
    sink->Abandon();
    return StorageStatus(writer.status(), "create", location);
  }
  // Any failure drops the file unpublished.
  auto fail = [&](const arrow::Status& st, const char* what) {
    sink->Abandon();
    return StorageStatus(st, what, location);
  };
  while (true) {
    std::shared_ptr<arrow::RecordBatch> batch;
    arrow::Status st = (*reader)->ReadNext(&batch);
    if (!st.ok()) {
      sink->Abandon();
      return Status::InvalidArgument("data stream for " + location + ": " + st.message());
    }
    if (batch == nullptr) break;
    st = (*writer)->WriteRecordBatch(*batch);
    if (!st.ok()) return fail(st, "write");
  }
  arrow::Status st = (*writer)->Close();
  if (!st.ok()) return fail(st, "write");
  st = sink->Close();
  if (!st.ok()) return StorageStatus(st, "write", location);
  return fs_->Head(location);
}

}  // namespace delta::engine
