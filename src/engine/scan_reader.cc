#include "engine/scan_reader.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include <arrow/array/builder_primitive.h>
#include <arrow/array/util.h>
#include <arrow/c/bridge.h>
#include <arrow/compute/api_vector.h>
#include <arrow/compute/exec.h>
#include <arrow/util/bit_util.h>

#include "cloud/routing_file_system.h"
#include "cloud/store_factory.h"
#include "delta/changes.h"
#include "delta/deletion_vector.h"
#include "engine/arrow_status.h"
#include "engine/scan_arrow.h"
#include "scan/scan_arrow_schema.h"
#include "util/task_guard.h"
#include "util/thread_pool.h"

namespace delta::engine {

namespace cp = arrow::compute;

namespace {

// How often a consumer waiting for a batch hears how the readers are doing.
constexpr std::chrono::milliseconds kProgressWhileWaiting{250};

// Everything about one execution that does not change from file to file.
struct ScanContext {
  std::shared_ptr<const Scan> scan;
  std::shared_ptr<Engine> engine;
  ArrowSchemaHandle physical_c;  // passed to every ParquetReader::Read (which copies it)
  std::shared_ptr<arrow::Schema> working_schema;
  std::shared_ptr<arrow::Schema> output_schema;
  std::optional<cp::Expression> filter;  // bound to working_schema
};

Result<std::shared_ptr<arrow::Array>> SequenceArray(int64_t first, int64_t n) {
  arrow::Int64Builder b;
  arrow::Status st = b.Reserve(n);
  if (!st.ok()) return DataStatus(st, "row index column");
  for (int64_t i = 0; i < n; ++i) b.UnsafeAppend(first + i);
  std::shared_ptr<arrow::Array> out;
  st = b.Finish(&out);
  if (!st.ok()) return DataStatus(st, "row index column");
  return out;
}

// `bound` with the file's partition values in place of partition columns, so the Parquet
// reader's row-group skipping also uses them (`(p = 1 AND x > 5) OR p = 2`).
ExprPtr WithPartitionValues(const ExprPtr& bound, const PartitionValues& values) {
  if (bound == nullptr) return bound;
  if (bound->kind == ExprKind::kColumn) {
    if (bound->path.size() != 1) return bound;
    auto it = values.find(bound->path[0]);
    if (it == values.end()) return bound;
    return expr::Lit(it->second);
  }
  if (bound->children.empty()) return bound;
  auto copy = std::make_shared<Expression>(*bound);
  bool changed = false;
  for (ExprPtr& c : copy->children) {
    ExprPtr replaced = WithPartitionValues(c, values);
    changed = changed || replaced != c;
    c = std::move(replaced);
  }
  return changed ? ExprPtr(std::move(copy)) : bound;
}

// One data file being read: its DV, partition values as scalars, and the Parquet stream.
class FileCursor {
 public:
  FileCursor(const ScanContext& ctx, ScanFile file) : ctx_(ctx), file_(std::move(file)) {}

  const ScanFile& file() const { return file_; }
  /// Which row groups (and file rows) the reader kept; valid after Open.
  const ParquetReadInfo& read_info() const { return read_info_; }

  // Errors name the file (in their message), the table and the version, once each.
  Status Open() { return InTable(OpenFile()); }

  // The next transformed batch (possibly empty), or nullptr at the end of the file.
  Result<std::shared_ptr<arrow::RecordBatch>> Next() {
    Result<std::shared_ptr<arrow::RecordBatch>> batch = NextBatch();
    if (!batch.ok()) return InTable(batch.status());
    return batch;
  }

 private:
  Status InTable(const Status& st) const {
    if (st.ok()) return st;
    const std::string table = "table " + ctx_.scan->snapshot()->table_location();
    const std::string context = table + ", version " + std::to_string(FileVersion());
    // Deletion vector errors already start with the table: add the version there.
    if (st.message().starts_with(table + ": ")) {
      return Status(st.code(), context + st.message().substr(table.size()));
    }
    return st.WithContext(context);
  }

