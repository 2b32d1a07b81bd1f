// Serialised scan tasks: every task read on a fresh engine (no log) gives, together, exactly
// the rows of the local scan (partitions of many types, DVs, column mapping, filters,
// projections, metadata and row-tracking columns); damaged bytes are refused by name.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/io/memory.h>
#include <arrow/json/from_string.h>
#include <parquet/arrow/writer.h>

#include <algorithm>
#include <random>

#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/scan_task.h"
#include "delta/scan_task_execution.h"
#include "delta/table.h"
#include "dv/crc32.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"
#include "support/id_part_table.h"
#include "support/log_builder.h"
#include "support/scan_compare.h"
#include "support/scan_options.h"

namespace delta {
namespace {

using test::Filtered;
using testing::LogBuilder;
using testing::ProtocolJson;

// A new engine (2 threads) each time: a worker that never saw the table.
std::shared_ptr<Engine> NewEngine() { return test::Engine1(); }

std::shared_ptr<const Snapshot> Load(const std::string& name) {
  auto table = Table::ForLocation(test::ExtractedTablePath(name), NewEngine());
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  return *snap;
}

std::shared_ptr<arrow::Table> ReadAll(ArrowStreamHandle& stream) {
  auto t = test::ReadStream(stream);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : nullptr;
}

// The scan's rows read locally and through tasks of 1, 2 and 100 files (each task on a new
// engine that never saw the table): the same rows and schema.
void ExpectTasksMatchLocalScan(const std::shared_ptr<const Snapshot>& snap, ScanOptions options,
                               size_t expected_rows) {
  auto scan = Scan::Make(snap, std::move(options));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  auto local_stream = ExecuteScan(*scan);
  ASSERT_TRUE(local_stream.ok()) << local_stream.status().ToString();
  auto local = ReadAll(*local_stream);
  ASSERT_NE(local, nullptr);
  EXPECT_EQ(local->num_rows(), static_cast<int64_t>(expected_rows));
  const std::vector<std::string> expected = test::SchemaAndSortedRows(*local);
  auto files = (*scan)->Files();
  ASSERT_TRUE(files.ok());
  for (size_t per_task : {size_t{1}, size_t{2}, size_t{100}}) {
    SCOPED_TRACE("files per task " + std::to_string(per_task));
    auto tasks = MakeScanTasks(*scan, per_task);
    ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
    EXPECT_EQ(tasks->size(), (files->size() + per_task - 1) / per_task);
    std::vector<std::shared_ptr<arrow::Table>> parts;
    size_t task_files = 0;
    for (const std::string& task : *tasks) {
      auto info = DescribeScanTask(task);
      ASSERT_TRUE(info.ok()) << info.status().ToString();
      EXPECT_EQ(info->table_location, snap->table_location());
      EXPECT_EQ(info->version, snap->version());
      EXPECT_EQ(info->format_version, kScanTaskFormatVersion);
      task_files += info->file_locations.size();
      auto stream = ReadScanTask(NewEngine(), task);
      ASSERT_TRUE(stream.ok()) << stream.status().ToString();
      auto part = ReadAll(*stream);
      ASSERT_NE(part, nullptr);
      parts.push_back(part);
    }
    EXPECT_EQ(task_files, files->size());
    if (parts.empty()) {
      EXPECT_EQ(expected_rows, 0u);
      continue;
    }
    auto all = arrow::ConcatenateTables(parts);
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    EXPECT_EQ(test::SchemaAndSortedRows(**all), expected);
  }
}

TEST(ScanTaskTest, DeletionVectorsAndMetadataColumns) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = Load("tables/table-with-dv-small");
  ScanOptions o;
  o.metadata_columns = {MetadataColumn::kRowIndex, MetadataColumn::kFilePath};
  ExpectTasksMatchLocalScan(snap, o, 8);
  ExpectTasksMatchLocalScan(snap, Filtered("value > 3"), 5);
}

TEST(ScanTaskTest, TypedPartitionValuesWithFiltersAndProjections) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = Load("data-reader-partition-values");
  ExpectTasksMatchLocalScan(snap, {}, 3);
  auto decimal = Load("basic-decimal-table");
  ExpectTasksMatchLocalScan(decimal, {}, 4);
  ExpectTasksMatchLocalScan(decimal, Filtered("part > 1000"), 1);
  ExpectTasksMatchLocalScan(decimal, Filtered("col1 >= 0 AND part < 1000", {{"col2", "part"}}), 2);
  ExpectTasksMatchLocalScan(decimal, Filtered("part > 0 OR col3 < 0", {{"col3"}}), 4);
}

