// The command-line tool's text output of rows: an aligned table, CSV or JSON lines, rendered
// from the Arrow batches a scan produces.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "delta/engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/status.h"

namespace delta::cli {

/// Text renderings of rows.
enum class TextFormat {
  kTable,      ///< aligned columns with a header line
  kCsv,        ///< RFC 4180, header line first
  kJsonLines,  ///< one JSON object per row
};

/// Runs `scan` on `engine` and writes its rows as text through `sink` (called with chunks of
/// text, in order, from the calling thread). Nested values render as JSON; binary as base64 in
/// JSON and hex elsewhere; timestamps in ISO-8601 (with "Z" for timestamp, without for
/// timestamp_ntz). Returns the number of rows written. A sink error stops the scan and is
/// returned; a scan error is returned exactly (its kind and message).
Result<int64_t> WriteScanAsText(const std::shared_ptr<const Scan>& scan,
                                const std::shared_ptr<Engine>& engine, TextFormat format,
                                const std::function<Status(std::string_view)>& sink,
                                const ExecuteOptions& options = {});

}  // namespace delta::cli
