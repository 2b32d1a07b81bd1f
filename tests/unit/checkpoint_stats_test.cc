// Struct statistics in checkpoints (add.stats_parsed): the read schema, the rendering back to
// JSON statistics, and real struct-stats-only checkpoints read through the default engine.
#include "log/checkpoint_stats.h"

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/default_engine.h"
#include "log/checkpoint_decoder.h"
#include "scan/data_skipping.h"
#include "scan/stats.h"
#include "support/conformance_tables.h"

namespace delta {
namespace {

// "name:format" with children in braces, for comparing read schemas.
std::string Shape(const ArrowField& f) {
  std::string out = f.name + ":" + f.format;
  if (!f.children.empty()) {
    out += "{";
    for (size_t i = 0; i < f.children.size(); ++i) {
      if (i > 0) out += ",";
      out += Shape(f.children[i]);
    }
    out += "}";
  }
  return out;
}

TEST(StatsParsedFieldTest, ShapeFollowsTheSchema) {
  auto schema = ParseSchema(R"j({"type":"struct","fields":[
    {"name":"id","type":"long","nullable":true,"metadata":{}},
    {"name":"part","type":"string","nullable":true,"metadata":{}},
    {"name":"price","type":"decimal(10,2)","nullable":true,
     "metadata":{"delta.columnMapping.id":3,"delta.columnMapping.physicalName":"col-p"}},
    {"name":"flag","type":"boolean","nullable":true,"metadata":{}},
    {"name":"bin","type":"binary","nullable":true,"metadata":{}},
    {"name":"tags","type":{"type":"array","elementType":"string","containsNull":true},
     "nullable":true,"metadata":{}},
    {"name":"n","type":{"type":"struct","fields":[
       {"name":"ts","type":"timestamp","nullable":true,"metadata":{}},
       {"name":"ntz","type":"timestamp_ntz","nullable":true,"metadata":{}},
       {"name":"d","type":"date","nullable":true,"metadata":{}},
       {"name":"f","type":"float","nullable":true,"metadata":{}},
       {"name":"b","type":"byte","nullable":true,"metadata":{}}]},
     "nullable":true,"metadata":{}},
    {"name":"only_bool","type":{"type":"struct","fields":[
       {"name":"x","type":"boolean","nullable":true,"metadata":{}}]},
     "nullable":true,"metadata":{}}]})j");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ArrowField f = StatsParsedField(**schema, {"PART"});
  EXPECT_EQ(Shape(f),
            "stats_parsed:+s{numRecords:l,"
            "minValues:+s{id:l,col-p:d:10,2,n:+s{ts:tsu:UTC,ntz:tsu:,d:tdD,f:f,b:c}},"
            "maxValues:+s{id:l,col-p:d:10,2,n:+s{ts:tsu:UTC,ntz:tsu:,d:tdD,f:f,b:c}},"
            "nullCount:+s{id:l,col-p:l,flag:l,bin:l,tags:l,n:+s{ts:l,ntz:l,d:l,f:l,b:l},"
            "only_bool:+s{x:l}},"
            "tightBounds:b}");
  // A table of partition columns only has no per-column statistics.
  auto parts = ParseSchema(R"j({"type":"struct","fields":[
    {"name":"p","type":"integer","nullable":true,"metadata":{}}]})j");
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ(Shape(StatsParsedField(**parts, {"p"})), "stats_parsed:+s{numRecords:l,tightBounds:b}");
}

// Renders every row of a stats_parsed array built from JSON with Arrow C++.
std::vector<std::string> Render(const std::shared_ptr<arrow::DataType>& type,
                                const std::string& rows) {
  auto array = arrow::json::ArrayFromJSONString(type, rows);
  EXPECT_TRUE(array.ok()) << array.status().ToString();
  if (!array.ok()) return {};
  ArrowSchema c_schema;
  ArrowArray c_array;
  EXPECT_TRUE(arrow::ExportArray(**array, &c_array, &c_schema).ok());
  ArrowSchemaHandle schema_handle(&c_schema);
  ArrowArrayHandle array_handle(&c_array);
  auto view = ArrayView::Make(*schema_handle.get(), *array_handle.get(), "add.stats_parsed");
  EXPECT_TRUE(view.ok()) << view.status().ToString();
  auto renderer = StatsParsedRenderer::Make(*view);
  EXPECT_TRUE(renderer.ok()) << renderer.status().ToString();
  std::vector<std::string> out;
  for (int64_t i = 0; i < (*array)->length(); ++i) {
    if (!renderer->HasStats(i)) {
      out.emplace_back("<none>");
      continue;
    }
    std::string json;
    renderer->Render(i, &json);
    out.push_back(json);
  }
  return out;
}

