// MERGE in the C ABI: a delta_merge builder over MergeSpec, executed with MergeInto
// (include/delta/merge.h).
#include "delta/merge.h"
#include "c_api_internal.h"
#include "commit_options.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnHandle;
using delta::c_api::ReturnStatus;

struct delta_merge {
  delta::MergeSpec spec;
};

extern "C" {

delta_merge* delta_merge_new(const char* on, const char* source_alias, const char* target_alias,
                             delta_error** error) {
  return ReturnHandle<delta_merge>(error, [&]() -> delta::Result<delta_merge*> {
    if (on == nullptr) return NullArgument("delta_merge_new", "on");
    delta_merge* m = delta::c_api::New<delta_merge>();
    m->spec.on = on;
    if (source_alias != nullptr) m->spec.source_alias = source_alias;
    if (target_alias != nullptr) m->spec.target_alias = target_alias;
    return m;
  });
}

void delta_merge_free(delta_merge* merge) { delete merge; }

delta_error_code delta_merge_add_clause(delta_merge* merge, delta_merge_clause_kind kind,
                                        delta_merge_action action, const char* condition,
                                        const char* const* columns, const char* const* expressions,
                                        size_t count, int star, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_merge_add_clause";
    if (merge == nullptr) return NullArgument(kFn, "merge");
    if (kind < DELTA_MERGE_MATCHED || kind > DELTA_MERGE_NOT_MATCHED_BY_SOURCE) {
      return Status::InvalidArgument("delta_merge_add_clause: unknown clause kind " +
                                     std::to_string(static_cast<int>(kind)));
    }
    if (action < DELTA_MERGE_UPDATE || action > DELTA_MERGE_INSERT) {
      return Status::InvalidArgument("delta_merge_add_clause: unknown action " +
                                     std::to_string(static_cast<int>(action)));
    }
    if (count > 0 && (columns == nullptr || expressions == nullptr)) {
      return NullArgument(kFn, "columns or expressions");
    }
    delta::MergeClause c;
    c.kind = static_cast<delta::MergeClauseKind>(kind);
    c.action = static_cast<delta::MergeAction>(action);
    if (condition != nullptr) c.condition = condition;
    c.star = star != 0;
    for (size_t i = 0; i < count; ++i) {
      if (columns[i] == nullptr || expressions[i] == nullptr) {
        return Status::InvalidArgument("delta_merge_add_clause: column or expression " +
                                       std::to_string(i) + " is NULL");
      }
      c.assignments.emplace_back(columns[i], expressions[i]);
    }
    if (c.action != delta::MergeAction::kDelete && !c.star && c.assignments.empty()) {
      return Status::InvalidArgument(
          "delta_merge_add_clause: an UPDATE or INSERT clause needs star = 1 or assignments");
    }
    merge->spec.clauses.push_back(std::move(c));
    return Status::OK();
  });
}

delta_error_code delta_merge_execute(const delta_merge* merge, const char* location,
                                     const delta_engine* engine, struct ArrowArrayStream* source,
                                     delta_merge_result* result, delta_error** error) {
  return delta_merge_execute_with_options(merge, location, engine, source, nullptr, result, error);
}

delta_error_code delta_merge_execute_with_options(const delta_merge* merge, const char* location,
                                                  const delta_engine* engine,
                                                  struct ArrowArrayStream* source,
                                                  const delta_dml_options* options,
                                                  delta_merge_result* result, delta_error** error) {
  delta::ArrowStreamHandle stream = delta::c_api::TakeStream(source);
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_merge_execute";
    if (merge == nullptr) return NullArgument(kFn, "merge");
    if (location == nullptr) return NullArgument(kFn, "location");
    if (engine == nullptr) return NullArgument(kFn, "engine");
    if (!stream.valid()) return NullArgument(kFn, "source (or its release callback)");
    delta::MergeOptions opts;
    DELTA_RETURN_NOT_OK(delta::c_api::ToDmlOptions(kFn, options, &opts));
    DELTA_ASSIGN_OR_RETURN(delta::MergeResult r, delta::MergeInto(location, engine->engine,
                                                                  stream.get(), merge->spec, opts));
    if (result != nullptr) {
      delta::c_api::FillCommitResult(r.commit, &result->commit);
      result->num_source_rows = r.num_source_rows;
      result->num_target_rows_inserted = r.num_target_rows_inserted;
      result->num_target_rows_updated = r.num_target_rows_updated;
      result->num_target_rows_deleted = r.num_target_rows_deleted;
      result->num_target_rows_copied = r.num_target_rows_copied;
      result->num_target_files_added = r.num_target_files_added;
      result->num_target_files_removed = r.num_target_files_removed;
      result->num_target_deletion_vectors_added = r.num_target_deletion_vectors_added;
      result->num_target_change_files_added = r.num_target_change_files_added;
    }
    return Status::OK();
  });
}

}  // extern "C"
