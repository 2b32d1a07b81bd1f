// Arithmetic and COALESCE in the expression language: parsing with precedence, printing that
// reads back, Spark's result types, and evaluation on Arrow data with SQL NULL semantics.
#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "delta/expression.h"
#include "engine/scan_arrow.h"

namespace delta {
namespace {

ExprPtr P(std::string_view text) {
  auto r = ParseExpression(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : expr::Null();
}

std::shared_ptr<StructType> Schema() {
  auto t = [](TypeKind k) { return PrimitiveType::Make(k); };
  return std::make_shared<StructType>(std::vector<StructField>{
      {"b", t(TypeKind::kByte), true, {}},
      {"i", t(TypeKind::kInteger), true, {}},
      {"l", t(TypeKind::kLong), true, {}},
      {"f", t(TypeKind::kFloat), true, {}},
      {"d", t(TypeKind::kDouble), true, {}},
      {"m", std::make_shared<DecimalType>(10, 2), true, {}},
      {"s", t(TypeKind::kString), true, {}},
  });
}

std::string TypeOf(std::string_view text) {
  DataTypePtr type;
  auto bound = BindValueExpression(P(text), *Schema(), &type);
  EXPECT_TRUE(bound.ok()) << text << ": " << bound.status().ToString();
  return bound.ok() ? type->ToString() : "";
}

TEST(ExpressionArithmeticTest, ParsesWithPrecedenceAndPrintsBack) {
  ExprPtr e = P("a + b * c");
  ASSERT_EQ(e->kind, ExprKind::kArithmetic);
  EXPECT_EQ(e->arith_op, ArithmeticOp::kAdd);
  EXPECT_EQ(e->children[1]->arith_op, ArithmeticOp::kMultiply);
  EXPECT_EQ(e->ToString(), "a + b * c");
  EXPECT_EQ(P("(a + b) * c")->ToString(), "(a + b) * c");
  EXPECT_EQ(P("a - (b - c)")->ToString(), "a - (b - c)");
  EXPECT_EQ(P("a - b - c")->ToString(), "a - b - c");
  EXPECT_EQ(P("a / b % 3")->ToString(), "a / b % 3");
  EXPECT_EQ(P("a * -5")->ToString(), "a * -5");
  EXPECT_EQ(P("a -5")->ToString(), "a - 5");
  EXPECT_EQ(P("-a + 1")->ToString(), "-a + 1");
  EXPECT_EQ(P("-(a + 1)")->ToString(), "-(a + 1)");
  EXPECT_EQ(P("- -a")->ToString(), "- -a");
  EXPECT_EQ(P("a + 1 > b * 2 AND c IS NULL")->ToString(), "a + 1 > b * 2 AND c IS NULL");
  EXPECT_EQ(P("(a + 1) IS NULL")->ToString(), "a + 1 IS NULL");
  EXPECT_EQ(P("x BETWEEN a - 1 AND a + 1")->ToString(), "x >= a - 1 AND x <= a + 1");
  EXPECT_EQ(P("coalesce(a, b + 1, 0)")->ToString(), "COALESCE(a, b + 1, 0)");
  EXPECT_EQ(P("`coalesce` = 1")->ToString(), "coalesce = 1");  // a column, not a call
  EXPECT_EQ(P("coalesce = 1")->children[0]->kind, ExprKind::kColumn);
  EXPECT_EQ(expr::Negate(expr::Lit(5))->ToString(), "-(5)");
  for (const char* text :
       {"a + b * c", "(a + b) * c", "a - (b - c)", "a * -5", "-a + 1", "-(a + 1)", "- -a",
        "a % 2 = 1 OR b / 2 < 3", "COALESCE(a, b + 1, 0) <= 4", "a - -5"}) {
    ExprPtr once = P(text);
    ExprPtr twice = P(once->ToString());
    EXPECT_EQ(twice->ToString(), once->ToString()) << text;
  }
  EXPECT_EQ(P("-(5)")->kind, ExprKind::kNegate);
  EXPECT_EQ(P("-5")->kind, ExprKind::kLiteral);
  auto bad = ParseExpression("a + ");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "cannot parse expression \"a + \": at position 5: expected a column, a literal or "
            "'(' but found end of input");
}

TEST(ExpressionArithmeticTest, NestedNegationsPrintWithoutExtraNesting) {
  // Found by the expression fuzzer: 100 minus signs parse, and what ToString writes must parse
  // back to the same text (parenthesising each level nested deeper than the parser allows).
  std::string text = "u" + std::string(100, '-') + "8" + std::string(4, '-') + "C";
  auto parsed = ParseExpression(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  std::string written = (*parsed)->ToString();
  auto again = ParseExpression(written);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->ToString(), written);
  auto two = ParseExpression("- -x + -(-(3))");
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ((*two)->ToString(), "- -x + - -(3)");
}

TEST(ExpressionArithmeticTest, ResultTypesFollowSpark) {
  EXPECT_EQ(TypeOf("b + b"), "byte");
  EXPECT_EQ(TypeOf("b + 1"), "integer");  // 1 is an int literal
  EXPECT_EQ(TypeOf("i * l"), "long");
  EXPECT_EQ(TypeOf("i + f"), "float");
  EXPECT_EQ(TypeOf("f + d"), "double");
  EXPECT_EQ(TypeOf("i / 2"), "double");
  EXPECT_EQ(TypeOf("l % 3"), "long");
  EXPECT_EQ(TypeOf("-b"), "byte");
  EXPECT_EQ(TypeOf("m + m"), "decimal(11,2)");
  EXPECT_EQ(TypeOf("m + i"), "decimal(13,2)");
  EXPECT_EQ(TypeOf("m * m"), "decimal(21,4)");
  EXPECT_EQ(TypeOf("m / m"), "decimal(23,13)");
  EXPECT_EQ(TypeOf("m % 3"), "decimal(10,2)");
  EXPECT_EQ(TypeOf("m + f"), "double");
  EXPECT_EQ(TypeOf("m * 1.5"), "decimal(13,3)");
  EXPECT_EQ(TypeOf("l * l * l * m * m"), "decimal(38,4)");  // 42 digits kept at 38
  EXPECT_EQ(TypeOf("NULL + 1"), "integer");
  EXPECT_EQ(TypeOf("COALESCE(i, 0)"), "integer");
  EXPECT_EQ(TypeOf("COALESCE(b, l)"), "long");
  EXPECT_EQ(TypeOf("COALESCE(s, 'x')"), "string");
  EXPECT_EQ(TypeOf("i + 1 = 3"), "boolean");

  auto bad = BindValueExpression(P("s + 1"), *Schema());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "operator + needs numeric operands, not column s of type string and 1 of type "
            "integer");
  auto neg = BindValueExpression(P("-s"), *Schema());
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.status().message(),
            "operator unary - needs numeric operands, not column s of type string");
  auto mixed = BindValueExpression(P("COALESCE(s, i)"), *Schema());
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.status().message(),
            "COALESCE operands column s of type string and column i of type integer have no "
            "common type");
  auto not_pred = BindExpression(P("i + 1"), *Schema());
  ASSERT_FALSE(not_pred.ok());
  EXPECT_EQ(not_pred.status().message(),
            "the predicate i + 1 is not a boolean expression (it is integer)");
}

