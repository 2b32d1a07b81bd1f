#include "ops/row_rewrite.h"

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <arrow/array.h>
#include <arrow/array/builder_binary.h>
#include <arrow/c/bridge.h>
#include <arrow/record_batch.h>
#include <arrow/table.h>

#include "delta/changes.h"
#include "delta/deletion_vector.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "engine/arrow_status.h"
#include "engine/scan_reader.h"
#include "ops/change_rows.h"
#include "ops/row_removal.h"
#include "ops/row_tracking_columns.h"
#include "scan/partition_pruning.h"
#include "scan/partition_values.h"
#include "util/printable.h"
#include "util/task_guard.h"

namespace delta::ops {
namespace {

using Clock = std::chrono::steady_clock;
using expr::IsNull;
using expr::Lit;
using expr::Not;
using expr::Or;

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// A live file some of whose rows may match, and the rows that do.
struct Touched {
  const AddFile* add = nullptr;
  std::vector<uint64_t> matched;  // row positions in the data file
};

// Rows of the whole table for which `pred` is TRUE, among `files` (log paths): their positions
// per file location and, when `deleted` is given, the rows themselves (table columns only) and,
// when `row_ids` is given too, their stable row ids (one array per batch of `deleted`).
Status FindMatches(const std::shared_ptr<const Snapshot>& snapshot,
                   const std::shared_ptr<Engine>& engine, const ExprPtr& pred,
                   std::vector<std::string> files, std::map<std::string, Touched>* by_location,
                   std::vector<std::shared_ptr<arrow::RecordBatch>>* deleted,
                   std::vector<std::shared_ptr<arrow::Array>>* row_ids) {
  ScanOptions o;
  o.filter = pred;
  if (!deleted) o.columns = std::vector<std::string>{};
  o.metadata_columns = {MetadataColumn::kFilePath, MetadataColumn::kRowIndex};
  if (deleted && row_ids) o.metadata_columns.push_back(MetadataColumn::kRowId);
  const int num_metadata = static_cast<int>(o.metadata_columns.size());
  o.only_files = std::move(files);
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, Scan::Make(snapshot, std::move(o)));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<engine::ScanReader> reader,
                         engine::MakeScanReader(scan, engine, {}));
  while (true) {
    std::shared_ptr<arrow::RecordBatch> batch;
    arrow::Status st = reader->ReadNext(&batch);
    if (!st.ok()) return engine::ReaderStatus(*reader, st, snapshot->table_location());
    if (!batch) break;
    const int n = batch->num_columns() - num_metadata;  // table columns first
    auto paths = std::static_pointer_cast<arrow::StringArray>(batch->column(n));
    auto rows = std::static_pointer_cast<arrow::Int64Array>(batch->column(n + 1));
    for (int64_t i = 0; i < batch->num_rows(); ++i) {
      auto it = by_location->find(std::string(paths->GetView(i)));
      if (it == by_location->end()) {
        return Status::Internal("row deletion: the scan returned a row of " +
                                Quoted(paths->GetView(i)) + ", a file it was not asked to read");
      }
      it->second.matched.push_back(static_cast<uint64_t>(rows->Value(i)));
    }
    if (deleted && batch->num_rows() > 0) {
      arrow::FieldVector fields(batch->schema()->fields().begin(),
                                batch->schema()->fields().begin() + n);
      arrow::ArrayVector columns(batch->columns().begin(), batch->columns().begin() + n);
      deleted->push_back(arrow::RecordBatch::Make(arrow::schema(std::move(fields)),
                                                  batch->num_rows(), std::move(columns)));
      if (row_ids) row_ids->push_back(batch->column(n + 2));
    }
  }
  return Status::OK();
}

