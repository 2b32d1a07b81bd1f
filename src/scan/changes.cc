// ChangesScan: resolves a version or timestamp range, reads its commits, and plans the files
// whose rows are the changes, read by a scan with three extra columns.
#include "delta/changes.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "delta/deletion_vector.h"
#include "log/log_segment.h"
#include "log/snapshot_state.h"
#include "scan/changes_log.h"
#include "scan/partition_values.h"
#include "scan/scan_extension.h"
#include "util/task_guard.h"

namespace delta {

namespace {

constexpr std::string_view kInsert = "insert";
constexpr std::string_view kDelete = "delete";

// What the change files are planned from; shared by every iterator over them.
struct ChangePlan {
  ChangeRange range;
  std::shared_ptr<Engine> engine;
  std::shared_ptr<const Snapshot> snapshot;    // the end version's protocol and metadata
  std::vector<std::string> partition_columns;  // logical, schema spelling
};

// Rows of `a` not in `b` (either may be absent = empty), or null when there are none.
Result<std::shared_ptr<const DeletionVector>> Difference(const DeletionVector* a,
                                                         const DeletionVector* b) {
  if (a == nullptr) return std::shared_ptr<const DeletionVector>();
  std::vector<uint64_t> rows;
  for (uint64_t r : a->RowIndexes()) {
    if (b == nullptr || !b->Contains(r)) rows.push_back(r);
  }
  if (rows.empty()) return std::shared_ptr<const DeletionVector>();
  DELTA_ASSIGN_OR_RETURN(DeletionVector dv, DeletionVector::FromRowIndexes(rows));
  return std::make_shared<const DeletionVector>(std::move(dv));
}

bool SameDv(const DeletionVectorDescriptor* a, const DeletionVectorDescriptor* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->UniqueId() == b->UniqueId();
}

// Walks the range's commits and yields their change files, resolving deletion vector changes
// of re-added files (which needs the DVs loaded) as it goes.
class ChangeFileIterator final : public ScanFileIterator {
 public:
  explicit ChangeFileIterator(std::shared_ptr<const ChangePlan> plan) : plan_(std::move(plan)) {}

  Result<std::optional<ScanFile>> Next() override {
    while (pending_.empty()) {
      if (commit_ >= plan_->range.commits.size()) return std::optional<ScanFile>();
      Status st = PlanCommit(plan_->range.commits[commit_++]);
      if (!st.ok()) return st;
    }
    ScanFile f = std::move(pending_.front());
    pending_.erase(pending_.begin());
    ++counts_.total_files;
    ++counts_.selected_files;
    return std::optional<ScanFile>(std::move(f));
  }

  ScanCounts counts() const override { return counts_; }

 private:
  Result<ScanFile> MakeFile(const ChangeCommit& c, std::string_view path,
                            std::span<const PartitionValue> partition_values, int64_t size,
                            std::optional<std::string_view> change_type) const {
    ScanFile f;
    DELTA_ASSIGN_OR_RETURN(f.location, plan_->snapshot->LocateFile(path));
    f.path = path;
    f.size = size;
    auto parsed =
        ParsePartitionValues(partition_values, *plan_->range.schema, plan_->partition_columns);
    if (!parsed.ok()) {
      return parsed.status().WithContext("table " + plan_->range.table_root + ", version " +
                                         std::to_string(c.version) + ", file '" +
                                         std::string(path) + "'");
    }
    f.partition_values = std::move(*parsed);
    if (change_type) {
      f.partition_values.insert_or_assign(std::string(kChangeTypeColumn),
                                          Literal::String(std::string(*change_type)));
    }
    f.partition_values.insert_or_assign(std::string(kCommitVersionColumn),
                                        Literal::Long(c.version));
    // A hostile in-commit timestamp must not overflow the milliseconds -> microseconds step.
    int64_t commit_micros = 0;
    if (__builtin_mul_overflow(c.timestamp_ms, int64_t{1000}, &commit_micros)) {
      return Status::InvalidTable("table " + plan_->range.table_root + ", version " +
                                  std::to_string(c.version) + ": commit timestamp " +
                                  std::to_string(c.timestamp_ms) +
                                  " ms is out of the range of a timestamp");
    }
    f.partition_values.insert_or_assign(std::string(kCommitTimestampColumn),
                                        Literal::Timestamp(commit_micros));
    return f;
  }

