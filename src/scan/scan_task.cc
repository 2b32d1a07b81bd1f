// Scan tasks as bytes (layout: docs/design/scan-tasks.md). Little-endian fixed-width integers,
// strings as u32 length + bytes, types and schemas as their protocol JSON, so a task never
// depends on this library's in-memory layout.
#include "delta/scan_task.h"

#include <bit>
#include <cstring>
#include <deque>
#include <span>
#include <utility>

#include "log/snapshot_state.h"
#include "scan/scan_extension.h"
#include "scan/scan_state.h"
#include "scan/scan_task_internal.h"
#include "scan/task_codec.h"

namespace delta {

namespace {

constexpr std::string_view kMagic = "DKST";
// Deeper expressions than any parser or builder makes: bounds the decoder's recursion.
constexpr int kMaxExpressionDepth = 1000;

// Enum values are written as their numbers: format version 1 freezes them.
static_assert(static_cast<int>(ColumnSource::kPartitionOrPhysical) == 4);
static_assert(static_cast<int>(MetadataColumn::kRowCommitVersion) == 3);
static_assert(static_cast<int>(ColumnMappingMode::kName) == 2);
static_assert(static_cast<int>(ExprKind::kCoalesce) == 11);
static_assert(static_cast<int>(CompareOp::kNullSafeEq) == 6);
static_assert(static_cast<int>(ArithmeticOp::kRemainder) == 4);

// ---------------------------------------------------------------------------------------------
// Writing

using Writer = TaskWriter;

void WriteLiteral(Writer& w, const Literal& v) {
  w.Str(v.type()->ToJson());
  w.U8(v.is_null() ? 1 : 0);
  if (v.is_null()) return;
  switch (v.kind()) {
    case TypeKind::kBoolean:
      w.U8(v.boolean_value() ? 1 : 0);
      break;
    case TypeKind::kByte:
    case TypeKind::kShort:
    case TypeKind::kInteger:
    case TypeKind::kLong:
    case TypeKind::kDate:
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNtz:
      w.I64(v.int_value());
      break;
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      w.U64(std::bit_cast<uint64_t>(v.floating_value()));
      break;
    case TypeKind::kString:
    case TypeKind::kBinary:
      w.Str(v.string_value());
      break;
    case TypeKind::kDecimal:
      w.I64(v.decimal_value().high);
      w.U64(v.decimal_value().low);
      break;
    default:
      break;  // no other kind has a non-null literal
  }
}

void WriteExpression(Writer& w, const Expression& e) {
  w.U8(static_cast<uint8_t>(e.kind));
  w.U8(static_cast<uint8_t>(e.op));
  w.U8(static_cast<uint8_t>(e.arith_op));
  w.U32(static_cast<uint32_t>(e.path.size()));
  for (const std::string& p : e.path) w.Str(p);
  w.U32(static_cast<uint32_t>(e.physical_path.size()));
  for (const std::string& p : e.physical_path) w.Str(p);
  w.U8(e.type ? 1 : 0);
  if (e.type) w.Str(e.type->ToJson());
  if (e.kind == ExprKind::kLiteral) WriteLiteral(w, e.value);
  w.U32(static_cast<uint32_t>(e.children.size()));
  for (const ExprPtr& c : e.children) WriteExpression(w, *c);
}

void WriteFile(Writer& w, const ScanFile& f) {
  w.Str(f.location);
  w.Str(f.path);
  w.I64(f.size);
  w.I64(f.modification_time);
  w.OptI64(f.num_records);
  w.U32(static_cast<uint32_t>(f.partition_values.size()));
  for (const auto& [name, value] : f.partition_values) {
    w.Str(name);
    WriteLiteral(w, value);
  }
  const DeletionVectorDescriptor* dv = f.deletion_vector;
  w.U8(dv != nullptr ? 1 : 0);
  if (dv != nullptr) {
    w.U8(static_cast<uint8_t>(dv->storage_type));
    w.Str(dv->path_or_inline);
    w.OptI64(dv->offset ? std::optional<int64_t>(*dv->offset) : std::nullopt);
    w.I32(dv->size_in_bytes);
    w.I64(dv->cardinality);
  }
  w.OptI64(f.base_row_id);
  w.OptI64(f.default_row_commit_version);
}

// The part every task of a scan shares: table, version and read spec.
void WriteReadSpec(Writer& w, const Scan& scan) {
  w.Str(scan.snapshot()->table_location());
  w.I64(scan.snapshot()->version());
  w.U8(static_cast<uint8_t>(scan.column_mapping_mode()));
  w.U8(scan.options().data_skipping ? 1 : 0);
  w.Str(scan.output_schema()->ToJson());
  w.Str(scan.working_schema()->ToJson());
  w.Str(scan.physical_schema()->ToJson());
  w.U32(static_cast<uint32_t>(scan.num_output_columns()));
  w.U32(static_cast<uint32_t>(scan.partition_columns().size()));
  for (const std::string& c : scan.partition_columns()) w.Str(c);
  w.U32(static_cast<uint32_t>(scan.transforms().size()));
  for (const ColumnTransform& t : scan.transforms()) {
    w.U8(static_cast<uint8_t>(t.source));
    w.Str(t.name);
    w.Str(t.type->ToJson());
    w.U8(t.nullable ? 1 : 0);
    w.I32(t.physical_index);
    w.Str(t.partition_column);
    w.U8(static_cast<uint8_t>(t.metadata));
  }
  w.U8(scan.bound_filter() ? 1 : 0);
  if (scan.bound_filter()) WriteExpression(w, *scan.bound_filter());
}

std::string Frame(std::string body) { return FrameTask(kMagic, kScanTaskFormatVersion, body); }

// ---------------------------------------------------------------------------------------------
// Reading

Status Corrupt(std::string what) { return Status::InvalidArgument("scan task: " + what); }

class Reader : public TaskReader {
 public:
  explicit Reader(std::string_view data) : TaskReader(data, "scan task: ") {}
};

Result<DataTypePtr> ReadType(Reader& r, std::string_view what) {
  DELTA_ASSIGN_OR_RETURN(std::string_view json, r.Str(what));
  Result<DataTypePtr> type = ParseDataType(json);
  if (!type.ok())
    return Corrupt("bad type of " + std::string(what) + ": " + type.status().message());
  return type;
}

Result<std::shared_ptr<const StructType>> ReadSchema(Reader& r, std::string_view what) {
  DELTA_ASSIGN_OR_RETURN(std::string_view json, r.Str(what));
  Result<std::shared_ptr<const StructType>> schema = ParseSchema(json);
  if (!schema.ok()) {
    return Corrupt("bad " + std::string(what) + ": " + schema.status().message());
  }
  return schema;
}

Result<Literal> ReadLiteral(Reader& r, std::string_view what) {
  DELTA_ASSIGN_OR_RETURN(DataTypePtr type, ReadType(r, what));
  DELTA_ASSIGN_OR_RETURN(bool is_null, r.Bool(what));
  if (is_null) return Literal::Null(type);
  auto in_range = [&](int64_t v, int64_t lo, int64_t hi) -> Status {
    if (v < lo || v > hi) {
      return Corrupt("value " + std::to_string(v) + " out of range for " + type->ToString() +
                     " in " + std::string(what));
    }
    return Status::OK();
  };
  switch (type->kind()) {
    case TypeKind::kBoolean: {
      DELTA_ASSIGN_OR_RETURN(bool v, r.Bool(what));
      return Literal::Boolean(v);
    }
    case TypeKind::kByte: {
      DELTA_ASSIGN_OR_RETURN(int64_t v, r.I64(what));
      DELTA_RETURN_NOT_OK(in_range(v, INT8_MIN, INT8_MAX));
      return Literal::Byte(static_cast<int8_t>(v));
    }
    case TypeKind::kShort: {
      DELTA_ASSIGN_OR_RETURN(int64_t v, r.I64(what));
      DELTA_RETURN_NOT_OK(in_range(v, INT16_MIN, INT16_MAX));
      return Literal::Short(static_cast<int16_t>(v));
    }
    case TypeKind::kInteger:
    case TypeKind::kDate: {
      DELTA_ASSIGN_OR_RETURN(int64_t v, r.I64(what));
      DELTA_RETURN_NOT_OK(in_range(v, INT32_MIN, INT32_MAX));
      return type->kind() == TypeKind::kDate ? Literal::Date(static_cast<int32_t>(v))
                                             : Literal::Integer(static_cast<int32_t>(v));
    }
    case TypeKind::kLong: {
      DELTA_ASSIGN_OR_RETURN(int64_t v, r.I64(what));
      return Literal::Long(v);
    }
    case TypeKind::kTimestamp: {
      DELTA_ASSIGN_OR_RETURN(int64_t v, r.I64(what));
      return Literal::Timestamp(v);
    }
    case TypeKind::kTimestampNtz: {
      DELTA_ASSIGN_OR_RETURN(int64_t v, r.I64(what));
      return Literal::TimestampNtz(v);
    }
    case TypeKind::kFloat:
    case TypeKind::kDouble: {
      DELTA_ASSIGN_OR_RETURN(uint64_t bits, r.U64(what));
      const double v = std::bit_cast<double>(bits);
      return type->kind() == TypeKind::kFloat ? Literal::Float(static_cast<float>(v))
                                              : Literal::Double(v);
    }
    case TypeKind::kString: {
      DELTA_ASSIGN_OR_RETURN(std::string_view v, r.Str(what));
      return Literal::String(std::string(v));
    }
    case TypeKind::kBinary: {
      DELTA_ASSIGN_OR_RETURN(std::string_view v, r.Str(what));
      return Literal::Binary(std::string(v));
    }
    case TypeKind::kDecimal: {
      Decimal128 d;
      DELTA_ASSIGN_OR_RETURN(d.high, r.I64(what));
      DELTA_ASSIGN_OR_RETURN(d.low, r.U64(what));
      const auto& dt = static_cast<const DecimalType&>(*type);
      Result<Literal> v = Literal::Decimal(d, dt.precision(), dt.scale());
      if (!v.ok())
        return Corrupt("bad decimal in " + std::string(what) + ": " + v.status().message());
      return v;
    }
    default:
      return Corrupt("a non-null " + type->ToString() + " literal in " + std::string(what));
  }
}

template <typename Enum>
Result<Enum> ReadEnum(Reader& r, uint8_t last, std::string_view what) {
  DELTA_ASSIGN_OR_RETURN(uint8_t v, r.U8(what));
  if (v > last) return Corrupt("unknown " + std::string(what) + " " + std::to_string(v));
  return static_cast<Enum>(v);
}

Result<ExprPtr> ReadExpression(Reader& r, int depth) {
  if (depth > kMaxExpressionDepth) return Corrupt("filter nested too deeply");
  auto e = std::make_shared<Expression>();
  DELTA_ASSIGN_OR_RETURN(
      e->kind, ReadEnum<ExprKind>(r, static_cast<uint8_t>(ExprKind::kCoalesce), "expression kind"));
  DELTA_ASSIGN_OR_RETURN(e->op, ReadEnum<CompareOp>(r, static_cast<uint8_t>(CompareOp::kNullSafeEq),
                                                    "comparison operator"));
  DELTA_ASSIGN_OR_RETURN(e->arith_op,
                         ReadEnum<ArithmeticOp>(r, static_cast<uint8_t>(ArithmeticOp::kRemainder),
                                                "arithmetic operator"));
  for (std::vector<std::string>* path : {&e->path, &e->physical_path}) {
    DELTA_ASSIGN_OR_RETURN(uint32_t n, r.Count("filter column path", 4));
    for (uint32_t i = 0; i < n; ++i) {
      DELTA_ASSIGN_OR_RETURN(std::string_view p, r.Str("filter column name"));
      path->emplace_back(p);
    }
  }
  DELTA_ASSIGN_OR_RETURN(bool typed, r.Bool("filter node type flag"));
  if (typed) {
    DELTA_ASSIGN_OR_RETURN(e->type, ReadType(r, "filter node"));
  }
  if (e->kind == ExprKind::kLiteral) {
    DELTA_ASSIGN_OR_RETURN(e->value, ReadLiteral(r, "filter literal"));
  }
  DELTA_ASSIGN_OR_RETURN(uint32_t n, r.Count("filter operands", 11));
  for (uint32_t i = 0; i < n; ++i) {
    DELTA_ASSIGN_OR_RETURN(ExprPtr c, ReadExpression(r, depth + 1));
    e->children.push_back(std::move(c));
  }
  return ExprPtr(std::move(e));
}

// One file as decoded; ScanFile's views and DV pointer point here.
struct OwnedFile {
  std::string path;
  std::string dv_payload;
  DeletionVectorDescriptor dv;
};

struct DecodedTask {
  uint32_t format_version = 0;
  std::string table_root;
  int64_t version = -1;
  ColumnMappingMode mapping_mode = ColumnMappingMode::kNone;
  bool data_skipping = true;
  std::shared_ptr<const StructType> output_schema;
  std::shared_ptr<const StructType> working_schema;
  std::shared_ptr<const StructType> physical_schema;
  size_t num_output_columns = 0;
  std::vector<std::string> partition_columns;
  std::vector<ColumnTransform> transforms;
  ExprPtr filter;
  std::vector<ScanFile> files;
  std::shared_ptr<std::deque<OwnedFile>> owned = std::make_shared<std::deque<OwnedFile>>();
};

Result<ScanFile> ReadFile(Reader& r, std::deque<OwnedFile>& owned) {
  ScanFile f;
  OwnedFile& o = owned.emplace_back();
  DELTA_ASSIGN_OR_RETURN(std::string_view location, r.Str("file location"));
  f.location = std::string(location);
  DELTA_ASSIGN_OR_RETURN(std::string_view path, r.Str("file path"));
  o.path = std::string(path);
  f.path = o.path;
  DELTA_ASSIGN_OR_RETURN(f.size, r.I64("file size"));
  DELTA_ASSIGN_OR_RETURN(f.modification_time, r.I64("file modification time"));
  DELTA_ASSIGN_OR_RETURN(f.num_records, r.OptI64("file record count"));
  DELTA_ASSIGN_OR_RETURN(uint32_t npv, r.Count("partition values", 8));
  for (uint32_t i = 0; i < npv; ++i) {
    DELTA_ASSIGN_OR_RETURN(std::string_view name, r.Str("partition column name"));
    DELTA_ASSIGN_OR_RETURN(Literal value, ReadLiteral(r, "partition value"));
    f.partition_values.insert_or_assign(std::string(name), std::move(value));
  }
  DELTA_ASSIGN_OR_RETURN(bool has_dv, r.Bool("deletion vector flag"));
  if (has_dv) {
    DELTA_ASSIGN_OR_RETURN(uint8_t storage, r.U8("deletion vector storage type"));
    if (storage != 'u' && storage != 'i' && storage != 'p') {
      return Corrupt("unknown deletion vector storage type " + std::to_string(storage) +
                     " for file " + o.path);
    }
    o.dv.storage_type = static_cast<char>(storage);
    DELTA_ASSIGN_OR_RETURN(std::string_view payload, r.Str("deletion vector path"));
    o.dv_payload = std::string(payload);
    o.dv.path_or_inline = o.dv_payload;
    DELTA_ASSIGN_OR_RETURN(std::optional<int64_t> offset, r.OptI64("deletion vector offset"));
    if (offset && (*offset < 0 || *offset > INT32_MAX)) {
      return Corrupt("deletion vector offset " + std::to_string(*offset) + " out of range");
    }
    if (offset) o.dv.offset = static_cast<int32_t>(*offset);
    DELTA_ASSIGN_OR_RETURN(o.dv.size_in_bytes, r.I32("deletion vector size"));
    DELTA_ASSIGN_OR_RETURN(o.dv.cardinality, r.I64("deletion vector cardinality"));
    f.deletion_vector = &o.dv;
  }
  DELTA_ASSIGN_OR_RETURN(f.base_row_id, r.OptI64("base row id"));
  DELTA_ASSIGN_OR_RETURN(f.default_row_commit_version, r.OptI64("default row commit version"));
  return f;
}

// The body of a task after checking the frame: magic, version, length and checksum.
Result<std::pair<uint32_t, std::string_view>> Unframe(std::string_view task) {
  return UnframeTask(task, kMagic, kScanTaskFormatVersion, "scan task");
}

Result<DecodedTask> Decode(std::string_view task) {
  DELTA_ASSIGN_OR_RETURN(auto framed, Unframe(task));
  DecodedTask t;
  t.format_version = framed.first;
  Reader r(framed.second);
  DELTA_ASSIGN_OR_RETURN(std::string_view root, r.Str("table root"));
  t.table_root = std::string(root);
  DELTA_ASSIGN_OR_RETURN(t.version, r.I64("version"));
  DELTA_ASSIGN_OR_RETURN(
      t.mapping_mode, ReadEnum<ColumnMappingMode>(r, static_cast<uint8_t>(ColumnMappingMode::kName),
                                                  "column mapping mode"));
  DELTA_ASSIGN_OR_RETURN(t.data_skipping, r.Bool("data skipping flag"));
  DELTA_ASSIGN_OR_RETURN(t.output_schema, ReadSchema(r, "output schema"));
  DELTA_ASSIGN_OR_RETURN(t.working_schema, ReadSchema(r, "working schema"));
  DELTA_ASSIGN_OR_RETURN(t.physical_schema, ReadSchema(r, "physical schema"));
  DELTA_ASSIGN_OR_RETURN(uint32_t num_output, r.U32("output column count"));
  t.num_output_columns = num_output;
  DELTA_ASSIGN_OR_RETURN(uint32_t nparts, r.Count("partition columns", 4));
  for (uint32_t i = 0; i < nparts; ++i) {
    DELTA_ASSIGN_OR_RETURN(std::string_view c, r.Str("partition column"));
    t.partition_columns.emplace_back(c);
  }
  DELTA_ASSIGN_OR_RETURN(uint32_t ntransforms, r.Count("column transforms", 19));
  for (uint32_t i = 0; i < ntransforms; ++i) {
    ColumnTransform ct;
    DELTA_ASSIGN_OR_RETURN(
        ct.source,
        ReadEnum<ColumnSource>(r, static_cast<uint8_t>(ColumnSource::kPartitionOrPhysical),
                               "column source"));
    DELTA_ASSIGN_OR_RETURN(std::string_view name, r.Str("column name"));
    ct.name = std::string(name);
    DELTA_ASSIGN_OR_RETURN(ct.type, ReadType(r, "column " + ct.name));
    DELTA_ASSIGN_OR_RETURN(ct.nullable, r.Bool("column nullability"));
    DELTA_ASSIGN_OR_RETURN(ct.physical_index, r.I32("physical column index"));
    DELTA_ASSIGN_OR_RETURN(std::string_view pc, r.Str("partition column"));
    ct.partition_column = std::string(pc);
    DELTA_ASSIGN_OR_RETURN(
        ct.metadata,
        ReadEnum<MetadataColumn>(r, static_cast<uint8_t>(MetadataColumn::kRowCommitVersion),
                                 "metadata column"));
    t.transforms.push_back(std::move(ct));
  }
  DELTA_ASSIGN_OR_RETURN(bool has_filter, r.Bool("filter flag"));
  if (has_filter) {
    DELTA_ASSIGN_OR_RETURN(t.filter, ReadExpression(r, 0));
  }
  DELTA_ASSIGN_OR_RETURN(uint32_t nfiles, r.Count("files", 32));
  for (uint32_t i = 0; i < nfiles; ++i) {
    DELTA_ASSIGN_OR_RETURN(ScanFile f, ReadFile(r, *t.owned));
    t.files.push_back(std::move(f));
  }
  if (!r.done()) {
    return Corrupt("corrupt: " + std::to_string(framed.second.size() - r.pos()) +
                   " unread bytes after the last file");
  }

  // The spec must be one the reader can run: indexes in range, one transform per working
  // column, the output a prefix of the working columns.
  const int num_physical = static_cast<int>(t.physical_schema->num_fields());
  if (t.transforms.size() != t.working_schema->num_fields() ||
      t.num_output_columns > t.transforms.size() ||
      t.num_output_columns != t.output_schema->num_fields()) {
    return Corrupt("corrupt: " + std::to_string(t.transforms.size()) + " transforms for " +
                   std::to_string(t.working_schema->num_fields()) + " working and " +
                   std::to_string(t.output_schema->num_fields()) + " output columns");
  }
  for (const ColumnTransform& ct : t.transforms) {
    const bool needs_physical =
        ct.source == ColumnSource::kPhysical || ct.source == ColumnSource::kPartitionOrPhysical;
    if ((needs_physical && (ct.physical_index < 0 || ct.physical_index >= num_physical)) ||
        ct.physical_index >= num_physical || ct.physical_index < -1) {
      return Corrupt("corrupt: column " + ct.name + " reads physical column " +
                     std::to_string(ct.physical_index) + " of " + std::to_string(num_physical));
    }
  }
  return t;
}

class VectorFileIterator : public ScanFileIterator {
 public:
  explicit VectorFileIterator(std::vector<ScanFile> files) : files_(std::move(files)) {}
  Result<std::optional<ScanFile>> Next() override {
    if (next_ == files_.size()) return std::optional<ScanFile>();
    return std::optional<ScanFile>(files_[next_++]);
  }
  ScanCounts counts() const override {
    ScanCounts c;
    c.total_files = c.selected_files = static_cast<int64_t>(next_);
    return c;
  }

