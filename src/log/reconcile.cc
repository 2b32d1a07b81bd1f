#include "log/reconcile.h"

#include <algorithm>

#include "delta/table_features.h"
#include "log/commit_timestamp.h"
#include "protocol/metadata_check.h"
#include "util/parallel.h"

namespace delta {

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

void NonFileState::Take(ActionBatch& b) {
  if (!protocol && b.protocol) protocol = std::move(b.protocol);
  if (!metadata && b.metadata) metadata = std::move(b.metadata);
  for (SetTransaction& t : b.txns) txns.try_emplace(t.app_id, std::move(t));
  for (DomainMetadata& d : b.domain_metadata) domains.try_emplace(d.domain, std::move(d));
}

void FileReplay::Reserve(size_t n) {
  if (n <= live.capacity()) return;
  live.reserve(expected_adds >= n ? expected_adds : std::max(n, live.capacity() * 2));
}

bool FileReplay::seen_empty() const {
  return std::all_of(seen.begin(), seen.end(), [](const FileKeySet& s) { return s.empty(); });
}

void FileReplay::ApplyUnits(std::vector<ActionBatch>& units, const std::vector<UnitKeys>& keys) {
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

void FileReplay::ApplyReconciled(std::span<const AddFile> adds) {
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

void FileReplay::ApplyCheckpointBatch(ActionBatch& b) {
  size_t before = live.size();
  ApplyReconciled(b.adds);
  if (live.size() > before) arenas.push_back(std::make_shared<const Arena>(std::move(b.arena)));
  b.adds = {};
  b.removes = {};
}

std::string SegmentRange(const LogSegment& seg) {
  std::string r = "table " + seg.table_root + " at version " + std::to_string(seg.version);
  if (seg.checkpoint_version) r += " (checkpoint " + std::to_string(*seg.checkpoint_version) + ")";
  return r;
}

Status FinishState(NonFileState& rec, FileReplay& files, SnapshotState* st,
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

}  // namespace delta