TEST(ScanTaskTest, ColumnMappingNameAndIdModes) {
  DELTA_REQUIRE_CONFORMANCE();
  for (const char* name :
       {"table-with-columnmapping-mode-name", "table-with-columnmapping-mode-id"}) {
    SCOPED_TRACE(name);
    auto snap = Load(name);
    auto local = Scan::Make(snap, {});
    ASSERT_TRUE(local.ok());
    auto stream = ExecuteScan(*local);
    ASSERT_TRUE(stream.ok());
    auto rows = ReadAll(*stream);
    ASSERT_NE(rows, nullptr);
    ASSERT_GT(rows->num_rows(), 0);
    ExpectTasksMatchLocalScan(snap, {}, static_cast<size_t>(rows->num_rows()));
  }
}

std::string ParquetBytes(const std::shared_ptr<arrow::Table>& table) {
  auto sink = *arrow::io::BufferOutputStream::Create();
  EXPECT_TRUE(parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink, 1024).ok());
  return (*sink->Finish())->ToString();
}

TEST(ScanTaskTest, RowTrackingAndInlineDeletionVector) {
  LogBuilder log;
  auto schema = arrow::schema({arrow::field("id", arrow::int64()),
                               arrow::field("_row_id_col", arrow::int64()),
                               arrow::field("_row_version_col", arrow::int64())});
  auto json = [](const std::string& j) {
    return *arrow::json::ArrayFromJSONString(arrow::int64(), j);
  };
  std::string bytes = ParquetBytes(arrow::Table::Make(
      schema, {json("[7, 8, 9]"), json("[null, 100, null]"), json("[null, null, 7]")}));
  ASSERT_TRUE(log.fs()->Write(log.root() + "/f.parquet", bytes).ok());
  log.Commit(
      0,
      {ProtocolJson(3, 7,
                    R"(,"readerFeatures":[],"writerFeatures":["rowTracking","domainMetadata"])"),
       R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":)"
       R"("{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
       R"(\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":)"
       R"({"delta.enableRowTracking":"true",)"
       R"("delta.rowTracking.materializedRowIdColumnName":"_row_id_col",)"
       R"("delta.rowTracking.materializedRowCommitVersionColumnName":"_row_version_col"}}})",
       R"({"add":{"path":"f.parquet","partitionValues":{},"size":)" + std::to_string(bytes.size()) +
           R"(,"modificationTime":1,"dataChange":true,"baseRowId":10,)"
           R"("defaultRowCommitVersion":3)" +
           testing::InlineDvJson({2}) + "}}"});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ScanOptions o;
  o.columns = std::vector<std::string>{"id", "_row_id", "_row_commit_version", "_row_index"};
  auto scan = Scan::Make(*snap, o);
  ASSERT_TRUE(scan.ok());
  auto tasks = MakeScanTasks(*scan, 1);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  // The log's in-memory file system is the worker's too; the task carries everything else.
  auto stream = ReadScanTask(log.engine(), (*tasks)[0]);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto t = ReadAll(*stream);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(test::SchemaAndSortedRows(*t),
            (std::vector<std::string>{
                "id: int64\n_row_id: int64 not null\n_row_commit_version: int64 not null\n"
                "_row_index: int64 not null",
                "id=7|_row_id=10|_row_commit_version=3|_row_index=0|",
                "id=8|_row_id=100|_row_commit_version=3|_row_index=1|"}));
}