 private:
  std::vector<ScanFile> files_;
  size_t next_ = 0;
};

}  // namespace

Result<std::string> EncodeScanTask(const Scan& scan, std::span<const ScanFile> files) {
  Writer body;
  WriteReadSpec(body, scan);
  body.U32(static_cast<uint32_t>(files.size()));
  for (const ScanFile& f : files) {
    if (f.selected_rows != nullptr) {
      return Status::Unsupported("scan tasks: file " + f.location +
                                 " selects rows by position, which tasks do not carry");
    }
    WriteFile(body, f);
  }
  return Frame(std::move(body.out()));
}

Result<std::vector<std::string>> MakeScanTasks(const std::shared_ptr<const Scan>& scan,
                                               size_t max_files_per_task) {
  if (scan == nullptr) return Status::InvalidArgument("MakeScanTasks: scan is null");
  if (max_files_per_task == 0) {
    return Status::InvalidArgument("MakeScanTasks: max_files_per_task must be at least 1");
  }
  DELTA_ASSIGN_OR_RETURN(std::vector<ScanFile> files, scan->Files());
  std::vector<std::string> tasks;
  for (size_t first = 0; first < files.size(); first += max_files_per_task) {
    const size_t n = std::min(max_files_per_task, files.size() - first);
    DELTA_ASSIGN_OR_RETURN(
        std::string task,
        EncodeScanTask(*scan, std::span<const ScanFile>(files).subspan(first, n)));
    tasks.push_back(std::move(task));
  }
  return tasks;
}

Result<ScanTaskInfo> DescribeScanTask(std::string_view task) {
  DELTA_ASSIGN_OR_RETURN(DecodedTask t, Decode(task));
  ScanTaskInfo info;
  info.format_version = t.format_version;
  info.table_location = std::move(t.table_root);
  info.version = t.version;
  int64_t records = 0;
  bool all_counted = true;
  for (const ScanFile& f : t.files) {
    info.file_locations.push_back(f.location);
    info.total_bytes += f.size;
    if (f.num_records) {
      records += *f.num_records;
    } else {
      all_counted = false;
    }
  }
  if (all_counted) info.num_records = records;
  return info;
}

Result<std::shared_ptr<const Scan>> ScanFromTask(std::string_view task,
                                                 std::shared_ptr<Engine> engine) {
  if (engine == nullptr) return Status::InvalidArgument("ScanFromTask: engine is null");
  DELTA_ASSIGN_OR_RETURN(DecodedTask t, Decode(task));
  // A task names files by absolute URI: the worker's engine decides, as for a table's log,
  // which ones outside the table root it may read.
  for (const ScanFile& f : t.files) {
    Status allowed = CheckLocationAllowed(engine->location_policy(), t.table_root, f.location);
    if (!allowed.ok()) return allowed.WithContext("scan task");
  }

  // A snapshot that knows only where and when: the task replaces its log and file list.
  auto snap = std::make_unique<SnapshotState>();
  snap->table_root = t.table_root;
  snap->engine = std::move(engine);
  snap->version = t.version;
  snap->schema = t.output_schema;

  auto st = std::make_unique<ScanState>();
  st->snapshot = std::make_shared<const Snapshot>(std::move(snap));
  st->options.data_skipping = t.data_skipping;
  st->bound_filter = t.filter;
  st->mapping_mode = t.mapping_mode;
  st->output_schema = t.output_schema;
  st->working_schema = t.working_schema;
  st->physical_schema = t.physical_schema;
  st->transforms = std::move(t.transforms);
  st->partition_columns = std::move(t.partition_columns);
  auto extension = std::make_shared<ScanExtension>();
  std::shared_ptr<std::deque<OwnedFile>> owned = t.owned;
  for (ScanFile& f : t.files) f.owner = owned;
  extension->files = [files = std::move(t.files)]() -> std::unique_ptr<ScanFileIterator> {
    return std::make_unique<VectorFileIterator>(files);
  };
  st->extension = std::move(extension);
  return std::shared_ptr<const Scan>(std::make_shared<const Scan>(std::move(st)));
}

}  // namespace delta
