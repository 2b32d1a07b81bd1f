// Move-only owners of Arrow C Data Interface structs: release() runs exactly once.
#pragma once

#include <utility>

#include "delta/arrow_c.h"

namespace delta {

namespace detail {
template <typename T>
class ArrowHandle {
 public:
  ArrowHandle() { raw_.release = nullptr; }
  /// Takes ownership of `*raw` (moves it out, leaving `raw` released).
  explicit ArrowHandle(T* raw) : raw_(*raw) { raw->release = nullptr; }
  ArrowHandle(const ArrowHandle&) = delete;
  ArrowHandle& operator=(const ArrowHandle&) = delete;
  ArrowHandle(ArrowHandle&& o) noexcept : raw_(o.raw_) { o.raw_.release = nullptr; }
  ArrowHandle& operator=(ArrowHandle&& o) noexcept {
    if (this != &o) {
      reset();
      raw_ = o.raw_;
      o.raw_.release = nullptr;
    }
    return *this;
  }
  ~ArrowHandle() { reset(); }

  void reset() {
    if (raw_.release != nullptr) raw_.release(&raw_);
    raw_.release = nullptr;
  }
  bool valid() const { return raw_.release != nullptr; }
  T* get() { return &raw_; }
  const T* get() const { return &raw_; }
  T* operator->() { return &raw_; }
  const T* operator->() const { return &raw_; }
  /// Moves the struct into `out` (which must be released or uninitialised).
  void MoveTo(T* out) {
    *out = raw_;
    raw_.release = nullptr;
  }

 private:
  T raw_{};
};
}  // namespace detail

/// Owns an ArrowSchema.
using ArrowSchemaHandle = detail::ArrowHandle<ArrowSchema>;
/// Owns an ArrowArray.
using ArrowArrayHandle = detail::ArrowHandle<ArrowArray>;
/// Owns an ArrowArrayStream.
using ArrowStreamHandle = detail::ArrowHandle<ArrowArrayStream>;

}  // namespace delta
