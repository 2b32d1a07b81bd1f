// Where each file's stats JSON comes from, and computing it for many files in parallel.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace delta {
class Executor;
}

namespace delta::gen {

/// Appends the stats JSON of file `index` (nothing when stats are off). Must be thread-safe.
using StatsSource = std::function<void(int64_t index, std::string* out)>;

/// Calls fn(k, stats of files[k]) for every k in order, computing the stats in parallel on
/// `executor` a block at a time, so a million files never hold all their stats at once.
void ForEachStats(std::span<const int64_t> files, const StatsSource& stats, Executor* executor,
                  const std::function<void(size_t k, const std::string& stats)>& fn);

}  // namespace delta::gen
