// WriteCheckpoint (delta/checkpoint.h): the snapshot's state streamed as checkpoint rows
// (log/checkpoint_rows.h) through the engine's ParquetWriter::WriteFile, then
// `_last_checkpoint` (log/last_checkpoint.h).
#include <algorithm>
#include <climits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <span>
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
#include "log/checkpoint_file_rows.h"
#include "log/checkpoint_live_adds.h"
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
#include "util/parallel.h"
#include "util/uuid.h"

namespace delta {
namespace {

// What the segment says about reusing the previous checkpoint's sidecars.
struct PreviousSidecars {
  /// The previous checkpoint's sidecar actions (a v2 checkpoint's; empty otherwise).
  std::vector<SidecarFile> sidecars;
  /// Their locations, as read.
  std::vector<std::string> locations;
  /// False when something rules reuse of them all out: file actions in the previous
  /// checkpoint itself, a remove or metaData in a later commit, an earlier tombstone that
  /// expired or was re-added.
  bool reusable = false;
  /// A later commit changed the metadata: no sidecar is reused (its columns may differ).
  bool metadata_changed = false;
  /// The adds of the later commits ("path\n" + deletion vector id): the files not in them.
  std::set<std::string> commit_adds;
  /// Locations of previous checkpoint files holding a remove that this checkpoint drops.
  std::set<std::string> dropped_removes;
};

// A multi-part checkpoint's part number or count: ten digits.
std::string PartNumber(int64_t n) {
  std::string digits = std::to_string(n);
  return std::string(digits.size() < 10 ? 10 - digits.size() : 0, '0') + digits;
}

// A tombstone the checkpoint keeps, and the previous checkpoint file it came from (empty: a
// commit).
struct Tombstone {
  const RemoveFile* remove = nullptr;
  std::string_view origin;
};

// The tombstones a checkpoint keeps: for each file key whose newest action in the segment is a
// remove (its key not among `live`), that remove, when newer than `cutoff_ms`. `owner` holds
// them; `*held` is how many removes were read.
Status CollectTombstones(const SnapshotState& st, const std::vector<AddFile>& live_adds,
                         int64_t cutoff_ms, ActionBatch* owner, std::vector<Tombstone>* out,
                         PreviousSidecars* previous, int64_t* held) {
  Engine& engine = *st.engine;
  const LogSegment& seg = st.segment;
  // Every remove of the segment, oldest first: the previous checkpoint's, then the commits'.
  ActionBatch removes;
  std::vector<size_t> origin;  // per checkpoint remove: index into `previous->locations`
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
      // Only a lone v2 checkpoint's adds matter here (whether it has any): its sidecars may
      // be reused. Otherwise they are not even decoded (a classic checkpoint's are millions
      // of rows, read again when written). Adds are counted batch by batch, not kept.
      DELTA_ASSIGN_OR_RETURN(
          CheckpointFileReader reader,
          CheckpointFileReader::Open(engine, f.file,
                                     reusable ? CheckpointActionSet::All() : only_removes));
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
    previous->locations.push_back(f.file.location);
    for (const RemoveFile& r : part.removes) {
      removes.AppendRemove(r);
      origin.push_back(previous->locations.size() - 1);
    }
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
      previous->sidecars.push_back(s);
    }
  }
  only_removes.sidecar = false;
  for (const FileInfo& s : sidecars) {
    DELTA_ASSIGN_OR_RETURN(ActionBatch part, ReadCheckpointFile(engine, s, only_removes));
    previous->locations.push_back(s.location);
    for (const RemoveFile& r : part.removes) {
      removes.AppendRemove(r);
      origin.push_back(previous->locations.size() - 1);
    }
  }
  const size_t checkpoint_removes = removes.removes.size();
  const int64_t first = seg.checkpoint_version ? *seg.checkpoint_version + 1 : 0;
  if (first <= st.version) {
    DELTA_ASSIGN_OR_RETURN(CommitRange range, CommitRange::List(engine.file_system(), st.table_root,
                                                                first, st.version));
    DELTA_RETURN_NOT_OK(range.ForEach(engine, st.metadata, [&](LogCommit&& c) {
      for (const RemoveFile& r : c.actions->removes) removes.AppendRemove(r);
      if (c.actions->metadata) previous->metadata_changed = true;
      if (!c.actions->removes.empty() || c.actions->metadata) reusable = false;
      if (reusable) {
        for (const AddFile& a : c.actions->adds) previous->commit_adds.insert(CheckpointAddKey(a));
      }
      return Status::OK();
    }));
  }
  previous->reusable = reusable && !previous->sidecars.empty();
  *held = static_cast<int64_t>(removes.removes.size());
  if (removes.removes.empty()) return Status::OK();

