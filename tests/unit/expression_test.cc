// Literals, expression builders, SQL text of expressions, and binding to a schema.
#include "delta/expression.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "delta/literal.h"

namespace delta {
namespace {

using namespace delta::expr;  // NOLINT

DataTypePtr T(TypeKind k) { return PrimitiveType::Make(k); }

Literal Dec(int64_t unscaled, int p, int s) {
  auto r = Literal::Decimal(Decimal128::FromInt64(unscaled), p, s);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Literal();
}

// --- Literal --------------------------------------------------------------------------------

TEST(LiteralTest, FactoriesAndAccessors) {
  EXPECT_TRUE(Literal().is_null());
  EXPECT_EQ(Literal().kind(), TypeKind::kVoid);
  Literal n = Literal::Null(T(TypeKind::kLong));
  EXPECT_TRUE(n.is_null());
  EXPECT_EQ(n.kind(), TypeKind::kLong);
  EXPECT_EQ(Literal::Byte(-3).int_value(), -3);
  EXPECT_EQ(Literal::Short(300).kind(), TypeKind::kShort);
  EXPECT_EQ(Literal::Integer(7).int_value(), 7);
  EXPECT_EQ(Literal::Long(1LL << 40).int_value(), 1LL << 40);
  EXPECT_EQ(Literal::Float(1.1f).floating_value(), static_cast<double>(1.1f));
  EXPECT_EQ(Literal::Double(2.5).floating_value(), 2.5);
  EXPECT_EQ(Literal::String("x").string_value(), "x");
  EXPECT_EQ(Literal::Binary(std::string("\0\1", 2)).string_value().size(), 2u);
  EXPECT_EQ(Literal::Date(19724).int_value(), 19724);
  EXPECT_EQ(Literal::Timestamp(5).kind(), TypeKind::kTimestamp);
  EXPECT_EQ(Literal::TimestampNtz(5).kind(), TypeKind::kTimestampNtz);
  EXPECT_TRUE(Literal::Boolean(true).boolean_value());
  Literal d = Dec(-12345, 10, 2);
  EXPECT_EQ(d.decimal_precision(), 10);
  EXPECT_EQ(d.decimal_scale(), 2);
  EXPECT_EQ(d.decimal_value().ToString(), "-12345");
  EXPECT_EQ(d.type()->ToString(), "decimal(10,2)");

  EXPECT_FALSE(Literal::Decimal(Decimal128::FromInt64(1000), 3, 0).ok());
  EXPECT_FALSE(Literal::Decimal(Decimal128::FromInt64(1), 39, 0).ok());
  EXPECT_FALSE(Literal::Decimal(Decimal128::FromInt64(1), 5, 6).ok());
  // Beyond 64 bits.
  Decimal128 big{0x7, 0};  // 7 * 2^64
  auto b = Literal::Decimal(big, 38, 0);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->decimal_value().ToString(), "129127208515966861312");
  EXPECT_EQ((Decimal128{-1, ~uint64_t{0}}).ToString(), "-1");
}

TEST(LiteralTest, ToString) {
  EXPECT_EQ(Literal().ToString(), "NULL");
  EXPECT_EQ(Literal::Null(T(TypeKind::kInteger)).ToString(), "CAST(NULL AS INT)");
  EXPECT_EQ(Literal::Null(*DecimalType::Make(10, 2)).ToString(), "CAST(NULL AS DECIMAL(10,2))");
  EXPECT_EQ(Literal::Boolean(false).ToString(), "FALSE");
  EXPECT_EQ(Literal::Byte(-5).ToString(), "-5");
  EXPECT_EQ(Literal::Long(5000000000).ToString(), "5000000000");
  EXPECT_EQ(Literal::Double(1.5).ToString(), "1.5D");
  EXPECT_EQ(Literal::Double(1e300).ToString(), "1e+300D");
  EXPECT_EQ(Literal::Float(0.1f).ToString(), "0.1F");
  EXPECT_EQ(Literal::Double(std::nan("")).ToString(), "CAST('NaN' AS DOUBLE)");
  EXPECT_EQ(Literal::Float(-std::numeric_limits<float>::infinity()).ToString(),
            "CAST('-Infinity' AS FLOAT)");
  EXPECT_EQ(Literal::String("it's").ToString(), "'it''s'");
  EXPECT_EQ(Literal::Binary("\x0a\xff").ToString(), "X'0AFF'");
  EXPECT_EQ(Literal::Date(19724).ToString(), "DATE '2024-01-02'");
  EXPECT_EQ(Literal::Timestamp(1704067200000000).ToString(), "TIMESTAMP '2024-01-01 00:00:00'");
  EXPECT_EQ(Literal::TimestampNtz(1704067200000001).ToString(),
            "TIMESTAMP_NTZ '2024-01-01 00:00:00.000001'");
  EXPECT_EQ(Dec(999, 3, 2).ToString(), "9.99");
  EXPECT_EQ(Dec(-5, 10, 2).ToString(), "-0.05");
  EXPECT_EQ(Dec(100, 5, 0).ToString(), "100BD");
}

TEST(LiteralTest, Compare) {
  EXPECT_EQ(Literal::Integer(1).Compare(Literal::Integer(2)), -1);
  EXPECT_EQ(Literal::Long(2).Compare(Literal::Byte(2)), 0);
  EXPECT_EQ(Literal::String("b").Compare(Literal::String("a")), 1);
  // Bytewise (unsigned) order: a non-ASCII byte sorts after ASCII.
  EXPECT_EQ(Literal::String("\xc3\xa9").Compare(Literal::String("z")), 1);
  EXPECT_EQ(Literal::Boolean(false).Compare(Literal::Boolean(true)), -1);
  EXPECT_EQ(Literal::Date(1).Compare(Literal::Date(0)), 1);
  // Decimals of different scales compare by value.
  EXPECT_EQ(Dec(150, 5, 2).Compare(Dec(15, 5, 1)), 0);
  EXPECT_EQ(Dec(151, 5, 2).Compare(Dec(15, 5, 1)), 1);
  EXPECT_EQ(Dec(-151, 5, 2).Compare(Dec(-15, 5, 1)), -1);
  EXPECT_EQ(Dec(5, 5, 1).Compare(Literal::Integer(1)), -1);  // 0.5 < 1
  EXPECT_EQ(Literal::Long(1).Compare(Dec(10, 5, 1)), 0);
  // Extreme scales do not overflow.
  auto tiny = Literal::Decimal(Decimal128::FromInt64(1), 38, 38);  // 1e-38
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(tiny->Compare(Literal::Integer(0)), 1);
  EXPECT_EQ(Literal::Long(std::numeric_limits<int64_t>::max()).Compare(*tiny), 1);
  // Integers against doubles exactly, even beyond 2^53.
  EXPECT_EQ(Literal::Long(9007199254740993).Compare(Literal::Double(9007199254740992.0)), 1);
  EXPECT_EQ(Literal::Integer(1).Compare(Literal::Double(1.0)), 0);
  EXPECT_EQ(Dec(15, 5, 1).Compare(Literal::Double(1.5)), 0);
  // NaN equals NaN and is the largest value.
  Literal nan = Literal::Double(std::nan(""));
  EXPECT_EQ(nan.Compare(nan), 0);
  EXPECT_EQ(nan.Compare(Literal::Double(std::numeric_limits<double>::infinity())), 1);
  EXPECT_EQ(Literal::Float(1).Compare(nan), -1);
  EXPECT_TRUE(nan == Literal::Double(std::nan("")));
  // Dates compare with timestamps at midnight.
  EXPECT_EQ(Literal::Date(1).Compare(Literal::Timestamp(86400000000)), 0);
  EXPECT_EQ(Literal::Date(1).Compare(Literal::TimestampNtz(86400000001)), -1);
  EXPECT_EQ(Literal::Timestamp(-1).Compare(Literal::Date(0)), -1);
  EXPECT_EQ(Literal::Timestamp(-1).Compare(Literal::Date(-1)), 1);
  // Dates beyond the timestamp range compare without overflow.
  EXPECT_EQ(
      Literal::Date(2000000000).Compare(Literal::Timestamp(std::numeric_limits<int64_t>::max())),
      1);
  EXPECT_EQ(
      Literal::Timestamp(std::numeric_limits<int64_t>::min()).Compare(Literal::Date(-2000000000)),
      1);
  // Not comparable: nulls, different families, instants against wall-clock times.
  EXPECT_EQ(Literal::Null(T(TypeKind::kInteger)).Compare(Literal::Integer(1)), std::nullopt);
  EXPECT_EQ(Literal::String("1").Compare(Literal::Integer(1)), std::nullopt);
  EXPECT_EQ(Literal::Timestamp(0).Compare(Literal::TimestampNtz(0)), std::nullopt);
  EXPECT_EQ(Literal::Binary("a").Compare(Literal::String("a")), std::nullopt);

  EXPECT_TRUE(Literal::Integer(1) == Literal::Integer(1));
  EXPECT_FALSE(Literal::Integer(1) == Literal::Long(1));  // different types
  EXPECT_TRUE(Literal::Null(T(TypeKind::kInteger)) == Literal::Null(T(TypeKind::kInteger)));
  EXPECT_FALSE(Literal::Null(T(TypeKind::kInteger)) == Literal::Integer(0));
}

// --- builders and ToString ------------------------------------------------------------------

TEST(ExpressionTest, BuildersAndText) {
  ExprPtr p = And({Eq(Col("year"), Lit(2024)), IsNotNull(Col("name"))});
  EXPECT_EQ(p->kind, ExprKind::kAnd);
  ASSERT_EQ(p->children.size(), 2u);
  EXPECT_EQ(p->ToString(), "year = 2024 AND name IS NOT NULL");
  EXPECT_FALSE(p->IsBound());

  EXPECT_EQ(Col("a.b.c")->path, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Col(std::vector<std::string>{"a.b", "c"})->ToString(), "`a.b`.c");
  EXPECT_EQ(Col(std::vector<std::string>{"weird col", "x"})->ToString(), "`weird col`.x");
  EXPECT_EQ(Col(std::vector<std::string>{"tick`s"})->ToString(), "`tick``s`");
  EXPECT_EQ(Col("and")->ToString(), "`and`");  // keywords are quoted
  EXPECT_EQ(Col("date")->ToString(), "date");

  EXPECT_EQ(Lit("s")->value, Literal::String("s"));
  EXPECT_EQ(Lit(std::string("s"))->value, Literal::String("s"));
  EXPECT_EQ(Lit(int64_t{5})->value, Literal::Long(5));
  EXPECT_EQ(Lit(5)->value, Literal::Integer(5));
  EXPECT_EQ(Lit(true)->value, Literal::Boolean(true));
  EXPECT_EQ(Lit(1.5)->value, Literal::Double(1.5));
  EXPECT_EQ(Lit(1.5f)->value, Literal::Float(1.5f));

  EXPECT_EQ(Not(Or(Eq(Col("a"), Lit(1)), Ne(Col("b"), Lit("x"))))->ToString(),
            "NOT (a = 1 OR b != 'x')");
  EXPECT_EQ(Or(And(Lt(Col("a"), Lit(1)), Gt(Col("b"), Lit(2))), Le(Col("c"), Lit(3)))->ToString(),
            "(a < 1 AND b > 2) OR c <= 3");
  EXPECT_EQ(
      And(Or(Ge(Col("a"), Lit(1)), IsNull(Col("a"))), NullSafeEq(Col("b"), Null()))->ToString(),
      "(a >= 1 OR a IS NULL) AND b <=> NULL");
  EXPECT_EQ(In(Col("x"), {Literal::Integer(1), Literal::Integer(2)})->ToString(), "x IN (1, 2)");
  EXPECT_EQ(In(Col("x"), std::vector<ExprPtr>{Lit("a"), Lit("b")})->ToString(), "x IN ('a', 'b')");
  EXPECT_EQ(Not(Col("flag"))->ToString(), "NOT flag");
  EXPECT_EQ(IsNull(Eq(Col("a"), Lit(1)))->ToString(), "(a = 1) IS NULL");

  // And/Or of one operand is the operand; of none, the identity.
  ExprPtr single = Eq(Col("a"), Lit(1));
  EXPECT_EQ(And({single}), single);
  EXPECT_EQ(And(std::vector<ExprPtr>{})->ToString(), "TRUE");
  EXPECT_EQ(Or(std::vector<ExprPtr>{})->ToString(), "FALSE");
}

// --- binding --------------------------------------------------------------------------------

class BindTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = ParseSchema(R"j({"type":"struct","fields":[
      {"name":"id","type":"long","nullable":true,"metadata":{}},
      {"name":"Year","type":"integer","nullable":true,"metadata":{}},
      {"name":"small","type":"short","nullable":true,"metadata":{}},
      {"name":"price","type":"decimal(10,2)","nullable":true,"metadata":{}},
      {"name":"score","type":"double","nullable":true,"metadata":{}},
      {"name":"ratio","type":"float","nullable":true,"metadata":{}},
      {"name":"name","type":"string","nullable":true,"metadata":{}},
      {"name":"d","type":"date","nullable":true,"metadata":{}},
      {"name":"ts","type":"timestamp","nullable":true,"metadata":{}},
      {"name":"ntz","type":"timestamp_ntz","nullable":true,"metadata":{}},
      {"name":"flag","type":"boolean","nullable":true,"metadata":{}},
      {"name":"bin","type":"binary","nullable":true,"metadata":{}},
      {"name":"tags","type":{"type":"array","elementType":"string","containsNull":true},
       "nullable":true,"metadata":{}},
      {"name":"s","type":{"type":"struct","fields":[
         {"name":"Inner","type":"integer","nullable":true,
          "metadata":{"delta.columnMapping.id":7,"delta.columnMapping.physicalName":"col-inner"}},
         {"name":"weird col","type":"string","nullable":true,"metadata":{}}]},
       "nullable":true,
       "metadata":{"delta.columnMapping.id":6,"delta.columnMapping.physicalName":"col-s"}}]})j");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    schema_ = *s;
  }

  ExprPtr Bind(const ExprPtr& e) {
    auto r = BindExpression(e, *schema_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : nullptr;
  }
  Status BindError(const ExprPtr& e) {
    auto r = BindExpression(e, *schema_);
    EXPECT_FALSE(r.ok()) << "bound " << e->ToString();
    return r.ok() ? Status::OK() : r.status();
  }
  // The literal on the right of a bound comparison.
  Literal RightLiteral(const ExprPtr& bound) {
    EXPECT_EQ(bound->kind, ExprKind::kComparison);
    return bound->children.at(1)->value;
  }

  std::shared_ptr<const StructType> schema_;
};

