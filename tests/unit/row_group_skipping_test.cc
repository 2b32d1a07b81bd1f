// Row-group skipping in the default Parquet reader: which row groups a bound predicate leaves
// out (exact counts and file row ranges) for every mapped type, NaN, nulls, nested columns,
// field ids, and the cases that must never skip (INT96, unsigned, missing columns); and through
// ExecuteScan: same rows as without skipping, with deletion vectors, row indexes and partition
// values, and the counts in ScanProgress.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/compute/cast.h>
#include <arrow/io/memory.h>
#include <arrow/util/key_value_metadata.h>
#include <parquet/arrow/writer.h>
#include <parquet/properties.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/deletion_vector.h"
#include "delta/expression.h"
#include "delta/memory_file_system.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "dv/z85.h"
#include "support/arrow_stream.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;
using testing::ProtocolJson;

// --- writing ------------------------------------------------------------------------------------

template <typename Builder, typename Fn>
std::shared_ptr<arrow::Array> Build(Builder&& b, int64_t n, Fn&& append) {
  for (int64_t r = 0; r < n; ++r) {
    arrow::Status st = append(b, r);
    EXPECT_TRUE(st.ok()) << st.ToString();
  }
  std::shared_ptr<arrow::Array> out;
  EXPECT_TRUE(b.Finish(&out).ok());
  return out;
}

std::string ParquetBytes(const std::shared_ptr<arrow::Table>& table, int64_t row_group,
                         std::shared_ptr<parquet::WriterProperties> props = nullptr,
                         std::shared_ptr<parquet::ArrowWriterProperties> arrow_props = nullptr) {
  auto sink = *arrow::io::BufferOutputStream::Create();
  if (!props) props = parquet::default_writer_properties();
  if (!arrow_props) arrow_props = parquet::default_arrow_writer_properties();
  auto st = parquet::arrow::WriteTable(*table, arrow::default_memory_pool(), sink, row_group, props,
                                       arrow_props);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return (*sink->Finish())->ToString();
}

// --- reading with a predicate ----------------------------------------------------------------

struct ReadOutcome {
  ParquetReadInfo info;
  int64_t rows = 0;
  std::shared_ptr<arrow::Table> table;
};

// Reads `bytes` with `read_schema` through the default engine's reader, the predicate `filter`
// bound to `delta_schema` (a schemaString).
ReadOutcome ReadWith(const std::string& bytes, const std::string& delta_schema,
                     const arrow::Schema& read_schema, const ExprPtr& filter) {
  ReadOutcome out;
  auto fs = std::make_shared<MemoryFileSystem>();
  EXPECT_TRUE(fs->Write("memory:///f.parquet", bytes).ok());
  DefaultEngineOptions eo;
  eo.cpu_threads = 1;
  auto engine = *MakeDefaultEngine(fs, eo);
  auto schema = ParseSchema(delta_schema);
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  ParquetReadOptions options;
  if (filter) {
    auto bound = BindExpression(filter, **schema);
    EXPECT_TRUE(bound.ok()) << bound.status().ToString();
    if (!bound.ok()) return out;
    options.predicate = *bound;
  }
  ArrowSchema c_schema;
  EXPECT_TRUE(arrow::ExportSchema(read_schema, &c_schema).ok());
  FileInfo file{"memory:///f.parquet", static_cast<int64_t>(bytes.size()), 0};
  auto stream = engine->parquet().ReadFiltered(file, &c_schema, options, &out.info);
  c_schema.release(&c_schema);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return out;
  auto table = test::ReadStream(*stream);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return out;
  out.table = *table;
  out.rows = out.table->num_rows();
  return out;
}

ReadOutcome ReadWith(const std::string& bytes, const std::string& delta_schema,
                     const arrow::Schema& read_schema, const std::string& filter) {
  auto parsed = ParseExpression(filter);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return ReadWith(bytes, delta_schema, read_schema, parsed.ok() ? *parsed : nullptr);
}

