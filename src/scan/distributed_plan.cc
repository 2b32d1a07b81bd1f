// Planning tasks (layout: docs/design/scan-tasks.md, "Planning tasks"). The driver keeps what a
// streamed snapshot keeps (the newer commits' adds and keys); each worker gets one checkpoint
// file and those keys and plans it through the same streamed file iterator a local scan uses,
// on a snapshot whose only checkpoint file is that one.
#include "delta/distributed_plan.h"

#include <deque>
#include <span>
#include <utility>

#include "delta/location_policy.h"
#include "delta/scan_task.h"
#include "log/checkpoint_stats.h"
#include "log/deferred_files.h"
#include "log/snapshot_state.h"
#include "protocol/uri.h"
#include "scan/scan_state.h"
#include "scan/scan_task_internal.h"
#include "scan/task_codec.h"

namespace delta {

namespace {

constexpr std::string_view kMagic = "DKPT";
constexpr std::string_view kScanTaskMagic = "DKST";
constexpr std::string_view kName = "planning task";

// The scan of `base`'s read spec over the files `files` describes (a streamed snapshot's
// deferred file list), on a snapshot that knows nothing else of the log.
std::shared_ptr<const Scan> ScanOverFiles(const ScanState& base,
                                          std::shared_ptr<const DeferredFiles> files) {
  const SnapshotState& s = base.snapshot->state();
  auto snap = std::make_unique<SnapshotState>();
  snap->table_root = s.table_root;
  snap->engine = s.engine;
  snap->version = s.version;
  snap->timestamp = s.timestamp;
  snap->protocol = s.protocol;
  snap->metadata = s.metadata;
  snap->schema = s.schema;
  snap->deferred = std::move(files);
  auto st = std::make_unique<ScanState>(base);
  st->snapshot = std::make_shared<const Snapshot>(std::move(snap));
  return std::make_shared<const Scan>(std::move(st));
}

// What every planning task of one scan shares: everything but the checkpoint file.
struct SharedBody {
  std::string before_file;  // table root, version
  std::string after_file;   // read spec, partition keys, options, stats schema, keys
};

Result<SharedBody> WriteShared(const Scan& scan, const DeferredFiles& d) {
  const ScanState& st = scan.state();
  SharedBody out;
  TaskWriter head;
  head.Str(scan.snapshot()->table_location());
  head.I64(scan.snapshot()->version());
  out.before_file = std::move(head.out());

  TaskWriter w;
  DELTA_ASSIGN_OR_RETURN(std::string spec, EncodeScanTask(scan, {}));
  w.Str(spec);
  w.U8(st.options.partition_pruning ? 1 : 0);
  w.U32(static_cast<uint32_t>(st.partition_log_keys.size()));
  for (size_t i = 0; i < st.partition_log_keys.size(); ++i) {
    w.Str(st.partition_log_keys[i]);
    w.Str(st.partition_types[i]->ToJson());
  }
  w.U8(st.options.only_files ? 1 : 0);
  if (st.options.only_files) {
    w.U32(static_cast<uint32_t>(st.options.only_files->size()));
    for (const std::string& p : *st.options.only_files) w.Str(p);
  }
  // Struct-only statistics: the worker derives the same read field from the table schema.
  w.U8(d.stats_parsed ? 1 : 0);
  if (d.stats_parsed) {
    const Metadata& m = scan.snapshot()->metadata();
    w.Str(m.schema_string);
    w.U32(static_cast<uint32_t>(m.partition_columns.size()));
    for (const std::string& c : m.partition_columns) w.Str(c);
  }
  size_t n = 0;
  for (const FileKeySet& s : d.seen) n += s.size();
  w.U32(static_cast<uint32_t>(n));
  for (const FileKeySet& s : d.seen) {
    for (const FileKey& k : s.keys()) {
      w.Str(k.path);
      w.U8(k.dv != nullptr ? 1 : 0);
      if (k.dv != nullptr) {
        w.U8(static_cast<uint8_t>(k.dv->storage_type));
        w.Str(k.dv->path_or_inline);
        w.OptI64(k.dv->offset ? std::optional<int64_t>(*k.dv->offset) : std::nullopt);
      }
    }
  }
  out.after_file = std::move(w.out());
  return out;
}

std::string CheckpointTask(const SharedBody& shared, const FileInfo& file, size_t index,
                           size_t count) {
  TaskWriter w;
  w.out().reserve(shared.before_file.size() + shared.after_file.size() + file.location.size() + 32);
  w.out().append(shared.before_file);
  w.Str(file.location);
  w.I64(file.size);
  w.I64(file.modification_time_ms);
  w.U32(static_cast<uint32_t>(index));
  w.U32(static_cast<uint32_t>(count));
  w.out().append(shared.after_file);
  return FrameTask(kMagic, kPlanningTaskFormatVersion, w.out());
}

// The deferred file list of a worker: one checkpoint file, and the keys it owns.
struct WorkerFiles : DeferredFiles {
  std::deque<DeletionVectorDescriptor> dvs;
};

struct DecodedPlanningTask {
  uint32_t format_version = 0;
  std::string table_root;
  int64_t version = -1;
  FileInfo file;
  uint32_t index = 0;
  uint32_t count = 0;
  std::string_view spec;
  bool partition_pruning = true;
  std::vector<std::string> log_keys;
  std::vector<DataTypePtr> types;
  std::optional<std::vector<std::string>> only_files;
  std::shared_ptr<WorkerFiles> files = std::make_shared<WorkerFiles>();
  int64_t num_keys = 0;
};

Result<DecodedPlanningTask> Decode(std::string_view task) {
  DELTA_ASSIGN_OR_RETURN(auto framed, UnframeTask(task, kMagic, kPlanningTaskFormatVersion, kName));
  DecodedPlanningTask t;
  t.format_version = framed.first;
  TaskReader r(framed.second, "planning task: ");
  DELTA_ASSIGN_OR_RETURN(std::string_view root, r.Str("table root"));
  t.table_root = std::string(root);
  DELTA_ASSIGN_OR_RETURN(t.version, r.I64("version"));
  DELTA_ASSIGN_OR_RETURN(std::string_view location, r.Str("checkpoint file location"));
  t.file.location = std::string(location);
  DELTA_ASSIGN_OR_RETURN(t.file.size, r.I64("checkpoint file size"));
  DELTA_ASSIGN_OR_RETURN(t.file.modification_time_ms, r.I64("checkpoint file modification time"));
  DELTA_ASSIGN_OR_RETURN(t.index, r.U32("checkpoint file index"));
  DELTA_ASSIGN_OR_RETURN(t.count, r.U32("checkpoint file count"));
  if (t.index >= t.count) {
    return r.Corrupt("corrupt: checkpoint file " + std::to_string(t.index) + " of " +
                     std::to_string(t.count));
  }
  DELTA_ASSIGN_OR_RETURN(t.spec, r.Str("read spec"));
  DELTA_ASSIGN_OR_RETURN(t.partition_pruning, r.Bool("partition pruning flag"));
  DELTA_ASSIGN_OR_RETURN(uint32_t nparts, r.Count("partition columns", 8));
  for (uint32_t i = 0; i < nparts; ++i) {
    DELTA_ASSIGN_OR_RETURN(std::string_view key, r.Str("partition column key"));
    t.log_keys.emplace_back(key);
    DELTA_ASSIGN_OR_RETURN(std::string_view json, r.Str("partition column type"));
    Result<DataTypePtr> type = ParseDataType(json);
    if (!type.ok() || !(*type)->is_primitive()) {
      return r.Corrupt("bad type of partition column " + std::string(key));
    }
    t.types.push_back(std::move(*type));
  }
  DELTA_ASSIGN_OR_RETURN(bool has_only, r.Bool("only-files flag"));
  if (has_only) {
    DELTA_ASSIGN_OR_RETURN(uint32_t n, r.Count("only-files paths", 4));
    t.only_files.emplace();
    for (uint32_t i = 0; i < n; ++i) {
      DELTA_ASSIGN_OR_RETURN(std::string_view p, r.Str("only-files path"));
      t.only_files->emplace_back(p);
    }
  }
  WorkerFiles& d = *t.files;
  DELTA_ASSIGN_OR_RETURN(bool struct_stats, r.Bool("struct statistics flag"));
  if (struct_stats) {
    DELTA_ASSIGN_OR_RETURN(std::string_view json, r.Str("table schema"));
    Result<std::shared_ptr<const StructType>> schema = ParseSchema(json);
    if (!schema.ok()) return r.Corrupt("bad table schema: " + schema.status().message());
    DELTA_ASSIGN_OR_RETURN(uint32_t n, r.Count("table partition columns", 4));
    std::vector<std::string> partition_columns;
    for (uint32_t i = 0; i < n; ++i) {
      DELTA_ASSIGN_OR_RETURN(std::string_view c, r.Str("table partition column"));
      partition_columns.emplace_back(c);
    }
    d.stats_parsed = StatsParsedField(**schema, partition_columns);
  }
  // The keys are copied into an arena the worker's file list owns.
  auto arena = std::make_shared<Arena>();
  DELTA_ASSIGN_OR_RETURN(uint32_t nkeys, r.Count("keys", 5));
  for (uint32_t i = 0; i < nkeys; ++i) {
    DELTA_ASSIGN_OR_RETURN(std::string_view path, r.Str("key path"));
    DELTA_ASSIGN_OR_RETURN(bool has_dv, r.Bool("key deletion vector flag"));
    const DeletionVectorDescriptor* dv = nullptr;
    if (has_dv) {
      DeletionVectorDescriptor& desc = d.dvs.emplace_back();
      DELTA_ASSIGN_OR_RETURN(uint8_t storage, r.U8("key deletion vector storage type"));
      if (storage != 'u' && storage != 'i' && storage != 'p') {
        return r.Corrupt("unknown deletion vector storage type " + std::to_string(storage) +
                         " in the key of " + std::string(path));
      }
      desc.storage_type = static_cast<char>(storage);
      DELTA_ASSIGN_OR_RETURN(std::string_view payload, r.Str("key deletion vector path"));
      desc.path_or_inline = arena->Copy(payload);
      DELTA_ASSIGN_OR_RETURN(std::optional<int64_t> offset, r.OptI64("key deletion vector offset"));
      if (offset && (*offset < 0 || *offset > INT32_MAX)) {
        return r.Corrupt("deletion vector offset " + std::to_string(*offset) + " out of range");
      }
      if (offset) desc.offset = static_cast<int32_t>(*offset);
      dv = &desc;
    }
    FileKey k = MakeCanonicalFileKey(arena->Copy(path), dv);
    d.seen[ShardOf(k)].Insert(k);
  }
  if (!r.done()) {
    return r.Corrupt("corrupt: " + std::to_string(framed.second.size() - r.pos()) +
                     " unread bytes after the last key");
  }
  t.num_keys = nkeys;
  d.arenas.push_back(std::move(arena));
  d.checkpoint_files.push_back(t.file);
  d.root_decoded = PercentDecode(t.table_root);
  d.BuildSeenFilter();
  return t;
}

bool IsScanTask(std::string_view task) { return task.substr(0, 4) == kScanTaskMagic; }

}  // namespace

Result<std::vector<std::string>> MakePlanningTasks(const std::shared_ptr<const Scan>& scan,
                                                   size_t max_files_per_task) {
  if (scan == nullptr) return Status::InvalidArgument("MakePlanningTasks: scan is null");
  if (max_files_per_task == 0) {
    return Status::InvalidArgument("MakePlanningTasks: max_files_per_task must be at least 1");
  }
  if (scan->state().extension != nullptr) {
    return Status::Unsupported(
        "MakePlanningTasks: the scan has a file source of its own (the changes feed); make "
        "scan tasks of it instead");
  }
  const std::shared_ptr<const DeferredFiles>& deferred = scan->snapshot()->state().deferred;
  if (deferred == nullptr) return MakeScanTasks(scan, max_files_per_task);

  // The commits' live adds are on the driver already: plan them here, into scan tasks.
  auto commits = std::make_shared<DeferredFiles>();
  commits->commit_adds = deferred->commit_adds;
  commits->root_decoded = deferred->root_decoded;
  commits->arenas = deferred->arenas;
  DELTA_ASSIGN_OR_RETURN(std::vector<std::string> tasks,
                         MakeScanTasks(ScanOverFiles(scan->state(), commits), max_files_per_task));

  DELTA_ASSIGN_OR_RETURN(SharedBody shared, WriteShared(*scan, *deferred));
  const std::vector<FileInfo>& files = deferred->checkpoint_files;
  for (size_t i = 0; i < files.size(); ++i) {
    tasks.push_back(CheckpointTask(shared, files[i], i, files.size()));
  }
  return tasks;
}

Result<PlanningTaskInfo> DescribePlanningTask(std::string_view task) {
  PlanningTaskInfo info;
  if (IsScanTask(task)) {
    DELTA_ASSIGN_OR_RETURN(ScanTaskInfo s, DescribeScanTask(task));
    info.kind = PlanningTaskInfo::Kind::kFiles;
    info.format_version = s.format_version;
    info.table_location = std::move(s.table_location);
    info.version = s.version;
    info.file_locations = std::move(s.file_locations);
    info.total_bytes = s.total_bytes;
    return info;
  }
  DELTA_ASSIGN_OR_RETURN(DecodedPlanningTask t, Decode(task));
  info.kind = PlanningTaskInfo::Kind::kCheckpointFile;
  info.format_version = t.format_version;
  info.table_location = std::move(t.table_root);
  info.version = t.version;
  info.checkpoint_location = std::move(t.file.location);
  info.checkpoint_size = t.file.size;
  info.num_shadowing_keys = t.num_keys;
  return info;
}

Result<std::shared_ptr<const Scan>> ScanFromPlanningTask(std::string_view task,
                                                         std::shared_ptr<Engine> engine) {
  if (engine == nullptr) return Status::InvalidArgument("ScanFromPlanningTask: engine is null");
  if (IsScanTask(task)) return ScanFromTask(task, std::move(engine));
  DELTA_ASSIGN_OR_RETURN(DecodedPlanningTask t, Decode(task));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> spec, ScanFromTask(t.spec, engine));
  if (spec->snapshot()->table_location() != t.table_root ||
      spec->snapshot()->version() != t.version) {
    return Status::InvalidArgument("planning task: corrupt: its read spec is of table " +
                                   spec->snapshot()->table_location() + " at version " +
                                   std::to_string(spec->snapshot()->version()));
  }
  if (t.log_keys.size() != spec->partition_columns().size()) {
    return Status::InvalidArgument("planning task: corrupt: " + std::to_string(t.log_keys.size()) +
                                   " partition column keys for " +
                                   std::to_string(spec->partition_columns().size()) +
                                   " partition columns");
  }
  Status allowed = CheckLocationAllowed(engine->location_policy(), t.table_root, t.file.location);
  if (!allowed.ok()) return allowed.WithContext("planning task");

  ScanState base = spec->state();
  base.extension = nullptr;
  base.options.partition_pruning = t.partition_pruning;
  base.options.only_files = std::move(t.only_files);
  base.partition_log_keys = std::move(t.log_keys);
  base.partition_types = std::move(t.types);
  return ScanOverFiles(base, std::move(t.files));
}

}  // namespace delta
