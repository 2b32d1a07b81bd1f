// Writing version checksum (.crc) files: version v's checksum derived from v-1's and the
// commit, or from a snapshot's file list, and published without ever overwriting one.
#pragma once

#include <cstdint>
#include <string_view>

#include "delta/file_system.h"
#include "delta/snapshot.h"
#include "delta/status.h"
#include "log/checksum_file.h"
#include "protocol/action_batch.h"

namespace delta {

/// Version v's checksum from version v-1's (`prev`) and the actions of commit v.
///
/// File actions apply as replay applies them: per (path, deletion vector) key the first action
/// in the commit's file order wins. A remove takes away a live file (its `size` is required);
/// an add brings in a file that was not live at v-1, as every add the kernel writes does (new
/// data files, and deletion vector updates, whose key differs from the file they replace). A
/// commit that re-adds a file live at v-1 must use VersionChecksumFromSnapshot instead.
/// protocol and metaData replace prev's, txn and domainMetadata update them, txnId and the
/// in-commit timestamp come from the commitInfo. DV counts and histograms are carried forward
/// only when prev has them.
///
/// Unsupported when the result cannot be exact (a remove without size, a count that would
/// drop below zero because prev disagrees with the log): the caller computes it from a
/// snapshot or writes no checksum.
Result<VersionChecksum> NextVersionChecksum(const VersionChecksum& prev, const ActionBatch& commit);

/// The checksum of `snapshot`'s version from its state and file list. Unsupported when the
/// snapshot has no file list (FileListMode::kStreamed).
Result<VersionChecksum> VersionChecksumFromSnapshot(const Snapshot& snapshot);

/// The checksum of the table before its first commit: no files, empty histograms, no txns or
/// domains (protocol and metadata come with commit 0).
VersionChecksum EmptyTableChecksum();

/// What a writer calls after committing `version` with the actions `commit`: the checksum
/// derived from version-1's, taken from `read_snapshot` when that is version-1 with a file list
/// (no I/O), else from version-1's CRC file, else (version 0) from EmptyTableChecksum().
/// Unsupported when none is available or NextVersionChecksum cannot be exact.
Result<VersionChecksum> ChecksumAfterCommit(FileSystem& fs, std::string_view table_root,
                                            int64_t version, const ActionBatch& commit,
                                            const Snapshot* read_snapshot);

/// The CRC file of `version`: <table_root>/_delta_log/<version>.crc.
std::string VersionChecksumLocation(std::string_view table_root, int64_t version);

/// Publishes `crc` as version `version`'s CRC file with PutIfAbsent. An existing file is left
/// alone and is not an error (OK). Any other failure is returned for the caller to log: a
/// checksum that could not be written never fails a commit.
Status WriteVersionChecksum(FileSystem& fs, std::string_view table_root, int64_t version,
                            const VersionChecksum& crc);

}  // namespace delta