// The kept row groups of a file with `group_rows` rows per group, from the reported ranges.
std::vector<int64_t> KeptGroups(const ParquetReadInfo& info, int64_t group_rows) {
  std::vector<int64_t> out;
  if (!info.row_ranges) {
    for (int64_t g = 0; g < info.row_groups; ++g) out.push_back(g);
    return out;
  }
  for (const RowRange& r : *info.row_ranges) {
    EXPECT_EQ(r.first % group_rows, 0);
    EXPECT_EQ(r.count % group_rows, 0);
    for (int64_t g = r.first / group_rows; g < (r.first + r.count) / group_rows; ++g) {
      out.push_back(g);
    }
  }
  return out;
}

std::vector<int64_t> Int64Column(const arrow::Table& t, const std::string& name) {
  std::vector<int64_t> out;
  auto col = t.GetColumnByName(name);
  EXPECT_NE(col, nullptr) << name;
  if (!col) return out;
  for (const auto& chunk : col->chunks()) {
    auto cast = arrow::compute::Cast(*chunk, arrow::int64());
    EXPECT_TRUE(cast.ok());
    auto ints = std::static_pointer_cast<arrow::Int64Array>(*cast);
    for (int64_t i = 0; i < ints->length(); ++i) {
      out.push_back(ints->IsNull(i) ? -999 : ints->Value(i));
    }
  }
  return out;
}

// --- one file, ten row groups of 100 rows, row r in group r / 100 ----------------------------

constexpr int64_t kRows = 1000;
constexpr int64_t kGroup = 100;

const char* kMainSchema =
    R"({"type":"struct","fields":[)"
    R"({"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"s","type":"string","nullable":true,"metadata":{}},)"
    R"({"name":"n","type":"integer","nullable":true,"metadata":{}},)"
    R"({"name":"f","type":"double","nullable":true,"metadata":{}},)"
    R"({"name":"d","type":"date","nullable":true,"metadata":{}},)"
    R"({"name":"ts","type":"timestamp","nullable":true,"metadata":{}},)"
    R"j({"name":"dec","type":"decimal(10,2)","nullable":true,"metadata":{}},)j"
    R"({"name":"st","type":{"type":"struct","fields":[)"
    R"({"name":"a","type":"long","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},)"
    R"({"name":"extra","type":"long","nullable":true,"metadata":{}}]})";

std::shared_ptr<arrow::Table> MainTable() {
  auto id = Build(arrow::Int64Builder(), kRows, [](auto& b, int64_t r) { return b.Append(r); });
  auto s = Build(arrow::StringBuilder(), kRows, [](auto& b, int64_t r) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "s%04d", static_cast<int>(r));
    return b.Append(buf);
  });
  // n: group 3 all null, even rows of group 5 null, otherwise the row.
  auto n = Build(arrow::Int32Builder(), kRows, [](auto& b, int64_t r) {
    if (r / kGroup == 3 || (r / kGroup == 5 && r % 2 == 0)) return b.AppendNull();
    return b.Append(static_cast<int32_t>(r));
  });
  // f: r / 2, with a NaN at row 705 (group 7).
  auto f = Build(arrow::DoubleBuilder(), kRows, [](auto& b, int64_t r) {
    return b.Append(r == 705 ? std::nan("") : static_cast<double>(r) / 2);
  });
  auto d = Build(arrow::Date32Builder(), kRows,
                 [](auto& b, int64_t r) { return b.Append(static_cast<int32_t>(19000 + r / 10)); });
  auto ts = Build(arrow::TimestampBuilder(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"),
                                          arrow::default_memory_pool()),
                  kRows, [](auto& b, int64_t r) { return b.Append(r * 1000000); });
  // dec: r.05
  auto dec = Build(arrow::Decimal128Builder(arrow::decimal128(10, 2)), kRows,
                   [](auto& b, int64_t r) { return b.Append(arrow::Decimal128(r * 100 + 5)); });
  // st: null in group 8, else {a: r}.
  auto a = Build(arrow::Int64Builder(), kRows, [](auto& b, int64_t r) { return b.Append(r); });
  std::vector<uint8_t> valid_bytes(kRows);
  for (int64_t r = 0; r < kRows; ++r) valid_bytes[static_cast<size_t>(r)] = r / kGroup != 8;
  arrow::TypedBufferBuilder<bool> bits;
  EXPECT_TRUE(bits.Append(valid_bytes.data(), kRows).ok());
  std::shared_ptr<arrow::Buffer> bitmap = *bits.Finish();
  auto st = std::make_shared<arrow::StructArray>(
      arrow::struct_({arrow::field("a", arrow::int64())}), kRows, arrow::ArrayVector{a}, bitmap);
  auto schema =
      arrow::schema({arrow::field("id", arrow::int64()), arrow::field("s", arrow::utf8()),
                     arrow::field("n", arrow::int32()), arrow::field("f", arrow::float64()),
                     arrow::field("d", arrow::date32()), arrow::field("ts", ts->type()),
                     arrow::field("dec", dec->type()), arrow::field("st", st->type())});
  return arrow::Table::Make(schema, {id, s, n, f, d, ts, dec, st});
}

