#include "log/replay.h"

#include <algorithm>

#include "delta/table_features.h"
#include "log/checkpoint_decoder.h"
#include "log/checkpoint_stats.h"
#include "log/checksum_file.h"
#include "log/commit_reader.h"
#include "log/deferred_files.h"
#include "log/log_limits.h"
#include "log/reconcile.h"
#include "protocol/action_json.h"
#include "protocol/uri.h"
#include "util/parallel.h"
#include "util/task_guard.h"

namespace delta {
namespace {

// Reads the JSON units; each one's parse task also computes its reconciliation keys.
Status ReadUnits(Engine& engine, const std::vector<FileInfo>& units,
                 const std::string& root_decoded, std::vector<ActionBatch>* batches,
                 std::vector<UnitKeys>* keys) {
  keys->clear();
  keys->resize(units.size());
  return ReadJsonLogFiles(engine, units, batches, [&](size_t i, ActionBatch& b) {
    ComputeUnitKeys(b, root_decoded, &(*keys)[i]);
  });
}

// Where a v2 checkpoint's sidecar lives.
// A sidecar named by absolute URI is read only where the engine's location policy allows.
Result<FileInfo> SidecarInfo(const Engine& engine, const LogSegment& seg, const SidecarFile& s) {
  FileInfo info;
  info.location = HasUriScheme(s.path) ? s.path : seg.log_root + "/_sidecars/" + s.path;
  if (HasUriScheme(s.path)) {
    DELTA_RETURN_NOT_OK(CheckLocationAllowed(engine.location_policy(), seg.table_root, s.path)
                            .WithContext("sidecar of checkpoint version " +
                                         std::to_string(seg.checkpoint_version.value_or(-1))));
  }
  info.size = s.size_in_bytes;
  info.modification_time_ms = s.modification_time;
  return info;
}

// Reads checkpoint file `i` of the segment into *out.
Status ReadCheckpointPart(Engine& engine, const LogSegment& seg, size_t i,
                          const ArrowField* stats_field, ActionBatch* out) {
  const LogFile& f = seg.checkpoint[i];
  if (f.type == LogFileType::kV2Checkpoint && f.is_json) {
    auto data = engine.file_system().ReadFile(f.file.location);
    if (!data.ok()) return data.status().WithContext("reading checkpoint " + f.file.location);
    return ParseJsonActions(&*data, f.file.location, out);
  }
  auto batch = ReadCheckpointFile(engine, f.file, CheckpointActionSet::All(), stats_field);
  if (!batch.ok()) return batch.status().WithContext("reading checkpoint " + f.file.location);
  *out = std::move(*batch);
  return Status::OK();
}

// The v2 checkpoint's non-file actions and sidecar list as `_last_checkpoint` described them,
// when the segment kept that description (LogSegment::v2_checkpoint_actions).
Status V2ActionsFromHint(const LogSegment& seg, ActionBatch* out) {
  std::string text = *seg.v2_checkpoint_actions;
  return ParseJsonActions(&text, seg.log_root + "/_last_checkpoint", out);
}

// Reads the checkpoint files (and, for v2 checkpoints, their sidecars) in parallel. With
// `stats_field`, add statistics stored only in struct form are read and rendered as JSON.
Status ReadCheckpoint(Engine& engine, const LogSegment& seg, std::vector<ActionBatch>* out,
                      const ArrowField* stats_field = nullptr) {
  std::vector<ActionBatch> parts(seg.checkpoint.size());
  std::vector<Status> statuses(seg.checkpoint.size());
  ParallelFor(&engine.executor(), seg.checkpoint.size(), [&](size_t i) {
    statuses[i] = CatchAsStatus("reading checkpoint", seg.checkpoint[i].file.location, [&] {
      return ReadCheckpointPart(engine, seg, i, stats_field, &parts[i]);
    });
  });
  for (Status& s : statuses) DELTA_RETURN_NOT_OK(s);

  std::vector<FileInfo> sidecars;
  for (ActionBatch& p : parts) {
    for (const SidecarFile& s : p.sidecars) {
      DELTA_ASSIGN_OR_RETURN(FileInfo info, SidecarInfo(engine, seg, s));
      sidecars.push_back(std::move(info));
    }
  }
  std::vector<ActionBatch> sidecar_batches(sidecars.size());
  std::vector<Status> sidecar_statuses(sidecars.size());
  ParallelFor(&engine.executor(), sidecars.size(), [&](size_t i) {
    auto batch = ReadCheckpointFile(engine, sidecars[i], CheckpointActionSet::FileActionsOnly(),
                                    stats_field);
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

// True when the checkpoint may hold statistics only in struct form (`add.stats_parsed`) and
// some add came back without JSON statistics: then they are worth a second, wider read.
// True when the table's properties allow checkpoints whose add statistics are only in struct
// form (`add.stats_parsed`).
bool MayHaveStructOnlyStats(const Metadata& metadata) {
  auto prop = [&](const char* key) -> std::string {
    auto it = metadata.configuration.find(key);
    return it == metadata.configuration.end() ? "" : it->second;
  };
  return prop("delta.checkpoint.writeStatsAsJson") == "false" ||
         prop("delta.checkpoint.writeStatsAsStruct") == "true";
}

bool NeedsStructStats(const Metadata& metadata, const std::vector<ActionBatch>& parts) {
  if (!MayHaveStructOnlyStats(metadata)) return false;
  for (const ActionBatch& p : parts) {
    for (const AddFile& a : p.adds) {
      if (a.stats.empty()) return true;
    }
  }
  return false;
}

// True when every checkpoint file is Parquet: those can be streamed by a scan later.
bool ParquetCheckpoint(const LogSegment& seg) {
  return !seg.checkpoint.empty() && std::none_of(seg.checkpoint.begin(), seg.checkpoint.end(),
                                                 [](const LogFile& f) { return f.is_json; });
}

// Reads only the checkpoint's non-file actions (and a v2 checkpoint's sidecar list), and keeps
// in st->deferred what a scan needs to list the live files itself: the checkpoint files, the
// commits' live adds and the keys the commits decided.
Status DeferCheckpointFiles(Engine& engine, NonFileState& rec, FileReplay& files,
                            std::vector<ActionBatch>& batches, SnapshotState* st) {
  const LogSegment& seg = st->segment;
  std::vector<ActionBatch> parts(seg.checkpoint.size());
  std::vector<Status> statuses(seg.checkpoint.size());
  ParallelFor(&engine.executor(), seg.checkpoint.size(), [&](size_t i) {
    const FileInfo& f = seg.checkpoint[i].file;
    if (seg.v2_checkpoint_actions) {  // the file itself is read by the scan, for its adds
      statuses[i] = V2ActionsFromHint(seg, &parts[i]);
      return;
    }
    auto batch = ReadCheckpointFile(engine, f, CheckpointActionSet::NonFileActions());
    if (!batch.ok()) {
      statuses[i] = batch.status().WithContext("reading checkpoint " + f.location);
      return;
    }
    parts[i] = std::move(*batch);
  });
  for (Status& s : statuses) DELTA_RETURN_NOT_OK(s);
  auto d = std::make_shared<DeferredFiles>();
  for (const LogFile& f : seg.checkpoint) d->checkpoint_files.push_back(f.file);
  for (ActionBatch& p : parts) {
    rec.Take(p);
    for (const SidecarFile& s : p.sidecars) {
      DELTA_ASSIGN_OR_RETURN(FileInfo info, SidecarInfo(engine, seg, s));
      d->checkpoint_files.push_back(std::move(info));
    }
  }
  if (rec.metadata && !rec.metadata->schema_string.empty() &&
      MayHaveStructOnlyStats(*rec.metadata)) {
    auto schema = ParseSchema(rec.metadata->schema_string);
    if (!schema.ok()) return schema.status().WithContext(SegmentRange(seg) + ": table schema");
    d->stats_parsed = StatsParsedField(**schema, rec.metadata->partition_columns);
  }
  d->commit_adds = std::move(files.live);
  files.live.clear();
  d->seen = std::move(files.seen);
  d->root_decoded = files.root_decoded;
  d->arenas = std::move(files.arenas);
  files.arenas.clear();
  // The keys in `seen` point into every commit's arena, not only those with live adds.
  for (ActionBatch& b : batches)
    d->arenas.push_back(std::make_shared<const Arena>(std::move(b.arena)));
  d->BuildSeenFilter();
  st->deferred = std::move(d);
  return Status::OK();
}

// Compares the replayed state with the version's CRC file.
void CrossCheckChecksum(const SnapshotState& st, const VersionChecksum& crc, std::string_view file,
                        std::vector<std::string>* mismatches) {
  auto add = [&](std::string what) {
    mismatches->push_back("version checksum " + std::string(file) +
                          " disagrees with the log: " + what);
  };
  // Without the file list (streamed snapshots) only protocol and metadata can be compared.
  if (st.deferred == nullptr && crc.num_files != static_cast<int64_t>(st.files.size())) {
    add("numFiles " + std::to_string(crc.num_files) + " vs " + std::to_string(st.files.size()));
  }
  if (st.deferred == nullptr && crc.table_size_bytes != st.total_bytes) {
    add("tableSizeBytes " + std::to_string(crc.table_size_bytes) + " vs " +
        std::to_string(st.total_bytes));
  }
  if (!(crc.protocol == st.protocol)) add("protocol differs");
  if (!(crc.metadata == st.metadata)) add("metadata differs");
}

Status ApplyChecksum(SnapshotState* st, const ReplayOptions& options) {
  const LogSegment& seg = st->segment;
  if (!seg.checksum) return Status::OK();
  auto data = ReadBoundedFile(st->engine->file_system(), seg.checksum->file.location,
                              kMaxChecksumFileBytes, "version checksum");
  if (!data.ok()) {
    st->warnings.push_back(data.status().IsInvalidTable()
                               ? "ignored " + data.status().message()
                               : "ignored unreadable " + seg.checksum->file.location);
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

Status ForEachCheckpointRemoveBatch(Engine& engine, const LogSegment& segment,
                                    const std::function<Status(const ActionBatch&)>& fn) {
  CheckpointActionSet wanted = CheckpointActionSet::FileActionsOnly();
  wanted.add = false;
  CheckpointActionSet with_sidecars = wanted;
  with_sidecars.sidecar = true;
  std::vector<FileInfo> sidecars;
  auto each_batch = [&](const FileInfo& file, const CheckpointActionSet& columns) -> Status {
    DELTA_ASSIGN_OR_RETURN(CheckpointFileReader reader,
                           CheckpointFileReader::Open(engine, file, columns));
    while (true) {
      ActionBatch batch;
      DELTA_ASSIGN_OR_RETURN(bool more, reader.Next(&batch));
      if (!more) return Status::OK();
      for (const SidecarFile& s : batch.sidecars) {
        DELTA_ASSIGN_OR_RETURN(FileInfo info, SidecarInfo(engine, segment, s));
        sidecars.push_back(std::move(info));
      }
      DELTA_RETURN_NOT_OK(fn(batch));
    }
  };
  for (size_t i = 0; i < segment.checkpoint.size(); ++i) {
    const LogFile& f = segment.checkpoint[i];
    if (f.type == LogFileType::kV2Checkpoint && f.is_json) {  // a manifest: small, read whole
      ActionBatch part;
      DELTA_RETURN_NOT_OK(ReadCheckpointPart(engine, segment, i, nullptr, &part));
      for (const SidecarFile& s : part.sidecars) {
        DELTA_ASSIGN_OR_RETURN(FileInfo info, SidecarInfo(engine, segment, s));
        sidecars.push_back(std::move(info));
      }
      DELTA_RETURN_NOT_OK(fn(part));
      continue;
    }
    DELTA_RETURN_NOT_OK(
        each_batch(f.file, with_sidecars).WithContext("reading checkpoint " + f.file.location));
  }
  for (const FileInfo& s : sidecars) {
    DELTA_RETURN_NOT_OK(each_batch(s, wanted).WithContext(
        "reading sidecar " + s.location + " of checkpoint version " +
        std::to_string(segment.checkpoint_version.value_or(-1))));
  }
  return Status::OK();
}

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
  std::string root_decoded = PercentDecode(seg.table_root);
  std::vector<ActionBatch> batches;
  std::vector<UnitKeys> keys;
  DELTA_RETURN_NOT_OK(ReadUnits(*engine, units, root_decoded, &batches, &keys));

  std::optional<CommitInfo> commit_info;
  if (!batches.empty() && (latest_in_units || seg.latest_commit)) {
    commit_info = batches.back().commit_info;
  }
  if (!latest_in_units && seg.latest_commit) {  // read only for its commitInfo
    batches.pop_back();
    keys.pop_back();
  }

  NonFileState rec;
  for (size_t i = batches.size(); i-- > 0;) rec.Take(batches[i]);
  FileReplay files(&engine->executor(), root_decoded);
  files.ApplyUnits(batches, keys);

  // Fail fast on an unreadable protocol before fetching a possibly huge checkpoint.
  if (rec.protocol) {
    DELTA_RETURN_NOT_OK(CheckReadSupported(*rec.protocol).WithContext(SegmentRange(seg)));
  }
  if (options.defer_checkpoint_files && ParquetCheckpoint(seg)) {
    DELTA_RETURN_NOT_OK(DeferCheckpointFiles(*engine, rec, files, batches, st.get()));
  } else if (!seg.checkpoint.empty()) {
    std::vector<ActionBatch> parts;
    DELTA_RETURN_NOT_OK(ReadCheckpoint(*engine, seg, &parts));
    for (ActionBatch& p : parts) rec.Take(p);
    if (rec.metadata && !rec.metadata->schema_string.empty() &&
        NeedsStructStats(*rec.metadata, parts)) {
      auto schema = ParseSchema(rec.metadata->schema_string);
      if (!schema.ok()) return schema.status().WithContext(SegmentRange(seg) + ": table schema");
      ArrowField stats = StatsParsedField(**schema, rec.metadata->partition_columns);
      parts.clear();
      DELTA_RETURN_NOT_OK(ReadCheckpoint(*engine, seg, &parts, &stats));
    }
    files.expected_adds = files.live.size();
    for (const ActionBatch& p : parts) files.expected_adds += p.adds.size();
    for (ActionBatch& p : parts) files.ApplyCheckpointBatch(p);
  }
  batches.clear();  // the seen sets point into these batches' arenas: keep them until here
  FileInfo fallback = seg.checkpoint.empty() ? FileInfo{} : seg.checkpoint.front().file;
  std::optional<FileInfo> commit_file;
  if (seg.latest_commit) commit_file = seg.latest_commit->file;
  DELTA_RETURN_NOT_OK(FinishState(rec, files, st.get(), commit_info, commit_file, fallback));
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
  std::string root_decoded = PercentDecode(seg.table_root);
  std::vector<ActionBatch> batches;
  std::vector<UnitKeys> keys;
  DELTA_RETURN_NOT_OK(ReadUnits(*base.engine, units, root_decoded, &batches, &keys));
  std::optional<CommitInfo> commit_info;
  if (!batches.empty()) commit_info = batches.back().commit_info;

  NonFileState rec;
  for (size_t i = batches.size(); i-- > 0;) rec.Take(batches[i]);
  FileReplay files(&base.engine->executor(), root_decoded);
  files.ApplyUnits(batches, keys);
  if (rec.protocol) {
    DELTA_RETURN_NOT_OK(CheckReadSupported(*rec.protocol).WithContext(SegmentRange(seg)));
  }
  // The base snapshot stands in for everything up to its version.
  if (!rec.protocol) rec.protocol = base.protocol;
  if (!rec.metadata) rec.metadata = base.metadata;
  for (const auto& [app, t] : base.txns) rec.txns.try_emplace(app, t);
  for (const auto& [name, d] : base.domains) rec.domains.try_emplace(name, d);
  files.expected_adds = files.live.size() + base.files.size();
  files.ApplyReconciled(base.files);
  batches.clear();
  st->arenas = base.arenas;
  std::optional<FileInfo> commit_file;
  if (seg.latest_commit) commit_file = seg.latest_commit->file;
  DELTA_RETURN_NOT_OK(FinishState(rec, files, st.get(), commit_info, commit_file, FileInfo{}));
  DELTA_RETURN_NOT_OK(ApplyChecksum(st.get(), options));
  return st;
}

}  // namespace delta

namespace delta {

Status LoadProtocolAndMetadata(Engine& engine, const LogSegment& seg, Protocol* protocol,
                               Metadata* metadata) {
  // Fast path: the version's checksum file carries both. A CRC that cannot be read or parsed
  // is simply not used; full snapshot loads still cross-check it against the log.
  if (seg.checksum) {
    auto data = ReadBoundedFile(engine.file_system(), seg.checksum->file.location,
                                kMaxChecksumFileBytes, "version checksum");
    if (data.ok()) {
      auto crc = ParseVersionChecksum(*data, seg.checksum->file.location);
      if (crc.ok()) {
        *protocol = std::move(crc->protocol);
        *metadata = std::move(crc->metadata);
        return Status::OK();
      }
    }
  }
  std::vector<FileInfo> units = JsonUnits(seg);
  std::vector<ActionBatch> batches;
  DELTA_RETURN_NOT_OK(ReadJsonLogFiles(engine, units, &batches));
  NonFileState rec;
  for (size_t i = batches.size(); i-- > 0 && !(rec.protocol && rec.metadata);) rec.Take(batches[i]);
  for (size_t i = 0; i < seg.checkpoint.size() && !(rec.protocol && rec.metadata); ++i) {
    const LogFile& f = seg.checkpoint[i];
    ActionBatch b;
    if (seg.v2_checkpoint_actions) {
      DELTA_RETURN_NOT_OK(V2ActionsFromHint(seg, &b));
    } else if (f.type == LogFileType::kV2Checkpoint && f.is_json) {
      DELTA_ASSIGN_OR_RETURN(std::string data, engine.file_system().ReadFile(f.file.location));
      DELTA_RETURN_NOT_OK(ParseJsonActions(&data, f.file.location, &b));
    } else {
      DELTA_ASSIGN_OR_RETURN(
          b, ReadCheckpointFile(engine, f.file, CheckpointActionSet::NonFileActions()));
    }
    rec.Take(b);
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
