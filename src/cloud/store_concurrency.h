// How many requests an object store keeps in flight: round trips of tens of milliseconds need
// many more in flight than a local disk to read a long log or many files at disk speed.
#pragma once

#include "cloud/object_store.h"

namespace delta::cloud {

/// In flight per store when OBJECT_STORE_CONCURRENCY_LIMIT is not given (unless the engine's
/// io_concurrency is higher): a 10,000-commit log at 50 ms a request loads in 5.8 s with 128,
/// 9.2 s with 64 and 34 s with 16 (bench/run_objstore.sh); the peers keep up to 1,000.
inline constexpr int kDefaultObjectStoreConcurrency = 128;

/// Storage option OBJECT_STORE_CONCURRENCY_LIMIT (delta-rs' key; else the environment variable
/// of that name) when given, else max(io_concurrency, kDefaultObjectStoreConcurrency). A value
/// that is not a whole number >= 1 is InvalidArgument naming the option.
Result<int> ObjectStoreConcurrency(const StorageOptions& options, int io_concurrency);

}  // namespace delta::cloud
