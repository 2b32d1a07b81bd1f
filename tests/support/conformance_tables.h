// Locating the shared conformance tables (../shared/conformance, see its README) from tests.
#pragma once

#include <string>

namespace delta::test {

/// The conformance directory (the DELTA_CONFORMANCE_DIR compile definition).
std::string ConformanceDir();

/// The root of conformance table `name`, extracted once per process into a private temporary
/// directory (removed at exit), so tests may also write to it:
///   - golden/<name>.tar.zst   -> <tmp>/<name>/delta
///   - tables/<name>.tar.zst   -> <tmp>/<name>
///   - tables/<name>/          -> a copy at <tmp>/<name>
/// Golden tables win when both exist; prefix the name with "golden/" or "tables/" to choose.
/// Returns "" (after printing why to stderr) when there is no such table or extraction fails.
std::string ExtractedTablePath(std::string name);

/// "file://" URI of a local absolute path (percent-encoding characters outside the RFC 3986
/// unreserved set and '/').
std::string LocalUri(const std::string& path);

}  // namespace delta::test
