// Generates a whole table: data files, commits, checkpoints.
#pragma once

#include <cstdint>
#include <vector>

#include "delta/status.h"
#include "gen_checkpoint.h"
#include "gen_options.h"

namespace delta::gen {

/// What GenerateTable wrote.
struct GenSummary {
  int64_t versions = 0;
  int64_t files_added = 0;
  int64_t files_removed = 0;
  int64_t live_files = 0;
  int64_t live_rows = 0;
  int64_t log_bytes = 0;   ///< commit files only
  int64_t data_bytes = 0;  ///< real data files (or their claimed sizes with --data fake)
  std::vector<CheckpointSummary> checkpoints;
};

/// Writes the table `options` describe into options.output, which must not exist, be empty,
/// or (with `force`) already hold a Delta table, which is deleted first.
Result<GenSummary> GenerateTable(const GenOptions& options, bool force);

}  // namespace delta::gen
