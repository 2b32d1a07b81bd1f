// The default engine's ParquetWriter: data files of every Delta type read back exactly, Hive
// partition folders, and the statistics JSON of each file as Delta Spark writes it.
#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "engine/file_stats.h"
#include "protocol/partition_path.h"
#include "protocol/uri.h"
#include "scan/scan_arrow_schema.h"
#include "scan/stats.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

std::shared_ptr<Engine> LocalEngine() {
  DefaultEngineOptions options;
  options.cpu_threads = 2;
  auto engine = MakeDefaultEngine(options);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return *engine;
}

std::shared_ptr<const StructType> Schema(const std::string& fields_json) {
  auto schema = ParseSchema(R"({"type":"struct","fields":[)" + fields_json + "]}");
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return *schema;
}

std::string Field(const std::string& name, const std::string& type, bool nullable = true) {
  return R"({"name":")" + name + R"(","type":)" + type + R"(,"nullable":)" +
         (nullable ? "true" : "false") + R"(,"metadata":{}})";
}

// The table schema's Arrow form (what the writer expects).
std::shared_ptr<arrow::Schema> ArrowOf(const StructType& schema) {
  auto c = ToArrowSchema(schema, false);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return *arrow::ImportSchema(c->get());
}

// A batch of `schema` from JSON rows (objects keyed by column name).
std::shared_ptr<arrow::RecordBatch> Batch(const std::shared_ptr<arrow::Schema>& schema,
                                          const std::string& rows) {
  auto array = arrow::json::ArrayFromJSONString(arrow::struct_(schema->fields()), rows);
  EXPECT_TRUE(array.ok()) << array.status().ToString();
  auto batch = arrow::RecordBatch::FromStructArray(*array);
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return *(*batch)->ReplaceSchema(schema);
}

Result<std::vector<WrittenFile>> Write(Engine& engine, const std::string& root,
                                       const StructType& schema,
                                       std::vector<std::shared_ptr<arrow::RecordBatch>> batches,
                                       const std::vector<std::string>& partitions = {},
                                       const ParquetWriteOptions& options = {}) {
  auto reader = arrow::RecordBatchReader::Make(batches, batches.front()->schema());
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  ArrowArrayStream stream;
  EXPECT_TRUE(arrow::ExportRecordBatchReader(*reader, &stream).ok());
  return engine.parquet_writer().Write(root, schema, partitions, &stream, options);
}

// A written file read back with the kernel's reader, shaped like `read_schema`.
std::shared_ptr<arrow::RecordBatch> ReadBack(Engine& engine, const std::string& root,
                                             const WrittenFile& file,
                                             const std::shared_ptr<arrow::Schema>& read_schema) {
  ArrowSchema c;
  EXPECT_TRUE(arrow::ExportSchema(*read_schema, &c).ok());
  auto stream = engine.parquet().Read(FileInfo{root + "/" + file.path}, &c);
  c.release(&c);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  auto table = test::ReadStream(*stream);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  auto batch = (*table)->CombineChunksToBatch();
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  return *batch;
}

std::string AllTypesFields() {
  return Field("b", R"("byte")") + "," + Field("s", R"("short")") + "," +
         Field("i", R"("integer")") + "," + Field("l", R"("long")") + "," +
         Field("f", R"("float")") + "," + Field("d", R"("double")") + "," +
         Field("dt", R"("date")") + "," + Field("ts", R"("timestamp")") + "," +
         Field("ntz", R"("timestamp_ntz")") + "," + Field("str", R"("string")") + "," +
         Field("dec", "\"decimal(10,2)\"") + "," + Field("bool", R"("boolean")") + "," +
         Field("bin", R"("binary")") + "," +
         Field("arr", R"({"type":"array","elementType":"integer","containsNull":true})") + "," +
         Field(
             "m",
             R"({"type":"map","keyType":"string","valueType":"integer","valueContainsNull":true})") +
         "," +
         Field("st", R"({"type":"struct","fields":[)" + Field("x", R"("integer")") + "," +
                         Field("y", R"("string")") + "]}");
}

