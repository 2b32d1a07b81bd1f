// When a commit happened: its in-commit timestamp where that feature is enabled, else the
// modification time of its commit file (PROTOCOL.md, "In-Commit Timestamps"), and the one rule
// that keeps file times from going backwards for history, time travel and the change feed.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "delta/actions.h"
#include "delta/engine.h"
#include "delta/status.h"
#include "log/log_path.h"

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

/// The smoothing rule's file times: out[i] is the latest of `floor` (the latest time of the
/// commits before these, INT64_MIN for none) and the modification times of commits[0..i]. A
/// time earlier than an earlier commit's thus counts as that one (a clock went backwards);
/// equal times stay equal, so a lookup at a commit's own time finds the newest commit with it.
std::vector<int64_t> LatestFileTimes(std::span<const LogFile> commits, int64_t floor);

/// The timestamp history, time travel and the change feed give commit `version`: its
/// in-commit timestamp where in force (checked as CommitTimestamp does), else
/// `latest_file_time` (LatestFileTimes). In-commit timestamps apply from a version on, so
/// every commit dated by file time precedes every commit dated by its in-commit timestamp.
Result<int64_t> SmoothedCommitTimestamp(const Metadata& metadata, int64_t version,
                                        const std::optional<CommitInfo>& commit_info,
                                        const FileInfo& commit_file, int64_t latest_file_time);

}  // namespace delta
