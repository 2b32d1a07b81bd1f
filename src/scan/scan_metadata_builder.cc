#include "scan/scan_metadata_builder.h"

#include "scan/literal_arrow.h"
#include "scan/scan_arrow_schema.h"

namespace delta {
namespace {

// Column positions in the batch struct (see ScanMetadataBatch).
enum Column : size_t {
  kPath,
  kSize,
  kModificationTime,
  kStats,
  kDeletionVector,
  kBaseRowId,
  kDefaultRowCommitVersion,
  kPartitionValues,
  kSelected,
};

void AppendOptional(ArrowArrayBuilder& b, const std::optional<int64_t>& v) {
  if (v) return b.AppendInteger(*v);
  b.AppendNull();
}

void AppendDeletionVector(ArrowArrayBuilder& b, const DeletionVectorDescriptor* dv) {
  if (dv == nullptr) return b.AppendNull();
  b.child(0).AppendString(std::string_view(&dv->storage_type, 1));
  b.child(1).AppendString(dv->path_or_inline);
  if (dv->offset) {
    b.child(2).AppendInteger(*dv->offset);
  } else {
    b.child(2).AppendNull();
  }
  b.child(3).AppendInteger(dv->size_in_bytes);
  b.child(4).AppendInteger(dv->cardinality);
  b.AppendValid();
}

}  // namespace

Result<ArrowField> ScanMetadataField(const ScanState& scan) {
  std::vector<ArrowField> partition;
  partition.reserve(scan.partition_columns.size());
  for (size_t c = 0; c < scan.partition_columns.size(); ++c) {
    StructField f{scan.partition_columns[c], scan.partition_types[c], true, {}};
    DELTA_ASSIGN_OR_RETURN(ArrowField af, ToArrowField(f, /*with_field_ids=*/false));
    partition.push_back(std::move(af));
  }
  std::vector<ArrowField> dv;
  dv.push_back(ArrowField::String("storageType", false));
  dv.push_back(ArrowField::String("pathOrInlineDv", false));
  dv.push_back(ArrowField::Int32("offset"));
  dv.push_back(ArrowField::Int32("sizeInBytes", false));
  dv.push_back(ArrowField::Int64("cardinality", false));
  std::vector<ArrowField> columns;
  columns.push_back(ArrowField::String("path", false));
  columns.push_back(ArrowField::Int64("size", false));
  columns.push_back(ArrowField::Int64("modificationTime", false));
  columns.push_back(ArrowField::String("stats"));
  columns.push_back(ArrowField::Struct("deletionVector", std::move(dv)));
  columns.push_back(ArrowField::Int64("baseRowId"));
  columns.push_back(ArrowField::Int64("defaultRowCommitVersion"));
  columns.push_back(ArrowField::Struct("partitionValues", std::move(partition), false));
  columns.push_back(ArrowField::Bool("selected", false));
  return ArrowField::Struct("", std::move(columns), false);
}

ScanMetadataBuilder::ScanMetadataBuilder(const ArrowField& field, const ScanState& scan)
    : scan_(scan), rows_(field) {}

void ScanMetadataBuilder::Append(const AddFile& add, const PartitionValues* values, bool selected) {
  rows_.child(kPath).AppendString(add.path);
  rows_.child(kSize).AppendInteger(add.size);
  rows_.child(kModificationTime).AppendInteger(add.modification_time);
  if (add.stats.empty()) {
    rows_.child(kStats).AppendNull();
  } else {
    rows_.child(kStats).AppendString(add.stats);
  }
  AppendDeletionVector(rows_.child(kDeletionVector), add.deletion_vector);
  AppendOptional(rows_.child(kBaseRowId), add.base_row_id);
  AppendOptional(rows_.child(kDefaultRowCommitVersion), add.default_row_commit_version);
  ArrowArrayBuilder& partition = rows_.child(kPartitionValues);
  for (size_t c = 0; c < scan_.partition_columns.size(); ++c) {
    const Literal* v = nullptr;
    if (values != nullptr) {
      auto it = values->find(scan_.partition_columns[c]);
      if (it != values->end()) v = &it->second;
    }
    if (v != nullptr) {
      AppendLiteral(partition.child(c), *v);
    } else {
      partition.child(c).AppendNull();
    }
  }
  partition.AppendValid();
  rows_.child(kSelected).AppendBool(selected);
  rows_.AppendValid();
  selection_.push_back(selected ? 1 : 0);
}

ScanMetadataBatch ScanMetadataBuilder::Finish(const ScanCounts& counts) {
  ScanMetadataBatch out;
  ArrowArray raw;
  rows_.Finish(&raw);
  out.array = ArrowArrayHandle(&raw);
  out.selection = std::move(selection_);
  selection_.clear();
  out.counts = counts;
  return out;
}

}  // namespace delta