TEST_F(BindTest, ResolvesColumnsCaseInsensitivelyWithPhysicalNames) {
  ExprPtr b = Bind(Eq(Col("YEAR"), Lit(2024)));
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->IsBound());
  const Expression& col = *b->children[0];
  EXPECT_EQ(col.path, (std::vector<std::string>{"Year"}));
  EXPECT_EQ(col.physical_path, (std::vector<std::string>{"Year"}));
  EXPECT_EQ(col.type->kind(), TypeKind::kInteger);
  EXPECT_EQ(b->ToString(), "Year = 2024");

  ExprPtr nested = Bind(Gt(Col("S.inner"), Lit(1)));
  ASSERT_TRUE(nested);
  EXPECT_EQ(nested->children[0]->path, (std::vector<std::string>{"s", "Inner"}));
  EXPECT_EQ(nested->children[0]->physical_path, (std::vector<std::string>{"col-s", "col-inner"}));
  ExprPtr weird = Bind(Eq(Col(std::vector<std::string>{"s", "WEIRD COL"}), Lit("x")));
  ASSERT_TRUE(weird);
  EXPECT_EQ(weird->ToString(), "s.`weird col` = 'x'");
}

TEST_F(BindTest, MissingColumnsAreNamed) {
  EXPECT_EQ(BindError(Eq(Col("nope"), Lit(1))).ToString(),
            "InvalidArgument: column nope not found in the table schema (columns: id, Year, "
            "small, price, score, ratio, name, d, ts, ntz, flag, bin, tags, s)");
  EXPECT_EQ(BindError(Eq(Col("s.nope"), Lit(1))).message(),
            "column s.nope not found in the table schema (struct s has fields: Inner, "
            "`weird col`)");
  EXPECT_EQ(BindError(Eq(Col("id.x"), Lit(1))).message(),
            "column id.x not found: id is a long, not a struct");
}

