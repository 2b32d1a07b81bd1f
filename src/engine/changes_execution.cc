// Executing a ChangesScan with the default engine: its scan of the change files, run as any
// scan is (parallel Parquet reads, row selection, transforms, text and Parquet writers).
#include "delta/changes.h"

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

Result<int64_t> WriteChangesAsText(const std::shared_ptr<const ChangesScan>& changes,
                                   const std::shared_ptr<Engine>& engine, TextFormat format,
                                   const std::function<Status(std::string_view)>& sink,
                                   const ExecuteOptions& options) {
  DELTA_RETURN_NOT_OK(CheckChanges(changes));
  return WriteScanAsText(changes->scan(), engine, format, sink, options);
}

Result<int64_t> WriteChangesToParquet(const std::shared_ptr<const ChangesScan>& changes,
                                      const std::shared_ptr<Engine>& engine,
                                      std::string_view location, const ExecuteOptions& options) {
  DELTA_RETURN_NOT_OK(CheckChanges(changes));
  return WriteScanToParquet(changes->scan(), engine, location, options);
}

}  // namespace delta
