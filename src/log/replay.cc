#include "log/replay.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <mutex>

#include "delta/table_features.h"
#include "log/checkpoint_decoder.h"
#include "log/checkpoint_stats.h"
#include "log/checksum_file.h"
#include "log/commit_timestamp.h"
#include "log/deferred_files.h"
#include "log/file_key.h"
#include "log/log_limits.h"
#include "protocol/action_json.h"
#include "protocol/metadata_check.h"
#include "protocol/uri.h"
#include "util/parallel.h"
#include "util/task_guard.h"

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

// Keys of one JSON log file's adds and removes, grouped by shard; computed in the file's parse
// task so that reconciliation only probes hash sets.
struct UnitKeys {
  std::vector<FileKey> keys;       // aligned with ActionBatch::file_action_order
  std::vector<uint32_t> by_shard;  // indices into `keys`, grouped by shard
  std::array<uint32_t, kFileKeyShards + 1> begin{};
};

void ComputeUnitKeys(ActionBatch& b, std::string_view root_decoded, UnitKeys* out) {
  if (b.file_action_order.size() != b.adds.size() + b.removes.size()) {
    b.file_action_order.clear();
    for (size_t i = 0; i < b.adds.size(); ++i)
      b.file_action_order.push_back(static_cast<int32_t>(i));
    for (size_t i = 0; i < b.removes.size(); ++i) {
      b.file_action_order.push_back(-static_cast<int32_t>(i) - 1);
    }
  }
  size_t n = b.file_action_order.size();
  out->keys.resize(n);
  std::array<uint32_t, kFileKeyShards> counts{};
  for (size_t i = 0; i < n; ++i) {
    int32_t e = b.file_action_order[i];
    if (e >= 0) {
      const AddFile& a = b.adds[static_cast<size_t>(e)];
      out->keys[i] = MakeFileKey(a.path, a.deletion_vector, root_decoded, &b.arena);
    } else {
      const RemoveFile& r = b.removes[static_cast<size_t>(-e - 1)];
      out->keys[i] = MakeFileKey(r.path, r.deletion_vector, root_decoded, &b.arena);
    }
    ++counts[ShardOf(out->keys[i])];
  }
  out->begin[0] = 0;
  for (uint32_t s = 0; s < kFileKeyShards; ++s) out->begin[s + 1] = out->begin[s] + counts[s];
  out->by_shard.resize(n);
  std::array<uint32_t, kFileKeyShards> pos;
  std::copy(out->begin.begin(), out->begin.end() - 1, pos.begin());
  for (size_t i = 0; i < n; ++i)
    out->by_shard[pos[ShardOf(out->keys[i])]++] = static_cast<uint32_t>(i);
}

// Files at least this big are parsed in parts of about kJsonPartBytes, in parallel: one huge
// commit (an initial bulk write) would otherwise be parsed by one thread.
constexpr size_t kParallelJsonBytes = 8 << 20;
constexpr size_t kJsonPartBytes = 2 << 20;
// Read but not yet parsed JSON allowed to wait for the executor.
constexpr int64_t kMaxQueuedJsonBytes = 16 << 20;

// One big JSON log file being parsed in parts; the last part to finish joins them in order.
struct PartedFile {
  std::shared_ptr<std::string> bytes;
  std::vector<size_t> starts;       // part k is bytes [starts[k], starts[k + 1])
  std::vector<size_t> first_lines;  // 1-based line number of each part's first line
  std::vector<ActionBatch> parts;
  std::vector<Status> statuses;
  std::atomic<size_t> remaining{0};
};

// Splits `bytes` at line starts into parts of about kJsonPartBytes (at most 8 per thread).
std::shared_ptr<PartedFile> SplitJsonFile(std::shared_ptr<std::string> bytes, int parallelism) {
  auto f = std::make_shared<PartedFile>();
  const size_t size = bytes->size();
  size_t n = std::min(size / kJsonPartBytes, static_cast<size_t>(parallelism) * 8);
  n = std::max<size_t>(n, 2);
  const char* base = bytes->data();
  f->starts.push_back(0);
  f->first_lines.push_back(1);
  for (size_t k = 1; k < n; ++k) {
    size_t from = std::max(k * (size / n), f->starts.back());
    const void* nl = std::memchr(base + from, '\n', size - from);
    if (nl == nullptr) break;
    size_t start = static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
    if (start >= size) break;
    size_t prev = f->starts.back();
    f->first_lines.push_back(f->first_lines.back() +
                             static_cast<size_t>(std::count(base + prev, base + start, '\n')));
    f->starts.push_back(start);
  }
  f->starts.push_back(size);
  const size_t parts = f->starts.size() - 1;
  f->parts.resize(parts);
  f->statuses.resize(parts);
  f->remaining = parts;
  f->bytes = std::move(bytes);
  return f;
}

