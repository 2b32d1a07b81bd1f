// Predicates over a table's columns: an immutable expression tree, typed builders, a small
// SQL-like text syntax, and binding to a table schema.
//
//   using namespace delta::expr;
//   ExprPtr p = And({Eq(Col("year"), Lit(2024)), IsNotNull(Col("name"))});
//   Result<ExprPtr> q = ParseExpression("year = 2024 AND name IS NOT NULL");
//   Result<ExprPtr> bound = BindExpression(*q, *snapshot->schema());
//
// Semantics are SQL's (three-valued logic: a comparison with NULL is NULL, a row is selected
// only when the predicate is TRUE). Float and double compare as in Spark: NaN equals NaN and is
// greater than every other value.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "delta/literal.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// What an expression node is.
enum class ExprKind {
  kColumn,      ///< a column reference
  kLiteral,     ///< a constant
  kComparison,  ///< children[0] op children[1]
  kAnd,         ///< all children (two or more)
  kOr,          ///< any child (two or more)
  kNot,         ///< NOT children[0]
  kIsNull,      ///< children[0] IS NULL
  kIsNotNull,   ///< children[0] IS NOT NULL
  kIn,          ///< children[0] IN (children[1..]), each a literal
  kArithmetic,  ///< children[0] arith_op children[1]; a value, not a predicate
  kNegate,      ///< -children[0]; a value
  kCoalesce,    ///< COALESCE(children...): the first non-NULL operand; a value
};

/// Arithmetic operators (Spark's semantics, see BindExpression).
enum class ArithmeticOp { kAdd, kSubtract, kMultiply, kDivide, kRemainder };

/// The SQL spelling of an arithmetic operator: "+", "-", "*", "/", "%".
std::string_view ArithmeticOpSymbol(ArithmeticOp op);

/// Comparison operators; kNullSafeEq is `<=>` (NULL <=> NULL is TRUE, NULL <=> 1 is FALSE).
enum class CompareOp { kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq };

/// The SQL spelling of an operator: "=", "!=", "<", "<=", ">", ">=", "<=>".
std::string_view CompareOpSymbol(CompareOp op);

struct Expression;
/// Expressions are shared immutably.
using ExprPtr = std::shared_ptr<const Expression>;

/// One node of an expression tree. Build with the functions of namespace delta::expr or
/// ParseExpression; never mutated once shared.
struct Expression {
  ExprKind kind = ExprKind::kLiteral;
  CompareOp op = CompareOp::kEq;               ///< kComparison only
  ArithmeticOp arith_op = ArithmeticOp::kAdd;  ///< kArithmetic only
  /// kColumn: the name path, e.g. {"a", "b"} for a.b; the schema's spelling once bound.
  std::vector<std::string> path;
  /// kColumn, once bound: the physical name path (delta.columnMapping.physicalName per level).
  std::vector<std::string> physical_path;
  /// kColumn, once bound: the column's type; kArithmetic, kNegate and kCoalesce, once bound:
  /// the result type. Null while unbound.
  DataTypePtr type;
  Literal value;                  ///< kLiteral only
  std::vector<ExprPtr> children;  ///< operands (see ExprKind)

  /// SQL text that ParseExpression reads back: `a.b = 1 AND NOT (c IS NULL)`. Names that are
  /// not plain identifiers (or are keywords) are backquoted.
  std::string ToString() const;
  /// True when every column reference in the tree carries a type (BindExpression's output).
  bool IsBound() const;
};

/// Parses the SQL-like predicate syntax:
///   - columns: `name`, `a.b.c`, backquoted `` `weird col`.x `` (`` `` `` inside backquotes is a
///     backquote); names are resolved case-insensitively by BindExpression
///   - literals: 42 (int, or long when larger), 42L, 1.5 / 9.99 (decimal), 1e3 / 1.5D (double),
///     1.5F (float), 'it''s' (string), X'0A0B' (binary), TRUE, FALSE, NULL,
///     DATE '2024-01-02', TIMESTAMP '2024-01-01 00:00:00[.ffffff][Z|+hh:mm]' (UTC unless a zone
///     is given), TIMESTAMP_NTZ '...', CAST('NaN' AS DOUBLE), CAST(NULL AS INT), -5
///   - operators: = == != <> < <= > >= <=>, IS [NOT] NULL, [NOT] IN (v, ...),
///     [NOT] BETWEEN a AND b, NOT, AND, OR, parentheses; keywords in any case.
///   - values: arithmetic `a + b`, `-`, `*`, `/`, `%` (binding tighter than comparisons; * / %
///     before + -; left-associative), unary minus `-a`, COALESCE(a, b, ...).
/// A whole expression may be a value (`price * 2`) — BindValueExpression binds those;
/// BindExpression requires a predicate.
/// InvalidArgument naming the 1-based character position and what was expected.
Result<ExprPtr> ParseExpression(std::string_view text);

