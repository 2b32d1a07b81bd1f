// The block iterator of a scan over a snapshot without a file list (FileListMode::kStreamed).
#pragma once

#include <memory>

#include "delta/scan.h"
#include "scan/scan_file_planner.h"

namespace delta {

/// Streams the scan's files: first the live adds of the commits after the checkpoint, then the
/// adds of every checkpoint part and sidecar, batch by batch. Each batch is decoded, filtered
/// against the keys the commits decided, and planned into a metadata batch of `batch_field`
/// on the engine's executor ahead of the consumer, within a bounded window; the decoded batch
/// is dropped once planned. The order is fixed (commit adds, then the checkpoint files in
/// order) whatever the thread count.
std::unique_ptr<PlanBlockIterator> MakeStreamingScanFileIterator(
    std::shared_ptr<const Scan> scan, std::shared_ptr<const ArrowField> batch_field);

}  // namespace delta
