#include "scan/scan_metadata_rows.h"

#include <memory>
#include <string>
#include <utility>

#include "protocol/arrow_view.h"
#include "scan/scan_metadata_builder.h"
#include "scan/scan_state.h"
#include "util/arena.h"
#include "util/task_guard.h"

namespace delta {
namespace {

// Reads one typed partition column of the batch back as literals of the column's type.
class PartitionColumn {
 public:
  static Result<PartitionColumn> Make(ArrayView column, DataTypePtr type) {
    PartitionColumn c;
    c.type_ = std::move(type);
    switch (c.type_->kind()) {
      case TypeKind::kBoolean: {
        DELTA_ASSIGN_OR_RETURN(c.bools_, BoolArrayView::Make(std::move(column)));
        c.base_ = c.bools_;
        break;
      }
      case TypeKind::kFloat:
      case TypeKind::kDouble: {
        DELTA_ASSIGN_OR_RETURN(c.floats_, FloatArrayView::Make(std::move(column)));
        c.base_ = c.floats_;
        break;
      }
      case TypeKind::kString:
      case TypeKind::kBinary: {
        DELTA_ASSIGN_OR_RETURN(c.strings_, StringArrayView::Make(std::move(column)));
        c.base_ = c.strings_;
        break;
      }
      case TypeKind::kDecimal: {
        DELTA_ASSIGN_OR_RETURN(c.decimals_, DecimalArrayView::Make(std::move(column)));
        c.base_ = c.decimals_;
        break;
      }
      case TypeKind::kByte:
      case TypeKind::kShort:
      case TypeKind::kInteger:
      case TypeKind::kLong:
      case TypeKind::kDate:
      case TypeKind::kTimestamp:
      case TypeKind::kTimestampNtz: {
        DELTA_ASSIGN_OR_RETURN(c.ints_, IntArrayView::Make(std::move(column)));
        c.base_ = c.ints_;
        break;
      }
      default:  // no value a file can carry (void): always null
        c.base_ = ArrayView::AllNull(column.length(), column.path());
        break;
    }
    return c;
  }

  Result<Literal> Read(int64_t row) const {
    if (base_.IsNull(row)) return Literal::Null(type_);
    switch (type_->kind()) {
      case TypeKind::kBoolean:
        return Literal::Boolean(bools_.Value(row));
      case TypeKind::kFloat:
        return Literal::Float(static_cast<float>(floats_.Value(row)));
      case TypeKind::kDouble:
        return Literal::Double(floats_.Value(row));
      case TypeKind::kString:
        return Literal::String(std::string(strings_.Value(row)));
      case TypeKind::kBinary:
        return Literal::Binary(std::string(strings_.Value(row)));
      case TypeKind::kDecimal:
        return Literal::Decimal(decimals_.Value(row), decimals_.precision(), decimals_.scale());
      case TypeKind::kByte:
        return Literal::Byte(static_cast<int8_t>(ints_.Value(row)));
      case TypeKind::kShort:
        return Literal::Short(static_cast<int16_t>(ints_.Value(row)));
      case TypeKind::kInteger:
        return Literal::Integer(static_cast<int32_t>(ints_.Value(row)));
      case TypeKind::kLong:
        return Literal::Long(ints_.Value(row));
      case TypeKind::kDate:
        return Literal::Date(static_cast<int32_t>(ints_.Value(row)));
      case TypeKind::kTimestamp:
        return Literal::Timestamp(ints_.Value(row));
      case TypeKind::kTimestampNtz:
        return Literal::TimestampNtz(ints_.Value(row));
      default:
        return Literal::Null(type_);
    }
  }

 private:
  DataTypePtr type_;
  ArrayView base_;  // validity of whichever typed view is in use
  BoolArrayView bools_;
  FloatArrayView floats_;
  StringArrayView strings_;
  DecimalArrayView decimals_;
  IntArrayView ints_;
};

// The columns of one batch (see ScanMetadataBatch), viewed once.
struct BatchColumns {
  StringArrayView path;
  IntArrayView size;
  IntArrayView modification_time;
  StringArrayView stats;
  ArrayView dv;
  StringArrayView dv_storage_type;
  StringArrayView dv_path;
  IntArrayView dv_offset;
  IntArrayView dv_size;
  IntArrayView dv_cardinality;
  IntArrayView base_row_id;
  IntArrayView default_row_commit_version;
  std::vector<PartitionColumn> partition;

