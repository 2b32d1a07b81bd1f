// ScanFiles are read back from the scan's metadata batches (SelectedScanFiles, Scan::Files,
// Scan::FileIterator): exact values of every field and typed partition value, files that outlive
// their batch, an engine's own selection, and bad batches refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_metadata.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;
using testing::ProtocolJson;

// Partition columns of many types (and a long data column `v` with stats).
std::string TypedMetadataJson() {
  auto field = [](const std::string& name, const std::string& type) {
    return R"({\"name\":\")" + name + R"(\",\"type\":\")" + type +
           R"(\",\"nullable\":true,\"metadata\":{}})";
  };
  std::string fields = field("v", "long") + "," + field("d", "date") + "," +
                       field("dec", "decimal(38,2)") + "," + field("ts", "timestamp") + "," +
                       field("b", "byte") + "," + field("flag", "boolean") + "," +
                       field("f", "float") + "," + field("s", "string");
  return R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":)"
         R"("{\"type\":\"struct\",\"fields\":[)" +
         fields +
         R"(]}","partitionColumns":["d","dec","ts","b","flag","f","s"],"configuration":{}}})";
}

// Three files: `a` with every value set, a DV and row tracking; `b` with every value null and
// stats that skip it under v < 10; `c` without stats.
LogBuilder TypedTable() {
  LogBuilder log;
  log.Commit(
      0, {ProtocolJson(1, 2), TypedMetadataJson(),
          R"({"add":{"path":"a.parquet","partitionValues":{"d":"2024-01-02",)"
          R"("dec":"-123456789012345678901234.56","ts":"2024-01-02 03:04:05.123456","b":"-3",)"
          R"("flag":"true","f":"1.5","s":"x y"},"size":10,"modificationTime":7,"dataChange":true,)"
          R"("baseRowId":100,"defaultRowCommitVersion":3,)"
          R"("stats":"{\"numRecords\":4,\"minValues\":{\"v\":1},\"maxValues\":{\"v\":5}}",)"
          R"("deletionVector":{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^",)"
          R"("offset":1,"sizeInBytes":36,"cardinality":2}}})",
          R"({"add":{"path":"b.parquet","partitionValues":{"d":null,"dec":null,"ts":null,"b":null,)"
          R"("flag":null,"f":null,"s":null},"size":20,"modificationTime":8,"dataChange":true,)"
          R"("stats":"{\"numRecords\":1,\"minValues\":{\"v\":50},\"maxValues\":{\"v\":60}}"}})",
          R"({"add":{"path":"c.parquet","partitionValues":{"d":"2024-01-03","dec":"0.01",)"
          R"("ts":"1970-01-01 00:00:00","b":"0","flag":"false","f":"-0.25","s":"z"},"size":30,)"
          R"("modificationTime":9,"dataChange":true}})"});
  return log;
}

std::shared_ptr<const Scan> MakeScan(const LogBuilder& log, ExprPtr filter = nullptr) {
  auto snap = log.table().LatestSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  ScanOptions options;
  options.filter = std::move(filter);
  auto scan = Scan::Make(*snap, options);
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  return *scan;
}

ExprPtr SmallV() { return expr::Lt(expr::Col("v"), expr::Lit(Literal::Long(10))); }

// Every metadata batch of `scan`.
std::vector<ScanMetadataBatch> Batches(const Scan& scan) {
  std::vector<ScanMetadataBatch> out;
  auto it = scan.MetadataBatches();
  EXPECT_TRUE(it.ok()) << it.status().ToString();
  while (true) {
    auto b = (*it)->Next();
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    if (!b.ok() || !*b) break;
    out.push_back(std::move(**b));
  }
  return out;
}

const ScanFile& Named(const std::vector<ScanFile>& files, std::string_view path) {
  for (const ScanFile& f : files) {
    if (f.path == path) return f;
  }
  static const ScanFile kNone;
  ADD_FAILURE() << "no file " << path;
  return kNone;
}