// Reads JSON log files (commits, compactions, v2 JSON checkpoints) with many requests in
// flight and parses each on the executor as soon as its bytes arrive, big files in parallel
// parts. With `keys`, the parse task also computes the file's reconciliation keys.
Status ReadJsonLogFiles(Engine& engine, const std::vector<FileInfo>& files,
                        std::vector<ActionBatch>* out, std::string_view root_decoded = {},
                        std::vector<UnitKeys>* keys = nullptr) {
  out->clear();
  out->resize(files.size());
  if (keys != nullptr) {
    keys->clear();
    keys->resize(files.size());
  }
  if (files.empty()) return Status::OK();
  std::vector<std::string> locations;
  locations.reserve(files.size());
  for (const FileInfo& f : files) locations.push_back(f.location);
  std::vector<Status> statuses(files.size());
  PendingTasks pending;
  std::atomic<int64_t> queued_bytes{0};  // read, waiting for a parse task to start
  Executor& executor = engine.executor();
  // Runs on the file system's threads and must not throw: parse tasks it queued still use
  // this frame's locals, so an exception must not unwind it before pending.Wait().
  auto on_read = [&](size_t i, Result<std::string> data) {
    if (!data.ok()) {
      statuses[i] = data.status().WithContext("reading " + locations[i]);
      return;
    }
    auto bytes = std::make_shared<std::string>(std::move(*data));
    if (bytes->size() >= kParallelJsonBytes && executor.parallelism() > 1) {
      PadJsonBuffer(bytes.get());
      std::shared_ptr<PartedFile> f = SplitJsonFile(std::move(bytes), executor.parallelism());
      for (size_t k = 0; k + 1 < f->starts.size(); ++k) {
        pending.Add();
        SubmitOrRun(executor, [&, i, k, f]() noexcept {
          f->statuses[k] = CatchAsStatus("parsing", locations[i], [&] {
            return ParseJsonActionRange(*f->bytes, f->starts[k], f->starts[k + 1],
                                                f->first_lines[k], locations[i], &f->parts[k]);
          });
          if (f->remaining.fetch_sub(1) == 1) {
            // The last part: join them in file order (the first error in file order wins).
            Status st;
            for (const Status& s : f->statuses) {
              if (!s.ok()) {
                st = s;
                break;
              }
            }
            ActionBatch& joined = (*out)[i];
            if (st.ok()) {
              st = CatchAsStatus("parsing", locations[i], [&] {
              joined = std::move(f->parts[0]);
                Status joined_st;
                for (size_t p = 1; joined_st.ok() && p < f->parts.size(); ++p) {
                  joined_st = AppendActionBatch(std::move(f->parts[p]), locations[i], &joined);
              }
                if (joined_st.ok() && keys != nullptr)
                  ComputeUnitKeys(joined, root_decoded, &(*keys)[i]);
                return joined_st;
              });
            }
            statuses[i] = st;
          }
          pending.Done();
        });
      }
      return;
    }
    auto parse = [&, i](std::string* b) noexcept {
      statuses[i] = CatchAsStatus("parsing", locations[i], [&] {
        DELTA_RETURN_NOT_OK(ParseJsonActions(b, locations[i], &(*out)[i]));
        if (keys != nullptr) ComputeUnitKeys((*out)[i], root_decoded, &(*keys)[i]);
        return Status::OK();
      });
    };
    // Backpressure: when storage delivers faster than the executor parses, the reading thread
    // parses this file itself instead of queueing it, so the unparsed bytes waiting in memory
    // stay bounded (it never blocks, so no pool can deadlock on another).
    const int64_t size = static_cast<int64_t>(bytes->size());
    if (queued_bytes.load(std::memory_order_relaxed) > kMaxQueuedJsonBytes) {
      parse(bytes.get());
      return;
    }
    queued_bytes += size;
    pending.Add();
    SubmitOrRun(executor, [&, parse, bytes, size]() noexcept {
      queued_bytes -= size;
      parse(bytes.get());
      pending.Done();
    });
  };
  // The engine's ReadFiles may throw too; the tasks it started must still be waited for.
  Status read_st = CatchAsStatus("reading the log files from", locations.front(), [&] {
    engine.file_system().ReadFiles(locations, [&](size_t i, Result<std::string> data) {
      Status st = CatchAsStatus("reading", locations[i], [&] { on_read(i, std::move(data)); });
      if (!st.ok()) statuses[i] = st;
    });
  });
  pending.Wait();
  for (Status& s : statuses) DELTA_RETURN_NOT_OK(s);
  DELTA_RETURN_NOT_OK(read_st);
  return Status::OK();
}

