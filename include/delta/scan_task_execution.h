// Reading a serialised scan task (scan_task.h) into Arrow with the default engine. Declared
// without Arrow C++ types; link delta_kernel_arrow.
#pragma once

#include <memory>
#include <string_view>

#include "delta/arrow_handles.h"
#include "delta/engine.h"
#include "delta/scan_execution.h"
#include "delta/status.h"

namespace delta {

/// The rows of one task read on `engine` (no log is read): batches shaped like the planning
/// scan's OutputArrowSchema(), in no particular order, with deletion vectors, the filter and
/// the transforms applied as ExecuteScan does. Errors as ScanFromTask (bad bytes) and
/// ExecuteScan (reading the files).
Result<ArrowStreamHandle> ReadScanTask(const std::shared_ptr<Engine>& engine, std::string_view task,
                                       const ExecuteOptions& options = {});

}  // namespace delta
