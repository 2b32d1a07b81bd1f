// ExecuteScan on the default engine: exact rows and values for plain tables, column mapping
// (name and id, renamed and dropped columns), deletion vectors, filters with SQL semantics,
// metadata and row-tracking columns, type widening, void columns, limits and errors.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/compute/cast.h>
#include <arrow/io/file.h>
#include <arrow/io/memory.h>
#include <arrow/json/from_string.h>
#include <arrow/util/key_value_metadata.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/writer.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "delta/default_engine.h"
#include "delta/deletion_vector.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "dv/z85.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"
#include "support/log_builder.h"
#include "text_output.h"  // the CLI's text rendering (tools/)

namespace delta {
namespace {

using cli::TextFormat;
using cli::WriteScanAsText;

using testing::LogBuilder;
using testing::ProtocolJson;

// --- helpers ----------------------------------------------------------------------------------

std::shared_ptr<Engine> DefaultEngine() {
  DefaultEngineOptions o;
  o.cpu_threads = 4;
  auto e = MakeDefaultEngine(o);
  EXPECT_TRUE(e.ok());
  return *e;
}

std::shared_ptr<const Snapshot> Load(const std::string& name,
                                     const std::shared_ptr<Engine>& engine) {
  std::string path = test::ExtractedTablePath(name);
  EXPECT_FALSE(path.empty()) << name;
  auto table = Table::ForLocation(path, engine);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  return *snap;
}

ExprPtr Parse(const std::string& predicate) {
  auto parsed = ParseExpression(predicate);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return *parsed;
}

// Runs a scan to an Arrow table (through the public C stream).
Result<std::shared_ptr<arrow::Table>> RunScan(const std::shared_ptr<const Snapshot>& snap,
                                              ScanOptions opts,
                                              const std::shared_ptr<Engine>& engine,
                                              ExecuteOptions exec = {}) {
  DELTA_ASSIGN_OR_RETURN(auto scan, Scan::Make(snap, std::move(opts)));
  DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle stream, ExecuteScan(scan, engine, exec));
  auto table = test::ReadStream(stream);
  if (!table.ok()) return Status::IoError(table.status().ToString());
  return *table;
}

std::shared_ptr<arrow::Table> MustRun(const std::shared_ptr<const Snapshot>& snap, ScanOptions opts,
                                      const std::shared_ptr<Engine>& engine,
                                      ExecuteOptions exec = {}) {
  auto t = RunScan(snap, std::move(opts), engine, std::move(exec));
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : nullptr;
}

// Drops " ('name')" from rendered map types: the name of a map's entries field is a writer's
// choice (Spark names it after the column, Arrow "entries"), not part of the value.
std::string WithoutMapEntryNames(std::string s) {
  for (size_t at; (at = s.find(" ('")) != std::string::npos;) {
    size_t end = s.find("')", at);
    if (end == std::string::npos) break;
    s.erase(at, end + 2 - at);
  }
  return s;
}

// Every row as "col=value|col=value", sorted: a multiset comparison of tables.
std::vector<std::string> Rows(const arrow::Table& t) {
  std::vector<std::string> rows(static_cast<size_t>(t.num_rows()));
  for (int c = 0; c < t.num_columns(); ++c) {
    int64_t r = 0;
    for (const auto& chunk : t.column(c)->chunks()) {
      for (int64_t i = 0; i < chunk->length(); ++i, ++r) {
        auto scalar = chunk->GetScalar(i);
        rows[static_cast<size_t>(r)] +=
            t.field(c)->name() + "=" +
            WithoutMapEntryNames(scalar.ok() ? (*scalar)->ToString() : "?") + "|";
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<int64_t> Ints(const arrow::Table& t, const std::string& column) {
  std::vector<int64_t> out;
  auto col = t.GetColumnByName(column);
  EXPECT_NE(col, nullptr) << column;
  if (col == nullptr) return out;
  for (const auto& chunk : col->chunks()) {
    auto cast = arrow::compute::Cast(*chunk, arrow::int64());
    EXPECT_TRUE(cast.ok());
    auto ints = std::static_pointer_cast<arrow::Int64Array>(*cast);
    for (int64_t i = 0; i < ints->length(); ++i)
      out.push_back(ints->IsNull(i) ? -999 : ints->Value(i));
  }
  return out;
}

std::vector<int64_t> Sorted(std::vector<int64_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

std::shared_ptr<arrow::Table> ReadExpected(const std::string& name) {
  std::string root = test::ExtractedTablePath(name);
  std::string dir = std::filesystem::path(root).parent_path().string() + "/expected";
  std::vector<std::shared_ptr<arrow::Table>> parts;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".parquet") continue;
    auto input = arrow::io::ReadableFile::Open(entry.path().string());
    EXPECT_TRUE(input.ok());
    auto reader = parquet::arrow::OpenFile(*input, arrow::default_memory_pool());
    EXPECT_TRUE(reader.ok());
    auto t = (*reader)->ReadTable();
    EXPECT_TRUE(t.ok());
    parts.push_back(*t);
  }
  auto all = arrow::ConcatenateTables(parts);
  EXPECT_TRUE(all.ok());
  return *all;
}

std::shared_ptr<arrow::KeyValueMetadata> FieldId(int id) {
  return arrow::key_value_metadata({"PARQUET:field_id"}, {std::to_string(id)});
}

std::string ParquetBytes(const std::shared_ptr<arrow::Table>& table, int64_t row_group = 1024) {
  auto sink = *arrow::io::BufferOutputStream::Create();
  auto st = parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink, row_group);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return (*sink->Finish())->ToString();
}

std::shared_ptr<arrow::Array> Json(const std::shared_ptr<arrow::DataType>& type,
                                   const std::string& json) {
  auto a = arrow::json::ArrayFromJSONString(type, json);
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return *a;
}

// A metaData action over a schema string (already JSON-escaped for embedding).
std::string Metadata(const std::string& escaped_schema, const std::string& configuration,
                     const std::string& partitions = "[]") {
  return R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":")" +
         escaped_schema + R"(","partitionColumns":)" + partitions + R"(,"configuration":)" +
         configuration + "}}";
}

std::string Add(const std::string& path, size_t size, const std::string& extra = "",
                const std::string& partition_values = "{}") {
  return R"({"add":{"path":")" + path + R"(","partitionValues":)" + partition_values +
         R"(,"size":)" + std::to_string(size) + R"(,"modificationTime":1,"dataChange":true)" +
         extra + "}}";
}

// --- conformance tables -----------------------------------------------------------------------

TEST(ScanExecutionTest, DeletionVectorRemovesRowsAndRowIndexesStayPhysical) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("tables/table-with-dv-small", engine);
  ScanOptions o;
  o.metadata_columns = {MetadataColumn::kRowIndex, MetadataColumn::kFilePath};
  auto t = MustRun(snap, o, engine);
  ASSERT_NE(t, nullptr);
  // The DV deletes rows 0 and 9 of values 0..9.
  EXPECT_EQ(Sorted(Ints(*t, "value")), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(Sorted(Ints(*t, "_row_index")), (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(t->schema()->field(2)->name(), "_file_path");
  auto path = std::static_pointer_cast<arrow::StringArray>(t->column(2)->chunk(0));
  EXPECT_EQ(path->GetString(0), snap->ResolvePath(snap->files()[0].path));
  EXPECT_FALSE(t->schema()->field(1)->nullable());
}

TEST(ScanExecutionTest, LimitStopsEarly) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("tables/table-with-dv-small", engine);
  ScanOptions o;
  o.limit = 3;
  auto t = MustRun(snap, o, engine);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->num_rows(), 3);
  o.limit = 0;
  t = MustRun(snap, o, engine);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->num_rows(), 0);
  EXPECT_EQ(t->num_columns(), 1);
  o.limit = 100;
  t = MustRun(snap, o, engine);
  EXPECT_EQ(t->num_rows(), 8);
}