TEST(StatsParsedRendererTest, RendersEveryType) {
  auto values = arrow::struct_({
      arrow::field("i", arrow::int32()),
      arrow::field("s", arrow::utf8()),
      arrow::field("d", arrow::date32()),
      arrow::field("ts", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
      arrow::field("ntz", arrow::timestamp(arrow::TimeUnit::MICRO)),
      arrow::field("ms", arrow::timestamp(arrow::TimeUnit::MILLI, "UTC")),
      arrow::field("dec", arrow::decimal128(10, 2)),
      arrow::field("f", arrow::float32()),
      arrow::field("x", arrow::float64()),
      arrow::field("b", arrow::int8()),
      arrow::field("n", arrow::struct_({arrow::field("v", arrow::int64())})),
  });
  auto counts =
      arrow::struct_({arrow::field("i", arrow::int64()),
                      arrow::field("n", arrow::struct_({arrow::field("v", arrow::int64())}))});
  auto type =
      arrow::struct_({arrow::field("numRecords", arrow::int64()), arrow::field("minValues", values),
                      arrow::field("maxValues", values), arrow::field("nullCount", counts),
                      arrow::field("tightBounds", arrow::boolean())});
  std::vector<std::string> rendered = Render(type, R"([
    {"numRecords": 3,
     "minValues": {"i": -5, "s": "a\"b", "d": 19724, "ts": 1704067200000000,
                   "ntz": 1704067200000001, "ms": -1, "dec": "-0.05", "f": 0.1, "x": 1e300,
                   "b": -1, "n": {"v": 7}},
     "maxValues": {"i": null, "s": null, "d": -1, "ts": -1, "ntz": null, "ms": null,
                   "dec": "12345678.90", "f": null, "x": null, "b": null, "n": {"v": null}},
     "nullCount": {"i": 0, "n": {"v": 1}},
     "tightBounds": false},
    {"numRecords": 0, "minValues": null, "maxValues": null, "nullCount": null,
     "tightBounds": null},
    null
  ])");
  ASSERT_EQ(rendered.size(), 3u);
  EXPECT_EQ(rendered[0],
            R"({"numRecords":3,"minValues":{"i":-5,"s":"a\"b","d":"2024-01-02",)"
            R"("ts":"2024-01-01T00:00:00.000Z","ntz":"2024-01-01T00:00:00.000001",)"
            R"("ms":"1969-12-31T23:59:59.999Z","dec":-0.05,"f":0.1,"x":1e+300,"b":-1,)"
            R"("n":{"v":7}},"maxValues":{"d":"1969-12-31","ts":"1969-12-31T23:59:59.999999Z",)"
            R"("dec":12345678.90},"nullCount":{"i":0,"n":{"v":1}},"tightBounds":false})");
  EXPECT_EQ(rendered[1], R"({"numRecords":0})");
  EXPECT_EQ(rendered[2], "<none>");
}

TEST(StatsParsedRendererTest, DatesAndTimestampsAtTheEndsOfTheirRanges) {
  // Years 1 and 9999 exactly; nanoseconds and date64 milliseconds at the ends of int64 round
  // toward the past without overflowing; milliseconds beyond int64 microseconds are left out.
  auto values = arrow::struct_({
      arrow::field("ts", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
      arrow::field("ns", arrow::timestamp(arrow::TimeUnit::NANO, "UTC")),
      arrow::field("d64", arrow::date64()),
      arrow::field("ms", arrow::timestamp(arrow::TimeUnit::MILLI)),
  });
  auto type =
      arrow::struct_({arrow::field("minValues", values), arrow::field("maxValues", values)});
  std::vector<std::string> rendered = Render(type, R"([
    {"minValues": {"ts": -62135596800000000, "ns": -9223372036854775808,
                   "d64": -9223372036854775808, "ms": 9223372036854775807},
     "maxValues": {"ts": 253402300799999999, "ns": 9223372036854775807,
                   "d64": 9223372036854775807, "ms": -62135596800000}}
  ])");
  ASSERT_EQ(rendered.size(), 1u);
  EXPECT_EQ(rendered[0],
            R"({"minValues":{"ts":"0001-01-01T00:00:00.000Z","ns":"1677-09-21T00:12:43.145224Z",)"
            R"("d64":"-292275055-05-16"},)"
            R"("maxValues":{"ts":"9999-12-31T23:59:59.999999Z","ns":"2262-04-11T23:47:16.854775Z",)"
            R"("d64":"292278994-08-17","ms":"0001-01-01T00:00:00.000"}})");
}

