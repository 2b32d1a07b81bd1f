// WriteCheckpoint (delta/checkpoint.h): the snapshot's state streamed as checkpoint rows
// (log/checkpoint_rows.h) through the engine's ParquetWriter::WriteFile, then
// `_last_checkpoint` (log/last_checkpoint.h).
#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "delta/checkpoint.h"
#include "delta/json_writer.h"
#include "delta/location_policy.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "log/checkpoint_decoder.h"
#include "log/checkpoint_parsed_columns.h"
#include "log/checkpoint_rows.h"
#include "log/commit_range.h"
#include "log/file_key.h"
#include "log/last_checkpoint.h"
#include "log/log_cleanup_policy.h"
#include "log/log_limits.h"
#include "log/log_path.h"
#include "log/snapshot_state.h"
#include "protocol/action_json.h"
#include "protocol/uri.h"
#include "util/clock.h"
#include "util/uuid.h"

namespace delta {
namespace {

// What the segment says about reusing the previous checkpoint's sidecars.
struct PreviousSidecars {
  /// The previous checkpoint's sidecar actions (a v2 checkpoint's; empty otherwise).
  std::vector<SidecarFile> sidecars;
  /// False when something rules reuse out: file actions in the previous checkpoint itself, a
  /// remove or metaData in a later commit, an earlier tombstone that expired or was re-added.
  bool reusable = false;
  /// The adds of the later commits ("path\n" + deletion vector id): the files not in them.
  std::set<std::string> commit_adds;
};

// A multi-part checkpoint's part number or count: ten digits.
std::string PartNumber(int64_t n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 10 ? 10 - digits.size() : 0, '0') + digits;
}

std::string AddKey(const AddFile& a) {
  return std::string(a.path) + "\n" + (a.deletion_vector ? a.deletion_vector->UniqueId() : "");
}

// The tombstones a checkpoint keeps: for each file key whose newest action in the segment is a
// remove (its key not live), that remove, when newer than `cutoff_ms`. `owner` holds them.
Status CollectTombstones(const SnapshotState& st, int64_t cutoff_ms, ActionBatch* owner,
                         std::vector<const RemoveFile*>* out, PreviousSidecars* previous) {
  Engine& engine = *st.engine;
  const LogSegment& seg = st.segment;
  // Every remove of the segment, oldest first: the previous checkpoint's, then the commits'.
  ActionBatch removes;
  CheckpointActionSet only_removes = CheckpointActionSet::FileActionsOnly();
  only_removes.add = false;
  only_removes.sidecar = true;
  std::vector<FileInfo> sidecars;
  bool reusable =
      seg.checkpoint.size() == 1 && seg.checkpoint[0].type == LogFileType::kV2Checkpoint;
  for (const LogFile& f : seg.checkpoint) {
    ActionBatch part;
    if (f.is_json) {
      DELTA_ASSIGN_OR_RETURN(std::string data, engine.file_system().ReadFile(f.file.location));
      DELTA_RETURN_NOT_OK(ParseJsonActions(&data, f.file.location, &part));
    } else {
      // Adds are counted batch by batch, not kept: the checkpoint itself may hold millions.
      DELTA_ASSIGN_OR_RETURN(
          CheckpointFileReader reader,
          CheckpointFileReader::Open(engine, f.file, CheckpointActionSet::All()));
      while (true) {
        ActionBatch batch;
        DELTA_ASSIGN_OR_RETURN(bool more, reader.Next(&batch));
        if (!more) break;
        if (!batch.adds.empty()) reusable = false;
        for (const RemoveFile& r : batch.removes) part.AppendRemove(r);
        for (SidecarFile& sc : batch.sidecars) part.sidecars.push_back(std::move(sc));
      }
    }
    if (!part.adds.empty() || !part.removes.empty()) reusable = false;
    for (const RemoveFile& r : part.removes) removes.AppendRemove(r);
    if (reusable) previous->sidecars = part.sidecars;
    for (const SidecarFile& s : part.sidecars) {
      FileInfo info;
      info.location = HasUriScheme(s.path) ? s.path : seg.log_root + "/_sidecars/" + s.path;
      // As replay does: a sidecar named by absolute URI only where the policy allows.
      if (HasUriScheme(s.path)) {
        DELTA_RETURN_NOT_OK(
            CheckLocationAllowed(engine.location_policy(), st.table_root, info.location));
      }
      info.size = s.size_in_bytes;
      info.modification_time_ms = s.modification_time;
      sidecars.push_back(std::move(info));
    }
  }
  only_removes.sidecar = false;
  for (const FileInfo& s : sidecars) {
    DELTA_ASSIGN_OR_RETURN(ActionBatch part, ReadCheckpointFile(engine, s, only_removes));
    for (const RemoveFile& r : part.removes) removes.AppendRemove(r);
  }
  const size_t checkpoint_removes = removes.removes.size();
  const int64_t first = seg.checkpoint_version ? *seg.checkpoint_version + 1 : 0;
  if (first <= st.version) {
    DELTA_ASSIGN_OR_RETURN(CommitRange range, CommitRange::List(engine.file_system(), st.table_root,
                                                                first, st.version));
    DELTA_RETURN_NOT_OK(range.ForEach(engine, st.metadata, [&](LogCommit&& c) {
      for (const RemoveFile& r : c.actions->removes) removes.AppendRemove(r);
      if (!c.actions->removes.empty() || c.actions->metadata) reusable = false;
      if (reusable) {
        for (const AddFile& a : c.actions->adds) previous->commit_adds.insert(AddKey(a));
      }
      return Status::OK();
    }));
  }
  previous->reusable = reusable && !previous->sidecars.empty();
  if (removes.removes.empty()) return Status::OK();

  const std::string root_decoded = PercentDecode(st.table_root);
  Arena keys_arena;
  FileKeySet live;
  for (const AddFile& a : st.files) {
    live.Insert(MakeFileKey(a.path, a.deletion_vector, root_decoded, &keys_arena));
  }
  FileKeySet seen;
  std::vector<const RemoveFile*> kept;
  for (auto it = removes.removes.rbegin(); it != removes.removes.rend(); ++it) {
    FileKey key = MakeFileKey(it->path, it->deletion_vector, root_decoded, &keys_arena);
    const bool keep =
        seen.Insert(key) && !live.Contains(key) && it->deletion_timestamp.value_or(0) > cutoff_ms;
    if (keep) kept.push_back(&*it);
    // A sidecar holding a tombstone that is no longer kept cannot be reused as it is.
    const size_t index = static_cast<size_t>(removes.removes.rend() - it - 1);
    if (!keep && index < checkpoint_removes) previous->reusable = false;
  }
  std::reverse(kept.begin(), kept.end());
  *owner = std::move(removes);  // arena blocks never move: the pointers stay valid
  *out = std::move(kept);
  return Status::OK();
}

// Streams `count` rows (`emit(i, rows)` appends row i) into one Parquet file at `location`, in
// batches of options.batch_rows; `info` (when not null) receives the file's size and time,
// `schema` (when not null) the file's schema.
Result<CheckpointFileWritten> WriteRows(
    Engine& engine, const std::string& location, const CheckpointActionSet& columns,
    std::shared_ptr<const CheckpointParsedColumns> parsed, int64_t count,
    const std::function<void(int64_t, CheckpointRowBuilder*)>& emit,
    const CheckpointOptions& options, CheckpointProgress* progress, FileInfo* info = nullptr,
    ArrowField* schema = nullptr) {
  auto rows = std::make_shared<CheckpointRowBuilder>(columns, std::move(parsed));
  if (schema != nullptr) *schema = rows->schema();
  auto next = std::make_shared<int64_t>(0);
  const int64_t batch = std::max<int64_t>(1, options.batch_rows);
  ArrowStreamHandle stream = MakeGeneratedStream(
      rows->schema(),
      [rows, next, count, batch, emit, progress, &options](ArrowArray* out) -> Status {
        if (*next >= count) return Status::OK();  // end of stream
        const int64_t end = std::min(count, *next + batch);
        for (int64_t i = *next; i < end; ++i) emit(i, rows.get());
        progress->actions_written += end - *next;
        *next = end;
        rows->TakeBatch(out);
        if (options.on_progress) options.on_progress(*progress);
        return Status::OK();
      });
  ParquetFileWriteOptions write_options;
  auto written = engine.parquet_writer().WriteFile(location, stream.get(), write_options);
  if (!written.ok()) return written.status().WithContext("writing checkpoint file " + location);
  if (info != nullptr) *info = *written;
  ++progress->files_written;
  if (options.on_progress) options.on_progress(*progress);
  CheckpointFileWritten file;
  file.location = location;
  file.size_in_bytes = written->size;
  file.actions = count;
  return file;
}

// Writes `_last_checkpoint` unless it already names a newer checkpoint.
void UpdateLastCheckpoint(FileSystem& fs, const std::string& log_root,
                          const LastCheckpointInfo& info, CheckpointResult* result) {
  std::vector<std::string> ignored;
  auto hint = ReadLastCheckpointHint(fs, log_root, &ignored);
  if (hint && hint->version > info.version) {
    result->warnings.push_back("_last_checkpoint left at its newer version " +
                               std::to_string(hint->version));
    return;
  }
  Status st = fs.Write(log_root + "/_last_checkpoint", EncodeLastCheckpoint(info));
  if (!st.ok()) {
    result->warnings.push_back("_last_checkpoint not updated (readers list the log instead): " +
                               st.ToString());
    return;
  }
  result->last_checkpoint_updated = true;
}

Result<CheckpointResult> WriteCheckpointOfState(const SnapshotState& st,
                                                const CheckpointOptions& options) {
  Engine& engine = *st.engine;
  FileSystem& fs = engine.file_system();
  const std::string log_root = st.segment.log_root;
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(st.metadata.configuration));
  const int64_t now = options.now_ms ? *options.now_ms : WallClockMillis();
  const int64_t cutoff = now - props.deleted_file_retention_duration_ms();