TEST(ScanExecutionTest, ColumnMappingNameAndIdModesMatchExpected) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  for (const char* name : {"table-with-columnmapping-mode-name", "table-with-columnmapping-mode-id",
                           "data-reader-timestamp_ntz-id-mode"}) {
    SCOPED_TRACE(name);
    auto snap = Load(name, engine);
    auto t = MustRun(snap, {}, engine);
    ASSERT_NE(t, nullptr);
    auto expected = ReadExpected(name);
    EXPECT_EQ(t->num_rows(), expected->num_rows());
    EXPECT_EQ(Rows(*t), Rows(*expected));
  }
}

TEST(ScanExecutionTest, PartitionValuesAreTyped) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("basic-decimal-table", engine);
  auto t = MustRun(snap, {}, engine);
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->schema()->field(0)->type()->Equals(arrow::decimal128(12, 5)));
  EXPECT_EQ(Rows(*t), Rows(*ReadExpected("basic-decimal-table")));
}

TEST(ScanExecutionTest, FilterIsExactWithOrWithoutSkipping) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("basic-decimal-table", engine);
  for (const char* predicate :
       {"part > 1000", "col1 = 1.00", "col1 >= 0 AND part < 1000", "col2 IN (2, 22222.22222)",
        "NOT (col1 > 0)", "col1 IS NULL", "part > 0 OR col3 < 0"}) {
    SCOPED_TRACE(predicate);
    ScanOptions on;
    on.filter = Parse(predicate);
    ScanOptions off = on;
    off.partition_pruning = false;
    off.data_skipping = false;
    auto with = MustRun(snap, on, engine);
    auto without = MustRun(snap, off, engine);
    ASSERT_NE(with, nullptr);
    ASSERT_NE(without, nullptr);
    EXPECT_EQ(Rows(*with), Rows(*without));
  }
  ScanOptions o;
  o.filter = Parse("col1 >= 0 AND part < 1000");
  o.columns = std::vector<std::string>{"col1"};
  auto t = MustRun(snap, o, engine);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->num_columns(), 1);
  EXPECT_EQ(Rows(*t), (std::vector<std::string>{"col1=0.00|", "col1=1.00|"}));
}

