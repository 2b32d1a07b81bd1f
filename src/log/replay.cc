#include "log/replay.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <unordered_set>

#include "delta/table_features.h"
#include "log/checkpoint_decoder.h"
#include "log/checksum_file.h"
#include "log/commit_timestamp.h"
#include "protocol/action_json.h"
#include "protocol/uri.h"
#include "util/parallel.h"

namespace delta {
namespace {

// Counts outstanding tasks so one thread can wait for work submitted from callbacks.
class PendingTasks {
 public:
  void Add() {
    std::lock_guard lock(mu_);
    ++pending_;
  }
  void Done() {
    std::lock_guard lock(mu_);
    if (--pending_ == 0) cv_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return pending_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int64_t pending_ = 0;
};

// Reads JSON log files (commits, compactions, v2 JSON checkpoints) with many requests in
// flight and parses each on the executor as soon as its bytes arrive.
Status ReadJsonLogFiles(Engine& engine, const std::vector<FileInfo>& files,
                        std::vector<ActionBatch>* out) {
  out->clear();
  out->resize(files.size());
  if (files.empty()) return Status::OK();
  std::vector<std::string> locations;
  locations.reserve(files.size());
  for (const FileInfo& f : files) locations.push_back(f.location);
  std::vector<Status> statuses(files.size());
  PendingTasks pending;
  Executor& executor = engine.executor();
  engine.file_system().ReadFiles(locations, [&](size_t i, Result<std::string> data) {
    if (!data.ok()) {
      statuses[i] = data.status().WithContext("reading " + locations[i]);
      return;
    }
    pending.Add();
    auto bytes = std::make_shared<std::string>(std::move(*data));
    executor.Submit([&, i, bytes] {
      statuses[i] = ParseJsonActions(bytes.get(), locations[i], &(*out)[i]);
      pending.Done();
    });
  });
  pending.Wait();
  for (Status& s : statuses) DELTA_RETURN_NOT_OK(s);
  return Status::OK();
}

// The reconciliation key of a logical file: canonical path plus deletion vector id.
std::string FileKey(std::string_view path, const DeletionVectorDescriptor* dv,
                    std::string_view root_decoded) {
  std::string key = CanonicalPathKey(path, root_decoded);
  if (dv != nullptr) {
    key.push_back('\0');
    key += dv->UniqueId();
  }
  return key;
}

// Newest-first reconciliation state.
struct Reconciler {
  std::string root_decoded;
  std::unordered_set<std::string> seen;  // file keys decided by a newer action
  std::vector<AddFile> live;
  std::optional<Protocol> protocol;
  std::optional<Metadata> metadata;
  std::map<std::string, SetTransaction> txns;
  std::map<std::string, DomainMetadata> domains;  // includes tombstones until the end
  std::vector<std::shared_ptr<const Arena>> arenas;

  void TakeNonFileActions(ActionBatch& b) {
    if (!protocol && b.protocol) protocol = std::move(b.protocol);
    if (!metadata && b.metadata) metadata = std::move(b.metadata);
    for (SetTransaction& t : b.txns) txns.try_emplace(t.app_id, std::move(t));
    for (DomainMetadata& d : b.domain_metadata) domains.try_emplace(d.domain, std::move(d));
  }

  // One commit (or compaction) file, newer than everything applied so far. Within the file the
  // first action for a key wins: a valid commit never names a key twice, and compaction files
  // may list a key's actions newest first.
  void ApplyCommit(ActionBatch& b) {
    TakeNonFileActions(b);
    size_t before = live.size();
    auto apply_add = [&](const AddFile& a) {
      if (seen.insert(FileKey(a.path, a.deletion_vector, root_decoded)).second) live.push_back(a);
    };
    auto apply_remove = [&](const RemoveFile& r) {
      seen.insert(FileKey(r.path, r.deletion_vector, root_decoded));
    };
    if (b.file_action_order.size() == b.adds.size() + b.removes.size()) {
      for (int32_t i : b.file_action_order) {
        if (i >= 0) {
          apply_add(b.adds[static_cast<size_t>(i)]);
        } else {
          apply_remove(b.removes[static_cast<size_t>(-i - 1)]);
        }
      }
    } else {
      for (const AddFile& a : b.adds) apply_add(a);
      for (const RemoveFile& r : b.removes) apply_remove(r);
    }
    KeepArenaIfUsed(b, before);
  }