  ActionBatch tombstone_owner;
  std::vector<const RemoveFile*> tombstones;
  PreviousSidecars previous;
  DELTA_RETURN_NOT_OK(CollectTombstones(st, cutoff, &tombstone_owner, &tombstones, &previous)
                          .WithContext("reading the tombstones of " + st.table_root));

  // The non-file actions, in Delta Spark's order.
  std::vector<const SetTransaction*> txns;
  for (const auto& [id, t] : st.txns) txns.push_back(&t);
  std::vector<const DomainMetadata*> domains;
  for (const auto& [name, d] : st.domains) {
    if (!d.removed) domains.push_back(&d);
  }
  const int64_t non_file = 2 + static_cast<int64_t>(txns.size() + domains.size());
  auto emit_non_file = [&](int64_t i, CheckpointRowBuilder* rows) {
    if (i == 0) return rows->Append(st.protocol);
    if (i == 1) return rows->Append(st.metadata);
    i -= 2;
    if (i < static_cast<int64_t>(txns.size())) return rows->Append(*txns[i]);
    rows->Append(*domains[i - static_cast<int64_t>(txns.size())]);
  };
  // Statistics as a struct (and typed partition values) when the table asks for them; then
  // JSON statistics only while writeStatsAsJson allows (without the struct they stay: a
  // checkpoint never drops statistics).
  std::shared_ptr<const CheckpointParsedColumns> parsed;
  const bool as_struct = props.checkpoint_write_stats_as_struct();
  if (as_struct) {
    DELTA_ASSIGN_OR_RETURN(parsed,
                           CheckpointParsedColumns::Make(*st.schema, st.metadata.partition_columns,
                                                         /*stats=*/true,
                                                         /*partition_values=*/true));
  }
  const bool drop_json_stats = as_struct && !props.checkpoint_write_stats_as_json();
  const int64_t adds = static_cast<int64_t>(st.files.size());
  const int64_t file_actions = adds + static_cast<int64_t>(tombstones.size());
  // A v2 checkpoint after commits that only added files keeps the previous checkpoint's
  // sidecars, which still hold exactly its files and tombstones, and writes only the new adds.
  const bool v2 = st.protocol.HasWriterFeature(feature::kV2Checkpoint);
  const bool reuse =
      v2 && options.v2_sidecars && options.reuse_sidecars && previous.reusable && file_actions > 0;
  std::vector<const AddFile*> new_adds;
  if (reuse) {
    for (const AddFile& a : st.files) {
      if (previous.commit_adds.count(AddKey(a)) > 0) new_adds.push_back(&a);
    }
  }
  // The file actions this checkpoint writes itself: every add and tombstone, or with reuse the
  // new adds alone.
  const int64_t fresh_adds = reuse ? static_cast<int64_t>(new_adds.size()) : adds;
  const int64_t fresh_actions = reuse ? fresh_adds : file_actions;
  auto emit_file = [&](int64_t i, CheckpointRowBuilder* rows) {
    if (i >= fresh_adds) return rows->Append(*tombstones[i - fresh_adds]);
    rows->Append(reuse ? *new_adds[i] : st.files[i], /*json_stats=*/!drop_json_stats);
  };

