// When a commit happened: its in-commit timestamp where that feature is enabled, else the
// modification time of its commit file (PROTOCOL.md, "In-Commit Timestamps").
#pragma once

#include <cstdint>
#include <optional>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/status.h"

namespace delta {

/// From which version on in-commit timestamps are in force, per the table's (latest)
/// metadata; nullopt when they are not enabled.
std::optional<int64_t> InCommitTimestampEnablementVersion(const Metadata& metadata);

/// The timestamp of commit `version` given its commitInfo and file. `metadata` is the table
/// metadata at or after that version. InvalidTable if in-commit timestamps are in force but
/// the commit lacks one.
Result<int64_t> CommitTimestamp(const Metadata& metadata, int64_t version,
                                const std::optional<CommitInfo>& commit_info,
                                const FileInfo& commit_file);

}  // namespace delta