  static Result<BatchColumns> Make(const ScanState& scan, const ArrowSchema& schema,
                                   const ArrowArray& array) {
    BatchColumns c;
    DELTA_ASSIGN_OR_RETURN(StructArrayView rows,
                           StructArrayView::Make(schema, array, "scan metadata"));
    DELTA_ASSIGN_OR_RETURN(c.path, rows.Get<StringArrayView>("path"));
    DELTA_ASSIGN_OR_RETURN(c.size, rows.Get<IntArrayView>("size"));
    DELTA_ASSIGN_OR_RETURN(c.modification_time, rows.Get<IntArrayView>("modificationTime"));
    DELTA_ASSIGN_OR_RETURN(c.stats, rows.Get<StringArrayView>("stats"));
    DELTA_ASSIGN_OR_RETURN(c.base_row_id, rows.Get<IntArrayView>("baseRowId"));
    DELTA_ASSIGN_OR_RETURN(c.default_row_commit_version,
                           rows.Get<IntArrayView>("defaultRowCommitVersion"));
    DELTA_ASSIGN_OR_RETURN(StructArrayView dv, rows.Get<StructArrayView>("deletionVector"));
    DELTA_ASSIGN_OR_RETURN(c.dv_storage_type, dv.Get<StringArrayView>("storageType"));
    DELTA_ASSIGN_OR_RETURN(c.dv_path, dv.Get<StringArrayView>("pathOrInlineDv"));
    DELTA_ASSIGN_OR_RETURN(c.dv_offset, dv.Get<IntArrayView>("offset"));
    DELTA_ASSIGN_OR_RETURN(c.dv_size, dv.Get<IntArrayView>("sizeInBytes"));
    DELTA_ASSIGN_OR_RETURN(c.dv_cardinality, dv.Get<IntArrayView>("cardinality"));
    c.dv = dv;
    DELTA_ASSIGN_OR_RETURN(StructArrayView values, rows.Get<StructArrayView>("partitionValues"));
    c.partition.reserve(scan.partition_columns.size());
    for (size_t i = 0; i < scan.partition_columns.size(); ++i) {
      DELTA_ASSIGN_OR_RETURN(ArrayView column, values.Field(scan.partition_columns[i]));
      DELTA_ASSIGN_OR_RETURN(PartitionColumn pc,
                             PartitionColumn::Make(std::move(column), scan.partition_types[i]));
      c.partition.push_back(std::move(pc));
    }
    return c;
  }
};

std::optional<int64_t> NumRecords(std::string_view stats) {
  AddFile add;
  add.stats = stats;
  return add.NumRecords();
}

}  // namespace

Status AppendSelectedScanFiles(const Scan& scan, const ArrowSchema& schema,
                               const ScanMetadataBatch& batch, std::vector<ScanFile>* out) {
  const ScanState& state = scan.state();
  const ArrowArray* array = batch.array.get();
  if (array == nullptr || array->release == nullptr) {
    return Status::InvalidArgument("scan metadata batch: the array is released");
  }
  if (static_cast<int64_t>(batch.selection.size()) != array->length) {
    return Status::InvalidArgument(
        "scan metadata batch: " + std::to_string(batch.selection.size()) +
        " selection entries for " + std::to_string(array->length) + " rows");
  }
  size_t selected = 0;
  for (uint8_t s : batch.selection) selected += s != 0 ? 1 : 0;
  if (selected == 0) return Status::OK();
  DELTA_ASSIGN_OR_RETURN(BatchColumns c, BatchColumns::Make(state, schema, *array));
  // Paths and DV descriptors outlive the batch in one arena the batch's files share.
  auto arena = std::make_shared<Arena>(16 * 1024);
  std::shared_ptr<const void> owner = arena;
  size_t first = out->size();
  out->reserve(first + selected);
  int64_t n = array->length;
  for (int64_t row = 0; row < n; ++row) {
    if (batch.selection[static_cast<size_t>(row)] == 0) continue;
    ScanFile f;
    std::string_view path = c.path.Value(row);
    DELTA_ASSIGN_OR_RETURN(f.location, state.snapshot->LocateFile(path));
    f.path = arena->Copy(path);
    f.size = c.size.Value(row);
    f.modification_time = c.modification_time.Value(row);
    if (c.stats.IsValid(row)) f.num_records = NumRecords(c.stats.Value(row));
    for (size_t i = 0; i < c.partition.size(); ++i) {
      auto value = c.partition[i].Read(row);
      if (!value.ok()) {
        return value.status().WithContext("table " + state.snapshot->table_location() + ", file '" +
                                          std::string(path) + "', partition column '" +
                                          state.partition_columns[i] + "'");
      }
      f.partition_values.emplace(state.partition_columns[i], std::move(*value));
    }
    if (c.dv.IsValid(row)) {
      std::string_view type = c.dv_storage_type.Value(row);
      auto* dv = arena->New<DeletionVectorDescriptor>();
      dv->storage_type = type.empty() ? 'u' : type[0];
      dv->path_or_inline = arena->Copy(c.dv_path.Value(row));
      dv->offset = c.dv_offset.IsNull(row)
                       ? std::nullopt
                       : std::optional<int32_t>(static_cast<int32_t>(c.dv_offset.Value(row)));
      dv->size_in_bytes = static_cast<int32_t>(c.dv_size.Value(row));
      dv->cardinality = c.dv_cardinality.Value(row);
      f.deletion_vector = dv;
    }
    f.base_row_id = c.base_row_id.Get(row);
    f.default_row_commit_version = c.default_row_commit_version.Get(row);
    out->push_back(std::move(f));
  }
  for (size_t i = first; i < out->size(); ++i) (*out)[i].owner = owner;
  return Status::OK();
}

Result<std::vector<ScanFile>> SelectedScanFiles(const Scan& scan, const ScanMetadataBatch& batch) {
  return CatchAsStatus(
      "reading scan files from a metadata batch", {}, [&]() -> Result<std::vector<ScanFile>> {
        DELTA_ASSIGN_OR_RETURN(ArrowField field, ScanMetadataField(scan.state()));
        ArrowSchemaHandle schema = field.Export();
        std::vector<ScanFile> out;
        DELTA_RETURN_NOT_OK(AppendSelectedScanFiles(scan, *schema.get(), batch, &out));
        return out;
      });
}

}  // namespace delta