  CheckpointResult result;
  result.version = st.version;
  result.num_of_add_files = adds;
  result.num_of_tombstones = static_cast<int64_t>(tombstones.size());
  result.kind = v2 ? CheckpointKind::kV2 : CheckpointKind::kClassic;
  CheckpointProgress progress;
  progress.actions_total = non_file + file_actions;
  ArrowField checkpoint_schema;  // the top-level file's, for _last_checkpoint
  LastCheckpointInfo info;       // what _last_checkpoint will record

  if (!v2) {
    CheckpointActionSet columns = CheckpointActionSet::All();
    columns.checkpoint_metadata = false;
    columns.sidecar = false;
    // One file, or with part_size the rows in order over parts 1..n, each a checkpoint file of
    // the same schema (readers take the union of the parts).
    const int64_t total = non_file + file_actions;
    const int64_t per = options.part_size ? std::max<int64_t>(1, *options.part_size) : total;
    const int64_t parts = total <= per ? 1 : (total + per - 1) / per;
    if (parts > 1) {
      if (parts > kMaxCheckpointParts) {
        return Status::InvalidArgument(
            "a checkpoint of " + std::to_string(total) + " actions in parts of " +
            std::to_string(per) + " would have " + std::to_string(parts) +
            " parts; readers accept at most " + std::to_string(kMaxCheckpointParts));
      }
      info.parts = parts;
    }
    result.parts = parts;
    for (int64_t part = 1; part <= parts; ++part) {
      const int64_t begin = (part - 1) * per;
      const int64_t count = parts == 1 ? total : std::min(per, total - begin);
      const std::string location =
          log_root + "/" + FormatVersion(st.version) + ".checkpoint." +
          (parts == 1 ? std::string() : PartNumber(part) + "." + PartNumber(parts) + ".") +
          "parquet";
      DELTA_ASSIGN_OR_RETURN(CheckpointFileWritten file,
                             WriteRows(
                                 engine, location, columns, parsed, count,
                                 [&](int64_t i, CheckpointRowBuilder* rows) {
                                   i += begin;
                                   if (i < non_file) return emit_non_file(i, rows);
                                   emit_file(i - non_file, rows);
                                 },
                                 options, &progress, nullptr, &checkpoint_schema));
      result.files.push_back(std::move(file));
    }
  } else {
    // Sidecars first: the checkpoint that names them is published only once they all exist.
    std::vector<SidecarFile> sidecar_actions;
    std::vector<CheckpointFileWritten> sidecar_files;
    const bool use_sidecars = options.v2_sidecars && file_actions > 0;
    if (reuse) {
      sidecar_actions = previous.sidecars;
      result.sidecars_reused = static_cast<int64_t>(sidecar_actions.size());
      for (const SidecarFile& sc : sidecar_actions) result.size_in_bytes += sc.size_in_bytes;
      // Their rows count as written.
      progress.actions_written += file_actions - fresh_actions;
    }
    if (use_sidecars) {
      const int64_t per = std::max<int64_t>(1, options.actions_per_sidecar);
      for (int64_t begin = 0; begin < fresh_actions; begin += per) {
        const int64_t count = std::min(per, fresh_actions - begin);
        const std::string name = UuidText(RandomUuid()) + ".parquet";
        FileInfo info;
        DELTA_ASSIGN_OR_RETURN(
            CheckpointFileWritten file,
            WriteRows(
                engine, log_root + "/_sidecars/" + name, CheckpointActionSet::FileActionsOnly(),
                parsed, count,
                [&](int64_t i, CheckpointRowBuilder* rows) { emit_file(begin + i, rows); }, options,
                &progress, &info));
        SidecarFile s;
        s.path = name;
        s.size_in_bytes = info.size;
        s.modification_time = info.modification_time_ms;
        sidecar_actions.push_back(std::move(s));
        sidecar_files.push_back(std::move(file));
      }
    }
    CheckpointMetadata checkpoint_metadata;
    checkpoint_metadata.version = st.version;
    const int64_t sidecars = static_cast<int64_t>(sidecar_actions.size());
    const int64_t manifest_rows = 1 + non_file + (use_sidecars ? sidecars : file_actions);
    progress.actions_total += 1 + sidecars;
    // The rows of reused sidecars are part of the checkpoint's size.
    result.actions += file_actions - fresh_actions;
    CheckpointActionSet columns = CheckpointActionSet::All();
    if (use_sidecars) columns.add = columns.remove = false;
    const std::string location = log_root + "/" + FormatVersion(st.version) + ".checkpoint." +
                                 UuidText(RandomUuid()) +
                                 (options.v2_json_manifest ? ".json" : ".parquet");
    CheckpointFileWritten file;
    if (options.v2_json_manifest) {
      // The same rows as JSON lines, published whole.
      std::string text;
      auto line = [&text](const auto& action) {
        JsonWriter w;
        EncodeJsonAction(action, &w);
        text += w.Take();
        text.push_back('\n');
      };
      line(checkpoint_metadata);
      line(st.protocol);
      line(st.metadata);
      for (const SetTransaction* t : txns) line(*t);
      for (const DomainMetadata* d : domains) line(*d);
      for (int64_t i = 0; i < (use_sidecars ? sidecars : file_actions); ++i) {
        if (use_sidecars) {
          line(sidecar_actions[static_cast<size_t>(i)]);
        } else if (i >= adds) {
          line(*tombstones[static_cast<size_t>(i - adds)]);
        } else {
          line(st.files[static_cast<size_t>(i)]);
        }
      }
      DELTA_RETURN_NOT_OK(
          fs.PutIfAbsent(location, text).WithContext("writing checkpoint file " + location));
      file.location = location;
      file.size_in_bytes = static_cast<int64_t>(text.size());
      file.actions = manifest_rows;
      progress.actions_written += manifest_rows;
      ++progress.files_written;
      if (options.on_progress) options.on_progress(progress);
    } else {
      DELTA_ASSIGN_OR_RETURN(
          file, WriteRows(
                    engine, location, columns, use_sidecars ? nullptr : parsed, manifest_rows,
                    [&](int64_t i, CheckpointRowBuilder* rows) {
                      if (i == 0) return rows->Append(checkpoint_metadata);
                      i -= 1;
                      if (i < non_file) return emit_non_file(i, rows);
                      i -= non_file;
                      if (use_sidecars) return rows->Append(sidecar_actions[i]);
                      emit_file(i, rows);
                    },
                    options, &progress, nullptr, &checkpoint_schema));
    }
    result.files.push_back(std::move(file));
    for (auto& f : sidecar_files) result.files.push_back(std::move(f));
  }
  for (const CheckpointFileWritten& f : result.files) {
    result.actions += f.actions;
    result.size_in_bytes += f.size_in_bytes;
  }
  info.version = st.version;
  info.size = result.actions;
  info.size_in_bytes = result.size_in_bytes;
  info.num_of_add_files = result.num_of_add_files;
  // Readers use the schema only to plan their reads: one Delta cannot name is left out, and a
  // JSON manifest has none.
  if (!(v2 && options.v2_json_manifest)) {
    Result<std::string> schema_json = CheckpointSchemaJson(checkpoint_schema);
    if (schema_json.ok()) {
      info.checkpoint_schema = std::move(*schema_json);
    } else {
      result.warnings.push_back("_last_checkpoint without checkpointSchema: " +
                                schema_json.status().ToString());
    }
  }
  UpdateLastCheckpoint(fs, log_root, info, &result);
  return result;
}