TEST(ScanExecutionTest, TypeWideningReadsOldFilesAsTheCurrentType) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("tables/type-widening", engine);
  auto t = MustRun(snap, {}, engine);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->num_rows(), 2);
  EXPECT_TRUE(t->GetColumnByName("byte_long")->type()->Equals(arrow::int64()));
  EXPECT_EQ(Sorted(Ints(*t, "byte_long")), (std::vector<int64_t>{1, 9223372036854775807LL}));
  EXPECT_TRUE(t->GetColumnByName("date_timestamp_ntz")
                  ->type()
                  ->Equals(arrow::timestamp(arrow::TimeUnit::MICRO)));
  EXPECT_TRUE(t->GetColumnByName("int_decimal")->type()->Equals(arrow::decimal128(11, 1)));
  auto rows = Rows(*t);
  bool old_row_seen = false;
  for (const std::string& r : rows) {
    if (r.find("byte_long=1|") != std::string::npos) {
      old_row_seen = true;
      EXPECT_NE(r.find("float_double=3.4000000953674316|"), std::string::npos) << r;
      EXPECT_NE(r.find("int_decimal=3.0|"), std::string::npos) << r;
      EXPECT_NE(r.find("date_timestamp_ntz=2024-09-09 00:00:00.000000|"), std::string::npos) << r;
    }
  }
  EXPECT_TRUE(old_row_seen);
}

TEST(ScanExecutionTest, VoidColumnsComeBackNull) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("tables/void-column", engine);
  auto t = MustRun(snap, {}, engine);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(Sorted(Ints(*t, "id")), (std::vector<int64_t>{1, 2, 3}));
  for (int c = 0; c < t->num_columns(); ++c) {
    if (t->field(c)->name() == "id") continue;
    EXPECT_EQ(t->field(c)->type()->id(), arrow::Type::NA);
    EXPECT_EQ(t->column(c)->null_count(), 3);
  }
}

// --- synthetic tables in memory -------------------------------------------------------------

