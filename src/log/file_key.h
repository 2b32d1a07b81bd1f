// The reconciliation key of a logical file, (canonical path, deletion vector id), and an
// allocation-free hash set of them. Keys are views: the caller keeps their bytes alive.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "util/arena.h"

namespace delta {

struct FileKey {
  std::string_view path;  ///< canonical path (see CanonicalPathKey)
  const DeletionVectorDescriptor* dv = nullptr;
  uint64_t hash = 0;  ///< never 0 for a real key

  bool operator==(const FileKey& o) const;
};

/// Builds the key of an add/remove. The canonical path is `path` itself in the common case;
/// otherwise it is decoded into `arena`.
FileKey MakeFileKey(std::string_view path, const DeletionVectorDescriptor* dv,
                    std::string_view table_root_decoded, Arena* arena);

/// The key of a path already in canonical form (FileKey::path of another key): no decoding, the
/// same hash MakeFileKey gives.
FileKey MakeCanonicalFileKey(std::string_view canonical_path, const DeletionVectorDescriptor* dv);

/// Number of hash shards replay reconciles in parallel. Fixed, so that results (including
/// their order) do not depend on the thread count.
inline constexpr uint32_t kFileKeyShards = 16;
inline uint32_t ShardOf(const FileKey& k) { return static_cast<uint32_t>(k.hash >> 60); }

/// Open-addressing set of FileKeys (linear probing, power-of-two capacity). Probes touch only
/// an array of 8-byte hashes, so a miss (the common case when newer commits are checked against
/// a checkpoint) stays within one or two cache lines; the keys themselves sit in a dense array.
class FileKeySet {
 public:
  /// Inserts `k`; returns false if an equal key was already present.
  bool Insert(const FileKey& k);
  bool Contains(const FileKey& k) const;
  /// Hints the CPU to load the slot `hash` probes first (call a few keys ahead of Contains).
  void Prefetch(uint64_t hash) const {
    if (!hashes_.empty()) __builtin_prefetch(&hashes_[hash & (hashes_.size() - 1)]);
  }
  size_t size() const { return keys_.size(); }
  /// The keys, in insertion order.
  std::span<const FileKey> keys() const { return keys_; }
  bool empty() const { return keys_.empty(); }

 private:
  void Grow();
  std::vector<uint64_t> hashes_;  // 0 marks an empty slot
  std::vector<uint32_t> index_;   // slot -> position in keys_
  std::vector<FileKey> keys_;
};

}  // namespace delta
