// A bump allocator for the strings and small arrays behind typed file actions.
// Stable addresses; frees everything at once. Not thread-safe: one arena per producer.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace delta {

class Arena {
 public:
  explicit Arena(size_t block_size = 64 * 1024) : block_size_(block_size) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  /// Raw bytes aligned to `align`.
  void* Allocate(size_t n, size_t align = alignof(std::max_align_t)) {
    size_t pad = (align - (reinterpret_cast<uintptr_t>(cur_) & (align - 1))) & (align - 1);
    if (cur_ == nullptr || pad + n > static_cast<size_t>(end_ - cur_)) {
      NewBlock(n + align);
      pad = (align - (reinterpret_cast<uintptr_t>(cur_) & (align - 1))) & (align - 1);
    }
    char* p = cur_ + pad;
    cur_ = p + n;
    return p;
  }

  /// Copies `s` into the arena.
  std::string_view Copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(Allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  /// An uninitialised-then-value-initialised array of n trivially destructible T.
  template <typename T>
  std::span<T> AllocateArray(size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return {};
    T* p = static_cast<T*>(Allocate(sizeof(T) * n, alignof(T)));
    for (size_t i = 0; i < n; ++i) new (p + i) T();
    return {p, n};
  }

  /// Constructs one trivially destructible T in the arena.
  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (Allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  /// Takes over `other`'s blocks (what points into them stays valid); `other` ends empty.
  void Absorb(Arena&& other) {
    for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
    reserved_ += other.reserved_;
    other.blocks_.clear();
    other.cur_ = other.end_ = nullptr;
    other.reserved_ = 0;
  }

  /// Bytes reserved from the system.
  size_t bytes_reserved() const { return reserved_; }

 private:
  void NewBlock(size_t at_least) {
    size_t size = at_least > block_size_ ? at_least : block_size_;
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    cur_ = blocks_.back().get();
    end_ = cur_ + size;
    reserved_ += size;
  }

  size_t block_size_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  size_t reserved_ = 0;
};

}  // namespace delta
