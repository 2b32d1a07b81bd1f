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

/// What every C ABI test names: `using namespace delta::test::c;` brings these in.
namespace c {
template <typename T, void (*Free)(T*)>
using Owned = COwned<T, Free>;
using Error = Owned<delta_error, delta_error_free>;
using Engine = Owned<delta_engine, delta_engine_free>;
using Table = Owned<delta_table, delta_table_free>;
using Snapshot = Owned<delta_snapshot, delta_snapshot_free>;
inline std::string Describe(const delta_error* e) { return DescribeCError(e); }
}  // namespace c

}  // namespace delta::test