// Column mapping with a renamed column, a dropped one and one added after the file was written.
// The file's column names differ from the physical names in id mode, so only ids can match.
void CheckMappedTable(const std::string& mode) {
  SCOPED_TRACE(mode);
  LogBuilder log;
  bool id_mode = mode == "id";
  auto schema = arrow::schema(
      {arrow::field(id_mode ? "stored_a" : "col-a", arrow::int32())->WithMetadata(FieldId(1)),
       arrow::field(id_mode ? "stored_b" : "col-b", arrow::utf8())->WithMetadata(FieldId(2)),
       arrow::field(id_mode ? "stored_s" : "col-s",
                    arrow::struct_({arrow::field(id_mode ? "stored_x" : "col-x", arrow::int64())
                                        ->WithMetadata(FieldId(4))}))
           ->WithMetadata(FieldId(3))});
  std::string x = id_mode ? "stored_x" : "col-x";
  auto table = arrow::Table::Make(
      schema, {Json(arrow::int32(), "[1, 2, 3]"), Json(arrow::utf8(), R"(["x", "y", null])"),
               Json(schema->field(2)->type(), "[{\"" + x + "\": 10}, null, {\"" + x + "\": 30}]")});
  std::string bytes = ParquetBytes(table);
  ASSERT_TRUE(log.fs()->Write(log.root() + "/f.parquet", bytes).ok());
  // Logical: "renamed" is col-a (id 1); col-b was dropped; "s" is a struct; "added" is new.
  std::string schema_json =
      R"({\"type\":\"struct\",\"fields\":[)"
      R"({\"name\":\"renamed\",\"type\":\"long\",\"nullable\":true,\"metadata\":)"
      R"({\"delta.columnMapping.id\":1,\"delta.columnMapping.physicalName\":\"col-a\"}},)"
      R"({\"name\":\"s\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",)"
      R"(\"type\":\"long\",\"nullable\":true,\"metadata\":{\"delta.columnMapping.id\":4,)"
      R"(\"delta.columnMapping.physicalName\":\"col-x\"}}]},\"nullable\":true,\"metadata\":)"
      R"({\"delta.columnMapping.id\":3,\"delta.columnMapping.physicalName\":\"col-s\"}},)"
      R"({\"name\":\"added\",\"type\":\"string\",\"nullable\":true,\"metadata\":)"
      R"({\"delta.columnMapping.id\":5,\"delta.columnMapping.physicalName\":\"col-new\"}}]})";
  log.Commit(0, {ProtocolJson(2, 5),
                 Metadata(schema_json, R"({"delta.columnMapping.mode":")" + mode +
                                           R"(","delta.columnMapping.maxColumnId":"5"})"),
                 Add("f.parquet", bytes.size())});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto t = MustRun(*snap, {}, log.engine());
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->schema()->ToString(), "renamed: int64\ns: struct<x: int64>\nadded: string");
  EXPECT_EQ(Rows(*t), (std::vector<std::string>{"renamed=1|s={x:int64 = 10}|added=null|",
                                                "renamed=2|s=null|added=null|",
                                                "renamed=3|s={x:int64 = 30}|added=null|"}));
  // Filters and projections use logical names.
  ScanOptions o;
  o.columns = std::vector<std::string>{"s.x"};
  o.filter = Parse("renamed >= 2");
  t = MustRun(*snap, o, log.engine());
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(Rows(*t), (std::vector<std::string>{"s=null|", "s={x:int64 = 30}|"}));
}

TEST(ScanExecutionTest, ColumnMappingRenamedDroppedAndAddedColumns) {
  CheckMappedTable("name");
  CheckMappedTable("id");
}

TEST(ScanExecutionTest, RowTrackingUsesMaterializedColumnsElseBaseRowId) {
  LogBuilder log;
  auto schema = arrow::schema({arrow::field("id", arrow::int64()),
                               arrow::field("_row_id_col", arrow::int64()),
                               arrow::field("_row_version_col", arrow::int64())});
  auto table = arrow::Table::Make(
      schema, {Json(arrow::int64(), "[7, 8, 9]"), Json(arrow::int64(), "[null, 100, null]"),
               Json(arrow::int64(), "[null, null, 7]")});
  std::string bytes = ParquetBytes(table);
  ASSERT_TRUE(log.fs()->Write(log.root() + "/f.parquet", bytes).ok());
  log.Commit(0,
             {ProtocolJson(3, 7,
                           R"(,"readerFeatures":[],"writerFeatures":["rowTracking",)"
                           R"("domainMetadata"])"),
              Metadata(R"({\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
                       R"(\"nullable\":true,\"metadata\":{}}]})",
                       R"({"delta.enableRowTracking":"true",)"
                       R"("delta.rowTracking.materializedRowIdColumnName":"_row_id_col",)"
                       R"("delta.rowTracking.materializedRowCommitVersionColumnName":)"
                       R"("_row_version_col"})"),
              Add("f.parquet", bytes.size(),
                  R"(,"baseRowId":10,"defaultRowCommitVersion":3)" + testing::InlineDvJson({2}))});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ScanOptions o;
  o.columns = std::vector<std::string>{"id", "_row_id", "_row_commit_version", "_row_index"};
  auto t = MustRun(*snap, o, log.engine());
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(Rows(*t),
            (std::vector<std::string>{"id=7|_row_id=10|_row_commit_version=3|_row_index=0|",
                                      "id=8|_row_id=100|_row_commit_version=3|_row_index=1|"}));
  // The hidden materialized columns never show up as data.
  EXPECT_EQ(MustRun(*snap, {}, log.engine())->num_columns(), 1);
}

