// Bounds on what a log file may claim, checked before the claim is trusted. Each is far above
// what any real table reaches, so only a corrupt or hostile log ever meets one.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "delta/engine.h"

namespace delta {

/// `_last_checkpoint` is a few hundred bytes (a v2 checkpoint's may list its non-file actions
/// and sidecars: kilobytes). Larger, the hint is not read at all.
constexpr int64_t kMaxLastCheckpointBytes = int64_t{1} << 20;

/// A `.crc` file carries the protocol, metadata, set transactions and domain metadata (and
/// optionally a small table's file list). Larger, it is ignored: it is only ever a shortcut.
constexpr int64_t kMaxChecksumFileBytes = int64_t{64} << 20;

/// Versions are below this, so `version + 1` never overflows. Names with larger numbers are
/// not log files.
constexpr int64_t kMaxLogVersion = std::numeric_limits<int64_t>::max() - 1;

/// Parts of a multi-part checkpoint: the name has 10 digits, the count must fit in int32.
constexpr int64_t kMaxCheckpointParts = std::numeric_limits<int32_t>::max();

/// Reads `location` whole when it holds at most `limit` bytes. Never reads more than
/// limit + 1 bytes whatever the file's size: a larger file is InvalidTable naming it, `what`
/// (e.g. "_last_checkpoint") and the limit.
Result<std::string> ReadBoundedFile(FileSystem& fs, const std::string& location, int64_t limit,
                                    std::string_view what);

}  // namespace delta
