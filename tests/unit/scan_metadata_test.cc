// Scan::MetadataBatches and ScanMetadataStream: the batches' selected rows are exactly the files
// (and values) Scan::Files() plans, on in-memory and streamed snapshots, and the selection
// counts are the scan's counts.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_metadata.h"
#include "delta/table.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;
using testing::ProtocolJson;

std::string Double(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A partition value as comparable text, from the kernel's Literal ...
std::string LiteralText(const Literal& v) {
  if (v.is_null()) return "null";
  switch (v.kind()) {
    case TypeKind::kBoolean:
      return v.boolean_value() ? "true" : "false";
    case TypeKind::kFloat:
    case TypeKind::kDouble:
      return Double(v.floating_value());
    case TypeKind::kString:
    case TypeKind::kBinary:
      return "'" + v.string_value() + "'";
    case TypeKind::kDecimal:
      return v.decimal_value().ToString();
    default:
      return std::to_string(v.int_value());
  }
}

// ... and from the batch's Arrow column.
std::string ScalarText(const arrow::Scalar& s) {
  if (!s.is_valid) return "null";
  switch (s.type->id()) {
    case arrow::Type::BOOL:
      return static_cast<const arrow::BooleanScalar&>(s).value ? "true" : "false";
    case arrow::Type::FLOAT:
      return Double(static_cast<const arrow::FloatScalar&>(s).value);
    case arrow::Type::DOUBLE:
      return Double(static_cast<const arrow::DoubleScalar&>(s).value);
    case arrow::Type::STRING:
    case arrow::Type::BINARY:
      return "'" + static_cast<const arrow::BaseBinaryScalar&>(s).value->ToString() + "'";
    case arrow::Type::DECIMAL128:
      return static_cast<const arrow::Decimal128Scalar&>(s).value.ToIntegerString();
    case arrow::Type::INT8:
      return std::to_string(static_cast<const arrow::Int8Scalar&>(s).value);
    case arrow::Type::INT16:
      return std::to_string(static_cast<const arrow::Int16Scalar&>(s).value);
    case arrow::Type::INT32:
      return std::to_string(static_cast<const arrow::Int32Scalar&>(s).value);
    case arrow::Type::INT64:
      return std::to_string(static_cast<const arrow::Int64Scalar&>(s).value);
    case arrow::Type::DATE32:
      return std::to_string(static_cast<const arrow::Date32Scalar&>(s).value);
    case arrow::Type::TIMESTAMP:
      return std::to_string(static_cast<const arrow::TimestampScalar&>(s).value);
    default:
      return "unexpected type " + s.type->ToString();
  }
}

// Everything a reader takes from a ScanFile, as one comparable line.
std::string Describe(const ScanFile& f) {
  std::string s = "path=" + std::string(f.path) + " size=" + std::to_string(f.size) +
                  " mtime=" + std::to_string(f.modification_time) +
                  " records=" + (f.num_records ? std::to_string(*f.num_records) : "-");
  for (const auto& [name, value] : f.partition_values) s += " " + name + "=" + LiteralText(value);
  if (f.deletion_vector != nullptr) s += " dv=" + f.deletion_vector->UniqueId();
  if (f.base_row_id) s += " rowid=" + std::to_string(*f.base_row_id);
  if (f.default_row_commit_version) s += " rcv=" + std::to_string(*f.default_row_commit_version);
  return s;
}

template <typename T>
const T& Col(const arrow::StructArray& a, const char* name) {
  auto c = a.GetFieldByName(name);
  EXPECT_NE(c, nullptr) << name;
  return static_cast<const T&>(*c);
}

// The same line from row `i` of a batch.
std::string DescribeRow(const arrow::StructArray& b, int64_t i) {
  const auto& path = Col<arrow::StringArray>(b, "path");
  const auto& stats = Col<arrow::StringArray>(b, "stats");
  const auto& dv = Col<arrow::StructArray>(b, "deletionVector");
  const auto& row_id = Col<arrow::Int64Array>(b, "baseRowId");
  const auto& rcv = Col<arrow::Int64Array>(b, "defaultRowCommitVersion");
  const auto& parts = Col<arrow::StructArray>(b, "partitionValues");
  AddFile add;  // for numRecords, as ScanFile takes it from the stats
  std::string stats_text = stats.IsNull(i) ? "" : stats.GetString(i);
  add.stats = stats_text;
  std::optional<int64_t> records = add.NumRecords();
  std::string s =
      "path=" + path.GetString(i) +
      " size=" + std::to_string(Col<arrow::Int64Array>(b, "size").Value(i)) +
      " mtime=" + std::to_string(Col<arrow::Int64Array>(b, "modificationTime").Value(i)) +
      " records=" + (records ? std::to_string(*records) : "-");
  std::vector<std::pair<std::string, std::string>> values;
  for (int c = 0; c < parts.num_fields(); ++c) {
    auto scalar = parts.field(c)->GetScalar(i);
    EXPECT_TRUE(scalar.ok());
    values.emplace_back(parts.type()->field(c)->name(), ScalarText(**scalar));
  }
  std::sort(values.begin(), values.end());
  for (const auto& [name, value] : values) s += " " + name + "=" + value;
  if (dv.IsValid(i)) {
    DeletionVectorDescriptor d;
    std::string type = Col<arrow::StringArray>(dv, "storageType").GetString(i);
    std::string where = Col<arrow::StringArray>(dv, "pathOrInlineDv").GetString(i);
    d.storage_type = type.at(0);
    d.path_or_inline = where;
    const auto& offset = Col<arrow::Int32Array>(dv, "offset");
    if (offset.IsValid(i)) d.offset = offset.Value(i);
    s += " dv=" + d.UniqueId();
  }
  if (row_id.IsValid(i)) s += " rowid=" + std::to_string(row_id.Value(i));
  if (rcv.IsValid(i)) s += " rcv=" + std::to_string(rcv.Value(i));
  return s;
}

struct FromBatches {
  std::vector<std::string> selected;  // described rows where the selection is 1
  ScanCounts counts;                  // the iterator's
  ScanCounts summed;                  // the batches' own counts, added up
  int64_t rows = 0;
  int64_t ones = 0;
};

void ExpectSameCounts(const ScanCounts& a, const ScanCounts& b) {
  EXPECT_EQ(a.total_files, b.total_files);
  EXPECT_EQ(a.pruned_by_partition, b.pruned_by_partition);
  EXPECT_EQ(a.skipped_by_stats, b.skipped_by_stats);
  EXPECT_EQ(a.selected_files, b.selected_files);
}

FromBatches ReadBatches(const std::shared_ptr<const Scan>& scan) {
  FromBatches out;
  auto it = scan->MetadataBatches();
  EXPECT_TRUE(it.ok()) << it.status().ToString();
  if (!it.ok()) return out;
  while (true) {
    auto next = (*it)->Next();
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !next->has_value()) break;
    ScanMetadataBatch& batch = **next;
    auto schema = ScanMetadataSchema(*scan);
    EXPECT_TRUE(schema.ok());
    auto imported = arrow::ImportRecordBatch(batch.array.get(), schema->get());
    EXPECT_TRUE(imported.ok()) << imported.status().ToString();
    if (!imported.ok()) break;
    auto as_struct = (*imported)->ToStructArray();
    EXPECT_TRUE(as_struct.ok());
    const auto& rows = static_cast<const arrow::StructArray&>(**as_struct);
    const auto& selected = Col<arrow::BooleanArray>(rows, "selected");
    EXPECT_EQ(static_cast<int64_t>(batch.selection.size()), rows.length());
    EXPECT_EQ(rows.length(), batch.counts.total_files);
    for (int64_t i = 0; i < rows.length(); ++i) {
      EXPECT_EQ(batch.selection[i] == 1, selected.Value(i)) << i;
      if (batch.selection[i] == 1) {
        out.selected.push_back(DescribeRow(rows, i));
        ++out.ones;
      }
    }
    out.rows += rows.length();
    out.summed.total_files += batch.counts.total_files;
    out.summed.pruned_by_partition += batch.counts.pruned_by_partition;
    out.summed.skipped_by_stats += batch.counts.skipped_by_stats;
    out.summed.selected_files += batch.counts.selected_files;
  }
  out.counts = (*it)->counts();
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// The batches of a scan with `options` against Files(), on both kinds of snapshot.
void ExpectBatchesMatchFiles(const std::string& path, const ScanOptions& options) {
  DefaultEngineOptions eo;
  eo.cpu_threads = 2;
  auto engine = MakeDefaultEngine(eo);
  ASSERT_TRUE(engine.ok());
  auto table = Table::ForLocation(path, *engine);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  for (FileListMode mode : {FileListMode::kInMemory, FileListMode::kStreamed}) {
    SCOPED_TRACE(mode == FileListMode::kInMemory ? "in memory" : "streamed");
    SnapshotOptions so;
    so.file_list = mode;
    auto snap = table->LatestSnapshot(so);
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    auto scan = Scan::Make(*snap, options);
    ASSERT_TRUE(scan.ok()) << scan.status().ToString();
    ScanCounts counts;
    auto files = (*scan)->Files(&counts);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    std::vector<std::string> expected;
    for (const ScanFile& f : *files) expected.push_back(Describe(f));

    FromBatches got = ReadBatches(*scan);
    EXPECT_EQ(Sorted(got.selected), Sorted(expected));
    ExpectSameCounts(got.counts, counts);
    ExpectSameCounts(got.summed, counts);
    EXPECT_EQ(got.ones, counts.selected_files);
    EXPECT_EQ(got.rows, counts.total_files);
  }
}

class ScanMetadataConformanceTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ScanMetadataConformanceTest, SelectedRowsAreTheScanFiles) {
  DELTA_REQUIRE_CONFORMANCE();
  // "name#dir": the table in directory `dir` of conformance table `name`.
  std::string name = GetParam();
  std::string dir;
  if (size_t hash = name.find('#'); hash != std::string::npos) {
    dir = "/" + name.substr(hash + 1);
    name.resize(hash);
  }
  std::string path = test::ExtractedTablePath(name);
  ASSERT_FALSE(path.empty());
  ExpectBatchesMatchFiles(path + dir, {});
}