TEST_F(BindTest, CoercesLiteralsWithoutChangingValues) {
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("id"), Lit(5)))), Literal::Long(5));
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("small"), Lit(5)))), Literal::Short(5));
  // Out of the column's range: kept as is (compares by value, matches nothing).
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("small"), Lit(100000)))), Literal::Integer(100000));
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("Year"), Lit(int64_t{2024})))), Literal::Integer(2024));
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("price"), Lit(3)))), Dec(300, 10, 2));
  auto lit_999 = Literal::Decimal(Decimal128::FromInt64(999), 3, 2);
  EXPECT_EQ(RightLiteral(Bind(Lt(Col("price"), Lit(*lit_999)))), Dec(999, 10, 2));
  // More fractional digits than the column: kept as is.
  auto lit_9995 = Literal::Decimal(Decimal128::FromInt64(9995), 4, 3);
  EXPECT_EQ(RightLiteral(Bind(Lt(Col("price"), Lit(*lit_9995)))), *lit_9995);
  // A decimal literal against a double column becomes the nearest double.
  EXPECT_EQ(RightLiteral(Bind(Lt(Col("score"), Lit(*lit_999)))), Literal::Double(9.99));
  EXPECT_EQ(RightLiteral(Bind(Lt(Col("ratio"), Lit(*lit_999)))), Literal::Double(9.99));
  EXPECT_EQ(RightLiteral(Bind(Lt(Col("score"), Lit(1)))), Literal::Double(1.0));
  EXPECT_EQ(RightLiteral(Bind(Lt(Col("ratio"), Lit(0.5)))), Literal::Float(0.5f));
  EXPECT_EQ(RightLiteral(Bind(Lt(Col("ratio"), Lit(0.1)))), Literal::Double(0.1));
  // Decimal literal with no fraction against an integer column.
  auto lit_7 = Literal::Decimal(Decimal128::FromInt64(700), 5, 2);
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("id"), Lit(*lit_7)))), Literal::Long(7));
  // Strings against dates and timestamps (no zone: UTC) and binaries.
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("d"), Lit("2024-01-02")))), Literal::Date(19724));
  EXPECT_EQ(RightLiteral(Bind(Ge(Col("ts"), Lit("2024-01-01 00:00:00")))),
            Literal::Timestamp(1704067200000000));
  EXPECT_EQ(RightLiteral(Bind(Ge(Col("ts"), Lit("2024-01-01T01:00:00+01:00")))),
            Literal::Timestamp(1704067200000000));
  EXPECT_EQ(RightLiteral(Bind(Ge(Col("ntz"), Lit("2024-01-01 00:00:00")))),
            Literal::TimestampNtz(1704067200000000));
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("bin"), Lit("ab")))), Literal::Binary("ab"));
  EXPECT_EQ(RightLiteral(Bind(Eq(Col("id"), Lit("12")))), Literal::Long(12));
  // Dates against timestamps are midnight; timestamps trade kinds (UTC wall clock).
  EXPECT_EQ(RightLiteral(Bind(Ge(Col("ts"), Lit(Literal::Date(1))))),
            Literal::Timestamp(86400000000));
  EXPECT_EQ(RightLiteral(Bind(Ge(Col("ntz"), Lit(Literal::Timestamp(5))))),
            Literal::TimestampNtz(5));
  EXPECT_EQ(RightLiteral(Bind(Ge(Col("d"), Lit(Literal::Timestamp(5))))), Literal::Timestamp(5));
  // An untyped NULL takes the column's type.
  Literal null = RightLiteral(Bind(Eq(Col("name"), Null())));
  EXPECT_TRUE(null.is_null());
  EXPECT_EQ(null.kind(), TypeKind::kString);
}

