// Scan task bytes for other task kinds to embed (distributed planning carries a scan's read
// spec as a scan task without files).
#pragma once

#include <span>
#include <string>

#include "delta/scan.h"
#include "delta/status.h"

namespace delta {

/// One scan task of `scan`'s read spec and `files` (none is allowed here). Unsupported for a
/// file that selects rows by position.
Result<std::string> EncodeScanTask(const Scan& scan, std::span<const ScanFile> files);

}  // namespace delta
