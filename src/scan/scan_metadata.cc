// Scan::MetadataBatches: the planner's blocks handed out as Arrow batches.
#include "delta/scan_metadata.h"

#include "scan/scan_extension.h"
#include "scan/scan_file_planner.h"
#include "scan/scan_metadata_builder.h"
#include "scan/scan_state.h"
#include "util/task_guard.h"

namespace delta {
namespace {

class BlockMetadataIterator final : public ScanMetadataIterator {
 public:
  explicit BlockMetadataIterator(std::unique_ptr<PlanBlockIterator> blocks)
      : blocks_(std::move(blocks)) {}

  Result<std::optional<ScanMetadataBatch>> Next() override {
    while (error_.ok()) {
      try {
        BlockResult block;
        if (!blocks_->NextBlock(&block)) return std::optional<ScanMetadataBatch>();
        AddCounts(block.counts, &counts_);
        if (!block.status.ok()) {
          error_ = std::move(block.status);
          break;
        }
        if (!block.batch) continue;  // every file of the block was shadowed
        return std::optional<ScanMetadataBatch>(block.batch->Finish(block.counts));
      } catch (...) {
        error_ = StatusFromCurrentException("planning the scan's metadata batches");
      }
    }
    return error_;
  }

  ScanCounts counts() const override { return counts_; }

 private:
  std::unique_ptr<PlanBlockIterator> blocks_;
  ScanCounts counts_;
  Status error_;  // sticky
};

Status RefuseExtension(const ScanState& state) {
  if (state.extension != nullptr && state.extension->files) {
    return Status::Unsupported(
        "scan metadata batches cover table scans only; the changes feed lists its files "
        "through Scan::Files()");
  }
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<ScanMetadataIterator>> Scan::MetadataBatches() const {
  return CatchAsStatus(
      "planning the scan's metadata batches", {},
      [&]() -> Result<std::unique_ptr<ScanMetadataIterator>> {
        DELTA_RETURN_NOT_OK(RefuseExtension(*state_));
        DELTA_ASSIGN_OR_RETURN(ArrowField field, ScanMetadataField(*state_));
        auto shared_field = std::make_shared<const ArrowField>(std::move(field));
        return std::unique_ptr<ScanMetadataIterator>(std::make_unique<BlockMetadataIterator>(
            MakeScanBlockIterator(shared_from_this(), std::move(shared_field))));
      });
}

Result<ArrowSchemaHandle> ScanMetadataSchema(const Scan& scan) {
  DELTA_RETURN_NOT_OK(RefuseExtension(scan.state()));
  DELTA_ASSIGN_OR_RETURN(ArrowField field, ScanMetadataField(scan.state()));
  return field.Export();
}

Result<ArrowStreamHandle> ScanMetadataStream(std::shared_ptr<const Scan> scan) {
  DELTA_ASSIGN_OR_RETURN(ArrowField field, ScanMetadataField(scan->state()));
  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<ScanMetadataIterator> it, scan->MetadataBatches());
  // The stream owns the iterator; the batches go out as they are planned.
  std::shared_ptr<ScanMetadataIterator> owned(std::move(it));
  return MakeGeneratedStream(std::move(field), [owned](ArrowArray* out) -> Status {
    DELTA_ASSIGN_OR_RETURN(std::optional<ScanMetadataBatch> b, owned->Next());
    if (!b) {
      out->release = nullptr;
      return Status::OK();
    }
    b->array.MoveTo(out);
    return Status::OK();
  });
}

}  // namespace delta
