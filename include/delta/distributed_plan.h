// Distributed planning: a scan's checkpoint reconciled on the workers, so that no process
// holds the table's whole file list.
//
//   // driver: a snapshot loaded with FileListMode::kStreamed reads only the newer commits
//   DELTA_ASSIGN_OR_RETURN(std::vector<std::string> tasks, MakePlanningTasks(scan, 1024));
//   // any process that reaches the storage:
//   DELTA_ASSIGN_OR_RETURN(auto part_scan, ScanFromPlanningTask(tasks[i], engine));
//   part_scan->Files();                                 // the live files of that part, or
//   ReadPlanningTask(engine, tasks[i]);                 // their rows (planning_task_execution.h)
//
// A planning task is one Parquet checkpoint part or sidecar, the scan's read spec (as a scan
// task carries it), and the keys (path, deletion vector) of every add and remove in the
// commits after the checkpoint: the part's adds with one of those keys are dropped, the rest
// are pruned, skipped and read as the local scan would. The commits' own live adds, and every
// file of a snapshot that has its file list in memory, are planned on the driver and travel as
// ordinary scan tasks (scan_task.h), which every function here accepts too. The layout is in
// docs/design/scan-tasks.md; versioning follows scan tasks'.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "delta/engine.h"
#include "delta/scan.h"
#include "delta/status.h"

namespace delta {

/// The planning-task format version this library writes; it reads this one and every earlier.
inline constexpr uint32_t kPlanningTaskFormatVersion = 1;

/// What a task (planning or scan task) covers, without reading storage.
struct PlanningTaskInfo {
  enum class Kind {
    kFiles,           ///< a scan task: files planned on the driver
    kCheckpointFile,  ///< one checkpoint part or sidecar, reconciled on the worker
  };
  Kind kind = Kind::kFiles;
  uint32_t format_version = 0;  ///< of the planning task, or of the scan task for kFiles
  std::string table_location;
  int64_t version = -1;
  /// kCheckpointFile: the part or sidecar, its size in bytes, and how many keys of newer
  /// commits it is reconciled against.
  std::string checkpoint_location;
  int64_t checkpoint_size = 0;
  int64_t num_shadowing_keys = 0;
  /// kFiles: the data files and their total size.
  std::vector<std::string> file_locations;
  int64_t total_bytes = 0;
};

/// The tasks of `scan`: one planning task per Parquet checkpoint part and sidecar of a snapshot
/// loaded with FileListMode::kStreamed, and the live adds of the commits after the checkpoint
/// (pruned and skipped here) as scan tasks of at most `max_files_per_task` files. A snapshot
/// with its file list in memory has nothing left to reconcile: all its files become scan
/// tasks. Reading every task gives exactly the scan's rows (its limit is not carried).
/// InvalidArgument for a null scan or a zero `max_files_per_task`; Unsupported for a scan with a
/// file source of its own (the changes feed).
Result<std::vector<std::string>> MakePlanningTasks(const std::shared_ptr<const Scan>& scan,
                                                   size_t max_files_per_task);

/// Decodes a task's header and description. InvalidArgument naming what is wrong when the
/// bytes are neither kind of task, are truncated or corrupt, or come from a newer version.
Result<PlanningTaskInfo> DescribePlanningTask(std::string_view task);

/// The scan a task describes, on `engine`: its Files() are the task's live files after
/// reconciliation, pruning and skipping (a checkpoint part is read for them; no other log
/// file is), and ExecuteScan reads their rows; MakeScanTasks of it gives scan tasks. The
/// checkpoint file must be allowed by the engine's location policy. Errors as
/// DescribePlanningTask, and InvalidArgument for a null engine.
Result<std::shared_ptr<const Scan>> ScanFromPlanningTask(std::string_view task,
                                                         std::shared_ptr<Engine> engine);

}  // namespace delta