TEST_F(BindTest, LiteralOnTheLeftIsTurnedAround) {
  ExprPtr b = Bind(Lt(Lit(5), Col("id")));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->ToString(), "id > 5");
  EXPECT_EQ(Bind(Ge(Lit(5), Col("id")))->ToString(), "id <= 5");
  EXPECT_EQ(Bind(Eq(Lit(5), Col("id")))->ToString(), "id = 5");
}

TEST_F(BindTest, TypeErrors) {
  EXPECT_EQ(BindError(Eq(Col("name"), Lit(1))).message(),
            "cannot compare column name of type string with 1 of type integer");
  EXPECT_EQ(BindError(Eq(Col("d"), Lit("yesterday"))).message(),
            "'yesterday' is not a valid date value for column d");
  EXPECT_EQ(BindError(Eq(Col("id"), Lit(true))).message(),
            "cannot compare column id of type long with TRUE of type boolean");
  EXPECT_EQ(BindError(Eq(Col("flag"), Lit(1))).message(),
            "cannot compare column flag of type boolean with 1 of type integer");
  EXPECT_EQ(BindError(Eq(Col("ts"), Col("ntz"))).message(),
            "cannot compare column ts of type timestamp with column ntz of type timestamp_ntz");
  EXPECT_EQ(BindError(Eq(Col("tags"), Lit("x"))).message(),
            "cannot compare column tags of type array<string> (only primitive values compare)");
  EXPECT_EQ(BindError(Eq(Col("s"), Lit(1))).message(),
            "cannot compare column s of type struct<Inner:integer,weird col:string> (only "
            "primitive values compare)");
  EXPECT_EQ(BindError(And(Col("id"), Col("flag"))).message(),
            "AND operand id is not a boolean (it is long)");
  EXPECT_EQ(BindError(Col("id")).message(),
            "the predicate id is not a boolean expression (it is long)");
  EXPECT_EQ(BindError(In(Col("id"), std::vector<ExprPtr>{Lit(1), Col("Year")})).message(),
            "the IN list of column id may hold only literals, found Year");
  EXPECT_EQ(BindError(In(Col("d"), std::vector<ExprPtr>{Lit("x")})).message(),
            "'x' is not a valid date value for column d");
}

TEST_F(BindTest, BooleanShapes) {
  EXPECT_EQ(Bind(Col("flag"))->ToString(), "flag");
  EXPECT_EQ(Bind(Not(Col("flag")))->ToString(), "NOT flag");
  EXPECT_EQ(Bind(And(Col("flag"), Null()))->ToString(), "flag AND CAST(NULL AS BOOLEAN)");
  EXPECT_EQ(Bind(IsNull(Col("s")))->ToString(), "s IS NULL");
  EXPECT_EQ(Bind(Eq(Col("id"), Col("Year")))->ToString(), "id = Year");
  ExprPtr in = Bind(In(Col("small"), std::vector<ExprPtr>{Lit(1), Lit(int64_t{2}), Null()}));
  ASSERT_TRUE(in);
  EXPECT_EQ(in->children[1]->value, Literal::Short(1));
  EXPECT_EQ(in->children[2]->value, Literal::Short(2));
  EXPECT_EQ(in->children[3]->value, Literal::Null(T(TypeKind::kShort)));
  EXPECT_TRUE(in->IsBound());
}

}  // namespace
}  // namespace delta