  // One checkpoint part or sidecar: already reconciled, so only newer commits can shadow it.
  void ApplyCheckpointFiles(ActionBatch& b) {
    size_t before = live.size();
    if (seen.empty()) {
      live.insert(live.end(), b.adds.begin(), b.adds.end());
    } else {
      for (const AddFile& a : b.adds) {
        if (!seen.contains(FileKey(a.path, a.deletion_vector, root_decoded))) live.push_back(a);
      }
    }
    KeepArenaIfUsed(b, before);
  }

  void KeepArenaIfUsed(ActionBatch& b, size_t live_before) {
    if (live.size() > live_before) {
      arenas.push_back(std::make_shared<const Arena>(std::move(b.arena)));
    }
    // Removes and other file actions are not kept past replay.
    b.adds = {};
    b.removes = {};
    b.cdcs = {};
    b.file_action_order = {};
  }
};

// Reads the checkpoint files (and, for v2 checkpoints, their sidecars) in parallel.
Status ReadCheckpoint(Engine& engine, const LogSegment& seg, std::vector<ActionBatch>* out) {
  std::vector<ActionBatch> parts(seg.checkpoint.size());
  std::vector<Status> statuses(seg.checkpoint.size());
  ParallelFor(&engine.executor(), seg.checkpoint.size(), [&](size_t i) {
    const LogFile& f = seg.checkpoint[i];
    if (f.type == LogFileType::kV2Checkpoint && f.is_json) {
      auto data = engine.file_system().ReadFile(f.file.location);
      if (!data.ok()) {
        statuses[i] = data.status().WithContext("reading checkpoint " + f.file.location);
        return;
      }
      statuses[i] = ParseJsonActions(&*data, f.file.location, &parts[i]);
      return;
    }
    auto batch = ReadCheckpointFile(engine, f.file, CheckpointActionSet::All());
    if (!batch.ok()) {
      statuses[i] = batch.status().WithContext("reading checkpoint " + f.file.location);
      return;
    }
    parts[i] = std::move(*batch);
  });
  for (Status& s : statuses) DELTA_RETURN_NOT_OK(s);

  std::vector<FileInfo> sidecars;
  for (ActionBatch& p : parts) {
    for (const SidecarFile& s : p.sidecars) {
      FileInfo info;
      info.location = HasUriScheme(s.path) ? s.path : seg.log_root + "/_sidecars/" + s.path;
      info.size = s.size_in_bytes;
      info.modification_time_ms = s.modification_time;
      sidecars.push_back(std::move(info));
    }
  }
  std::vector<ActionBatch> sidecar_batches(sidecars.size());
  std::vector<Status> sidecar_statuses(sidecars.size());
  ParallelFor(&engine.executor(), sidecars.size(), [&](size_t i) {
    auto batch = ReadCheckpointFile(engine, sidecars[i], CheckpointActionSet::FileActionsOnly());
    if (!batch.ok()) {
      sidecar_statuses[i] = batch.status().WithContext("reading sidecar " + sidecars[i].location +
                                                       " of checkpoint version " +
                                                       std::to_string(*seg.checkpoint_version));
      return;
    }
    sidecar_batches[i] = std::move(*batch);
  });
  for (Status& s : sidecar_statuses) DELTA_RETURN_NOT_OK(s);

  *out = std::move(parts);
  for (ActionBatch& b : sidecar_batches) out->push_back(std::move(b));
  return Status::OK();
}

std::string SegmentRange(const LogSegment& seg) {
  std::string r = "table " + seg.table_root + " at version " + std::to_string(seg.version);
  if (seg.checkpoint_version) r += " (checkpoint " + std::to_string(*seg.checkpoint_version) + ")";
  return r;
}

// Compares the replayed state with the version's CRC file.
void CrossCheckChecksum(const SnapshotState& st, const VersionChecksum& crc, std::string_view file,
                        std::vector<std::string>* mismatches) {
  auto add = [&](std::string what) {
    mismatches->push_back("version checksum " + std::string(file) +
                          " disagrees with the log: " + what);
  };
  if (crc.num_files != static_cast<int64_t>(st.files.size())) {
    add("numFiles " + std::to_string(crc.num_files) + " vs " + std::to_string(st.files.size()));
  }
  if (crc.table_size_bytes != st.total_bytes) {
    add("tableSizeBytes " + std::to_string(crc.table_size_bytes) + " vs " +
        std::to_string(st.total_bytes));
  }
  if (!(crc.protocol == st.protocol)) add("protocol differs");
  if (!(crc.metadata == st.metadata)) add("metadata differs");
}

// Builds the final state from a reconciler.
Status Finish(Reconciler& rec, SnapshotState* st, const std::optional<CommitInfo>& commit_info,
              const std::optional<FileInfo>& commit_file, const FileInfo& fallback_file) {
  const LogSegment& seg = st->segment;
  if (!rec.protocol) {
    return Status::InvalidTable(SegmentRange(seg) + ": no protocol action found in the log");
  }
  if (!rec.metadata) {
    return Status::InvalidTable(SegmentRange(seg) + ": no metaData action found in the log");
  }
  DELTA_RETURN_NOT_OK(CheckReadSupported(*rec.protocol).WithContext(SegmentRange(seg)));
  st->protocol = std::move(*rec.protocol);
  st->metadata = std::move(*rec.metadata);
  auto schema = ParseSchema(st->metadata.schema_string);
  if (!schema.ok()) return schema.status().WithContext(SegmentRange(seg) + ": table schema");
  st->schema = std::move(*schema);
  st->files = std::move(rec.live);
  st->total_bytes = 0;
  for (const AddFile& f : st->files) st->total_bytes += f.size;
  st->txns = std::move(rec.txns);
  for (auto& [name, d] : rec.domains) {
    if (!d.removed) st->domains.emplace(name, std::move(d));
  }
  st->arenas.insert(st->arenas.end(), rec.arenas.begin(), rec.arenas.end());
  st->commit_info = commit_info;
  DELTA_ASSIGN_OR_RETURN(st->timestamp,
                         CommitTimestamp(st->metadata, st->version, commit_info,
                                         commit_file ? *commit_file : fallback_file));
  return Status::OK();
}

Status ApplyChecksum(SnapshotState* st, const ReplayOptions& options) {
  const LogSegment& seg = st->segment;
  if (!seg.checksum) return Status::OK();
  auto data = st->engine->file_system().ReadFile(seg.checksum->file.location);
  if (!data.ok()) {
    st->warnings.push_back("ignored unreadable " + seg.checksum->file.location);
    return Status::OK();
  }
  auto crc = ParseVersionChecksum(*data, seg.checksum->file.location);
  if (!crc.ok()) {
    st->warnings.push_back("ignored " + crc.status().message());
    return Status::OK();
  }
  std::vector<std::string> mismatches;
  CrossCheckChecksum(*st, *crc, seg.checksum->file.location, &mismatches);
  if (!mismatches.empty() && options.strict_checksum) {
    return Status::InvalidTable(SegmentRange(seg) + ": " + mismatches.front());
  }
  st->warnings.insert(st->warnings.end(), mismatches.begin(), mismatches.end());
  return Status::OK();
}

// The JSON files to replay: commits, with compactions standing in for the runs they cover.
std::vector<FileInfo> JsonUnits(const LogSegment& seg) {
  std::vector<FileInfo> units;
  size_t c = 0;
  for (size_t i = 0; i < seg.commits.size();) {
    if (c < seg.compactions.size() && seg.compactions[c].version == seg.commits[i].version) {
      units.push_back(seg.compactions[c].file);
      i += static_cast<size_t>(seg.compactions[c].end_version - seg.compactions[c].version + 1);
      ++c;
    } else {
      units.push_back(seg.commits[i].file);
      ++i;
    }
  }
  return units;
}

}  // namespace

Result<std::unique_ptr<SnapshotState>> ReplaySegment(std::shared_ptr<Engine> engine,
                                                     LogSegment segment,
                                                     const ReplayOptions& options) {
  auto st = std::make_unique<SnapshotState>();
  st->table_root = segment.table_root;
  st->engine = engine;
  st->version = segment.version;
  st->segment = std::move(segment);
  st->warnings = st->segment.warnings;
  const LogSegment& seg = st->segment;

  std::vector<FileInfo> units = JsonUnits(seg);
  bool latest_in_units = !seg.commits.empty();
  if (!latest_in_units && seg.latest_commit) units.push_back(seg.latest_commit->file);
  std::vector<ActionBatch> batches;
  DELTA_RETURN_NOT_OK(ReadJsonLogFiles(*engine, units, &batches));

  std::optional<CommitInfo> commit_info;
  if (!batches.empty() && (latest_in_units || seg.latest_commit)) {
    commit_info = batches.back().commit_info;
  }
  if (!latest_in_units && seg.latest_commit) batches.pop_back();  // read only for commitInfo

  Reconciler rec;
  rec.root_decoded = PercentDecode(seg.table_root);
  for (size_t i = batches.size(); i-- > 0;) rec.ApplyCommit(batches[i]);
  batches.clear();

  // Fail fast on an unreadable protocol before fetching a possibly huge checkpoint.
  if (rec.protocol) {
    DELTA_RETURN_NOT_OK(CheckReadSupported(*rec.protocol).WithContext(SegmentRange(seg)));
  }
  if (!seg.checkpoint.empty()) {
    std::vector<ActionBatch> parts;
    DELTA_RETURN_NOT_OK(ReadCheckpoint(*engine, seg, &parts));
    for (ActionBatch& p : parts) rec.TakeNonFileActions(p);
    for (ActionBatch& p : parts) rec.ApplyCheckpointFiles(p);
  }
  FileInfo fallback = seg.checkpoint.empty() ? FileInfo{} : seg.checkpoint.front().file;
  std::optional<FileInfo> commit_file;
  if (seg.latest_commit) commit_file = seg.latest_commit->file;
  DELTA_RETURN_NOT_OK(Finish(rec, st.get(), commit_info, commit_file, fallback));
  DELTA_RETURN_NOT_OK(ApplyChecksum(st.get(), options));
  return st;
}

Result<std::unique_ptr<SnapshotState>> ReplayIncremental(const SnapshotState& base,
                                                         LogSegment new_segment,
                                                         const ReplayOptions& options) {
  auto st = std::make_unique<SnapshotState>();
  st->table_root = base.table_root;
  st->engine = base.engine;
  st->version = new_segment.version;
  st->segment = std::move(new_segment);
  const LogSegment& seg = st->segment;

  std::vector<FileInfo> units;
  for (const LogFile& f : seg.commits) {
    if (f.version > base.version) units.push_back(f.file);
  }
  std::vector<ActionBatch> batches;
  DELTA_RETURN_NOT_OK(ReadJsonLogFiles(*base.engine, units, &batches));
  std::optional<CommitInfo> commit_info;
  if (!batches.empty()) commit_info = batches.back().commit_info;

  Reconciler rec;
  rec.root_decoded = PercentDecode(seg.table_root);
  for (size_t i = batches.size(); i-- > 0;) rec.ApplyCommit(batches[i]);
  batches.clear();
  if (rec.protocol) {
    DELTA_RETURN_NOT_OK(CheckReadSupported(*rec.protocol).WithContext(SegmentRange(seg)));
  }
  // The base snapshot stands in for everything up to its version.
  if (!rec.protocol) rec.protocol = base.protocol;
  if (!rec.metadata) rec.metadata = base.metadata;
  for (const auto& [app, t] : base.txns) rec.txns.try_emplace(app, t);
  for (const auto& [name, d] : base.domains) rec.domains.try_emplace(name, d);
  for (const AddFile& a : base.files) {
    if (rec.seen.empty() ||
        !rec.seen.contains(FileKey(a.path, a.deletion_vector, rec.root_decoded))) {
      rec.live.push_back(a);
    }
  }
  st->arenas = base.arenas;
  std::optional<FileInfo> commit_file;
  if (seg.latest_commit) commit_file = seg.latest_commit->file;
  DELTA_RETURN_NOT_OK(Finish(rec, st.get(), commit_info, commit_file, FileInfo{}));
  DELTA_RETURN_NOT_OK(ApplyChecksum(st.get(), options));
  return st;
}

}  // namespace delta

namespace delta {

Status LoadProtocolAndMetadata(Engine& engine, const LogSegment& seg, Protocol* protocol,
                               Metadata* metadata) {
  std::vector<FileInfo> units = JsonUnits(seg);
  std::vector<ActionBatch> batches;
  DELTA_RETURN_NOT_OK(ReadJsonLogFiles(engine, units, &batches));
  Reconciler rec;
  for (size_t i = batches.size(); i-- > 0 && !(rec.protocol && rec.metadata);) {
    rec.TakeNonFileActions(batches[i]);
  }
  for (size_t i = 0; i < seg.checkpoint.size() && !(rec.protocol && rec.metadata); ++i) {
    const LogFile& f = seg.checkpoint[i];
    ActionBatch b;
    if (f.type == LogFileType::kV2Checkpoint && f.is_json) {
      DELTA_ASSIGN_OR_RETURN(std::string data, engine.file_system().ReadFile(f.file.location));
      DELTA_RETURN_NOT_OK(ParseJsonActions(&data, f.file.location, &b));
    } else {
      DELTA_ASSIGN_OR_RETURN(
          b, ReadCheckpointFile(engine, f.file, CheckpointActionSet::NonFileActions()));
    }
    rec.TakeNonFileActions(b);
  }
  if (!rec.protocol) {
    return Status::InvalidTable(SegmentRange(seg) + ": no protocol action found in the log");
  }
  if (!rec.metadata) {
    return Status::InvalidTable(SegmentRange(seg) + ": no metaData action found in the log");
  }
  *protocol = std::move(*rec.protocol);
  *metadata = std::move(*rec.metadata);
  return Status::OK();
}

}  // namespace delta
