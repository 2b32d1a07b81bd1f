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
  FileKey k;
  // Relative paths with nothing to decode are their own canonical form: no copy.
  if (!path.empty() && path[0] != '/' && path.find_first_of("%:") == std::string_view::npos) {
    k.path = path;
  } else {
    k.path = arena->Copy(CanonicalPathKey(path, table_root_decoded));
  }
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
  if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
  size_t mask = slots_.size() - 1;
  for (size_t i = k.hash & mask;; i = (i + 1) & mask) {
    FileKey& s = slots_[i];
    if (s.hash == 0) {
      s = k;
      ++size_;
      return true;
    }
    if (s == k) return false;
  }
}

bool FileKeySet::Contains(const FileKey& k) const {
  if (size_ == 0) return false;
  size_t mask = slots_.size() - 1;
  for (size_t i = k.hash & mask;; i = (i + 1) & mask) {
    const FileKey& s = slots_[i];
    if (s.hash == 0) return false;
    if (s == k) return true;
  }
}

void FileKeySet::Grow() {
  std::vector<FileKey> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, FileKey{});
  size_ = 0;
  for (const FileKey& k : old) {
    if (k.hash != 0) Insert(k);
  }
}

}  // namespace delta
