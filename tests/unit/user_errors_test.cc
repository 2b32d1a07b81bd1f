// Errors a user meets first, said once and completely: a data file missing from a table names
// the table, the version and the file (in scans, in the Arrow stream's last error, in the
// changes feed); a _delta_log that is a file is not "missing"; "file:relative/path" is a path
// relative to the working directory, not a host.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>

#include "delta/changes.h"
#include "delta/default_engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "protocol/uri.h"
#include "support/conformance_tables.h"
#include "support/temp_dir.h"
#include "text_output.h"  // the CLI's text rendering (tools/)

namespace delta {
namespace {

using cli::TextFormat;
using cli::WriteScanAsText;

namespace fs = std::filesystem;

using test::TempDir;

std::shared_ptr<Engine> DefaultEngine() {
  auto e = MakeDefaultEngine();
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return *e;
}

// A live file of the sample table at version 5.
constexpr char kEuWestFile[] =
    "region=eu-west/part-00000-6c88cb62-ba70-4017-b45f-b3e2087b867c-c000.snappy.parquet";

TEST(MissingDataFileTest, ScanErrorNamesTableVersionAndFileOnce) {
  TempDir dir;
  std::string root = dir.path() + "/t";
  fs::copy(DELTA_SAMPLE_TABLE, root, fs::copy_options::recursive);
  fs::remove(root + "/" + kEuWestFile);
  std::string uri = test::LocalUri(root);
  std::string expected = "table " + uri + ", version 5: opening '" + uri + "/" + kEuWestFile +
                         "': No such file or directory";

  std::shared_ptr<Engine> engine = DefaultEngine();
  auto table = Table::ForLocation(root, engine);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();

  // As a Status (what the CLI prints).
  auto rows = WriteScanAsText(*scan, engine, TextFormat::kCsv,
                              [](std::string_view) { return Status::OK(); });
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(rows.status().message(), expected);

  // Through the Arrow C stream (what C, Python, DuckDB and Polars see): the same text once,
  // EIO for a storage error.
  auto stream = ExecuteScan(*scan, engine);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  int rc = 0;
  while (rc == 0) {
    ArrowArray batch;
    rc = (*stream)->get_next(stream->get(), &batch);
    if (rc != 0) break;
    if (batch.release == nullptr) break;
    batch.release(&batch);
  }
  ASSERT_EQ(rc, EIO);
  EXPECT_EQ(std::string((*stream)->get_last_error(stream->get())),
            "IOError: NotFound: " + expected);
}

TEST(MissingDataFileTest, MissingDeletionVectorFileNamesTheTableOnce) {
  DELTA_REQUIRE_CONFORMANCE();
  TempDir dir;
  std::string root = dir.path() + "/t";
  fs::copy(test::ConformanceDir() + "/tables/table-with-dv-small", root,
           fs::copy_options::recursive);
  // The shared corpus may be read-only; the copy must not be.
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
  }
  fs::permissions(root, fs::perms::owner_write, fs::perm_options::add);
  fs::remove(root + "/deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin");
  std::shared_ptr<Engine> engine = DefaultEngine();
  auto snap = Table::ForLocation(root, engine)->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok());
  auto rows = WriteScanAsText(*scan, engine, TextFormat::kCsv,
                              [](std::string_view) { return Status::OK(); });
  ASSERT_FALSE(rows.ok());
  const std::string table = "table " + test::LocalUri(root);
  const std::string& message = rows.status().message();
  EXPECT_EQ(message.rfind(table + ", version 1: deletion vector (", 0), 0u) << message;
  EXPECT_EQ(message.find(table, 1), std::string::npos) << message;
  EXPECT_NE(message.find("deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin"),
            std::string::npos)
      << message;
}

