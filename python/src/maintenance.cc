// _vacuum and _restore: the maintenance operations of include/delta/vacuum.h and
// include/delta/restore.h (see delta_kernel.Table.vacuum and delta_kernel.Table.restore).
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>

#include "common.h"
#include "delta/restore.h"
#include "delta/table.h"
#include "delta/vacuum.h"

namespace delta::python {

void RegisterMaintenance(nb::module_& m) {
  m.def(
      "_vacuum",
      [](const Table& table, std::optional<int64_t> retention_ms, bool dry_run,
         bool enforce_retention, bool lite) {
        VacuumOptions o;
        o.retention_ms = retention_ms;
        o.dry_run = dry_run;
        o.enforce_retention = enforce_retention;
        o.mode = lite ? VacuumMode::kLite : VacuumMode::kFull;
        VacuumResult r = ValueOrThrow(WithoutGil([&] { return Vacuum(table, o); }));
        nb::dict d;
        d["files"] = r.files_deleted;
        d["bytes"] = r.bytes;
        d["dry_run"] = r.dry_run;
        d["snapshot_version"] = r.snapshot_version;
        d["retention_ms"] = r.retention_ms;
        d["cutoff_ms"] = r.cutoff_ms;
        d["start_version"] = r.start_version ? nb::object(nb::int_(*r.start_version)) : nb::none();
        d["end_version"] = r.end_version ? nb::object(nb::int_(*r.end_version)) : nb::none();
        return d;
      },
      nb::arg("table"), nb::arg("retention_ms").none(), nb::arg("dry_run"),
      nb::arg("enforce_retention"), nb::arg("lite"));

  m.def(
      "_restore",
      [](const Table& table, std::optional<int64_t> version, std::optional<int64_t> timestamp_ms) {
        RestoreResult r = ValueOrThrow(WithoutGil([&] {
          return version ? RestoreTable(table, *version)
                         : RestoreTableToTimestamp(table, timestamp_ms.value_or(0));
        }));
        nb::dict d;
        d["commit"] = CommitResultDict(r.commit);
        d["restored_version"] = r.restored_version;
        d["num_restored_files"] = r.num_restored_files;
        d["restored_files_size"] = r.restored_files_size;
        d["num_removed_files"] = r.num_removed_files;
        d["removed_files_size"] = r.removed_files_size;
        d["num_files_after"] = r.num_files_after;
        d["table_size_after"] = r.table_size_after;
        return d;
      },
      nb::arg("table"), nb::arg("version").none(), nb::arg("timestamp_ms").none());
}

}  // namespace delta::python