std::shared_ptr<arrow::Schema> MainReadSchema() {
  auto t = MainTable();
  arrow::FieldVector fields = t->schema()->fields();
  fields.push_back(arrow::field("extra", arrow::int64()));  // not in the file
  return arrow::schema(fields);
}

class MainFileTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { bytes_ = new std::string(ParquetBytes(MainTable(), kGroup)); }
  static void TearDownTestSuite() {
    delete bytes_;
    bytes_ = nullptr;
  }

  std::vector<int64_t> Kept(const ExprPtr& filter) {
    ReadOutcome r = ReadWith(*bytes_, kMainSchema, *MainReadSchema(), filter);
    EXPECT_EQ(r.info.row_groups, 10);
    std::vector<int64_t> kept = KeptGroups(r.info, kGroup);
    EXPECT_EQ(r.info.row_groups_skipped, 10 - static_cast<int64_t>(kept.size()));
    EXPECT_EQ(r.rows, kGroup * static_cast<int64_t>(kept.size()));
    // The stream holds exactly the kept groups' rows, in file order.
    if (r.table) {
      std::vector<int64_t> expected;
      for (int64_t g : kept) {
        for (int64_t i = 0; i < kGroup; ++i) expected.push_back(g * kGroup + i);
      }
      EXPECT_EQ(Int64Column(*r.table, "id"), expected);
    }
    return kept;
  }
  std::vector<int64_t> Kept(const std::string& filter) {
    SCOPED_TRACE(filter);
    auto parsed = ParseExpression(filter);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return Kept(*parsed);
  }

  static std::string* bytes_;
};

std::string* MainFileTest::bytes_ = nullptr;

using G = std::vector<int64_t>;

