// The default Engine: storage on arrow::fs, Parquet on Parquet C++, a CPU thread pool.
// Declared without Arrow C++ types; link delta_kernel_arrow to use it.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "delta/engine.h"
#include "delta/status.h"

namespace delta {

/// Knobs of the default engine.
struct DefaultEngineOptions {
  /// Threads of the CPU executor; 0 = one per hardware thread.
  int cpu_threads = 0;
  /// Storage requests ReadFiles keeps in flight, on an I/O pool separate from the CPU pool.
  int io_concurrency = 16;
  /// Settings for object stores (credentials, region, endpoint), keyed like delta-rs'
  /// storage options. Unused by local storage.
  std::map<std::string, std::string> storage_options;
  /// Which locations outside a table's root its log may point at (see location_policy.h).
  LocationPolicy location_policy;
};

/// The default storage: absolute local paths and "file:" URIs (file:///abs, file:/abs,
/// file://localhost/abs). URIs are percent-decoded to local paths ("a%20b" is the file
/// "a b"; a literal '%' is "%25"); plain paths are taken literally. Locations it returns are
/// percent-encoded "file:///..." URIs. Object-store URIs (s3://bucket/key, s3a://, and gs://,
/// az://, abfs[s]:// as their stores are added) go to a client per bucket configured from
/// `storage_options` (docs/object-stores.md); keys are percent-decoded the same way.
Result<std::shared_ptr<FileSystem>> MakeDefaultFileSystem(const DefaultEngineOptions& options = {});

/// The default engine on the default storage.
Result<std::shared_ptr<Engine>> MakeDefaultEngine(const DefaultEngineOptions& options = {});

/// The default Parquet reader and CPU executor over a caller-supplied storage (in-memory,
/// latency-wrapped, custom object store). Parquet files are read with ranged requests on `fs`.
Result<std::shared_ptr<Engine>> MakeDefaultEngine(std::shared_ptr<FileSystem> fs,
                                                  const DefaultEngineOptions& options);

}  // namespace delta