// Evaluates `text` (bound to Schema()) on a small batch and prints each row.
std::vector<std::string> Eval(std::string_view text) {
  EXPECT_TRUE(engine::InitializeCompute().ok());
  auto bound = BindValueExpression(P(text), *Schema());
  EXPECT_TRUE(bound.ok()) << text << ": " << bound.status().ToString();
  if (!bound.ok()) return {};
  auto v = engine::ToArrowValueExpression(**bound);
  EXPECT_TRUE(v.ok()) << v.status().ToString();
  if (!v.ok()) return {};
  // Rows: (b, i, l, f, d, m, s) = (127, 7, MIN, 1.5, 0.3, 12.34, 'x'), (1, -7, 3, NULL, 0, -0.05,
  // NULL), (NULL, 0, -1, 2, NaN, NULL, 'y').
  arrow::Int8Builder b;
  arrow::Int32Builder i;
  arrow::Int64Builder l;
  arrow::FloatBuilder f;
  arrow::DoubleBuilder d;
  arrow::Decimal128Builder m(arrow::decimal128(10, 2));
  arrow::StringBuilder s;
  EXPECT_TRUE(b.AppendValues({127, 1}).ok() && b.AppendNull().ok());
  EXPECT_TRUE(i.AppendValues({7, -7, 0}).ok());
  EXPECT_TRUE(l.AppendValues({std::numeric_limits<int64_t>::min(), 3, -1}).ok());
  EXPECT_TRUE(f.Append(1.5f).ok() && f.AppendNull().ok() && f.Append(2.0f).ok());
  EXPECT_TRUE(d.AppendValues({0.3, 0.0, std::nan("")}).ok());
  EXPECT_TRUE(m.Append(arrow::Decimal128(1234)).ok() && m.Append(arrow::Decimal128(-5)).ok() &&
              m.AppendNull().ok());
  EXPECT_TRUE(s.Append("x").ok() && s.AppendNull().ok() && s.Append("y").ok());
  auto schema = arrow::schema(
      {arrow::field("b", arrow::int8()), arrow::field("i", arrow::int32()),
       arrow::field("l", arrow::int64()), arrow::field("f", arrow::float32()),
       arrow::field("d", arrow::float64()), arrow::field("m", arrow::decimal128(10, 2)),
       arrow::field("s", arrow::utf8())});
  auto batch = arrow::RecordBatch::Make(
      schema, 3,
      {*b.Finish(), *i.Finish(), *l.Finish(), *f.Finish(), *d.Finish(), *m.Finish(), *s.Finish()});
  auto expr = v->expr.Bind(*schema);
  EXPECT_TRUE(expr.ok()) << expr.status().ToString();
  if (!expr.ok()) return {};
  auto datum = arrow::compute::ExecuteScalarExpression(*expr, arrow::compute::ExecBatch(*batch));
  EXPECT_TRUE(datum.ok()) << text << ": " << datum.status().ToString();
  if (!datum.ok()) return {};
  std::shared_ptr<arrow::Array> out =
      datum->is_scalar() ? *arrow::MakeArrayFromScalar(*datum->scalar(), 3) : datum->make_array();
  std::vector<std::string> rows;
  for (int64_t r = 0; r < out->length(); ++r) {
    auto sc = *out->GetScalar(r);
    rows.push_back(sc->is_valid ? sc->ToString() : "null");
  }
  return rows;
}

