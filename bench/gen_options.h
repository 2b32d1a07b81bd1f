// What delta-table-gen generates: the parsed command line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta::gen {

/// Which checkpoints the generator writes.
enum class CheckpointKind {
  kNone,
  kClassic,    ///< <v>.checkpoint.parquet, V1 spec
  kMultiPart,  ///< <v>.checkpoint.<o>.<p>.parquet, V1 spec
  kV2Json,     ///< <v>.checkpoint.<uuid>.json, V2 spec (+ sidecars)
  kV2Parquet,  ///< <v>.checkpoint.<uuid>.parquet, V2 spec (+ sidecars)
};

/// All generator settings; defaults make a small real table.
struct GenOptions {
  std::string output;
  int64_t files = 10;
  int64_t commits = 1;
  double removes_percent = 0;  ///< share of all files removed again in later commits
  CheckpointKind checkpoint = CheckpointKind::kNone;
  int multipart_parts = 0;          ///< parts of a multi-part checkpoint (>= 2)
  int sidecars = 1;                 ///< sidecar files of a v2 checkpoint; 0 embeds the files
  int64_t checkpoint_interval = 0;  ///< checkpoint every N versions; 0 = at the last version
  bool stats = true;
  int partitions = 0;  ///< values of the partition column; 0 = unpartitioned
  int columns = 8;     ///< data columns, types cycling through kColumnTypes
  int64_t rows_per_file = 100;
  bool real_data = true;  ///< false: only the log, with plausible sizes and stats
  uint64_t seed = 1;
  int64_t start_time_ms = 0;  ///< timestamp of version 0
  int64_t commit_interval_ms = 60'000;
  bool in_commit_timestamps = false;  ///< enable the inCommitTimestamp writer feature
  int threads = 0;                    ///< worker threads; 0 = one per hardware thread

  bool v2_checkpoints() const {
    return checkpoint == CheckpointKind::kV2Json || checkpoint == CheckpointKind::kV2Parquet;
  }
};

/// Parses --checkpoint: none | classic | multipart:K | v2-json | v2-parquet.
Status ParseCheckpointSpec(std::string_view spec, GenOptions* options);

/// Parses --start-time: milliseconds since the epoch, or UTC "YYYY-MM-DD[THH:MM:SS[.fff]][Z]".
Result<int64_t> ParseStartTime(std::string_view text);

/// Checks the options against each other (InvalidArgument naming the option).
Status ValidateOptions(const GenOptions& options);

}  // namespace delta::gen
