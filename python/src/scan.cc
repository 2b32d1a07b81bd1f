// _Scan: a planned scan; its rows as an Arrow C stream, its schema, and its file plan.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>
#include <vector>

#include "arrow_capsules.h"
#include "common.h"
#include "delta/scan_execution.h"
#include "literal_to_python.h"
#include "scan_file_dict.h"

namespace delta::python {

namespace {

template <typename T>
nb::object OptionalValue(const std::optional<T>& v) {
  return v ? nb::cast(*v) : nb::none();
}

nb::object DeletionVectorDict(const DeletionVectorDescriptor* dv) {
  if (dv == nullptr) return nb::none();
  nb::dict d;
  d["storage_type"] = std::string(1, dv->storage_type);
  d["path_or_inline"] = std::string(dv->path_or_inline);
  d["offset"] = OptionalValue(dv->offset);
  d["size_in_bytes"] = dv->size_in_bytes;
  d["cardinality"] = dv->cardinality;
  d["unique_id"] = dv->UniqueId();
  return d;
}

}  // namespace

nb::dict ScanFileDict(const ScanFile& f) {
  nb::dict d;
  d["location"] = f.location;
  d["path"] = std::string(f.path);
  d["size"] = f.size;
  d["modification_time"] = f.modification_time;
  d["num_records"] = OptionalValue(f.num_records);
  nb::dict pv;
  for (const auto& [name, value] : f.partition_values) pv[name.c_str()] = LiteralToPython(value);
  d["partition_values"] = pv;
  d["deletion_vector"] = DeletionVectorDict(f.deletion_vector);
  d["base_row_id"] = OptionalValue(f.base_row_id);
  d["default_row_commit_version"] = OptionalValue(f.default_row_commit_version);
  return d;
}

void RegisterScan(nb::module_& m) {
  nb::class_<PyScan>(m, "_Scan", "A planned scan (see delta_kernel.Scan).")
      .def("arrow_schema",
           [](const PyScan& s) { return SchemaCapsule(ValueOrThrow(s.scan->OutputArrowSchema())); })
      .def("stream",
           [](const PyScan& s) {
             // Each call runs the scan anew; batches are produced on the engine's threads and
             // pulled by the consumer, which never needs the GIL for it.
             return StreamCapsule(
                 ValueOrThrow(WithoutGil([&] { return ExecuteScan(s.scan, s.engine); })));
           })
      .def("files",
           [](const PyScan& s) {
             ScanCounts counts;
             std::vector<ScanFile> files =
                 ValueOrThrow(WithoutGil([&] { return s.scan->Files(&counts); }));
             nb::list out;
             for (const ScanFile& f : files) out.append(ScanFileDict(f));
             nb::dict c;
             c["total_files"] = counts.total_files;
             c["pruned_by_partition"] = counts.pruned_by_partition;
             c["skipped_by_stats"] = counts.skipped_by_stats;
             c["selected_files"] = counts.selected_files;
             return nb::make_tuple(out, c);
           })
      .def("output_schema_json", [](const PyScan& s) { return s.scan->output_schema()->ToJson(); })
      .def_prop_ro("bound_filter",
                   [](const PyScan& s) -> std::optional<std::string> {
                     if (!s.scan->bound_filter()) return std::nullopt;
                     return s.scan->bound_filter()->ToString();
                   })
      .def_prop_ro("version", [](const PyScan& s) { return s.scan->snapshot()->version(); });
}

}  // namespace delta::python