constexpr const char* kAllTypesRows = R"([
  {"b":1,"s":100,"i":1000,"l":10000,"f":1.5,"d":2.5,"dt":19372,"ts":1686832200000000,
   "ntz":1686832200000000,"str":"alpha","dec":"123.45","bool":true,"bin":"ab","arr":[1,2],
   "m":[["k",1]],"st":{"x":10,"y":"nested_a"}},
  {"b":5,"s":500,"i":5000,"l":50000,"f":3.14,"d":6.28,"dt":19889,"ts":1735084800000000,
   "ntz":1735084800000000,"str":"gamma","dec":"999.99","bool":false,"bin":"cd","arr":[3],
   "m":[],"st":{"x":50,"y":null}},
  {"b":null,"s":null,"i":null,"l":null,"f":null,"d":null,"dt":null,"ts":null,"ntz":null,
   "str":null,"dec":null,"bool":null,"bin":null,"arr":null,"m":null,"st":null}
])";

TEST(ParquetWriterTest, EveryTypeReadsBackExactlyWithSparkStats) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(AllTypesFields());
  auto arrow_schema = ArrowOf(*schema);
  auto batch = Batch(arrow_schema, kAllTypesRows);
  auto files = Write(*engine, dir.uri(), *schema, {batch});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  const WrittenFile& file = (*files)[0];
  EXPECT_EQ(file.num_records, 3);
  EXPECT_TRUE(file.partition_values.empty());
  EXPECT_EQ(file.path.rfind("part-00000-", 0), 0u) << file.path;
  EXPECT_EQ(file.path.size(), std::string("part-00000--c000.snappy.parquet").size() + 36);
  EXPECT_EQ(static_cast<int64_t>(std::filesystem::file_size(dir.path() + "/" + file.path)),
            file.size);
  EXPECT_GT(file.modification_time, 0);

  auto back = ReadBack(*engine, dir.uri(), file, arrow_schema);
  ASSERT_NE(back, nullptr);
  EXPECT_TRUE(back->Equals(*batch)) << back->ToString() << "\nvs\n" << batch->ToString();

  EXPECT_EQ(file.stats,
            R"({"numRecords":3,)"
            R"("minValues":{"b":1,"s":100,"i":1000,"l":10000,"f":1.5,"d":2.5,"dt":"2023-01-15",)"
            R"("ts":"2023-06-15T12:30:00.000Z","ntz":"2023-06-15T12:30:00.000","str":"alpha",)"
            R"("dec":123.45,"st":{"x":10,"y":"nested_a"}},)"
            R"("maxValues":{"b":5,"s":500,"i":5000,"l":50000,"f":3.14,"d":6.28,"dt":"2024-06-15",)"
            R"("ts":"2024-12-25T00:00:00.000Z","ntz":"2024-12-25T00:00:00.000","str":"gamma",)"
            R"("dec":999.99,"st":{"x":50,"y":"nested_a"}},)"
            R"("nullCount":{"b":1,"s":1,"i":1,"l":1,"f":1,"d":1,"dt":1,"ts":1,"ntz":1,"str":1,)"
            R"("dec":1,"bool":1,"bin":1,"arr":1,"m":1,"st":{"x":1,"y":2}}})");

  // The kernel's own data skipping reads them back.
  StatsColumns wanted;
  wanted.Add({"ts"}, PrimitiveType::Make(TypeKind::kTimestamp));
  wanted.Add({"st", "y"}, PrimitiveType::Make(TypeKind::kString));
  auto parsed = ParseFileStats(file.stats, wanted);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->num_records, 3);
  EXPECT_EQ(parsed->columns[0].min, Literal::Timestamp(1686832200000000));
  EXPECT_EQ(parsed->columns[0].max, Literal::Timestamp(1735084800000000));
  EXPECT_EQ(parsed->columns[1].null_count, 2);

  // The footer stores Delta's physical types: INT64 microseconds, UTC-adjusted or not.
  auto stored = engine->parquet().ReadSchema(FileInfo{dir.uri() + "/" + file.path});
  ASSERT_TRUE(stored.ok());
  auto footer = *arrow::ImportSchema(stored->get());
  EXPECT_EQ(footer->GetFieldByName("ts")->type()->ToString(), "timestamp[us, tz=UTC]");
  EXPECT_EQ(footer->GetFieldByName("ntz")->type()->ToString(), "timestamp[us]");
  EXPECT_EQ(footer->GetFieldByName("dec")->type()->ToString(), "decimal128(10, 2)");
}