  // The version the file is read at: the snapshot's, or for the changes feed (which reads the
  // files of many commits) the commit's, which it carries as a partition value.
  int64_t FileVersion() const {
    const std::vector<std::string>& table_partitions = ctx_.scan->partition_columns();
    auto it = file_.partition_values.find(std::string(kCommitVersionColumn));
    if (it != file_.partition_values.end() && it->second.kind() == TypeKind::kLong &&
        !it->second.is_null() &&
        std::find(table_partitions.begin(), table_partitions.end(), it->first) ==
            table_partitions.end()) {
      return it->second.int_value();
    }
    return ctx_.scan->snapshot()->version();
  }

  Status OpenFile() {
    if (file_.selected_rows != nullptr) {
      selected_ = file_.selected_rows;
    } else if (file_.deletion_vector != nullptr && file_.deletion_vector->cardinality > 0) {
      DELTA_ASSIGN_OR_RETURN(
          DeletionVector dv,
          LoadDeletionVector(ctx_.engine->file_system(), ctx_.scan->snapshot()->table_location(),
                             *file_.deletion_vector, ctx_.engine->location_policy()));
      dv_ = std::move(dv);
    }
    const auto& transforms = ctx_.scan->transforms();
    constants_.resize(transforms.size());
    for (size_t i = 0; i < transforms.size(); ++i) {
      const ColumnTransform& t = transforms[i];
      if (t.source == ColumnSource::kPartition) {
        auto it = file_.partition_values.find(t.partition_column);
        Literal value = it != file_.partition_values.end() ? it->second : Literal::Null(t.type);
        DELTA_ASSIGN_OR_RETURN(constants_[i], LiteralToScalar(value));
      } else if (t.source == ColumnSource::kPartitionOrPhysical) {
        auto it = file_.partition_values.find(t.partition_column);
        if (it != file_.partition_values.end()) {
          DELTA_ASSIGN_OR_RETURN(constants_[i], LiteralToScalar(it->second));
        }
      } else if (t.source == ColumnSource::kMetadata && t.metadata == MetadataColumn::kFilePath) {
        constants_[i] = std::make_shared<arrow::StringScalar>(file_.location);
      }
    }
    FileInfo info{file_.location, file_.size, file_.modification_time};
    ParquetReadOptions read_options;
    if (ctx_.scan->options().data_skipping) {
      read_options.predicate =
          WithPartitionValues(ctx_.scan->bound_filter(), file_.partition_values);
    }
    DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle stream,
                           ctx_.engine->parquet().ReadFiltered(info, ctx_.physical_c.get(),
                                                               read_options, &read_info_));
    auto reader = arrow::ImportRecordBatchReader(stream.get());
    if (!reader.ok()) return DataStatus(reader.status(), file_.location);
    reader_ = std::move(reader).ValueUnsafe();
    return Status::OK();
  }

  Result<std::shared_ptr<arrow::RecordBatch>> NextBatch() {
    std::shared_ptr<arrow::RecordBatch> physical = std::move(pending_);
    pending_.reset();
    if (physical == nullptr) {
      arrow::Status st = reader_->ReadNext(&physical);
      if (!st.ok()) return DataStatus(st, file_.location);
      if (physical == nullptr) {
        (void)reader_->Close();
        return std::shared_ptr<arrow::RecordBatch>();
      }
    }
    // Row positions (DV, row index, row ids) are file rows. When the reader left out row
    // groups a batch may straddle a gap: transform its part that is consecutive in the file
    // now and the rest on the next call.
    auto [first_row, consecutive] = FileRowsAt(next_row_, physical->num_rows());
    if (consecutive < physical->num_rows()) {
      pending_ = physical->Slice(consecutive);
      physical = physical->Slice(0, consecutive);
    }
    next_row_ += physical->num_rows();
    auto out = Transform(*physical, first_row);
    if (!out.ok()) return out.status().WithContext(file_.location);
    return out;
  }

  // The file row of stream row `stream_row` and how many of the `n` stream rows from there are
  // consecutive in the file.
  std::pair<int64_t, int64_t> FileRowsAt(int64_t stream_row, int64_t n) const {
    if (!read_info_.row_ranges) return {stream_row, n};
    int64_t skip = stream_row;
    for (const RowRange& r : *read_info_.row_ranges) {
      if (skip < r.count) return {r.first + skip, std::min(n, r.count - skip)};
      skip -= r.count;
    }
    return {stream_row, n};  // more rows than announced: keep positions as they come
  }

