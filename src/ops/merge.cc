// MergeInto: the source read into memory, hash-joined with the target rows its keys can reach,
// clauses applied in order, changed rows taken out of their files (deletion vectors or
// copy-on-write) and the new rows written, in one transaction.
#include "delta/merge.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/compute/api.h>

#include "delta/arrow_handles.h"
#include "delta/engine.h"
#include "delta/json_writer.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/schema_from_arrow.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "engine/arrow_status.h"
#include "engine/scan_arrow.h"
#include "engine/scan_reader.h"
#include "ops/change_rows.h"
#include "ops/merge_copied_rows.h"
#include "ops/merge_keys.h"
#include "ops/merge_on.h"
#include "ops/operation_parameters.h"
#include "ops/row_removal.h"
#include "ops/row_tracking_columns.h"
#include "ops/row_tracking_tag.h"
#include "util/printable.h"
#include "util/task_guard.h"

namespace delta {
namespace {

namespace cp = arrow::compute;
using expr::And;
using expr::Col;
using expr::Ge;
using expr::Le;
using expr::Lit;
using BatchPtr = std::shared_ptr<arrow::RecordBatch>;
using ArrayPtr = std::shared_ptr<arrow::Array>;
using Clock = std::chrono::steady_clock;

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

template <typename T>
Result<T> Data(arrow::Result<T> r, std::string_view what) {
  if (!r.ok()) return engine::DataStatus(r.status(), what);
  return std::move(r).ValueUnsafe();
}

Status Data(const arrow::Status& st, std::string_view what) {
  if (!st.ok()) return engine::DataStatus(st, what);
  return Status::OK();
}

std::string_view ActionName(MergeAction a) {
  switch (a) {
    case MergeAction::kUpdate:
      return "update";
    case MergeAction::kDelete:
      return "delete";
    case MergeAction::kInsert:
      return "insert";
  }
  return "update";
}

std::string_view KindName(MergeClauseKind k) {
  switch (k) {
    case MergeClauseKind::kMatched:
      return "WHEN MATCHED";
    case MergeClauseKind::kNotMatched:
      return "WHEN NOT MATCHED";
    case MergeClauseKind::kNotMatchedBySource:
      return "WHEN NOT MATCHED BY SOURCE";
  }
  return "";
}

// As in Spark, only the last clause of a kind may omit its condition: one after it could
// never apply.
Status CheckClauseOrder(const std::vector<MergeClause>& clauses) {
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (!clauses[i].condition.empty()) continue;
    for (size_t j = i + 1; j < clauses.size(); ++j) {
      if (clauses[j].kind != clauses[i].kind) continue;
      auto name = [&](size_t k) {
        return "clause " + std::to_string(k + 1) + " (" + std::string(KindName(clauses[k].kind)) +
               " THEN " + std::string(ActionName(clauses[k].action)) + ")";
      };
      return Status::InvalidArgument("merge: " + name(j) + " could never apply: " + name(i) +
                                     " before it has no condition (only the last clause of a "
                                     "kind may omit its AND condition)");
    }
  }
  return Status::OK();
}

// The rows one kind of clause sees: struct columns named by the aliases in scope.
struct Context {
  std::shared_ptr<const StructType> delta_schema;  // for BindExpression
  std::shared_ptr<arrow::Schema> arrow_schema;     // for arrow::compute binding
};

// A clause ready to run on its context: condition and one value per target column.
struct BoundClause {
  const MergeClause* clause = nullptr;
  std::optional<cp::Expression> condition;  // none = always
  std::vector<cp::Expression> values;       // update / insert: one per target column
};

Result<cp::Expression> Compile(std::string_view text, const Context& ctx, bool predicate,
                               const std::vector<std::string_view>& aliases,
                               const std::string& what) {
  Result<ExprPtr> parsed = ParseExpression(text);
  if (!parsed.ok()) return parsed.status().WithContext(what);
  DELTA_RETURN_NOT_OK(ops::CheckQualified(**parsed, aliases, what));
  cp::Expression e;
  if (predicate) {
    Result<ExprPtr> bound = BindExpression(*parsed, *ctx.delta_schema);
    if (!bound.ok()) return bound.status().WithContext(what);
    Result<cp::Expression> p = engine::ToArrowExpression(**bound);
    if (!p.ok()) return p.status().WithContext(what);
    e = std::move(*p);
  } else {
    // Any value UPDATE's SET takes: columns, literals, arithmetic, COALESCE, predicates.
    DataTypePtr type;
    Result<ExprPtr> bound = BindValueExpression(*parsed, *ctx.delta_schema, &type);
    if (!bound.ok()) return bound.status().WithContext(what);
    Result<engine::ArrowValueExpression> v = engine::ToArrowValueExpression(**bound);
    if (!v.ok()) return v.status().WithContext(what);
    e = std::move(v->expr);
  }
  auto b = e.Bind(*ctx.arrow_schema);
  if (!b.ok()) return Status::InvalidArgument(what + ": " + b.status().message());
  return *b;
}

Result<ArrayPtr> Evaluate(const cp::Expression& e, const arrow::RecordBatch& batch,
                          const std::shared_ptr<arrow::DataType>& type) {
  cp::ExecBatch exec(batch);
  DELTA_ASSIGN_OR_RETURN(arrow::Datum d,
                         Data(cp::ExecuteScalarExpression(e, exec), "evaluating a merge clause"));
  ArrayPtr out;
  if (d.is_scalar()) {
    DELTA_ASSIGN_OR_RETURN(
        out, Data(arrow::MakeArrayFromScalar(*d.scalar(), batch.num_rows()), "merge values"));
  } else {
    out = d.make_array();
  }
  if (type && !out->type()->Equals(*type)) {
    DELTA_ASSIGN_OR_RETURN(arrow::Datum cast, Data(cp::Cast(out, type), "casting merge values"));
    out = cast.make_array();
  }
  return out;
}

// Rows of `batch` where `e` is TRUE (NULL is not).
Result<std::vector<bool>> Holds(const cp::Expression& e, const arrow::RecordBatch& batch) {
  DELTA_ASSIGN_OR_RETURN(ArrayPtr a, Evaluate(e, batch, nullptr));
  const auto& b = static_cast<const arrow::BooleanArray&>(*a);
  std::vector<bool> out(batch.num_rows());
  for (int64_t i = 0; i < batch.num_rows(); ++i) out[i] = b.IsValid(i) && b.Value(i);
  return out;
}

Result<BatchPtr> TakeRows(const BatchPtr& batch, const std::vector<int64_t>& rows) {
  arrow::Int64Builder b;
  DELTA_RETURN_NOT_OK(Data(b.AppendValues(rows), "merge rows"));
  DELTA_ASSIGN_OR_RETURN(ArrayPtr idx, Data(b.Finish(), "merge rows"));
  DELTA_ASSIGN_OR_RETURN(arrow::Datum d, Data(cp::Take(batch, idx), "merge rows"));
  return d.record_batch();
}

// One struct column per alias, of the rows `rows` of each side (null = side absent).
Result<BatchPtr> ContextBatch(const Context& ctx, int64_t n,
                              std::vector<std::pair<BatchPtr, const std::vector<int64_t>*>> sides) {
  std::vector<ArrayPtr> columns;
  for (size_t i = 0; i < sides.size(); ++i) {
    DELTA_ASSIGN_OR_RETURN(BatchPtr taken, TakeRows(sides[i].first, *sides[i].second));
    const auto& type = static_cast<const arrow::StructType&>(*ctx.arrow_schema->field(i)->type());
    DELTA_ASSIGN_OR_RETURN(
        ArrayPtr s, Data(arrow::StructArray::Make(taken->columns(), type.fields()), "merge rows"));
    columns.push_back(std::move(s));
  }
  return arrow::RecordBatch::Make(ctx.arrow_schema, n, std::move(columns));
}

Result<std::shared_ptr<const StructType>> DeltaSchemaOf(const arrow::Schema& schema) {
  ArrowSchemaHandle c;
  DELTA_RETURN_NOT_OK(Data(arrow::ExportSchema(schema, c.get()), "the merge source's schema"));
  Result<std::shared_ptr<const StructType>> s = SchemaFromArrow(*c.get());
  if (!s.ok()) return s.status().WithContext("the merge source's schema");
  return s;
}

// The table's columns without field metadata: the names expressions see.
std::shared_ptr<const StructType> PlainFields(const StructType& s) {
  std::vector<StructField> fields;
  for (const StructField& f : s.fields()) fields.push_back({f.name, f.type, f.nullable, {}});
  return std::make_shared<StructType>(std::move(fields));
}

Context MakeContext(
    const std::vector<std::pair<std::string, std::shared_ptr<const StructType>>>& delta_sides,
    const std::vector<std::shared_ptr<arrow::Schema>>& arrow_sides) {
  Context ctx;
  std::vector<StructField> fields;
  std::vector<std::shared_ptr<arrow::Field>> afields;
  for (size_t i = 0; i < delta_sides.size(); ++i) {
    fields.push_back({delta_sides[i].first, delta_sides[i].second, true, {}});
    afields.push_back(arrow::field(delta_sides[i].first, arrow::struct_(arrow_sides[i]->fields())));
  }
  ctx.delta_schema = std::make_shared<StructType>(std::move(fields));
  ctx.arrow_schema = arrow::schema(std::move(afields));
  return ctx;
}

// A source scalar as a literal for a target file filter; nullopt for types not handled.
std::optional<Literal> ScalarLiteral(const arrow::Scalar& s) {
  if (!s.is_valid) return std::nullopt;
  switch (s.type->id()) {
    case arrow::Type::INT8:
      return Literal::Byte(static_cast<const arrow::Int8Scalar&>(s).value);
    case arrow::Type::INT16:
      return Literal::Short(static_cast<const arrow::Int16Scalar&>(s).value);
    case arrow::Type::INT32:
      return Literal::Integer(static_cast<const arrow::Int32Scalar&>(s).value);
    case arrow::Type::INT64:
      return Literal::Long(static_cast<const arrow::Int64Scalar&>(s).value);
    case arrow::Type::FLOAT:
      return Literal::Float(static_cast<const arrow::FloatScalar&>(s).value);
    case arrow::Type::DOUBLE:
      return Literal::Double(static_cast<const arrow::DoubleScalar&>(s).value);
    case arrow::Type::STRING:
      return Literal::String(static_cast<const arrow::StringScalar&>(s).value->ToString());
    case arrow::Type::DATE32:
      return Literal::Date(static_cast<const arrow::Date32Scalar&>(s).value);
    default:
      return std::nullopt;
  }
}

// The JSON parameter Spark writes for one kind of clause: [{"predicate":..,"actionType":..}].
std::string ClausePredicates(const MergeSpec& spec, MergeClauseKind kind) {
  JsonWriter w;
  w.BeginArray();
  for (const MergeClause& c : spec.clauses) {
    if (c.kind != kind) continue;
    w.BeginObject();
    if (!c.condition.empty()) w.Key("predicate").String(c.condition);
    w.Key("actionType").String(ActionName(c.action));
    w.EndObject();
  }
  w.EndArray();
  return w.Take();
}

BatchPtr FirstColumns(const BatchPtr& b, int n) {
  std::vector<std::shared_ptr<arrow::Field>> fields(b->schema()->fields().begin(),
                                                    b->schema()->fields().begin() + n);
  std::vector<ArrayPtr> cols(b->columns().begin(), b->columns().begin() + n);
  return arrow::RecordBatch::Make(arrow::schema(fields), b->num_rows(), cols);
}

Result<MergeResult> Run(std::string_view location, const std::shared_ptr<Engine>& engine,
                        ArrowArrayStream* source, const MergeSpec& spec,
                        const MergeOptions& options) {
  Clock::time_point start = Clock::now();
  // The source, whole, in memory (taken first: the stream is released on every path).
  DELTA_ASSIGN_OR_RETURN(auto reader,
                         Data(arrow::ImportRecordBatchReader(source), "the merge source"));
  DELTA_RETURN_NOT_OK(engine::InitializeCompute());
  const std::string& sa = spec.source_alias;
  const std::string& ta = spec.target_alias;
  if (sa.empty() || ta.empty() || sa == ta) {
    return Status::InvalidArgument("merge: the source and target aliases must be two names, got " +
                                   Quoted(sa) + " and " + Quoted(ta));
  }
  DELTA_RETURN_NOT_OK(CheckClauseOrder(spec.clauses));
  Result<ExprPtr> on = ParseExpression(spec.on);
  if (!on.ok()) return on.status().WithContext("merge condition");
  DELTA_ASSIGN_OR_RETURN(ops::MergeOnParts parts, ops::SplitMergeOn(*on, sa, ta));

  DELTA_ASSIGN_OR_RETURN(auto source_table, Data(reader->ToTable(), "the merge source"));
  DELTA_ASSIGN_OR_RETURN(BatchPtr src,
                         Data(source_table->CombineChunksToBatch(), "the merge source"));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const StructType> src_delta,
                         DeltaSchemaOf(*src->schema()));

  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(location, engine));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Snapshot> snapshot, table.LatestSnapshot());
  const Protocol& protocol = snapshot->protocol();
  // Under row tracking, updated and copied rows keep their row ids (copied ones their commit
  // versions too); inserted rows take fresh ones.
  DELTA_ASSIGN_OR_RETURN(std::optional<ops::KeptRowTracking> kept,
                         ops::RowTrackingToKeep(*snapshot));
  DELTA_ASSIGN_OR_RETURN(TableProperties props,
                         TableProperties::Parse(snapshot->metadata().configuration));
  for (const MergeClause& c : spec.clauses) {
    if (props.append_only() && c.action != MergeAction::kInsert) {
      // As Spark: an insert-only merge may append; one that updates or deletes may not.
      return Status::Unsupported("table " + snapshot->table_location() +
                                 " is append-only (delta.appendOnly=true): a merge with " +
                                 std::string(KindName(c.kind)) + " THEN " +
                                 (c.action == MergeAction::kDelete ? "DELETE" : "UPDATE") +
                                 " cannot change its rows");
    }
  }
  const bool cdf = props.enable_change_data_feed();
  const bool use_dvs =
      props.enable_deletion_vectors() && protocol.HasWriterFeature(feature::kDeletionVectors);
  std::shared_ptr<const StructType> tgt_delta = PlainFields(*snapshot->schema());
  const int ncols = static_cast<int>(tgt_delta->num_fields());

  bool by_source = false;
  for (const MergeClause& c : spec.clauses) {
    by_source = by_source || c.kind == MergeClauseKind::kNotMatchedBySource;
  }

  // Which target rows can match: the keys' ranges over the source and ON's target-only terms.
  std::vector<ArrayPtr> src_keys, tgt_key_index;
  std::vector<int> tgt_key_cols;
  for (const ops::MergeJoinKey& k : parts.keys) {
    int ti = tgt_delta->FieldIndexIgnoreCase(k.target_column);
    int si = src_delta->FieldIndexIgnoreCase(k.source_column);
    if (ti < 0) {
      return Status::InvalidArgument("merge condition: the table has no column " +
                                     Quoted(k.target_column));
    }
    if (si < 0) {
      return Status::InvalidArgument("merge condition: the source has no column " +
                                     Quoted(k.source_column));
    }
    tgt_key_cols.push_back(ti);
    src_keys.push_back(src->column(si));
  }
  ExprPtr target_filter;
  if (!by_source) {
    std::vector<ExprPtr> terms = parts.target_only;
    for (size_t i = 0; i < parts.keys.size(); ++i) {
      DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::DataType> type,
                             engine::ArrowTypeOf(*tgt_delta->fields()[tgt_key_cols[i]].type));
      DELTA_ASSIGN_OR_RETURN(arrow::Datum cast, Data(cp::Cast(src_keys[i], type), "merge keys"));
      src_keys[i] = cast.make_array();
      DELTA_ASSIGN_OR_RETURN(arrow::Datum mm, Data(cp::MinMax(src_keys[i]), "merge keys"));
      const auto& s = static_cast<const arrow::StructScalar&>(*mm.scalar());
      std::optional<Literal> lo = ScalarLiteral(*s.value[0]);
      std::optional<Literal> hi = ScalarLiteral(*s.value[1]);
      ExprPtr col = Col(std::vector<std::string>{tgt_delta->fields()[tgt_key_cols[i]].name});
      if (!s.value[0]->is_valid) {
        terms.push_back(Lit(false));  // no source key: no target row can match
      } else if (lo && hi) {
        terms.push_back(And(Ge(col, Lit(*lo)), Le(col, Lit(*hi))));
      }
    }
    if (terms.size() == 1) target_filter = terms[0];
    if (terms.size() > 1) target_filter = And(std::move(terms));
  } else {
    for (size_t i = 0; i < parts.keys.size(); ++i) {
      DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::DataType> type,
                             engine::ArrowTypeOf(*tgt_delta->fields()[tgt_key_cols[i]].type));
      DELTA_ASSIGN_OR_RETURN(arrow::Datum cast, Data(cp::Cast(src_keys[i], type), "merge keys"));
      src_keys[i] = cast.make_array();
    }
  }

  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot, options.transaction));
  if (target_filter) {
    DELTA_RETURN_NOT_OK(txn->RecordReadPredicate(target_filter));
  } else {
    txn->RecordReadWholeTable();
  }

  // The target rows the join can reach, streamed batch by batch (see below).
  Clock::time_point scan_start = Clock::now();
  ScanOptions so;
  so.filter = target_filter;
  so.metadata_columns = {MetadataColumn::kFilePath, MetadataColumn::kRowIndex};
  if (kept) so.metadata_columns.push_back(MetadataColumn::kRowId);
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> scan, Scan::Make(snapshot, so));
  DELTA_ASSIGN_OR_RETURN(ArrowSchemaHandle read_schema_c, scan->OutputArrowSchema());
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<arrow::Schema> read_schema,
                         engine::ImportArrowSchema(std::move(read_schema_c)));
  std::shared_ptr<arrow::Schema> tgt_schema =
      arrow::schema(std::vector<std::shared_ptr<arrow::Field>>(
          read_schema->fields().begin(), read_schema->fields().begin() + ncols));
  const int64_t ns = src->num_rows();

  // Contexts the clauses run in.
  std::vector<std::string_view> both = {sa, ta};
  Context joined = MakeContext({{sa, src_delta}, {ta, tgt_delta}}, {src->schema(), tgt_schema});
  Context src_only = MakeContext({{sa, src_delta}}, {src->schema()});
  Context tgt_only = MakeContext({{ta, tgt_delta}}, {tgt_schema});

  // Clauses bound to their contexts, in order, per kind.
  std::map<MergeClauseKind, std::vector<BoundClause>> bound;
  for (size_t i = 0; i < spec.clauses.size(); ++i) {
    const MergeClause& c = spec.clauses[i];
    const std::string what = std::string(KindName(c.kind)) + " clause " + std::to_string(i + 1);
    const bool is_insert = c.kind == MergeClauseKind::kNotMatched;
    if (is_insert != (c.action == MergeAction::kInsert)) {
      return Status::InvalidArgument(what + ": " + std::string(KindName(c.kind)) + " cannot " +
                                     std::string(ActionName(c.action)));
    }
    const Context& ctx = c.kind == MergeClauseKind::kMatched      ? joined
                         : c.kind == MergeClauseKind::kNotMatched ? src_only
                                                                  : tgt_only;
    std::vector<std::string_view> aliases = c.kind == MergeClauseKind::kMatched ? both
                                            : is_insert ? std::vector<std::string_view>{sa}
                                                        : std::vector<std::string_view>{ta};
    BoundClause b;
    b.clause = &c;
    if (!c.condition.empty()) {
      DELTA_ASSIGN_OR_RETURN(b.condition,
                             Compile(c.condition, ctx, true, aliases, what + " condition"));
    }
    if (c.action != MergeAction::kDelete) {
      for (int col = 0; col < ncols; ++col) {
        const std::string& name = tgt_delta->fields()[col].name;
        cp::Expression v = is_insert
                               ? cp::literal(arrow::MakeNullScalar(tgt_schema->field(col)->type()))
                               : cp::field_ref(arrow::FieldRef(ta, name));
        if (c.star) {
          if (src_delta->FieldIndexIgnoreCase(name) < 0) {
            return Status::InvalidArgument(what + ": the source has no column " + Quoted(name) +
                                           " for " + (is_insert ? "INSERT *" : "UPDATE SET *"));
          }
          v = cp::field_ref(
              arrow::FieldRef(sa, src_delta->fields()[src_delta->FieldIndexIgnoreCase(name)].name));
        }
        DELTA_ASSIGN_OR_RETURN(v, Data(v.Bind(*ctx.arrow_schema), what));
        b.values.push_back(std::move(v));
      }
      for (const auto& [column, text] : c.assignments) {
        int col = tgt_delta->FieldIndexIgnoreCase(column);
        if (col < 0) {
          return Status::InvalidArgument(what + ": the table has no column " + Quoted(column));
        }
        DELTA_ASSIGN_OR_RETURN(b.values[col], Compile(text, ctx, false, aliases,
                                                      what + " value of " + Quoted(column)));
      }
    }
    bound[c.kind].push_back(std::move(b));
  }

  // The join: the source indexed by its keys, the target streamed and probed one batch at a
  // time. Kept of the target: the rows a source row matches (ON's residual holding) and, for
  // WHEN NOT MATCHED BY SOURCE, the unmatched rows some such clause's condition holds for; the
  // rest is dropped with its batch, so memory follows the source and the rows acted on.
  std::optional<ops::MergeKeyIndex> key_index;
  if (!parts.keys.empty()) {
    DELTA_ASSIGN_OR_RETURN(ops::MergeKeyIndex built, ops::MergeKeyIndex::Build(src_keys));
    key_index.emplace(std::move(built));
  }
  std::optional<cp::Expression> residual;
  const std::vector<BoundClause>& by_src_clauses = bound[MergeClauseKind::kNotMatchedBySource];
  bool keep_all_unmatched = false;
  for (const BoundClause& b : by_src_clauses) keep_all_unmatched |= !b.condition;
  int64_t files_read = 0;
  ExecuteOptions progress;
  progress.progress = [&files_read](const ScanProgress& p) { files_read = p.files_planned; };
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<engine::ScanReader> target_reader,
                         engine::MakeScanReader(scan, engine, progress));
  std::vector<BatchPtr> kept_rows;
  int64_t num_kept = 0;
  std::vector<int64_t> ps, pt;  // matched pairs: source row, kept target row
  while (true) {
    BatchPtr batch;
    arrow::Status st = target_reader->ReadNext(&batch);
    if (!st.ok()) return engine::ReaderStatus(*target_reader, st, snapshot->table_location());
    if (!batch) break;
    const int64_t n = batch->num_rows();
    if (n == 0) continue;
    BatchPtr rows = FirstColumns(batch, ncols);
    // Candidate pairs by the hash join (every pair when ON has no key), then the residual.
    std::vector<int64_t> bs, bt;
    if (key_index) {
      std::vector<ArrayPtr> tkeys;
      for (size_t i = 0; i < tgt_key_cols.size(); ++i) {
        ArrayPtr c = rows->column(tgt_key_cols[i]);
        if (!c->type()->Equals(*src_keys[i]->type())) {
          DELTA_ASSIGN_OR_RETURN(arrow::Datum cast,
                                 Data(cp::Cast(c, src_keys[i]->type()), "merge keys"));
          c = cast.make_array();
        }
        tkeys.push_back(std::move(c));
      }
      for (int64_t t = 0; t < n; ++t) {
        DELTA_RETURN_NOT_OK(key_index->Probe(tkeys, t, [&](int64_t s) {
          bs.push_back(s);
          bt.push_back(t);
        }));
      }
    } else {
      for (int64_t t = 0; t < n; ++t) {
        for (int64_t s = 0; s < ns; ++s) {
          bs.push_back(s);
          bt.push_back(t);
        }
      }
    }
    if (parts.residual && !bs.empty()) {
      DELTA_ASSIGN_OR_RETURN(BatchPtr pairs, ContextBatch(joined, static_cast<int64_t>(bs.size()),
                                                          {{src, &bs}, {rows, &bt}}));
      if (!residual) {
        DELTA_ASSIGN_OR_RETURN(residual, Compile(spec.on, joined, true, both, "merge condition"));
      }
      DELTA_ASSIGN_OR_RETURN(std::vector<bool> holds, Holds(*residual, *pairs));
      size_t k = 0;
      for (size_t i = 0; i < holds.size(); ++i) {
        if (!holds[i]) continue;
        bs[k] = bs[i];
        bt[k] = bt[i];
        ++k;
      }
      bs.resize(k);
      bt.resize(k);
    }
    std::vector<char> keep(n, 0);
    for (int64_t t : bt) keep[t] = 1;
    if (!by_src_clauses.empty()) {
      std::vector<int64_t> unmatched;
      for (int64_t t = 0; t < n; ++t) {
        if (!keep[t]) unmatched.push_back(t);
      }
      if (keep_all_unmatched) {
        for (int64_t t : unmatched) keep[t] = 1;
      } else if (!unmatched.empty()) {
        DELTA_ASSIGN_OR_RETURN(
            BatchPtr ctx_rows,
            ContextBatch(tgt_only, static_cast<int64_t>(unmatched.size()), {{rows, &unmatched}}));
        for (const BoundClause& b : by_src_clauses) {
          DELTA_ASSIGN_OR_RETURN(std::vector<bool> holds, Holds(*b.condition, *ctx_rows));
          for (size_t i = 0; i < holds.size(); ++i) {
            if (holds[i]) keep[unmatched[i]] = 1;
          }
        }
      }
    }
    std::vector<int64_t> take, position(n, -1);
    for (int64_t t = 0; t < n; ++t) {
      if (!keep[t]) continue;
      position[t] = num_kept + static_cast<int64_t>(take.size());
      take.push_back(t);
    }
    if (take.empty()) continue;
    if (static_cast<int64_t>(take.size()) == n) {
      kept_rows.push_back(batch);
    } else {
      DELTA_ASSIGN_OR_RETURN(BatchPtr part, TakeRows(batch, take));
      kept_rows.push_back(std::move(part));
    }
    for (size_t i = 0; i < bs.size(); ++i) {
      ps.push_back(bs[i]);
      pt.push_back(position[bt[i]]);
    }
    num_kept += static_cast<int64_t>(take.size());
  }
  {
    // Pairs in source order, then target order: the order the rows are written in.
    std::vector<size_t> order(ps.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ps[a] < ps[b]; });
    std::vector<int64_t> os(ps.size()), ot(pt.size());
    for (size_t i = 0; i < order.size(); ++i) {
      os[i] = ps[order[i]];
      ot[i] = pt[order[i]];
    }
    ps = std::move(os);
    pt = std::move(ot);
  }
  DELTA_ASSIGN_OR_RETURN(
      auto kept_table,
      Data(arrow::Table::FromRecordBatches(read_schema, kept_rows), snapshot->table_location()));
  kept_rows.clear();
  DELTA_ASSIGN_OR_RETURN(BatchPtr tgt_read,
                         Data(kept_table->CombineChunksToBatch(), snapshot->table_location()));
  kept_table.reset();
  BatchPtr tgt = FirstColumns(tgt_read, ncols);
  auto file_paths = std::static_pointer_cast<arrow::StringArray>(tgt_read->column(ncols));
  auto row_indexes = std::static_pointer_cast<arrow::Int64Array>(tgt_read->column(ncols + 1));
  const int64_t nt = tgt->num_rows();
  // What the new files hold: the table's columns, then the kept row tracking columns.
  std::shared_ptr<arrow::Schema> out_schema = tgt->schema();
  if (kept) {
    arrow::FieldVector fields = out_schema->fields();
    fields.push_back(arrow::field(kept->row_id_column, arrow::int64(), true));
    fields.push_back(arrow::field(kept->row_commit_version_column, arrow::int64(), true));
    out_schema = arrow::schema(std::move(fields));
  }
  // `rows` as stored: an updated row keeps the id of kept target row (*t)[i] (the target
  // scan's column after _row_index) and takes the new commit's version (null); an inserted one
  // (no `t`) takes fresh values (nulls).
  auto stored = [&](const BatchPtr& rows, const std::vector<int64_t>* t) -> Result<BatchPtr> {
    if (!kept) return rows;
    const int64_t n = rows->num_rows();
    std::vector<ArrayPtr> cols = rows->columns();
    DELTA_ASSIGN_OR_RETURN(ArrayPtr nulls,
                           Data(arrow::MakeArrayOfNull(arrow::int64(), n), "row ids"));
    if (t) {
      arrow::Int64Builder b;
      DELTA_RETURN_NOT_OK(Data(b.AppendValues(*t), "row ids"));
      DELTA_ASSIGN_OR_RETURN(ArrayPtr idx, Data(b.Finish(), "row ids"));
      DELTA_ASSIGN_OR_RETURN(arrow::Datum ids,
                             Data(cp::Take(tgt_read->column(ncols + 2), idx), "row ids"));
      cols.push_back(ids.make_array());
    } else {
      cols.push_back(nulls);
    }
    cols.push_back(nulls);
    return arrow::RecordBatch::Make(out_schema, n, std::move(cols));
  };

  // Which clause each row takes: the first whose condition holds (-1: none).
  auto assign = [&](const std::vector<BoundClause>& clauses,
                    const BatchPtr& rows) -> Result<std::vector<int>> {
    std::vector<int> which(rows->num_rows(), -1);
    for (size_t c = 0; c < clauses.size(); ++c) {
      std::vector<bool> holds(rows->num_rows(), true);
      if (clauses[c].condition) {
        DELTA_ASSIGN_OR_RETURN(holds, Holds(*clauses[c].condition, *rows));
      }
      for (int64_t i = 0; i < rows->num_rows(); ++i) {
        if (which[i] < 0 && holds[i]) which[i] = static_cast<int>(c);
      }
    }
    return which;
  };

  MergeResult out;
  out.num_source_rows = ns;
  out.num_target_files_read = files_read;
  std::vector<BatchPtr> new_rows;                        // updated and inserted, table columns
  std::vector<BatchPtr> changes;                         // with _change_type
  std::map<std::string, std::vector<uint64_t>> removed;  // file location -> row positions
  std::vector<int64_t> removed_rows;                     // target rows changed or deleted

  // Applies `clauses` to the context rows `ctx_rows` (target rows `t` where a target exists).
  auto apply = [&](const std::vector<BoundClause>& clauses, const BatchPtr& ctx_rows,
                   const std::vector<int64_t>* t, const std::vector<int>& which, int64_t* updated,
                   int64_t* deleted) -> Status {
    for (size_t c = 0; c < clauses.size(); ++c) {
      std::vector<int64_t> rows, trows;
      for (size_t i = 0; i < which.size(); ++i) {
        if (which[i] != static_cast<int>(c)) continue;
        rows.push_back(static_cast<int64_t>(i));
        if (t) trows.push_back((*t)[i]);
      }
      if (rows.empty()) continue;
      const BoundClause& b = clauses[c];
      const int64_t n = static_cast<int64_t>(rows.size());
      BatchPtr before;
      if (t) {
        removed_rows.insert(removed_rows.end(), trows.begin(), trows.end());
        DELTA_ASSIGN_OR_RETURN(before, TakeRows(tgt, trows));
      }
      if (b.clause->action == MergeAction::kDelete) {
        *deleted += n;
        if (cdf) {
          DELTA_ASSIGN_OR_RETURN(BatchPtr d, ops::WithChangeType(before, "delete"));
          changes.push_back(std::move(d));
        }
        continue;
      }
      DELTA_ASSIGN_OR_RETURN(BatchPtr in, TakeRows(ctx_rows, rows));
      std::vector<ArrayPtr> cols;
      for (int col = 0; col < ncols; ++col) {
        DELTA_ASSIGN_OR_RETURN(ArrayPtr v,
                               Evaluate(b.values[col], *in, tgt->schema()->field(col)->type()));
        cols.push_back(std::move(v));
      }
      BatchPtr after = arrow::RecordBatch::Make(tgt->schema(), n, std::move(cols));
      DELTA_ASSIGN_OR_RETURN(
          BatchPtr as_stored,
          stored(after, b.clause->action == MergeAction::kInsert ? nullptr : &trows));
      new_rows.push_back(std::move(as_stored));
      if (b.clause->action == MergeAction::kInsert) {
        out.num_target_rows_inserted += n;
        if (cdf) {
          DELTA_ASSIGN_OR_RETURN(BatchPtr d, ops::WithChangeType(after, "insert"));
          changes.push_back(std::move(d));
        }
        continue;
      }
      *updated += n;
      if (cdf) {
        DELTA_ASSIGN_OR_RETURN(BatchPtr pre, ops::WithChangeType(before, "update_preimage"));
        DELTA_ASSIGN_OR_RETURN(BatchPtr post, ops::WithChangeType(after, "update_postimage"));
        changes.push_back(std::move(pre));
        changes.push_back(std::move(post));
      }
    }
    return Status::OK();
  };

  // WHEN MATCHED.
  std::vector<bool> source_matched(ns, false), target_matched(nt, false);
  for (int64_t s : ps) source_matched[s] = true;
  for (int64_t t : pt) target_matched[t] = true;
  const std::vector<BoundClause>& matched = bound[MergeClauseKind::kMatched];
  if (!matched.empty() && !ps.empty()) {
    DELTA_ASSIGN_OR_RETURN(BatchPtr pairs, ContextBatch(joined, static_cast<int64_t>(ps.size()),
                                                        {{src, &ps}, {tgt, &pt}}));
    DELTA_ASSIGN_OR_RETURN(std::vector<int> which, assign(matched, pairs));
    // A target row several source rows would change is an error, as in Spark; a lone
    // unconditional DELETE may see it several times (the row goes once).
    const bool delete_only = matched.size() == 1 && !matched[0].condition &&
                             matched[0].clause->action == MergeAction::kDelete;
    std::vector<int64_t> seen(nt, -1);
    for (size_t i = 0; i < which.size(); ++i) {
      if (which[i] < 0) continue;
      if (seen[pt[i]] >= 0) {
        if (!delete_only) {
          return Status::InvalidArgument(
              "merge: multiple source rows matched and attempted to modify the same target row "
              "(in file " +
              Quoted(file_paths->GetView(pt[i])) +
              "); make the source's rows unique on the merge condition");
        }
        which[i] = -1;
        continue;
      }
      seen[pt[i]] = static_cast<int64_t>(i);
    }
    DELTA_RETURN_NOT_OK(apply(matched, pairs, &pt, which, &out.num_target_rows_matched_updated,
                              &out.num_target_rows_matched_deleted));
  }

  // WHEN NOT MATCHED [BY TARGET].
  const std::vector<BoundClause>& inserts = bound[MergeClauseKind::kNotMatched];
  std::vector<int64_t> unmatched_source;
  for (int64_t s = 0; s < ns; ++s) {
    if (!source_matched[s]) unmatched_source.push_back(s);
  }
  if (!inserts.empty() && !unmatched_source.empty()) {
    DELTA_ASSIGN_OR_RETURN(BatchPtr rows,
                           ContextBatch(src_only, static_cast<int64_t>(unmatched_source.size()),
                                        {{src, &unmatched_source}}));
    DELTA_ASSIGN_OR_RETURN(std::vector<int> which, assign(inserts, rows));
    int64_t unused = 0;
    DELTA_RETURN_NOT_OK(apply(inserts, rows, nullptr, which, &unused, &unused));
  }

  // WHEN NOT MATCHED BY SOURCE.
  const std::vector<BoundClause>& by_src = bound[MergeClauseKind::kNotMatchedBySource];
  std::vector<int64_t> unmatched_target;
  for (int64_t t = 0; t < nt; ++t) {
    if (!target_matched[t]) unmatched_target.push_back(t);
  }
  if (!by_src.empty() && !unmatched_target.empty()) {
    DELTA_ASSIGN_OR_RETURN(BatchPtr rows,
                           ContextBatch(tgt_only, static_cast<int64_t>(unmatched_target.size()),
                                        {{tgt, &unmatched_target}}));
    DELTA_ASSIGN_OR_RETURN(std::vector<int> which, assign(by_src, rows));
    DELTA_RETURN_NOT_OK(apply(by_src, rows, &unmatched_target, which,
                              &out.num_target_rows_not_matched_by_source_updated,
                              &out.num_target_rows_not_matched_by_source_deleted));
  }
  out.num_target_rows_updated =
      out.num_target_rows_matched_updated + out.num_target_rows_not_matched_by_source_updated;
  out.num_target_rows_deleted =
      out.num_target_rows_matched_deleted + out.num_target_rows_not_matched_by_source_deleted;
  const int64_t scan_ms = MillisSince(scan_start);

  if (out.num_target_rows_inserted + out.num_target_rows_updated + out.num_target_rows_deleted ==
      0) {
    out.commit.version = snapshot->version();
    out.commit.committed = false;
    return out;
  }

  // Changed rows leave their files.
  Clock::time_point rewrite_start = Clock::now();
  for (int64_t t : removed_rows) {
    removed[std::string(file_paths->GetView(t))].push_back(
        static_cast<uint64_t>(row_indexes->Value(t)));
  }
  // The result depends on the target rows a source row matched (gone, they would have been
  // inserted or left alone) and on those it changes; other rows read may go concurrently.
  std::map<std::string, std::vector<uint64_t>> depended;  // file location -> row positions
  for (int64_t t = 0; t < nt; ++t) {
    if (target_matched[t]) {
      depended[std::string(file_paths->GetView(t))].push_back(
          static_cast<uint64_t>(row_indexes->Value(t)));
    }
  }
  for (const auto& [loc, rows] : removed) {
    std::vector<uint64_t>& d = depended[loc];
    d.insert(d.end(), rows.begin(), rows.end());
  }
  std::map<std::string, const AddFile*> by_location;
  for (const AddFile& f : snapshot->files()) {
    DELTA_ASSIGN_OR_RETURN(std::string loc, snapshot->LocateFile(f.path));
    if (depended.count(loc)) by_location[loc] = &f;
  }
  for (const auto& [loc, rows] : depended) {
    auto it = by_location.find(loc);
    if (it == by_location.end()) {
      return Status::Internal("merge: the scan returned a row of " + Quoted(loc) +
                              ", which is not a live file");
    }
    txn->RecordReadRows(*it->second, rows);
  }
  std::vector<std::string> rewrite;
  std::map<std::string, std::set<int64_t>> rewrite_rows;
  std::vector<ops::DeletionVectorReAdd> dv_files;
  int64_t bytes_removed = 0;
  for (auto& [loc, rows] : removed) {
    const AddFile& f = *by_location.at(loc);
    DELTA_RETURN_NOT_OK(txn->RemoveLiveFile(f));
    ++out.num_target_files_removed;
    bytes_removed += f.size;
    int64_t old_deleted = f.deletion_vector ? f.deletion_vector->cardinality : 0;
    std::optional<int64_t> records = f.NumRecords();
    if (records && old_deleted + static_cast<int64_t>(rows.size()) >= *records) {
      if (f.deletion_vector) ++out.num_target_deletion_vectors_removed;
      continue;
    }
    if (use_dvs) {
      dv_files.push_back(ops::DeletionVectorReAdd{&f, std::move(rows)});
      continue;
    }
    rewrite.emplace_back(f.path);
    rewrite_rows[loc].insert(rows.begin(), rows.end());
  }
  // One DV file for the commit, as DELETE and UPDATE write.
  DELTA_RETURN_NOT_OK(ops::ReAddWithDeletionVectors(*txn, *snapshot, *engine, std::move(dv_files),
                                                    &out.num_target_deletion_vectors_added,
                                                    &out.num_target_deletion_vectors_removed));
  // New files: updated and inserted rows, then the rows copied from rewritten files, streamed.
  std::shared_ptr<engine::ScanReader> copy_reader;
  if (!rewrite.empty()) {
    ScanOptions ro;
    ro.metadata_columns = {MetadataColumn::kFilePath, MetadataColumn::kRowIndex};
    if (kept) {
      ro.metadata_columns.push_back(MetadataColumn::kRowId);
      ro.metadata_columns.push_back(MetadataColumn::kRowCommitVersion);
    }
    ro.partition_pruning = false;
    ro.data_skipping = false;
    ro.only_files = std::move(rewrite);
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const Scan> rs, Scan::Make(snapshot, std::move(ro)));
    DELTA_ASSIGN_OR_RETURN(copy_reader, engine::MakeScanReader(rs, engine, {}));
  }
  int64_t bytes_added = 0;
  bool any_new = copy_reader != nullptr;
  for (const BatchPtr& b : new_rows) any_new = any_new || b->num_rows() > 0;
  if (any_new) {
    auto output = std::make_shared<ops::MergeOutputReader>(
        out_schema, ncols, std::move(new_rows), std::move(copy_reader), std::move(rewrite_rows));
    ArrowStreamHandle stream;
    DELTA_RETURN_NOT_OK(Data(arrow::ExportRecordBatchReader(output, stream.get()), "merged rows"));
    ArrowArrayStream raw;
    stream.MoveTo(&raw);
    Result<std::vector<WrittenFile>> files = txn->WriteFiles(&raw);
    if (!files.ok()) {
      DELTA_RETURN_NOT_OK(output->scan_status());
      return files.status();
    }
    DELTA_RETURN_NOT_OK(txn->AddFiles(*files));
    out.num_target_rows_copied = output->copied_rows();
    for (const WrittenFile& w : *files) {
      ++out.num_target_files_added;
      bytes_added += w.size;
      out.num_output_rows += w.num_records;
    }
  }
  int64_t change_bytes = 0;
  if (cdf && !changes.empty()) {
    DELTA_ASSIGN_OR_RETURN(std::vector<WrittenFile> files,
                           ops::WriteTypedChangeRows(*txn, std::move(changes)));
    DELTA_RETURN_NOT_OK(txn->AddChangeFiles(files));
    out.num_target_change_files_added = static_cast<int64_t>(files.size());
    for (const WrittenFile& w : files) change_bytes += w.size;
  }

  if (options.app_transaction) {
    DELTA_RETURN_NOT_OK(
        txn->SetAppTransaction(options.app_transaction->app_id, options.app_transaction->version));
  }
  std::map<std::string, std::string> params;
  params["predicate"] = ops::JsonStringArray({spec.on});
  params["matchedPredicates"] = ClausePredicates(spec, MergeClauseKind::kMatched);
  params["notMatchedPredicates"] = ClausePredicates(spec, MergeClauseKind::kNotMatched);
  params["notMatchedBySourcePredicates"] =
      ClausePredicates(spec, MergeClauseKind::kNotMatchedBySource);
  txn->SetOperation("MERGE", std::move(params));
  DELTA_RETURN_NOT_OK(ops::TagRowTrackingPreserved(*txn, *snapshot));
  txn->SetOperationMetric("numSourceRows", out.num_source_rows);
  txn->SetOperationMetric("numTargetRowsInserted", out.num_target_rows_inserted);
  txn->SetOperationMetric("numTargetRowsUpdated", out.num_target_rows_updated);
  txn->SetOperationMetric("numTargetRowsMatchedUpdated", out.num_target_rows_matched_updated);
  txn->SetOperationMetric("numTargetRowsNotMatchedBySourceUpdated",
                          out.num_target_rows_not_matched_by_source_updated);
  txn->SetOperationMetric("numTargetRowsDeleted", out.num_target_rows_deleted);
  txn->SetOperationMetric("numTargetRowsMatchedDeleted", out.num_target_rows_matched_deleted);
  txn->SetOperationMetric("numTargetRowsNotMatchedBySourceDeleted",
                          out.num_target_rows_not_matched_by_source_deleted);
  txn->SetOperationMetric("numTargetRowsCopied", out.num_target_rows_copied);
  txn->SetOperationMetric("numOutputRows", out.num_output_rows);
  txn->SetOperationMetric("numTargetFilesAdded", out.num_target_files_added);
  txn->SetOperationMetric("numTargetFilesRemoved", out.num_target_files_removed);
  txn->SetOperationMetric("numTargetChangeFilesAdded", out.num_target_change_files_added);
  txn->SetOperationMetric("numTargetChangeFileBytes", change_bytes);
  txn->SetOperationMetric("numTargetBytesAdded", bytes_added);
  txn->SetOperationMetric("numTargetBytesRemoved", bytes_removed);
  txn->SetOperationMetric("numTargetDeletionVectorsAdded", out.num_target_deletion_vectors_added);
  txn->SetOperationMetric("numTargetDeletionVectorsRemoved",
                          out.num_target_deletion_vectors_removed);
  txn->SetOperationMetric("scanTimeMs", scan_ms);
  txn->SetOperationMetric("rewriteTimeMs", MillisSince(rewrite_start));
  txn->SetOperationMetric("executionTimeMs", MillisSince(start));
  DELTA_ASSIGN_OR_RETURN(out.commit, txn->Commit());
  return out;
}

}  // namespace

Result<MergeResult> MergeInto(std::string_view location, std::shared_ptr<Engine> engine,
                              ArrowArrayStream* source, const MergeSpec& spec,
                              const MergeOptions& options) {
  if (!source || !source->release) return Status::InvalidArgument("MergeInto: no source stream");
  if (!engine) {
    source->release(source);
    return Status::InvalidArgument("MergeInto: no engine");
  }
  return CatchAsStatus("merging into the table", location, [&]() -> Result<MergeResult> {
    return Run(location, engine, source, spec, options);
  });
}

}  // namespace delta
