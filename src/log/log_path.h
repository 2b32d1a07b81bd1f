// Classifies the files of a _delta_log directory by name (PROTOCOL.md, "Delta Log Entries",
// "Checkpoints", "Log Compaction Files", "Version Checksum File").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "delta/engine.h"

namespace delta {

enum class LogFileType {
  kCommit,               ///< <v>.json
  kClassicCheckpoint,    ///< <v>.checkpoint.parquet
  kMultiPartCheckpoint,  ///< <v>.checkpoint.<part>.<parts>.parquet
  kV2Checkpoint,         ///< <v>.checkpoint.<uuid>.json|parquet
  kCompaction,           ///< <v>.<end>.compacted.json
  kChecksum,             ///< <v>.crc
};

/// A recognised log file.
struct LogFile {
  LogFileType type;
  int64_t version = 0;      ///< the version (start version for compactions)
  int64_t end_version = 0;  ///< compactions only
  int32_t part = 0;         ///< multi-part checkpoints only (1-based)
  int32_t num_parts = 0;    ///< multi-part checkpoints only
  bool is_json = false;     ///< v2 checkpoints: JSON rather than Parquet
  FileInfo file;

  bool is_checkpoint() const {
    return type == LogFileType::kClassicCheckpoint || type == LogFileType::kMultiPartCheckpoint ||
           type == LogFileType::kV2Checkpoint;
  }
};

/// Parses a file name (no directory). nullopt for anything that is not a log file.
std::optional<LogFile> ParseLogFileName(std::string_view name);

/// Zero-padded 20-digit version, as used in log file names.
std::string FormatVersion(int64_t version);

/// The file name part of a URI or path.
std::string_view FileNameOf(std::string_view location);

}  // namespace delta
