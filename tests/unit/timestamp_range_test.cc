// Timestamps and dates from year 1 to 9999 read exactly in every Parquet encoding writers use
// (INT96, INT64 millis/micros/nanos, with and without zone), keep their row groups under
// filters, and survive their text forms (statistics, partition values, literals); unit
// conversions that cannot be represented fail with an error naming the column.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/io/memory.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "delta/changes.h"
#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/memory_file_system.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/schema.h"
#include "engine/column_conform.h"
#include "engine/spark_rebase.h"
#include "scan/partition_values.h"
#include "support/arrow_stream.h"
#include "support/log_builder.h"
#include "text_output.h"  // the CLI's text rendering (tools/)

namespace delta {
namespace {

using cli::TextFormat;
using cli::WriteScanAsText;

constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;

int64_t At(int64_t year, unsigned month, unsigned day, int64_t micros_of_day = 0) {
  return DaysFromCivil(year, month, day) * kMicrosPerDay + micros_of_day;
}

// Both sides of the years nanoseconds can hold (1677-09-21 .. 2262-04-11).
const std::vector<int64_t> kExtremes = {
    At(1, 1, 1),
    At(1000, 6, 15, 12 * 3600 * int64_t{1000000} + 123456),
    At(1677, 9, 21),
    At(1969, 12, 31, kMicrosPerDay - 1),
    0,
    At(2262, 4, 12),
    At(2500, 1, 1, 3723456789),
    At(9999, 12, 31, kMicrosPerDay - 1),
};

std::shared_ptr<arrow::DataType> Micros(const std::string& zone = "") {
  return arrow::timestamp(arrow::TimeUnit::MICRO, zone);
}

// `values` (a null appended) as an array of `type`.
std::shared_ptr<arrow::Array> Timestamps(const std::shared_ptr<arrow::DataType>& type,
                                         const std::vector<int64_t>& values) {
  arrow::TimestampBuilder b(type, arrow::default_memory_pool());
  EXPECT_TRUE(b.AppendValues(values).ok());
  EXPECT_TRUE(b.AppendNull().ok());
  return b.Finish().ValueOrDie();
}

std::string ParquetBytes(const std::shared_ptr<arrow::Array>& column, bool int96,
                         int64_t row_group = 1024) {
  auto table = arrow::Table::Make(arrow::schema({arrow::field("t", column->type())}), {column});
  auto arrow_props = parquet::ArrowWriterProperties::Builder();
  if (int96) arrow_props.enable_deprecated_int96_timestamps();
  parquet::WriterProperties::Builder props;
  props.version(parquet::ParquetVersion::PARQUET_2_6);
  auto sink = *arrow::io::BufferOutputStream::Create();
  auto st = parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink, row_group,
                                       props.build(), arrow_props.build());
  EXPECT_TRUE(st.ok()) << st.ToString();
  return (*sink->Finish())->ToString();
}

struct Read {
  Result<ArrowStreamHandle> stream = Status::Internal("not read");
  ParquetReadInfo info;
};

// Reads column "t" of `bytes` as `type` (the Delta column `delta_type`), filtered by `filter`.
Read ReadAs(const std::string& bytes, const std::shared_ptr<arrow::DataType>& type,
            const std::string& delta_type = "timestamp", const std::string& filter = "") {
  auto fs = std::make_shared<MemoryFileSystem>();
  EXPECT_TRUE(fs->Write("memory:///f.parquet", bytes).ok());
  DefaultEngineOptions eo;
  eo.cpu_threads = 1;
  auto engine = *MakeDefaultEngine(fs, eo);
  ParquetReadOptions options;
  if (!filter.empty()) {
    auto schema = ParseSchema(R"({"type":"struct","fields":[{"name":"t","type":")" + delta_type +
                              R"(","nullable":true,"metadata":{}}]})");
    EXPECT_TRUE(schema.ok()) << schema.status().ToString();
    auto parsed = ParseExpression(filter);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    auto bound = BindExpression(*parsed, **schema);
    EXPECT_TRUE(bound.ok()) << bound.status().ToString();
    options.predicate = *bound;
  }
  ArrowSchema c_schema;
  EXPECT_TRUE(arrow::ExportSchema(*arrow::schema({arrow::field("t", type)}), &c_schema).ok());
  Read out;
  FileInfo file{"memory:///f.parquet", static_cast<int64_t>(bytes.size()), 0};
  out.stream = engine->parquet().ReadFiltered(file, &c_schema, options, &out.info);
  c_schema.release(&c_schema);
  return out;
}

