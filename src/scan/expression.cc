// Expression nodes, their SQL text, and the typed builders.
#include "delta/expression.h"

#include <utility>

#include "scan/expression_internal.h"

namespace delta {

std::string_view CompareOpSymbol(CompareOp op) {
  switch (op) {
    case CompareOp::kEq:
      return "=";
    case CompareOp::kNe:
      return "!=";
    case CompareOp::kLt:
      return "<";
    case CompareOp::kLe:
      return "<=";
    case CompareOp::kGt:
      return ">";
    case CompareOp::kGe:
      return ">=";
    case CompareOp::kNullSafeEq:
      return "<=>";
  }
  return "?";
}

std::string_view ArithmeticOpSymbol(ArithmeticOp op) {
  switch (op) {
    case ArithmeticOp::kAdd:
      return "+";
    case ArithmeticOp::kSubtract:
      return "-";
    case ArithmeticOp::kMultiply:
      return "*";
    case ArithmeticOp::kDivide:
      return "/";
    case ArithmeticOp::kRemainder:
      return "%";
  }
  return "?";
}

namespace {

bool IsPrimary(const Expression& e) {
  return e.kind == ExprKind::kColumn || e.kind == ExprKind::kLiteral ||
         e.kind == ExprKind::kCoalesce;
}

// How tightly a value binds: + - are 1, * / % are 2, unary minus and primaries 3; predicates
// 0 (they always need parentheses inside arithmetic).
int Precedence(const Expression& e) {
  if (e.kind == ExprKind::kArithmetic) {
    return e.arith_op == ArithmeticOp::kAdd || e.arith_op == ArithmeticOp::kSubtract ? 1 : 2;
  }
  if (e.kind == ExprKind::kNegate || IsPrimary(e)) return 3;
  return 0;
}

void AppendWithin(std::string* out, const Expression& e, int min_precedence) {
  // A negative literal after an operator reads back as the literal; elsewhere it is fine too.
  if (Precedence(e) >= min_precedence) {
    *out += e.ToString();
  } else {
    *out += '(';
    *out += e.ToString();
    *out += ')';
  }
}

// Operands of comparisons, IS [NOT] NULL and IN are values; predicates are parenthesized.
void AppendOperand(std::string* out, const Expression& e) {
  if (Precedence(e) > 0) {
    *out += e.ToString();
  } else {
    *out += '(';
    *out += e.ToString();
    *out += ')';
  }
}

}  // namespace

std::string Expression::ToString() const {
  std::string out;
  switch (kind) {
    case ExprKind::kColumn:
      return ColumnPathToString(path);
    case ExprKind::kLiteral:
      return value.ToString();
    case ExprKind::kComparison:
      if (children.size() != 2) return "<invalid comparison>";
      AppendOperand(&out, *children[0]);
      out += ' ';
      out += CompareOpSymbol(op);
      out += ' ';
      AppendOperand(&out, *children[1]);
      return out;
    case ExprKind::kAnd:
    case ExprKind::kOr: {
      const bool is_and = kind == ExprKind::kAnd;
      for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) out += is_and ? " AND " : " OR ";
        const Expression& c = *children[i];
        // OR inside AND needs parentheses; AND inside OR gets them for readability.
        bool paren = c.kind == ExprKind::kOr || c.kind == ExprKind::kAnd;
        if (paren) out += '(';
        out += c.ToString();
        if (paren) out += ')';
      }
      if (children.empty()) return is_and ? "TRUE" : "FALSE";
      return out;
    }
    case ExprKind::kNot:
      if (children.size() != 1) return "<invalid NOT>";
      if (IsPrimary(*children[0])) return "NOT " + children[0]->ToString();
      return "NOT (" + children[0]->ToString() + ")";
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull:
      if (children.size() != 1) return "<invalid IS NULL>";
      AppendOperand(&out, *children[0]);
      out += kind == ExprKind::kIsNull ? " IS NULL" : " IS NOT NULL";
      return out;
    case ExprKind::kArithmetic: {
      if (children.size() != 2) return "<invalid arithmetic>";
      const int own = Precedence(*this);
      AppendWithin(&out, *children[0], own);  // left-associative: equal precedence is fine
      out += ' ';
      out += ArithmeticOpSymbol(arith_op);
      out += ' ';
      AppendWithin(&out, *children[1], own + 1);
      return out;
    }
    case ExprKind::kNegate: {
      if (children.size() != 1) return "<invalid negation>";
      const Expression& c = *children[0];
      // -(5) rather than -5, which would read back as a negative literal; "- -x" rather than
      // -(-(x)), whose parentheses would nest deeper than the text parsed (and not "--x", a
      // comment in SQL).
      if (c.kind == ExprKind::kNegate) return "- " + c.ToString();
      if (c.kind == ExprKind::kColumn || c.kind == ExprKind::kCoalesce) return "-" + c.ToString();
      return "-(" + c.ToString() + ")";
    }
    case ExprKind::kCoalesce:
      out = "COALESCE(";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i > 0) out += ", ";
        out += children[i]->ToString();
      }
      out += ')';
      return out;
    case ExprKind::kIn:
      if (children.empty()) return "<invalid IN>";
      AppendOperand(&out, *children[0]);
      out += " IN (";
      for (size_t i = 1; i < children.size(); ++i) {
        if (i > 1) out += ", ";
        AppendOperand(&out, *children[i]);
      }
      out += ')';
      return out;
  }
  return "<invalid expression>";
}

