// Serialisable scan tasks: a planned scan split into byte strings that a worker turns into
// rows without reading the table's log (distributed reads on Ray, Dask, Spark...).
//
//   // driver
//   DELTA_ASSIGN_OR_RETURN(std::vector<std::string> tasks, scan->Tasks(/*max_files=*/8));
//   // any process, any machine that reaches the storage:
//   DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle rows, ReadScanTask(engine, tasks[i]));
//
// A task holds the table root, the scan's version and read spec (physical, working and output
// schemas, column transforms, column mapping mode, the bound filter) and its files (path, size,
// typed partition values, deletion vector descriptor, row tracking fields). The layout is
// documented in docs/design/scan-tasks.md; a task written by this format version is read by
// every later version of the library.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/engine.h"
#include "delta/scan.h"
#include "delta/status.h"

namespace delta {

/// The format version this library writes; it reads this one and every earlier one.
inline constexpr uint32_t kScanTaskFormatVersion = 1;

/// What a task covers, without reading it (for schedulers: sizes, row estimates, locality).
struct ScanTaskInfo {
  uint32_t format_version = 0;
  std::string table_location;               ///< table root URI
  int64_t version = -1;                     ///< the snapshot version the task was planned at
  std::vector<std::string> file_locations;  ///< absolute URIs of the data files
  int64_t total_bytes = 0;                  ///< sum of the files' sizes
  /// Sum of the files' record counts (before deletion vectors and the filter), when every
  /// file's statistics carry one.
  std::optional<int64_t> num_records;
};

/// Splits the files of `scan` (after pruning and skipping) into tasks of at most
/// `max_files_per_task` files each (0 is InvalidArgument). Each task is self-contained: reading
/// all of them gives exactly the scan's rows (the scan's limit is not carried: every task reads
/// all of its rows). A scan with no files gives no tasks.
Result<std::vector<std::string>> MakeScanTasks(const std::shared_ptr<const Scan>& scan,
                                               size_t max_files_per_task);

/// Decodes a task header and file list. InvalidArgument naming what is wrong when the bytes are
/// not a task, are truncated or corrupt (checksum), or come from a newer format version.
Result<ScanTaskInfo> DescribeScanTask(std::string_view task);

/// The scan a task describes, executing on `engine` (which must reach the table's storage): an
/// ExecuteScan or ReadScanBatches of it reads exactly the task's rows. Its snapshot() holds only
/// the table location and version (no log, no file list). Errors as DescribeScanTask, and
/// InvalidArgument for a null engine.
Result<std::shared_ptr<const Scan>> ScanFromTask(std::string_view task,
                                                 std::shared_ptr<Engine> engine);

}  // namespace delta