TEST(ScanTaskTest, TheWorkersLocationPolicyDecidesFilesOutsideTheRoot) {
  LogBuilder log;
  auto schema = arrow::schema({arrow::field("id", arrow::int64())});
  std::string bytes = ParquetBytes(
      arrow::Table::Make(schema, {*arrow::json::ArrayFromJSONString(arrow::int64(), "[1, 2]")}));
  // A shallow-clone-like table: its one file lives outside the table root, on the same store.
  const std::string outside = "memory:///elsewhere/f.parquet";
  ASSERT_TRUE(log.fs()->Write(outside, bytes).ok());
  log.Commit(0,
             {ProtocolJson(1, 2, ""),
              R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},)"
              R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",)"
              R"(\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}",)"
              R"("partitionColumns":[],"configuration":{}}})",
              R"({"add":{"path":")" + outside + R"(","partitionValues":{},"size":)" +
                  std::to_string(bytes.size()) + R"(,"modificationTime":1,"dataChange":true}})"});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok());
  auto tasks = MakeScanTasks(*scan, 1);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 1u);

  // A worker allowing the table's own store reads it, as the driver did.
  auto allowed = ReadScanTask(log.engine(), (*tasks)[0]);
  ASSERT_TRUE(allowed.ok()) << allowed.status().ToString();
  auto t = ReadAll(*allowed);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->num_rows(), 2);

  // A worker whose engine allows nothing outside a table's root refuses the task.
  DefaultEngineOptions strict;
  strict.location_policy.allow_same_store = false;
  auto worker = MakeDefaultEngine(log.fs(), strict);
  ASSERT_TRUE(worker.ok());
  auto refused = ReadScanTask(*worker, (*tasks)[0]);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(refused.status().message().find("points at " + outside), std::string::npos)
      << refused.status().message();
  EXPECT_NE(refused.status().message().find("scan task"), std::string::npos)
      << refused.status().message();
}

// --- damaged bytes ---------------------------------------------------------------------------

std::string OneTask() {
  auto snap = Load("basic-decimal-table");
  auto scan = Scan::Make(snap, Filtered("part > 0 OR col3 < 0"));
  EXPECT_TRUE(scan.ok());
  auto tasks = MakeScanTasks(*scan, 100);
  EXPECT_TRUE(tasks.ok());
  return tasks->at(0);
}

void PutU32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

// The body with a new checksum: damage the checksum does not see.
std::string Resealed(std::string task) {
  const size_t body = task.size() - 16 - 4;
  PutU32(task, task.size() - 4, Crc32(std::string_view(task).substr(16, body)));
  return task;
}

TEST(ScanTaskTest, FramingErrorsAreNamed) {
  DELTA_REQUIRE_CONFORMANCE();
  const std::string task = OneTask();
  auto engine = NewEngine();
  ASSERT_TRUE(ScanFromTask(task, engine).ok());

  auto message = [&](std::string_view bytes) {
    auto r = ScanFromTask(bytes, engine);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    return r.status().message();
  };
  EXPECT_EQ(message("PAR1...."),
            "scan task: not a scan task (the bytes do not start with \"DKST\")");
  EXPECT_EQ(message(""), "scan task: not a scan task (the bytes do not start with \"DKST\")");

  std::string newer = task;
  PutU32(newer, 4, kScanTaskFormatVersion + 1);
  EXPECT_EQ(message(newer),
            "scan task: format version 2 is newer than this library reads (1); upgrade "
            "delta-kernel on the worker");
  PutU32(newer, 4, 0);
  EXPECT_EQ(message(newer), "scan task: format version 0 is invalid");

  EXPECT_EQ(message(task.substr(0, task.size() - 1)),
            "scan task: truncated: " + std::to_string(task.size() - 1) +
                " bytes where the header announces " + std::to_string(task.size()));
  EXPECT_EQ(message(task + "x"), "scan task: trailing bytes: " + std::to_string(task.size() + 1) +
                                     " bytes where the header announces " +
                                     std::to_string(task.size()));
  EXPECT_EQ(message(task.substr(0, 10)),
            "scan task: truncated: body length at byte 4 needs 8 "
            "bytes, 2 left");
  EXPECT_EQ(ScanFromTask(task, nullptr).status().message(), "ScanFromTask: engine is null");
}

