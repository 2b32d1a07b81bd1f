// Vacuum (include/delta/vacuum.h): which files are still needed, which are old enough to go,
// a last look at the log for concurrent commits, then parallel deletes.
#include "delta/vacuum.h"

#include <algorithm>
#include <functional>
#include <mutex>
#include <span>
#include <string_view>
#include <utility>

#include "delta/deletion_vector.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/table_properties.h"
#include "log/commit_range.h"
#include "log/commit_reader.h"
#include "log/file_key.h"
#include "log/log_segment.h"
#include "log/replay.h"
#include "log/snapshot_state.h"
#include "maintenance/vacuum_keep_set.h"
#include "protocol/action_batch.h"
#include "protocol/uri.h"
#include "txn/write_support.h"
#include "util/clock.h"
#include "util/parallel.h"
#include "util/release_memory.h"

namespace delta {

namespace {

// Commit bytes read and parsed at once while looking for tombstones.
constexpr int64_t kRemoveWindowBytes = 16 << 20;

// Files per DeleteMany call: large enough for a bulk delete, small enough to spread the work.
constexpr size_t kDeleteChunk = 256;

// Delta Spark's rule for names vacuum never looks into or deletes: hidden ones ('_' or '.'),
// except change data, Delta's index folders and partition folders ("col=..." of a partition
// column, which may start with '_').
bool IsHiddenName(std::string_view name, const std::vector<std::string>& partition_dir_names) {
  if (!name.starts_with('_') && !name.starts_with('.')) return false;
  if (name.starts_with("_change_data") || name.starts_with("_delta_index")) return false;
  for (const std::string& col : partition_dir_names) {
    if (name.size() > col.size() && name.starts_with(col) && name[col.size()] == '=') return false;
  }
  return true;
}

// The names partition folders may start with: logical and, under column mapping, physical.
std::vector<std::string> PartitionDirNames(const Snapshot& snapshot) {
  std::vector<std::string> names = snapshot.partition_columns();
  for (const std::string& col : snapshot.partition_columns()) {
    for (const StructField& f : snapshot.schema()->fields()) {
      if (f.name != col) continue;
      if (auto physical = f.PhysicalName()) names.push_back(*physical);
    }
  }
  return names;
}

// True when Delta Spark (4.x) records vacuum runs in the history by default for this location:
// on the file systems it lists (local and HDFS, Azure, Google Cloud Storage), not on S3.
bool DefaultLogToHistory(std::string_view location) {
  size_t colon = location.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view scheme = location.substr(0, colon);
  for (std::string_view s : {"file", "hdfs", "gs", "abfs", "abfss", "wasbs", "wasbss", "adl"}) {
    if (scheme == s) return true;
  }
  return false;
}

// The removes vacuum reads tombstones from, a batch at a time (none is kept): the snapshot's
// checkpoint (remove columns only) and its commits, or in lite mode every commit the log
// still holds up to the snapshot. Commits are parsed in parallel; `fn` sees one at a time.
Status ForEachRemoveSource(Engine& engine, const Snapshot& snapshot, bool all_commits,
                           const std::function<void(const ActionBatch&)>& fn) {
  FileSystem& fs = engine.file_system();
  DELTA_ASSIGN_OR_RETURN(LogSegment segment,
                         BuildLogSegment(fs, snapshot.table_location(), snapshot.version()));
  DELTA_RETURN_NOT_OK(ForEachCheckpointRemoveBatch(engine, segment, [&](const ActionBatch& b) {
    fn(b);
    return Status::OK();
  }));
  std::vector<FileInfo> commits;
  if (all_commits) {
    DELTA_ASSIGN_OR_RETURN(auto listing, ListLogFiles(fs, snapshot.table_location(), 0));
    for (const LogFile& f : listing) {
      if (f.type == LogFileType::kCommit && f.version <= snapshot.version()) {
        commits.push_back(f.file);
      }
    }
  } else {
    for (const LogFile& f : segment.commits) commits.push_back(f.file);
  }
  // Windows of about kRemoveWindowBytes of commits: many small commits are still fetched and
  // parsed together, but two big ones are not held at once.
  std::mutex mu;
  for (size_t begin = 0; begin < commits.size();) {
    size_t end = begin;
    int64_t bytes = 0;
    while (end < commits.size() &&
           (end == begin || bytes + commits[end].size <= kRemoveWindowBytes)) {
      bytes += commits[end++].size;
    }
    std::vector<FileInfo> window(commits.begin() + begin, commits.begin() + end);
    std::vector<ActionBatch> parsed;  // each emptied as soon as fn has seen it
    DELTA_RETURN_NOT_OK(ReadJsonLogFiles(engine, window, &parsed, [&](size_t, ActionBatch& b) {
      std::lock_guard lock(mu);
      fn(b);
      b = ActionBatch();
    }));
    begin = end;
  }
  return Status::OK();
}

// Full mode: every listed file that is not hidden, not kept and older than the cutoff. The
// listing is filtered in place: no second list of candidates.
Result<std::vector<FileInfo>> ListCandidates(FileSystem& fs, const Snapshot& snapshot,
                                             const VacuumKeepSet& keep, int64_t cutoff_ms,
                                             const VacuumOptions& options) {
  std::vector<std::string> partition_dirs = PartitionDirNames(snapshot);
  auto skip = [&](std::string_view name) { return IsHiddenName(name, partition_dirs); };
  auto listed = fs.ListRecursive(keep.root(), skip);
  if (!listed.ok()) {
    return listed.status().WithContext("vacuum listing the files of " + keep.root() +
                                       " (VacuumMode::kLite needs no listing)");
  }
  if (options.on_progress) {
    options.on_progress({VacuumProgress::Phase::kListing, static_cast<int64_t>(listed->size()), 0});
  }
  std::erase_if(*listed, [&](const FileInfo& f) {
    std::string_view loc = f.location;
    std::string_view name = loc.substr(loc.rfind('/') + 1);
    if (IsHiddenName(name, partition_dirs)) return true;
    std::string key = keep.KeyOf(loc);
    // Outside the root (a listing quirk) or inside a hidden folder: never ours to delete.
    if (key.find("://") != std::string::npos) return true;
    for (size_t begin = 0, slash; (slash = key.find('/', begin)) != std::string::npos;
         begin = slash + 1) {
      if (IsHiddenName(std::string_view(key).substr(begin, slash - begin), partition_dirs)) {
        return true;
      }
    }
    return keep.Contains(key) || f.modification_time_ms >= cutoff_ms;
  });
  return std::move(*listed);
}

// Lite mode: the log paths (or absolute locations, for deletion vectors) of expired removes,
// each once, copied as they are read so that no batch is kept.
class ExpiredRemoves {
 public:
  explicit ExpiredRemoves(const std::string& root)
      : root_(root), root_decoded_(PercentDecode(root)) {}
  void Add(const RemoveFile& r) {
    Add(r.path);
    if (r.deletion_vector != nullptr && r.deletion_vector->storage_type != 'i') {
      std::string dv = DeletionVectorAbsolutePath(root_, *r.deletion_vector);
      if (!dv.empty()) Add(dv);
    }
  }
  const std::vector<FileKey>& keys() const { return order_; }