  Result<std::optional<DeletionVector>> Load(const DeletionVectorDescriptor* d) const {
    if (d == nullptr || d->cardinality == 0) return std::optional<DeletionVector>();
    DELTA_ASSIGN_OR_RETURN(DeletionVector dv,
                           LoadDeletionVector(plan_->engine->file_system(), plan_->range.table_root,
                                              *d, plan_->engine->location_policy()));
    return std::optional<DeletionVector>(std::move(dv));
  }

  Status PlanCommit(const ChangeCommit& c) {
    const ActionBatch& a = *c.actions;
    // Change data files, when a commit has them, are its changes.
    if (!a.cdcs.empty()) {
      for (const AddCdcFile& cdc : a.cdcs) {
        DELTA_ASSIGN_OR_RETURN(ScanFile f,
                               MakeFile(c, cdc.path, cdc.partition_values, cdc.size, std::nullopt));
        pending_.push_back(std::move(f));
      }
      return Status::OK();
    }
    // Otherwise added rows are inserts and removed rows deletes; a file removed and added back
    // in one commit changed only where its deletion vector did.
    std::unordered_map<std::string_view, const RemoveFile*> removed;
    for (const RemoveFile& r : a.removes) {
      if (r.data_change) removed.emplace(r.path, &r);
    }
    std::unordered_map<std::string_view, bool> paired;
    for (const AddFile& add : a.adds) {
      if (!add.data_change) continue;
      auto it = removed.find(add.path);
      if (it == removed.end()) {
        DELTA_ASSIGN_OR_RETURN(ScanFile f,
                               MakeFile(c, add.path, add.partition_values, add.size, kInsert));
        f.deletion_vector = add.deletion_vector;
        pending_.push_back(std::move(f));
        continue;
      }
      const RemoveFile& rm = *it->second;
      paired[add.path] = true;
      if (SameDv(rm.deletion_vector, add.deletion_vector)) continue;
      DELTA_ASSIGN_OR_RETURN(std::optional<DeletionVector> before, Load(rm.deletion_vector));
      DELTA_ASSIGN_OR_RETURN(std::optional<DeletionVector> after, Load(add.deletion_vector));
      const DeletionVector* b = before ? &*before : nullptr;
      const DeletionVector* e = after ? &*after : nullptr;
      // Newly deleted rows are deletes; rows deleted before but not now came back: inserts.
      DELTA_ASSIGN_OR_RETURN(auto deleted, Difference(e, b));
      DELTA_ASSIGN_OR_RETURN(auto restored, Difference(b, e));
      if (deleted) {
        DELTA_ASSIGN_OR_RETURN(ScanFile f,
                               MakeFile(c, add.path, add.partition_values, add.size, kDelete));
        f.selected_rows = std::move(deleted);
        pending_.push_back(std::move(f));
      }
      if (restored) {
        DELTA_ASSIGN_OR_RETURN(ScanFile f,
                               MakeFile(c, add.path, add.partition_values, add.size, kInsert));
        f.selected_rows = std::move(restored);
        pending_.push_back(std::move(f));
      }
    }
    for (const RemoveFile& rm : a.removes) {
      if (!rm.data_change || paired.count(rm.path) > 0) continue;
      DELTA_ASSIGN_OR_RETURN(
          ScanFile f, MakeFile(c, rm.path, rm.partition_values, rm.size.value_or(0), kDelete));
      f.deletion_vector = rm.deletion_vector;
      pending_.push_back(std::move(f));
    }
    return Status::OK();
  }

