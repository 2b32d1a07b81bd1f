// Partition value parsing (PROTOCOL.md "Partition Value Serialization") and the date, timestamp
// and decimal text helpers behind it.
#include "scan/partition_values.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/table.h"
#include "support/conformance_tables.h"
#include "support/log_builder.h"

namespace delta {
namespace {

DataTypePtr T(TypeKind k) { return PrimitiveType::Make(k); }
DataTypePtr Dec(int p, int s) { return *DecimalType::Make(p, s); }

Literal Parse(std::optional<std::string_view> v, const DataTypePtr& type) {
  auto r = ParsePartitionValue(v, *type);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Literal();
}

Status ParseError(std::string_view v, const DataTypePtr& type) {
  auto r = ParsePartitionValue(v, *type);
  EXPECT_FALSE(r.ok()) << "parsed '" << v << "' as " << type->ToString();
  return r.status();
}

TEST(PartitionValueTest, NullAndEmpty) {
  for (TypeKind k : {TypeKind::kInteger, TypeKind::kString, TypeKind::kDate, TypeKind::kTimestamp,
                     TypeKind::kBoolean, TypeKind::kBinary}) {
    Literal n = Parse(std::nullopt, T(k));
    EXPECT_TRUE(n.is_null());
    EXPECT_EQ(n.kind(), k);
  }
  // The empty string is null for every type, string and binary included (PROTOCOL.md).
  for (TypeKind k : {TypeKind::kInteger, TypeKind::kLong, TypeKind::kDouble, TypeKind::kDate,
                     TypeKind::kTimestamp, TypeKind::kTimestampNtz, TypeKind::kBoolean,
                     TypeKind::kString, TypeKind::kBinary}) {
    Literal n = Parse("", T(k));
    EXPECT_TRUE(n.is_null()) << TypeKindName(k);
    EXPECT_EQ(n.kind(), k);
  }
  Literal d = Parse("", Dec(10, 2));
  EXPECT_TRUE(d.is_null());
  EXPECT_EQ(d.type()->ToString(), "decimal(10,2)");
  EXPECT_EQ(Parse("", T(TypeKind::kString)), Literal::Null(T(TypeKind::kString)));
  EXPECT_EQ(Parse("", T(TypeKind::kBinary)), Literal::Null(T(TypeKind::kBinary)));
  // A single space is a value, not null.
  EXPECT_EQ(Parse(" ", T(TypeKind::kString)), Literal::String(" "));
  // The text "null" is a string, not a null.
  EXPECT_EQ(Parse("null", T(TypeKind::kString)), Literal::String("null"));
}

TEST(PartitionValueTest, Integers) {
  EXPECT_EQ(Parse("-128", T(TypeKind::kByte)), Literal::Byte(-128));
  EXPECT_EQ(Parse("127", T(TypeKind::kByte)), Literal::Byte(127));
  EXPECT_EQ(Parse("-32768", T(TypeKind::kShort)), Literal::Short(-32768));
  EXPECT_EQ(Parse("2147483647", T(TypeKind::kInteger)), Literal::Integer(2147483647));
  EXPECT_EQ(Parse("-9223372036854775808", T(TypeKind::kLong)),
            Literal::Long(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(Parse("+5", T(TypeKind::kLong)), Literal::Long(5));
  Status s = ParseError("128", T(TypeKind::kByte));
  EXPECT_TRUE(s.IsInvalidTable());
  EXPECT_EQ(s.message(), "partition value '128' is not a valid byte");
  EXPECT_EQ(ParseError("1.5", T(TypeKind::kInteger)).message(),
            "partition value '1.5' is not a valid integer");
  (void)ParseError(" 1", T(TypeKind::kInteger));
  (void)ParseError("1 ", T(TypeKind::kInteger));
  (void)ParseError("0x10", T(TypeKind::kLong));
  (void)ParseError("9223372036854775808", T(TypeKind::kLong));
}

TEST(PartitionValueTest, BooleansAndFloats) {
  EXPECT_EQ(Parse("true", T(TypeKind::kBoolean)), Literal::Boolean(true));
  EXPECT_EQ(Parse("false", T(TypeKind::kBoolean)), Literal::Boolean(false));
  EXPECT_EQ(Parse("TRUE", T(TypeKind::kBoolean)), Literal::Boolean(true));
  EXPECT_EQ(ParseError("yes", T(TypeKind::kBoolean)).message(),
            "partition value 'yes' is not a valid boolean");

  EXPECT_EQ(Parse("0.0", T(TypeKind::kFloat)), Literal::Float(0.0f));
  EXPECT_EQ(Parse("1.1", T(TypeKind::kFloat)).floating_value(), static_cast<double>(1.1f));
  EXPECT_EQ(Parse("1.1", T(TypeKind::kDouble)), Literal::Double(1.1));
  EXPECT_EQ(Parse("-2.5E10", T(TypeKind::kDouble)), Literal::Double(-2.5e10));
  EXPECT_TRUE(std::isnan(Parse("NaN", T(TypeKind::kDouble)).floating_value()));
  EXPECT_TRUE(std::isnan(Parse("NaN", T(TypeKind::kFloat)).floating_value()));
  EXPECT_EQ(Parse("Infinity", T(TypeKind::kDouble)),
            Literal::Double(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(Parse("-Infinity", T(TypeKind::kFloat)),
            Literal::Float(-std::numeric_limits<float>::infinity()));
  (void)ParseError("1.0f", T(TypeKind::kDouble));
  (void)ParseError("abc", T(TypeKind::kDouble));
}

TEST(PartitionValueTest, DatesAndTimestamps) {
  EXPECT_EQ(Parse("1970-01-01", T(TypeKind::kDate)), Literal::Date(0));
  EXPECT_EQ(Parse("2021-09-08", T(TypeKind::kDate)), Literal::Date(18878));
  EXPECT_EQ(Parse("1969-12-31", T(TypeKind::kDate)), Literal::Date(-1));
  EXPECT_EQ(Parse("2024-2-9", T(TypeKind::kDate)), Literal::Date(19762));
  EXPECT_EQ(Parse("2024-02-29", T(TypeKind::kDate)), Literal::Date(19782));
  EXPECT_EQ(ParseError("2023-02-29", T(TypeKind::kDate)).message(),
            "partition value '2023-02-29' is not a valid date");
  (void)ParseError("2023-13-01", T(TypeKind::kDate));
  (void)ParseError("2023-01-01x", T(TypeKind::kDate));

  // Without a zone a timestamp partition value is UTC.
  EXPECT_EQ(Parse("2021-09-08 11:11:11", T(TypeKind::kTimestamp)),
            Literal::Timestamp(1631099471000000));
  EXPECT_EQ(Parse("2021-09-08 11:11:11.5", T(TypeKind::kTimestamp)),
            Literal::Timestamp(1631099471500000));
  EXPECT_EQ(Parse("1970-01-01 00:00:00.000001", T(TypeKind::kTimestamp)), Literal::Timestamp(1));
  // ISO-8601, adjusted to UTC.
  EXPECT_EQ(Parse("1971-07-22T03:06:40.000000Z", T(TypeKind::kTimestamp)),
            Literal::Timestamp(49000000000000));
  EXPECT_EQ(Parse("1971-07-22T04:06:40+01:00", T(TypeKind::kTimestamp)),
            Literal::Timestamp(49000000000000));
  EXPECT_EQ(Parse("1971-07-21T19:06:40.000-08:00", T(TypeKind::kTimestamp)),
            Literal::Timestamp(49000000000000));
  EXPECT_EQ(Parse("1969-12-31 23:59:59.999999", T(TypeKind::kTimestamp)), Literal::Timestamp(-1));
  EXPECT_EQ(ParseError("2021-09-08 25:00:00", T(TypeKind::kTimestamp)).message(),
            "partition value '2021-09-08 25:00:00' is not a valid timestamp");
  (void)ParseError("2021-09-08 11:11:11.", T(TypeKind::kTimestamp));
  (void)ParseError("2021-09-08T11:11:11ZZ", T(TypeKind::kTimestamp));
  // Beyond what int64 microseconds can hold.
  (void)ParseError("999999-01-01 00:00:00", T(TypeKind::kTimestamp));
  EXPECT_EQ(Parse("99999-12-31", T(TypeKind::kDate)).int_value(), 35804721);

  // timestamp_ntz: the wall-clock time as written.
  EXPECT_EQ(Parse("2013-07-05 17:01:00.123456", T(TypeKind::kTimestampNtz)),
            Literal::TimestampNtz(1373043660123456));
  (void)ParseError("2013-07-05T17:01:00Z", T(TypeKind::kTimestampNtz));
}

TEST(PartitionValueTest, Decimals) {
  EXPECT_EQ(Parse("-2342342.23423", Dec(12, 5)),
            *Literal::Decimal(Decimal128::FromInt64(-234234223423), 12, 5));
  EXPECT_EQ(Parse("0.00004", Dec(12, 5)), *Literal::Decimal(Decimal128::FromInt64(4), 12, 5));
  EXPECT_EQ(Parse("234.00000", Dec(12, 5)),
            *Literal::Decimal(Decimal128::FromInt64(23400000), 12, 5));
  EXPECT_EQ(Parse("234", Dec(12, 5)), *Literal::Decimal(Decimal128::FromInt64(23400000), 12, 5));
  EXPECT_EQ(Parse("1E+2", Dec(5, 0)), *Literal::Decimal(Decimal128::FromInt64(100), 5, 0));
  EXPECT_EQ(Parse("1.50", Dec(3, 1)), *Literal::Decimal(Decimal128::FromInt64(15), 3, 1));
  EXPECT_EQ(ParseError("1.55", Dec(3, 1)).message(),
            "partition value '1.55' is not a valid decimal(3,1)");
  (void)ParseError("1000", Dec(3, 0));
  (void)ParseError("1.2.3", Dec(5, 2));
  // 38 digits.
  Literal big = Parse("99999999999999999999999999999999999999", Dec(38, 0));
  EXPECT_EQ(big.decimal_value().ToString(), "99999999999999999999999999999999999999");
  (void)ParseError("999999999999999999999999999999999999999", Dec(38, 0));
}

TEST(PartitionValueTest, StringsAndBinariesAreTakenAsIs) {
  // Escapes are not undone: the log holds the value itself (data-reader-escaped-chars).
  EXPECT_EQ(Parse("bar+%21", T(TypeKind::kString)), Literal::String("bar+%21"));
  EXPECT_EQ(Parse(" a b ", T(TypeKind::kString)), Literal::String(" a b "));
  EXPECT_EQ(Parse(std::string_view("\x01\x02\x03", 3), T(TypeKind::kBinary)),
            Literal::Binary("\x01\x02\x03"));
}

TEST(PartitionValueTest, UnsupportedType) {
  auto r = ParsePartitionValue("x", *T(TypeKind::kVariant));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsInvalidTable());
}

TEST(PartitionValueTest, MapByLogicalNameWithColumnMapping) {
  auto schema = ParseSchema(R"({"type":"struct","fields":[
    {"name":"id","type":"long","nullable":true,"metadata":{}},
    {"name":"Day","type":"date","nullable":true,
     "metadata":{"delta.columnMapping.id":2,"delta.columnMapping.physicalName":"col-abc"}},
    {"name":"region","type":"string","nullable":true,"metadata":{}}]})");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  std::vector<PartitionValue> values = {{"col-abc", "2024-01-02"}, {"region", std::nullopt}};
  auto map = ParsePartitionValues(values, **schema, {"day", "region"});
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  ASSERT_EQ(map->size(), 2u);
  EXPECT_EQ(map->at("Day"), Literal::Date(19724));
  EXPECT_TRUE(map->at("region").is_null());
  EXPECT_EQ(map->at("region").kind(), TypeKind::kString);

  // A partition column missing from the file's map is null.
  auto missing = ParsePartitionValues({}, **schema, {"Day"});
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->at("Day").is_null());

  auto bad = ParsePartitionValues(std::vector<PartitionValue>{{"col-abc", "yesterday"}}, **schema,
                                  {"Day"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(),
            "InvalidTable: partition column 'Day': partition value 'yesterday' is not a valid "
            "date");
  auto unknown = ParsePartitionValues({}, **schema, {"nope"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "partition column 'nope' is not in the table schema");
}

// An empty partition value is null for strings too: `p IS NULL` keeps the file written with ""
// and `p = ''` keeps none (NULL = '' is NULL), with and without partition pruning.
TEST(PartitionValueTest, EmptyStringPartitionPrunesAsNull) {
  testing::LogBuilder log;
  const std::string schema =
      R"({\"type\":\"struct\",\"fields\":[)"
      R"({\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},)"
      R"({\"name\":\"p\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]})";
  auto add = [](const std::string& path, const std::string& values) {
    return R"({"add":{"path":")" + path + R"(","partitionValues":)" + values +
           R"(,"size":1,"modificationTime":1,"dataChange":true}})";
  };
  log.Commit(0, {testing::ProtocolJson(),
                 R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},)"
                 R"("schemaString":")" +
                     schema + R"(","partitionColumns":["p"],"configuration":{}}})",
                 add("empty.parquet", R"({"p":""})"), add("absent.parquet", "{}"),
                 add("null.parquet", R"({"p":null})"), add("x.parquet", R"({"p":"x"})"),
                 add("space.parquet", R"({"p":" "})")});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto files = [&](const std::string& filter, bool prune) {
    ScanOptions o;
    o.filter = *ParseExpression(filter);
    o.partition_pruning = prune;
    auto scan = Scan::Make(*snap, o);
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    std::vector<std::string> out;
    auto planned = (*scan)->Files();
    EXPECT_TRUE(planned.ok()) << planned.status().ToString();
    if (!planned.ok()) return out;
    for (const ScanFile& f : *planned) {
      out.emplace_back(f.path);
      if (f.path == "empty.parquet") {
        EXPECT_TRUE(f.partition_values.at("p").is_null());
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(files("p IS NULL", true),
            (std::vector<std::string>{"absent.parquet", "empty.parquet", "null.parquet"}));
  EXPECT_EQ(files("p = ''", true), std::vector<std::string>{});
  EXPECT_EQ(files("p IS NOT NULL", true), (std::vector<std::string>{"space.parquet", "x.parquet"}));
  EXPECT_EQ(files("p <=> ''", true), std::vector<std::string>{});
  EXPECT_EQ(files("p = ' '", true), std::vector<std::string>{"space.parquet"});
  // Without pruning every file is planned (the rows are filtered when read).
  EXPECT_EQ(files("p = ''", false).size(), 5u);
}

TEST(TextFormatTest, DatesTimestampsAndDecimals) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(FormatDate(19782), "2024-02-29");
  EXPECT_EQ(FormatTimestamp(0, ' ', false), "1970-01-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(-1, 'T', false), "1969-12-31T23:59:59.999999");
  EXPECT_EQ(FormatTimestamp(1500000, 'T', true), "1970-01-01T00:00:01.500");
  EXPECT_EQ(FormatTimestamp(1500001, 'T', true), "1970-01-01T00:00:01.500001");
  EXPECT_EQ(FormatDecimal(-5, 2), "-0.05");
  EXPECT_EQ(FormatDecimal(999, 2), "9.99");
  EXPECT_EQ(FormatDecimal(100, 0), "100");

  // Outward rounding of extra fractional digits (used for statistics bounds).
  EXPECT_EQ(Int128ToString(*ParseDecimalText("1.234", 5, 2, Rounding::kFloor)), "123");
  EXPECT_EQ(Int128ToString(*ParseDecimalText("1.234", 5, 2, Rounding::kCeiling)), "124");
  EXPECT_EQ(Int128ToString(*ParseDecimalText("-1.234", 5, 2, Rounding::kFloor)), "-124");
  EXPECT_EQ(Int128ToString(*ParseDecimalText("-1.234", 5, 2, Rounding::kCeiling)), "-123");
  EXPECT_EQ(Int128ToString(*ParseDecimalText("0.0001", 5, 2, Rounding::kCeiling)), "1");
  EXPECT_EQ(Int128ToString(*ParseDecimalText("1.2E-5", 5, 2, Rounding::kFloor)), "0");
  EXPECT_EQ(Int128ToString(*ParseDecimalText("12345678901.23456", 20, 5)), "1234567890123456");
  EXPECT_FALSE(ParseDecimalText("1.234", 5, 2).ok());
}

// The golden table data-reader-partition-values, read through a snapshot.
TEST(PartitionValueTest, GoldenPartitionValuesTable) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string root = test::ExtractedTablePath("data-reader-partition-values");
  ASSERT_FALSE(root.empty());
  auto engine = MakeDefaultEngine();
  ASSERT_TRUE(engine.ok());
  auto table = Table::ForLocation(root, *engine);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  std::map<std::string, PartitionValueMap> by_int;  // keyed by the as_int partition text
  for (const AddFile& f : (*snap)->files()) {
    auto values =
        ParsePartitionValues(f.partition_values, *(*snap)->schema(), (*snap)->partition_columns());
    ASSERT_TRUE(values.ok()) << values.status().ToString();
    by_int[values->at("as_int").is_null() ? "null" : values->at("as_int").ToString()] = *values;
  }
  ASSERT_EQ(by_int.size(), 3u);
  const PartitionValueMap& one = by_int.at("1");
  EXPECT_EQ(one.at("as_long"), Literal::Long(1));
  EXPECT_EQ(one.at("as_byte"), Literal::Byte(1));
  EXPECT_EQ(one.at("as_short"), Literal::Short(1));
  EXPECT_EQ(one.at("as_boolean"), Literal::Boolean(false));
  EXPECT_EQ(one.at("as_float"), Literal::Float(1.0f));
  EXPECT_EQ(one.at("as_double"), Literal::Double(1.0));
  EXPECT_EQ(one.at("as_string"), Literal::String("1"));
  EXPECT_EQ(one.at("as_string_lit_null"), Literal::String("null"));
  EXPECT_EQ(one.at("as_date"), Literal::Date(18878));
  EXPECT_EQ(one.at("as_timestamp"), Literal::Timestamp(1631099471000000));
  EXPECT_EQ(one.at("as_big_decimal"), *Literal::Decimal(Decimal128::FromInt64(1), 1, 0));
  const PartitionValueMap& nulls = by_int.at("null");
  for (const auto& [name, value] : nulls) EXPECT_TRUE(value.is_null()) << name;
  EXPECT_EQ(nulls.size(), 12u);
}

TEST(PartitionValueTest, GoldenEscapedCharsTable) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string root = test::ExtractedTablePath("data-reader-escaped-chars");
  ASSERT_FALSE(root.empty());
  auto engine = MakeDefaultEngine();
  ASSERT_TRUE(engine.ok());
  auto snap = Table::ForLocation(root, *engine)->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  std::vector<std::string> values;
  for (const AddFile& f : (*snap)->files()) {
    auto map =
        ParsePartitionValues(f.partition_values, *(*snap)->schema(), (*snap)->partition_columns());
    ASSERT_TRUE(map.ok()) << map.status().ToString();
    values.push_back(map->at("_2").string_value());
  }
  std::sort(values.begin(), values.end());
  // The expected rows hold these exact strings (the directories are escaped, the log is not).
  EXPECT_EQ(values, (std::vector<std::string>{"bar+%21", "bar+%22", "bar+%23"}));
}

}  // namespace
}  // namespace delta
