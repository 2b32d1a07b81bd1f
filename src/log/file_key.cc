#include "log/file_key.h"

#include <functional>

#include "protocol/uri.h"

namespace delta {
namespace {

uint64_t Mix(uint64_t h) {
  // splitmix64 finaliser: spreads std::hash output over all bits (shards use the top bits).
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}

bool SameDv(const DeletionVectorDescriptor* a, const DeletionVectorDescriptor* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->storage_type == b->storage_type && a->path_or_inline == b->path_or_inline &&
         a->offset == b->offset;
}

}  // namespace

bool FileKey::operator==(const FileKey& o) const {
  return hash == o.hash && path == o.path && SameDv(dv, o.dv);
}

FileKey MakeFileKey(std::string_view path, const DeletionVectorDescriptor* dv,
                    std::string_view table_root_decoded, Arena* arena) {
  // Relative paths with nothing to decode are their own canonical form: no copy.
  if (IsPlainRelativePath(path)) return MakeCanonicalFileKey(path, dv);
  return MakeCanonicalFileKey(arena->Copy(CanonicalPathKey(path, table_root_decoded)), dv);
}

FileKey MakeCanonicalFileKey(std::string_view canonical_path, const DeletionVectorDescriptor* dv) {
  FileKey k;
  k.path = canonical_path;
  k.dv = dv;
  uint64_t h = std::hash<std::string_view>{}(k.path);
  if (dv != nullptr) {
    h ^= Mix(std::hash<std::string_view>{}(dv->path_or_inline) +
             static_cast<uint64_t>(dv->storage_type) +
             (dv->offset ? static_cast<uint64_t>(*dv->offset) * 31 + 1 : 0));
  }
  h = Mix(h);
  k.hash = h == 0 ? 1 : h;
  return k;
}

bool FileKeySet::Insert(const FileKey& k) {
  // At most half full: most probes (checkpoint adds against newer commits) miss, and a miss
  // under linear probing costs ~(1 + 1/(1-load)^2)/2 slots: 2.5 at 1/2, 8.5 at 3/4.
  if ((keys_.size() + 1) * 2 > hashes_.size()) Grow();
  size_t mask = hashes_.size() - 1;
  for (size_t i = k.hash & mask;; i = (i + 1) & mask) {
    if (hashes_[i] == 0) {
      hashes_[i] = k.hash;
      index_[i] = static_cast<uint32_t>(keys_.size());
      keys_.push_back(k);
      return true;
    }
    if (hashes_[i] == k.hash && keys_[index_[i]] == k) return false;
  }
}

bool FileKeySet::Contains(const FileKey& k) const {
  if (keys_.empty()) return false;
  size_t mask = hashes_.size() - 1;
  for (size_t i = k.hash & mask;; i = (i + 1) & mask) {
    uint64_t h = hashes_[i];
    if (h == 0) return false;
    if (h == k.hash && keys_[index_[i]] == k) return true;
  }
}

void FileKeySet::Grow() {
  size_t n = hashes_.empty() ? 64 : hashes_.size() * 2;
  hashes_.assign(n, 0);
  index_.assign(n, 0);
  size_t mask = n - 1;
  for (uint32_t j = 0; j < keys_.size(); ++j) {
    size_t i = keys_[j].hash & mask;
    while (hashes_[i] != 0) i = (i + 1) & mask;
    hashes_[i] = keys_[j].hash;
    index_[i] = j;
  }
}

}  // namespace delta
