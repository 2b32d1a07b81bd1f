#include "gen_stats_source.h"

#include <algorithm>
#include <vector>

#include "util/parallel.h"

namespace delta::gen {

void ForEachStats(std::span<const int64_t> files, const StatsSource& stats, Executor* executor,
                  const std::function<void(size_t k, const std::string& stats)>& fn) {
  constexpr size_t kBlock = 32 * 1024;
  constexpr size_t kTask = 1024;
  std::vector<std::string> block;
  for (size_t begin = 0; begin < files.size(); begin += kBlock) {
    const size_t n = std::min(kBlock, files.size() - begin);
    block.resize(n);
    ParallelFor(executor, (n + kTask - 1) / kTask, [&](size_t t) {
      for (size_t k = t * kTask; k < std::min(n, (t + 1) * kTask); ++k) {
        block[k].clear();
        stats(files[begin + k], &block[k]);
      }
    });
    for (size_t k = 0; k < n; ++k) fn(begin + k, block[k]);
  }
}

}  // namespace delta::gen