Result<MatchedRowRemoval> StageUnguarded(Transaction& txn,
                                         const std::shared_ptr<const Snapshot>& snapshot,
                                         const std::shared_ptr<Engine>& engine,
                                         const ExprPtr& predicate,
                                         const MatchedRowRemovalOptions& options,
                                         const ParquetWriteOptions* file_options) {
  MatchedRowRemoval out;
  RowDeletionMetrics& m = out.metrics;
  Clock::time_point scan_start = Clock::now();
  DELTA_ASSIGN_OR_RETURN(TableProperties props,
                         TableProperties::Parse(snapshot->metadata().configuration));
  const Protocol& protocol = snapshot->protocol();
  const bool use_dvs =
      props.enable_deletion_vectors() && protocol.HasWriterFeature(feature::kDeletionVectors);
  DELTA_ASSIGN_OR_RETURN(std::optional<KeptRowTracking> kept, RowTrackingToKeep(*snapshot));
  ExprPtr bound;
  if (predicate) {
    DELTA_RETURN_NOT_OK(txn.RecordReadPredicate(predicate));
    Result<ExprPtr> b = BindExpression(predicate, *snapshot->schema());
    if (!b.ok()) return b.status().WithContext(options.what);
    bound = *b;
  } else {
    txn.RecordReadWholeTable();
  }

  // Partition values decide most files of a partition-only predicate without reading them;
  // when the rows are wanted (change feed, new values) every candidate is read.
  std::vector<const AddFile*> whole;
  std::map<std::string, Touched> touched;  // by absolute location
  std::vector<std::string> to_read;
  for (const AddFile& f : snapshot->files()) {
    PartitionPredicateResult decided = PartitionPredicateResult::kTrue;
    if (bound) {
      DELTA_ASSIGN_OR_RETURN(PartitionValueMap values,
                             ParsePartitionValues(f.partition_values, *snapshot->schema(),
                                                  snapshot->partition_columns()));
      decided = EvaluatePartitionPredicate(*bound, values);
    }
    if (decided == PartitionPredicateResult::kFalse) continue;
    if (decided == PartitionPredicateResult::kTrue && !options.read_every_candidate) {
      whole.push_back(&f);
      continue;
    }
    DELTA_ASSIGN_OR_RETURN(std::string location, snapshot->LocateFile(f.path));
    touched[location].add = &f;
    to_read.emplace_back(f.path);
  }
  if (!to_read.empty()) {
    DELTA_RETURN_NOT_OK(FindMatches(
        snapshot, engine, predicate ? predicate : Lit(true), std::move(to_read), &touched,
        options.collect_rows ? &out.rows : nullptr, kept ? &out.row_ids : nullptr));
  }
  m.scan_time_ms = MillisSince(scan_start);

  Clock::time_point rewrite_start = Clock::now();
  for (const AddFile* f : whole) {
    DELTA_RETURN_NOT_OK(txn.RemoveLiveFile(*f));
    ++m.num_removed_files;
    m.num_removed_bytes += f->size;
    if (std::optional<int64_t> n = f->NumRecords()) {
      m.num_deleted_rows += *n - (f->deletion_vector ? f->deletion_vector->cardinality : 0);
    }
    if (f->deletion_vector) ++m.num_deletion_vectors_removed;
  }
  std::vector<std::string> rewrite;  // log paths of files whose remaining rows are copied
  // Files that keep some rows under a new deletion vector; the DVs go into one DV file.
  std::vector<DeletionVectorReAdd> dv_files;
  for (auto& [location, t] : touched) {
    const AddFile& f = *t.add;
    // The result depends on the matching rows only: a concurrent delete of others is no
    // conflict (row-level concurrency); a file that matched nothing depends on none.
    txn.RecordReadRows(f, t.matched);
    if (t.matched.empty()) continue;
    m.num_deleted_rows += static_cast<int64_t>(t.matched.size());
    int64_t old_deleted = f.deletion_vector ? f.deletion_vector->cardinality : 0;
    std::optional<int64_t> records = f.NumRecords();
    DELTA_RETURN_NOT_OK(txn.RemoveLiveFile(f));
    ++m.num_removed_files;
    m.num_removed_bytes += f.size;
    if (records && old_deleted + static_cast<int64_t>(t.matched.size()) >= *records) {
      if (f.deletion_vector) ++m.num_deletion_vectors_removed;
      continue;  // no live row left
    }
    out.partial = true;
    if (!use_dvs) {
      rewrite.emplace_back(f.path);
      continue;
    }
    dv_files.push_back(DeletionVectorReAdd{&f, std::move(t.matched)});
  }
  DELTA_RETURN_NOT_OK(ReAddWithDeletionVectors(txn, *snapshot, *engine, std::move(dv_files),
                                               &m.num_deletion_vectors_added,
                                               &m.num_deletion_vectors_removed));

  if (!rewrite.empty()) {
    ScanOptions o;
    if (predicate)
      o.filter = Or(Not(predicate), IsNull(predicate));
    else
      o.filter = Lit(false);
    o.partition_pruning = false;
    o.data_skipping = false;
    o.only_files = std::move(rewrite);
    // Copied rows keep their row ids and commit versions.
    if (kept) o.metadata_columns = {MetadataColumn::kRowId, MetadataColumn::kRowCommitVersion};
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, Scan::Make(snapshot, std::move(o)));
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<engine::ScanReader> reader,
                           engine::MakeScanReader(scan, engine, {}));
    std::shared_ptr<arrow::RecordBatchReader> rows = reader;
    if (kept) {
      DELTA_ASSIGN_OR_RETURN(rows, MaterializedRowTrackingReader(rows, *kept));
    }
    ArrowArrayStream raw{};
    arrow::Status exported = arrow::ExportRecordBatchReader(rows, &raw);
    if (!exported.ok()) return engine::DataStatus(exported, "copied rows");
    DELTA_ASSIGN_OR_RETURN(std::vector<WrittenFile> files, txn.WriteFiles(&raw, file_options));
    DELTA_RETURN_NOT_OK(txn.AddFiles(files));
    for (const WrittenFile& w : files) {
      ++m.num_added_files;
      m.num_added_bytes += w.size;
      m.num_copied_rows += w.num_records;
    }
  }
  m.rewrite_time_ms = MillisSince(rewrite_start);
  return out;
}

}  // namespace

