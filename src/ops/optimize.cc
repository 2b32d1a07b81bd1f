// Executing an OPTIMIZE plan on the default engine: each bin's files are read through the
// scan machinery (deletion vectors applied, partition values and column mapping resolved),
// Z-ordered when asked, written with the transaction's writer, and committed once as adds and
// removes with dataChange=false.
#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include <arrow/c/bridge.h>
#include <arrow/table.h>

#include "delta/optimize.h"
#include "delta/scan.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "engine/arrow_status.h"
#include "engine/scan_reader.h"
#include "ops/optimize_plan.h"
#include "ops/row_tracking_columns.h"
#include "ops/row_tracking_tag.h"
#include "ops/zorder_sort.h"
#include "txn/clustering_columns.h"
#include "util/printable.h"
#include "util/task_guard.h"

namespace delta {

namespace {

// Reads one bin and writes its rows (Z-ordered when asked) as new data files.
Result<std::vector<WrittenFile>> RewriteBin(Transaction& txn,
                                            const std::shared_ptr<const Snapshot>& snapshot,
                                            const OptimizeBin& bin, const OptimizePlan& plan,
                                            const std::string& what) {
  // Every column of exactly the bin's files (no pruning or skipping: they are chosen).
  ScanOptions options;
  options.partition_pruning = false;
  options.data_skipping = false;
  options.only_files.emplace();
  for (const AddFile* add : bin.files) options.only_files->emplace_back(add->path);
  // Compacted rows keep their row ids and commit versions.
  DELTA_ASSIGN_OR_RETURN(std::optional<ops::KeptRowTracking> kept,
                         ops::RowTrackingToKeep(*snapshot));
  if (kept) {
    options.metadata_columns = {MetadataColumn::kRowId, MetadataColumn::kRowCommitVersion};
  }
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan,
                         Scan::Make(snapshot, std::move(options)));
  const int64_t bin_bytes = bin.bytes;
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<engine::ScanReader> reader,
                         engine::MakeScanReader(scan, scan->engine(), ExecuteOptions{}));
  std::shared_ptr<arrow::RecordBatchReader> rows = reader;
  if (kept) {
    DELTA_ASSIGN_OR_RETURN(rows, ops::MaterializedRowTrackingReader(rows, *kept));
  }
  // A clustered table is sorted by its clustering columns: Z-order over several, plain order
  // (the dense-rank key) over one.
  const std::vector<std::string>& sort_by = plan.z_order.empty() ? plan.clustering : plan.z_order;
  if (!sort_by.empty()) {
    // The curve orders all rows of the partition: they are sorted in memory.
    auto table = rows->ToTable();
    if (!table.ok()) return engine::ReaderStatus(*reader, table.status(), what);
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::Table> sorted, ops::ZOrderSort(*table, sort_by));
    // The writer starts a new file only between batches: hand it batches of about an eighth
    // of the target size (by the bin's bytes per row) so sorted output splits near the target.
    auto batches = std::make_shared<arrow::TableBatchReader>(sorted);
    const int64_t num_rows = std::max<int64_t>(sorted->num_rows(), 1);
    const int64_t bytes_per_row = std::max<int64_t>(bin_bytes / num_rows, 1);
    batches->set_chunksize(std::clamp<int64_t>(plan.target_size / 8 / bytes_per_row, 1, 65536));
    rows = batches;
  }
  ArrowArrayStream stream{};
  arrow::Status st = arrow::ExportRecordBatchReader(rows, &stream);
  if (!st.ok()) return engine::DataStatus(st, what);
  ParquetWriteOptions write_options;
  write_options.target_file_size = plan.target_size;
  Result<std::vector<WrittenFile>> written = txn.WriteFiles(&stream, &write_options);
  // The writer sees a read error only as stream text: report the reader's exact one.
  if (!written.ok() && !reader->status().ok()) return reader->status().WithContext(what);
  if (!written.ok()) return written.status().WithContext(what);
  return written;
}

// Delta Spark's percentile rule: sizes[n / 4], sizes[n / 2], sizes[n * 3 / 4] of sorted sizes.
void SetSizeMetrics(Transaction& txn, std::vector<int64_t> sizes) {
  if (sizes.empty()) return;
  std::sort(sizes.begin(), sizes.end());
  const size_t n = sizes.size();
  txn.SetOperationMetric("minFileSize", sizes.front());
  txn.SetOperationMetric("p25FileSize", sizes[n / 4]);
  txn.SetOperationMetric("p50FileSize", sizes[n / 2]);
  txn.SetOperationMetric("p75FileSize", sizes[n * 3 / 4]);
  txn.SetOperationMetric("maxFileSize", sizes.back());
}

