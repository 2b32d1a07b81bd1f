// Planning tasks for distributed planning: a streamed snapshot's scan split into one task per
// checkpoint part (reconciled on the worker) plus scan tasks of the newer commits' files.
#include <nanobind/stl/map.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <map>
#include <string>
#include <vector>

#include "common.h"
#include "delta/distributed_plan.h"

namespace delta::python {

namespace {

std::string_view Bytes(const nb::bytes& b) { return {b.c_str(), b.size()}; }

}  // namespace

void RegisterPlanningTask(nb::module_& m) {
  m.def(
      "_planning_tasks",
      [](const PyScan& s, size_t max_files_per_task) {
        std::vector<std::string> tasks =
            ValueOrThrow(WithoutGil([&] { return MakePlanningTasks(s.scan, max_files_per_task); }));
        nb::list out;
        for (const std::string& t : tasks) out.append(nb::bytes(t.data(), t.size()));
        return out;
      },
      nb::arg("scan"), nb::arg("max_files_per_task"));
  m.def(
      "_planning_task_scan",
      [](const nb::bytes& task, const std::map<std::string, std::string>& storage_options) {
        std::shared_ptr<Engine> engine = ProcessEngine(storage_options);
        return PyScan{ValueOrThrow(ScanFromPlanningTask(Bytes(task), engine)), engine};
      },
      nb::arg("task"), nb::arg("storage_options"));
  m.def(
      "_describe_planning_task",
      [](const nb::bytes& task) {
        PlanningTaskInfo info = ValueOrThrow(DescribePlanningTask(Bytes(task)));
        nb::dict d;
        d["kind"] = info.kind == PlanningTaskInfo::Kind::kFiles ? "files" : "checkpoint_file";
        d["format_version"] = info.format_version;
        d["table_location"] = info.table_location;
        d["version"] = info.version;
        d["checkpoint_location"] = info.checkpoint_location;
        d["checkpoint_size"] = info.checkpoint_size;
        d["num_shadowing_keys"] = info.num_shadowing_keys;
        d["file_locations"] = info.file_locations;
        d["total_bytes"] = info.total_bytes;
        return d;
      },
      nb::arg("task"));
}

}  // namespace delta::python
