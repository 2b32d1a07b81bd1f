// A scan task is a Scan without a log: execution is the same.
#include "delta/scan_task_execution.h"

#include "delta/scan_task.h"

namespace delta {

Result<ArrowStreamHandle> ReadScanTask(const std::shared_ptr<Engine>& engine, std::string_view task,
                                       const ExecuteOptions& options) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, ScanFromTask(task, engine));
  return ExecuteScan(scan, engine, options);
}

}  // namespace delta