  std::shared_ptr<const ChangePlan> plan_;
  size_t commit_ = 0;
  std::vector<ScanFile> pending_;
  ScanCounts counts_;
};

// (version, timestamp) of every commit, ascending, for resolving timestamp bounds.
Result<std::vector<std::pair<int64_t, int64_t>>> Timeline(const Table& table) {
  DELTA_ASSIGN_OR_RETURN(std::vector<HistoryEntry> history, table.History());
  std::vector<std::pair<int64_t, int64_t>> out;
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    out.emplace_back(it->version, it->timestamp);
  }
  return out;
}

}  // namespace

// Builds a ChangesScan.
struct ChangesBuilder {
  static Status ResolveRange(const Table& table, const ChangesOptions& o, int64_t* start,
                             int64_t* end) {
    const std::string& where = table.location();
    if (o.start_version.has_value() == o.start_timestamp_ms.has_value()) {
      return Status::InvalidArgument("changes of table " + where +
                                     ": give exactly one of a start version and a start timestamp");
    }
    if (o.end_version && o.end_timestamp_ms) {
      return Status::InvalidArgument("changes of table " + where +
                                     ": give at most one of an end version and an end timestamp");
    }
    if (o.start_version && *o.start_version < 0) {
      return Status::InvalidArgument("changes: start version must be >= 0, got " +
                                     std::to_string(*o.start_version));
    }
    if (o.end_version && *o.end_version < 0) {
      return Status::InvalidArgument("changes: end version must be >= 0, got " +
                                     std::to_string(*o.end_version));
    }
    if (o.start_version && o.end_version && *o.start_version > *o.end_version) {
      return Status::InvalidArgument("changes: start version " + std::to_string(*o.start_version) +
                                     " is after end version " + std::to_string(*o.end_version));
    }
    // The latest version, from a listing of the log.
    DELTA_ASSIGN_OR_RETURN(std::vector<LogFile> files,
                           ListLogFiles(table.engine()->file_system(), where, 0));
    int64_t latest = -1;
    for (const LogFile& f : files) {
      if (f.type == LogFileType::kCommit) latest = std::max(latest, f.version);
      if (f.is_checkpoint()) latest = std::max(latest, f.version);
    }
    if (latest < 0) return Status::NotFound("table " + where + " has no commits");

    std::vector<std::pair<int64_t, int64_t>> timeline;
    if (o.start_timestamp_ms || o.end_timestamp_ms) {
      DELTA_ASSIGN_OR_RETURN(timeline, Timeline(table));
    }
    if (o.start_timestamp_ms) {
      auto it = std::find_if(timeline.begin(), timeline.end(),
                             [&](const auto& e) { return e.second >= *o.start_timestamp_ms; });
      if (it == timeline.end()) {
        return Status::NotFound("changes of table " + where + ": no commit at or after start " +
                                "timestamp " + std::to_string(*o.start_timestamp_ms) +
                                " ms (the latest version is " + std::to_string(latest) + ")");
      }
      *start = it->first;
    } else {
      *start = *o.start_version;
    }
    if (o.end_timestamp_ms) {
      auto it = std::find_if(timeline.rbegin(), timeline.rend(),
                             [&](const auto& e) { return e.second <= *o.end_timestamp_ms; });
      if (it == timeline.rend()) {
        return Status::NotFound("changes of table " + where + ": no commit at or before end " +
                                "timestamp " + std::to_string(*o.end_timestamp_ms) + " ms");
      }
      *end = it->first;
    } else {
      *end = o.end_version.value_or(latest);
    }
    if (*start > latest) {
      return Status::NotFound("changes of table " + where + ": start version " +
                              std::to_string(*start) + " is after the latest version " +
                              std::to_string(latest));
    }
    if (*end > latest) {
      return Status::NotFound("changes of table " + where + ": end version " +
                              std::to_string(*end) + " is after the latest version " +
                              std::to_string(latest));
    }
    if (*start > *end) {
      return Status::InvalidArgument("changes of table " + where + ": the range is empty (start " +
                                     "version " + std::to_string(*start) + " is after end " +
                                     "version " + std::to_string(*end) + ")");
    }
    return Status::OK();
  }