  Result<std::shared_ptr<arrow::Array>> RowTrackingColumn(const ColumnTransform& t,
                                                          const arrow::RecordBatch& physical,
                                                          int64_t first_row) {
    const int64_t n = physical.num_rows();
    const bool row_id = t.metadata == MetadataColumn::kRowId;
    const std::optional<int64_t>& fallback =
        row_id ? file_.base_row_id : file_.default_row_commit_version;
    std::shared_ptr<arrow::Int64Array> materialized;
    if (t.physical_index >= 0) {
      materialized = std::static_pointer_cast<arrow::Int64Array>(physical.column(t.physical_index));
    }
    arrow::Int64Builder b;
    arrow::Status st = b.Reserve(n);
    if (!st.ok()) return DataStatus(st, t.name);
    for (int64_t i = 0; i < n; ++i) {
      if (materialized && materialized->IsValid(i)) {
        b.UnsafeAppend(materialized->Value(i));
      } else if (fallback) {
        b.UnsafeAppend(row_id ? *fallback + first_row + i : *fallback);
      } else {
        return Status::InvalidTable(std::string("file '") + std::string(file_.path) + "' has no " +
                                    (row_id ? "baseRowId" : "defaultRowCommitVersion") +
                                    " although row tracking is enabled");
      }
    }
    std::shared_ptr<arrow::Array> out;
    st = b.Finish(&out);
    if (!st.ok()) return DataStatus(st, t.name);
    return out;
  }

  Result<std::shared_ptr<arrow::Array>> Column(size_t i, const arrow::RecordBatch& physical,
                                               int64_t first_row) {
    const ColumnTransform& t = ctx_.scan->transforms()[i];
    const auto& type = ctx_.working_schema->field(static_cast<int>(i))->type();
    const int64_t n = physical.num_rows();
    arrow::Result<std::shared_ptr<arrow::Array>> made;
    switch (t.source) {
      case ColumnSource::kPhysical:
        return arrow::MakeArray(RelabelArray(physical.column(t.physical_index)->data(), type));
      case ColumnSource::kPartition:
        made = arrow::MakeArrayFromScalar(*constants_[i], n);
        break;
      case ColumnSource::kPartitionOrPhysical:
        if (constants_[i] == nullptr) {
          return arrow::MakeArray(RelabelArray(physical.column(t.physical_index)->data(), type));
        }
        made = arrow::MakeArrayFromScalar(*constants_[i], n);
        break;
      case ColumnSource::kNull:
        made = arrow::MakeArrayOfNull(type, n);
        break;
      case ColumnSource::kMetadata:
        switch (t.metadata) {
          case MetadataColumn::kFilePath:
            made = arrow::MakeArrayFromScalar(*constants_[i], n);
            break;
          case MetadataColumn::kRowIndex:
            return SequenceArray(first_row, n);
          case MetadataColumn::kRowId:
          case MetadataColumn::kRowCommitVersion:
            return RowTrackingColumn(t, physical, first_row);
        }
        break;
    }
    if (!made.ok()) return DataStatus(made.status(), t.name);
    return std::move(made).ValueUnsafe();
  }

  // The rows the DV keeps in this batch, or nullptr when it deletes none of them.
  Result<std::shared_ptr<arrow::Array>> DvMask(int64_t first_row, int64_t n) {
    if (selected_ != nullptr) return SelectionMask(first_row, n);
    if (!dv_ ||
        dv_->CountInRange(static_cast<uint64_t>(first_row), static_cast<uint64_t>(n)) == 0) {
      return std::shared_ptr<arrow::Array>();
    }
    keep_.resize(static_cast<size_t>(n));
    dv_->FillSelection(static_cast<uint64_t>(first_row), static_cast<uint64_t>(n), keep_.data());
    auto bitmap = arrow::AllocateEmptyBitmap(n);
    if (!bitmap.ok()) return DataStatus(bitmap.status(), "deletion vector mask");
    uint8_t* bits = (*bitmap)->mutable_data();
    for (int64_t i = 0; i < n; ++i) {
      if (keep_[static_cast<size_t>(i)] != 0) arrow::bit_util::SetBit(bits, i);
    }
    return std::shared_ptr<arrow::Array>(
        std::make_shared<arrow::BooleanArray>(n, std::move(bitmap).ValueUnsafe()));
  }

