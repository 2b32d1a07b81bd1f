// _Changes: a table's change data feed over a range of versions, as an Arrow C stream.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"
#include "delta/changes.h"
#include "delta/scan_execution.h"
#include "delta/table.h"

namespace delta::python {

namespace {

struct PyChanges {
  std::shared_ptr<const ChangesScan> changes;
  std::shared_ptr<Engine> engine;
};

}  // namespace

void RegisterChanges(nb::module_& m) {
  nb::class_<PyChanges>(m, "_Changes", "A change data feed read (see delta_kernel.Changes).")
      .def_prop_ro("start_version", [](const PyChanges& c) { return c.changes->start_version(); })
      .def_prop_ro("end_version", [](const PyChanges& c) { return c.changes->end_version(); })
      .def("arrow_schema",
           [](const PyChanges& c) {
             return SchemaCapsule(ValueOrThrow(c.changes->OutputArrowSchema()));
           })
      .def("output_schema_json",
           [](const PyChanges& c) { return c.changes->output_schema()->ToJson(); })
      .def("stream", [](const PyChanges& c) {
        return StreamCapsule(
            ValueOrThrow(WithoutGil([&] { return ExecuteChanges(c.changes, c.engine); })));
      });

  m.def(
      "_changes",
      [](const Table& table, std::optional<int64_t> start_version,
         std::optional<int64_t> start_timestamp_ms, std::optional<int64_t> end_version,
         std::optional<int64_t> end_timestamp_ms, std::optional<std::vector<std::string>> columns,
         std::optional<std::string> filter, std::optional<int64_t> limit) {
        ChangesOptions opts;
        opts.start_version = start_version;
        opts.start_timestamp_ms = start_timestamp_ms;
        opts.end_version = end_version;
        opts.end_timestamp_ms = end_timestamp_ms;
        opts.columns = std::move(columns);
        if (filter) opts.filter = ValueOrThrow(ParseExpression(*filter));
        if (limit && *limit < 0) {
          throw StatusError(
              Status::InvalidArgument("limit must be >= 0, got " + std::to_string(*limit)));
        }
        opts.limit = limit;
        // Make reads the range's commits: no GIL needed for that.
        std::shared_ptr<const ChangesScan> changes =
            ValueOrThrow(WithoutGil([&] { return ChangesScan::Make(table, std::move(opts)); }));
        return PyChanges{std::move(changes), table.engine()};
      },
      nb::arg("table"), nb::arg("start_version").none(), nb::arg("start_timestamp_ms").none(),
      nb::arg("end_version").none(), nb::arg("end_timestamp_ms").none(), nb::arg("columns").none(),
      nb::arg("filter").none(), nb::arg("limit").none(),
      "Plans a read of the change data feed of `table` (see delta_kernel.Table.changes).");
}

}  // namespace delta::python
