// Helpers shared by the expression sources (node construction, identifier quoting, literal
// coercion). Not installed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "delta/expression.h"

namespace delta {

/// A column node with `path`.
ExprPtr MakeColumn(std::vector<std::string> path);
/// A literal node.
ExprPtr MakeLiteral(Literal value);
/// A node of `kind` with `children` (and `op` for comparisons).
ExprPtr MakeNode(ExprKind kind, std::vector<ExprPtr> children, CompareOp op = CompareOp::kEq);

/// A value node (kArithmetic, kNegate, kCoalesce) with `op` and, once bound, its `type`.
ExprPtr MakeValueNode(ExprKind kind, std::vector<ExprPtr> children, ArithmeticOp op,
                      DataTypePtr type = nullptr);

/// True for the words the syntax reserves (AND, OR, NOT, IS, NULL, IN, TRUE, FALSE, BETWEEN,
/// CAST, AS), in any case.
bool IsReservedWord(std::string_view word);
/// True when `name` can be written without backquotes.
bool IsPlainIdentifier(std::string_view name);
/// `a.b`, with parts backquoted where needed: `weird col`.x
std::string ColumnPathToString(const std::vector<std::string>& path);

/// `lit` made comparable with values of `target` (see BindExpression): converted where no
/// value changes, kept when the kinds compare as they are, InvalidArgument otherwise.
/// `what` names the column or operand in errors.
Result<Literal> CoerceLiteral(const Literal& lit, const DataTypePtr& target, std::string_view what);

/// The comparison with its operands swapped: a < b is b > a. Equalities are unchanged.
inline CompareOp FlipCompareOp(CompareOp op) {
  switch (op) {
    case CompareOp::kLt:
      return CompareOp::kGt;
    case CompareOp::kLe:
      return CompareOp::kGe;
    case CompareOp::kGt:
      return CompareOp::kLt;
    case CompareOp::kGe:
      return CompareOp::kLe;
    default:
      return op;
  }
}

/// True when values of types `a` and `b` can be compared (Literal::Compare is defined).
bool TypesCompare(const DataType& a, const DataType& b);

/// Reads a SQL type name: Delta names (long, integer, decimal(10,2), timestamp_ntz, ...) and
/// SQL aliases (BIGINT, INT, SMALLINT, TINYINT, REAL, ...), in any case.
Result<DataTypePtr> ParseSqlTypeName(std::string_view name);

}  // namespace delta