TEST(ParquetWriterTest, TimestampBoundsRoundOutwardToMilliseconds) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("ts", R"("timestamp")") + "," + Field("ntz", R"("timestamp_ntz")"));
  auto batch = Batch(ArrowOf(*schema),
                     R"([{"ts":1686832200000001,"ntz":-1500},{"ts":1686832200000999,"ntz":-1}])");
  auto files = Write(*engine, dir.uri(), *schema, {batch});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].stats,
            R"({"numRecords":2,"minValues":{"ts":"2023-06-15T12:30:00.000Z",)"
            R"("ntz":"1969-12-31T23:59:59.998"},"maxValues":{"ts":"2023-06-15T12:30:00.001Z",)"
            R"("ntz":"1970-01-01T00:00:00.000"},"nullCount":{"ts":0,"ntz":0}})");
}

TEST(ParquetWriterTest, PartitionFoldersEscapeSpecialCharactersAndNulls) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("p", R"("string")") + "," + Field("n", R"("integer")"));
  auto arrow_schema = ArrowOf(*schema);
  auto batch = Batch(arrow_schema, R"([{"p":"a b","n":1},{"p":"x=y","n":2},{"p":"s/t","n":3},
      {"p":"50%","n":4},{"p":"","n":5},{"p":null,"n":6},{"p":"a b","n":7}])");
  auto files = Write(*engine, dir.uri(), *schema, {batch}, {"p"});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  std::map<std::string, std::vector<int32_t>> by_folder;
  auto n_only = arrow::schema({arrow::field("n", arrow::int32())});
  for (const WrittenFile& f : *files) {
    std::string folder = f.path.substr(0, f.path.find('/'));
    auto it = f.partition_values.find("p");
    ASSERT_NE(it, f.partition_values.end());
    // The folder is the escaped value, and the add path its URI form as Spark logs it ('='
    // stays, '%' from the escaping is encoded).
    std::string decoded = PartitionFolder({{"p", it->second}});
    std::string expected_folder = EncodeLogPath(decoded.substr(0, decoded.size() - 1));
    EXPECT_EQ(folder.substr(0, 2), "p=");
    EXPECT_EQ(folder, expected_folder);
    auto back = ReadBack(*engine, dir.uri(), f, n_only);
    auto stored = engine->parquet().ReadSchema(FileInfo{dir.uri() + "/" + f.path});
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ((*arrow::ImportSchema(stored->get()))->num_fields(), 1);  // no partition column
    auto values = std::static_pointer_cast<arrow::Int32Array>(back->column(0));
    for (int64_t i = 0; i < values->length(); ++i) {
      by_folder[it->second.value_or("<null>")].push_back(values->Value(i));
    }
  }
  std::map<std::string, std::vector<int32_t>> expected = {
      {"a b", {1, 7}}, {"x=y", {2}}, {"s/t", {3}}, {"50%", {4}}, {"<null>", {5, 6}}};
  EXPECT_EQ(by_folder, expected);
  EXPECT_EQ(files->size(), 5u);
  EXPECT_EQ(PartitionFolder({{"p", "a b"}}), "p=a b/");
  EXPECT_EQ(PartitionFolder({{"p", "x=y"}, {"q", std::nullopt}}),
            "p=x%3Dy/q=__HIVE_DEFAULT_PARTITION__/");
  EXPECT_EQ(PartitionFolder({{"p", "s/t"}}), "p=s%2Ft/");
  EXPECT_EQ(PartitionFolder({{"p", "50%"}}), "p=50%25/");
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() + "/p=x%3Dy"));
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() + "/p=__HIVE_DEFAULT_PARTITION__"));
}

TEST(ParquetWriterTest, TypedPartitionValuesUseTheProtocolText) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("d", R"("date")") + "," + Field("ts", R"("timestamp")") + "," +
                       Field("dec", "\"decimal(5,2)\"") + "," + Field("v", R"("long")"));
  auto batch =
      Batch(ArrowOf(*schema), R"([{"d":19372,"ts":1686832200500000,"dec":"-1.50","v":1}])");
  auto files = Write(*engine, dir.uri(), *schema, {batch}, {"d", "ts", "dec"});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  std::map<std::string, std::optional<std::string>> expected = {
      {"d", "2023-01-15"}, {"ts", "2023-06-15 12:30:00.500000"}, {"dec", "-1.50"}};
  EXPECT_EQ((*files)[0].partition_values, expected);
  EXPECT_EQ((*files)[0].stats, R"({"numRecords":1,"minValues":{"v":1},"maxValues":{"v":1},)"
                               R"("nullCount":{"v":0}})");
}

