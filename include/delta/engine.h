// The Engine interface: everything the kernel needs from its host (storage, Parquet, threads).
// The core never reaches into a concrete engine; `default_engine.h` provides one on Arrow C++.
// Each part has its own header: file_system.h (storage), parquet.h (read and write), executor.h.
#pragma once

#include <memory>

#include "delta/executor.h"
#include "delta/file_system.h"
#include "delta/location_policy.h"
#include "delta/parquet.h"

namespace delta {

/// What the kernel needs from its host.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual FileSystem& file_system() = 0;
  virtual ParquetReader& parquet() = 0;
  virtual Executor& executor() = 0;
  /// Writes data files. The default, for engines that do not write, answers Unsupported.
  virtual ParquetWriter& parquet_writer();
  /// Which locations outside a table's root its log may point at (see LocationPolicy). The
  /// default allows the table's own store.
  virtual const LocationPolicy& location_policy() const;
};

/// `base` with another location policy: the same storage, Parquet reader and threads (kept
/// alive by the result), e.g. one engine per tenant over a shared pool.
std::shared_ptr<Engine> WithLocationPolicy(std::shared_ptr<Engine> base, LocationPolicy policy);

}  // namespace delta
