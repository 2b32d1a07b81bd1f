// The file actions a snapshot loaded with FileListMode::kStreamed did not replay: what a scan
// needs to produce the live files itself, streaming the checkpoint's adds batch by batch.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "log/file_key.h"
#include "protocol/arrow_schema_builder.h"
#include "util/arena.h"

namespace delta {

struct DeferredFiles {
  /// Parquet checkpoint parts and sidecars whose add actions have not been read, in order.
  std::vector<FileInfo> checkpoint_files;
  /// The add struct statistics to read too, when the table may store statistics only there.
  std::optional<ArrowField> stats_parsed;
  /// Live adds of the commits after the checkpoint (already reconciled among themselves).
  std::vector<AddFile> commit_adds;
  /// Keys of every add and remove in those commits: a checkpoint add with one is shadowed.
  std::array<FileKeySet, kFileKeyShards> seen;
  /// The table root, percent-decoded (for canonical keys of absolute paths).
  std::string root_decoded;
  /// Own the memory behind commit_adds and the keys in `seen`.
  std::vector<std::shared_ptr<const Arena>> arenas;

  /// One bit per hash bucket over every key in `seen` (16 bits per key): small enough to stay
  /// in cache, so the common case, a checkpoint add no commit touched, needs no probe of `seen`.
  std::vector<uint64_t> seen_filter;

  /// Fills seen_filter from `seen`.
  void BuildSeenFilter() {
    size_t keys = 0;
    for (const FileKeySet& s : seen) keys += s.size();
    size_t bits = 64;
    while (bits < keys * 16) bits *= 2;
    seen_filter.assign(bits / 64, 0);
    for (const FileKeySet& s : seen) {
      for (const FileKey& k : s.keys()) SetFilterBit(k.hash);
    }
  }
  /// False when no key with this hash is in `seen`.
  bool MaySee(uint64_t hash) const {
    size_t bit = FilterBit(hash);
    return (seen_filter[bit / 64] >> (bit % 64)) & 1;
  }

  bool any_seen() const {
    for (const FileKeySet& s : seen) {
      if (!s.empty()) return true;
    }
    return false;
  }

 private:
  // Bits 8.. of the hash: independent of the shard (top 4 bits) and the slot (low bits).
  size_t FilterBit(uint64_t hash) const { return (hash >> 8) & (seen_filter.size() * 64 - 1); }
  void SetFilterBit(uint64_t hash) {
    size_t bit = FilterBit(hash);
    seen_filter[bit / 64] |= uint64_t{1} << (bit % 64);
  }
};

}  // namespace delta
