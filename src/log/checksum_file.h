// Version checksum (.crc) files: a fast path to a version's protocol and metadata, and a
// cross-check of replay. Never trusted over the log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/status.h"

namespace delta {

struct VersionChecksum {
  int64_t table_size_bytes = 0;
  int64_t num_files = 0;
  std::optional<int64_t> in_commit_timestamp;
  Protocol protocol;
  Metadata metadata;
  std::optional<std::vector<SetTransaction>> set_transactions;
  std::optional<std::vector<DomainMetadata>> domain_metadata;
};

/// Parses a CRC file's JSON. InvalidTable naming `file` when malformed or incomplete.
Result<VersionChecksum> ParseVersionChecksum(std::string_view json, std::string_view file);

}  // namespace delta
