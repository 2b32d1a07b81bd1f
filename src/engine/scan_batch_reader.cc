// ScanBatchReader: a running scan's batches exported one at a time as Arrow C arrays, with the
// scan's exact errors.
#include <memory>
#include <optional>
#include <utility>

#include <arrow/c/bridge.h>
#include <arrow/record_batch.h>

#include "delta/scan_execution.h"
#include "engine/scan_reader.h"
#include "util/task_guard.h"

namespace delta {

namespace {

class ScanBatchReaderImpl final : public ScanBatchReader {
 public:
  explicit ScanBatchReaderImpl(std::shared_ptr<engine::ScanReader> reader)
      : reader_(std::move(reader)) {}

  Result<ArrowSchemaHandle> Schema() const override {
    ArrowSchemaHandle handle;
    arrow::Status st = arrow::ExportSchema(*reader_->schema(), handle.get());
    if (!st.ok()) return Status::Internal("exporting the scan's schema: " + st.ToString());
    return handle;
  }

  Result<std::optional<ArrowArrayHandle>> Next() override {
    return CatchAsStatus("reading the scan's batches", {},
                         [&]() -> Result<std::optional<ArrowArrayHandle>> {
                           std::shared_ptr<arrow::RecordBatch> batch;
                           arrow::Status st = reader_->ReadNext(&batch);
                           if (!st.ok()) return engine::ReaderStatus(*reader_, st, "scan");
                           if (batch == nullptr) return std::optional<ArrowArrayHandle>();
                           ArrowArrayHandle handle;
                           st = arrow::ExportRecordBatch(*batch, handle.get());
                           if (!st.ok()) {
                             return Status::Internal("exporting a scan batch: " + st.ToString());
                           }
                           return std::optional<ArrowArrayHandle>(std::move(handle));
                         });
  }

 private:
  std::shared_ptr<engine::ScanReader> reader_;
};

}  // namespace

Result<std::unique_ptr<ScanBatchReader>> ReadScanBatches(const std::shared_ptr<const Scan>& scan,
                                                         const std::shared_ptr<Engine>& engine,
                                                         const ExecuteOptions& options) {
  return CatchAsStatus("starting the scan", {}, [&]() -> Result<std::unique_ptr<ScanBatchReader>> {
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<engine::ScanReader> reader,
                           engine::MakeScanReader(scan, engine, options));
    return std::unique_ptr<ScanBatchReader>(
        std::make_unique<ScanBatchReaderImpl>(std::move(reader)));
  });
}

Result<std::unique_ptr<ScanBatchReader>> ReadScanBatches(const std::shared_ptr<const Scan>& scan,
                                                         const ExecuteOptions& options) {
  if (scan == nullptr) return Status::InvalidArgument("ExecuteScan: scan is null");
  return ReadScanBatches(scan, scan->engine(), options);
}

}  // namespace delta
