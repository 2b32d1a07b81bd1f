// Bridges from the kernel's scan description to Arrow C++: schemas, literals as scalars, bound
// predicates as arrow::compute expressions with SQL semantics, and array reshaping.
#pragma once

#include <memory>

#include <arrow/array.h>
#include <arrow/compute/expression.h>
#include <arrow/scalar.h>
#include <arrow/type.h>

#include "delta/arrow_handles.h"
#include "delta/expression.h"
#include "delta/literal.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta::engine {

/// Registers Arrow's compute kernels once per process (Arrow >= 21 keeps them in
/// libarrow_compute, which must be initialised before use).
Status InitializeCompute();

/// Imports an exported Arrow C schema (consuming it).
Result<std::shared_ptr<arrow::Schema>> ImportArrowSchema(ArrowSchemaHandle handle);

/// The Arrow type of a Delta type (as the scan's schemas spell it).
Result<std::shared_ptr<arrow::DataType>> ArrowTypeOf(const DataType& type);

/// A literal as an Arrow scalar of the matching type; nulls are typed nulls.
Result<std::shared_ptr<arrow::Scalar>> LiteralToScalar(const Literal& literal);

/// A bound predicate (BindExpression) as an arrow::compute expression over a batch whose
/// columns carry the logical names, with SQL semantics: three-valued logic, NULL from any
/// comparison with NULL, IN as SQL's, and Spark's float order (NaN = NaN, NaN above all).
Result<arrow::compute::Expression> ToArrowExpression(const Expression& bound);

/// A bound value expression (column, literal, arithmetic, COALESCE, or a predicate) in Arrow
/// form, and its Delta type (void for an untyped NULL).
struct ArrowValueExpression {
  arrow::compute::Expression expr;
  DataTypePtr type;
};

/// A bound expression of any type as an arrow::compute expression (see ToArrowExpression;
/// arithmetic as BindExpression documents: integer overflow wraps, a zero divisor is NULL).
Result<ArrowValueExpression> ToArrowValueExpression(const Expression& bound);

/// `data` with its type (and its children's, recursively) replaced by `type`, which must have
/// the same shape: renames physical fields to logical ones without touching buffers.
std::shared_ptr<arrow::ArrayData> RelabelArray(const std::shared_ptr<arrow::ArrayData>& data,
                                               const std::shared_ptr<arrow::DataType>& type);

/// `array` narrowed to `type`: struct levels keep only the fields `type` names (by name);
/// other types are returned as they are.
std::shared_ptr<arrow::Array> ProjectArray(const std::shared_ptr<arrow::Array>& array,
                                           const std::shared_ptr<arrow::DataType>& type);

}  // namespace delta::engine
