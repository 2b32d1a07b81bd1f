// Checkpoints (PROTOCOL.md, "Checkpoints", "Checkpoint Schema", "Last Checkpoint File"):
// classic and multi-part V1 checkpoints, UUID-named V2 checkpoints in JSON or Parquet with
// sidecar files, and _last_checkpoint. Parquet is written with Parquet C++.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "delta/status.h"
#include "gen_model.h"
#include "gen_stats_source.h"

namespace delta::gen {

/// What a checkpoint consisted of, for the summary and _last_checkpoint.
struct CheckpointSummary {
  int64_t version = 0;
  int64_t actions = 0;  ///< rows in all its files, sidecars included
  int64_t add_files = 0;
  int64_t size_in_bytes = 0;
  int parts = 1;
  int sidecars = 0;
};

/// Writes the checkpoint of `version` in the form the options ask for, then
/// _delta_log/_last_checkpoint pointing at it. Stats are computed on `executor`.
Result<CheckpointSummary> WriteCheckpoint(const TableModel& model, int64_t version,
                                          const std::string& log_dir, const StatsSource& stats,
                                          Executor* executor);

/// Spark's Murmur3 hash of a string (Murmur3_x86_32.hashUnsafeBytes, seed 42), which Delta
/// uses to cluster multi-part checkpoints by path. Exposed for tests.
int32_t SparkMurmur3(std::string_view bytes, int32_t seed = 42);

}  // namespace delta::gen