TEST(ScanFilesFromBatchesTest, EveryFieldAndTypedPartitionValue) {
  LogBuilder log = TypedTable();
  auto scan = MakeScan(log);
  ScanCounts counts;
  auto files = scan->Files(&counts);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 3u);
  EXPECT_EQ(counts.total_files, 3);
  EXPECT_EQ(counts.selected_files, 3);

  const ScanFile& a = Named(*files, "a.parquet");
  EXPECT_EQ(a.location, "memory:///t/a.parquet");
  EXPECT_EQ(a.size, 10);
  EXPECT_EQ(a.modification_time, 7);
  EXPECT_EQ(a.num_records, std::optional<int64_t>(4));
  EXPECT_EQ(a.base_row_id, std::optional<int64_t>(100));
  EXPECT_EQ(a.default_row_commit_version, std::optional<int64_t>(3));
  ASSERT_NE(a.deletion_vector, nullptr);
  EXPECT_EQ(a.deletion_vector->storage_type, 'u');
  EXPECT_EQ(a.deletion_vector->path_or_inline, "ab^-aqEH.-t@S}K{vb[*k^");
  EXPECT_EQ(a.deletion_vector->offset, std::optional<int32_t>(1));
  EXPECT_EQ(a.deletion_vector->size_in_bytes, 36);
  EXPECT_EQ(a.deletion_vector->cardinality, 2);
  ASSERT_EQ(a.partition_values.size(), 7u);
  EXPECT_EQ(a.partition_values.at("d"), Literal::Date(19724));
  auto dec = Literal::Decimal(Decimal128{-669261, 7484280360333952320ULL}, 38, 2);
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(a.partition_values.at("dec"), *dec);
  EXPECT_EQ(a.partition_values.at("ts"), Literal::Timestamp(1704164645123456));
  EXPECT_EQ(a.partition_values.at("b"), Literal::Byte(-3));
  EXPECT_EQ(a.partition_values.at("flag"), Literal::Boolean(true));
  EXPECT_EQ(a.partition_values.at("f"), Literal::Float(1.5f));
  EXPECT_EQ(a.partition_values.at("s"), Literal::String("x y"));

  const ScanFile& b = Named(*files, "b.parquet");
  EXPECT_EQ(b.num_records, std::optional<int64_t>(1));
  EXPECT_EQ(b.deletion_vector, nullptr);
  EXPECT_EQ(b.base_row_id, std::nullopt);
  ASSERT_EQ(b.partition_values.size(), 7u);
  for (const auto& [name, value] : b.partition_values) {
    EXPECT_TRUE(value.is_null()) << name;
    EXPECT_EQ(value.type()->kind(), a.partition_values.at(name).kind()) << name;
  }

  const ScanFile& c = Named(*files, "c.parquet");
  EXPECT_EQ(c.num_records, std::nullopt);
  EXPECT_EQ(c.partition_values.at("d"), Literal::Date(19725));
  auto cent = Literal::Decimal(Decimal128::FromInt64(1), 38, 2);
  ASSERT_TRUE(cent.ok());
  EXPECT_EQ(c.partition_values.at("dec"), *cent);
  EXPECT_EQ(c.partition_values.at("ts"), Literal::Timestamp(0));
  EXPECT_EQ(c.partition_values.at("b"), Literal::Byte(0));
  EXPECT_EQ(c.partition_values.at("flag"), Literal::Boolean(false));
  EXPECT_EQ(c.partition_values.at("f"), Literal::Float(-0.25f));
}

TEST(ScanFilesFromBatchesTest, IteratorHandsOutTheSelectedRowsWithCounts) {
  LogBuilder log = TypedTable();
  auto scan = MakeScan(log, SmallV());
  auto it = scan->FileIterator();
  std::vector<std::string> paths;
  while (true) {
    auto f = it->Next();
    ASSERT_TRUE(f.ok()) << f.status().ToString();
    if (!*f) break;
    paths.emplace_back((*f)->path);
  }
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"a.parquet", "c.parquet"}));
  ScanCounts counts = it->counts();
  EXPECT_EQ(counts.total_files, 3);
  EXPECT_EQ(counts.skipped_by_stats, 1);
  EXPECT_EQ(counts.selected_files, 2);
}

