// The Arrow memory pool data files are decoded into. Reading a table into memory is mostly
// allocation: on the scan benchmark (bench/run_scan.sh) Arrow's default pool (mimalloc in
// today's Arrow builds) held ~45% more resident memory than the rows and spent 3-4x the system
// time of jemalloc faulting fresh pages in; jemalloc holds about the Arrow data itself.
#pragma once

#include <arrow/memory_pool.h>

namespace delta::engine {

/// jemalloc's pool when this Arrow has it, else Arrow's default pool. A user who chose a pool
/// with ARROW_DEFAULT_MEMORY_POOL gets that one.
arrow::MemoryPool* ReadMemoryPool();

}  // namespace delta::engine
