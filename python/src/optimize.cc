// _optimize: OPTIMIZE of include/delta/optimize.h (see delta_kernel.Table.optimize).
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>
#include <vector>

#include "common.h"
#include "delta/optimize.h"
#include "delta/table.h"

namespace delta::python {

void RegisterOptimize(nb::module_& m) {
  m.def(
      "_optimize",
      [](const Table& table, std::optional<std::string> predicate, std::vector<std::string> z_order,
         std::optional<int64_t> target_size, std::optional<int64_t> min_file_size,
         int max_attempts) {
        OptimizeOptions o;
        if (predicate) o.predicate = std::move(*predicate);
        o.z_order = std::move(z_order);
        o.target_size = target_size;
        o.min_file_size = min_file_size;
        o.transaction.max_attempts = max_attempts;
        OptimizeResult r =
            ValueOrThrow(WithoutGil([&] { return Optimize(table.location(), table.engine(), o); }));
        nb::dict d;
        d["files_considered"] = r.files_considered;
        d["files_removed"] = r.files_removed;
        d["files_added"] = r.files_added;
        d["bytes_removed"] = r.bytes_removed;
        d["bytes_added"] = r.bytes_added;
        d["partitions_optimized"] = r.partitions_optimized;
        d["bins"] = r.bins;
        d["deletion_vectors_removed"] = r.deletion_vectors_removed;
        d["rows_written"] = r.rows_written;
        d["commit"] = r.commit ? nb::object(CommitResultDict(*r.commit)) : nb::none();
        return d;
      },
      nb::arg("table"), nb::arg("predicate").none(), nb::arg("z_order"),
      nb::arg("target_size").none(), nb::arg("min_file_size").none(), nb::arg("max_attempts") = 20);
}

}  // namespace delta::python
