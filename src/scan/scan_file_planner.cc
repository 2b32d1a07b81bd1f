#include "scan/scan_file_planner.h"

#include <algorithm>

#include "scan/partition_pruning.h"
#include "scan/partition_values.h"
#include "scan/scan_state.h"
#include "util/task_guard.h"

namespace delta {

ScanFilePlanner::ScanFilePlanner(const Scan& scan, const ArrowField& batch_field)
    : scan_(scan), batch_field_(batch_field), files_(scan.snapshot()->files()) {
  const ScanOptions& opts = scan.options();
  if (scan.bound_filter() && opts.data_skipping) skipping_.emplace(scan.bound_filter());
  prune_ = scan.bound_filter() && opts.partition_pruning && !scan.partition_columns().empty();
  if (opts.only_files) only_files_.emplace(opts.only_files->begin(), opts.only_files->end());
}

BlockResult ScanFilePlanner::PlanBlock(size_t block) const noexcept {
  try {
    return PlanBlockUnguarded(block);
  } catch (...) {
    BlockResult out;
    out.status = StatusFromCurrentException("planning the scan's files");
    return out;
  }
}

BlockResult ScanFilePlanner::PlanBlockUnguarded(size_t block) const {
  BlockResult out;
  size_t begin = block * kBlockFiles;
  size_t end = std::min(files_.size(), begin + kBlockFiles);
  for (size_t i = begin; i < end; ++i) {
    Status st = PlanFile(files_[i], &out);
    if (!st.ok()) {
      out.status = std::move(st);
      return out;
    }
  }
  return out;
}

Status ScanFilePlanner::PlanFile(const AddFile& add, BlockResult* out) const {
  ++out->counts.total_files;
  if (only_files_ && !only_files_->contains(add.path)) {
    ++out->counts.pruned_by_partition;
    AppendRow(add, nullptr, false, out);
    return Status::OK();
  }
  PartitionValues values;
  const ScanState& scan = scan_.state();
  const auto& keys = scan.partition_log_keys;
  for (size_t c = 0; c < keys.size(); ++c) {
    std::optional<std::string_view> raw;
    for (const PartitionValue& pv : add.partition_values) {
      if (pv.column == keys[c]) {
        raw = pv.value;
        break;
      }
    }
    auto lit = ParsePartitionValue(raw, *scan.partition_types[c]);
    if (!lit.ok()) {
      return lit.status().WithContext("table " + scan.snapshot->table_location() + ", file '" +
                                      std::string(add.path) + "', partition column '" +
                                      scan.partition_columns[c] + "'");
    }
    values.emplace(scan.partition_columns[c], std::move(*lit));
  }
  if (prune_ && CanPrunePartition(*scan.bound_filter, values)) {
    ++out->counts.pruned_by_partition;
    AppendRow(add, &values, false, out);
    return Status::OK();
  }
  if (skipping_ && !add.stats.empty() &&
      !skipping_->MayMatch(add.stats, values.empty() ? nullptr : &values)) {
    ++out->counts.skipped_by_stats;
    AppendRow(add, &values, false, out);
    return Status::OK();
  }
  AppendRow(add, &values, true, out);
  ++out->counts.selected_files;
  return Status::OK();
}

void ScanFilePlanner::AppendRow(const AddFile& add, const PartitionValues* values, bool selected,
                                BlockResult* out) const {
  if (!out->batch) out->batch = std::make_unique<ScanMetadataBuilder>(batch_field_, scan_.state());
  out->batch->Append(add, values, selected);
}

}  // namespace delta
