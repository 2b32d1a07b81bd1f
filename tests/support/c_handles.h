// unique_ptr owners for the C ABI's handles and a one-line description of a delta_error, shared
// by the C ABI tests.
#pragma once

#include <memory>
#include <string>

#include "delta/c/delta_kernel.h"

namespace delta::test {

template <typename T, void (*Free)(T*)>
struct CDeleter {
  void operator()(T* p) const { Free(p); }
};
/// Frees the handle with `Free` (a delta_<type>_free).
template <typename T, void (*Free)(T*)>
using COwned = std::unique_ptr<T, CDeleter<T, Free>>;

/// "<Kind>: <message>" of an error ("InvalidArgument: " for NULL).
inline std::string DescribeCError(const delta_error* e) {
  return std::string(delta_error_code_name(delta_error_kind(e))) + ": " + delta_error_message(e);
}

}  // namespace delta::test
