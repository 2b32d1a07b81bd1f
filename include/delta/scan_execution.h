// Executing a plan into Arrow with the default engine (Arrow C++ / Parquet C++): the rows and
// columns a Scan or a ChangesScan selects, as Arrow data. Declared without Arrow C++ types;
// link delta_kernel_arrow.
//
// Every function runs on the engine given, or without one on the plan's own: the engine of the
// scan's snapshot (Scan::engine()), the table's for a ChangesScan.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "delta/arrow_handles.h"
#include "delta/engine.h"
#include "delta/scan.h"
#include "delta/status.h"

namespace delta {

class ChangesScan;

/// Where a running scan is.
struct ScanProgress {
  int64_t files_planned = 0;   ///< files selected by planning so far
  bool planning_done = false;  ///< files_planned is final
  int64_t files_done = 0;      ///< files read to the end
  int64_t bytes_done = 0;      ///< sizes of those files
  int64_t rows_output = 0;     ///< rows returned so far
  /// Parquet row groups in the files opened so far, and how many of them the reader left out
  /// because their statistics prove the filter false (row-group skipping).
  int64_t row_groups = 0;
  int64_t row_groups_skipped = 0;
};

/// Knobs of scan execution.
struct ExecuteOptions {
  /// Files read at the same time; 0 = twice the executor's parallelism.
  int max_files_in_flight = 0;
  /// Transformed batches waiting for the consumer before readers pause; 0 = 2 per file in
  /// flight.
  int max_buffered_batches = 0;
  /// Called after each batch is returned, every quarter second while the consumer waits for
  /// one, and once more at the end of the stream (with the final counts), on the thread
  /// pulling batches.
  std::function<void(const ScanProgress&)> progress;
};

/// Runs `scan` on `engine`: each selected file is read through engine->parquet() with the
/// scan's physical schema, its deletion vector applied batch by batch, the filter applied to
/// the rows (so results are exact whatever pruning or skipping did), partition values and
/// metadata columns filled in, and columns renamed and cast to the output schema. Several files
/// are read at once on the engine's executor; batches come in no particular order. The stream
/// yields struct arrays shaped like Scan::OutputArrowSchema() and stops after the scan's limit.
/// Stream errors carry EIO (storage kinds: NotFound, IoError, PermissionDenied, Cancelled) or
/// EINVAL (the others) and the last error "<Arrow code>: <Kind>: <message>", the message naming
/// the table, the version and the file. A null `engine` is InvalidArgument.
Result<ArrowStreamHandle> ExecuteScan(const std::shared_ptr<const Scan>& scan,
                                      const std::shared_ptr<Engine>& engine,
                                      const ExecuteOptions& options = {});
/// ExecuteScan on the scan's own engine.
Result<ArrowStreamHandle> ExecuteScan(const std::shared_ptr<const Scan>& scan,
                                      const ExecuteOptions& options = {});

/// A running scan's batches pulled one at a time, with errors as the exact Status (the C
/// stream of ExecuteScan carries only an errno and text). For consumers that report errors by
/// kind, as the command-line tool does. Not thread-safe.
class ScanBatchReader {
 public:
  virtual ~ScanBatchReader() = default;
  /// The type of every batch: a struct shaped like Scan::OutputArrowSchema().
  virtual Result<ArrowSchemaHandle> Schema() const = 0;
  /// The next batch, a struct array with one child per output column, or nullopt after the
  /// last. After an error the reader is done.
  virtual Result<std::optional<ArrowArrayHandle>> Next() = 0;
};

/// Starts `scan` as ExecuteScan does and returns its batches through a ScanBatchReader.
Result<std::unique_ptr<ScanBatchReader>> ReadScanBatches(const std::shared_ptr<const Scan>& scan,
                                                         const std::shared_ptr<Engine>& engine,
                                                         const ExecuteOptions& options = {});
/// ReadScanBatches on the scan's own engine.
Result<std::unique_ptr<ScanBatchReader>> ReadScanBatches(const std::shared_ptr<const Scan>& scan,
                                                         const ExecuteOptions& options = {});

/// Runs `scan` and writes all of its rows as one Parquet file at `location` (an absolute URI
/// or local path) through `engine`'s FileSystem, with the scan's output schema (logical names
/// and types). Returns the number of rows written.
Result<int64_t> WriteScanToParquet(const std::shared_ptr<const Scan>& scan,
                                   const std::shared_ptr<Engine>& engine, std::string_view location,
                                   const ExecuteOptions& options = {});
/// WriteScanToParquet on the scan's own engine.
Result<int64_t> WriteScanToParquet(const std::shared_ptr<const Scan>& scan,
                                   std::string_view location, const ExecuteOptions& options = {});

/// Reads the changes as ExecuteScan does for a scan: batches shaped like
/// ChangesScan::OutputArrowSchema(), in no particular order.
Result<ArrowStreamHandle> ExecuteChanges(const std::shared_ptr<const ChangesScan>& changes,
                                         const std::shared_ptr<Engine>& engine,
                                         const ExecuteOptions& options = {});
/// ExecuteChanges on the table's engine.
Result<ArrowStreamHandle> ExecuteChanges(const std::shared_ptr<const ChangesScan>& changes,
                                         const ExecuteOptions& options = {});

/// WriteScanToParquet for changes.
Result<int64_t> WriteChangesToParquet(const std::shared_ptr<const ChangesScan>& changes,
                                      const std::shared_ptr<Engine>& engine,
                                      std::string_view location,
                                      const ExecuteOptions& options = {});
/// WriteChangesToParquet on the table's engine.
Result<int64_t> WriteChangesToParquet(const std::shared_ptr<const ChangesScan>& changes,
                                      std::string_view location,
                                      const ExecuteOptions& options = {});

}  // namespace delta