// Protocol, metadata, set transactions and domain metadata: the newest action wins.
struct NonFileState {
  std::optional<Protocol> protocol;
  std::optional<Metadata> metadata;
  std::map<std::string, SetTransaction> txns;
  std::map<std::string, DomainMetadata> domains;  // includes tombstones until the end

  void Take(ActionBatch& b) {
    if (!protocol && b.protocol) protocol = std::move(b.protocol);
    if (!metadata && b.metadata) metadata = std::move(b.metadata);
    for (SetTransaction& t : b.txns) txns.try_emplace(t.app_id, std::move(t));
    for (DomainMetadata& d : b.domain_metadata) domains.try_emplace(d.domain, std::move(d));
  }
};

// Newest-first reconciliation of file actions (PROTOCOL.md, "Action Reconciliation"),
// sharded by key hash so that every core works on it.
struct FileReplay {
  explicit FileReplay(Executor* executor, std::string root)
      : executor(executor), root_decoded(std::move(root)) {}

  Executor* executor;
  std::string root_decoded;
  std::array<FileKeySet, kFileKeyShards> seen;  // keys decided by a newer action
  std::vector<AddFile> live;
  std::vector<std::shared_ptr<const Arena>> arenas;

  // Grows `live` geometrically but never past what the caller announced (ExpectAdds), so a
  // million-file checkpoint is copied into place once instead of through repeated reallocations.
  void Reserve(size_t n) {
    if (n <= live.capacity()) return;
    live.reserve(expected_adds >= n ? expected_adds : std::max(n, live.capacity() * 2));
  }
  size_t expected_adds = 0;

  bool seen_empty() const {
    return std::all_of(seen.begin(), seen.end(), [](const FileKeySet& s) { return s.empty(); });
  }

  // Commit or compaction files in ascending version order. Within a file the first action for a
  // key wins: a valid commit never names a key twice, and compaction files may list a key's
  // actions newest first.
  void ApplyUnits(std::vector<ActionBatch>& units, const std::vector<UnitKeys>& keys) {
    std::array<std::vector<std::pair<uint32_t, uint32_t>>, kFileKeyShards> refs;
    ParallelFor(executor, kFileKeyShards, [&](size_t s) {
      for (size_t u = units.size(); u-- > 0;) {
        const UnitKeys& k = keys[u];
        const std::vector<int32_t>& order = units[u].file_action_order;
        for (uint32_t j = k.begin[s]; j < k.begin[s + 1]; ++j) {
          uint32_t idx = k.by_shard[j];
          if (!seen[s].Insert(k.keys[idx])) continue;
          if (order[idx] >= 0) refs[s].emplace_back(static_cast<uint32_t>(u), order[idx]);
        }
      }
    });
    std::vector<bool> used(units.size());
    size_t total = live.size();
    for (const auto& shard : refs) total += shard.size();
    live.reserve(total);
    for (const auto& shard : refs) {
      for (auto [u, i] : shard) {
        live.push_back(units[u].adds[i]);
        used[u] = true;
      }
    }
    for (size_t u = 0; u < units.size(); ++u) {
      if (used[u]) arenas.push_back(std::make_shared<const Arena>(std::move(units[u].arena)));
    }
  }