 private:
  void Add(std::string_view log_path) {
    std::string_view copy = arena_.Copy(log_path);
    FileKey key = MakeFileKey(copy, nullptr, root_decoded_, &arena_);
    // The key (canonical path) decides duplicates; the log path is what resolves to a location.
    if (seen_.Insert(key)) order_.push_back(MakeCanonicalFileKey(copy, nullptr));
  }
  const std::string& root_;
  std::string root_decoded_;
  Arena arena_;
  FileKeySet seen_;
  std::vector<FileKey> order_;  // FileKey::path: the log path, in first-seen order
};

// Lite mode: the files of expired removes that nothing keeps, as they are in storage now.
Result<std::vector<FileInfo>> RemovedCandidates(FileSystem& fs, const ExpiredRemoves& expired,
                                                const VacuumKeepSet& keep, int64_t cutoff_ms) {
  std::vector<FileInfo> out;
  for (const FileKey& k : expired.keys()) {
    std::string location = ResolveLogPath(keep.root(), k.path);
    std::string key = keep.KeyOf(location);
    if (key.find("://") != std::string::npos || keep.Contains(key)) continue;  // outside or kept
    auto head = fs.Head(location);
    if (head.status().IsNotFound()) continue;  // deleted by an earlier vacuum
    if (!head.ok()) return head.status().WithContext("vacuum inspecting a removed file");
    if (head->modification_time_ms >= cutoff_ms) continue;
    head->location = std::move(location);
    out.push_back(std::move(*head));
  }
  return out;
}

// Drops the candidates any commit after `version` names: a concurrent writer may have added
// (or re-added) one of them. Returns how many were dropped.
Result<int64_t> DropNewlyReferenced(Engine& engine, const Snapshot& snapshot,
                                    std::vector<FileInfo>* candidates) {
  DELTA_ASSIGN_OR_RETURN(
      CommitRange newer,
      CommitRange::After(engine.file_system(), snapshot.table_location(), snapshot.version()));
  if (newer.empty()) return 0;
  std::vector<FileInfo> files;
  for (const LogFile& f : newer.commits()) files.push_back(f.file);
  std::vector<ActionBatch> parsed;
  DELTA_RETURN_NOT_OK(ReadJsonLogFiles(engine, files, &parsed));
  VacuumKeepSet referenced(snapshot.table_location());
  for (const ActionBatch& b : parsed) referenced.AddAll(b);
  size_t before = candidates->size();
  std::erase_if(*candidates, [&](const FileInfo& c) {
    return referenced.Contains(referenced.KeyOf(c.location));
  });
  return static_cast<int64_t>(before - candidates->size());
}

// Deletes the candidates in chunks spread over the executor. The first failure (in order) is
// returned; the other chunks still run.
Status DeleteAll(Engine& engine, const std::vector<std::string>& locations,
                 const VacuumOptions& options) {
  size_t chunks = (locations.size() + kDeleteChunk - 1) / kDeleteChunk;
  std::vector<Status> statuses(chunks);
  std::mutex mu;
  int64_t done = 0;
  auto total = static_cast<int64_t>(locations.size());
  ParallelFor(&engine.executor(), chunks, [&](size_t c) {
    size_t begin = c * kDeleteChunk;
    size_t end = std::min(locations.size(), begin + kDeleteChunk);
    statuses[c] = engine.file_system().DeleteMany(
        std::span<const std::string>(locations).subspan(begin, end - begin));
    std::lock_guard lock(mu);
    done += static_cast<int64_t>(end - begin);
    if (options.on_progress) options.on_progress({VacuumProgress::Phase::kDeleting, done, total});
  });
  for (Status& s : statuses) {
    if (!s.ok()) return s.WithContext("vacuum deleting unreferenced files");
  }
  return Status::OK();
}

// A commitInfo-only commit recording a vacuum phase in the table's history.
Result<int64_t> CommitVacuumPhase(std::shared_ptr<const Snapshot> snapshot,
                                  const VacuumOptions& options, std::string operation,
                                  std::map<std::string, std::string> parameters,
                                  std::map<std::string, int64_t> metrics) {
  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(std::move(snapshot), options.transaction));
  txn->SetOperation(std::move(operation), std::move(parameters));
  for (auto& [name, value] : metrics) txn->SetOperationMetric(name, value);
  DELTA_ASSIGN_OR_RETURN(CommitResult r, txn->Commit());
  return r.version;
}

}  // namespace