TEST(ParquetWriterTest, LongStringsAreTruncatedAsSparkTruncatesThem) {
  std::string a40(40, 'a');
  EXPECT_EQ(engine::TruncateMinString(a40, 32), std::string(32, 'a'));
  EXPECT_EQ(engine::TruncateMaxString(a40, 32), std::string(32, 'a') + "\xEF\xBF\xBD");
  EXPECT_EQ(engine::TruncateMaxString(std::string(32, 'a'), 32), std::string(32, 'a'));
  // Multi-byte characters count as one.
  std::string e33;
  for (int i = 0; i < 33; ++i) e33 += "\xC3\xA9";
  EXPECT_EQ(engine::TruncateMinString(e33, 32).size(), 64u);
  // A character that cannot be bumped extends the prefix; none that can: no maximum.
  std::string ff = std::string(32, 'a') + "\xEF\xBF\xBF" + "b";
  EXPECT_EQ(engine::TruncateMaxString(ff, 32),
            std::string(32, 'a') + "\xEF\xBF\xBF" + "\xEF\xBF\xBD");
  std::string all_ff;
  for (int i = 0; i < 70; ++i) all_ff += "\xEF\xBF\xBF";
  EXPECT_EQ(engine::TruncateMaxString(all_ff, 32), std::nullopt);

  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("s", R"("string")"));
  auto batch = Batch(ArrowOf(*schema), "[{\"s\":\"" + a40 + "\"},{\"s\":\"b\"}]");
  auto files = Write(*engine, dir.uri(), *schema, {batch});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].stats, R"({"numRecords":2,"minValues":{"s":")" + std::string(32, 'a') +
                                   R"("},"maxValues":{"s":"b"},"nullCount":{"s":0}})");
}

TEST(ParquetWriterTest, StatsCoverOnlyTheIndexedColumns) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("a", R"("integer")") + "," +
                       Field("st", R"({"type":"struct","fields":[)" + Field("x", R"("integer")") +
                                       "," + Field("y", R"("integer")") + "]}") +
                       "," + Field("c", R"("integer")"));
  auto rows = R"([{"a":1,"st":{"x":2,"y":3},"c":4}])";
  ParquetWriteOptions two;
  two.num_indexed_cols = 2;
  auto files = Write(*engine, dir.uri(), *schema, {Batch(ArrowOf(*schema), rows)}, {}, two);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].stats,
            R"({"numRecords":1,"minValues":{"a":1,"st":{"x":2}},)"
            R"("maxValues":{"a":1,"st":{"x":2}},"nullCount":{"a":0,"st":{"x":0}}})");

  ParquetWriteOptions named;
  named.stats_columns = std::vector<std::vector<std::string>>{{"C"}, {"st", "y"}};
  named.tight_bounds = true;
  files = Write(*engine, dir.uri(), *schema, {Batch(ArrowOf(*schema), rows)}, {}, named);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].stats,
            R"({"numRecords":1,"minValues":{"st":{"y":3},"c":4},"maxValues":{"st":{"y":3},"c":4},)"
            R"("nullCount":{"st":{"y":0},"c":0},"tightBounds":true})");

  ParquetWriteOptions none;
  none.num_indexed_cols = 0;
  files = Write(*engine, dir.uri(), *schema, {Batch(ArrowOf(*schema), rows)}, {}, none);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].stats, R"({"numRecords":1})");
}

TEST(ParquetWriterTest, RollsFilesAtTheTargetSize) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("v", R"("long")"));
  std::vector<std::shared_ptr<arrow::RecordBatch>> batches;
  for (int b = 0; b < 3; ++b) {
    batches.push_back(Batch(ArrowOf(*schema), "[{\"v\":" + std::to_string(b) + "}]"));
  }
  ParquetWriteOptions tiny;
  tiny.target_file_size = 1;  // every flushed row group fills a file
  tiny.row_group_rows = 1;
  auto files = Write(*engine, dir.uri(), *schema, batches, {}, tiny);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 3u);
  std::set<std::string> paths;
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*files)[i].stats, "{\"numRecords\":1,\"minValues\":{\"v\":" + std::to_string(i) +
                                     "},\"maxValues\":{\"v\":" + std::to_string(i) +
                                     "},\"nullCount\":{\"v\":0}}");
    paths.insert((*files)[i].path.substr(0, 10));
  }
  EXPECT_EQ(paths, (std::set<std::string>{"part-00000", "part-00001", "part-00002"}));
}

