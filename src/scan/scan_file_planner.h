// Scan planning of one file: typed partition values, partition pruning, data skipping, and the
// ScanFile a reader needs. Shared by the in-memory and the streaming file iterators.
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

/// The planned files of one unit of work, with its counts or its error. A planner making
/// metadata batches fills `batch` (every live file looked at, selected or not) instead of
/// `files`.
struct BlockResult {
  std::vector<ScanFile> files;
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

/// A ScanFileIterator over planned blocks: hands out each block's files in order, adds up the
/// counts, and makes the first error sticky. Subclasses decide how blocks are produced.
class BlockScanFileIterator : public ScanFileIterator {
 public:
  Result<std::optional<ScanFile>> Next() final;
  ScanCounts counts() const final { return counts_; }
  /// The next planned block, for consumers of whole blocks (metadata batches); false when
  /// there are no more. Do not mix with Next().
  bool TakeBlock(BlockResult* out) { return NextBlock(out); }

 protected:
  /// Moves the next block into `out`; false when there are no more.
  virtual bool NextBlock(BlockResult* out) = 0;

 private:
  BlockResult current_;
  size_t pos_ = 0;
  ScanCounts counts_;
  Status error_;  // sticky: once planning failed, every later Next() reports it
};

/// Plans a scan's files. Thread-safe: blocks are planned concurrently.
class ScanFilePlanner {
 public:
  /// With `batch_field` (ScanMetadataField of the scan, outliving the planner), blocks carry
  /// metadata batches instead of ScanFiles.
  explicit ScanFilePlanner(const Scan& scan, const ArrowField* batch_field = nullptr);

  /// Blocks of the snapshot's in-memory file list.
  size_t num_blocks() const { return (files_.size() + kBlockFiles - 1) / kBlockFiles; }
  /// Never throws: an allocation failure becomes the block's status.
  BlockResult PlanBlock(size_t block) const noexcept;

  /// Plans one live file into `out` (counted in out->counts; selected files appended with
  /// `owner` keeping their views alive, or every file appended to out->batch). An error names
  /// the file.
  Status PlanFile(const AddFile& add, const std::shared_ptr<const void>& owner,
                  BlockResult* out) const;

 private:
  BlockResult PlanBlockUnguarded(size_t block) const;
  // Appends a row to out->batch (made on first use).
  void AppendRow(const AddFile& add, const PartitionValues* values, bool selected,
                 BlockResult* out) const;

  const Scan& scan_;
  const ArrowField* batch_field_ = nullptr;
  std::span<const AddFile> files_;
  std::optional<DataSkippingFilter> skipping_;
  bool prune_ = false;
  // ScanOptions::only_files as a set; views into the scan's options.
  std::optional<std::unordered_set<std::string_view>> only_files_;
};

/// The blocks of `scan`'s files (in-memory or streamed, as Scan::FileIterator() picks), made
/// into metadata batches when `batch_field` is given (kept alive by the iterator).
std::unique_ptr<BlockScanFileIterator> MakeScanBlockIterator(
    std::shared_ptr<const Scan> scan, std::shared_ptr<const ArrowField> batch_field);

}  // namespace delta
