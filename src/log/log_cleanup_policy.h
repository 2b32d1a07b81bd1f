// When log cleanup runs by itself: after a checkpoint, unless the table turns it off.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "delta/status.h"

namespace delta {

/// The table property that turns automatic log cleanup on (default) or off.
inline constexpr std::string_view kEnableExpiredLogCleanup = "delta.enableExpiredLogCleanup";

/// delta.enableExpiredLogCleanup of a table's configuration (default true). InvalidTable naming
/// the property for a value other than true or false (any case).
Result<bool> ExpiredLogCleanupEnabled(const std::map<std::string, std::string>& configuration);

}  // namespace delta