TEST(ParquetWriterTest, FilesComeCloseToTheTargetSize) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("v", R"("long")"));
  std::vector<std::shared_ptr<arrow::RecordBatch>> batches;
  int64_t next = 0;
  for (int b = 0; b < 40; ++b) {
    arrow::Int64Builder builder;
    for (int i = 0; i < 10000; ++i) EXPECT_TRUE(builder.Append(next++ * 7919).ok());
    auto array = *builder.Finish();
    batches.push_back(arrow::RecordBatch::Make(ArrowOf(*schema), array->length(), {array}));
  }
  ParquetWriteOptions options;
  options.target_file_size = 1 << 20;  // ~3.2 MB of values in all
  options.compression = "uncompressed";
  auto files = Write(*engine, dir.uri(), *schema, batches, {}, options);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_GE(files->size(), 2u);
  int64_t rows = 0;
  for (size_t i = 0; i < files->size(); ++i) {
    const WrittenFile& f = (*files)[i];
    rows += f.num_records;
    if (i + 1 < files->size()) {
      EXPECT_GE(f.size, options.target_file_size - options.target_file_size / 8) << i;
      // The buffered bytes are estimated before encoding (a dictionary can outgrow them).
      EXPECT_LE(f.size, options.target_file_size + options.target_file_size / 4) << i;
    }
  }
  EXPECT_EQ(rows, 400000);
}

TEST(ParquetWriterTest, DataThatDoesNotMatchTheSchemaIsRefusedNamingTheColumn) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(Field("a", R"("integer")", false) + "," + Field("b", R"("string")"));
  auto expect_refused = [&](const std::shared_ptr<arrow::RecordBatch>& batch,
                            const std::string& column) {
    auto files = Write(*engine, dir.uri(), *schema, {batch});
    ASSERT_FALSE(files.ok());
    EXPECT_TRUE(files.status().IsInvalidArgument()) << files.status().ToString();
    EXPECT_NE(files.status().message().find("'" + column + "'"), std::string::npos)
        << files.status().ToString();
  };
  auto good = ArrowOf(*schema);
  auto missing = arrow::schema({arrow::field("b", arrow::utf8())});
  expect_refused(Batch(missing, R"([{"b":"x"}])"), "a");
  auto extra = arrow::schema({good->field(0), good->field(1), arrow::field("z", arrow::int32())});
  expect_refused(Batch(extra, R"([{"a":1,"b":"x","z":2}])"), "z");
  auto mistyped = arrow::schema({arrow::field("a", arrow::int64()), good->field(1)});
  expect_refused(Batch(mistyped, R"([{"a":1,"b":"x"}])"), "a");
  auto nullable = arrow::schema({arrow::field("a", arrow::int32()), good->field(1)});
  expect_refused(Batch(nullable, R"([{"a":null,"b":"x"}])"), "a");
  // Nothing was published.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ParquetWriterTest, NullsInNestedNonNullableFieldsAreRefused) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema = Schema(
      Field("st", R"({"type":"struct","fields":[)" + Field("x", R"("integer")", false) + "]}"));
  auto arrow_schema = ArrowOf(*schema);
  // A null struct may hold anything below it; a null x in a present struct may not.
  auto ok = Write(*engine, dir.uri(), *schema, {Batch(arrow_schema, R"([{"st":null}])")});
  EXPECT_TRUE(ok.ok()) << ok.status().ToString();
  auto refused =
      Write(*engine, dir.uri(), *schema, {Batch(arrow_schema, R"([{"st":{"x":null}}])")});
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_NE(refused.status().message().find("'st.x'"), std::string::npos)
      << refused.status().ToString();
}

