// BindExpression: column resolution against a schema, type checks and literal coercion.
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "delta/expression.h"
#include "scan/expression_internal.h"
#include "scan/partition_values.h"

namespace delta {

namespace {

bool IsIntegral(TypeKind k) {
  return k == TypeKind::kByte || k == TypeKind::kShort || k == TypeKind::kInteger ||
         k == TypeKind::kLong;
}
bool IsFloating(TypeKind k) { return k == TypeKind::kFloat || k == TypeKind::kDouble; }
bool IsNumeric(TypeKind k) { return IsIntegral(k) || IsFloating(k) || k == TypeKind::kDecimal; }
bool IsTemporal(TypeKind k) {
  return k == TypeKind::kDate || k == TypeKind::kTimestamp || k == TypeKind::kTimestampNtz;
}

bool FitsIntegral(int64_t v, TypeKind k) {
  switch (k) {
    case TypeKind::kByte:
      return v >= std::numeric_limits<int8_t>::min() && v <= std::numeric_limits<int8_t>::max();
    case TypeKind::kShort:
      return v >= std::numeric_limits<int16_t>::min() && v <= std::numeric_limits<int16_t>::max();
    case TypeKind::kInteger:
      return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max();
    default:
      return true;
  }
}

Literal MakeIntegral(int64_t v, TypeKind k) {
  switch (k) {
    case TypeKind::kByte:
      return Literal::Byte(static_cast<int8_t>(v));
    case TypeKind::kShort:
      return Literal::Short(static_cast<int16_t>(v));
    case TypeKind::kInteger:
      return Literal::Integer(static_cast<int32_t>(v));
    default:
      return Literal::Long(v);
  }
}

// The decimal `target` holding exactly unscaled `u` at scale `s`, if it fits.
std::optional<Literal> ExactDecimal(Int128 u, int s, const DecimalType& target) {
  Int128 v = u;
  if (target.scale() >= s) {
    int up = target.scale() - s;
    // Guard the multiplication: the result must stay below 10^precision anyway.
    if (DigitCount(u) + up > target.precision() && u != 0) return std::nullopt;
    v = u * Pow10(up);
  } else {
    Int128 p = Pow10(s - target.scale());
    if (u % p != 0) return std::nullopt;
    v = u / p;
  }
  if (DigitCount(v) > target.precision()) return std::nullopt;
  auto lit = Literal::Decimal(FromInt128(v), target.precision(), target.scale());
  if (!lit.ok()) return std::nullopt;
  return std::move(*lit);
}

Status Incompatible(const Literal& lit, const DataType& target, std::string_view what) {
  return Status::InvalidArgument("cannot compare " + std::string(what) + " of type " +
                                 target.ToString() + " with " + lit.ToString() + " of type " +
                                 lit.type()->ToString());
}

}  // namespace

bool TypesCompare(const DataType& a, const DataType& b) {
  if (!a.is_primitive() || !b.is_primitive()) return false;
  TypeKind x = a.kind();
  TypeKind y = b.kind();
  if (x == TypeKind::kVoid || y == TypeKind::kVoid) return true;
  if (IsNumeric(x) && IsNumeric(y)) return true;
  if (IsTemporal(x) && IsTemporal(y)) {
    return !((x == TypeKind::kTimestamp && y == TypeKind::kTimestampNtz) ||
             (x == TypeKind::kTimestampNtz && y == TypeKind::kTimestamp));
  }
  return x == y && (x == TypeKind::kString || x == TypeKind::kBinary || x == TypeKind::kBoolean);
}

Result<Literal> CoerceLiteral(const Literal& lit, const DataTypePtr& target,
                              std::string_view what) {
  const TypeKind t = target->kind();
  const TypeKind k = lit.kind();
  if (!target->is_primitive() || t == TypeKind::kVoid || t == TypeKind::kVariant ||
      t == TypeKind::kGeometry || t == TypeKind::kGeography) {
    return Status::InvalidArgument("cannot compare " + std::string(what) + " of type " +
                                   target->ToString() + " with a literal");
  }
  if (lit.is_null()) {
    if (k == TypeKind::kVoid || TypesCompare(*lit.type(), *target)) return Literal::Null(target);
    return Incompatible(lit, *target, what);
  }
  if (lit.type()->Equals(*target)) return lit;

  if (IsIntegral(k)) {
    const int64_t v = lit.int_value();
    if (IsIntegral(t)) return FitsIntegral(v, t) ? MakeIntegral(v, t) : lit;
    if (t == TypeKind::kDecimal) {
      auto d = ExactDecimal(Int128(v), 0, static_cast<const DecimalType&>(*target));
      return d ? std::move(*d) : lit;
    }
    if (t == TypeKind::kDouble) {
      auto d = static_cast<double>(v);
      return static_cast<long double>(d) == static_cast<long double>(v) ? Literal::Double(d) : lit;
    }
    if (t == TypeKind::kFloat) {
      auto f = static_cast<float>(v);
      return static_cast<long double>(f) == static_cast<long double>(v) ? Literal::Float(f) : lit;
    }
    return Incompatible(lit, *target, what);
  }
  if (k == TypeKind::kDecimal) {
    const Int128 u = ToInt128(lit.decimal_value());
    const int s = lit.decimal_scale();
    if (t == TypeKind::kDecimal) {
      auto d = ExactDecimal(u, s, static_cast<const DecimalType&>(*target));
      return d ? std::move(*d) : lit;
    }
    if (IsIntegral(t)) {
      Int128 p = Pow10(s);
      if (u % p != 0) return lit;
      Int128 v = u / p;
      if (v < std::numeric_limits<int64_t>::min() || v > std::numeric_limits<int64_t>::max()) {
        return lit;
      }
      return FitsIntegral(static_cast<int64_t>(v), t) ? MakeIntegral(static_cast<int64_t>(v), t)
                                                      : lit;
    }
    if (IsFloating(t)) {
      // As SQL does: the decimal literal becomes the nearest double (correctly rounded).
      auto d = ParseLiteralText(FormatDecimal(u, s), *PrimitiveType::Make(TypeKind::kDouble));
      if (!d.ok()) return d.status();
      return std::move(*d);
    }
    return Incompatible(lit, *target, what);
  }
  if (IsFloating(k)) {
    if (t == TypeKind::kDouble) return Literal::Double(lit.floating_value());
    if (t == TypeKind::kFloat) {
      double v = lit.floating_value();
      auto f = static_cast<float>(v);
      if (static_cast<double>(f) == v || std::isnan(v)) return Literal::Float(f);
      return lit;
    }
    if (IsNumeric(t)) return lit;  // compares as double
    return Incompatible(lit, *target, what);
  }
  if (k == TypeKind::kString) {
    if (t == TypeKind::kBinary) return Literal::Binary(lit.string_value());
    auto parsed = ParseLiteralText(lit.string_value(), *target);
    if (!parsed.ok()) {
      return Status::InvalidArgument(lit.ToString() + " is not a valid " + target->ToString() +
                                     " value for " + std::string(what));
    }
    return std::move(*parsed);
  }
  if (k == TypeKind::kDate) {
    int64_t micros = 0;
    if (__builtin_mul_overflow(lit.int_value(), kMicrosPerDay, &micros)) {
      if (t == TypeKind::kTimestamp || t == TypeKind::kTimestampNtz) return lit;  // by value
      return Incompatible(lit, *target, what);
    }
    if (t == TypeKind::kTimestamp) return Literal::Timestamp(micros);
    if (t == TypeKind::kTimestampNtz) return Literal::TimestampNtz(micros);
    return Incompatible(lit, *target, what);
  }
  if (k == TypeKind::kTimestamp || k == TypeKind::kTimestampNtz) {
    // A TIMESTAMP literal without zone is UTC wall-clock text, so the two kinds trade micros.
    if (t == TypeKind::kTimestamp) return Literal::Timestamp(lit.int_value());
    if (t == TypeKind::kTimestampNtz) return Literal::TimestampNtz(lit.int_value());
    if (t == TypeKind::kDate) return lit;  // compares with the date's midnight
    return Incompatible(lit, *target, what);
  }
  if (TypesCompare(*lit.type(), *target)) return lit;
  return Incompatible(lit, *target, what);
}

namespace {

struct Bound {
  ExprPtr expr;
  DataTypePtr type;  // boolean for predicates, the column/literal type otherwise
};

DataTypePtr BooleanType() { return PrimitiveType::Make(TypeKind::kBoolean); }

std::string FieldList(const StructType& s) {
  std::string out;
  for (const StructField& f : s.fields()) {
    if (!out.empty()) out += ", ";
    out += ColumnPathToString({f.name});
  }
  return out;
}

Result<Bound> ResolveColumn(const Expression& e, const StructType& schema) {
  if (e.path.empty()) return Status::InvalidArgument("empty column reference");
  auto node = std::make_shared<Expression>();
  node->kind = ExprKind::kColumn;
  const StructType* st = &schema;
  const StructField* field = nullptr;
  for (size_t i = 0; i < e.path.size(); ++i) {
    if (st == nullptr) {
      std::vector<std::string> prefix(e.path.begin(), e.path.begin() + static_cast<long>(i));
      return Status::InvalidArgument("column " + ColumnPathToString(e.path) +
                                     " not found: " + ColumnPathToString(prefix) + " is a " +
                                     field->type->ToString() + ", not a struct");
    }
    field = st->field(e.path[i]);
    if (field == nullptr) field = st->FieldIgnoreCase(e.path[i]);
    if (field == nullptr) {
      std::string msg = "column " + ColumnPathToString(e.path) + " not found in the table schema";
      if (i > 0) {
        std::vector<std::string> prefix(node->path.begin(), node->path.end());
        msg += " (struct " + ColumnPathToString(prefix) + " has fields: " + FieldList(*st) + ")";
      } else {
        msg += " (columns: " + FieldList(*st) + ")";
      }
      return Status::InvalidArgument(std::move(msg));
    }
    node->path.push_back(field->name);
    node->physical_path.push_back(field->PhysicalName().value_or(field->name));
    st = field->type->as_struct();
  }
  node->type = field->type;
  return Bound{node, field->type};
}

std::string Describe(const Expression& e) {
  return e.kind == ExprKind::kColumn ? "column " + e.ToString() : e.ToString();
}

Status RequireBoolean(const Bound& b, std::string_view where) {
  TypeKind k = b.type->kind();
  if (k == TypeKind::kBoolean || k == TypeKind::kVoid) return Status::OK();
  return Status::InvalidArgument(std::string(where) + " operand " + b.expr->ToString() +
                                 " is not a boolean (it is " + b.type->ToString() + ")");
}

// A boolean operand: an untyped NULL becomes a boolean NULL.
ExprPtr AsBoolean(const Bound& b) {
  if (b.expr->kind == ExprKind::kLiteral && b.type->kind() == TypeKind::kVoid) {
    return MakeLiteral(Literal::Null(BooleanType()));
  }
  return b.expr;
}

Result<Bound> Bind(const ExprPtr& e, const StructType& schema);

// --- arithmetic (Spark's type rules, non-ANSI) ------------------------------------------------

int IntegralDigits(TypeKind k) {
  switch (k) {
    case TypeKind::kByte:
      return 3;
    case TypeKind::kShort:
      return 5;
    case TypeKind::kInteger:
      return 10;
    default:
      return 20;
  }
}

int IntegralRank(TypeKind k) {
  switch (k) {
    case TypeKind::kByte:
      return 0;
    case TypeKind::kShort:
      return 1;
    case TypeKind::kInteger:
      return 2;
    default:
      return 3;
  }
}

// An exact operand as a decimal: itself, or the decimal holding every value of an integral.
std::pair<int, int> AsDecimal(const DataType& t) {
  if (t.kind() == TypeKind::kDecimal) {
    const auto& d = static_cast<const DecimalType&>(t);
    return {d.precision(), d.scale()};
  }
  return {IntegralDigits(t.kind()), 0};
}

// Spark's precision-loss rule: beyond 38 digits keep the integral digits and at least 6 (or the
// wanted scale, if smaller) fraction digits.
DataTypePtr BoundedDecimal(int precision, int scale) {
  if (precision > DecimalType::kMaxPrecision) {
    int int_digits = precision - scale;
    int min_scale = std::min(scale, 6);
    scale = std::max(DecimalType::kMaxPrecision - int_digits, min_scale);
    precision = DecimalType::kMaxPrecision;
  }
  return std::make_shared<DecimalType>(precision, scale);
}

DataTypePtr WiderNumeric(const DataType& a, const DataType& b) {
  const TypeKind x = a.kind();
  const TypeKind y = b.kind();
  if (x == TypeKind::kDouble || y == TypeKind::kDouble)
    return PrimitiveType::Make(TypeKind::kDouble);
  if (x == TypeKind::kFloat || y == TypeKind::kFloat) {
    return PrimitiveType::Make((x == TypeKind::kDecimal || y == TypeKind::kDecimal)
                                   ? TypeKind::kDouble
                                   : TypeKind::kFloat);
  }
  if (x == TypeKind::kDecimal || y == TypeKind::kDecimal) {
    auto [p1, s1] = AsDecimal(a);
    auto [p2, s2] = AsDecimal(b);
    int scale = std::max(s1, s2);
    return BoundedDecimal(std::max(p1 - s1, p2 - s2) + scale, scale);
  }
  return IntegralRank(x) >= IntegralRank(y) ? PrimitiveType::Make(x) : PrimitiveType::Make(y);
}

Result<DataTypePtr> ArithmeticType(ArithmeticOp op, const DataType& a, const DataType& b) {
  const TypeKind x = a.kind();
  const TypeKind y = b.kind();
  const bool floating = IsFloating(x) || IsFloating(y);
  const bool decimal = x == TypeKind::kDecimal || y == TypeKind::kDecimal;
  if (op == ArithmeticOp::kDivide && (floating || !decimal)) {
    return PrimitiveType::Make(TypeKind::kDouble);
  }
  if (floating || !decimal) return WiderNumeric(a, b);
  auto [p1, s1] = AsDecimal(a);
  auto [p2, s2] = AsDecimal(b);
  switch (op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract: {
      int scale = std::max(s1, s2);
      return BoundedDecimal(std::max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case ArithmeticOp::kMultiply:
      return BoundedDecimal(p1 + p2 + 1, s1 + s2);
    case ArithmeticOp::kDivide: {
      int scale = std::max(6, s1 + p2 + 1);
      return BoundedDecimal(p1 - s1 + s2 + scale, scale);
    }
    case ArithmeticOp::kRemainder: {
      int scale = std::max(s1, s2);
      return BoundedDecimal(std::min(p1 - s1, p2 - s2) + scale, scale);
    }
  }
  return Status::Internal("unknown arithmetic operator");
}

Status NotNumeric(std::string_view op, const Bound& a, const Bound* b) {
  std::string msg = "operator " + std::string(op) + " needs numeric operands, not " +
                    Describe(*a.expr) + " of type " + a.type->ToString();
  if (b) msg += " and " + Describe(*b->expr) + " of type " + b->type->ToString();
  return Status::InvalidArgument(std::move(msg));
}

Result<Bound> BindArithmetic(const Expression& e, const StructType& schema) {
  if (e.children.size() != 2) return Status::InvalidArgument("arithmetic needs two operands");
  DELTA_ASSIGN_OR_RETURN(Bound left, Bind(e.children[0], schema));
  DELTA_ASSIGN_OR_RETURN(Bound right, Bind(e.children[1], schema));
  const std::string_view sym = ArithmeticOpSymbol(e.arith_op);
  const TypeKind x = left.type->kind();
  const TypeKind y = right.type->kind();
  if ((x != TypeKind::kVoid && !IsNumeric(x)) || (y != TypeKind::kVoid && !IsNumeric(y))) {
    return NotNumeric(sym, left, &right);
  }
  DataTypePtr type;
  if (x == TypeKind::kVoid && y == TypeKind::kVoid) {
    type = PrimitiveType::Make(e.arith_op == ArithmeticOp::kDivide ? TypeKind::kDouble
                                                                   : TypeKind::kInteger);
  } else if (x == TypeKind::kVoid || y == TypeKind::kVoid) {
    // NULL takes the other operand's type: the result is NULL of the operation's type.
    const DataType& known = x == TypeKind::kVoid ? *right.type : *left.type;
    DELTA_ASSIGN_OR_RETURN(type, ArithmeticType(e.arith_op, known, known));
  } else {
    DELTA_ASSIGN_OR_RETURN(type, ArithmeticType(e.arith_op, *left.type, *right.type));
  }
  return Bound{MakeValueNode(ExprKind::kArithmetic, {left.expr, right.expr}, e.arith_op, type),
               type};
}

Result<Bound> BindNegate(const Expression& e, const StructType& schema) {
  if (e.children.size() != 1) return Status::InvalidArgument("unary minus needs one operand");
  DELTA_ASSIGN_OR_RETURN(Bound b, Bind(e.children[0], schema));
  TypeKind k = b.type->kind();
  if (k == TypeKind::kVoid) {
    b.type = PrimitiveType::Make(TypeKind::kInteger);
  } else if (!IsNumeric(k)) {
    return NotNumeric("unary -", b, nullptr);
  }
  return Bound{MakeValueNode(ExprKind::kNegate, {b.expr}, ArithmeticOp::kSubtract, b.type), b.type};
}

// COALESCE: literals take the type of the first non-literal operand where they can; numeric
// operands widen as for +; any other mix of types is an error.
Result<Bound> BindCoalesce(const Expression& e, const StructType& schema) {
  if (e.children.empty()) return Status::InvalidArgument("COALESCE needs at least one operand");
  std::vector<Bound> bound;
  const Bound* anchor = nullptr;
  for (const ExprPtr& c : e.children) {
    DELTA_ASSIGN_OR_RETURN(Bound b, Bind(c, schema));
    bound.push_back(std::move(b));
  }
  for (const Bound& b : bound) {
    if (b.expr->kind != ExprKind::kLiteral && b.type->kind() != TypeKind::kVoid) {
      anchor = &b;
      break;
    }
  }
  DataTypePtr type;
  std::vector<ExprPtr> children;
  for (Bound& b : bound) {
    if (anchor && b.expr->kind == ExprKind::kLiteral) {
      Result<Literal> lit = CoerceLiteral(b.expr->value, anchor->type, Describe(*anchor->expr));
      if (lit.ok()) b = Bound{MakeLiteral(*lit), lit->type()};
    }
    if (b.type->kind() != TypeKind::kVoid) {
      if (!type) {
        type = b.type;
      } else if (IsNumeric(type->kind()) && IsNumeric(b.type->kind())) {
        type = WiderNumeric(*type, *b.type);
      } else if (!type->Equals(*b.type)) {
        return Status::InvalidArgument("COALESCE operands " + Describe(*bound[0].expr) +
                                       " of type " + type->ToString() + " and " +
                                       Describe(*b.expr) + " of type " + b.type->ToString() +
                                       " have no common type");
      }
    }
    children.push_back(b.expr);
  }
  if (!type) type = PrimitiveType::Make(TypeKind::kVoid);
  return Bound{MakeValueNode(ExprKind::kCoalesce, std::move(children), ArithmeticOp::kAdd, type),
               type};
}

Result<Bound> BindComparison(const Expression& e, const StructType& schema) {
  if (e.children.size() != 2) return Status::InvalidArgument("a comparison needs two operands");
  DELTA_ASSIGN_OR_RETURN(Bound left, Bind(e.children[0], schema));
  DELTA_ASSIGN_OR_RETURN(Bound right, Bind(e.children[1], schema));
  CompareOp op = e.op;
  const bool left_lit = left.expr->kind == ExprKind::kLiteral;
  const bool right_lit = right.expr->kind == ExprKind::kLiteral;
  if (left_lit && !right_lit) {
    std::swap(left, right);
    op = FlipCompareOp(op);
  }
  for (const Bound* b : {&left, &right}) {
    if (!b->type->is_primitive()) {
      return Status::InvalidArgument("cannot compare " + Describe(*b->expr) + " of type " +
                                     b->type->ToString() + " (only primitive values compare)");
    }
  }
  if (right.expr->kind == ExprKind::kLiteral && left.type->kind() != TypeKind::kVoid) {
    DELTA_ASSIGN_OR_RETURN(Literal lit,
                           CoerceLiteral(right.expr->value, left.type, Describe(*left.expr)));
    right = Bound{MakeLiteral(lit), lit.type()};
  } else if (!TypesCompare(*left.type, *right.type)) {
    return Status::InvalidArgument("cannot compare " + Describe(*left.expr) + " of type " +
                                   left.type->ToString() + " with " + Describe(*right.expr) +
                                   " of type " + right.type->ToString());
  }
  return Bound{MakeNode(ExprKind::kComparison, {left.expr, right.expr}, op), BooleanType()};
}

Result<Bound> Bind(const ExprPtr& ptr, const StructType& schema) {
  if (!ptr) return Status::InvalidArgument("null expression");
  const Expression& e = *ptr;
  switch (e.kind) {
    case ExprKind::kColumn:
      return ResolveColumn(e, schema);
    case ExprKind::kLiteral:
      return Bound{ptr, e.value.type()};
    case ExprKind::kComparison:
      return BindComparison(e, schema);
    case ExprKind::kArithmetic:
      return BindArithmetic(e, schema);
    case ExprKind::kNegate:
      return BindNegate(e, schema);
    case ExprKind::kCoalesce:
      return BindCoalesce(e, schema);
    case ExprKind::kAnd:
    case ExprKind::kOr:
    case ExprKind::kNot: {
      const char* name =
          e.kind == ExprKind::kAnd ? "AND" : (e.kind == ExprKind::kOr ? "OR" : "NOT");
      if (e.kind == ExprKind::kNot ? e.children.size() != 1 : e.children.empty()) {
        return Status::InvalidArgument(std::string(name) + " has the wrong number of operands");
      }
      std::vector<ExprPtr> children;
      for (const ExprPtr& c : e.children) {
        DELTA_ASSIGN_OR_RETURN(Bound b, Bind(c, schema));
        DELTA_RETURN_NOT_OK(RequireBoolean(b, name));
        children.push_back(AsBoolean(b));
      }
      return Bound{MakeNode(e.kind, std::move(children)), BooleanType()};
    }
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull: {
      if (e.children.size() != 1) return Status::InvalidArgument("IS NULL needs one operand");
      DELTA_ASSIGN_OR_RETURN(Bound b, Bind(e.children[0], schema));
      return Bound{MakeNode(e.kind, {b.expr}), BooleanType()};
    }
    case ExprKind::kIn: {
      if (e.children.empty()) return Status::InvalidArgument("IN needs a value");
      DELTA_ASSIGN_OR_RETURN(Bound value, Bind(e.children[0], schema));
      if (!value.type->is_primitive()) {
        return Status::InvalidArgument("cannot use IN on " + Describe(*value.expr) + " of type " +
                                       value.type->ToString());
      }
      std::vector<ExprPtr> children{value.expr};
      for (size_t i = 1; i < e.children.size(); ++i) {
        const ExprPtr& item = e.children[i];
        if (!item || item->kind != ExprKind::kLiteral) {
          return Status::InvalidArgument("the IN list of " + Describe(*value.expr) +
                                         " may hold only literals, found " +
                                         (item ? item->ToString() : std::string("null")));
        }
        if (value.type->kind() == TypeKind::kVoid) {
          children.push_back(item);
          continue;
        }
        DELTA_ASSIGN_OR_RETURN(Literal lit,
                               CoerceLiteral(item->value, value.type, Describe(*value.expr)));
        children.push_back(MakeLiteral(std::move(lit)));
      }
      return Bound{MakeNode(ExprKind::kIn, std::move(children)), BooleanType()};
    }
  }
  return Status::InvalidArgument("unknown expression kind");
}

}  // namespace

Result<ExprPtr> BindExpression(const ExprPtr& expr, const StructType& schema) {
  DELTA_ASSIGN_OR_RETURN(Bound b, Bind(expr, schema));
  if (b.type->kind() != TypeKind::kBoolean && b.type->kind() != TypeKind::kVoid) {
    return Status::InvalidArgument("the predicate " + b.expr->ToString() +
                                   " is not a boolean expression (it is " + b.type->ToString() +
                                   ")");
  }
  return AsBoolean(b);
}

Result<ExprPtr> BindValueExpression(const ExprPtr& expr, const StructType& schema,
                                    DataTypePtr* type) {
  DELTA_ASSIGN_OR_RETURN(Bound b, Bind(expr, schema));
  if (type) *type = b.type;
  return b.expr;
}

}  // namespace delta