/// Resolves every column of `expr` in `schema` (case-insensitively, through nested structs),
/// filling path (schema spelling), physical_path and type. Type-checks operands and coerces
/// literals to the column's type where no value changes (an int literal against a long, short
/// or decimal column, a string against a date or timestamp column, a decimal literal against a
/// double column, ...); comparisons are turned so a column is on the left. InvalidArgument
/// naming the column when it is missing, and naming both types when they do not compare.
///
/// Arithmetic follows Spark (non-ANSI): + - * % on two integral types give the wider one
/// (byte + byte is byte; overflow wraps), with float/double the wider floating type, with
/// decimal a decimal by Spark's precision rules (an integral operand counts as decimal(3,0),
/// (5,0), (10,0) or (20,0); precision above 38 keeps at least 6 fraction digits); decimal
/// with float/double is double. `/` is double unless both operands are exact and one is
/// decimal (then decimal by Spark's division rule). x / 0 and x % 0 are NULL; NULL in, NULL
/// out. Literals keep their own type (1 is an int). InvalidArgument naming the operator and
/// both types for a non-numeric operand. COALESCE's operands must share a type after the
/// same widening (literals are coerced to the column's type).
Result<ExprPtr> BindExpression(const ExprPtr& expr, const StructType& schema);

/// As BindExpression for any expression, predicate or value; `*type` (when given) receives
/// the result type (void for an untyped NULL).
Result<ExprPtr> BindValueExpression(const ExprPtr& expr, const StructType& schema,
                                    DataTypePtr* type = nullptr);

/// Typed builders: predicates assembled here are checked by the compiler.
namespace expr {

/// A column by dotted path ("a.b" is field b of struct a); no quoting.
ExprPtr Col(std::string_view dotted_path);
/// A column by explicit path (for names that contain dots).
ExprPtr Col(std::vector<std::string> path);

/// Literals. Lit(int) is an integer, Lit(int64_t) a long, Lit(const char*) a string.
ExprPtr Lit(Literal value);
ExprPtr Lit(bool v);
ExprPtr Lit(int32_t v);
ExprPtr Lit(int64_t v);
ExprPtr Lit(float v);
ExprPtr Lit(double v);
ExprPtr Lit(const char* v);
ExprPtr Lit(std::string_view v);
/// An untyped NULL.
ExprPtr Null();

/// Comparisons.
ExprPtr Compare(CompareOp op, ExprPtr left, ExprPtr right);
ExprPtr Eq(ExprPtr left, ExprPtr right);
ExprPtr Ne(ExprPtr left, ExprPtr right);
ExprPtr Lt(ExprPtr left, ExprPtr right);
ExprPtr Le(ExprPtr left, ExprPtr right);
ExprPtr Gt(ExprPtr left, ExprPtr right);
ExprPtr Ge(ExprPtr left, ExprPtr right);
ExprPtr NullSafeEq(ExprPtr left, ExprPtr right);

/// Conjunction / disjunction; a single operand is returned as is, none gives TRUE / FALSE.
ExprPtr And(std::vector<ExprPtr> operands);
ExprPtr And(ExprPtr a, ExprPtr b);
ExprPtr Or(std::vector<ExprPtr> operands);
ExprPtr Or(ExprPtr a, ExprPtr b);
ExprPtr Not(ExprPtr operand);
ExprPtr IsNull(ExprPtr operand);
ExprPtr IsNotNull(ExprPtr operand);
/// `value IN (list...)`; the list holds literals.
ExprPtr In(ExprPtr value, std::vector<Literal> list);
/// `value IN (list...)` with literal expressions (e.g. {Lit(1), Lit(2)}); BindExpression
/// rejects anything else in the list.
ExprPtr In(ExprPtr value, std::vector<ExprPtr> list);

/// Arithmetic: left op right, and -operand.
ExprPtr Arithmetic(ArithmeticOp op, ExprPtr left, ExprPtr right);
ExprPtr Add(ExprPtr left, ExprPtr right);
ExprPtr Subtract(ExprPtr left, ExprPtr right);
ExprPtr Multiply(ExprPtr left, ExprPtr right);
ExprPtr Divide(ExprPtr left, ExprPtr right);
ExprPtr Remainder(ExprPtr left, ExprPtr right);
ExprPtr Negate(ExprPtr operand);
/// COALESCE(operands...): the first that is not NULL.
ExprPtr Coalesce(std::vector<ExprPtr> operands);

}  // namespace expr
}  // namespace delta
