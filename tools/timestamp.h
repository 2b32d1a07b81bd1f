// Timestamps on the command line: parsing what users type, printing what the log holds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta::cli {

/// Parses "2024-01-02T03:04:05Z", "2024-01-02 03:04:05", either with an optional fraction
/// (".123", truncated to milliseconds) and an optional offset ("Z", "+01:00", "-0530"; none
/// means UTC), or a bare date "2024-01-02" (midnight UTC). Returns milliseconds since the Unix
/// epoch; InvalidArgument naming the input when it is not one of these forms.
Result<int64_t> ParseTimestamp(std::string_view text);

/// Formats milliseconds since the Unix epoch as ISO 8601 UTC with milliseconds:
/// "2024-01-02T03:04:05.678Z".
std::string FormatTimestamp(int64_t epoch_ms);

}  // namespace delta::cli