  Result<std::shared_ptr<arrow::RecordBatch>> Transform(const arrow::RecordBatch& physical,
                                                        int64_t first_row) {
    const int64_t n = physical.num_rows();
    const size_t num_working = ctx_.scan->transforms().size();
    const size_t num_output = ctx_.scan->num_output_columns();
    arrow::ArrayVector working;
    working.reserve(num_working);
    for (size_t i = 0; i < num_working; ++i) {
      DELTA_ASSIGN_OR_RETURN(auto column, Column(i, physical, first_row));
      working.push_back(std::move(column));
    }

    // Which rows survive: the DV's, then the filter's (NULL counts as not selected).
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::Array> mask, DvMask(first_row, n));
    if (ctx_.filter) {
      auto batch = arrow::RecordBatch::Make(ctx_.working_schema, n, working);
      cp::ExecBatch exec(*batch);
      auto selected = cp::ExecuteScalarExpression(*ctx_.filter, exec);
      if (!selected.ok()) return DataStatus(selected.status(), "evaluating the scan filter");
      arrow::Datum sel = std::move(selected).ValueUnsafe();
      if (sel.is_scalar()) {
        const auto& s = static_cast<const arrow::BooleanScalar&>(*sel.scalar());
        if (!s.is_valid || !s.value) {
          return arrow::RecordBatch::Make(ctx_.output_schema, 0, EmptyColumns());
        }
      } else if (mask == nullptr) {
        mask = sel.make_array();
      } else {
        auto both = cp::CallFunction("and_kleene", {mask, sel});
        if (!both.ok()) return DataStatus(both.status(), "combining the DV and filter masks");
        mask = both->make_array();
      }
    }

    arrow::ArrayVector output;
    output.reserve(num_output);
    for (size_t i = 0; i < num_output; ++i) {
      output.push_back(
          ProjectArray(working[i], ctx_.output_schema->field(static_cast<int>(i))->type()));
    }
    auto batch = arrow::RecordBatch::Make(ctx_.output_schema, n, std::move(output));
    if (mask == nullptr) return batch;
    auto filtered = cp::Filter(batch, mask);
    if (!filtered.ok()) return DataStatus(filtered.status(), "selecting rows");
    return filtered->record_batch();
  }

  // The rows of this batch in `selected_`, or nullptr when that is all of them.
  Result<std::shared_ptr<arrow::Array>> SelectionMask(int64_t first_row, int64_t n) {
    uint64_t in_batch =
        selected_->CountInRange(static_cast<uint64_t>(first_row), static_cast<uint64_t>(n));
    if (in_batch == static_cast<uint64_t>(n)) return std::shared_ptr<arrow::Array>();
    auto bitmap = arrow::AllocateEmptyBitmap(n);
    if (!bitmap.ok()) return DataStatus(bitmap.status(), "row selection mask");
    if (in_batch > 0) {
      keep_.resize(static_cast<size_t>(n));
      selected_->FillSelection(static_cast<uint64_t>(first_row), static_cast<uint64_t>(n),
                               keep_.data());
      uint8_t* bits = (*bitmap)->mutable_data();
      for (int64_t i = 0; i < n; ++i) {
        if (keep_[static_cast<size_t>(i)] == 0) arrow::bit_util::SetBit(bits, i);
      }
    }
    return std::shared_ptr<arrow::Array>(
        std::make_shared<arrow::BooleanArray>(n, std::move(bitmap).ValueUnsafe()));
  }

  arrow::ArrayVector EmptyColumns() const {
    arrow::ArrayVector out;
    for (const auto& f : ctx_.output_schema->fields()) {
      out.push_back(arrow::MakeEmptyArray(f->type()).ValueOr(nullptr));
    }
    return out;
  }

