// Scan planning of one file: typed partition values, partition pruning, data skipping, and its
// row in a metadata batch. Shared by the in-memory and the streaming block iterators; ScanFiles
// are read back from the batches (scan_metadata_rows.h).
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "delta/scan.h"
#include "protocol/arrow_schema_builder.h"
#include "scan/data_skipping.h"
#include "scan/scan_metadata_builder.h"

namespace delta {

/// Files per unit of parallel planning work over an in-memory file list.
inline constexpr size_t kBlockFiles = 1024;

/// The planned files of one unit of work, with its counts or its error: `batch` holds a row for
/// every live file looked at, selected or not (null when there was none).
struct BlockResult {
  std::unique_ptr<ScanMetadataBuilder> batch;
  ScanCounts counts;
  Status status;
};

/// Adds `from` into `to`.
inline void AddCounts(const ScanCounts& from, ScanCounts* to) {
  to->total_files += from.total_files;
  to->pruned_by_partition += from.pruned_by_partition;
  to->skipped_by_stats += from.skipped_by_stats;
  to->selected_files += from.selected_files;
}

/// Hands out a scan's planned blocks in order. Subclasses decide how blocks are produced.
class PlanBlockIterator {
 public:
  virtual ~PlanBlockIterator() = default;
  /// Moves the next planned block into `out`; false when there are no more.
  virtual bool NextBlock(BlockResult* out) = 0;
};

/// Plans a scan's files. Thread-safe: blocks are planned concurrently.
class ScanFilePlanner {
 public:
  /// `batch_field`: ScanMetadataField of the scan, outliving the planner.
  ScanFilePlanner(const Scan& scan, const ArrowField& batch_field);

  /// Blocks of the snapshot's in-memory file list.
  size_t num_blocks() const { return (files_.size() + kBlockFiles - 1) / kBlockFiles; }
  /// Never throws: an allocation failure becomes the block's status.
  BlockResult PlanBlock(size_t block) const noexcept;

  /// Plans one live file into `out`: counted in out->counts, a row appended to out->batch
  /// (copied: `add` need not outlive the call). An error names the file.
  Status PlanFile(const AddFile& add, BlockResult* out) const;

 private:
  BlockResult PlanBlockUnguarded(size_t block) const;
  // Appends a row to out->batch (made on first use).
  void AppendRow(const AddFile& add, const PartitionValues* values, bool selected,
                 BlockResult* out) const;

  const Scan& scan_;
  const ArrowField& batch_field_;
  std::span<const AddFile> files_;
  std::optional<DataSkippingFilter> skipping_;
  bool prune_ = false;
  // ScanOptions::only_files as a set; views into the scan's options.
  std::optional<std::unordered_set<std::string_view>> only_files_;
};

/// The blocks of `scan`'s files as metadata batches of `batch_field` (kept alive by the
/// iterator): planned from the in-memory file list or streamed from the checkpoint.
std::unique_ptr<PlanBlockIterator> MakeScanBlockIterator(
    std::shared_ptr<const Scan> scan, std::shared_ptr<const ArrowField> batch_field);

}  // namespace delta