  static Result<std::shared_ptr<const ChangesScan>> Make(const Table& table,
                                                         ChangesOptions options) {
    if (table.engine() == nullptr) {
      return Status::InvalidArgument("ChangesScan::Make: the table has no engine");
    }
    int64_t start_version = 0;
    int64_t end_version = 0;
    DELTA_RETURN_NOT_OK(ResolveRange(table, options, &start_version, &end_version));
    auto plan = std::make_shared<ChangePlan>();
    plan->engine = table.engine();
    DELTA_ASSIGN_OR_RETURN(
        plan->range, ReadChangeRange(*plan->engine, table.location(), start_version, end_version));
    const ChangeRange& r = plan->range;
    for (const std::string& name : r.metadata.partition_columns) {
      const StructField* f = r.schema->field(name);
      if (f == nullptr) f = r.schema->FieldIgnoreCase(name);
      plan->partition_columns.push_back(f != nullptr ? f->name : name);
    }

    // A snapshot of the end version without its files: what the scan needs to plan columns.
    auto state = std::make_unique<SnapshotState>();
    state->table_root = r.table_root;
    state->engine = plan->engine;
    state->version = r.end;
    state->timestamp = r.commits.back().timestamp_ms;
    state->protocol = r.protocol;
    state->metadata = r.metadata;
    state->schema = r.schema;
    state->commit_info = r.commits.back().actions->commit_info;
    plan->snapshot = std::make_shared<const Snapshot>(std::move(state));

    auto extension = std::make_shared<ScanExtension>();
    const auto string_type = PrimitiveType::Make(TypeKind::kString);
    extension->columns.push_back(
        ExtraScanColumn{StructField{std::string(kChangeTypeColumn), string_type, false, {}},
                        ColumnSource::kPartitionOrPhysical, std::string(kChangeTypeColumn)});
    extension->columns.push_back(ExtraScanColumn{
        StructField{
            std::string(kCommitVersionColumn), PrimitiveType::Make(TypeKind::kLong), false, {}},
        ColumnSource::kPartition, ""});
    extension->columns.push_back(
        ExtraScanColumn{StructField{std::string(kCommitTimestampColumn),
                                    PrimitiveType::Make(TypeKind::kTimestamp),
                                    false,
                                    {}},
                        ColumnSource::kPartition, ""});
    std::shared_ptr<const ChangePlan> shared_plan = plan;
    extension->files = [shared_plan]() -> std::unique_ptr<ScanFileIterator> {
      return std::make_unique<ChangeFileIterator>(shared_plan);
    };

    ScanOptions scan_options;
    scan_options.columns = std::move(options.columns);
    scan_options.filter = std::move(options.filter);
    scan_options.limit = options.limit;
    scan_options.partition_pruning = false;
    scan_options.data_skipping = false;
    auto scan = MakeExtendedScan(plan->snapshot, std::move(scan_options), std::move(extension));
    if (!scan.ok()) {
      return scan.status().WithContext("changes of table " + r.table_root + " (versions " +
                                       std::to_string(r.start) + " to " + std::to_string(r.end) +
                                       ")");
    }
    return std::make_shared<const ChangesScan>(start_version, end_version, std::move(*scan));
  }
};

Result<std::shared_ptr<const ChangesScan>> ChangesScan::Make(const Table& table,
                                                             ChangesOptions options) {
  return CatchAsStatus("reading the changes of", table.location(),
                       [&]() -> Result<std::shared_ptr<const ChangesScan>> {
  return ChangesBuilder::Make(table, std::move(options));
                       });
}

ChangesScan::ChangesScan(int64_t start_version, int64_t end_version,
                         std::shared_ptr<const Scan> scan)
    : start_version_(start_version), end_version_(end_version), scan_(std::move(scan)) {}

const std::shared_ptr<const StructType>& ChangesScan::output_schema() const {
  return scan_->output_schema();
}

Result<ArrowSchemaHandle> ChangesScan::OutputArrowSchema() const {
  return scan_->OutputArrowSchema();
}

Result<std::vector<ScanFile>> ChangesScan::Files() const { return scan_->Files(); }

}  // namespace delta