bool Expression::IsBound() const {
  if (kind == ExprKind::kColumn || kind == ExprKind::kArithmetic || kind == ExprKind::kNegate ||
      kind == ExprKind::kCoalesce) {
    if (type == nullptr) return false;
  }
  if (kind == ExprKind::kColumn) return true;
  for (const ExprPtr& c : children) {
    if (!c || !c->IsBound()) return false;
  }
  return true;
}

// --- identifiers ----------------------------------------------------------------------------

bool IsReservedWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {"AND",  "OR",    "NOT",     "IS",   "NULL", "IN",
                                                "TRUE", "FALSE", "BETWEEN", "CAST", "AS"};
  for (std::string_view w : kWords) {
    if (w.size() != word.size()) continue;
    bool same = true;
    for (size_t i = 0; i < w.size() && same; ++i) {
      char c = word[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      same = c == w[i];
    }
    if (same) return true;
  }
  return false;
}

bool IsPlainIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
              (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return !IsReservedWord(name);
}

std::string ColumnPathToString(const std::vector<std::string>& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out += '.';
    if (IsPlainIdentifier(path[i])) {
      out += path[i];
    } else {
      out += '`';
      for (char c : path[i]) {
        if (c == '`') out += '`';
        out += c;
      }
      out += '`';
    }
  }
  return out;
}

// --- builders -------------------------------------------------------------------------------

ExprPtr MakeColumn(std::vector<std::string> path) {
  auto e = std::make_shared<Expression>();
  e->kind = ExprKind::kColumn;
  e->path = std::move(path);
  return e;
}

ExprPtr MakeLiteral(Literal value) {
  auto e = std::make_shared<Expression>();
  e->kind = ExprKind::kLiteral;
  e->value = std::move(value);
  return e;
}

ExprPtr MakeNode(ExprKind kind, std::vector<ExprPtr> children, CompareOp op) {
  auto e = std::make_shared<Expression>();
  e->kind = kind;
  e->op = op;
  e->children = std::move(children);
  return e;
}

ExprPtr MakeValueNode(ExprKind kind, std::vector<ExprPtr> children, ArithmeticOp op,
                      DataTypePtr type) {
  auto e = std::make_shared<Expression>();
  e->kind = kind;
  e->arith_op = op;
  e->children = std::move(children);
  e->type = std::move(type);
  return e;
}