// A large file read in several batches: row indexes and DVs line up across batch boundaries.
TEST(ScanExecutionTest, DeletionVectorAcrossBatchesOfALargeFile) {
  LogBuilder log;
  const int64_t n = 150000;
  arrow::Int64Builder b;
  for (int64_t i = 0; i < n; ++i) ASSERT_TRUE(b.Append(i).ok());
  std::shared_ptr<arrow::Array> ids;
  ASSERT_TRUE(b.Finish(&ids).ok());
  auto table = arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64())}), {ids});
  std::string bytes = ParquetBytes(table, 40000);
  ASSERT_TRUE(log.fs()->Write(log.root() + "/big.parquet", bytes).ok());
  std::vector<uint64_t> deleted;
  for (uint64_t i = 0; i < static_cast<uint64_t>(n); i += 7) deleted.push_back(i);
  log.Commit(0, {ProtocolJson(3, 7,
                              R"(,"readerFeatures":["deletionVectors"],)"
                              R"("writerFeatures":["deletionVectors"])"),
                 Metadata(R"({\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",)"
                          R"(\"nullable\":true,\"metadata\":{}}]})",
                          "{}"),
                 Add("big.parquet", bytes.size(), testing::InlineDvJson(deleted))});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ScanOptions o;
  o.metadata_columns = {MetadataColumn::kRowIndex};
  o.filter = Parse("id >= 0");
  auto t = RunScan(*snap, o, log.engine());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  std::vector<int64_t> got = Ints(**t, "id");
  std::vector<int64_t> idx = Ints(**t, "_row_index");
  ASSERT_EQ(got.size(), static_cast<size_t>(n - static_cast<int64_t>(deleted.size())));
  EXPECT_EQ(got, idx);  // in a single file the order is the file's
  for (int64_t v : got) ASSERT_NE(v % 7, 0) << v;
}

TEST(ScanExecutionTest, FloatFilterFollowsSparkNaNSemantics) {
  LogBuilder log;
  auto table = arrow::Table::Make(arrow::schema({arrow::field("d", arrow::float64())}),
                                  {Json(arrow::float64(), "[1.0, null, -5.0, 0.0]")});
  // NaN and -Infinity are not expressible in JSON; append them with a builder.
  arrow::DoubleBuilder b;
  ASSERT_TRUE(b.AppendValues({1.0, std::nan(""), -INFINITY, 0.0}).ok());
  ASSERT_TRUE(b.AppendNull().ok());
  std::shared_ptr<arrow::Array> values;
  ASSERT_TRUE(b.Finish(&values).ok());
  table = arrow::Table::Make(arrow::schema({arrow::field("d", arrow::float64())}), {values});
  std::string bytes = ParquetBytes(table);
  ASSERT_TRUE(log.fs()->Write(log.root() + "/f.parquet", bytes).ok());
  log.Commit(0, {ProtocolJson(1, 2),
                 Metadata(R"({\"type\":\"struct\",\"fields\":[{\"name\":\"d\",\"type\":)"
                          R"(\"double\",\"nullable\":true,\"metadata\":{}}]})",
                          "{}"),
                 Add("f.parquet", bytes.size())});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  const auto count = [&](const std::string& predicate) -> int64_t {
    ScanOptions o;
    o.filter = Parse(predicate);
    auto t = MustRun(*snap, o, log.engine());
    return t ? t->num_rows() : -1;
  };
  EXPECT_EQ(count("d > 0.5"), 2);                    // 1.0 and NaN (NaN is the largest)
  EXPECT_EQ(count("d < 0.5"), 2);                    // -inf and 0.0
  EXPECT_EQ(count("d = CAST('NaN' AS DOUBLE)"), 1);  // NaN = NaN
  EXPECT_EQ(count("d >= CAST('NaN' AS DOUBLE)"), 1);
  EXPECT_EQ(count("d != CAST('NaN' AS DOUBLE)"), 3);  // the null row is not selected
  EXPECT_EQ(count("NOT (d > 0.5)"), 2);               // NOT NULL is NULL
  EXPECT_EQ(count("d IS NULL"), 1);
  EXPECT_EQ(count("d IN (1.0, CAST('NaN' AS DOUBLE))"), 2);
  EXPECT_EQ(count("d IN (1.0, NULL)"), 1);
  EXPECT_EQ(count("NOT (d IN (1.0, NULL))"), 0);  // unmatched with a NULL in the list
  EXPECT_EQ(count("d <=> NULL"), 1);
}