std::shared_ptr<arrow::Array> ReadColumn(const std::string& bytes,
                                         const std::shared_ptr<arrow::DataType>& type) {
  Read r = ReadAs(bytes, type);
  EXPECT_TRUE(r.stream.ok()) << r.stream.status().ToString();
  if (!r.stream.ok()) return nullptr;
  auto table = test::ReadStream(*r.stream);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return nullptr;
  return (*table)->column(0)->chunk(0);
}

void ExpectValues(const std::shared_ptr<arrow::Array>& actual,
                  const std::shared_ptr<arrow::DataType>& type,
                  const std::vector<int64_t>& values) {
  ASSERT_NE(actual, nullptr);
  auto expected = Timestamps(type, values);
  EXPECT_TRUE(actual->Equals(*expected))
      << "got " << actual->ToString() << "\nwant " << expected->ToString();
}

TEST(TimestampRangeTest, Int96ReadsEveryYearExactly) {
  for (const std::string zone : {"", "UTC"}) {
    SCOPED_TRACE("zone '" + zone + "'");
    std::string bytes = ParquetBytes(Timestamps(Micros(zone), kExtremes), /*int96=*/true);
    // As timestamp (UTC) and as timestamp_ntz: the same microseconds.
    ExpectValues(ReadColumn(bytes, Micros("UTC")), Micros("UTC"), kExtremes);
    ExpectValues(ReadColumn(bytes, Micros()), Micros(), kExtremes);
  }
}

TEST(TimestampRangeTest, Int64MillisAndMicrosReadEveryYearExactly) {
  std::vector<int64_t> millis;
  std::vector<int64_t> as_micros;
  for (int64_t v : kExtremes) {
    int64_t ms = v / 1000 - (v % 1000 < 0 ? 1 : 0);
    millis.push_back(ms);
    as_micros.push_back(ms * 1000);
  }
  for (const std::string zone : {"", "UTC"}) {
    SCOPED_TRACE("zone '" + zone + "'");
    std::string us = ParquetBytes(Timestamps(Micros(zone), kExtremes), false);
    ExpectValues(ReadColumn(us, Micros("UTC")), Micros("UTC"), kExtremes);
    ExpectValues(ReadColumn(us, Micros()), Micros(), kExtremes);
    std::string ms =
        ParquetBytes(Timestamps(arrow::timestamp(arrow::TimeUnit::MILLI, zone), millis), false);
    ExpectValues(ReadColumn(ms, Micros("UTC")), Micros("UTC"), as_micros);
  }
}

TEST(TimestampRangeTest, NanosecondsRoundTowardThePast) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  auto ns = arrow::timestamp(arrow::TimeUnit::NANO, "UTC");
  std::vector<int64_t> in = {-1, -1000, -1001, 1999, kMin, kMax};
  std::vector<int64_t> want = {-1, -1, -2, 1, kMin / 1000 - 1, kMax / 1000};
  std::string bytes = ParquetBytes(Timestamps(ns, in), false);
  ExpectValues(ReadColumn(bytes, Micros("UTC")), Micros("UTC"), want);

  // A slice of a nested-free array keeps its offset and nulls.
  auto sliced = Timestamps(ns, in)->Slice(1, 6);
  auto conformed = engine::ConformArray(sliced, Micros("UTC"), "t");
  ASSERT_TRUE(conformed.ok()) << conformed.status().ToString();
  ExpectValues(*conformed, Micros("UTC"), std::vector<int64_t>(want.begin() + 1, want.end()));
}

