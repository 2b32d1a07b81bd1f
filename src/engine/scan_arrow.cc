#include "engine/scan_arrow.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <arrow/array/util.h>
#include <arrow/builder.h>
#include <arrow/c/bridge.h>
#include <arrow/compute/api_scalar.h>
#include <arrow/compute/cast.h>
#include <arrow/compute/initialize.h>
#include <arrow/util/decimal.h>

#include "engine/arrow_status.h"
#include "scan/scan_arrow_schema.h"

namespace delta::engine {

namespace cp = arrow::compute;

namespace {

bool IsFloating(const DataTypePtr& t) {
  return t && (t->kind() == TypeKind::kFloat || t->kind() == TypeKind::kDouble);
}

bool IsVoid(const DataTypePtr& t) { return t == nullptr || t->kind() == TypeKind::kVoid; }

cp::Expression NullBool() { return cp::literal(arrow::MakeNullScalar(arrow::boolean())); }

// An operand and its Delta type (literal or column).
struct Operand {
  cp::Expression expr;
  DataTypePtr type;
};

Result<Operand> ConvertValue(const Expression& e);

Result<Operand> ConvertOperand(const Expression& e) {
  if (e.kind == ExprKind::kArithmetic || e.kind == ExprKind::kNegate ||
      e.kind == ExprKind::kCoalesce) {
    return ConvertValue(e);
  }
  if (e.kind == ExprKind::kColumn) {
    if (e.path.empty()) return Status::InvalidArgument("empty column reference");
    std::vector<arrow::FieldRef> refs;
    for (const std::string& p : e.path) refs.emplace_back(p);
    arrow::FieldRef ref = refs.size() == 1 ? refs[0] : arrow::FieldRef(std::move(refs));
    return Operand{cp::field_ref(std::move(ref)), e.type};
  }
  if (e.kind == ExprKind::kLiteral) {
    DELTA_ASSIGN_OR_RETURN(auto scalar, LiteralToScalar(e.value));
    return Operand{cp::literal(std::move(scalar)), e.value.type()};
  }
  DELTA_ASSIGN_OR_RETURN(cp::Expression pred, ToArrowExpression(e));
  return Operand{std::move(pred), PrimitiveType::Make(TypeKind::kBoolean)};
}

cp::Expression CastTo(cp::Expression e, std::shared_ptr<arrow::DataType> type) {
  return cp::call("cast", {std::move(e)}, cp::CastOptions::Safe(std::move(type)));
}

// `o` as a value of Delta type `type` (a no-op when it already is one).
Result<cp::Expression> AsType(const Operand& o, const DataTypePtr& type) {
  DELTA_ASSIGN_OR_RETURN(auto arrow_type, ArrowTypeOf(*type));
  if (IsVoid(o.type)) return cp::literal(arrow::MakeNullScalar(arrow_type));
  if (o.type->Equals(*type)) return o.expr;
  if (type->kind() == TypeKind::kFloat || type->kind() == TypeKind::kDouble) {
    // Numbers become floating point with rounding, as in Spark (a long beyond 2^53 too).
    cp::CastOptions options = cp::CastOptions::Safe(std::move(arrow_type));
    options.allow_float_truncate = true;
    return cp::call("cast", {o.expr}, std::move(options));
  }
  return CastTo(o.expr, std::move(arrow_type));
}

Result<cp::Expression> TypedZero(const std::shared_ptr<arrow::DataType>& type, int64_t v) {
  auto scalar = arrow::MakeScalar(arrow::int64(), v);
  if (!scalar.ok()) return DataStatus(scalar.status(), "arithmetic");
  auto cast = (*scalar)->CastTo(type);
  if (!cast.ok()) return DataStatus(cast.status(), "arithmetic");
  return cp::literal(*cast);
}

// An exact type's decimal precision and scale (an integral counts as decimal(3|5|10|20, 0)).
std::pair<int, int> DecimalShape(const DataType& t) {
  if (t.kind() == TypeKind::kDecimal) {
    const auto& d = static_cast<const DecimalType&>(t);
    return {d.precision(), d.scale()};
  }
  return {t.kind() == TypeKind::kByte      ? 3
          : t.kind() == TypeKind::kShort   ? 5
          : t.kind() == TypeKind::kInteger ? 10
                                           : 20,
          0};
}

// Arithmetic with Spark's non-ANSI semantics. Operands are first cast to the bound result
// type (decimals: Arrow's decimal kernels, then a cast to Spark's result type). Arrow's
// unchecked kernels wrap on integer overflow, as Spark does; a zero divisor gives NULL.
Result<Operand> ConvertArithmetic(const Expression& e) {
  if (e.children.size() != 2 || !e.type) return Status::InvalidArgument("unbound arithmetic");
  DELTA_ASSIGN_OR_RETURN(Operand a, ConvertOperand(*e.children[0]));
  DELTA_ASSIGN_OR_RETURN(Operand b, ConvertOperand(*e.children[1]));
  DELTA_ASSIGN_OR_RETURN(auto result_type, ArrowTypeOf(*e.type));
  if (IsVoid(a.type) || IsVoid(b.type)) {
    return Operand{cp::literal(arrow::MakeNullScalar(result_type)), e.type};
  }
  const bool decimal = e.type->kind() == TypeKind::kDecimal;
  cp::Expression x;
  cp::Expression y;
  if (decimal) {
    // Exact operands as decimals; Arrow derives its own decimal result type.
    auto as_decimal = [](const Operand& o) -> Result<cp::Expression> {
      if (o.type->kind() == TypeKind::kDecimal) return o.expr;
      return CastTo(o.expr, arrow::decimal128(DecimalShape(*o.type).first, 0));
    };
    DELTA_ASSIGN_OR_RETURN(x, as_decimal(a));
    DELTA_ASSIGN_OR_RETURN(y, as_decimal(b));
  } else {
    DELTA_ASSIGN_OR_RETURN(x, AsType(a, e.type));
    DELTA_ASSIGN_OR_RETURN(y, AsType(b, e.type));
  }
  const auto null_result = cp::literal(arrow::MakeNullScalar(result_type));
  std::shared_ptr<arrow::DataType> divisor_type =
      decimal ? nullptr : result_type;  // decimals compare with an int64 zero
  DELTA_ASSIGN_OR_RETURN(cp::Expression zero,
                         TypedZero(divisor_type ? divisor_type : arrow::int64(), 0));
  cp::Expression out;
  switch (e.arith_op) {
    case ArithmeticOp::kAdd:
      out = cp::call("add", {x, y});
      break;
    case ArithmeticOp::kSubtract:
      out = cp::call("subtract", {x, y});
      break;
    case ArithmeticOp::kMultiply:
      out = cp::call("multiply", {x, y});
      break;
    case ArithmeticOp::kDivide:
    case ArithmeticOp::kRemainder: {
      const bool integral =
          !decimal && e.type->kind() != TypeKind::kFloat && e.type->kind() != TypeKind::kDouble;
      cp::Expression is_zero =
          decimal ? cp::equal(CastTo(y, arrow::float64()), cp::literal(0.0)) : cp::equal(y, zero);
      // A safe divisor where the result is NULL anyway; for integers 1 also in place of -1
      // (x % -1 is 0 either way, and MIN / -1 would overflow).
      cp::Expression safe_y = y;
      if (integral) {
        DELTA_ASSIGN_OR_RETURN(cp::Expression one, TypedZero(result_type, 1));
        DELTA_ASSIGN_OR_RETURN(cp::Expression minus_one, TypedZero(result_type, -1));
        safe_y = cp::call("if_else", {cp::or_(is_zero, cp::equal(y, minus_one)), one, y});
      } else if (!decimal) {
        DELTA_ASSIGN_OR_RETURN(cp::Expression one, TypedZero(result_type, 1));
        safe_y = cp::call("if_else", {is_zero, one, y});
      } else {
        // The smallest unit of the divisor's type is always representable (and never zero).
        auto [p2, s2] = DecimalShape(*b.type);
        auto unit = std::make_shared<arrow::Decimal128Scalar>(arrow::Decimal128(1),
                                                              arrow::decimal128(p2, s2));
        safe_y = cp::call("if_else", {is_zero, cp::literal(std::move(unit)), y});
      }
      y = safe_y;
      if (e.arith_op == ArithmeticOp::kDivide) {
        if (decimal) {
          // Arrow's quotient has scale max(4, s1 + p2 - s2 + 1); the dividend is rescaled so
          // that this is Spark's scale max(6, s1 + p2 + 1) (then the precisions agree too).
          const auto& rt = static_cast<const DecimalType&>(*e.type);
          auto [p1, s1] = DecimalShape(*a.type);
          auto [p2, s2] = DecimalShape(*b.type);
          int scale = std::max(s1, rt.scale() - p2 + s2 - 1);
          int precision = p1 - s1 + scale;
          if (precision > DecimalType::kMaxPrecision) {
            return Status::Unsupported("decimal division " + e.ToString() +
                                       " needs more than 38 digits; cast an operand to DOUBLE");
          }
          if (scale != s1) x = CastTo(x, arrow::decimal128(precision, scale));
        }
        out = cp::call("divide", {x, safe_y});
      } else if (integral) {
        // x % y = x - (x / y) * y with truncating division: the sign of the dividend.
        out = cp::call("subtract",
                       {x, cp::call("multiply", {cp::call("divide", {x, safe_y}), safe_y})});
      } else if (!decimal) {
        // As Java's %: x - trunc(x / y) * y.
        out = cp::call(
            "subtract",
            {x,
             cp::call("multiply", {cp::call("trunc", {cp::call("divide", {x, safe_y})}), safe_y})});
      } else {
        return Status::Unsupported("decimal % is not supported; cast an operand to DOUBLE");
      }
      if (decimal) {
        out = cp::call("if_else", {is_zero, null_result, CastTo(out, result_type)});
        return Operand{std::move(out), e.type};
      }
      out = cp::call("if_else", {is_zero, null_result, out});
      break;
    }
  }
  if (decimal) out = CastTo(std::move(out), result_type);
  return Operand{std::move(out), e.type};
}

Result<Operand> ConvertValue(const Expression& e) {
  switch (e.kind) {
    case ExprKind::kArithmetic:
      return ConvertArithmetic(e);
    case ExprKind::kNegate: {
      if (e.children.size() != 1 || !e.type) return Status::InvalidArgument("unbound negation");
      DELTA_ASSIGN_OR_RETURN(Operand a, ConvertOperand(*e.children[0]));
      DELTA_ASSIGN_OR_RETURN(cp::Expression x, AsType(a, e.type));
      return Operand{cp::call("negate", {x}), e.type};
    }
    case ExprKind::kCoalesce: {
      if (!e.type) return Status::InvalidArgument("unbound COALESCE");
      DELTA_ASSIGN_OR_RETURN(auto type, ArrowTypeOf(*e.type));
      if (IsVoid(e.type)) return Operand{cp::literal(arrow::MakeNullScalar(arrow::null())), e.type};
      std::vector<cp::Expression> args;
      for (const ExprPtr& c : e.children) {
        DELTA_ASSIGN_OR_RETURN(Operand o, ConvertOperand(*c));
        DELTA_ASSIGN_OR_RETURN(cp::Expression x, AsType(o, e.type));
        args.push_back(std::move(x));
      }
      return Operand{cp::call("coalesce", std::move(args)), e.type};
    }
    default:
      return ConvertOperand(e);
  }
}

// Spark's float comparison: NaN equals NaN and sorts above every other value; NULL when
// either side is NULL.
cp::Expression FloatCompare(CompareOp op, const cp::Expression& a, const cp::Expression& b) {
  const auto eq = [](const cp::Expression& x, const cp::Expression& y) {
    return cp::or_(cp::equal(x, y), cp::and_(cp::call("is_nan", {x}), cp::call("is_nan", {y})));
  };
  // x < y: x is not NaN and (x < y or y is NaN).
  const auto lt = [](const cp::Expression& x, const cp::Expression& y) {
    return cp::and_(cp::not_(cp::call("is_nan", {x})),
                    cp::or_(cp::less(x, y), cp::call("is_nan", {y})));
  };
  cp::Expression core;
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNullSafeEq:
      core = eq(a, b);
      break;
    case CompareOp::kNe:
      core = cp::not_(eq(a, b));
      break;
    case CompareOp::kLt:
      core = lt(a, b);
      break;
    case CompareOp::kLe:
      core = cp::or_(lt(a, b), eq(a, b));
      break;
    case CompareOp::kGt:
      core = lt(b, a);
      break;
    case CompareOp::kGe:
      core = cp::or_(lt(b, a), eq(a, b));
      break;
  }
  // The pieces above are only meaningful on rows where both sides are present.
  return cp::call("if_else", {cp::and_(cp::is_valid(a), cp::is_valid(b)), core, NullBool()});
}

cp::Expression PlainCompare(CompareOp op, const cp::Expression& a, const cp::Expression& b) {
  switch (op) {
    case CompareOp::kEq:
    case CompareOp::kNullSafeEq:
      return cp::equal(a, b);
    case CompareOp::kNe:
      return cp::not_equal(a, b);
    case CompareOp::kLt:
      return cp::less(a, b);
    case CompareOp::kLe:
      return cp::less_equal(a, b);
    case CompareOp::kGt:
      return cp::greater(a, b);
    case CompareOp::kGe:
      return cp::greater_equal(a, b);
  }
  return cp::equal(a, b);
}

Result<cp::Expression> Compare(CompareOp op, Operand a, Operand b) {
  if (IsVoid(a.type) || IsVoid(b.type)) {
    // A comparison with an untyped NULL is NULL; NULL <=> x is x IS NULL.
    if (op != CompareOp::kNullSafeEq) return NullBool();
    if (IsVoid(a.type) && IsVoid(b.type)) return cp::literal(true);
    return cp::is_null(IsVoid(a.type) ? b.expr : a.expr);
  }
  cp::Expression core;
  if (IsFloating(a.type) || IsFloating(b.type)) {
    if (!IsFloating(a.type) || !IsFloating(b.type) || a.type->kind() != b.type->kind()) {
      a.expr = CastTo(a.expr, arrow::float64());
      b.expr = CastTo(b.expr, arrow::float64());
    }
    if (op != CompareOp::kNullSafeEq) return FloatCompare(op, a.expr, b.expr);
    core = FloatCompare(CompareOp::kEq, a.expr, b.expr);
  } else {
    if (op != CompareOp::kNullSafeEq) return PlainCompare(op, a.expr, b.expr);
    core = cp::equal(a.expr, b.expr);
  }
  // a <=> b: both NULL, or both present and equal; never NULL.
  return cp::or_(cp::and_(cp::is_null(a.expr), cp::is_null(b.expr)),
                 cp::and_(cp::and_(cp::is_valid(a.expr), cp::is_valid(b.expr)), core));
}

Result<cp::Expression> ConvertIn(const Expression& e) {
  DELTA_ASSIGN_OR_RETURN(Operand value, ConvertOperand(*e.children[0]));
  if (IsVoid(value.type)) return NullBool();
  bool any_null = false;
  std::vector<const Literal*> items;
  for (size_t i = 1; i < e.children.size(); ++i) {
    const Literal& lit = e.children[i]->value;
    if (lit.is_null()) {
      any_null = true;
    } else {
      items.push_back(&lit);
    }
  }
  if (IsFloating(value.type)) {
    // Spark's NaN semantics: an OR of equalities.
    std::vector<cp::Expression> ors;
    for (const Literal* lit : items) {
      DELTA_ASSIGN_OR_RETURN(auto scalar, LiteralToScalar(*lit));
      DELTA_ASSIGN_OR_RETURN(
          cp::Expression eq,
          Compare(CompareOp::kEq, value, Operand{cp::literal(std::move(scalar)), lit->type()}));
      ors.push_back(std::move(eq));
    }
    if (any_null) ors.push_back(NullBool());
    if (ors.empty()) {
      return cp::call("if_else", {cp::is_valid(value.expr), cp::literal(false), NullBool()});
    }
    return ors.size() == 1 ? ors[0] : cp::or_(ors);
  }
  DELTA_ASSIGN_OR_RETURN(auto type, ArrowTypeOf(*value.type));
  auto made = arrow::MakeBuilder(type);
  if (!made.ok()) return DataStatus(made.status(), "IN list");
  std::unique_ptr<arrow::ArrayBuilder> builder = std::move(made).ValueUnsafe();
  arrow::Status st;
  for (const Literal* lit : items) {
    DELTA_ASSIGN_OR_RETURN(auto scalar, LiteralToScalar(*lit));
    if (!scalar->type->Equals(*type)) {
      auto cast = scalar->CastTo(type);
      if (!cast.ok()) return DataStatus(cast.status(), "IN list value " + lit->ToString());
      scalar = *cast;
    }
    st = builder->AppendScalar(*scalar);
    if (!st.ok()) return DataStatus(st, "IN list");
  }
  if (any_null) {
    st = builder->AppendNull();
    if (!st.ok()) return DataStatus(st, "IN list");
  }
  std::shared_ptr<arrow::Array> set;
  st = builder->Finish(&set);
  if (!st.ok()) return DataStatus(st, "IN list");
  // INCONCLUSIVE is SQL's IN: NULL input -> NULL; no match with a NULL in the list -> NULL.
  return cp::call("is_in", {value.expr},
                  cp::SetLookupOptions(set, cp::SetLookupOptions::INCONCLUSIVE));
}

std::shared_ptr<arrow::ArrayData> ProjectData(const std::shared_ptr<arrow::ArrayData>& data,
                                              const std::shared_ptr<arrow::DataType>& type) {
  if (type->id() != arrow::Type::STRUCT || data->type->id() != arrow::Type::STRUCT ||
      data->type->Equals(*type)) {
    return data;
  }
  const auto& source = static_cast<const arrow::StructType&>(*data->type);
  std::vector<std::shared_ptr<arrow::ArrayData>> children;
  for (const auto& wanted : type->fields()) {
    int i = source.GetFieldIndex(wanted->name());
    children.push_back(ProjectData(data->child_data[static_cast<size_t>(i)], wanted->type()));
  }
  auto out = arrow::ArrayData::Make(type, data->length, {data->buffers[0]}, data->null_count.load(),
                                    data->offset);
  out->child_data = std::move(children);
  return out;
}

}  // namespace