INSTANTIATE_TEST_SUITE_P(
    Tables, ScanMetadataConformanceTest,
    ::testing::Values("basic_partitioned", "data-reader-partition-values",
                      "timestamp-partitioned-table", "dv-partitioned-with-checkpoint",
                      "table-with-dv-small", "data-skipping-basic-stats-all-types-checkpoint",
                      "basic-with-inserts-deletes-checkpoint", "multi-part-checkpoint",
                      "v2-checkpoints-parquet-with-sidecars", "table-with-columnmapping-mode-name",
                      "table-with-columnmapping-mode-id", "partition_cm#id", "partition_cm#name"),
    [](const auto& info) {
      std::string n = info.param;
      std::replace_if(
          n.begin(), n.end(), [](char c) { return !std::isalnum(c); }, '_');
      return n;
    });

TEST(ScanMetadataTest, PrunedAndSkippedRowsAreUnselected) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string path = test::ExtractedTablePath("dv-partitioned-with-checkpoint");
  ASSERT_FALSE(path.empty());
  auto engine = MakeDefaultEngine();
  ASSERT_TRUE(engine.ok());
  auto snap = Table::ForLocation(path, *engine)->LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  auto all = Scan::Make(*snap, {});
  ASSERT_TRUE(all.ok());
  auto files = (*all)->Files();
  ASSERT_TRUE(files.ok() && !files->empty());
  const auto& [part, value] = *files->front().partition_values.begin();
  ScanOptions options;
  options.filter = expr::Eq(expr::Col(part), expr::Lit(value));
  auto scan = Scan::Make(*snap, options);
  ASSERT_TRUE(scan.ok());
  ScanCounts counts;
  ASSERT_TRUE((*scan)->Files(&counts).ok());
  EXPECT_GT(counts.pruned_by_partition, 0);
  ExpectBatchesMatchFiles(path, options);
}