TEST(TimestampRangeTest, UnrepresentableValuesFailNamingTheColumn) {
  // Milliseconds beyond int64 microseconds (about 292,000 years): an error, not a wrap.
  auto ms = arrow::timestamp(arrow::TimeUnit::MILLI, "UTC");
  std::string bytes = ParquetBytes(Timestamps(ms, {0, int64_t{1} << 62}), false);
  Read r = ReadAs(bytes, Micros("UTC"));
  ASSERT_TRUE(r.stream.ok()) << r.stream.status().ToString();
  auto table = test::ReadStream(*r.stream);
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("column 't'"), std::string::npos)
      << table.status().ToString();
  EXPECT_NE(table.status().message().find("out of range"), std::string::npos)
      << table.status().ToString();

  auto seconds = Timestamps(arrow::timestamp(arrow::TimeUnit::SECOND), {int64_t{1} << 60});
  auto widened = engine::ConformArray(seconds, Micros(), "a.b");
  ASSERT_FALSE(widened.ok());
  EXPECT_NE(widened.status().message().find("column 'a.b'"), std::string::npos);

  arrow::Date32Builder dates;
  ASSERT_TRUE(dates.Append(std::numeric_limits<int32_t>::max()).ok());
  auto days = engine::ConformArray(dates.Finish().ValueOrDie(), Micros(), "d");
  ASSERT_FALSE(days.ok());
  EXPECT_NE(days.status().message().find("column 'd'"), std::string::npos);
}

TEST(TimestampRangeTest, RowGroupsOfFarYearsAreKeptWhenTheyMatch) {
  // One value per row group; INT96 groups are never skipped, INT64 ones only when they cannot
  // match.
  for (bool int96 : {false, true}) {
    SCOPED_TRACE(int96 ? "INT96" : "INT64");
    std::vector<int64_t> values = kExtremes;
    auto column = Timestamps(Micros("UTC"), values)->Slice(0, static_cast<int64_t>(values.size()));
    std::string bytes = ParquetBytes(column, int96, /*row_group=*/1);
    struct Case {
      std::string filter;
      int64_t rows;
    };
    for (const Case& c : {Case{"t = TIMESTAMP '0001-01-01 00:00:00Z'", 1},
                          Case{"t <= TIMESTAMP '1000-06-15 12:00:00.123456Z'", 2},
                          Case{"t > TIMESTAMP '2262-04-11 23:47:16.854775Z'", 3},
                          Case{"t >= TIMESTAMP '9999-12-31T23:59:59.999999Z'", 1},
                          Case{"t < TIMESTAMP '1677-09-21 00:00:00Z'", 2}}) {
      SCOPED_TRACE(c.filter);
      Read r = ReadAs(bytes, Micros("UTC"), "timestamp", c.filter);
      ASSERT_TRUE(r.stream.ok()) << r.stream.status().ToString();
      auto table = test::ReadStream(*r.stream);
      ASSERT_TRUE(table.ok()) << table.status().ToString();
      // Row groups are skipped, rows are not filtered here: every matching row must be kept.
      EXPECT_GE((*table)->num_rows(), c.rows);
      if (int96) {
        EXPECT_EQ(r.info.row_groups_skipped, 0);
      } else {
        EXPECT_EQ((*table)->num_rows(), c.rows);
      }
    }
  }
}

