// ScanFiles read back from a scan's metadata batches: the layer Scan::Files() and
// Scan::FileIterator() are built on, so the batches are the one planning path.
#pragma once

#include <vector>

#include "delta/arrow_c.h"
#include "delta/scan.h"
#include "delta/scan_metadata.h"
#include "delta/status.h"

namespace delta {

/// Appends a ScanFile for every selected row of `batch` (rows of `schema`, the exported
/// ScanMetadataField of `scan`) to `out`, in row order. What the files' views point to (path,
/// deletion vector) is copied into memory they share through ScanFile::owner, so `batch` may be
/// released afterwards. Errors name the file (a path the table cannot locate) or the column.
Status AppendSelectedScanFiles(const Scan& scan, const ArrowSchema& schema,
                               const ScanMetadataBatch& batch, std::vector<ScanFile>* out);

}  // namespace delta