Status InitializeCompute() {
  static std::once_flag once;
  static arrow::Status status;
  std::call_once(once, [] { status = cp::Initialize(); });
  if (!status.ok()) return Status::Internal("initialising Arrow compute: " + status.ToString());
  return Status::OK();
}

Result<std::shared_ptr<arrow::Schema>> ImportArrowSchema(ArrowSchemaHandle handle) {
  auto imported = arrow::ImportSchema(handle.get());
  if (!imported.ok())
    return Status::Internal("importing a scan schema: " + imported.status().ToString());
  return std::move(imported).ValueUnsafe();
}

Result<std::shared_ptr<arrow::DataType>> ArrowTypeOf(const DataType& type) {
  StructField f{"x", std::shared_ptr<const DataType>(&type, [](const DataType*) {}), true, {}};
  DELTA_ASSIGN_OR_RETURN(ArrowField af, ToArrowField(f, false));
  ArrowSchemaHandle handle = af.Export();
  auto imported = arrow::ImportType(handle.get());
  if (!imported.ok()) {
    return Status::Internal("Arrow type of " + type.ToString() + ": " +
                            imported.status().ToString());
  }
  return std::move(imported).ValueUnsafe();
}

Result<std::shared_ptr<arrow::Scalar>> LiteralToScalar(const Literal& literal) {
  DELTA_ASSIGN_OR_RETURN(auto type, ArrowTypeOf(*literal.type()));
  if (literal.is_null()) return arrow::MakeNullScalar(type);
  std::shared_ptr<arrow::Scalar> out;
  switch (literal.kind()) {
    case TypeKind::kBoolean:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::BooleanScalar>(literal.boolean_value()));
    case TypeKind::kByte:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::Int8Scalar>(static_cast<int8_t>(literal.int_value())));
    case TypeKind::kShort:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::Int16Scalar>(static_cast<int16_t>(literal.int_value())));
    case TypeKind::kInteger:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::Int32Scalar>(static_cast<int32_t>(literal.int_value())));
    case TypeKind::kLong:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::Int64Scalar>(literal.int_value()));
    case TypeKind::kFloat:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::FloatScalar>(static_cast<float>(literal.floating_value())));
    case TypeKind::kDouble:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::DoubleScalar>(literal.floating_value()));
    case TypeKind::kString:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::StringScalar>(literal.string_value()));
    case TypeKind::kBinary:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::BinaryScalar>(literal.string_value()));
    case TypeKind::kDate:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::Date32Scalar>(static_cast<int32_t>(literal.int_value())));
    case TypeKind::kTimestamp:
    case TypeKind::kTimestampNtz:
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::TimestampScalar>(literal.int_value(), type));
    case TypeKind::kDecimal: {
      const Decimal128& d = literal.decimal_value();
      return std::shared_ptr<arrow::Scalar>(
          std::make_shared<arrow::Decimal128Scalar>(arrow::Decimal128(d.high, d.low), type));
    }
    default:
      break;
  }
  return Status::Unsupported("a literal of type " + literal.type()->ToString() +
                             " has no Arrow scalar form");
}