Result<MatchedRowRemoval> StageMatchedRowRemoval(Transaction& txn,
                                                 const std::shared_ptr<const Snapshot>& snapshot,
                                                 const std::shared_ptr<Engine>& engine,
                                                 const ExprPtr& predicate,
                                                 const MatchedRowRemovalOptions& options,
                                                 const ParquetWriteOptions* file_options) {
  if (!snapshot || !engine) return Status::InvalidArgument("row removal: no snapshot or engine");
  return CatchAsStatus(
      "changing rows", snapshot->table_location(), [&]() -> Result<MatchedRowRemoval> {
        return StageUnguarded(txn, snapshot, engine, predicate, options, file_options);
      });
}

Result<ArrowStreamHandle> BatchesAsStream(std::vector<std::shared_ptr<arrow::RecordBatch>> batches,
                                          std::shared_ptr<arrow::Schema> schema) {
  auto reader = arrow::RecordBatchReader::Make(std::move(batches), std::move(schema));
  if (!reader.ok()) return engine::DataStatus(reader.status(), "rows");
  ArrowStreamHandle stream;
  arrow::Status st = arrow::ExportRecordBatchReader(*reader, stream.get());
  if (!st.ok()) return engine::DataStatus(st, "rows");
  return stream;
}

Result<int64_t> StageChangeRows(Transaction& txn, std::vector<ChangeRows> groups) {
  std::vector<std::shared_ptr<arrow::RecordBatch>> with_type;
  std::shared_ptr<arrow::Schema> schema;
  for (auto& [batches, change_type] : groups) {
    for (const auto& b : batches) {
      DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::RecordBatch> typed,
                             WithChangeType(b, change_type));
      schema = typed->schema();
      with_type.push_back(std::move(typed));
    }
  }
  if (with_type.empty()) return int64_t{0};
  DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle stream,
                         BatchesAsStream(std::move(with_type), std::move(schema)));
  ArrowArrayStream raw;
  stream.MoveTo(&raw);
  DELTA_ASSIGN_OR_RETURN(std::vector<WrittenFile> changes, txn.WriteChangeFiles(&raw));
  DELTA_RETURN_NOT_OK(txn.AddChangeFiles(changes));
  return static_cast<int64_t>(changes.size());
}

}  // namespace delta::ops
