// A planning task is a Scan whose files come from one checkpoint part: execution is the same.
#include "delta/planning_task_execution.h"

#include "delta/distributed_plan.h"

namespace delta {

Result<ArrowStreamHandle> ReadPlanningTask(const std::shared_ptr<Engine>& engine,
                                           std::string_view task, const ExecuteOptions& options) {
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, ScanFromPlanningTask(task, engine));
  return ExecuteScan(scan, engine, options);
}

}  // namespace delta