TEST(ParquetWriterTest, ColumnMappingWritesPhysicalNamesAndFieldIds) {
  test::TempDir dir;
  auto engine = LocalEngine();
  auto schema =
      Schema(R"({"name":"v","type":"long","nullable":true,"metadata":{"delta.columnMapping.id":7,)"
             R"("delta.columnMapping.physicalName":"col-7"}})");
  ParquetWriteOptions options;
  options.column_mapping = ColumnMappingMode::kId;
  auto files =
      Write(*engine, dir.uri(), *schema, {Batch(ArrowOf(*schema), R"([{"v":3}])")}, {}, options);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ((*files)[0].stats, R"({"numRecords":1,"minValues":{"col-7":3},"maxValues":)"
                               R"({"col-7":3},"nullCount":{"col-7":0}})");
  auto stored = engine->parquet().ReadSchema(FileInfo{dir.uri() + "/" + (*files)[0].path});
  ASSERT_TRUE(stored.ok());
  auto footer = *arrow::ImportSchema(stored->get());
  ASSERT_EQ(footer->num_fields(), 1);
  EXPECT_EQ(footer->field(0)->name(), "col-7");
  ASSERT_NE(footer->field(0)->metadata(), nullptr);
  EXPECT_EQ(footer->field(0)->metadata()->Get("PARQUET:field_id").ValueOr(""), "7");
}

TEST(ParquetWriterTest, WritesThroughAnyFileSystem) {
  auto mem = std::make_shared<MemoryFileSystem>();
  auto engine = MakeDefaultEngine(mem, DefaultEngineOptions{});
  ASSERT_TRUE(engine.ok());
  auto schema = Schema(Field("p", R"("integer")") + "," + Field("v", R"("long")"));
  auto files = Write(**engine, "memory:///t", *schema,
                     {Batch(ArrowOf(*schema), R"([{"p":1,"v":10},{"p":null,"v":20}])")}, {"p"});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 2u);
  for (const WrittenFile& f : *files) {
    auto head = mem->Head("memory:///t/" + f.path);
    ASSERT_TRUE(head.ok()) << head.status().ToString();
    EXPECT_EQ(head->size, f.size);
    auto back =
        ReadBack(**engine, "memory:///t", f, arrow::schema({arrow::field("v", arrow::int64())}));
    ASSERT_EQ(back->num_rows(), 1);
  }
  std::set<std::string> folders;
  for (const WrittenFile& f : *files) folders.insert(f.path.substr(0, f.path.find('/')));
  EXPECT_EQ(folders, (std::set<std::string>{"p=1", "p=__HIVE_DEFAULT_PARTITION__"}));
}

// An engine that does not write files.
class ReadOnlyEngine final : public Engine {
 public:
  explicit ReadOnlyEngine(std::shared_ptr<Engine> base) : base_(std::move(base)) {}
  FileSystem& file_system() override { return base_->file_system(); }
  ParquetReader& parquet() override { return base_->parquet(); }
  Executor& executor() override { return base_->executor(); }

 private:
  std::shared_ptr<Engine> base_;
};

TEST(ParquetWriterTest, EnginesThatDoNotWriteSayUnsupported) {
  ReadOnlyEngine engine(LocalEngine());
  auto schema = Schema(Field("v", R"("long")"));
  auto files = Write(engine, "file:///nowhere", *schema, {Batch(ArrowOf(*schema), "[]")});
  EXPECT_TRUE(files.status().IsUnsupported()) << files.status().ToString();
}

// The stats string of the add in a log line (the only escapes in it are \").
std::string AddStats(const std::string& log_file) {
  std::ifstream in(log_file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("{\"add\"", 0) != 0) continue;
    size_t at = line.find("\"stats\":\"");
    if (at == std::string::npos) return "";
    at += 9;
    std::string out;
    for (size_t i = at; i < line.size() && line[i] != '"'; ++i) {
      if (line[i] == '\\') ++i;
      out.push_back(line[i]);
    }
    return out;
  }
  return "";
}

TEST(ParquetWriterConformanceTest, StatsMatchWhatSparkWroteForTheSameValues) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string root = test::ExtractedTablePath("stats-writing-all-types");
  if (root.empty()) GTEST_SKIP() << "conformance table not available";
  root += "/delta";
  auto engine = LocalEngine();
  auto table = Table::ForLocation(test::LocalUri(root), engine);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  auto stream = ExecuteScan(*scan, engine);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();

  test::TempDir dir;
  ParquetWriteOptions options;
  options.column_mapping = ColumnMappingMode::kName;
  auto files =
      engine->parquet_writer().Write(dir.uri(), *(*snap)->schema(), {}, stream->get(), options);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  std::string spark = AddStats(root + "/_delta_log/00000000000000000001.json");
  ASSERT_FALSE(spark.empty());
  EXPECT_EQ((*files)[0].stats, spark);
}

}  // namespace
}  // namespace delta
