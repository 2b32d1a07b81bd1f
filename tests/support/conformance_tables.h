// Locating the shared conformance tables (../shared/conformance, see its README) from tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace delta::test {

/// The conformance directory (the DELTA_CONFORMANCE_DIR compile definition).
std::string ConformanceDir();

/// Whether the conformance directory exists. It sits beside our checkout, not in the
/// repository, so a user's clone has none: tests that need it skip (DELTA_REQUIRE_CONFORMANCE).
bool HaveConformance();

/// Why tests that need the conformance tables are skipped: names the missing directory.
std::string MissingConformanceMessage();

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

/// First statement of a test body (or of a fixture's SetUp) that reads the conformance tables:
/// skips the test, naming the missing directory, when there is none; a no-op otherwise.
#define DELTA_REQUIRE_CONFORMANCE()                               \
  do {                                                            \
    if (!::delta::test::HaveConformance()) {                      \
      GTEST_SKIP() << ::delta::test::MissingConformanceMessage(); \
    }                                                             \
  } while (0)