TEST(StatsParsedRendererTest, NonFiniteFloatsRoundTrip) {
  // Arrow's JSON reader has no NaN literal; build the arrays by hand.
  arrow::FloatBuilder fb;
  arrow::DoubleBuilder db;
  ASSERT_TRUE(fb.Append(-std::numeric_limits<float>::infinity()).ok());
  ASSERT_TRUE(db.Append(std::nan("")).ok());
  std::shared_ptr<arrow::Array> f;
  std::shared_ptr<arrow::Array> x;
  ASSERT_TRUE(fb.Finish(&f).ok());
  ASSERT_TRUE(db.Finish(&x).ok());
  auto mins =
      arrow::StructArray::Make(arrow::ArrayVector{f, x}, std::vector<std::string>{"f", "x"});
  ASSERT_TRUE(mins.ok());
  ArrowSchema c_schema;
  ArrowArray c_array;
  auto top = arrow::StructArray::Make(arrow::ArrayVector{*mins, *mins},
                                      std::vector<std::string>{"minValues", "maxValues"});
  ASSERT_TRUE(top.ok());
  ASSERT_TRUE(arrow::ExportArray(**top, &c_array, &c_schema).ok());
  ArrowSchemaHandle sh(&c_schema);
  ArrowArrayHandle ah(&c_array);
  auto view = ArrayView::Make(*sh.get(), *ah.get());
  ASSERT_TRUE(view.ok());
  auto renderer = StatsParsedRenderer::Make(*view);
  ASSERT_TRUE(renderer.ok());
  std::string json;
  renderer->Render(0, &json);
  EXPECT_EQ(json,
            R"({"minValues":{"f":"-Infinity","x":"NaN"},"maxValues":{"f":"-Infinity","x":"NaN"}})");
  // The JSON statistics parser reads them back.
  StatsColumns columns;
  columns.Add({"f"}, PrimitiveType::Make(TypeKind::kFloat));
  columns.Add({"x"}, PrimitiveType::Make(TypeKind::kDouble));
  auto stats = ParseFileStats(json, columns);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->columns[0].min, Literal::Float(-std::numeric_limits<float>::infinity()));
  ASSERT_TRUE(stats->columns[1].max.has_value());
  EXPECT_TRUE(std::isnan(stats->columns[1].max->floating_value()));
}

// --- real checkpoints -------------------------------------------------------------------------

class StructStatsCheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DELTA_REQUIRE_CONFORMANCE();
    auto engine = MakeDefaultEngine();
    ASSERT_TRUE(engine.ok()) << engine.status().ToString();
    engine_ = *engine;
  }

  static FileInfo LogFile(const std::string& table, const std::string& name) {
    std::string root = test::ExtractedTablePath(table);
    EXPECT_FALSE(root.empty()) << table;
    std::string path = root + "/_delta_log/" + name;
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    EXPECT_FALSE(ec) << path;
    return FileInfo{test::LocalUri(path), static_cast<int64_t>(size), 0};
  }

  // The table schema and partition columns from the checkpoint's own metadata.
  ArrowField StatsFieldOf(const FileInfo& checkpoint) {
    auto meta = ReadCheckpointFile(*engine_, checkpoint, CheckpointActionSet::NonFileActions());
    EXPECT_TRUE(meta.ok()) << meta.status().ToString();
    EXPECT_TRUE(meta.ok() && meta->metadata.has_value());
    auto schema = ParseSchema(meta->metadata->schema_string);
    EXPECT_TRUE(schema.ok());
    schema_ = *schema;
    return StatsParsedField(**schema, meta->metadata->partition_columns);
  }

  // Sorted JSON stats of the adds of `file` read with struct stats.
  std::vector<std::string> StatsOf(const FileInfo& file, const ArrowField& field,
                                   const CheckpointActionSet& actions) {
    auto batch = ReadCheckpointFile(*engine_, file, actions, &field);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    std::vector<std::string> out;
    if (!batch.ok()) return out;
    for (const AddFile& a : batch->adds) out.emplace_back(a.stats);
    std::sort(out.begin(), out.end());
    return out;
  }

  static std::string Expected(int id) {
    std::string v = std::to_string(id);
    return R"({"numRecords":1,"minValues":{"id":)" + v + R"(,"value":"value_)" + v +
           R"("},"maxValues":{"id":)" + v + R"(,"value":"value_)" + v +
           R"("},"nullCount":{"id":0,"value":0},"tightBounds":true})";
  }

  // How many of `stats` may match `predicate` on the table schema.
  size_t Kept(const std::vector<std::string>& stats, std::string_view predicate) {
    auto bound = BindExpression(*ParseExpression(predicate), *schema_);
    EXPECT_TRUE(bound.ok()) << bound.status().ToString();
    DataSkippingFilter filter(*bound);
    size_t kept = 0;
    for (const std::string& s : stats) kept += filter.MayMatch(s) ? 1 : 0;
    return kept;
  }

  std::shared_ptr<Engine> engine_;
  std::shared_ptr<const StructType> schema_;
};