TEST_F(MainFileTest, IntegerRanges) {
  EXPECT_EQ(Kept("id < 150"), (G{0, 1}));
  EXPECT_EQ(Kept("id = 555"), (G{5}));
  EXPECT_EQ(Kept("id > 2000"), (G{}));
  EXPECT_EQ(Kept("id IS NULL"), (G{}));
  EXPECT_EQ(Kept("NOT (id >= 100)"), (G{0}));
  EXPECT_EQ(Kept("id < 100 OR id >= 900"), (G{0, 9}));
  EXPECT_EQ(Kept("id IN (5, 905)"), (G{0, 9}));
  EXPECT_EQ(Kept("id BETWEEN 199 AND 200"), (G{1, 2}));
  EXPECT_EQ(Kept("id != 5"), (G{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(Kept("id < 150 AND s > 's0100'"), (G{1}));
  // No predicate: every group, and no ranges reported.
  ReadOutcome all = ReadWith(*bytes_, kMainSchema, *MainReadSchema(), ExprPtr());
  EXPECT_EQ(all.info.row_groups, 10);
  EXPECT_EQ(all.info.row_groups_skipped, 0);
  EXPECT_FALSE(all.info.row_ranges.has_value());
  EXPECT_EQ(all.rows, kRows);
}

TEST_F(MainFileTest, GapsAreReportedAsRanges) {
  ReadOutcome r = ReadWith(*bytes_, kMainSchema, *MainReadSchema(), "id < 100 OR id >= 800");
  ASSERT_TRUE(r.info.row_ranges.has_value());
  ASSERT_EQ(r.info.row_ranges->size(), 2u);
  EXPECT_EQ((*r.info.row_ranges)[0].first, 0);
  EXPECT_EQ((*r.info.row_ranges)[0].count, 100);
  EXPECT_EQ((*r.info.row_ranges)[1].first, 800);
  EXPECT_EQ((*r.info.row_ranges)[1].count, 200);  // adjacent groups merge
  EXPECT_EQ(r.rows, 300);
}

TEST_F(MainFileTest, StringsDatesTimestampsDecimals) {
  EXPECT_EQ(Kept("s = 's0555'"), (G{5}));
  EXPECT_EQ(Kept("s >= 's0950'"), (G{9}));
  EXPECT_EQ(Kept("s < 's0'"), (G{}));
  // 's0099x' sorts after the max 's0099' of group 0, but statistics may truncate a max to a
  // prefix, so a value starting with the max is never ruled out.
  EXPECT_EQ(Kept("s = 's0099x'"), (G{0}));
  using namespace expr;
  EXPECT_EQ(Kept(Eq(Col("d"), Lit(Literal::Date(19045)))), (G{4}));
  EXPECT_EQ(Kept(Lt(Col("d"), Lit(Literal::Date(19000)))), (G{}));
  EXPECT_EQ(Kept(Ge(Col("ts"), Lit(Literal::Timestamp(990000000)))), (G{9}));
  EXPECT_EQ(Kept(Le(Col("ts"), Lit(Literal::Timestamp(99999999)))), (G{0}));
  EXPECT_EQ(Kept("dec < 1.00"), (G{0}));
  EXPECT_EQ(Kept("dec = 350.05"), (G{3}));
  EXPECT_EQ(Kept("dec = 350.06"), (G{3}));  // inside the range: statistics cannot tell
  EXPECT_EQ(Kept("dec > 999.05"), (G{}));
}

TEST_F(MainFileTest, NullsAndNaN) {
  EXPECT_EQ(Kept("n IS NULL"), (G{3, 5}));
  EXPECT_EQ(Kept("n IS NOT NULL"), (G{0, 1, 2, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(Kept("n = 350"), (G{}));  // group 3 is all null
  EXPECT_EQ(Kept("n = 351 OR n IS NULL"), (G{3, 5}));
  EXPECT_EQ(Kept("NOT (n IS NULL)"), (G{0, 1, 2, 4, 5, 6, 7, 8, 9}));
  // Parquet statistics leave NaN out and record no NaN count, and NaN > x holds in Spark's
  // ordering: any group may hide one (group 7 does), so > rules nothing out.
  EXPECT_EQ(Kept("f > 490"), (G{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(Kept("f < 1"), (G{0}));
  EXPECT_EQ(Kept("f = 100"), (G{2}));
  EXPECT_EQ(Kept("f != 100"), (G{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST_F(MainFileTest, NestedAndMissingColumns) {
  EXPECT_EQ(Kept("st.a IS NULL"), (G{8}));  // a null struct makes its leaves null
  EXPECT_EQ(Kept("st.a = 850"), (G{}));
  EXPECT_EQ(Kept("st.a = 10"), (G{0}));
  EXPECT_EQ(Kept("st.a >= 700 AND st.a < 900"), (G{7}));
  // A column the file does not have reads as null in every row, as its statistics would say.
  EXPECT_EQ(Kept("extra = 1"), (G{}));
  EXPECT_EQ(Kept("extra = 1 OR id < 100"), (G{0}));
  EXPECT_EQ(Kept("extra IS NULL AND id < 100"), (G{0}));
  EXPECT_EQ(Kept("extra IS NOT NULL"), (G{}));
}

// --- types stored differently from the table's --------------------------------------------

TEST(RowGroupSkippingTest, WidenedDecimalsAndTimestampUnits) {
  constexpr int64_t n = 40;  // four groups of ten
  auto ns = Build(arrow::TimestampBuilder(arrow::timestamp(arrow::TimeUnit::NANO, "UTC"),
                                          arrow::default_memory_pool()),
                  n, [](auto& b, int64_t r) { return b.Append(r * 1500); });
  auto ms = Build(arrow::TimestampBuilder(arrow::timestamp(arrow::TimeUnit::MILLI),
                                          arrow::default_memory_pool()),
                  n, [](auto& b, int64_t r) { return b.Append(r); });
  auto small = Build(arrow::Decimal128Builder(arrow::decimal128(9, 2)), n, [](auto& b, int64_t r) {
    return b.Append(arrow::Decimal128((r - 20) * 100 + 7));
  });
  auto big = Build(arrow::Decimal128Builder(arrow::decimal128(25, 3)), n, [](auto& b, int64_t r) {
    return b.Append(arrow::Decimal128((r - 20) * 1000 + 7));
  });
  auto fl = Build(arrow::FloatBuilder(), n,
                  [](auto& b, int64_t r) { return b.Append(static_cast<float>(r) + 0.5f); });
  auto w = Build(arrow::Int32Builder(), n,
                 [](auto& b, int64_t r) { return b.Append(static_cast<int32_t>(r)); });
  auto u = Build(arrow::UInt32Builder(), n,
                 [](auto& b, int64_t r) { return b.Append(static_cast<uint32_t>(r)); });
  auto flag =
      Build(arrow::BooleanBuilder(), n, [](auto& b, int64_t r) { return b.Append(r / 10 == 2); });
  auto bin = Build(arrow::BinaryBuilder(), n, [](auto& b, int64_t r) {
    std::string v(1, static_cast<char>(r * 6));  // 0x00 .. 0xEA: high bytes sort unsigned
    return b.Append(v);
  });
  auto table = arrow::Table::Make(
      arrow::schema({arrow::field("ns", ns->type()), arrow::field("ms", ms->type()),
                     arrow::field("small", small->type()), arrow::field("big", big->type()),
                     arrow::field("fl", fl->type()), arrow::field("w", w->type()),
                     arrow::field("u", u->type()), arrow::field("flag", flag->type()),
                     arrow::field("bin", bin->type())}),
      {ns, ms, small, big, fl, w, u, flag, bin});
  auto props = parquet::WriterProperties::Builder().enable_store_decimal_as_integer()->build();
  std::string bytes = ParquetBytes(table, 10, props);
  // The table's types: wider decimals, double for the float, long for the int.
  const std::string schema =
      R"({"type":"struct","fields":[)"
      R"({"name":"ns","type":"timestamp","nullable":true,"metadata":{}},)"
      R"({"name":"ms","type":"timestamp_ntz","nullable":true,"metadata":{}},)"
      R"j({"name":"small","type":"decimal(12,4)","nullable":true,"metadata":{}},)j"
      R"j({"name":"big","type":"decimal(30,3)","nullable":true,"metadata":{}},)j"
      R"({"name":"fl","type":"double","nullable":true,"metadata":{}},)"
      R"({"name":"w","type":"long","nullable":true,"metadata":{}},)"
      R"({"name":"u","type":"long","nullable":true,"metadata":{}},)"
      R"({"name":"flag","type":"boolean","nullable":true,"metadata":{}},)"
      R"({"name":"bin","type":"binary","nullable":true,"metadata":{}}]})";
  auto read_schema = arrow::schema(
      {arrow::field("ns", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
       arrow::field("ms", arrow::timestamp(arrow::TimeUnit::MICRO)),
       arrow::field("small", arrow::decimal128(12, 4)),
       arrow::field("big", arrow::decimal128(30, 3)), arrow::field("fl", arrow::float64()),
       arrow::field("w", arrow::int64()), arrow::field("u", arrow::int64()),
       arrow::field("flag", arrow::boolean()), arrow::field("bin", arrow::binary())});
  auto kept = [&](const ExprPtr& filter) {
    SCOPED_TRACE(filter->ToString());
    ReadOutcome r = ReadWith(bytes, schema, *read_schema, filter);
    EXPECT_EQ(r.info.row_groups, 4);
    EXPECT_EQ(r.rows, 10 * (4 - r.info.row_groups_skipped));
    return KeptGroups(r.info, 10);
  };
  auto parse = [](const std::string& text) { return *ParseExpression(text); };
  using namespace expr;
  // ns: group 1 holds 15000..28500 ns = 15..28.5 us; bounds round outward (floor, ceiling).
  EXPECT_EQ(kept(Lt(Col("ns"), Lit(Literal::Timestamp(15)))), (G{0}));
  EXPECT_EQ(kept(Ge(Col("ns"), Lit(Literal::Timestamp(29)))), (G{1, 2, 3}));
  EXPECT_EQ(kept(Gt(Col("ns"), Lit(Literal::Timestamp(44)))), (G{3}));
  // ms: group g holds 10g..10g+9 ms.
  EXPECT_EQ(kept(Eq(Col("ms"), Lit(Literal::TimestampNtz(25000)))), (G{2}));
  EXPECT_EQ(kept(Eq(Col("ms"), Lit(Literal::TimestampNtz(25001)))), (G{2}));
  EXPECT_EQ(kept(Gt(Col("ms"), Lit(Literal::TimestampNtz(39000)))), (G{}));
  // small (INT32 decimal(9,2) read as decimal(12,4)): group 0 is -19.93..-10.93.
  EXPECT_EQ(kept(parse("small < -10.9300")), (G{0}));
  EXPECT_EQ(kept(parse("small <= -10.9300")), (G{0}));
  EXPECT_EQ(kept(parse("small > 19.0700")), (G{}));
  EXPECT_EQ(kept(parse("small >= 19.0700")), (G{3}));
  // big (fixed-length bytes, negative values sign-extended).
  EXPECT_EQ(kept(parse("big < -10.993")), (G{0}));
  EXPECT_EQ(kept(parse("big = 0.007")), (G{2}));
  EXPECT_EQ(kept(parse("big > 19.007")), (G{}));
  // float read as double; int read as long.
  EXPECT_EQ(kept(parse("fl < 10.5")), (G{0}));
  EXPECT_EQ(kept(parse("fl = 10.5")), (G{1}));
  EXPECT_EQ(kept(parse("w >= 30")), (G{3}));
  EXPECT_EQ(kept(parse("w IN (1, 2, 3)")), (G{0}));
  // Unsigned integers sort differently: never skipped.
  EXPECT_EQ(kept(parse("u > 1000")), (G{0, 1, 2, 3}));
  EXPECT_EQ(kept(parse("flag = TRUE")), (G{2}));
  EXPECT_EQ(kept(parse("flag")), (G{2}));
  EXPECT_EQ(kept(parse("NOT flag")), (G{0, 1, 3}));
  // Binary bytes compare unsigned: 0xB4 (row 30) is in group 3 only.
  EXPECT_EQ(kept(parse("bin = X'B4'")), (G{3}));
  EXPECT_EQ(kept(parse("bin < X'3C'")), (G{0}));
}

TEST(RowGroupSkippingTest, Int96TimestampsAreNeverSkipped) {
  auto ts = Build(arrow::TimestampBuilder(arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"),
                                          arrow::default_memory_pool()),
                  40, [](auto& b, int64_t r) { return b.Append(r * 1000000); });
  auto table = arrow::Table::Make(arrow::schema({arrow::field("t", ts->type())}), {ts});
  auto arrow_props =
      parquet::ArrowWriterProperties::Builder().enable_deprecated_int96_timestamps()->build();
  std::string bytes = ParquetBytes(table, 10, nullptr, arrow_props);
  const std::string schema =
      R"({"type":"struct","fields":[{"name":"t","type":"timestamp","nullable":true,"metadata":{}}]})";
  auto read_schema = arrow::schema({arrow::field("t", ts->type())});
  using namespace expr;
  ReadOutcome r =
      ReadWith(bytes, schema, *read_schema, Lt(Col("t"), Lit(Literal::Timestamp(-1000000))));
  EXPECT_EQ(r.info.row_groups, 4);
  EXPECT_EQ(r.info.row_groups_skipped, 0);
  EXPECT_EQ(r.rows, 40);
}

// Column mapping id mode: the read schema's field id picks the file's column, whatever names.
TEST(RowGroupSkippingTest, FieldIdsPickTheColumn) {
  auto up = Build(arrow::Int64Builder(), 40, [](auto& b, int64_t r) { return b.Append(r); });
  auto down = Build(arrow::Int64Builder(), 40, [](auto& b, int64_t r) { return b.Append(39 - r); });
  auto id = [](int v) {
    return arrow::key_value_metadata({"PARQUET:field_id"}, {std::to_string(v)});
  };
  // The file's column named like the read schema's field carries the other id.
  auto table =
      arrow::Table::Make(arrow::schema({arrow::field("col-x", arrow::int64(), true, id(2)),
                                        arrow::field("other", arrow::int64(), true, id(1))}),
                         {down, up});
  std::string bytes = ParquetBytes(table, 10);
  const std::string schema =
      R"({"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{)"
      R"("delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-x"}}]})";
  auto read_schema = arrow::schema({arrow::field("col-x", arrow::int64(), true, id(1))});
  ReadOutcome r = ReadWith(bytes, schema, *read_schema, "a < 10");
  EXPECT_EQ(KeptGroups(r.info, 10), (G{0}));
  ASSERT_NE(r.table, nullptr);
  EXPECT_EQ(Int64Column(*r.table, "col-x"), (G{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

// An engine's reader that ignores the hints still works: the default ReadFiltered.
class PlainReader final : public ParquetReader {
 public:
  explicit PlainReader(ParquetReader& inner) : inner_(inner) {}
  Result<ArrowStreamHandle> Read(const FileInfo& file, const ArrowSchema* schema) override {
    return inner_.Read(file, schema);
  }
  Result<ArrowSchemaHandle> ReadSchema(const FileInfo& file) override {
    return inner_.ReadSchema(file);
  }

 private:
  ParquetReader& inner_;
};

class PlainEngine final : public Engine {
 public:
  explicit PlainEngine(std::shared_ptr<Engine> inner)
      : inner_(std::move(inner)), reader_(inner_->parquet()) {}
  FileSystem& file_system() override { return inner_->file_system(); }
  ParquetReader& parquet() override { return reader_; }
  Executor& executor() override { return inner_->executor(); }

 private:
  std::shared_ptr<Engine> inner_;
  PlainReader reader_;
};

// --- through ExecuteScan ------------------------------------------------------------------------

std::string AddAction(const std::string& path, size_t size, const std::string& partition_values,
                      const std::string& extra = "") {
  return R"({"add":{"path":")" + path + R"(","partitionValues":)" + partition_values +
         R"(,"size":)" + std::to_string(size) + R"(,"modificationTime":1,"dataChange":true)" +
         extra + "}}";
}

// id 0..999 in ten row groups, v = id * 10.
std::string IdFile() {
  auto id = Build(arrow::Int64Builder(), kRows, [](auto& b, int64_t r) { return b.Append(r); });
  auto v = Build(arrow::Int64Builder(), kRows, [](auto& b, int64_t r) { return b.Append(r * 10); });
  return ParquetBytes(arrow::Table::Make(arrow::schema({arrow::field("id", arrow::int64()),
                                                        arrow::field("v", arrow::int64())}),
                                         {id, v}),
                      kGroup);
}

struct ScanOutcome {
  std::vector<std::string> rows;  // sorted "id,v,p,_row_index"
  ScanProgress progress;
};

ScanOutcome RunScan(const LogBuilder& log, const std::string& filter, bool skipping,
                    std::shared_ptr<Engine> engine = nullptr) {
  ScanOutcome out;
  auto snap = log.table().LatestSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  ScanOptions o;
  o.filter = *ParseExpression(filter);
  o.data_skipping = skipping;
  o.metadata_columns = {MetadataColumn::kRowIndex};
  auto scan = Scan::Make(*snap, o);
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  ExecuteOptions exec;
  exec.progress = [&out](const ScanProgress& p) { out.progress = p; };
  auto stream = ExecuteScan(*scan, engine ? engine : log.engine(), exec);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return out;
  auto table = test::ReadStream(*stream);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return out;
  auto combined = (*table)->CombineChunksToBatch();
  EXPECT_TRUE(combined.ok());
  const arrow::RecordBatch& b = **combined;
  for (int64_t i = 0; i < b.num_rows(); ++i) {
    std::string row;
    for (int c = 0; c < b.num_columns(); ++c) {
      row += (*b.column(c)->GetScalar(i))->ToString() + ",";
    }
    out.rows.push_back(row);
  }
  std::sort(out.rows.begin(), out.rows.end());
  return out;
}

const char* kScanSchema =
    R"({\"type\":\"struct\",\"fields\":[)"
    R"({\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},)"
    R"({\"name\":\"v\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},)"
    R"({\"name\":\"p\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]})";

std::string ScanMetadata() {
  return R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":")" +
         std::string(kScanSchema) + R"(","partitionColumns":["p"],"configuration":{}}})";
}

TEST(RowGroupSkippingScanTest, DeletionVectorsRowIndexesAndPartitionValues) {
  LogBuilder log;
  std::string bytes = IdFile();
  ASSERT_TRUE(log.fs()->Write(log.root() + "/p=1/a.parquet", bytes).ok());
  ASSERT_TRUE(log.fs()->Write(log.root() + "/p=2/b.parquet", bytes).ok());
  // No stats: file skipping cannot help, only row groups can. DVs delete rows 50, 150, 950
  // of a and row 905 of b.
  log.Commit(
      0, {ProtocolJson(3, 7,
                       R"(,"readerFeatures":["deletionVectors"],)"
                       R"("writerFeatures":["deletionVectors"])"),
          ScanMetadata(),
          AddAction("p=1/a.parquet", bytes.size(), R"({"p":"1"})",
                    testing::InlineDvJson({50, 150, 950})),
          AddAction("p=2/b.parquet", bytes.size(), R"({"p":"2"})", testing::InlineDvJson({905}))});

  struct Case {
    std::string filter;
    int64_t skipped;  // row groups left out over both files
    size_t rows;
  };
  const std::vector<Case> cases = {
      // A gap inside one batch: groups 0 and 9 of each file are read as one stream batch.
      {"id < 100 OR id >= 900", 16, 4 * 100 - 3},
      // Partition values take part: a keeps group 0, b keeps group 9.
      {"(p = 1 AND id < 100) OR (p = 2 AND id >= 900)", 18, 2 * 100 - 2},
      {"id = 950", 18, 1},  // a's row 950 is deleted; b's is there
      {"id = 150 OR id = 151", 18, 3},
      {"v > 100000", 20, 0},
      {"id >= 0", 0, 2000 - 4},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.filter);
    ScanOutcome on = RunScan(log, c.filter, true);
    ScanOutcome off = RunScan(log, c.filter, false);
    EXPECT_EQ(on.rows, off.rows);
    EXPECT_EQ(on.rows.size(), c.rows);
    EXPECT_EQ(on.progress.row_groups, 20);
    EXPECT_EQ(on.progress.row_groups_skipped, c.skipped);
    EXPECT_EQ(off.progress.row_groups, 20);
    EXPECT_EQ(off.progress.row_groups_skipped, 0);
    // Row indexes stay file positions: id equals the row index in both files.
    for (const std::string& row : on.rows) {
      std::string id = row.substr(0, row.find(','));
      EXPECT_TRUE(row.ends_with("," + id + ",")) << row;
    }
    // An engine whose reader ignores the hints gives the same rows.
    ScanOutcome plain = RunScan(log, c.filter, true, std::make_shared<PlainEngine>(log.engine()));
    EXPECT_EQ(plain.rows, on.rows);
    EXPECT_EQ(plain.progress.row_groups_skipped, 0);
  }
  // Exact rows for the gap case: a loses 50 and 950, b loses 905.
  ScanOutcome gap = RunScan(log, "id < 100 OR id >= 900", true);
  std::set<std::string> rows(gap.rows.begin(), gap.rows.end());
  EXPECT_FALSE(rows.count("50,500,1,50,"));
  EXPECT_TRUE(rows.count("50,500,2,50,"));
  EXPECT_TRUE(rows.count("905,9050,1,905,"));
  EXPECT_FALSE(rows.count("905,9050,2,905,"));
  EXPECT_TRUE(rows.count("999,9990,2,999,"));
}

}  // namespace
}  // namespace delta
