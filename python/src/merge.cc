// _merge: MergeInto of include/delta/merge.h (see delta_kernel.Table.merge).
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"
#include "delta/merge.h"
#include "delta/table.h"

namespace delta::python {
namespace {

using Assignments = std::vector<std::pair<std::string, std::string>>;
// (kind, action, condition, assignments, star) as the Python builder records them.
using ClauseTuple =
    std::tuple<std::string, std::string, std::optional<std::string>, Assignments, bool>;

MergeClause ToClause(const ClauseTuple& t) {
  const auto& [kind, action, condition, assignments, star] = t;
  MergeClause c;
  if (kind == "matched") {
    c.kind = MergeClauseKind::kMatched;
  } else if (kind == "not_matched") {
    c.kind = MergeClauseKind::kNotMatched;
  } else if (kind == "not_matched_by_source") {
    c.kind = MergeClauseKind::kNotMatchedBySource;
  } else {
    throw StatusError(Status::InvalidArgument("unknown merge clause kind '" + kind + "'"));
  }
  if (action == "update") {
    c.action = MergeAction::kUpdate;
  } else if (action == "delete") {
    c.action = MergeAction::kDelete;
  } else if (action == "insert") {
    c.action = MergeAction::kInsert;
  } else {
    throw StatusError(Status::InvalidArgument("unknown merge action '" + action + "'"));
  }
  c.condition = condition.value_or("");
  c.assignments = assignments;
  c.star = star;
  return c;
}

}  // namespace

void RegisterMerge(nb::module_& m) {
  m.def(
      "_merge",
      [](const Table& table, nb::handle source, const std::string& on,
         const std::string& source_alias, const std::string& target_alias,
         const std::vector<ClauseTuple>& clauses, int max_attempts,
         std::optional<std::string> engine_info, bool row_level_concurrency,
         int32_t max_inline_dv_bytes) {
        MergeSpec spec;
        spec.on = on;
        spec.source_alias = source_alias;
        spec.target_alias = target_alias;
        for (const ClauseTuple& t : clauses) spec.clauses.push_back(ToClause(t));
        MergeOptions o;
        o.transaction.max_attempts = max_attempts;
        if (engine_info) o.transaction.engine_info = std::move(*engine_info);
        o.transaction.row_level_concurrency = row_level_concurrency;
        o.transaction.max_inline_deletion_vector_bytes = max_inline_dv_bytes;
        // Taken last: the stream is released if anything above raised.
        ArrowStreamHandle stream = StreamFromCapsule(source, "source");
        MergeResult r = ValueOrThrow(WithoutGil(
            [&] { return MergeInto(table.location(), table.engine(), stream.get(), spec, o); }));
        nb::dict d;
        d["commit"] = CommitResultDict(r.commit);
        d["num_source_rows"] = r.num_source_rows;
        d["num_target_rows_inserted"] = r.num_target_rows_inserted;
        d["num_target_rows_updated"] = r.num_target_rows_updated;
        d["num_target_rows_matched_updated"] = r.num_target_rows_matched_updated;
        d["num_target_rows_not_matched_by_source_updated"] =
            r.num_target_rows_not_matched_by_source_updated;
        d["num_target_rows_deleted"] = r.num_target_rows_deleted;
        d["num_target_rows_matched_deleted"] = r.num_target_rows_matched_deleted;
        d["num_target_rows_not_matched_by_source_deleted"] =
            r.num_target_rows_not_matched_by_source_deleted;
        d["num_target_rows_copied"] = r.num_target_rows_copied;
        d["num_output_rows"] = r.num_output_rows;
        d["num_target_files_added"] = r.num_target_files_added;
        d["num_target_files_removed"] = r.num_target_files_removed;
        d["num_target_files_read"] = r.num_target_files_read;
        d["num_target_change_files_added"] = r.num_target_change_files_added;
        d["num_target_deletion_vectors_added"] = r.num_target_deletion_vectors_added;
        d["num_target_deletion_vectors_removed"] = r.num_target_deletion_vectors_removed;
        return d;
      },
      nb::arg("table"), nb::arg("source"), nb::arg("on"), nb::arg("source_alias"),
      nb::arg("target_alias"), nb::arg("clauses"), nb::arg("max_attempts") = 20,
      nb::arg("engine_info") = nb::none(), nb::arg("row_level_concurrency") = true,
      nb::arg("max_inline_dv_bytes") = kDefaultMaxInlineDeletionVectorBytes);
}

}  // namespace delta::python