  const std::string root_decoded = PercentDecode(st.table_root);
  Arena keys_arena;
  FileKeySet live;
  for (const AddFile& a : live_adds) {
    live.Insert(MakeFileKey(a.path, a.deletion_vector, root_decoded, &keys_arena));
  }
  FileKeySet seen;
  std::vector<Tombstone> kept;
  for (auto it = removes.removes.rbegin(); it != removes.removes.rend(); ++it) {
    FileKey key = MakeFileKey(it->path, it->deletion_vector, root_decoded, &keys_arena);
    const bool keep =
        seen.Insert(key) && !live.Contains(key) && it->deletion_timestamp.value_or(0) > cutoff_ms;
    const size_t index = static_cast<size_t>(removes.removes.rend() - it - 1);
    std::string_view from =
        index < checkpoint_removes ? std::string_view(previous->locations[origin[index]]) : "";
    if (keep) kept.push_back({&*it, from});
    // A sidecar holding a tombstone that is no longer kept cannot be reused as it is.
    if (!keep && index < checkpoint_removes) {
      previous->reusable = false;
      previous->dropped_removes.insert(std::string(from));
    }
  }
  std::reverse(kept.begin(), kept.end());
  *owner = std::move(removes);  // arena blocks never move: the pointers stay valid
  *out = std::move(kept);
  return Status::OK();
}

// Rows per row group of a checkpoint file: the Parquet writer buffers a row group whole, so
// this bounds its memory (a 1M-file checkpoint in one row group held all of it once more).
constexpr int64_t kCheckpointRowGroupRows = 128 * 1024;

// Progress shared by files written at once.
class ProgressReporter {
 public:
  ProgressReporter(const CheckpointOptions& options, CheckpointProgress* progress)
      : options_(options), progress_(progress) {}
  void Add(int64_t actions, int64_t files) {
    std::lock_guard lock(mu_);
    progress_->actions_written += actions;
    progress_->files_written += files;
    if (options_.on_progress) options_.on_progress(*progress_);
  }

 private:
  const CheckpointOptions& options_;
  CheckpointProgress* progress_;
  std::mutex mu_;
};

// Appends up to `max` rows to `rows` and returns how many; 0 ends the file.
using RowFill = std::function<Result<int64_t>(CheckpointRowBuilder* rows, int64_t max)>;