Result<VacuumResult> Vacuum(std::shared_ptr<const Snapshot> snapshot,
                            const VacuumOptions& options) {
  if (!snapshot) return Status::InvalidArgument("Vacuum: no snapshot");
  std::shared_ptr<Engine> engine = snapshot->state().engine;
  // A copy: a streamed snapshot is replaced below, and may be the only owner of its location.
  const std::string root = snapshot->table_location();
  // vacuumProtocolCheck: vacuum deletes files, so it must understand the table as a writer.
  DELTA_RETURN_NOT_OK(
      CheckWriteSupported(snapshot->protocol(), snapshot->metadata(), *snapshot->schema())
          .WithContext("vacuum of " + root));
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(snapshot->properties()));
  const int64_t table_retention = props.deleted_file_retention_duration_ms();
  const int64_t retention = options.retention_ms.value_or(table_retention);
  if (retention < 0) {
    return Status::InvalidArgument("vacuum of " + root + ": negative retention " +
                                   std::to_string(retention) + " ms");
  }
  if (options.enforce_retention && retention < table_retention) {
    return Status::InvalidArgument(
        "vacuum of " + root + ": retention " + std::to_string(retention) +
        " ms is shorter than the table's delta.deletedFileRetentionDuration of " +
        std::to_string(table_retention) +
        " ms; concurrent readers and writers may still need younger files (turn the "
        "retention check off to vacuum anyway: enforce_retention=false, --no-enforce-retention)");
  }
  // Live files come from the file list: a streamed snapshot is loaded again with one.
  if (!snapshot->has_file_list()) {
    DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(root, engine));
    DELTA_ASSIGN_OR_RETURN(snapshot, table.SnapshotAtVersion(snapshot->version()));
  }

  VacuumResult result;
  result.dry_run = options.dry_run;
  result.snapshot_version = snapshot->version();
  result.retention_ms = retention;
  result.cutoff_ms = options.now_ms.value_or(WallClockMillis()) - retention;

  // What loading the snapshot freed goes back before the log is read again.
  ReleaseFreedMemory();
  VacuumKeepSet keep(root);
  for (const AddFile& a : snapshot->files()) keep.AddLive(a);
  const bool lite = options.mode == VacuumMode::kLite;
  // Tombstones inside the retention: a snapshot that old may still be read. In lite mode the
  // expired ones are the candidates.
  ExpiredRemoves expired(root);
  DELTA_RETURN_NOT_OK(ForEachRemoveSource(*engine, *snapshot, lite, [&](const ActionBatch& b) {
    for (const RemoveFile& r : b.removes) {
      if (r.deletion_timestamp.value_or(0) > result.cutoff_ms) {
        keep.AddCopy(r.path, r.deletion_vector);
      } else if (lite) {
        expired.Add(r);
      }
    }
  }));

  // What reading the log freed goes back before the listing grows.
  ReleaseFreedMemory();

  FileSystem& fs = engine->file_system();
  std::vector<FileInfo> candidates;
  if (lite) {
    DELTA_ASSIGN_OR_RETURN(candidates, RemovedCandidates(fs, expired, keep, result.cutoff_ms));
  } else {
    DELTA_ASSIGN_OR_RETURN(candidates,
                           ListCandidates(fs, *snapshot, keep, result.cutoff_ms, options));
  }
  // The last look before deleting: whatever a commit after our snapshot names stays.
  DELTA_ASSIGN_OR_RETURN(result.kept_for_newer_commits,
                         DropNewlyReferenced(*engine, *snapshot, &candidates));

  std::sort(candidates.begin(), candidates.end(),
            [](const FileInfo& a, const FileInfo& b) { return a.location < b.location; });
  // The locations move into the result, which the deletes then read: one copy of each.
  result.files_deleted.reserve(candidates.size());
  for (FileInfo& c : candidates) {
    result.bytes += c.size;
    result.files_deleted.push_back(std::move(c.location));
  }
  std::vector<FileInfo>().swap(candidates);
  if (options.dry_run) return result;

  const bool log = options.log_to_history.value_or(DefaultLogToHistory(root));
  std::shared_ptr<const Snapshot> latest;
  if (log) {
    DELTA_ASSIGN_OR_RETURN(latest, snapshot->Refresh());
    DELTA_ASSIGN_OR_RETURN(
        result.start_version,
        CommitVacuumPhase(latest, options, "VACUUM START",
                          {{"retentionCheckEnabled", options.enforce_retention ? "true" : "false"},
                           {"specifiedRetentionMillis", std::to_string(retention)},
                           {"defaultRetentionMillis", std::to_string(table_retention)}},
                          {{"numFilesToDelete", static_cast<int64_t>(result.files_deleted.size())},
                           {"sizeOfDataToDelete", result.bytes}}));
  }
  Status deleted = DeleteAll(*engine, result.files_deleted, options);
  if (log) {
    DELTA_ASSIGN_OR_RETURN(latest, latest->Refresh());
    auto end = CommitVacuumPhase(
        latest, options, "VACUUM END", {{"status", deleted.ok() ? "COMPLETED" : "FAILED"}},
        {{"numDeletedFiles", deleted.ok() ? static_cast<int64_t>(result.files_deleted.size()) : 0},
         {"numVacuumedDirectories", 0}});
    if (deleted.ok() && !end.ok()) return end.status();
    if (end.ok()) result.end_version = *end;
  }
  DELTA_RETURN_NOT_OK(deleted);
  return result;
}

Result<VacuumResult> Vacuum(const Table& table, const VacuumOptions& options) {
  DELTA_ASSIGN_OR_RETURN(auto snapshot, table.LatestSnapshot());
  return Vacuum(std::move(snapshot), options);
}

}  // namespace delta