  // Adds of an already reconciled state (checkpoint parts, sidecars, a base snapshot): only
  // newer commits can shadow them. Filtered in parallel chunks; order is preserved.
  void ApplyReconciled(std::span<const AddFile> adds) {
    if (seen_empty()) {
      Reserve(live.size() + adds.size());
      live.insert(live.end(), adds.begin(), adds.end());
      return;
    }
    constexpr size_t kChunk = 16384;
    size_t chunks = (adds.size() + kChunk - 1) / kChunk;
    std::vector<std::vector<uint32_t>> keep(chunks);
    ParallelFor(executor, chunks, [&](size_t c) {
      Arena scratch(4096);
      size_t end = std::min(adds.size(), (c + 1) * kChunk);
      // Keys are made a few adds ahead of their lookup so that the slot loads overlap.
      constexpr size_t kAhead = 8;
      FileKey ring[kAhead];
      size_t begin = c * kChunk;
      auto make = [&](size_t i) {
        FileKey& k = ring[i % kAhead];
        k = MakeFileKey(adds[i].path, adds[i].deletion_vector, root_decoded, &scratch);
        seen[ShardOf(k)].Prefetch(k.hash);
      };
      for (size_t i = begin; i < std::min(end, begin + kAhead); ++i) make(i);
      for (size_t i = begin; i < end; ++i) {
        FileKey k = ring[i % kAhead];
        if (i + kAhead < end) make(i + kAhead);
        if (!seen[ShardOf(k)].Contains(k)) keep[c].push_back(static_cast<uint32_t>(i));
      }
    });
    size_t total = live.size();
    for (const auto& chunk : keep) total += chunk.size();
    Reserve(total);
    for (const auto& chunk : keep) {
      for (uint32_t i : chunk) live.push_back(adds[i]);
    }
  }

  void ApplyCheckpointBatch(ActionBatch& b) {
    size_t before = live.size();
    ApplyReconciled(b.adds);
    if (live.size() > before) arenas.push_back(std::make_shared<const Arena>(std::move(b.arena)));
    b.adds = {};
    b.removes = {};
  }
};

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

std::string SegmentRange(const LogSegment& seg) {
  std::string r = "table " + seg.table_root + " at version " + std::to_string(seg.version);
  if (seg.checkpoint_version) r += " (checkpoint " + std::to_string(*seg.checkpoint_version) + ")";
  return r;
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

// Builds the final state from the reconciled actions.
Status Finish(NonFileState& rec, FileReplay& files, SnapshotState* st,
              const std::optional<CommitInfo>& commit_info,
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
  if (st->metadata.schema_string.empty()) {
    st->schema = std::make_shared<const StructType>(std::vector<StructField>{});
    st->warnings.push_back(SegmentRange(seg) +
                           ": metaData has no schemaString; the schema is empty");
  } else {
    auto schema = ParseSchema(st->metadata.schema_string);
    if (!schema.ok()) return schema.status().WithContext(SegmentRange(seg) + ": table schema");
    st->schema = std::move(*schema);
  }
  DELTA_RETURN_NOT_OK(CheckMetadata(st->metadata, *st->schema).WithContext(SegmentRange(seg)));
  st->files = std::move(files.live);
  st->total_bytes = 0;
  for (const AddFile& f : st->files) st->total_bytes += f.size;
  st->txns = std::move(rec.txns);
  for (auto& [name, d] : rec.domains) {
    if (!d.removed) st->domains.emplace(name, std::move(d));
  }
  st->arenas.insert(st->arenas.end(), files.arenas.begin(), files.arenas.end());
  st->commit_info = commit_info;
  DELTA_ASSIGN_OR_RETURN(st->timestamp,
                         CommitTimestamp(st->metadata, st->version, commit_info,
                                         commit_file ? *commit_file : fallback_file));
  return Status::OK();
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
  DELTA_RETURN_NOT_OK(ReadJsonLogFiles(*engine, units, &batches, root_decoded, &keys));

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
  DELTA_RETURN_NOT_OK(Finish(rec, files, st.get(), commit_info, commit_file, fallback));
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
  DELTA_RETURN_NOT_OK(ReadJsonLogFiles(*base.engine, units, &batches, root_decoded, &keys));
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
  DELTA_RETURN_NOT_OK(Finish(rec, files, st.get(), commit_info, commit_file, FileInfo{}));
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
    if (f.type == LogFileType::kV2Checkpoint && f.is_json) {
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
