#include "engine/constraint_check.h"

#include <algorithm>
#include <string>
#include <utility>

#include <arrow/array.h>
#include <arrow/compute/exec.h>
#include <arrow/scalar.h>

#include "engine/scan_arrow.h"

namespace delta::engine {
namespace cp = arrow::compute;

namespace {

void CollectColumns(const Expression& e, std::vector<std::vector<std::string>>& out) {
  if (e.kind == ExprKind::kColumn) {
    if (std::find(out.begin(), out.end(), e.path) == out.end()) out.push_back(e.path);
    return;
  }
  for (const ExprPtr& c : e.children) CollectColumns(*c, out);
}

std::string Dotted(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) out += (out.empty() ? "" : ".") + p;
  return out;
}

// The text of `path`'s value in row `row` of `batch`: "null" when it or an enclosing struct is
// null.
std::string ValueText(const arrow::RecordBatch& batch, const std::vector<std::string>& path,
                      int64_t row) {
  std::shared_ptr<arrow::Array> arr = batch.GetColumnByName(path.at(0));
  for (size_t i = 1; arr != nullptr && i < path.size(); ++i) {
    if (arr->type_id() != arrow::Type::STRUCT || arr->IsNull(row)) return "null";
    arr = static_cast<const arrow::StructArray&>(*arr).GetFieldByName(path[i]);
  }
  if (arr == nullptr || arr->IsNull(row)) return "null";
  auto scalar = arr->GetScalar(row);
  return scalar.ok() ? (*scalar)->ToString() : "?";
}

Status Violation(const WriteConstraint& c, const std::vector<std::vector<std::string>>& columns,
                 const arrow::RecordBatch& batch, int64_t row) {
  std::string msg = "CHECK constraint " + c.name + " (" + c.sql + ") violated by row with values:";
  for (const auto& path : columns) {
    msg += "\n - " + Dotted(path) + " : " + ValueText(batch, path, row);
  }
  return Status::InvalidArgument(std::move(msg));
}

}  // namespace

Result<ConstraintChecker> ConstraintChecker::Make(const std::vector<WriteConstraint>& constraints) {
  ConstraintChecker checker;
  if (!constraints.empty()) DELTA_RETURN_NOT_OK(InitializeCompute());
  for (const WriteConstraint& c : constraints) {
    if (c.predicate == nullptr || !c.predicate->IsBound()) {
      return Status::InvalidArgument("constraint " + c.name + " (" + c.sql +
                                     ") has no bound predicate");
    }
    Entry entry{&c, {}, {}};
    Result<cp::Expression> translated = ToArrowExpression(*c.predicate);
    if (!translated.ok()) {
      return Status::InvalidArgument("constraint " + c.name + " (" + c.sql +
                                     ") cannot be evaluated: " + translated.status().message());
    }
    entry.predicate = std::move(*translated);
    CollectColumns(*c.predicate, entry.columns);
    checker.entries_.push_back(std::move(entry));
  }
  return checker;
}

const WriteConstraint* ConstraintChecker::GeneratedColumn(std::string_view name) const {
  for (const Entry& e : entries_) {
    const WriteConstraint& c = *e.constraint;
    if (c.kind == WriteConstraint::Kind::kGeneratedColumn && c.column.size() == 1 &&
        c.column[0] == name) {
      return &c;
    }
  }
  return nullptr;
}

Status ConstraintChecker::Check(const arrow::RecordBatch& batch) const {
  const int64_t rows = batch.num_rows();
  if (rows == 0 || entries_.empty()) return Status::OK();
  cp::ExecBatch exec(batch);
  for (const Entry& e : entries_) {
    const WriteConstraint& c = *e.constraint;
    auto bound = e.predicate.Bind(*batch.schema());
    if (!bound.ok()) {
      return Status::InvalidArgument(
          "CHECK constraint " + c.name + " (" + c.sql +
          ") cannot be evaluated on the data: " + bound.status().message());
    }
    auto result = cp::ExecuteScalarExpression(*bound, exec);
    if (!result.ok()) {
      return Status::InvalidArgument(
          "CHECK constraint " + c.name + " (" + c.sql +
          ") cannot be evaluated on the data: " + result.status().message());
    }
    const arrow::Datum& datum = *result;
    if (datum.is_scalar()) {
      const auto& s = static_cast<const arrow::BooleanScalar&>(*datum.scalar());
      if (!s.is_valid || !s.value) return Violation(c, e.columns, batch, 0);
      continue;
    }
    const std::shared_ptr<arrow::Array> array = datum.make_array();
    const auto& values = static_cast<const arrow::BooleanArray&>(*array);
    if (values.null_count() == 0 && values.true_count() == rows) continue;
    // NULL counts as a violation, as in Delta Spark.
    for (int64_t i = 0; i < rows; ++i) {
      if (values.IsNull(i) || !values.Value(i)) return Violation(c, e.columns, batch, i);
    }
  }
  return Status::OK();
}

}  // namespace delta::engine
