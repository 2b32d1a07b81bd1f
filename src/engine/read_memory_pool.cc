#include "engine/read_memory_pool.h"

#include <cstdlib>

namespace delta::engine {

arrow::MemoryPool* ReadMemoryPool() {
  static arrow::MemoryPool* const pool = [] {
    const char* chosen = std::getenv("ARROW_DEFAULT_MEMORY_POOL");
    if (chosen != nullptr && *chosen != '\0') return arrow::default_memory_pool();
    arrow::MemoryPool* jemalloc = nullptr;
    if (arrow::jemalloc_memory_pool(&jemalloc).ok() && jemalloc != nullptr) return jemalloc;
    return arrow::default_memory_pool();
  }();
  return pool;
}

}  // namespace delta::engine
