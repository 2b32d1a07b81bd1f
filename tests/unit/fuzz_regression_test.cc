// Bugs the fuzz targets (tests/fuzz) found, each as the smallest case through the API it hit.
// The inputs themselves are replayed by the ctest fuzz_replay (tests/fuzz/regressions).
#include <gtest/gtest.h>

#include <string>

#include "log/file_key.h"
#include "protocol/uri.h"

namespace delta {
namespace {

// uri target: an absolute path without scheme ("/x") in a table that is not on the local file
// system is read from the table's own store (ResolveLogPath: s3://b/x), but was reconciled as
// file:///x, so an add and a remove spelling the same file two ways did not cancel.
TEST(FuzzRegressionTest, AbsolutePathReconcilesOnTheTablesOwnStore) {
  const std::string root = "s3://b/t";
  EXPECT_EQ(ResolveLogPath(root, "/other/x"), "s3://b/other/x");
  EXPECT_EQ(CanonicalPathKey("/other/x", root), "s3://b/other/x");
  EXPECT_EQ(CanonicalPathKey("/other/x", root), CanonicalPathKey("s3://b/other/x", root));
  // Inside the table: the same key as the relative spelling.
  EXPECT_EQ(CanonicalPathKey("/t/a%20b.parquet", root), "a b.parquet");
  EXPECT_EQ(CanonicalPathKey("/t/a%20b.parquet", root), CanonicalPathKey("a%20b.parquet", root));
  // Local tables are unchanged.
  EXPECT_EQ(CanonicalPathKey("/other/x", "file:///t"), "file:///other/x");

  Arena arena;
  FileKey abs = MakeFileKey("/t/a.parquet", nullptr, root, &arena);
  FileKey rel = MakeFileKey("a.parquet", nullptr, root, &arena);
  EXPECT_EQ(abs, rel);
}

}  // namespace
}  // namespace delta
