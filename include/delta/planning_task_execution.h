// Reading a planning task (distributed_plan.h) into Arrow with the default engine. Declared
// without Arrow C++ types; link delta_kernel_arrow.
#pragma once

#include <memory>
#include <string_view>

#include "delta/arrow_handles.h"
#include "delta/engine.h"
#include "delta/scan_execution.h"
#include "delta/status.h"

namespace delta {

/// The rows of one planning task (or scan task) read on `engine`: its checkpoint part is
/// reconciled and planned, then its live files are read as ExecuteScan does. Batches are
/// shaped like the planning scan's OutputArrowSchema(). Errors as ScanFromPlanningTask and
/// ExecuteScan.
Result<ArrowStreamHandle> ReadPlanningTask(const std::shared_ptr<Engine>& engine,
                                           std::string_view task,
                                           const ExecuteOptions& options = {});

}  // namespace delta