TEST(MissingDataFileTest, ChangesErrorNamesTheCommitVersion) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string root = test::ExtractedTablePath("cdf-table-update-ops");
  ASSERT_FALSE(root.empty());
  // A change data file of version 1 (file names on disk are the log's paths decoded).
  const std::string cdc =
      "test%file%prefix-part-00000-9a716acd-eb85-4781-87a5-6a867818fd0f-c000"
      ".snappy.parquet";
  fs::rename(root + "/" + cdc, root + "/" + cdc + ".gone");
  std::shared_ptr<Engine> engine = DefaultEngine();
  auto table = Table::ForLocation(root, engine);
  ASSERT_TRUE(table.ok());
  ChangesOptions opts;
  opts.start_version = 0;
  auto changes = ChangesScan::Make(*table, opts);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  auto rows = WriteScanAsText((*changes)->scan(), engine, TextFormat::kCsv,
                              [](std::string_view) { return Status::OK(); });
  fs::rename(root + "/" + cdc + ".gone", root + "/" + cdc);
  ASSERT_FALSE(rows.ok());
  std::string uri = test::LocalUri(root);
  EXPECT_EQ(rows.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(rows.status().message(),
            "table " + uri + ", version 1: opening '" + uri +
                "/test%25file%25prefix-part-00000-9a716acd-eb85-4781-87a5-6a867818fd0f-c000"
                ".snappy.parquet': No such file or directory");
}

TEST(TableLocationTest, DeltaLogThatIsAFileIsNotADirectory) {
  TempDir dir;
  std::ofstream(dir.path() + "/_delta_log") << "not a directory";
  std::string uri = test::LocalUri(dir.path());
  auto table = Table::ForLocation(dir.path(), DefaultEngine());
  ASSERT_TRUE(table.ok());
  auto snap = table->LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(snap.status().message(),
            "no Delta table at " + uri + ": " + uri + "/_delta_log is a file, not a directory");
}

TEST(TableLocationTest, TableRootThatIsAFileIsNotADirectory) {
  TempDir dir;
  std::ofstream(dir.path() + "/data.csv") << "a,b\n";
  std::string uri = test::LocalUri(dir.path() + "/data.csv");
  auto table = Table::ForLocation(dir.path() + "/data.csv", DefaultEngine());
  ASSERT_TRUE(table.ok());
  auto snap = table->LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().message(),
            "no Delta table at " + uri + ": " + uri + " is a file, not a directory");
}

TEST(TableLocationTest, MissingDeltaLogStillSaysSo) {
  TempDir dir;
  std::string uri = test::LocalUri(dir.path());
  auto snap = Table::ForLocation(dir.path(), DefaultEngine())->LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().message(),
            "no Delta table at " + uri + ": " + uri + "/_delta_log does not exist");
}

TEST(TableLocationTest, RelativeFileUriIsRelativeToTheWorkingDirectory) {
  std::string cwd = fs::current_path().lexically_normal().generic_string();
  EXPECT_EQ(TableLocationToUri("file:some/table"), test::LocalUri(cwd + "/some/table"));
  EXPECT_EQ(TableLocationToUri("file:some/../table/"), test::LocalUri(cwd + "/table"));
  EXPECT_EQ(TableLocationToUri("file:my%20table"), test::LocalUri(cwd + "/my table"));
  EXPECT_EQ(TableLocationToUri("some/table"), TableLocationToUri("file:some/table"));
  // Absolute spellings are unchanged.
  EXPECT_EQ(TableLocationToUri("file:/a/b"), "file:///a/b");
  EXPECT_EQ(TableLocationToUri("file:///a/b"), "file:///a/b");
  EXPECT_EQ(TableLocationToUri("/a/b"), "file:///a/b");
}

TEST(TableLocationTest, RelativeFileUriOpensTheTable) {
  TempDir dir;
  fs::copy(DELTA_SAMPLE_TABLE, dir.path() + "/sample", fs::copy_options::recursive);
  fs::path before = fs::current_path();
  fs::current_path(dir.path());
  auto table = Table::ForLocation("file:sample", DefaultEngine());
  auto snap = table.ok() ? table->LatestSnapshot() : table.status();
  fs::current_path(before);
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ((*snap)->version(), 5);
  EXPECT_EQ((*snap)->table_location(), test::LocalUri(dir.path() + "/sample"));
}

}  // namespace
}  // namespace delta
