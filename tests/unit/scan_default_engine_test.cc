// Executing plans without naming an engine (the snapshot's is used), and ScanBatchReader's
// batches and exact errors.
#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/changes.h"
#include "delta/default_engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::shared_ptr<Engine> DefaultEngine() {
  auto e = MakeDefaultEngine();
  EXPECT_TRUE(e.ok());
  return *e;
}

std::shared_ptr<const Scan> SampleScan(const std::string& root,
                                       const std::shared_ptr<Engine>& engine) {
  auto table = Table::ForLocation(root, engine);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  auto scan = Scan::Make(*snap, {});
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  return *scan;
}

int64_t Rows(Result<ArrowStreamHandle> stream) {
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return -1;
  auto table = test::ReadStream(*stream);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return table.ok() ? (*table)->num_rows() : -1;
}

TEST(ScanDefaultEngineTest, AScanRunsOnItsSnapshotsEngine) {
  std::shared_ptr<Engine> engine = DefaultEngine();
  auto scan = SampleScan(DELTA_SAMPLE_TABLE, engine);
  ASSERT_NE(scan, nullptr);
  EXPECT_EQ(scan->engine(), engine);
  int64_t with_engine = Rows(ExecuteScan(scan, engine));
  EXPECT_GT(with_engine, 0);
  EXPECT_EQ(Rows(ExecuteScan(scan)), with_engine);
  ExecuteOptions options;
  options.max_files_in_flight = 1;
  EXPECT_EQ(Rows(ExecuteScan(scan, options)), with_engine);

  // An engine named explicitly must not be null; a null scan is refused either way.
  auto null_engine = ExecuteScan(scan, std::shared_ptr<Engine>());
  ASSERT_FALSE(null_engine.ok());
  EXPECT_TRUE(null_engine.status().IsInvalidArgument());
  auto null_scan = ExecuteScan(std::shared_ptr<const Scan>());
  ASSERT_FALSE(null_scan.ok());
  EXPECT_TRUE(null_scan.status().IsInvalidArgument());
}

TEST(ScanDefaultEngineTest, ParquetOutputOnTheScansEngine) {
  TempDir dir;
  auto scan = SampleScan(DELTA_SAMPLE_TABLE, DefaultEngine());
  ASSERT_NE(scan, nullptr);
  auto rows = WriteScanToParquet(scan, dir.path() + "/out.parquet");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, Rows(ExecuteScan(scan)));
  EXPECT_TRUE(fs::exists(dir.path() + "/out.parquet"));
}

TEST(ScanDefaultEngineTest, ChangesRunOnTheTablesEngine) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string root = test::ExtractedTablePath("cdf-table-update-ops");
  ASSERT_FALSE(root.empty());
  std::shared_ptr<Engine> engine = DefaultEngine();
  auto table = Table::ForLocation(root, engine);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ChangesOptions opts;
  opts.start_version = 0;
  auto changes = ChangesScan::Make(*table, opts);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  int64_t with_engine = Rows(ExecuteChanges(*changes, engine));
  EXPECT_GT(with_engine, 0);
  EXPECT_EQ(Rows(ExecuteChanges(*changes)), with_engine);
  TempDir dir;
  auto written = WriteChangesToParquet(*changes, dir.path() + "/changes.parquet");
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(*written, with_engine);
}

TEST(ScanBatchReaderTest, BatchesMatchTheStream) {
  auto scan = SampleScan(DELTA_SAMPLE_TABLE, DefaultEngine());
  ASSERT_NE(scan, nullptr);
  auto reader = ReadScanBatches(scan);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto schema_c = (*reader)->Schema();
  ASSERT_TRUE(schema_c.ok()) << schema_c.status().ToString();
  auto schema = arrow::ImportSchema(schema_c->get());
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ASSERT_EQ((*schema)->num_fields(), static_cast<int>(scan->output_schema()->num_fields()));
  int64_t rows = 0;
  while (true) {
    auto batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    if (!*batch) break;
    auto imported = arrow::ImportRecordBatch((*batch)->get(), *schema);
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    rows += (*imported)->num_rows();
  }
  EXPECT_EQ(rows, Rows(ExecuteScan(scan)));
}

TEST(ScanBatchReaderTest, ErrorsKeepTheirKind) {
  TempDir dir;
  std::string root = dir.path() + "/t";
  fs::copy(DELTA_SAMPLE_TABLE, root, fs::copy_options::recursive);
  std::vector<fs::path> data_files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() == ".parquet") data_files.push_back(entry.path());
  }
  ASSERT_FALSE(data_files.empty());
  for (const fs::path& f : data_files) fs::remove(f);
  auto scan = SampleScan(root, DefaultEngine());
  ASSERT_NE(scan, nullptr);
  auto reader = ReadScanBatches(scan);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Status error;
  while (error.ok()) {
    auto batch = (*reader)->Next();
    if (!batch.ok()) {
      error = batch.status();
    } else if (!*batch) {
      break;
    }
  }
  EXPECT_EQ(error.code(), StatusCode::kNotFound) << error.ToString();
  EXPECT_NE(error.message().find("No such file or directory"), std::string::npos)
      << error.ToString();
}

}  // namespace
}  // namespace delta
