// _checkpoint: WriteCheckpoint (delta/checkpoint.h) for Table.checkpoint(), with the log
// cleanup that follows it.
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <optional>

#include "common.h"
#include "delta/checkpoint.h"
#include "delta/table.h"

namespace delta::python {

nb::dict LogCleanupToDict(const LogCleanupResult& r);  // log_cleanup.cc

void RegisterCheckpoint(nb::module_& m) {
  m.def(
      "_checkpoint",
      [](const Table& table, std::optional<int64_t> version, std::optional<int64_t> part_size,
         bool json_manifest) {
        CheckpointOptions options;
        options.part_size = part_size;
        options.v2_json_manifest = json_manifest;
        CheckpointResult r =
            ValueOrThrow(WithoutGil([&] { return WriteCheckpoint(table, version, options); }));
        nb::list files;
        for (const CheckpointFileWritten& f : r.files) {
          nb::dict d;
          d["location"] = f.location;
          d["size_in_bytes"] = f.size_in_bytes;
          d["actions"] = f.actions;
          files.append(d);
        }
        nb::list warnings;
        for (const std::string& w : r.warnings) warnings.append(w);
        nb::dict out;
        out["version"] = r.version;
        out["kind"] = CheckpointKindName(r.kind);
        out["files"] = files;
        out["num_of_add_files"] = r.num_of_add_files;
        out["num_of_tombstones"] = r.num_of_tombstones;
        out["actions"] = r.actions;
        out["size_in_bytes"] = r.size_in_bytes;
        out["sidecars_reused"] = r.sidecars_reused;
        out["parts"] = r.parts;
        out["last_checkpoint_updated"] = r.last_checkpoint_updated;
        out["warnings"] = warnings;
        out["log_cleanup"] =
            r.log_cleanup ? nb::object(LogCleanupToDict(*r.log_cleanup)) : nb::none();
        return out;
      },
      nb::arg("table"), nb::arg("version").none() = nb::none(),
      nb::arg("part_size").none() = nb::none(), nb::arg("json_manifest") = false);
}

}  // namespace delta::python
