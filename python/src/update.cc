// _update: UpdateRows of include/delta/update.h (see delta_kernel.Table.update).
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common.h"
#include "delta/table.h"
#include "delta/update.h"

namespace delta::python {

void RegisterUpdate(nb::module_& m) {
  m.def(
      "_update",
      [](const Table& table, std::vector<std::pair<std::string, std::string>> set,
         std::optional<std::string> predicate, std::optional<std::string> app_id,
         std::optional<int64_t> app_version, int max_attempts,
         std::optional<std::string> engine_info, bool row_level_concurrency,
         int32_t max_inline_dv_bytes) {
        UpdateOptions o;
        if (app_id) o.app_transaction = AppTransaction{std::move(*app_id), app_version.value_or(0)};
        o.transaction.max_attempts = max_attempts;
        if (engine_info) o.transaction.engine_info = std::move(*engine_info);
        o.transaction.row_level_concurrency = row_level_concurrency;
        o.transaction.max_inline_deletion_vector_bytes = max_inline_dv_bytes;
        UpdateResult r = ValueOrThrow(WithoutGil([&] {
          return UpdateRows(table.location(), table.engine(), predicate.value_or(""), set, o);
        }));
        nb::dict d;
        d["commit"] = CommitResultDict(r.commit);
        d["num_updated_rows"] = r.num_updated_rows;
        d["num_copied_rows"] = r.num_copied_rows;
        d["num_added_files"] = r.num_added_files;
        d["num_removed_files"] = r.num_removed_files;
        d["num_deletion_vectors_added"] = r.num_deletion_vectors_added;
        d["num_deletion_vectors_removed"] = r.num_deletion_vectors_removed;
        d["num_added_change_files"] = r.num_added_change_files;
        return d;
      },
      nb::arg("table"), nb::arg("set"), nb::arg("predicate").none(), nb::arg("app_id").none(),
      nb::arg("app_version").none(), nb::arg("max_attempts") = 20,
      nb::arg("engine_info") = nb::none(), nb::arg("row_level_concurrency") = true,
      nb::arg("max_inline_dv_bytes") = kDefaultMaxInlineDeletionVectorBytes);
}

}  // namespace delta::python