TEST(ScanExecutionTest, MissingDataFileIsAnErrorNamingIt) {
  LogBuilder log;
  log.Commit(0, {ProtocolJson(1, 2),
                 Metadata(R"({\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":)"
                          R"(\"long\",\"nullable\":true,\"metadata\":{}}]})",
                          "{}"),
                 Add("gone.parquet", 100)});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  auto t = RunScan(*snap, {}, log.engine());
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("gone.parquet"), std::string::npos) << t.status().ToString();
}

TEST(ScanExecutionTest, TextAndParquetWriters) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("tables/table-with-dv-small", engine);
  ScanOptions o;
  o.filter = Parse("value < 4");
  auto scan = Scan::Make(snap, o);
  ASSERT_TRUE(scan.ok());
  for (auto [format, expected] : std::vector<std::pair<TextFormat, std::string>>{
           {TextFormat::kCsv, "value\n1\n2\n3\n"},
           {TextFormat::kJsonLines, "{\"value\":1}\n{\"value\":2}\n{\"value\":3}\n"},
           {TextFormat::kTable, "value\n    1\n    2\n    3\n"}}) {
    std::string text;
    auto rows = WriteScanAsText(*scan, engine, format, [&](std::string_view s) {
      text.append(s);
      return Status::OK();
    });
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, 3);
    EXPECT_EQ(text, expected);
  }
  std::string dir = std::filesystem::temp_directory_path() / "delta-scan-writer-test";
  std::filesystem::create_directories(dir);
  std::string out = dir + "/out.parquet";
  auto rows = WriteScanToParquet(*scan, engine, out);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, 3);
  auto input = *arrow::io::ReadableFile::Open(out);
  auto reader = *parquet::arrow::OpenFile(input, arrow::default_memory_pool());
  auto back = reader->ReadTable();
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(Rows(**back), (std::vector<std::string>{"value=1|", "value=2|", "value=3|"}));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace delta

namespace delta {
namespace {

// A table of `files` files with `rows` ids each (ids 0..files*rows-1), in memory.
LogBuilder& ManyFiles(LogBuilder& log, int files, int64_t rows) {
  std::vector<std::string> lines = {
      ProtocolJson(1, 2), Metadata(R"({\"type\":\"struct\",\"fields\":[{\"name\":\"id\",)"
                                   R"(\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]})",
                                   "{}")};
  for (int f = 0; f < files; ++f) {
    arrow::Int64Builder b;
    for (int64_t i = 0; i < rows; ++i) EXPECT_TRUE(b.Append(f * rows + i).ok());
    std::shared_ptr<arrow::Array> ids;
    EXPECT_TRUE(b.Finish(&ids).ok());
    auto table = arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64())}), {ids});
    std::string bytes = ParquetBytes(table, 100);
    std::string name = "f" + std::to_string(f) + ".parquet";
    EXPECT_TRUE(log.fs()->Write(log.root() + "/" + name, bytes).ok());
    lines.push_back(Add(name, bytes.size()));
  }
  log.Commit(0, lines);
  return log;
}