  const ScanContext& ctx_;
  ScanFile file_;
  std::optional<DeletionVector> dv_;
  std::shared_ptr<const DeletionVector> selected_;         // ScanFile::selected_rows
  std::vector<std::shared_ptr<arrow::Scalar>> constants_;  // per transform, when constant
  std::shared_ptr<arrow::RecordBatchReader> reader_;
  ParquetReadInfo read_info_;
  std::shared_ptr<arrow::RecordBatch> pending_;  // rest of a batch that straddled a gap
  int64_t next_row_ = 0;                         // stream rows read so far
  std::vector<uint8_t> keep_;
};

using CursorPtr = std::shared_ptr<FileCursor>;

// The shared state of a running scan. Pool tasks hold a raw pointer to it: the reader that
// owns it waits for every task to finish before destroying it.
struct Run {
  ScanContext ctx;
  ExecuteOptions options;
  Executor* executor = nullptr;
  size_t capacity = 0;
  int max_files = 0;

  std::mutex plan_mu;  // guards `files`
  std::unique_ptr<ScanFileIterator> files;

  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<arrow::RecordBatch>> ready;
  std::vector<CursorPtr> parked;  // paused while `ready` is full
  int running = 0;
  bool started = false;
  bool no_more_files = false;
  bool stopped = false;  // closed, or the limit was reached
  Status error;
  ScanProgress progress;
  // Readers of a table in an object store: files are read with blocking requests, so one per
  // CPU thread would keep that few requests in flight. Declared last: destroyed (joined) first.
  std::unique_ptr<ThreadPool> io_pool;

  void Fail(const Status& st) {
    std::lock_guard lock(mu);
    if (error.ok()) error = st;
    cv.notify_all();
  }

  // A pool task: reads files (claiming new ones as it goes) until it must pause or stop. An
  // exception (an allocation failure) fails the scan; it must not escape into the pool.
  static void Work(Run* run, CursorPtr cursor) noexcept {
    std::string file;
    try {
      Read(run, std::move(cursor), &file);
    } catch (...) {
      run->Fail(StatusFromCurrentException("reading", file.empty() ? "the scan's files" : file));
    }
    std::lock_guard lock(run->mu);
    --run->running;
    run->cv.notify_all();
  }

  // Work's loop; `*file` names the file being read, for an error raised as an exception.
  static void Read(Run* run, CursorPtr cursor, std::string* file) {
    while (true) {
      if (cursor == nullptr) {
        Result<std::optional<ScanFile>> next = std::optional<ScanFile>();
        {
          std::lock_guard plan_lock(run->plan_mu);
          {
            std::lock_guard lock(run->mu);
            if (run->stopped || !run->error.ok()) break;
          }
          next = run->files->Next();
          if (next.ok()) {
            std::lock_guard lock(run->mu);
            if (next->has_value()) {
              ++run->progress.files_planned;
            } else {
              run->no_more_files = true;
              run->progress.planning_done = true;
            }
          }
        }
        if (!next.ok()) {
          run->Fail(next.status());
          break;
        }
        if (!next->has_value()) break;
        cursor = std::make_shared<FileCursor>(run->ctx, std::move(**next));
        *file = cursor->file().location;
        Status st = cursor->Open();
        if (!st.ok()) {
          run->Fail(st);
          break;
        }
        std::lock_guard lock(run->mu);
        run->progress.row_groups += cursor->read_info().row_groups;
        run->progress.row_groups_skipped += cursor->read_info().row_groups_skipped;
      }
      {
        std::lock_guard lock(run->mu);
        if (run->stopped || !run->error.ok()) break;
        if (run->ready.size() >= run->capacity) {
          run->parked.push_back(std::move(cursor));
          break;
        }
      }
      auto batch = cursor->Next();
      if (!batch.ok()) {
        run->Fail(batch.status());
        break;
      }
      if (*batch == nullptr) {
        std::lock_guard lock(run->mu);
        ++run->progress.files_done;
        run->progress.bytes_done += cursor->file().size;
        cursor.reset();
        continue;
      }
      if ((*batch)->num_rows() == 0) continue;
      std::lock_guard lock(run->mu);
      run->ready.push_back(std::move(*batch));
      run->cv.notify_all();
    }
    cursor.reset();  // close the file before letting the owner go
  }

  void Spawn(std::vector<CursorPtr> cursors, int fresh) {
    for (CursorPtr& c : cursors) {
      SubmitOrRun(*executor, [this, c = std::move(c)]() noexcept { Work(this, c); });
    }
    for (int i = 0; i < fresh; ++i) {
      SubmitOrRun(*executor, [this]() noexcept { Work(this, nullptr); });
    }
  }