TEST(TimestampRangeTest, TextFormsOfTheExtremes) {
  // Statistics as Spark writes them, partition values, literals.
  auto ts = [](std::string_view text) {
    auto parsed = ParseTimestampText(text);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return parsed.ok() ? parsed->micros : 0;
  };
  EXPECT_EQ(ts("0001-01-01T00:00:00.000Z"), At(1, 1, 1));
  EXPECT_EQ(ts("0001-01-01 00:00:00"), At(1, 1, 1));
  EXPECT_EQ(ts("9999-12-31T23:59:59.999999Z"), At(9999, 12, 31, kMicrosPerDay - 1));
  EXPECT_EQ(ts("9999-12-31 23:59:59.999999"), At(9999, 12, 31, kMicrosPerDay - 1));
  EXPECT_EQ(ts("9999-12-31T23:59:59.999-01:00"), At(10000, 1, 1, 3600000000 - 1000));
  EXPECT_EQ(ts("1000-06-15T12:00:00.123Z"), At(1000, 6, 15, 43200123000));
  EXPECT_EQ(*ParseDateText("0001-01-01"), -719162);
  EXPECT_EQ(*ParseDateText("9999-12-31"), 2932896);
  EXPECT_EQ(FormatDate(-719162), "0001-01-01");
  EXPECT_EQ(FormatDate(2932896), "9999-12-31");
  EXPECT_EQ(FormatTimestamp(At(1, 1, 1), 'T', false), "0001-01-01T00:00:00");
  EXPECT_EQ(FormatTimestamp(At(9999, 12, 31, kMicrosPerDay - 1), ' ', false),
            "9999-12-31 23:59:59.999999");
  EXPECT_EQ(FormatTimestamp(At(1000, 6, 15, 43200123000), 'T', true), "1000-06-15T12:00:00.123");
  for (int64_t v : kExtremes) {
    EXPECT_EQ(ts(FormatTimestamp(v, 'T', false) + "Z"), v);
    EXPECT_EQ(ts(FormatTimestamp(v, ' ', false)), v);
  }
  // The extremes of int64 microseconds still format and parse back.
  for (int64_t v : {std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(ts(FormatTimestamp(v, 'T', false)), v) << FormatTimestamp(v, 'T', false);
  }
  // Commit times (milliseconds) format for any int64, without a microsecond step to overflow.
  EXPECT_EQ(FormatEpochMillis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatEpochMillis(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatEpochMillis(At(1, 1, 1) / 1000), "0001-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatEpochMillis(std::numeric_limits<int64_t>::max()),
            "292278994-08-17T07:12:55.807Z");
  EXPECT_EQ(FormatEpochMillis(std::numeric_limits<int64_t>::min()),
            "-292275055-05-16T16:47:04.192Z");
  // Literals print as text the parser reads back, to the ends of their ranges.
  for (const Literal& lit :
       {Literal::Timestamp(std::numeric_limits<int64_t>::min()),
        Literal::Timestamp(std::numeric_limits<int64_t>::max()),
        Literal::TimestampNtz(std::numeric_limits<int64_t>::min()),
        Literal::TimestampNtz(At(9999, 12, 31, kMicrosPerDay - 1)),
        Literal::Date(std::numeric_limits<int32_t>::min()), Literal::Date(-719162)}) {
    auto back = ParseExpression(expr::Eq(expr::Col("t"), expr::Lit(lit))->ToString());
    ASSERT_TRUE(back.ok()) << lit.ToString() << ": " << back.status().ToString();
    EXPECT_EQ((*back)->children[1]->value, lit) << lit.ToString();
  }
  auto literal = ParseExpression("t = TIMESTAMP '0001-01-01 00:00:00Z'");
  ASSERT_TRUE(literal.ok()) << literal.status().ToString();
  EXPECT_EQ((*literal)->children[1]->value, Literal::Timestamp(At(1, 1, 1)));
}

// A table through the public scan API: an INT96 file (id 0..7 = kExtremes) with Spark-style
// JSON statistics, and a file partitioned at 9999-12-31 23:59:59.999999.
class TimestampScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    arrow::Int64Builder ids;
    for (int64_t i = 0; i < static_cast<int64_t>(kExtremes.size()); ++i) {
      ASSERT_TRUE(ids.Append(i).ok());
    }
    ASSERT_TRUE(ids.AppendNull().ok());
    auto t = Timestamps(Micros("UTC"), kExtremes);
    auto table = arrow::Table::Make(
        arrow::schema({arrow::field("id", arrow::int64()), arrow::field("t", t->type())}),
        {ids.Finish().ValueOrDie(), t});
    auto arrow_props =
        parquet::ArrowWriterProperties::Builder().enable_deprecated_int96_timestamps()->build();
    auto sink = *arrow::io::BufferOutputStream::Create();
    ASSERT_TRUE(parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink, 2,
                                           parquet::default_writer_properties(), arrow_props)
                    .ok());
    std::string int96 = (*sink->Finish())->ToString();
    std::string part = ParquetBytes(Timestamps(Micros("UTC"), {}), false);
    ASSERT_TRUE(log_.fs()->Write(log_.root() + "/a.parquet", int96).ok());
    ASSERT_TRUE(log_.fs()->Write(log_.root() + "/b.parquet", part).ok());
    const std::string schema =
        R"({\"type\":\"struct\",\"fields\":[)"
        R"({\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},)"
        R"({\"name\":\"t\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}},)"
        R"({\"name\":\"p\",\"type\":\"timestamp\",\"nullable\":true,\"metadata\":{}}]})";
    const std::string stats =
        R"({\"numRecords\":9,\"minValues\":{\"id\":0,\"t\":\"0001-01-01T00:00:00.000Z\"},)"
        R"(\"maxValues\":{\"id\":7,\"t\":\"9999-12-31T23:59:59.999Z\"},)"
        R"(\"nullCount\":{\"id\":1,\"t\":1}})";
    log_.Commit(
        0, {testing::ProtocolJson(),
            R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},)"
            R"("schemaString":")" +
                schema + R"(","partitionColumns":["p"],"configuration":{}}})",
            R"({"add":{"path":"a.parquet","partitionValues":{"p":"0001-01-01 00:00:00"},"size":)" +
                std::to_string(int96.size()) +
                R"(,"modificationTime":1,"dataChange":true,"stats":")" + stats + R"("}})",
            R"({"add":{"path":"b.parquet","partitionValues":{"p":"9999-12-31 23:59:59.999999"},)"
            R"("size":)" +
                std::to_string(part.size()) + R"(,"modificationTime":1,"dataChange":true}})"});
  }

  // The JSON lines of a scan of `columns` filtered by `filter`, sorted.
  std::vector<std::string> Rows(const std::string& filter, bool skipping,
                                std::vector<std::string> columns = {"id", "t", "p"}) {
    auto snap = log_.table().LatestSnapshot();
    EXPECT_TRUE(snap.ok()) << snap.status().ToString();
    ScanOptions o;
    if (!filter.empty()) o.filter = *ParseExpression(filter);
    o.data_skipping = skipping;
    o.columns = std::move(columns);
    auto scan = Scan::Make(*snap, o);
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    if (!scan.ok()) return {};
    std::string text;
    auto n =
        WriteScanAsText(*scan, log_.engine(), TextFormat::kJsonLines, [&](std::string_view chunk) {
          text += chunk;
          return Status::OK();
        });
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    std::vector<std::string> rows;
    for (size_t at = 0, end; (end = text.find('\n', at)) != std::string::npos; at = end + 1) {
      rows.push_back(text.substr(at, end - at));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  testing::LogBuilder log_;
};

TEST_F(TimestampScanTest, ExactValuesAndFiltersThatKeepEveryMatch) {
  std::vector<std::string> all = Rows("", true, {"id", "t"});
  ASSERT_EQ(all.size(), 10u);  // b.parquet adds one row of nulls
  EXPECT_EQ(all[0], R"({"id":0,"t":"0001-01-01T00:00:00Z"})");
  EXPECT_EQ(all[1], R"({"id":1,"t":"1000-06-15T12:00:00.123456Z"})");
  EXPECT_EQ(all[2], R"({"id":2,"t":"1677-09-21T00:00:00Z"})");
  EXPECT_EQ(all[5], R"({"id":5,"t":"2262-04-12T00:00:00Z"})");
  EXPECT_EQ(all[7], R"({"id":7,"t":"9999-12-31T23:59:59.999999Z"})");
  EXPECT_EQ(all[8], R"({"id":null,"t":null})");
  EXPECT_EQ(all[9], R"({"id":null,"t":null})");
  struct Case {
    std::string filter;
    size_t rows;
  };
  for (const Case& c :
       {Case{"t = TIMESTAMP '9999-12-31 23:59:59.999999Z'", 1},
        Case{"t >= TIMESTAMP '9999-12-31 23:59:59.9995Z'", 1},
        Case{"t < TIMESTAMP '0001-01-01 00:00:00.000001Z'", 1},
        Case{"t > TIMESTAMP '2262-04-11 23:47:16.854775807Z'", 3}, Case{"t < DATE '1677-09-22'", 3},
        Case{"p = TIMESTAMP '9999-12-31 23:59:59.999999Z'", 1},
        Case{"p < TIMESTAMP '0001-01-01 00:00:00.000001Z'", 9},
        Case{"p > TIMESTAMP '9999-12-31 23:59:59.999998Z' OR t = "
             "TIMESTAMP '0001-01-01 00:00:00Z'",
             2}}) {
    SCOPED_TRACE(c.filter);
    std::vector<std::string> on = Rows(c.filter, true);
    EXPECT_EQ(on.size(), c.rows);
    EXPECT_EQ(on, Rows(c.filter, false));
  }
  EXPECT_EQ(Rows("p > TIMESTAMP '9000-01-01 00:00:00Z'", true),
            std::vector<std::string>{R"({"id":null,"t":null,"p":"9999-12-31T23:59:59.999999Z"})"});
}

TEST(TimestampRangeTest, CommitTimestampsBeyondMicrosecondsAreAnError) {
  // An in-commit timestamp (milliseconds) a hostile log sets near the end of int64: the change
  // feed's _commit_timestamp (microseconds) cannot hold it.
  testing::LogBuilder log;
  log.Commit(0, {R"({"commitInfo":{"inCommitTimestamp":9223372036854775000,"timestamp":1}})",
                 testing::ProtocolJson(1, 7, R"(,"writerFeatures":["inCommitTimestamp"])"),
                 testing::MetadataJson(R"({"delta.enableInCommitTimestamps":"true",)"
                                       R"("delta.enableChangeDataFeed":"true"})"),
                 testing::AddJson("a.parquet")});
  auto changes = ChangesScan::Make(log.table(), ChangesOptions{.start_version = 0});
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  auto files = (*changes)->Files();
  ASSERT_FALSE(files.ok());
  EXPECT_TRUE(files.status().IsInvalidTable()) << files.status().ToString();
  EXPECT_NE(files.status().message().find("9223372036854775000 ms"), std::string::npos)
      << files.status().ToString();
}

TEST(TimestampRangeTest, SparkLegacyCalendar) {
  // Julian-calendar labels of days before 1582-10-15 become the same Gregorian labels.
  auto julian = [](int64_t y, int64_t m, int64_t d) {  // days of Julian date y-m-d
    int64_t a = (14 - m) / 12;
    int64_t yy = y + 4800 - a;
    int64_t mm = m + 12 * a - 3;
    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - 32083 - 2440588;
  };
  EXPECT_EQ(RebaseJulianToGregorianDays(julian(1, 1, 1)), DaysFromCivil(1, 1, 1));
  EXPECT_EQ(RebaseJulianToGregorianDays(julian(1582, 10, 4)), DaysFromCivil(1582, 10, 4));
  EXPECT_EQ(RebaseJulianToGregorianDays(julian(1000, 2, 29)), DaysFromCivil(1000, 3, 1));
  EXPECT_EQ(RebaseJulianToGregorianDays(julian(-100, 7, 1)), DaysFromCivil(-100, 7, 1));
  for (int64_t days : {DaysFromCivil(1582, 10, 15), int64_t{0}, DaysFromCivil(9999, 12, 31)}) {
    EXPECT_EQ(RebaseJulianToGregorianDays(days), days);
  }
  EXPECT_EQ(RebaseJulianToGregorianDays(std::numeric_limits<int32_t>::min()),
            std::numeric_limits<int32_t>::min());  // before any Julian day number: as is

  auto spec = [](std::vector<std::string> keys, std::vector<std::string> values) {
    return engine::SparkRebaseOf(arrow::key_value_metadata(keys, values));
  };
  EXPECT_FALSE(engine::SparkRebaseOf(nullptr).any());
  EXPECT_FALSE(spec({"writer"}, {"pyarrow"}).any());
  EXPECT_FALSE(spec({"org.apache.spark.legacyDateTime"}, {""}).any());  // not Spark's file
  engine::SparkRebase s24 = spec({"org.apache.spark.version"}, {"2.4.8"});
  EXPECT_TRUE(s24.dates && s24.int96);
  engine::SparkRebase s30 = spec({"org.apache.spark.version"}, {"3.0.1"});
  EXPECT_TRUE(!s30.dates && s30.int96);
  engine::SparkRebase s35 = spec({"org.apache.spark.version"}, {"3.5.0"});
  EXPECT_FALSE(s35.any());
  engine::SparkRebase marked =
      spec({"org.apache.spark.version", "org.apache.spark.legacyDateTime"}, {"3.5.0", ""});
  EXPECT_TRUE(marked.dates && !marked.int96);
}

}  // namespace
}  // namespace delta