TEST(ScanFilesFromBatchesTest, FilesOutliveTheirBatch) {
  LogBuilder log = TypedTable();
  std::vector<ScanFile> files;
  {
    auto scan = MakeScan(log, SmallV());
    std::vector<ScanMetadataBatch> batches = Batches(*scan);
    ASSERT_EQ(batches.size(), 1u);
    auto got = SelectedScanFiles(*scan, batches[0]);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    files = std::move(*got);
  }  // the batch, the scan and its snapshot are gone
  ASSERT_EQ(files.size(), 2u);
  const ScanFile& a = Named(files, "a.parquet");
  ASSERT_NE(a.deletion_vector, nullptr);
  EXPECT_EQ(a.deletion_vector->UniqueId(), "uab^-aqEH.-t@S}K{vb[*k^@1");
  EXPECT_EQ(a.partition_values.at("s"), Literal::String("x y"));
  EXPECT_EQ(Named(files, "c.parquet").location, "memory:///t/c.parquet");
}

TEST(ScanFilesFromBatchesTest, TheCallersSelectionDecides) {
  LogBuilder log = TypedTable();
  auto scan = MakeScan(log, SmallV());
  std::vector<ScanMetadataBatch> batches = Batches(*scan);
  ASSERT_EQ(batches.size(), 1u);
  // Row order: every row's file, with the selection set to all.
  std::vector<uint8_t> planned = batches[0].selection;
  batches[0].selection.assign(3, 1);
  auto all = SelectedScanFiles(*scan, batches[0]);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  size_t skipped = 0;
  while (skipped < 3 && (*all)[skipped].path != "b.parquet") ++skipped;
  ASSERT_LT(skipped, 3u);
  std::vector<uint8_t> expected(3, 1);
  expected[skipped] = 0;
  EXPECT_EQ(planned, expected);
  batches[0].selection.assign(3, 0);
  batches[0].selection[skipped] = 1;  // an engine reading only the file stats skipped
  auto files = SelectedScanFiles(*scan, batches[0]);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].path, "b.parquet");
  EXPECT_EQ((*files)[0].location, "memory:///t/b.parquet");
}

TEST(ScanFilesFromBatchesTest, RefusesAMismatchedSelectionOrAReleasedBatch) {
  LogBuilder log = TypedTable();
  auto scan = MakeScan(log);
  std::vector<ScanMetadataBatch> batches = Batches(*scan);
  ASSERT_EQ(batches.size(), 1u);
  ScanMetadataBatch& b = batches[0];
  b.selection.pop_back();
  auto short_selection = SelectedScanFiles(*scan, b);
  ASSERT_FALSE(short_selection.ok());
  EXPECT_EQ(short_selection.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(short_selection.status().message().find("2 selection entries for 3 rows"),
            std::string::npos)
      << short_selection.status().ToString();

  ScanMetadataBatch released;
  released.selection = {1};
  auto none = SelectedScanFiles(*scan, released);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
}

TEST(ScanFilesFromBatchesTest, MalformedPartitionValueNamesTheFileAndColumn) {
  LogBuilder log;
  log.Commit(0, {ProtocolJson(1, 2), TypedMetadataJson(),
                 R"({"add":{"path":"bad.parquet","partitionValues":{"d":"not a date"},)"
                 R"("size":1,"modificationTime":1,"dataChange":true}})"});
  auto scan = MakeScan(log);
  auto files = scan->Files();
  ASSERT_FALSE(files.ok());
  EXPECT_NE(files.status().message().find("file 'bad.parquet', partition column 'd'"),
            std::string::npos)
      << files.status().ToString();
  auto it = scan->FileIterator();
  auto first = it->Next();
  ASSERT_FALSE(first.ok());
  auto again = it->Next();  // sticky
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), first.status().message());
}

}  // namespace
}  // namespace delta