// Row tracking, inline DVs, stats-based skipping and only_files, value by value.
TEST(ScanMetadataTest, ExactColumnsFromCommits) {
  LogBuilder log;
  log.Commit(
      0,
      {ProtocolJson(1, 2),
       R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":)"
       R"("{\"type\":\"struct\",\"fields\":[{\"name\":\"p\",\"type\":\"date\",\"nullable\":true,)"
       R"(\"metadata\":{}},{\"name\":\"v\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}",)"
       R"("partitionColumns":["p"],"configuration":{}}})",
       R"({"add":{"path":"p=2024-01-02/a.parquet","partitionValues":{"p":"2024-01-02"},"size":10,)"
       R"("modificationTime":7,"dataChange":true,"baseRowId":100,"defaultRowCommitVersion":3,)"
       R"("stats":"{\"numRecords\":4,\"minValues\":{\"v\":1},\"maxValues\":{\"v\":5}}",)"
       R"("deletionVector":{"storageType":"u","pathOrInlineDv":"ab^-aqEH.-t@S}K{vb[*k^",)"
       R"("offset":1,"sizeInBytes":36,"cardinality":2}}})",
       R"({"add":{"path":"p=__HIVE_DEFAULT_PARTITION__/b.parquet","partitionValues":{"p":null},)"
       R"("size":20,"modificationTime":8,"dataChange":true,)"
       R"("stats":"{\"numRecords\":1,\"minValues\":{\"v\":50},\"maxValues\":{\"v\":60}}"}})",
       R"({"add":{"path":"p=2024-01-03/c.parquet","partitionValues":{"p":"2024-01-03"},"size":30,)"
       R"("modificationTime":9,"dataChange":true}})"});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ScanOptions options;
  options.filter = expr::Lt(expr::Col("v"), expr::Lit(Literal::Long(10)));
  auto scan = Scan::Make(*snap, options);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();

  auto stream = ScanMetadataStream(*scan);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto table = test::ReadStream(*stream);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto combined = (*table)->CombineChunksToBatch();
  ASSERT_TRUE(combined.ok());
  EXPECT_EQ((*combined)->schema()->ToString(),
            "path: string not null\n"
            "size: int64 not null\n"
            "modificationTime: int64 not null\n"
            "stats: string\n"
            "deletionVector: struct<storageType: string not null, pathOrInlineDv: string not "
            "null, offset: int32, sizeInBytes: int32 not null, cardinality: int64 not null>\n"
            "baseRowId: int64\n"
            "defaultRowCommitVersion: int64\n"
            "partitionValues: struct<p: date32[day]> not null\n"
            "selected: bool not null");
  auto rows = (*combined)->ToStructArray();
  ASSERT_TRUE(rows.ok());
  // b is skipped by its stats (v >= 50); c has none and is read.
  EXPECT_EQ((*rows)->ToString(),
            R"(-- is_valid: all not null
-- child 0 type: string
  [
    "p=2024-01-02/a.parquet",
    "p=__HIVE_DEFAULT_PARTITION__/b.parquet",
    "p=2024-01-03/c.parquet"
  ]
-- child 1 type: int64
  [
    10,
    20,
    30
  ]
-- child 2 type: int64
  [
    7,
    8,
    9
  ]
-- child 3 type: string
  [
    "{"numRecords":4,"minValues":{"v":1},"maxValues":{"v":5}}",
    "{"numRecords":1,"minValues":{"v":50},"maxValues":{"v":60}}",
    null
  ]
-- child 4 type: struct<storageType: string not null, pathOrInlineDv: string not null, offset: int32 (... 60 chars omitted)  -- is_valid:
      [
      true,
      false,
      false
    ]
  -- child 0 type: string
    [
      "u",
      "",
      ""
    ]
  -- child 1 type: string
    [
      "ab^-aqEH.-t@S}K{vb[*k^",
      "",
      ""
    ]
  -- child 2 type: int32
    [
      1,
      null,
      null
    ]
  -- child 3 type: int32
    [
      36,
      0,
      0
    ]
  -- child 4 type: int64
    [
      2,
      0,
      0
    ]
-- child 5 type: int64
  [
    100,
    null,
    null
  ]
-- child 6 type: int64
  [
    3,
    null,
    null
  ]
-- child 7 type: struct<p: date32[day]>
  -- is_valid: all not null
  -- child 0 type: date32[day]
    [
      2024-01-02,
      null,
      2024-01-03
    ]
-- child 8 type: bool
  [
    true,
    false,
    true
  ])");

  // only_files: the other files are rows too, unselected and counted as pruned.
  ScanOptions only;
  only.only_files = std::vector<std::string>{"p=2024-01-03/c.parquet"};
  auto only_scan = Scan::Make(*snap, only);
  ASSERT_TRUE(only_scan.ok());
  FromBatches got = ReadBatches(*only_scan);
  EXPECT_EQ(got.rows, 3);
  EXPECT_EQ(
      got.selected,
      (std::vector<std::string>{"path=p=2024-01-03/c.parquet size=30 mtime=9 records=- p=19725"}));
  EXPECT_EQ(got.counts.pruned_by_partition, 2);
  EXPECT_EQ(got.counts.selected_files, 1);
}

