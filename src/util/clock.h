// The wall clock, in the unit the Delta log uses.
#pragma once

#include <chrono>
#include <cstdint>

namespace delta {

/// Milliseconds since the Unix epoch, now.
inline int64_t WallClockMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace delta
