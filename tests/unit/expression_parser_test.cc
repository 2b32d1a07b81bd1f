// ParseExpression: the SQL-like predicate syntax, its errors, and round trips through ToString.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

#include "delta/expression.h"

namespace delta {
namespace {

ExprPtr P(std::string_view text) {
  auto r = ParseExpression(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : expr::Null();
}

std::string Error(std::string_view text) {
  auto r = ParseExpression(text);
  EXPECT_FALSE(r.ok()) << "parsed: " << text;
  if (r.ok()) return "";
  EXPECT_TRUE(r.status().IsInvalidArgument());
  return r.status().message();
}

Literal LitOf(std::string_view text) {
  ExprPtr e = P(text);
  EXPECT_EQ(e->kind, ExprKind::kLiteral) << text;
  return e->value;
}

TEST(ExpressionParserTest, Structure) {
  ExprPtr e = P("year = 2024 AND name IS NOT NULL");
  ASSERT_EQ(e->kind, ExprKind::kAnd);
  ASSERT_EQ(e->children.size(), 2u);
  const Expression& cmp = *e->children[0];
  EXPECT_EQ(cmp.kind, ExprKind::kComparison);
  EXPECT_EQ(cmp.op, CompareOp::kEq);
  EXPECT_EQ(cmp.children[0]->path, (std::vector<std::string>{"year"}));
  EXPECT_EQ(cmp.children[1]->value, Literal::Integer(2024));
  EXPECT_EQ(e->children[1]->kind, ExprKind::kIsNotNull);

  EXPECT_EQ(P("a = 1 OR b = 2 AND c = 3")->ToString(), "a = 1 OR (b = 2 AND c = 3)");
  EXPECT_EQ(P("(a = 1 OR b = 2) AND c = 3")->ToString(), "(a = 1 OR b = 2) AND c = 3");
  EXPECT_EQ(P("a = 1 AND b = 2 AND c = 3")->children.size(), 3u);
  EXPECT_EQ(P("NOT (a = 1 OR b <> 'x')")->ToString(), "NOT (a = 1 OR b != 'x')");
  EXPECT_EQ(P("NOT a = 1")->ToString(), "NOT (a = 1)");
  EXPECT_EQ(P("NOT NOT flag")->ToString(), "NOT (NOT flag)");
  EXPECT_EQ(P("x IN (1, 2, 3)")->ToString(), "x IN (1, 2, 3)");
  EXPECT_EQ(P("x NOT IN ('a')")->ToString(), "NOT (x IN ('a'))");
  EXPECT_EQ(P("x BETWEEN 1 AND 5")->ToString(), "x >= 1 AND x <= 5");
  EXPECT_EQ(P("x NOT BETWEEN 1 AND 5 OR y = 1")->ToString(), "NOT (x >= 1 AND x <= 5) OR y = 1");
  EXPECT_EQ(P("a IS NULL")->kind, ExprKind::kIsNull);
  EXPECT_EQ(P("flag")->kind, ExprKind::kColumn);
  EXPECT_EQ(P("  ((flag))  ")->ToString(), "flag");
}

TEST(ExpressionParserTest, Operators) {
  const std::pair<const char*, CompareOp> cases[] = {{"a = 1", CompareOp::kEq},
                                                     {"a == 1", CompareOp::kEq},
                                                     {"a != 1", CompareOp::kNe},
                                                     {"a <> 1", CompareOp::kNe},
                                                     {"a < 1", CompareOp::kLt},
                                                     {"a <= 1", CompareOp::kLe},
                                                     {"a > 1", CompareOp::kGt},
                                                     {"a >= 1", CompareOp::kGe},
                                                     {"a <=> 1", CompareOp::kNullSafeEq},
                                                     {"a<=>1", CompareOp::kNullSafeEq},
                                                     {"a>=1", CompareOp::kGe}};
  for (const auto& [text, op] : cases) {
    ExprPtr e = P(text);
    ASSERT_EQ(e->kind, ExprKind::kComparison) << text;
    EXPECT_EQ(e->op, op) << text;
  }
  EXPECT_EQ(P("a and b or not c")->ToString(), "(a AND b) OR NOT c");
  EXPECT_EQ(P("x is not null")->kind, ExprKind::kIsNotNull);
}

TEST(ExpressionParserTest, Identifiers) {
  EXPECT_EQ(P("`weird col`.x = 1")->children[0]->path,
            (std::vector<std::string>{"weird col", "x"}));
  EXPECT_EQ(P("a.b.c = 1")->children[0]->path, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(P("`tick``s` = 1")->children[0]->path, (std::vector<std::string>{"tick`s"}));
  EXPECT_EQ(P("`and` = 1")->children[0]->path, (std::vector<std::string>{"and"}));
  EXPECT_EQ(P("`a.b` = 1")->children[0]->path, (std::vector<std::string>{"a.b"}));
  // DATE, TIMESTAMP and X are only literal prefixes before a string.
  ExprPtr date_col = P("date = DATE '2024-01-02'");
  EXPECT_EQ(date_col->children[0]->path, (std::vector<std::string>{"date"}));
  EXPECT_EQ(date_col->children[1]->value, Literal::Date(19724));
  EXPECT_EQ(P("timestamp > 0")->children[0]->path, (std::vector<std::string>{"timestamp"}));
  EXPECT_EQ(P("x = 1")->children[0]->path, (std::vector<std::string>{"x"}));
  EXPECT_EQ(P("_a1 = 1")->children[0]->path, (std::vector<std::string>{"_a1"}));
}

TEST(ExpressionParserTest, Literals) {
  EXPECT_EQ(LitOf("42"), Literal::Integer(42));
  EXPECT_EQ(LitOf("-42"), Literal::Integer(-42));
  EXPECT_EQ(LitOf("2147483648"), Literal::Long(2147483648));
  EXPECT_EQ(LitOf("-9223372036854775808"), Literal::Long(std::numeric_limits<int64_t>::min()));
  EXPECT_EQ(LitOf("42L"), Literal::Long(42));
  EXPECT_EQ(LitOf("42S"), Literal::Short(42));
  EXPECT_EQ(LitOf("-42y"), Literal::Byte(-42));
  EXPECT_EQ(LitOf("9.99"), *Literal::Decimal(Decimal128::FromInt64(999), 3, 2));
  EXPECT_EQ(LitOf("-0.05"), *Literal::Decimal(Decimal128::FromInt64(-5), 2, 2));
  EXPECT_EQ(LitOf(".5"), *Literal::Decimal(Decimal128::FromInt64(5), 1, 1));
  EXPECT_EQ(LitOf("100.0"), *Literal::Decimal(Decimal128::FromInt64(1000), 4, 1));
  EXPECT_EQ(LitOf("100BD"), *Literal::Decimal(Decimal128::FromInt64(100), 3, 0));
  EXPECT_EQ(LitOf("99999999999999999999"),
            *Literal::Decimal(Decimal128{5, 7766279631452241919ull}, 20, 0));
  EXPECT_EQ(LitOf("1e3"), Literal::Double(1000.0));
  EXPECT_EQ(LitOf("1.5E-2"), Literal::Double(0.015));
  EXPECT_EQ(LitOf("1.5D"), Literal::Double(1.5));
  EXPECT_EQ(LitOf("1e+300D"), Literal::Double(1e300));
  EXPECT_EQ(LitOf("0.1F"), Literal::Float(0.1f));
  EXPECT_EQ(LitOf("'it''s'"), Literal::String("it's"));
  EXPECT_EQ(LitOf("''"), Literal::String(""));
  EXPECT_EQ(LitOf("'a\\b'"), Literal::String("a\\b"));
  EXPECT_EQ(LitOf("X'0aFF'"), Literal::Binary("\x0a\xff"));
  EXPECT_EQ(LitOf("x''"), Literal::Binary(""));
  EXPECT_EQ(LitOf("TRUE"), Literal::Boolean(true));
  EXPECT_EQ(LitOf("false"), Literal::Boolean(false));
  EXPECT_EQ(LitOf("NULL"), Literal());
  EXPECT_EQ(LitOf("DATE '2024-01-02'"), Literal::Date(19724));
  EXPECT_EQ(LitOf("TIMESTAMP '2024-01-01 00:00:00'"), Literal::Timestamp(1704067200000000));
  EXPECT_EQ(LitOf("timestamp '2024-01-01T02:00:00.5+02:00'"), Literal::Timestamp(1704067200500000));
  EXPECT_EQ(LitOf("TIMESTAMP_NTZ '2024-01-01 00:00:00.000001'"),
            Literal::TimestampNtz(1704067200000001));
  EXPECT_EQ(LitOf("CAST(NULL AS INT)"), Literal::Null(PrimitiveType::Make(TypeKind::kInteger)));
  EXPECT_EQ(LitOf("CAST(NULL AS decimal(10, 2))").type()->ToString(), "decimal(10,2)");
  EXPECT_TRUE(std::isnan(LitOf("CAST('NaN' AS DOUBLE)").floating_value()));
  EXPECT_EQ(LitOf("CAST('-Infinity' AS FLOAT)"),
            Literal::Float(-std::numeric_limits<float>::infinity()));
  EXPECT_EQ(LitOf("CAST(5 AS SMALLINT)"), Literal::Short(5));
  EXPECT_EQ(LitOf("CAST('2024-01-02' AS date)"), Literal::Date(19724));
  EXPECT_EQ(LitOf("CAST(1.5 AS DECIMAL(5,2))"),
            *Literal::Decimal(Decimal128::FromInt64(150), 5, 2));
}

TEST(ExpressionParserTest, Errors) {
  EXPECT_EQ(Error("a = "),
            "cannot parse expression \"a = \": at position 5: expected a column, a literal or "
            "'(' but found end of input");
  EXPECT_EQ(Error("a = 1 b"),
            "cannot parse expression \"a = 1 b\": at position 7: expected AND, OR or the end of "
            "the expression but found 'b'");
  EXPECT_EQ(Error("(a = 1"),
            "cannot parse expression \"(a = 1\": at position 7: expected ')' but found end of "
            "input");
  EXPECT_EQ(Error("a = 'abc"),
            "cannot parse expression \"a = 'abc\": at position 5: unterminated string literal");
  EXPECT_EQ(Error("`abc = 1"),
            "cannot parse expression \"`abc = 1\": at position 1: unterminated quoted identifier");
  EXPECT_EQ(Error("a # 1"),
            "cannot parse expression \"a # 1\": at position 3: unexpected character '#'");
  EXPECT_EQ(Error("a IS 1"),
            "cannot parse expression \"a IS 1\": at position 6: expected NULL or NOT NULL but "
            "found '1'");
  EXPECT_EQ(Error("a IN ()"),
            "cannot parse expression \"a IN ()\": at position 7: expected a literal in the IN "
            "list but found ')'");
  EXPECT_EQ(Error("a IN (1, b)"),
            "cannot parse expression \"a IN (1, b)\": at position 10: expected a literal in the "
            "IN list but found 'b'");
  EXPECT_EQ(Error("and = 1"),
            "cannot parse expression \"and = 1\": at position 1: 'and' is a keyword; write `and` "
            "for a column of that name");
  EXPECT_EQ(Error("d = DATE '2024-13-01'"),
            "cannot parse expression \"d = DATE '2024-13-01'\": at position 10: '2024-13-01' is "
            "not a date (yyyy-mm-dd)");
  EXPECT_EQ(Error("x = 1Q"),
            "cannot parse expression \"x = 1Q\": at position 5: '1Q' has an unknown type suffix "
            "'Q'");
  EXPECT_EQ(Error("x = 300Y"),
            "cannot parse expression \"x = 300Y\": at position 5: '300Y' is out of range for "
            "byte");
  EXPECT_EQ(Error("x = X'ABC'"),
            "cannot parse expression \"x = X'ABC'\": at position 5: a binary literal needs an "
            "even number of hex digits");
  EXPECT_EQ(Error("x = CAST('abc' AS INT)"),
            "cannot parse expression \"x = CAST('abc' AS INT)\": at position 10: 'abc' is not a "
            "valid integer value");
  EXPECT_EQ(Error("x = CAST(1 AS wat)"),
            "cannot parse expression \"x = CAST(1 AS wat)\": at position 15: unknown type 'wat'");
  EXPECT_EQ(Error("x NOT 1"),
            "cannot parse expression \"x NOT 1\": at position 3: expected AND, OR or the end of "
            "the expression but found 'NOT'");
  EXPECT_EQ(Error(""),
            "cannot parse expression \"\": at position 1: expected a column, a literal or '(' "
            "but found end of input");
  EXPECT_EQ(Error("x BETWEEN 1 OR 2"),
            "cannot parse expression \"x BETWEEN 1 OR 2\": at position 13: expected AND in "
            "BETWEEN but found 'OR'");
  EXPECT_EQ(Error("TIMESTAMP_NTZ '2024-01-01 00:00:00Z' = x"),
            "cannot parse expression \"TIMESTAMP_NTZ '2024-01-01 00:00:00Z' = x\": at position "
            "15: a TIMESTAMP_NTZ literal cannot carry a time zone");
}

TEST(ExpressionParserTest, NestingIsBounded) {
  std::string deep = std::string(150, '(') + "a = 1" + std::string(150, ')');
  EXPECT_EQ(P(deep)->ToString(), "a = 1");
  std::string too_deep = std::string(5000, '(') + "a = 1" + std::string(5000, ')');
  EXPECT_EQ(Error(too_deep).substr(Error(too_deep).find("at position")),
            "at position 201: expression nested more than 200 levels deep");
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_NE(Error(nots + "a").find("levels deep"), std::string::npos);
}

// ToString produces text that parses back to the same tree.
TEST(ExpressionParserTest, RoundTrip) {
  const char* texts[] = {
      "year = 2024 AND name IS NOT NULL",
      "ts >= TIMESTAMP '2024-01-01 00:00:00.123456'",
      "d = DATE '2024-01-02' OR d IS NULL",
      "price < 9.99",
      "x IN (1, 2, 3)",
      "NOT (a = 1 OR b != 'it''s')",
      "`weird col`.x <=> NULL",
      "f > 1.5D AND g < 0.25F AND h = CAST('NaN' AS DOUBLE)",
      "n = CAST(NULL AS DECIMAL(10,2)) OR b = X'00FF'",
      "ntz < TIMESTAMP_NTZ '1969-12-31 23:59:59.999999'",
      "(a = 1 AND b = 2) OR (c = 3 AND NOT flag)",
      "big = 5000000000 AND dec = 100BD AND neg = -0.05",
  };
  for (const char* text : texts) {
    ExprPtr e = P(text);
    std::string once = e->ToString();
    ExprPtr again = P(once);
    EXPECT_EQ(again->ToString(), once) << text;
    EXPECT_EQ(once, text);
  }
}

// Random token soup: parsing never crashes, and whatever parses prints text that parses back
// to the same text.
TEST(ExpressionParserTest, RandomInputRoundTrips) {
  static constexpr const char* kTokens[] = {"a",
                                            "b.c",
                                            "`x y`",
                                            "date",
                                            "1",
                                            "-2",
                                            "3.5",
                                            "1e3",
                                            "7L",
                                            "2.5F",
                                            "'s'",
                                            "'it''s'",
                                            "X'0F'",
                                            "NULL",
                                            "TRUE",
                                            "FALSE",
                                            "DATE '2024-01-02'",
                                            "TIMESTAMP '2024-01-01 00:00:00'",
                                            "CAST(NULL AS INT)",
                                            "CAST('NaN' AS DOUBLE)",
                                            "=",
                                            "!=",
                                            "<",
                                            "<=",
                                            ">",
                                            ">=",
                                            "<=>",
                                            "AND",
                                            "OR",
                                            "NOT",
                                            "IS",
                                            "NULL",
                                            "IN",
                                            "(",
                                            ")",
                                            ",",
                                            "BETWEEN",
                                            "`",
                                            "'",
                                            ".",
                                            "#"};
  std::mt19937 rng(7);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    int n = static_cast<int>(rng() % 12) + 1;
    for (int k = 0; k < n; ++k) {
      if (k > 0) text += ' ';
      text += kTokens[rng() % std::size(kTokens)];
    }
    auto r = ParseExpression(text);
    if (!r.ok()) {
      EXPECT_TRUE(r.status().IsInvalidArgument()) << text;
      continue;
    }
    ++parsed;
    std::string once = (*r)->ToString();
    auto again = ParseExpression(once);
    ASSERT_TRUE(again.ok()) << text << " -> " << once << ": " << again.status().ToString();
    EXPECT_EQ((*again)->ToString(), once) << text;
  }
  EXPECT_GT(parsed, 500);
}

}  // namespace
}  // namespace delta