TEST(ScanTaskTest, EveryTruncationAndByteFlipIsRefused) {
  DELTA_REQUIRE_CONFORMANCE();
  const std::string task = OneTask();
  auto engine = NewEngine();
  for (size_t n = 0; n < task.size(); ++n) {
    auto r = ScanFromTask(std::string_view(task).substr(0, n), engine);
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes";
    ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    ASSERT_TRUE(r.status().message().starts_with("scan task: ")) << r.status().message();
  }
  // Any flipped bit is caught: by the magic, version or length checks, or by the checksum.
  for (size_t i = 0; i < task.size(); ++i) {
    std::string bad = task;
    bad[i] = static_cast<char>(bad[i] ^ 0x10);
    auto r = ScanFromTask(bad, engine);
    ASSERT_FALSE(r.ok()) << "byte " << i;
    ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  std::string bad = task;
  bad[20] = static_cast<char>(bad[20] ^ 1);
  EXPECT_EQ(ScanFromTask(bad, engine).status().message(),
            "scan task: corrupt: the checksum does not match the contents");
}

// Damage behind a valid checksum (a buggy writer, not the wire): the decoder never reads out
// of bounds or trusts counts; it refuses or decodes something it can describe.
TEST(ScanTaskTest, ResealedRandomDamageNeverCrashes) {
  DELTA_REQUIRE_CONFORMANCE();
  const std::string task = OneTask();
  auto engine = NewEngine();
  std::mt19937 rng(16);
  int refused = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bad = task;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) {
      size_t at = 16 + rng() % (task.size() - 20);
      bad[at] = static_cast<char>(rng() & 0xff);
    }
    auto r = ScanFromTask(Resealed(bad), engine);
    if (!r.ok()) {
      ++refused;
      // A damaged file URI may now point outside the table's store: the location policy's
      // PermissionDenied; everything else is a decoding error.
      ASSERT_TRUE(r.status().code() == StatusCode::kInvalidArgument ||
                  r.status().code() == StatusCode::kPermissionDenied)
          << r.status().ToString();
    }
  }
  EXPECT_GT(refused, 1000);
  // A huge count is refused before anything is allocated for it.
  std::string huge = task;
  PutU32(huge, 16, 0xfffffff0u);  // the table root's length
  EXPECT_EQ(ScanFromTask(Resealed(huge), engine).status().message(),
            "scan task: truncated: table root at byte 4 needs 4294967280 bytes, " +
                std::to_string(task.size() - 20 - 4) + " left");
}

// A task's scan lists the task's files, and splits again into tasks that read the same rows.
TEST(ScanTaskTest, ATasksScanListsItsFilesAndSplitsAgain) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = Load("basic-decimal-table");
  auto scan = Scan::Make(snap, {});
  ASSERT_TRUE(scan.ok());
  auto tasks = MakeScanTasks(*scan, 3);
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 2u);
  auto task_scan = ScanFromTask((*tasks)[0], NewEngine());
  ASSERT_TRUE(task_scan.ok());
  EXPECT_EQ((*task_scan)->snapshot()->version(), snap->version());
  EXPECT_EQ((*task_scan)->snapshot()->table_location(), snap->table_location());
  auto files = (*task_scan)->Files();
  ASSERT_TRUE(files.ok());
  auto info = DescribeScanTask((*tasks)[0]);
  ASSERT_TRUE(info.ok());
  ASSERT_EQ(files->size(), 3u);
  for (size_t i = 0; i < files->size(); ++i) {
    EXPECT_EQ((*files)[i].location, info->file_locations[i]);
  }
  auto again = MakeScanTasks(*task_scan, 1);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->size(), 3u);
  int64_t rows = 0;
  for (const std::string& t : *again) {
    auto stream = ReadScanTask(NewEngine(), t);
    ASSERT_TRUE(stream.ok());
    auto part = ReadAll(*stream);
    ASSERT_NE(part, nullptr);
    rows += part->num_rows();
  }
  EXPECT_EQ(rows, 3);  // one row a file
}

TEST(ScanTaskTest, ZeroFilesPerTaskIsRefused) {
  DELTA_REQUIRE_CONFORMANCE();
  auto scan = Scan::Make(Load("basic-decimal-table"), Filtered("part < -3000000"));
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(MakeScanTasks(*scan, 0).status().message(),
            "MakeScanTasks: max_files_per_task must be at least 1");
  auto none = MakeScanTasks(*scan, 4);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace delta
