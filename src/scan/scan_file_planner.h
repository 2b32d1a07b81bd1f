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
#include "scan/data_skipping.h"

namespace delta {

/// Files per unit of parallel planning work over an in-memory file list.
inline constexpr size_t kBlockFiles = 1024;

/// The planned files of one unit of work, with its counts or its error.
struct BlockResult {
  std::vector<ScanFile> files;
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
  explicit ScanFilePlanner(const Scan& scan);

  /// Blocks of the snapshot's in-memory file list.
  size_t num_blocks() const { return (files_.size() + kBlockFiles - 1) / kBlockFiles; }
  /// Never throws: an allocation failure becomes the block's status.
  BlockResult PlanBlock(size_t block) const noexcept;

  /// Plans one live file into `out` (counted in out->counts; selected files appended with
  /// `owner` keeping their views alive). An error names the file.
  Status PlanFile(const AddFile& add, const std::shared_ptr<const void>& owner,
                  BlockResult* out) const;

 private:
  BlockResult PlanBlockUnguarded(size_t block) const;

  const Scan& scan_;
  std::span<const AddFile> files_;
  std::optional<DataSkippingFilter> skipping_;
  bool prune_ = false;
  // ScanOptions::only_files as a set; views into the scan's options.
  std::optional<std::unordered_set<std::string_view>> only_files_;
};

}  // namespace delta