TEST_F(StructStatsCheckpointTest, SinglePartCheckpoint) {
  FileInfo cp =
      LogFile("v1-single-part-struct-stats-only", "00000000000000000005.checkpoint.parquet");
  ArrowField field = StatsFieldOf(cp);
  std::vector<std::string> stats = StatsOf(cp, field, CheckpointActionSet::All());
  EXPECT_EQ(stats, (std::vector<std::string>{Expected(1), Expected(2), Expected(3), Expected(4),
                                             Expected(5)}));
  EXPECT_EQ(Kept(stats, "id = 3"), 1u);
  EXPECT_EQ(Kept(stats, "id > 3 AND value < 'value_5'"), 1u);
  EXPECT_EQ(Kept(stats, "id IS NULL"), 0u);

  // Without the struct field the adds have no statistics (the checkpoint has no JSON stats).
  auto plain = ReadCheckpointFile(*engine_, cp);
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(plain->adds.size(), 5u);
  for (const AddFile& a : plain->adds) EXPECT_TRUE(a.stats.empty());
}

TEST_F(StructStatsCheckpointTest, MultiPartPartitionedCheckpoint) {
  const std::string table = "v1-multi-part-partitioned-struct-stats-only";
  ArrowField field =
      StatsFieldOf(LogFile(table, "00000000000000000005.checkpoint.0000000001.0000000003.parquet"));
  EXPECT_EQ(Shape(field),
            "stats_parsed:+s{numRecords:l,minValues:+s{id:l,value:u},maxValues:+s{id:l,value:u},"
            "nullCount:+s{id:l,value:l},tightBounds:b}");
  std::vector<std::string> all;
  for (int part = 1; part <= 3; ++part) {
    std::string name =
        "00000000000000000005.checkpoint.000000000" + std::to_string(part) + ".0000000003.parquet";
    for (std::string& s : StatsOf(LogFile(table, name), field, CheckpointActionSet::All())) {
      all.push_back(std::move(s));
    }
  }
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::string>{Expected(1), Expected(2), Expected(3), Expected(4),
                                           Expected(5)}));
}

TEST_F(StructStatsCheckpointTest, V2CheckpointSidecar) {
  const std::string table = "v2-parquet-sidecars-struct-stats-only";
  std::string root = test::ExtractedTablePath(table);
  ASSERT_FALSE(root.empty());
  std::string checkpoint;
  std::string sidecar;
  for (const auto& e : std::filesystem::directory_iterator(root + "/_delta_log")) {
    std::string name = e.path().filename().string();
    if (name.find(".checkpoint.") != std::string::npos) checkpoint = name;
  }
  for (const auto& e : std::filesystem::directory_iterator(root + "/_delta_log/_sidecars")) {
    sidecar = "_sidecars/" + e.path().filename().string();
  }
  ASSERT_FALSE(checkpoint.empty());
  ASSERT_FALSE(sidecar.empty());
  ArrowField field = StatsFieldOf(LogFile(table, checkpoint));
  std::vector<std::string> stats =
      StatsOf(LogFile(table, sidecar), field, CheckpointActionSet::FileActionsOnly());
  ASSERT_EQ(stats.size(), 5u);
  EXPECT_EQ(stats[0], Expected(1));
  EXPECT_EQ(Kept(stats, "id >= 4"), 2u);
}

TEST_F(StructStatsCheckpointTest, JsonStatsWinOverStructStats) {
  // parsed-stats writes both forms; the JSON text is kept as written.
  FileInfo cp = LogFile("parsed-stats", "00000000000000000003.checkpoint.parquet");
  ArrowField field = StatsFieldOf(cp);
  std::vector<std::string> stats = StatsOf(cp, field, CheckpointActionSet::All());
  ASSERT_FALSE(stats.empty());
  for (const std::string& s : stats) EXPECT_EQ(s.rfind("{\"numRecords\": ", 0), 0u) << s;
}

}  // namespace
}  // namespace delta