Result<OptimizeResult> OptimizeImpl(std::shared_ptr<const Snapshot> snapshot,
                                    const OptimizeOptions& options) {
  const std::string where = "optimize table " + snapshot->table_location();
  DELTA_ASSIGN_OR_RETURN(OptimizePlan plan, PlanOptimize(*snapshot, options));
  OptimizeResult result;
  result.files_considered = plan.files_considered;
  OptimizeProgress progress;
  progress.bins_total = static_cast<int64_t>(plan.bins.size());
  for (const OptimizeBin& b : plan.bins) {
    progress.files_total += static_cast<int64_t>(b.files.size());
    progress.bytes_total += b.bytes;
  }
  if (options.progress) options.progress(progress);
  if (plan.bins.empty()) return result;  // nothing to rewrite: no commit

  DELTA_ASSIGN_OR_RETURN(std::unique_ptr<Transaction> txn,
                         Transaction::Begin(snapshot, options.transaction));
  if (plan.predicate) DELTA_RETURN_NOT_OK(txn->RecordReadPredicate(plan.predicate));
  // A concurrent change of the clustering columns makes this layout stale: a conflict.
  if (!plan.clustering.empty()) (void)txn->ReadDomainMetadata(kClusteringDomain);

  std::vector<int64_t> added_sizes;
  int64_t dv_rows_removed = 0;
  int64_t dv_bytes_removed = 0;
  for (const OptimizeBin& bin : plan.bins) {
    const std::string what = where + ", " + std::to_string(bin.files.size()) + " files" +
                             (bin.partition.empty() ? "" : " in partition " + bin.partition);
    DELTA_ASSIGN_OR_RETURN(std::vector<WrittenFile> written,
                           RewriteBin(*txn, snapshot, bin, plan, what));
    if (plan.clustering.empty()) {
      DELTA_RETURN_NOT_OK(txn->AddFiles(written, /*data_change=*/false));
    } else {
      // Clustered files name their clustering implementation (the table is unpartitioned).
      for (const WrittenFile& w : written) {
        AddFile add;
        add.path = w.path;
        add.size = w.size;
        add.modification_time = w.modification_time;
        add.data_change = false;
        add.stats = w.stats;
        add.clustering_provider = kLiquidClusteringProvider;
        DELTA_RETURN_NOT_OK(txn->AddAction(add));
      }
    }
    for (const WrittenFile& w : written) {
      added_sizes.push_back(w.size);
      result.bytes_added += w.size;
      result.rows_written += w.num_records;
    }
    result.files_added += static_cast<int64_t>(written.size());
    for (const AddFile* add : bin.files) {
      txn->RecordReadFile(add->path);
      DELTA_RETURN_NOT_OK(txn->RemoveLiveFile(*add, /*data_change=*/false));
      result.bytes_removed += add->size;
      if (add->deletion_vector != nullptr) {
        ++result.deletion_vectors_removed;
        dv_rows_removed += add->deletion_vector->cardinality;
        dv_bytes_removed += add->deletion_vector->size_in_bytes;
      }
    }
    result.files_removed += static_cast<int64_t>(bin.files.size());
    ++result.bins;
    ++progress.bins_done;
    progress.files_done += static_cast<int64_t>(bin.files.size());
    progress.bytes_done += bin.bytes;
    if (options.progress) options.progress(progress);
  }
  result.partitions_optimized = plan.partitions;

  txn->SetOperation("OPTIMIZE", OptimizeOperationParameters(plan, options));
  DELTA_RETURN_NOT_OK(ops::TagRowTrackingPreserved(*txn, *snapshot));
  txn->SetOperationMetric("numAddedFiles", result.files_added);
  txn->SetOperationMetric("numRemovedFiles", result.files_removed);
  txn->SetOperationMetric("numAddedBytes", result.bytes_added);
  txn->SetOperationMetric("numRemovedBytes", result.bytes_removed);
  SetSizeMetrics(*txn, added_sizes);
  txn->SetOperationMetric("numDeletionVectorsRemoved", result.deletion_vectors_removed);
  txn->SetOperationMetric("numDeletionVectorRowsRemoved", dv_rows_removed);
  txn->SetOperationMetric("numDeletionVectorBytesRemoved", dv_bytes_removed);
  progress.committing = true;
  if (options.progress) options.progress(progress);
  DELTA_ASSIGN_OR_RETURN(CommitResult commit, txn->Commit());
  result.commit = std::move(commit);
  return result;
}

}  // namespace

Result<OptimizeResult> Optimize(std::shared_ptr<const Snapshot> snapshot,
                                const OptimizeOptions& options) {
  if (snapshot == nullptr) return Status::InvalidArgument("Optimize: snapshot is null");
  return CatchAsStatus("optimizing table", snapshot->table_location(),
                       [&] { return OptimizeImpl(snapshot, options); });
}

Result<OptimizeResult> Optimize(std::string_view location, std::shared_ptr<Engine> engine,
                                const OptimizeOptions& options) {
  if (engine == nullptr) return Status::InvalidArgument("Optimize: engine is null");
  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(location, std::move(engine)));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, table.LatestSnapshot());
  return Optimize(std::move(snapshot), options);
}

}  // namespace delta
