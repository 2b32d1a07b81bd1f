// _delete: DeleteRows of include/delta/delete.h (see delta_kernel.Table.delete).
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <optional>
#include <string>

#include "common.h"
#include "delta/delete.h"
#include "delta/table.h"

namespace delta::python {

void RegisterDelete(nb::module_& m) {
  m.def(
      "_delete",
      [](const Table& table, std::optional<std::string> predicate,
         std::optional<std::string> app_id, std::optional<int64_t> app_version, int max_attempts,
         std::optional<std::string> engine_info, bool row_level_concurrency,
         int32_t max_inline_dv_bytes) {
        DeleteOptions o;
        if (app_id) o.app_transaction = AppTransaction{std::move(*app_id), app_version.value_or(0)};
        o.transaction.max_attempts = max_attempts;
        if (engine_info) o.transaction.engine_info = std::move(*engine_info);
        o.transaction.row_level_concurrency = row_level_concurrency;
        o.transaction.max_inline_deletion_vector_bytes = max_inline_dv_bytes;
        DeleteResult r = ValueOrThrow(WithoutGil([&] {
          return DeleteRows(table.location(), table.engine(), predicate.value_or(""), o);
        }));
        nb::dict d;
        d["commit"] = CommitResultDict(r.commit);
        d["num_deleted_rows"] = r.num_deleted_rows;
        d["num_removed_files"] = r.num_removed_files;
        d["num_added_files"] = r.num_added_files;
        d["num_copied_rows"] = r.num_copied_rows;
        d["num_deletion_vectors_added"] = r.num_deletion_vectors_added;
        d["num_deletion_vectors_removed"] = r.num_deletion_vectors_removed;
        d["num_added_change_files"] = r.num_added_change_files;
        return d;
      },
      nb::arg("table"), nb::arg("predicate").none(), nb::arg("app_id").none(),
      nb::arg("app_version").none(), nb::arg("max_attempts") = 20,
      nb::arg("engine_info") = nb::none(), nb::arg("row_level_concurrency") = true,
      nb::arg("max_inline_dv_bytes") = kDefaultMaxInlineDeletionVectorBytes);
}

}  // namespace delta::python
