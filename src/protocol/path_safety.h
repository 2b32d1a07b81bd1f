// Which paths from a log action the kernel may follow. A table's log is untrusted input: a
// relative path must stay inside the table root, whatever its spelling.
#pragma once

#include <string_view>

#include "delta/status.h"

namespace delta {

/// OK when `log_path` (an add, remove or cdc path as written in the log: a percent-encoded
/// relative path, or an absolute URI/path) names no location through `..`, a NUL byte, or a
/// relative spelling that decodes to an absolute path. Otherwise InvalidTable with a short
/// reason (no context: callers add the action, file and line). Whether an absolute location is
/// allowed is the engine's LocationPolicy, checked when the path is resolved.
Status CheckLogPath(std::string_view log_path);

/// The same rules for the directory prefix of a relative ('u') deletion vector, which is
/// joined to the table root as written.
Status CheckDeletionVectorPrefix(std::string_view prefix);

}  // namespace delta
