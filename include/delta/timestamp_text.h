// Points in time as people write them: the one grammar the CLI, the C ABI and the Python
// package accept for time travel and change-feed bounds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta {

/// Parses "2024-01-02T03:04:05Z", "2024-01-02 03:04:05", either with an optional fraction
/// (".123", truncated to milliseconds) and an optional offset ("Z", "+01:00", "-0530"; none
/// means UTC), or a bare date "2024-01-02" (midnight UTC). Years 0000-9999. Returns
/// milliseconds since the Unix epoch; InvalidArgument naming the input and what is wrong.
Result<int64_t> ParseTimestampMillis(std::string_view text);

/// Milliseconds since the Unix epoch as ISO 8601 UTC with milliseconds:
/// "2024-01-02T03:04:05.678Z" (any int64).
std::string FormatTimestampMillis(int64_t epoch_ms);

}  // namespace delta
