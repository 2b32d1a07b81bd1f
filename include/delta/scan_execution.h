// Executing a Scan with the default engine (Arrow C++ / Parquet C++): the rows and columns the
// scan selects, as Arrow data. Declared without Arrow C++ types; link delta_kernel_arrow.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "delta/arrow_handles.h"
#include "delta/engine.h"
#include "delta/scan.h"
#include "delta/status.h"

namespace delta {

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
/// the table, the version and the file.
Result<ArrowStreamHandle> ExecuteScan(const std::shared_ptr<const Scan>& scan,
                                      const std::shared_ptr<Engine>& engine,
                                      const ExecuteOptions& options = {});

/// Text renderings of scan results.
enum class TextFormat {
  kTable,      ///< aligned columns with a header line
  kCsv,        ///< RFC 4180, header line first
  kJsonLines,  ///< one JSON object per row
};

/// Runs `scan` and writes its rows as text through `sink` (called with chunks of text, in
/// order, from the calling thread). Nested values render as JSON; binary as base64 in JSON
/// and hex elsewhere; timestamps in ISO-8601 (with "Z" for timestamp, without for
/// timestamp_ntz). Returns the number of rows written. A sink error stops the scan and is
/// returned.
Result<int64_t> WriteScanAsText(const std::shared_ptr<const Scan>& scan,
                                const std::shared_ptr<Engine>& engine, TextFormat format,
                                const std::function<Status(std::string_view)>& sink,
                                const ExecuteOptions& options = {});

/// Runs `scan` and writes all of its rows as one Parquet file at `location` (an absolute URI
/// or local path) through `engine`'s FileSystem, with the scan's output schema (logical names
/// and types). Returns the number of rows written.
Result<int64_t> WriteScanToParquet(const std::shared_ptr<const Scan>& scan,
                                   const std::shared_ptr<Engine>& engine, std::string_view location,
                                   const ExecuteOptions& options = {});

}  // namespace delta
