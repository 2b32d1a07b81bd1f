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
         bool json_manifest, nb::object progress) {
        CheckpointOptions options;
        options.part_size = part_size;
        options.v2_json_manifest = json_manifest;
        // The callback runs on whichever thread reports (sidecars are written in parallel),
        // one call at a time; the first exception it raises stops further calls and is raised
        // once the checkpoint is written (a checkpoint is never left half-published).
        std::optional<nb::python_error> failed;
        if (!progress.is_none()) {
          options.on_progress = [&progress, &failed](const CheckpointProgress& p) {
            nb::gil_scoped_acquire gil;
            if (failed) return;
            try {
              nb::dict d;
              d["actions_written"] = p.actions_written;
              d["actions_total"] = p.actions_total;
              d["files_written"] = p.files_written;
              progress(d);
            } catch (nb::python_error& e) {
              failed.emplace(std::move(e));
            }
          };
        }
        Result<CheckpointResult> written =
            WithoutGil([&] { return WriteCheckpoint(table, version, options); });
        if (failed) throw std::move(*failed);
        CheckpointResult r = ValueOrThrow(std::move(written));
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
      nb::arg("part_size").none() = nb::none(), nb::arg("json_manifest") = false,
      nb::arg("progress").none() = nb::none());
}

}  // namespace delta::python