TEST(ScanMetadataTest, ManyBlocksAndEarlyDrop) {
  LogBuilder log;
  std::vector<std::string> lines = {
      ProtocolJson(1, 2),
      R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":)"
      R"("{\"type\":\"struct\",\"fields\":[{\"name\":\"p\",\"type\":\"integer\",\"nullable\":true,)"
      R"(\"metadata\":{}},{\"name\":\"v\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}",)"
      R"("partitionColumns":["p"],"configuration":{}}})"};
  const int kFiles = 5000;
  for (int i = 0; i < kFiles; ++i) {
    std::string p = std::to_string(i % 10);
    lines.push_back(R"({"add":{"path":"p=)" + p + "/f" + std::to_string(i) +
                    R"(.parquet","partitionValues":{"p":")" + p +
                    R"("},"size":10,"modificationTime":1,"dataChange":true}})");
  }
  log.Commit(0, lines);
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  ScanOptions options;
  options.filter = expr::Eq(expr::Col("p"), expr::Lit(Literal::Integer(3)));
  auto scan = Scan::Make(*snap, options);
  ASSERT_TRUE(scan.ok());
  FromBatches got = ReadBatches(*scan);
  EXPECT_EQ(got.rows, kFiles);
  EXPECT_EQ(got.ones, 500);
  EXPECT_EQ(got.counts.total_files, kFiles);
  EXPECT_EQ(got.counts.pruned_by_partition, 4500);
  EXPECT_EQ(got.counts.selected_files, 500);

  auto early = (*scan)->MetadataBatches();
  ASSERT_TRUE(early.ok());
  ASSERT_TRUE((*early)->Next().ok());
  early->reset();
}

TEST(ScanMetadataTest, MalformedPartitionValueNamesTheFile) {
  LogBuilder log;
  log.Commit(
      0, {ProtocolJson(1, 2),
          R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":)"
          R"("{\"type\":\"struct\",\"fields\":[{\"name\":\"p\",\"type\":\"integer\",)"
          R"(\"nullable\":true,\"metadata\":{}}]}","partitionColumns":["p"],"configuration":{}}})",
          R"({"add":{"path":"p=x/f.parquet","partitionValues":{"p":"x"},"size":1,)"
          R"("modificationTime":1,"dataChange":true}})"});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok());
  auto it = (*scan)->MetadataBatches();
  ASSERT_TRUE(it.ok());
  auto next = (*it)->Next();
  ASSERT_FALSE(next.ok());
  EXPECT_NE(next.status().message().find("p=x/f.parquet"), std::string::npos)
      << next.status().ToString();
  EXPECT_FALSE((*it)->Next().ok());  // sticky
}

}  // namespace
}  // namespace delta