namespace expr {

ExprPtr Col(std::string_view dotted_path) {
  std::vector<std::string> path;
  size_t start = 0;
  while (true) {
    size_t dot = dotted_path.find('.', start);
    path.emplace_back(dotted_path.substr(start, dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return MakeColumn(std::move(path));
}

ExprPtr Col(std::vector<std::string> path) { return MakeColumn(std::move(path)); }

ExprPtr Lit(Literal value) { return MakeLiteral(std::move(value)); }
ExprPtr Lit(bool v) { return MakeLiteral(Literal::Boolean(v)); }
ExprPtr Lit(int32_t v) { return MakeLiteral(Literal::Integer(v)); }
ExprPtr Lit(int64_t v) { return MakeLiteral(Literal::Long(v)); }
ExprPtr Lit(float v) { return MakeLiteral(Literal::Float(v)); }
ExprPtr Lit(double v) { return MakeLiteral(Literal::Double(v)); }
ExprPtr Lit(const char* v) { return MakeLiteral(Literal::String(v)); }
ExprPtr Lit(std::string_view v) { return MakeLiteral(Literal::String(std::string(v))); }
ExprPtr Null() { return MakeLiteral(Literal()); }

ExprPtr Compare(CompareOp op, ExprPtr left, ExprPtr right) {
  return MakeNode(ExprKind::kComparison, {std::move(left), std::move(right)}, op);
}
ExprPtr Eq(ExprPtr l, ExprPtr r) { return Compare(CompareOp::kEq, std::move(l), std::move(r)); }
ExprPtr Ne(ExprPtr l, ExprPtr r) { return Compare(CompareOp::kNe, std::move(l), std::move(r)); }
ExprPtr Lt(ExprPtr l, ExprPtr r) { return Compare(CompareOp::kLt, std::move(l), std::move(r)); }
ExprPtr Le(ExprPtr l, ExprPtr r) { return Compare(CompareOp::kLe, std::move(l), std::move(r)); }
ExprPtr Gt(ExprPtr l, ExprPtr r) { return Compare(CompareOp::kGt, std::move(l), std::move(r)); }
ExprPtr Ge(ExprPtr l, ExprPtr r) { return Compare(CompareOp::kGe, std::move(l), std::move(r)); }
ExprPtr NullSafeEq(ExprPtr l, ExprPtr r) {
  return Compare(CompareOp::kNullSafeEq, std::move(l), std::move(r));
}

ExprPtr And(std::vector<ExprPtr> operands) {
  if (operands.empty()) return Lit(true);
  if (operands.size() == 1) return std::move(operands[0]);
  return MakeNode(ExprKind::kAnd, std::move(operands));
}
ExprPtr And(ExprPtr a, ExprPtr b) { return And(std::vector<ExprPtr>{std::move(a), std::move(b)}); }
ExprPtr Or(std::vector<ExprPtr> operands) {
  if (operands.empty()) return Lit(false);
  if (operands.size() == 1) return std::move(operands[0]);
  return MakeNode(ExprKind::kOr, std::move(operands));
}
ExprPtr Or(ExprPtr a, ExprPtr b) { return Or(std::vector<ExprPtr>{std::move(a), std::move(b)}); }
ExprPtr Not(ExprPtr operand) { return MakeNode(ExprKind::kNot, {std::move(operand)}); }
ExprPtr IsNull(ExprPtr operand) { return MakeNode(ExprKind::kIsNull, {std::move(operand)}); }
ExprPtr IsNotNull(ExprPtr operand) { return MakeNode(ExprKind::kIsNotNull, {std::move(operand)}); }
ExprPtr In(ExprPtr value, std::vector<Literal> list) {
  std::vector<ExprPtr> children;
  children.reserve(list.size() + 1);
  children.push_back(std::move(value));
  for (Literal& l : list) children.push_back(MakeLiteral(std::move(l)));
  return MakeNode(ExprKind::kIn, std::move(children));
}
ExprPtr In(ExprPtr value, std::vector<ExprPtr> list) {
  list.insert(list.begin(), std::move(value));
  return MakeNode(ExprKind::kIn, std::move(list));
}

ExprPtr Arithmetic(ArithmeticOp op, ExprPtr left, ExprPtr right) {
  return MakeValueNode(ExprKind::kArithmetic, {std::move(left), std::move(right)}, op);
}
ExprPtr Add(ExprPtr l, ExprPtr r) {
  return Arithmetic(ArithmeticOp::kAdd, std::move(l), std::move(r));
}
ExprPtr Subtract(ExprPtr l, ExprPtr r) {
  return Arithmetic(ArithmeticOp::kSubtract, std::move(l), std::move(r));
}
ExprPtr Multiply(ExprPtr l, ExprPtr r) {
  return Arithmetic(ArithmeticOp::kMultiply, std::move(l), std::move(r));
}
ExprPtr Divide(ExprPtr l, ExprPtr r) {
  return Arithmetic(ArithmeticOp::kDivide, std::move(l), std::move(r));
}
ExprPtr Remainder(ExprPtr l, ExprPtr r) {
  return Arithmetic(ArithmeticOp::kRemainder, std::move(l), std::move(r));
}
ExprPtr Negate(ExprPtr operand) {
  return MakeValueNode(ExprKind::kNegate, {std::move(operand)}, ArithmeticOp::kSubtract);
}
ExprPtr Coalesce(std::vector<ExprPtr> operands) {
  return MakeValueNode(ExprKind::kCoalesce, std::move(operands), ArithmeticOp::kAdd);
}

}  // namespace expr
}  // namespace delta
