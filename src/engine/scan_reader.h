// Scan execution on Arrow C++: files read in parallel on the engine's executor, each batch
// turned from physical to logical (DV, filter, partition values, metadata columns, names).
#pragma once

#include <memory>
#include <string_view>

#include <arrow/record_batch.h>

#include "delta/engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/status.h"

namespace delta::engine {

/// A running scan as an Arrow C++ reader. ReadNext blocks until a batch is ready; batches come
/// in no particular order; the reader stops after the scan's limit. After an error, status()
/// holds it exactly (ReadNext reports it wrapped in an arrow::Status). Closing or destroying
/// the reader stops the reads still in flight and waits for them.
class ScanReader : public arrow::RecordBatchReader {
 public:
  /// The first error met, or OK.
  virtual Status status() const = 0;
};

/// The exact error of a reader whose ReadNext returned `st`: its status() when set, else `st`
/// mapped as data read from `what`.
Status ReaderStatus(const ScanReader& reader, const arrow::Status& st, std::string_view what);

/// Starts `scan` on `engine` (files are opened as the first batch is asked for).
Result<std::shared_ptr<ScanReader>> MakeScanReader(const std::shared_ptr<const Scan>& scan,
                                                   const std::shared_ptr<Engine>& engine,
                                                   const ExecuteOptions& options);

}  // namespace delta::engine