// Streams the rows `fill` gives into one Parquet file at `location`, in batches of
// options.batch_rows; `info` (when not null) receives the file's size and time, `schema` (when
// not null) the file's schema.
Result<CheckpointFileWritten> WriteRows(Engine& engine, const std::string& location,
                                        const CheckpointActionSet& columns,
                                        std::shared_ptr<const CheckpointParsedColumns> parsed,
                                        const RowFill& fill, const CheckpointOptions& options,
                                        ProgressReporter* progress, FileInfo* info = nullptr,
                                        ArrowField* schema = nullptr) {
  auto rows = std::make_shared<CheckpointRowBuilder>(columns, std::move(parsed));
  if (schema != nullptr) *schema = rows->schema();
  int64_t count = 0;
  bool ended = false;
  const int64_t batch = std::max<int64_t>(1, options.batch_rows);
  ArrowStreamHandle stream =
      MakeGeneratedStream(rows->schema(), [&, rows](ArrowArray* out) -> Status {
        if (ended) return Status::OK();  // end of stream
        DELTA_ASSIGN_OR_RETURN(int64_t n, fill(rows.get(), batch));
        if (n == 0) {
          ended = true;
          return Status::OK();
        }
        count += n;
        rows->TakeBatch(out);
        progress->Add(n, 0);
        return Status::OK();
      });
  ParquetFileWriteOptions write_options;
  write_options.row_group_rows = kCheckpointRowGroupRows;
  auto written = engine.parquet_writer().WriteFile(location, stream.get(), write_options);
  if (!written.ok()) return written.status().WithContext("writing checkpoint file " + location);
  if (info != nullptr) *info = *written;
  progress->Add(0, 1);
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

// The v2Checkpoint entry of `_last_checkpoint`: the top-level file and, while they are few, its
// non-file actions and sidecars (in the order the checkpoint holds them).
LastCheckpointV2 DescribeV2Checkpoint(const CheckpointFileWritten& file, int64_t modification_time,
                                      const CheckpointMetadata& checkpoint_metadata,
                                      const SnapshotState& st,
                                      const std::vector<const SetTransaction*>& txns,
                                      const std::vector<const DomainMetadata*>& domains,
                                      const std::vector<SidecarFile>& sidecars) {
  LastCheckpointV2 v2;
  v2.path = std::string(FileNameOf(file.location));
  v2.size_in_bytes = file.size_in_bytes;
  v2.modification_time = modification_time;
  auto json = [](const auto& action) {
    JsonWriter w;
    EncodeJsonAction(action, &w);
    return w.Take();
  };
  if (3 + txns.size() + domains.size() <= kMaxLastCheckpointV2Entries) {
    std::vector<std::string> actions = {json(checkpoint_metadata), json(st.protocol),
                                        json(st.metadata)};
    for (const SetTransaction* t : txns) actions.push_back(json(*t));
    for (const DomainMetadata* d : domains) actions.push_back(json(*d));
    v2.non_file_actions = std::move(actions);
  }
  if (sidecars.size() <= kMaxLastCheckpointV2Entries) {
    std::vector<std::string> list;
    for (const SidecarFile& sc : sidecars) {
      JsonWriter w;
      w.BeginObject();
      w.Key("path").String(sc.path);
      w.Key("sizeInBytes").Int(sc.size_in_bytes);
      w.Key("modificationTime").Int(sc.modification_time);
      w.EndObject();
      list.push_back(w.Take());
    }
    v2.sidecar_files = std::move(list);
  }
  return v2;
}

// Small sidecars of the previous checkpoint reused as they are, at most.
constexpr int kMaxSmallSidecars = 4;

// The sidecars one job of a v2 checkpoint wrote (or reused).
struct SidecarJob {
  std::vector<size_t> sources;  // of the live adds
  std::vector<const RemoveFile*> tombstones;
  const SidecarFile* reuse_candidate = nullptr;  // a previous sidecar that may stand as it is
  std::string_view candidate_location;
  // Outcome.
  std::vector<SidecarFile> actions;
  std::vector<CheckpointFileWritten> files;
  bool reused = false;
  bool small = false;  // reusable, but under a 16th of actions_per_sidecar
  bool merge = false;  // its rows go to job 0's sidecars
  int64_t adds = 0;
  int64_t rows = 0;  // reused rows are not known: counted by the caller
  Status status;
};

// Runs one job: its rows streamed into new sidecars of at most options.actions_per_sidecar rows
// (none when it has no row).
void RunSidecarJob(Engine& engine, const std::string& log_root, CheckpointLiveAdds* adds,
                   std::shared_ptr<const CheckpointParsedColumns> parsed, bool json_stats,
                   const CheckpointOptions& options, ProgressReporter* progress, SidecarJob* job) {
  CheckpointFileRows rows(adds, job->sources, job->tombstones, json_stats);
  const int64_t per = std::max<int64_t>(1, options.actions_per_sidecar);
  while (true) {
    Result<bool> end = rows.AtEnd();
    if (!end.ok() || *end) {
      job->status = end.status();
      break;
    }
    const std::string name = UuidText(RandomUuid()) + ".parquet";
    int64_t left = per;
    FileInfo info;
    Result<CheckpointFileWritten> file = WriteRows(
        engine, log_root + "/_sidecars/" + name, CheckpointActionSet::FileActionsOnly(), parsed,
        [&](CheckpointRowBuilder* b, int64_t max) -> Result<int64_t> {
          DELTA_ASSIGN_OR_RETURN(int64_t n, rows.Fill(b, std::min(max, left)));
          left -= n;
          return n;
        },
        options, progress, &info);
    if (!file.ok()) {
      job->status = file.status();
      break;
    }
    SidecarFile s;
    s.path = name;
    s.size_in_bytes = info.size;
    s.modification_time = info.modification_time_ms;
    job->rows += file->actions;
    job->actions.push_back(std::move(s));
    job->files.push_back(std::move(*file));
  }
  job->adds = rows.adds_taken();
  // Release what the sources still hold.
  for (size_t s : job->sources) adds->Rewind(s);
}

Result<CheckpointResult> WriteCheckpointOfState(const SnapshotState& st,
                                                const CheckpointOptions& options) {
  Engine& engine = *st.engine;
  FileSystem& fs = engine.file_system();
  const std::string log_root = st.segment.log_root;
  DELTA_ASSIGN_OR_RETURN(TableProperties props, TableProperties::Parse(st.metadata.configuration));
  const int64_t now = options.now_ms ? *options.now_ms : WallClockMillis();
  const int64_t cutoff = now - props.deleted_file_retention_duration_ms();
  // A streamed snapshot's live adds are read from the previous checkpoint batch by batch, and
  // only the commits' adds decide which tombstones are still shadowed by a live file.
  const bool streamed = st.deferred != nullptr;
  const std::vector<AddFile>& commit_adds = streamed ? st.deferred->commit_adds : st.files;

  ActionBatch tombstone_owner;
  std::vector<Tombstone> tombstones;
  PreviousSidecars previous;
  int64_t removes_read = 0;
  DELTA_RETURN_NOT_OK(CollectTombstones(st, commit_adds, cutoff, &tombstone_owner, &tombstones,
                                        &previous, &removes_read)
                          .WithContext("reading the tombstones of " + st.table_root));
  std::vector<const RemoveFile*> all_tombstones;
  for (const Tombstone& t : tombstones) all_tombstones.push_back(t.remove);

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
  const bool json_stats = !(as_struct && !props.checkpoint_write_stats_as_json());
  const bool v2 = st.protocol.HasWriterFeature(feature::kV2Checkpoint);
  const bool use_sidecars = v2 && options.v2_sidecars;
  // An in-memory snapshot's v2 checkpoint after commits that only added files keeps the
  // previous checkpoint's sidecars, which still hold exactly its files and tombstones, and
  // writes only the new adds. A streamed one decides sidecar by sidecar (below).
  const bool reuse_all = !streamed && use_sidecars && options.reuse_sidecars && previous.reusable &&
                         !(st.files.empty() && tombstones.empty());
  const int64_t batch_rows = std::max<int64_t>(1, options.batch_rows);
  std::unique_ptr<CheckpointLiveAdds> adds =
      streamed ? CheckpointLiveAdds::Streamed(st, batch_rows)
               : CheckpointLiveAdds::FromFileList(st, batch_rows,
                                                  reuse_all ? &previous.commit_adds : nullptr);
  adds->Hold(removes_read);
  std::vector<size_t> all_sources;
  for (size_t s = 0; s < adds->sources(); ++s) all_sources.push_back(s);

  CheckpointResult result;
  result.version = st.version;
  result.num_of_tombstones = static_cast<int64_t>(tombstones.size());
  result.kind = v2 ? CheckpointKind::kV2 : CheckpointKind::kClassic;
  CheckpointProgress progress;
  // Known up front for a file list; a streamed snapshot's live files are counted as written.
  progress.actions_total =
      streamed ? 0 : non_file + static_cast<int64_t>(st.files.size() + tombstones.size());
  ProgressReporter reporter(options, &progress);
  ArrowField checkpoint_schema;  // the top-level file's, for _last_checkpoint
  LastCheckpointInfo info;       // what _last_checkpoint will record

  if (!v2) {
    CheckpointActionSet columns = CheckpointActionSet::All();
    columns.checkpoint_metadata = false;
    columns.sidecar = false;
    // One file, or with part_size the rows in order over parts 1..n, each a checkpoint file of
    // the same schema (readers take the union of the parts).
    int64_t total = -1;
    if (options.part_size) {
      // The part count is in every part's name: a streamed snapshot counts its files first.
      int64_t live = static_cast<int64_t>(st.files.size());
      if (streamed) {
        live = 0;
        std::vector<const AddFile*> batch;
        for (size_t s : all_sources) {
          while (true) {
            DELTA_ASSIGN_OR_RETURN(bool more, adds->Next(s, &batch));
            if (!more) break;
            live += static_cast<int64_t>(batch.size());
          }
          adds->Rewind(s);
        }
      }
      total = non_file + live + static_cast<int64_t>(tombstones.size());
    }
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
    CheckpointFileRows file_rows(adds.get(), all_sources, all_tombstones, json_stats);
    int64_t row = 0;  // rows of the whole checkpoint so far
    for (int64_t part = 1; part <= parts; ++part) {
      const int64_t end = parts == 1 ? INT64_MAX : std::min(total, part * per);
      const std::string location =
          log_root + "/" + FormatVersion(st.version) + ".checkpoint." +
          (parts == 1 ? std::string() : PartNumber(part) + "." + PartNumber(parts) + ".") +
          "parquet";
      DELTA_ASSIGN_OR_RETURN(CheckpointFileWritten file,
                             WriteRows(
                                 engine, location, columns, parsed,
                                 [&](CheckpointRowBuilder* rows, int64_t max) -> Result<int64_t> {
                                   max = std::min(max, end - row);
                                   int64_t n = 0;
                                   for (; n < max && row + n < non_file; ++n)
                                     emit_non_file(row + n, rows);
                                   DELTA_ASSIGN_OR_RETURN(int64_t more,
                                                          file_rows.Fill(rows, max - n));
                                   row += n + more;
                                   return n + more;
                                 },
                                 options, &reporter, nullptr, &checkpoint_schema));
      result.files.push_back(std::move(file));
    }
    result.num_of_add_files = file_rows.adds_taken();
  } else {
    // Sidecars first: the checkpoint that names them is published only once they all exist.
    std::vector<SidecarFile> sidecar_actions;
    std::vector<CheckpointFileWritten> sidecar_files;
    if (use_sidecars) {
      std::vector<SidecarJob> jobs;
      if (!streamed) {
        jobs.emplace_back();
        jobs[0].sources = all_sources;
        if (reuse_all) {
          for (const SidecarFile& sc : previous.sidecars) sidecar_actions.push_back(sc);
        } else {
          jobs[0].tombstones = all_tombstones;
        }
      } else {
        // Job 0: the commits' adds and the tombstones no reused sidecar holds; then one job
        // per file of the previous checkpoint, which a sidecar nothing changed in stands for.
        std::map<std::string_view, const SidecarFile*> sidecar_at;
        for (size_t i = 0; i < previous.sidecars.size(); ++i) {
          sidecar_at[previous.locations[previous.locations.size() - previous.sidecars.size() + i]] =
              &previous.sidecars[i];
        }
        const bool may_reuse = options.reuse_sidecars && !previous.metadata_changed;
        jobs.resize(adds->sources());
        jobs[0].sources = {0};
        for (size_t s = 1; s < adds->sources(); ++s) {
          jobs[s].sources = {s};
          const std::string& location = adds->file(s)->location;
          auto it = sidecar_at.find(location);
          if (may_reuse && it != sidecar_at.end() &&
              previous.dropped_removes.count(location) == 0) {
            jobs[s].reuse_candidate = it->second;
            jobs[s].candidate_location = it->first;
          }
        }
        // Whether a newer commit touched a candidate's adds: read them (keys only matter), in
        // parallel. One found touched is rewritten, and its tombstones go to job 0.
        std::map<std::string_view, int64_t> tombstones_from;
        for (const Tombstone& t : tombstones) ++tombstones_from[t.origin];
        const int64_t per = std::max<int64_t>(1, options.actions_per_sidecar);
        ParallelFor(&engine.executor(), jobs.size(), [&](size_t j) {
          SidecarJob& job = jobs[j];
          if (job.reuse_candidate == nullptr) return;
          Result<bool> untouched = adds->Untouched(job.sources[0], &job.adds);
          if (!untouched.ok()) {
            job.status = untouched.status();
          } else if (*untouched) {
            job.reused = true;
            // find, not []: the jobs run in parallel and must not insert into the map.
            auto from = tombstones_from.find(job.candidate_location);
            const int64_t kept = from == tombstones_from.end() ? 0 : from->second;
            job.small = (job.adds + kept) * 16 < per;
          }
          if (!job.reused) job.adds = 0;
        });
        for (SidecarJob& j : jobs) DELTA_RETURN_NOT_OK(j.status);
        // Small untouched sidecars (under a 16th of actions_per_sidecar) are merged into job
        // 0 once there are more than a few: every checkpoint of a slowly changing table adds
        // one, and they must not multiply.
        int small = 0;
        for (const SidecarJob& j : jobs) small += j.small ? 1 : 0;
        for (SidecarJob& j : jobs) {
          if (j.reused && j.small && small > kMaxSmallSidecars) {
            j.reused = false;
            j.merge = true;
            j.adds = 0;
          }
          if (j.reused) j.actions.push_back(*j.reuse_candidate);
        }
        std::set<std::string_view> reused;
        for (size_t j = 1; j < jobs.size(); ++j) {
          if (jobs[j].reused) {
            reused.insert(jobs[j].candidate_location);
          } else if (jobs[j].merge) {
            jobs[0].sources.push_back(jobs[j].sources[0]);
            jobs[j].sources.clear();
          }
        }
        for (const Tombstone& t : tombstones) {
          if (reused.count(t.origin) == 0) jobs[0].tombstones.push_back(t.remove);
        }
      }
      ParallelFor(&engine.executor(), jobs.size(), [&](size_t j) {
        if (jobs[j].reused) return;
        RunSidecarJob(engine, log_root, adds.get(), parsed, json_stats, options, &reporter,
                      &jobs[j]);
      });
      for (SidecarJob& j : jobs) DELTA_RETURN_NOT_OK(j.status);
      int64_t fresh_rows = 0;
      int64_t fresh_tombstones = 0;
      int64_t reused_adds = 0;
      for (SidecarJob& j : jobs) {
        result.num_of_add_files += j.adds;
        fresh_rows += j.rows;
        fresh_tombstones += static_cast<int64_t>(j.tombstones.size());
        if (j.reused) {
          result.sidecars_reused += 1;
          reused_adds += j.adds;
        }
        for (SidecarFile& a : j.actions) sidecar_actions.push_back(std::move(a));
        for (CheckpointFileWritten& f : j.files) sidecar_files.push_back(std::move(f));
      }
      if (reuse_all) result.sidecars_reused = static_cast<int64_t>(previous.sidecars.size());
      // Reused sidecars hold the live files and tombstones not written again.
      for (const SidecarFile& sc : sidecar_actions) {
        bool fresh = false;
        for (const CheckpointFileWritten& f : sidecar_files) {
          fresh = fresh || FileNameOf(f.location) == sc.path;
        }
        if (!fresh) result.size_in_bytes += sc.size_in_bytes;
      }
      if (result.sidecars_reused > 0) {
        if (streamed) {
          // Their adds were counted while checking them; their tombstones are the kept ones
          // not written again.
          const int64_t reused_rows =
              reused_adds + static_cast<int64_t>(tombstones.size()) - fresh_tombstones;
          result.actions += reused_rows;
          reporter.Add(reused_rows, 0);
        } else {
          result.num_of_add_files = static_cast<int64_t>(st.files.size());
          const int64_t reused_rows =
              result.num_of_add_files + result.num_of_tombstones - fresh_rows;
          result.actions += reused_rows;
          reporter.Add(reused_rows, 0);
        }
      }
    }
    const bool sidecars_named = use_sidecars && !sidecar_actions.empty();
    CheckpointMetadata checkpoint_metadata;
    checkpoint_metadata.version = st.version;
    const int64_t sidecars = static_cast<int64_t>(sidecar_actions.size());
    CheckpointActionSet columns = CheckpointActionSet::All();
    if (sidecars_named) columns.add = columns.remove = false;
    const std::string location = log_root + "/" + FormatVersion(st.version) + ".checkpoint." +
                                 UuidText(RandomUuid()) +
                                 (options.v2_json_manifest ? ".json" : ".parquet");
    CheckpointFileRows file_rows(adds.get(), use_sidecars ? std::vector<size_t>{} : all_sources,
                                 use_sidecars ? std::span<const RemoveFile* const>{}
                                              : std::span<const RemoveFile* const>(all_tombstones),
                                 json_stats);
    CheckpointFileWritten file;
    int64_t manifest_time = 0;  // the top-level file's modification time, for _last_checkpoint
    if (options.v2_json_manifest) {
      // The same rows as JSON lines, published whole.
      std::string text;
      int64_t lines = 0;
      auto line = [&text, &lines](const auto& action) {
        JsonWriter w;
        EncodeJsonAction(action, &w);
        text += w.Take();
        text.push_back('\n');
        ++lines;
      };
      line(checkpoint_metadata);
      line(st.protocol);
      line(st.metadata);
      for (const SetTransaction* t : txns) line(*t);
      for (const DomainMetadata* d : domains) line(*d);
      for (const SidecarFile& sc : sidecar_actions) line(sc);
      while (true) {
        const AddFile* add;
        const RemoveFile* remove;
        DELTA_RETURN_NOT_OK(file_rows.NextAction(&add, &remove));
        if (add != nullptr) {
          line(*add);
        } else if (remove != nullptr) {
          line(*remove);
        } else {
          break;
        }
      }
      DELTA_RETURN_NOT_OK(
          fs.PutIfAbsent(location, text).WithContext("writing checkpoint file " + location));
      file.location = location;
      file.size_in_bytes = static_cast<int64_t>(text.size());
      file.actions = lines;
      reporter.Add(lines, 1);
      // Only _last_checkpoint needs the time: without it that entry is left out.
      Result<FileInfo> head = fs.Head(location);
      if (head.ok()) manifest_time = head->modification_time_ms;
    } else {
      int64_t row = 0;  // of the prefix: checkpointMetadata, non-file actions, sidecars
      const int64_t prefix = 1 + non_file + sidecars;
      FileInfo written;
      DELTA_ASSIGN_OR_RETURN(
          file, WriteRows(
                    engine, location, columns, sidecars_named ? nullptr : parsed,
                    [&](CheckpointRowBuilder* rows, int64_t max) -> Result<int64_t> {
                      int64_t n = 0;
                      for (; n < max && row < prefix; ++n, ++row) {
                        if (row == 0) {
                          rows->Append(checkpoint_metadata);
                        } else if (row <= non_file) {
                          emit_non_file(row - 1, rows);
                        } else {
                          rows->Append(sidecar_actions[row - 1 - non_file]);
                        }
                      }
                      DELTA_ASSIGN_OR_RETURN(int64_t more, file_rows.Fill(rows, max - n));
                      return n + more;
                    },
                    options, &reporter, &written, &checkpoint_schema));
      manifest_time = written.modification_time_ms;
    }
    if (manifest_time > 0) {
      info.v2_checkpoint = DescribeV2Checkpoint(file, manifest_time, checkpoint_metadata, st, txns,
                                                domains, sidecar_actions);
    }
    if (!use_sidecars) result.num_of_add_files = file_rows.adds_taken();
    result.files.push_back(std::move(file));
    for (auto& f : sidecar_files) result.files.push_back(std::move(f));
  }
  for (const CheckpointFileWritten& f : result.files) {
    result.actions += f.actions;
    result.size_in_bytes += f.size_in_bytes;
  }
  result.max_file_actions_held = adds->peak_actions();
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
  return WriteAndCleanup(snapshot, options);
}

Result<CheckpointResult> WriteCheckpoint(const Table& table, std::optional<int64_t> version,
                                         const CheckpointOptions& options) {
  // Streamed: the previous checkpoint's files are read batch by batch, never all held.
  SnapshotOptions streamed;
  streamed.file_list = FileListMode::kStreamed;
  std::shared_ptr<const Snapshot> snapshot;
  if (version) {
    DELTA_ASSIGN_OR_RETURN(snapshot, table.SnapshotAtVersion(*version, streamed));
  } else {
    DELTA_ASSIGN_OR_RETURN(snapshot, table.LatestSnapshot(streamed));
  }
  return WriteAndCleanup(*snapshot, options);
}

}  // namespace delta