// The log cleanup after a checkpoint of `snapshot`: never fails the checkpoint.
void CleanupAfterCheckpoint(const Snapshot& snapshot, const CheckpointOptions& options,
                            CheckpointResult* result) {
  bool enabled = false;
  if (options.cleanup_expired_logs) {
    enabled = *options.cleanup_expired_logs;
  } else {
    Result<bool> property = ExpiredLogCleanupEnabled(snapshot.metadata().configuration);
    if (!property.ok()) {
      result->warnings.push_back("log not cleaned up: " + property.status().ToString());
    }
    enabled = property.value_or(false);
  }
  if (!enabled) return;
  LogCleanupOptions cleanup;
  cleanup.now_ms = options.now_ms;
  Result<LogCleanupResult> cleaned = CleanupExpiredLogs(snapshot, cleanup);
  if (!cleaned.ok()) {
    result->warnings.push_back("log not cleaned up: " + cleaned.status().ToString());
    return;
  }
  result->log_cleanup = std::move(*cleaned);
}

Result<CheckpointResult> WriteAndCleanup(const Snapshot& snapshot,
                                         const CheckpointOptions& options) {
  DELTA_ASSIGN_OR_RETURN(CheckpointResult result,
                         WriteCheckpointOfState(snapshot.state(), options));
  CleanupAfterCheckpoint(snapshot, options, &result);
  return result;
}

}  // namespace

const char* CheckpointKindName(CheckpointKind kind) {
  return kind == CheckpointKind::kV2 ? "v2" : "classic";
}

Result<CheckpointResult> WriteCheckpoint(const Snapshot& snapshot,
                                         const CheckpointOptions& options) {
  if (snapshot.has_file_list()) return WriteAndCleanup(snapshot, options);
  // A streamed snapshot keeps no file list: load the version with one.
  DELTA_ASSIGN_OR_RETURN(Table table,
                         Table::ForLocation(snapshot.table_location(), snapshot.state().engine));
  DELTA_ASSIGN_OR_RETURN(auto full, table.SnapshotAtVersion(snapshot.version()));
  return WriteAndCleanup(*full, options);
}

Result<CheckpointResult> WriteCheckpoint(const Table& table, std::optional<int64_t> version,
                                         const CheckpointOptions& options) {
  std::shared_ptr<const Snapshot> snapshot;
  if (version) {
    DELTA_ASSIGN_OR_RETURN(snapshot, table.SnapshotAtVersion(*version));
  } else {
    DELTA_ASSIGN_OR_RETURN(snapshot, table.LatestSnapshot());
  }
  return WriteAndCleanup(*snapshot, options);
}

}  // namespace delta