using Rows = std::vector<std::string>;

TEST(ExpressionArithmeticTest, EvaluatesWithSqlSemantics) {
  EXPECT_EQ(Eval("b + b"), (Rows{"-2", "2", "null"}));  // byte overflow wraps, as Spark's
  EXPECT_EQ(Eval("i * 3 - 1"), (Rows{"20", "-22", "-1"}));
  EXPECT_EQ(Eval("l - 1"), (Rows{"9223372036854775807", "2", "-2"}));
  EXPECT_EQ(Eval("i / 2"), (Rows{"3.5", "-3.5", "0"}));
  EXPECT_EQ(Eval("10 / i"), (Rows{"1.4285714285714286", "-1.4285714285714286", "null"}));
  EXPECT_EQ(Eval("i % 4"), (Rows{"3", "-3", "0"}));  // the dividend's sign
  EXPECT_EQ(Eval("7 % i"), (Rows{"0", "0", "null"}));
  EXPECT_EQ(Eval("l % -1"), (Rows{"0", "0", "0"}));
  EXPECT_EQ(Eval("l / -1"), (Rows{"9.223372036854776e+18", "-3", "1"}));
  EXPECT_EQ(Eval("f * 2"), (Rows{"3", "null", "4"}));
  EXPECT_EQ(Eval("d + 1"), (Rows{"1.3", "1", "nan"}));
  EXPECT_EQ(Eval("5.5D % 2"), (Rows{"1.5", "1.5", "1.5"}));
  EXPECT_EQ(Eval("d / 0"), (Rows{"null", "null", "null"}));
  EXPECT_EQ(Eval("-i"), (Rows{"-7", "7", "0"}));
  EXPECT_EQ(Eval("m + 1"), (Rows{"13.34", "0.95", "null"}));
  EXPECT_EQ(Eval("m * m"), (Rows{"152.2756", "0.0025", "null"}));
  EXPECT_EQ(Eval("m - 0.005"), (Rows{"12.335", "-0.055", "null"}));
  EXPECT_EQ(Eval("m / 4"), (Rows{"3.0850000000000", "-0.0125000000000", "null"}));
  EXPECT_EQ(Eval("m / (i - i)"), (Rows{"null", "null", "null"}));
  EXPECT_EQ(Eval("COALESCE(f, i)"), (Rows{"1.5", "-7", "2"}));
  EXPECT_EQ(Eval("COALESCE(s, 'none')"), (Rows{"x", "none", "y"}));
  EXPECT_EQ(Eval("NULL + i"), (Rows{"null", "null", "null"}));
  EXPECT_EQ(Eval("i + 1 > 0"), (Rows{"true", "false", "true"}));
  EXPECT_EQ(Eval("b + 1 IS NULL"), (Rows{"false", "false", "true"}));
}

}  // namespace
}  // namespace delta