  arrow::Status Next(std::shared_ptr<arrow::RecordBatch>* out) {
    *out = nullptr;
    const std::optional<int64_t>& limit = ctx.scan->options().limit;
    std::vector<CursorPtr> resume;
    int fresh = 0;
    std::shared_ptr<arrow::RecordBatch> batch;
    ScanProgress snapshot;
    {
      std::unique_lock lock(mu);
      if (!started) {
        started = true;
        if (limit && *limit == 0) stopped = true;
        if (!stopped) {
          fresh = max_files;
          running += fresh;
          lock.unlock();
          Spawn({}, fresh);
          lock.lock();
          fresh = 0;
        }
      }
      while (true) {
        // Consumers of the exported stream read the message; ReaderStatus takes `error` itself.
        if (!error.ok()) return ToExportedStatus(error);
        if (stopped && ready.empty()) return arrow::Status::OK();
        if (!ready.empty()) break;
        if (running == 0) {
          if (!parked.empty()) {
            resume = std::move(parked);
            parked.clear();
            running += static_cast<int>(resume.size());
            lock.unlock();
            Spawn(std::move(resume), 0);
            resume.clear();
            lock.lock();
            continue;
          }
          if (no_more_files) {
            stopped = true;
            snapshot = progress;
            lock.unlock();
            if (options.progress) options.progress(snapshot);
            return arrow::Status::OK();
          }
          // Defensive: nobody is reading but files remain; start a reader.
          ++running;
          lock.unlock();
          Spawn({}, 1);
          lock.lock();
          continue;
        }
        if (!options.progress) {
          cv.wait(lock);
        } else if (cv.wait_for(lock, kProgressWhileWaiting) == std::cv_status::timeout) {
          // Files that yield no rows (a selective filter) still show up as done.
          snapshot = progress;
          lock.unlock();
          options.progress(snapshot);
          lock.lock();
        }
      }
      batch = std::move(ready.front());
      ready.pop_front();
      if (limit) {
        int64_t remaining = *limit - progress.rows_output;
        if (batch->num_rows() >= remaining) {
          batch = batch->Slice(0, remaining);
          stopped = true;
          ready.clear();
        }
      }
      progress.rows_output += batch->num_rows();
      while (!stopped && !parked.empty() && ready.size() + resume.size() < capacity) {
        resume.push_back(std::move(parked.back()));
        parked.pop_back();
      }
      running += static_cast<int>(resume.size());
      snapshot = progress;
    }
    if (!resume.empty()) Spawn(std::move(resume), 0);
    if (options.progress) options.progress(snapshot);
    *out = std::move(batch);
    return arrow::Status::OK();
  }

  void Stop() {
    std::unique_lock lock(mu);
    stopped = true;
    ready.clear();
    cv.wait(lock, [&] { return running == 0; });
    parked.clear();
  }
};

class ScanReaderImpl final : public ScanReader {
 public:
  explicit ScanReaderImpl(std::unique_ptr<Run> run) : run_(std::move(run)) {}
  ~ScanReaderImpl() override { run_->Stop(); }

  std::shared_ptr<arrow::Schema> schema() const override { return run_->ctx.output_schema; }

  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* out) override {
    try {
      return run_->Next(out);
    } catch (...) {
      // Called through the Arrow C stream: an exception must not cross it.
      Status st = StatusFromCurrentException("reading the scan's batches");
      run_->Fail(st);
      return ToArrowStatus(st);
    }
  }

  arrow::Status Close() override {
    run_->Stop();
    return arrow::Status::OK();
  }

  Status status() const override {
    std::lock_guard lock(run_->mu);
    return run_->error;
  }

 private:
  std::unique_ptr<Run> run_;
};

}  // namespace

// Files a scan of a table in an object store reads at once by default.
constexpr int kMaxRemoteFilesInFlight = 16;