TEST(ScanExecutionStreamTest, ManyFilesWithSmallBuffersAndProgress) {
  LogBuilder log;
  ManyFiles(log, 24, 250);
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ExecuteOptions exec;
  exec.max_files_in_flight = 3;
  exec.max_buffered_batches = 1;
  std::vector<ScanProgress> seen;
  exec.progress = [&](const ScanProgress& p) { seen.push_back(p); };
  auto t = MustRun(*snap, {}, log.engine(), exec);
  ASSERT_NE(t, nullptr);
  std::vector<int64_t> expected(24 * 250);
  for (size_t i = 0; i < expected.size(); ++i) expected[i] = static_cast<int64_t>(i);
  EXPECT_EQ(Sorted(Ints(*t, "id")), expected);
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back().rows_output, 24 * 250);
  EXPECT_EQ(seen.back().files_planned, 24);
  for (size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].rows_output, seen[i - 1].rows_output);
    EXPECT_GE(seen[i].files_done, seen[i - 1].files_done);
  }
}

TEST(ScanExecutionStreamTest, LimitAcrossFilesAndEarlyRelease) {
  LogBuilder log;
  ManyFiles(log, 16, 300);
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  for (int64_t limit : {1, 299, 300, 301, 1000, 4799, 4800, 10000}) {
    ScanOptions o;
    o.limit = limit;
    ExecuteOptions exec;
    exec.max_files_in_flight = 4;
    auto t = MustRun(*snap, o, log.engine(), exec);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->num_rows(), std::min<int64_t>(limit, 4800)) << limit;
    auto ids = Ints(*t, "id");
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end()) << "duplicate rows, limit " << limit;
  }
  // Releasing the stream after one batch stops the reads in flight without waiting for the rest.
  for (int round = 0; round < 5; ++round) {
    auto scan = Scan::Make(*snap, {});
    ASSERT_TRUE(scan.ok());
    auto stream = ExecuteScan(*scan, log.engine());
    ASSERT_TRUE(stream.ok());
    ArrowArray batch;
    ASSERT_EQ((*stream)->get_next(stream->get(), &batch), 0);
    ASSERT_NE(batch.release, nullptr);
    EXPECT_GT(batch.length, 0);
    batch.release(&batch);
    stream->reset();
  }
}

TEST(ScanExecutionStreamTest, SqlThreeValuedLogicOnPartitionColumns) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = DefaultEngine();
  auto snap = Load("data-reader-partition-values", engine);
  const auto ints = [&](const std::string& predicate) {
    ScanOptions o;
    o.filter = Parse(predicate);
    o.columns = std::vector<std::string>{"as_int"};
    auto t = MustRun(snap, o, engine);
    return t ? Sorted(Ints(*t, "as_int")) : std::vector<int64_t>{-1};
  };
  // Partition values: as_int is 0, 1 and NULL (-999 below).
  EXPECT_EQ(ints("as_int = 0"), (std::vector<int64_t>{0}));
  EXPECT_EQ(ints("NOT (as_int = 0)"), (std::vector<int64_t>{1}));
  EXPECT_EQ(ints("as_int IS NULL"), (std::vector<int64_t>{-999}));
  EXPECT_EQ(ints("as_int = 0 OR as_int IS NULL"), (std::vector<int64_t>{-999, 0}));
  EXPECT_EQ(ints("NOT (as_int = 0 AND as_long = 5)"), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(ints("NOT (as_int = 7 OR as_string = 'x')"), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(ints("as_int <=> NULL"), (std::vector<int64_t>{-999}));
  EXPECT_EQ(ints("NOT (as_int <=> 0)"), (std::vector<int64_t>{-999, 1}));
  EXPECT_EQ(ints("as_int IN (1, NULL)"), (std::vector<int64_t>{1}));
  EXPECT_EQ(ints("as_date = DATE '2021-09-08' AND as_boolean"), (std::vector<int64_t>{0}));
  EXPECT_EQ(ints("as_timestamp = TIMESTAMP '2021-09-08 11:11:11'"), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ(ints("as_big_decimal > 0.5"), (std::vector<int64_t>{1}));
  EXPECT_EQ(ints("as_string_lit_null = 'null'"), (std::vector<int64_t>{0, 1}));
}

}  // namespace
}  // namespace delta