Result<ArrowValueExpression> ToArrowValueExpression(const Expression& bound) {
  DELTA_ASSIGN_OR_RETURN(Operand o, ConvertOperand(bound));
  return ArrowValueExpression{std::move(o.expr), std::move(o.type)};
}

Result<cp::Expression> ToArrowExpression(const Expression& e) {
  switch (e.kind) {
    case ExprKind::kColumn:
    case ExprKind::kLiteral:
    case ExprKind::kArithmetic:
    case ExprKind::kNegate:
    case ExprKind::kCoalesce: {
      DELTA_ASSIGN_OR_RETURN(Operand o, ConvertOperand(e));
      if (IsVoid(o.type)) return NullBool();
      if (o.type->kind() != TypeKind::kBoolean) {
        return Status::InvalidArgument("predicate " + e.ToString() + " is not boolean");
      }
      return o.expr;
    }
    case ExprKind::kComparison: {
      if (e.children.size() != 2) return Status::InvalidArgument("malformed comparison");
      DELTA_ASSIGN_OR_RETURN(Operand a, ConvertOperand(*e.children[0]));
      DELTA_ASSIGN_OR_RETURN(Operand b, ConvertOperand(*e.children[1]));
      return Compare(e.op, std::move(a), std::move(b));
    }
    case ExprKind::kAnd:
    case ExprKind::kOr: {
      std::vector<cp::Expression> parts;
      for (const ExprPtr& c : e.children) {
        DELTA_ASSIGN_OR_RETURN(cp::Expression p, ToArrowExpression(*c));
        parts.push_back(std::move(p));
      }
      if (parts.empty()) return cp::literal(e.kind == ExprKind::kAnd);
      if (parts.size() == 1) return parts[0];
      return e.kind == ExprKind::kAnd ? cp::and_(parts) : cp::or_(parts);
    }
    case ExprKind::kNot: {
      DELTA_ASSIGN_OR_RETURN(cp::Expression p, ToArrowExpression(*e.children.at(0)));
      return cp::not_(std::move(p));
    }
    case ExprKind::kIsNull:
    case ExprKind::kIsNotNull: {
      DELTA_ASSIGN_OR_RETURN(Operand o, ConvertOperand(*e.children.at(0)));
      bool is_null = e.kind == ExprKind::kIsNull;
      if (IsVoid(o.type)) return cp::literal(is_null);
      return is_null ? cp::is_null(o.expr) : cp::is_valid(o.expr);
    }
    case ExprKind::kIn:
      return ConvertIn(e);
  }
  return Status::InvalidArgument("unknown expression kind in " + e.ToString());
}

std::shared_ptr<arrow::ArrayData> RelabelArray(const std::shared_ptr<arrow::ArrayData>& data,
                                               const std::shared_ptr<arrow::DataType>& type) {
  if (data->type->Equals(*type, /*check_metadata=*/true)) return data;
  auto out = data->Copy();
  out->type = type;
  for (size_t i = 0; i < out->child_data.size() && static_cast<int>(i) < type->num_fields(); ++i) {
    out->child_data[i] = RelabelArray(out->child_data[i], type->field(static_cast<int>(i))->type());
  }
  return out;
}

std::shared_ptr<arrow::Array> ProjectArray(const std::shared_ptr<arrow::Array>& array,
                                           const std::shared_ptr<arrow::DataType>& type) {
  if (array->type()->Equals(*type)) return array;
  return arrow::MakeArray(ProjectData(array->data(), type));
}

}  // namespace delta::engine
