// Executing a ChangesScan with the default engine: its scan of the change files, run as any
// scan is (parallel Parquet reads, row selection, transforms, the Parquet writer).
#include "delta/changes.h"
#include "delta/scan_execution.h"

namespace delta {

namespace {

Status CheckChanges(const std::shared_ptr<const ChangesScan>& changes) {
  if (changes == nullptr) return Status::InvalidArgument("changes scan is null");
  return Status::OK();
}

}  // namespace

Result<ArrowStreamHandle> ExecuteChanges(const std::shared_ptr<const ChangesScan>& changes,
                                         const std::shared_ptr<Engine>& engine,
                                         const ExecuteOptions& options) {
  DELTA_RETURN_NOT_OK(CheckChanges(changes));
  return ExecuteScan(changes->scan(), engine, options);
}

Result<ArrowStreamHandle> ExecuteChanges(const std::shared_ptr<const ChangesScan>& changes,
                                         const ExecuteOptions& options) {
  DELTA_RETURN_NOT_OK(CheckChanges(changes));
  return ExecuteScan(changes->scan(), options);
}

Result<int64_t> WriteChangesToParquet(const std::shared_ptr<const ChangesScan>& changes,
                                      const std::shared_ptr<Engine>& engine,
                                      std::string_view location, const ExecuteOptions& options) {
  DELTA_RETURN_NOT_OK(CheckChanges(changes));
  return WriteScanToParquet(changes->scan(), engine, location, options);
}

Result<int64_t> WriteChangesToParquet(const std::shared_ptr<const ChangesScan>& changes,
                                      std::string_view location, const ExecuteOptions& options) {
  DELTA_RETURN_NOT_OK(CheckChanges(changes));
  return WriteScanToParquet(changes->scan(), location, options);
}

}  // namespace delta
