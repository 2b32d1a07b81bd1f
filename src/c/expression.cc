// Expression builders and the predicate parser of the C ABI.
#include <string>
#include <vector>

#include "c_api_internal.h"

using delta::ExprPtr;
using delta::Literal;
using delta::Result;
using delta::Status;

namespace {

// Builders report failure as NULL only; there is no error to hand back.
template <typename F>
delta_expr* Build(F&& f) noexcept {
  try {
    ExprPtr e = f();
    return e == nullptr ? nullptr : new delta_expr{std::move(e)};
  } catch (...) {
    return nullptr;
  }
}

ExprPtr Lit(Literal v) { return delta::expr::Lit(std::move(v)); }

// The operand expressions, or an empty vector with *ok = false when one is NULL.
std::vector<ExprPtr> Operands(const delta_expr* const* operands, size_t n, bool* ok) {
  std::vector<ExprPtr> out;
  *ok = n == 0 || operands != nullptr;
  if (!*ok) return out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    if (operands[i] == nullptr) {
      *ok = false;
      return {};
    }
    out.push_back(operands[i]->expr);
  }
  return out;
}

}  // namespace

extern "C" {

delta_expr* delta_expr_column(const char* dotted_path) {
  return Build([&]() -> ExprPtr {
    if (dotted_path == nullptr || *dotted_path == '\0') return nullptr;
    return delta::expr::Col(std::string_view(dotted_path));
  });
}

delta_expr* delta_expr_column_path(const char* const* names, size_t num_names) {
  return Build([&]() -> ExprPtr {
    if (names == nullptr || num_names == 0) return nullptr;
    std::vector<std::string> path;
    for (size_t i = 0; i < num_names; ++i) {
      if (names[i] == nullptr) return nullptr;
      path.emplace_back(names[i]);
    }
    return delta::expr::Col(std::move(path));
  });
}

delta_expr* delta_expr_bool(int value) {
  return Build([&] { return Lit(Literal::Boolean(value != 0)); });
}

delta_expr* delta_expr_int32(int32_t value) {
  return Build([&] { return Lit(Literal::Integer(value)); });
}

delta_expr* delta_expr_int64(int64_t value) {
  return Build([&] { return Lit(Literal::Long(value)); });
}

delta_expr* delta_expr_float(float value) {
  return Build([&] { return Lit(Literal::Float(value)); });
}

delta_expr* delta_expr_double(double value) {
  return Build([&] { return Lit(Literal::Double(value)); });
}

delta_expr* delta_expr_string(const char* value) {
  return Build([&]() -> ExprPtr {
    if (value == nullptr) return nullptr;
    return Lit(Literal::String(value));
  });
}

delta_expr* delta_expr_binary(const uint8_t* data, size_t size) {
  return Build([&]() -> ExprPtr {
    if (data == nullptr && size > 0) return nullptr;
    std::string bytes;
    if (size > 0) bytes.assign(reinterpret_cast<const char*>(data), size);
    return Lit(Literal::Binary(std::move(bytes)));
  });
}

delta_expr* delta_expr_date(int32_t days) {
  return Build([&] { return Lit(Literal::Date(days)); });
}

delta_expr* delta_expr_timestamp(int64_t micros) {
  return Build([&] { return Lit(Literal::Timestamp(micros)); });
}

delta_expr* delta_expr_timestamp_ntz(int64_t micros) {
  return Build([&] { return Lit(Literal::TimestampNtz(micros)); });
}

delta_expr* delta_expr_decimal(int64_t unscaled_high, uint64_t unscaled_low, int32_t precision,
                               int32_t scale) {
  return Build([&]() -> ExprPtr {
    Result<Literal> lit = Literal::Decimal({unscaled_high, unscaled_low}, precision, scale);
    if (!lit.ok()) return nullptr;
    return Lit(std::move(lit).value());
  });
}

delta_expr* delta_expr_null(void) {
  return Build([] { return delta::expr::Null(); });
}

delta_expr* delta_expr_compare(delta_compare_op op, const delta_expr* left,
                               const delta_expr* right) {
  return Build([&]() -> ExprPtr {
    if (left == nullptr || right == nullptr) return nullptr;
    if (op < DELTA_CMP_EQ || op > DELTA_CMP_NULL_SAFE_EQ) return nullptr;
    // delta_compare_op mirrors delta::CompareOp's order.
    return delta::expr::Compare(static_cast<delta::CompareOp>(op), left->expr, right->expr);
  });
}

delta_expr* delta_expr_and(const delta_expr* const* operands, size_t num_operands) {
  return Build([&]() -> ExprPtr {
    bool ok = false;
    std::vector<ExprPtr> ops = Operands(operands, num_operands, &ok);
    return ok ? delta::expr::And(std::move(ops)) : nullptr;
  });
}

delta_expr* delta_expr_or(const delta_expr* const* operands, size_t num_operands) {
  return Build([&]() -> ExprPtr {
    bool ok = false;
    std::vector<ExprPtr> ops = Operands(operands, num_operands, &ok);
    return ok ? delta::expr::Or(std::move(ops)) : nullptr;
  });
}

delta_expr* delta_expr_not(const delta_expr* operand) {
  return Build(
      [&]() -> ExprPtr { return operand == nullptr ? nullptr : delta::expr::Not(operand->expr); });
}

delta_expr* delta_expr_is_null(const delta_expr* operand) {
  return Build([&]() -> ExprPtr {
    return operand == nullptr ? nullptr : delta::expr::IsNull(operand->expr);
  });
}

delta_expr* delta_expr_is_not_null(const delta_expr* operand) {
  return Build([&]() -> ExprPtr {
    return operand == nullptr ? nullptr : delta::expr::IsNotNull(operand->expr);
  });
}

delta_expr* delta_expr_in(const delta_expr* value, const delta_expr* const* list,
                          size_t list_size) {
  return Build([&]() -> ExprPtr {
    if (value == nullptr) return nullptr;
    bool ok = false;
    std::vector<ExprPtr> items = Operands(list, list_size, &ok);
    return ok ? delta::expr::In(value->expr, std::move(items)) : nullptr;
  });
}

delta_expr* delta_expr_parse(const char* text, delta_error** error) {
  return delta::c_api::ReturnHandle<delta_expr>(error, [&]() -> Result<delta_expr*> {
    if (text == nullptr) return delta::c_api::NullArgument("delta_expr_parse", "text");
    DELTA_ASSIGN_OR_RETURN(ExprPtr e, delta::ParseExpression(text));
    return new delta_expr{std::move(e)};
  });
}

char* delta_expr_to_string(const delta_expr* expr) {
  if (expr == nullptr) return nullptr;
  return delta::c_api::ReturnValue<char*>(
      nullptr, [&] { return delta::c_api::CopyString(expr->expr->ToString()); });
}

void delta_expr_free(delta_expr* expr) { delete expr; }

}  // extern "C"
