#include "ops/row_update.h"

#include <chrono>
#include <utility>

#include <arrow/array/util.h>
#include <arrow/compute/cast.h>
#include <arrow/compute/exec.h>
#include <arrow/compute/expression.h>
#include <arrow/record_batch.h>

#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "engine/arrow_status.h"
#include "engine/scan_arrow.h"
#include "ops/row_rewrite.h"
#include "ops/row_tracking_columns.h"
#include "scan/expression_internal.h"
#include "util/printable.h"

namespace delta::ops {
namespace {

namespace cp = arrow::compute;

bool IsNumericKind(TypeKind k) {
  return k == TypeKind::kByte || k == TypeKind::kShort || k == TypeKind::kInteger ||
         k == TypeKind::kLong || k == TypeKind::kFloat || k == TypeKind::kDouble ||
         k == TypeKind::kDecimal;
}

bool IsTimestampKind(TypeKind k) {
  return k == TypeKind::kTimestamp || k == TypeKind::kTimestampNtz;
}

// Whether a value of type `from` may be stored in a column of type `to` (Spark's ANSI store
// assignment: numbers into numbers, anything into strings, dates into timestamps).
bool Storable(const DataType& from, const DataType& to) {
  if (from.kind() == TypeKind::kVoid || from.Equals(to)) return true;
  if (!from.is_primitive() || !to.is_primitive()) return false;
  if (IsNumericKind(from.kind()) && IsNumericKind(to.kind())) return true;
  if (to.kind() == TypeKind::kString) return true;
  if ((from.kind() == TypeKind::kDate || IsTimestampKind(from.kind())) &&
      IsTimestampKind(to.kind())) {
    return true;
  }
  return false;
}

// A SET clause resolved against the schema.
struct BoundAssignment {
  const StructField* field = nullptr;
  ExprPtr value;  // bound
};

Result<std::vector<BoundAssignment>> BindAssignments(const StructType& schema,
                                                     const std::vector<RowAssignment>& set) {
  if (set.empty()) return Status::InvalidArgument("UPDATE needs at least one SET column");
  std::vector<BoundAssignment> out;
  for (const auto& [name, value] : set) {
    const StructField* field = schema.field(name);
    if (field == nullptr) field = schema.FieldIgnoreCase(name);
    if (field == nullptr) {
      std::string columns;
      for (const StructField& f : schema.fields()) {
        if (!columns.empty()) columns += ", ";
        columns += f.name;
      }
      return Status::InvalidArgument("UPDATE SET: column " + Quoted(name) +
                                     " not found in the table schema (columns: " + columns +
                                     "); only top-level columns can be set");
    }
    for (const BoundAssignment& b : out) {
      if (b.field == field) {
        return Status::InvalidArgument("UPDATE SET: column " + Quoted(field->name) +
                                       " is set more than once");
      }
    }
    if (!value) return Status::InvalidArgument("UPDATE SET " + field->name + ": no expression");
    DataTypePtr type;
    Result<ExprPtr> bound = BindValueExpression(value, schema, &type);
    if (!bound.ok()) return bound.status().WithContext("UPDATE SET " + field->name);
    ExprPtr v = *bound;
    if (v->kind == ExprKind::kLiteral && !type->Equals(*field->type)) {
      // A literal is taken as the column's type where it can be ('2024-01-02' as a date).
      Result<Literal> lit = CoerceLiteral(v->value, field->type, "column " + field->name);
      if (lit.ok() && lit->type()->Equals(*field->type)) {
        v = MakeLiteral(*lit);
        type = field->type;
      }
    }
    if (!Storable(*type, *field->type)) {
      return Status::InvalidArgument("UPDATE SET " + field->name + " = " + value->ToString() +
                                     ": a value of type " + type->ToString() +
                                     " cannot be stored in column " + Quoted(field->name) +
                                     " of type " + field->type->ToString());
    }
    out.push_back(BoundAssignment{field, std::move(v)});
  }
  return out;
}

// `batch` (the table's logical columns) with the assigned columns replaced by their values.
Result<std::shared_ptr<arrow::RecordBatch>> Apply(
    const std::shared_ptr<arrow::RecordBatch>& batch,
    const std::vector<std::pair<int, cp::Expression>>& bound_values) {
  cp::ExecBatch exec(*batch);
  std::vector<std::shared_ptr<arrow::Array>> columns = batch->columns();
  for (const auto& [index, expr] : bound_values) {
    auto result = cp::ExecuteScalarExpression(expr, exec);
    if (!result.ok()) {
      return Status::InvalidArgument("UPDATE SET " + batch->schema()->field(index)->name() + ": " +
                                     result.status().message());
    }
    std::shared_ptr<arrow::Array> array;
    if (result->is_scalar()) {
      auto made = arrow::MakeArrayFromScalar(*result->scalar(), batch->num_rows());
      if (!made.ok()) return engine::DataStatus(made.status(), "updated values");
      array = *made;
    } else {
      array = result->make_array();
    }
    columns[static_cast<size_t>(index)] = std::move(array);
  }
  return arrow::RecordBatch::Make(batch->schema(), batch->num_rows(), std::move(columns));
}

Result<RowUpdateMetrics> Stage(Transaction& txn, const std::shared_ptr<const Snapshot>& snapshot,
                               const std::shared_ptr<Engine>& engine, const ExprPtr& predicate,
                               const std::vector<RowAssignment>& set,
                               const ParquetWriteOptions* file_options) {
  DELTA_RETURN_NOT_OK(engine::InitializeCompute());
  DELTA_ASSIGN_OR_RETURN(std::optional<KeptRowTracking> kept, RowTrackingToKeep(*snapshot));
  DELTA_ASSIGN_OR_RETURN(TableProperties props,
                         TableProperties::Parse(snapshot->metadata().configuration));
  if (props.append_only()) {
    // Refused before anything is read or written.
    return Status::Unsupported("table " + snapshot->table_location() +
                               " is append-only (delta.appendOnly=true): rows cannot be updated");
  }
  DELTA_ASSIGN_OR_RETURN(std::vector<BoundAssignment> assignments,
                         BindAssignments(*snapshot->schema(), set));
  const bool cdf = props.enable_change_data_feed();

  MatchedRowRemovalOptions options;
  options.read_every_candidate = true;
  options.collect_rows = true;
  options.what = "update predicate";
  DELTA_ASSIGN_OR_RETURN(
      MatchedRowRemoval removal,
      StageMatchedRowRemoval(txn, snapshot, engine, predicate, options, file_options));
  const RowDeletionMetrics& r = removal.metrics;
  RowUpdateMetrics m;
  m.num_updated_rows = r.num_deleted_rows;
  m.num_copied_rows = r.num_copied_rows;
  m.num_added_files = r.num_added_files;
  m.num_removed_files = r.num_removed_files;
  m.num_deletion_vectors_added = r.num_deletion_vectors_added;
  m.num_deletion_vectors_removed = r.num_deletion_vectors_removed;
  m.num_added_bytes = r.num_added_bytes;
  m.num_removed_bytes = r.num_removed_bytes;
  m.scan_time_ms = r.scan_time_ms;
  if (m.num_updated_rows == 0) return m;

  auto rewrite_start = std::chrono::steady_clock::now();
  std::vector<std::shared_ptr<arrow::RecordBatch>> updated;
  std::shared_ptr<arrow::Schema> schema;
  std::vector<std::pair<int, cp::Expression>> bound_values;
  // What is written: the updated rows with, under row tracking, their kept row ids (their
  // commit version is left null: updated rows take the new commit's).
  std::vector<std::shared_ptr<arrow::RecordBatch>> to_write;
  std::shared_ptr<arrow::Schema> write_schema;
  if (kept && removal.row_ids.size() != removal.rows.size()) {
    return Status::Internal("UPDATE: the matching rows came without their row ids");
  }
  for (size_t b = 0; b < removal.rows.size(); ++b) {
    const std::shared_ptr<arrow::RecordBatch>& batch = removal.rows[b];
    if (!schema) {
      schema = batch->schema();
      for (const BoundAssignment& a : assignments) {
        int index = schema->GetFieldIndex(a.field->name);
        if (index < 0) {
          return Status::Internal("UPDATE: column " + Quoted(a.field->name) +
                                  " is missing from the scanned rows");
        }
        DELTA_ASSIGN_OR_RETURN(engine::ArrowValueExpression v,
                               engine::ToArrowValueExpression(*a.value));
        const auto& target = schema->field(index)->type();
        cp::Expression cast =
            v.type == nullptr || v.type->kind() == TypeKind::kVoid
                ? cp::literal(arrow::MakeNullScalar(target))
                : cp::call("cast", {std::move(v.expr)}, cp::CastOptions::Safe(target));
        auto bound = cast.Bind(*schema);
        if (!bound.ok()) {
          return Status::InvalidArgument("UPDATE SET " + a.field->name + ": " +
                                         bound.status().message());
        }
        bound_values.emplace_back(index, std::move(*bound));
      }
    }
    if (!write_schema) {
      write_schema = schema;
      if (kept) {
        auto with_id = schema->AddField(schema->num_fields(),
                                        arrow::field(kept->row_id_column, arrow::int64(), true));
        if (!with_id.ok()) return engine::DataStatus(with_id.status(), "updated rows");
        write_schema = *with_id;
      }
    }
    if (batch->num_rows() == 0) continue;
    DELTA_ASSIGN_OR_RETURN(auto out, Apply(batch, bound_values));
    if (kept) {
      arrow::ArrayVector columns = out->columns();
      columns.push_back(removal.row_ids[b]);
      to_write.push_back(
          arrow::RecordBatch::Make(write_schema, out->num_rows(), std::move(columns)));
    } else {
      to_write.push_back(out);
    }
    updated.push_back(std::move(out));
  }
  if (schema) {
    DELTA_ASSIGN_OR_RETURN(ArrowStreamHandle stream,
                           BatchesAsStream(std::move(to_write), write_schema));
    ArrowArrayStream raw;
    stream.MoveTo(&raw);
    DELTA_ASSIGN_OR_RETURN(std::vector<WrittenFile> files, txn.WriteFiles(&raw, file_options));
    DELTA_RETURN_NOT_OK(txn.AddFiles(files));
    for (const WrittenFile& w : files) {
      ++m.num_added_files;
      m.num_added_bytes += w.size;
    }
  }
  if (cdf) {
    std::vector<ChangeRows> groups;
    groups.emplace_back(std::move(removal.rows), "update_preimage");
    groups.emplace_back(std::move(updated), "update_postimage");
    DELTA_ASSIGN_OR_RETURN(m.num_added_change_files, StageChangeRows(txn, std::move(groups)));
  }
  m.rewrite_time_ms = r.rewrite_time_ms + std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - rewrite_start)
                                              .count();
  return m;
}

}  // namespace

Result<RowUpdateMetrics> StageRowUpdate(Transaction& txn,
                                        const std::shared_ptr<const Snapshot>& snapshot,
                                        const std::shared_ptr<Engine>& engine,
                                        const ExprPtr& predicate,
                                        const std::vector<RowAssignment>& set,
                                        const ParquetWriteOptions* file_options) {
  if (!snapshot || !engine) return Status::InvalidArgument("row update: no snapshot or engine");
  return Stage(txn, snapshot, engine, predicate, set, file_options);
}

}  // namespace delta::ops
