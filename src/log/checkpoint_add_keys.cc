#include "log/checkpoint_add_keys.h"

#include <utility>

#include "dv/descriptor.h"
#include "log/checkpoint_decoder.h"
#include "protocol/action_schema.h"
#include "protocol/arrow_schema_builder.h"
#include "protocol/arrow_view.h"

namespace delta {
namespace {

namespace as = action_schema;
using Raw = RawDeletionVectorDescriptor;

constexpr std::string_view kPath = as::FieldName<&AddFile::path>();
constexpr std::string_view kDv = as::kDeletionVector.name;
constexpr std::string_view kStorageType = as::FieldName<&Raw::storage_type>();
constexpr std::string_view kPathOrInline = as::FieldName<&Raw::path_or_inline>();
constexpr std::string_view kOffset = as::FieldName<&Raw::offset>();

// { add: { path, deletionVector: { storageType, pathOrInlineDv, offset } } }, all nullable.
ArrowField KeySchema() {
  using F = ArrowField;
  F dv = F::Struct(std::string(kDv),
                   {F::String(std::string(kStorageType)), F::String(std::string(kPathOrInline)),
                    F::Int32(std::string(kOffset))});
  F add = F::Struct(std::string(as::kAdd.name), {F::String(std::string(kPath)), std::move(dv)});
  return F::Struct("", {std::move(add)}, /*nullable=*/false);
}

}  // namespace

Result<CheckpointAddKeyReader> CheckpointAddKeyReader::Open(Engine& engine, const FileInfo& file) {
  ArrowSchemaHandle read_schema = KeySchema().Export();
  CheckpointAddKeyReader r;
  r.location_ = file.location;
  DELTA_ASSIGN_OR_RETURN(r.stream_, engine.parquet().Read(file, read_schema.get()));
  if (!r.stream_.valid()) {
    return Status::Internal("Parquet reader returned no stream for " + file.location);
  }
  ArrowSchema raw;
  raw.release = nullptr;
  if (int rc = r.stream_->get_schema(r.stream_.get(), &raw); rc != 0) {
    return CheckpointStreamError(r.stream_.get(), rc, file.location);
  }
  r.schema_ = ArrowSchemaHandle(&raw);
  return r;
}

Result<bool> CheckpointAddKeyReader::Next(const OnAdd& on_add) {
  if (!stream_.valid()) return false;
  ArrowArray raw;
  raw.release = nullptr;
  if (int rc = stream_->get_next(stream_.get(), &raw); rc != 0) {
    return CheckpointStreamError(stream_.get(), rc, location_);
  }
  if (raw.release == nullptr) {  // the end: let go of the file now
    stream_ = ArrowStreamHandle();
    return false;
  }
  ArrowArrayHandle batch(&raw);
  DELTA_ASSIGN_OR_RETURN(StructArrayView root, StructArrayView::Make(*schema_.get(), *batch.get()));
  DELTA_ASSIGN_OR_RETURN(auto add, root.GetOrNull<StructArrayView>(as::kAdd.name));
  DELTA_ASSIGN_OR_RETURN(auto path, add.GetOrNull<StringArrayView>(kPath));
  DELTA_ASSIGN_OR_RETURN(auto dv, add.GetOrNull<StructArrayView>(kDv));
  DELTA_ASSIGN_OR_RETURN(auto storage, dv.GetOrNull<StringArrayView>(kStorageType));
  DELTA_ASSIGN_OR_RETURN(auto path_or_inline, dv.GetOrNull<StringArrayView>(kPathOrInline));
  DELTA_ASSIGN_OR_RETURN(auto offset, dv.GetOrNull<IntArrayView>(kOffset));
  auto invalid = [&](int64_t i, std::string_view what) {
    return Status::InvalidTable("checkpoint file " + location_ + ": add action in batch row " +
                                std::to_string(i) + " " + std::string(what));
  };
  DeletionVectorDescriptor d;
  for (int64_t i = 0; i < root.length(); ++i) {
    if (add.IsNull(i)) continue;
    if (path.IsNull(i)) return invalid(i, "has no path");
    const DeletionVectorDescriptor* with = nullptr;
    if (!dv.IsNull(i)) {
      if (storage.IsNull(i) || path_or_inline.IsNull(i)) {
        return invalid(i, "has a deletionVector without storageType or pathOrInlineDv");
      }
      std::string_view type = storage.Value(i);
      if (type.size() != 1)
        return invalid(i, "has a deletionVector storageType that is not one letter");
      d.storage_type = type[0];
      d.path_or_inline = path_or_inline.Value(i);
      d.offset.reset();
      if (!offset.IsNull(i)) d.offset = static_cast<int32_t>(offset.Value(i));
      with = &d;
    }
    on_add(path.Value(i), with);
  }
  return true;
}

}  // namespace delta