Result<std::shared_ptr<ScanReader>> MakeScanReader(const std::shared_ptr<const Scan>& scan,
                                                   const std::shared_ptr<Engine>& engine,
                                                   const ExecuteOptions& options) {
  if (scan == nullptr) return Status::InvalidArgument("ExecuteScan: scan is null");
  if (engine == nullptr) return Status::InvalidArgument("ExecuteScan: engine is null");
  DELTA_RETURN_NOT_OK(InitializeCompute());
  auto run = std::make_unique<Run>();
  run->options = options;
  run->executor = &engine->executor();
  ScanContext& ctx = run->ctx;
  ctx.scan = scan;
  ctx.engine = engine;
  DELTA_ASSIGN_OR_RETURN(ctx.physical_c, scan->PhysicalArrowSchema());
  DELTA_ASSIGN_OR_RETURN(ArrowSchemaHandle output_c, scan->OutputArrowSchema());
  DELTA_ASSIGN_OR_RETURN(ctx.output_schema, ImportArrowSchema(std::move(output_c)));
  DELTA_ASSIGN_OR_RETURN(ArrowSchemaHandle working_c,
                         ToArrowSchema(*scan->working_schema(), false));
  DELTA_ASSIGN_OR_RETURN(ctx.working_schema, ImportArrowSchema(std::move(working_c)));
  if (scan->bound_filter()) {
    DELTA_ASSIGN_OR_RETURN(cp::Expression filter, ToArrowExpression(*scan->bound_filter()));
    auto bound = filter.Bind(*ctx.working_schema);
    if (!bound.ok()) {
      return Status::InvalidArgument("scan filter " + scan->bound_filter()->ToString() +
                                     " cannot be evaluated: " + bound.status().ToString());
    }
    ctx.filter = std::move(bound).ValueUnsafe();
  }
  int parallelism = std::max(1, run->executor->parallelism());
  run->max_files = options.max_files_in_flight > 0 ? options.max_files_in_flight : 2 * parallelism;
  // On an object store each file's reads wait a round trip: read as many files at once as the
  // store keeps requests in flight, on threads of the scan's own (the decoding oversubscribes
  // the cores a little; the waiting dominates).
  const std::string& root = scan->snapshot()->table_location();
  FileSystem& fs = engine->file_system();
  auto* routing = dynamic_cast<cloud::RoutingFileSystem*>(&fs);
  int io = routing != nullptr ? routing->ConcurrencyFor(root) : fs.max_concurrency();
  // Each file in flight holds a row group's columns: bound the memory, not just the requests.
  io = std::min(io, kMaxRemoteFilesInFlight);
  if (options.max_files_in_flight == 0 && io > run->max_files && cloud::IsObjectStoreScheme(root)) {
    run->io_pool = std::make_unique<ThreadPool>(io);
    run->executor = run->io_pool.get();
    run->max_files = std::max(1, run->io_pool->threads());
  }
  run->capacity = static_cast<size_t>(
      options.max_buffered_batches > 0 ? options.max_buffered_batches : 2 * run->max_files);
  run->files = scan->FileIterator();
  return std::shared_ptr<ScanReader>(std::make_shared<ScanReaderImpl>(std::move(run)));
}

Status ReaderStatus(const ScanReader& reader, const arrow::Status& st, std::string_view what) {
  Status exact = reader.status();
  if (!exact.ok()) return exact;
  return DataStatus(st, what);
}

}  // namespace delta::engine

namespace delta {

Result<ArrowStreamHandle> ExecuteScan(const std::shared_ptr<const Scan>& scan,
                                      const std::shared_ptr<Engine>& engine,
                                      const ExecuteOptions& options) {
  return CatchAsStatus("starting the scan", {}, [&]() -> Result<ArrowStreamHandle> {
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<engine::ScanReader> reader,
                           engine::MakeScanReader(scan, engine, options));
    ArrowStreamHandle handle;
    arrow::Status st = arrow::ExportRecordBatchReader(reader, handle.get());
    if (!st.ok()) return Status::Internal("exporting the scan stream: " + st.ToString());
    return handle;
  });
}

Result<ArrowStreamHandle> ExecuteScan(const std::shared_ptr<const Scan>& scan,
                                      const ExecuteOptions& options) {
  if (scan == nullptr) return Status::InvalidArgument("ExecuteScan: scan is null");
  return ExecuteScan(scan, scan->engine(), options);
}

}  // namespace delta
