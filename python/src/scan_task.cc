// Scan tasks for distributed reads: a scan split into bytes on the driver, each turned back into
// a _Scan (rows without the log) on a worker.
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <map>
#include <string>
#include <vector>

#include "common.h"
#include "delta/scan_task.h"

namespace delta::python {

namespace {

std::string_view Bytes(const nb::bytes& b) { return {b.c_str(), b.size()}; }

}  // namespace

void RegisterScanTask(nb::module_& m) {
  m.def(
      "_scan_tasks",
      [](const PyScan& s, size_t max_files_per_task) {
        std::vector<std::string> tasks =
            ValueOrThrow(WithoutGil([&] { return MakeScanTasks(s.scan, max_files_per_task); }));
        nb::list out;
        for (const std::string& t : tasks) out.append(nb::bytes(t.data(), t.size()));
        return out;
      },
      nb::arg("scan"), nb::arg("max_files_per_task"));
  m.def(
      "_task_scan",
      [](const nb::bytes& task, const std::map<std::string, std::string>& storage_options) {
        std::shared_ptr<Engine> engine = ProcessEngine(storage_options);
        return PyScan{ValueOrThrow(ScanFromTask(Bytes(task), engine)), engine};
      },
      nb::arg("task"), nb::arg("storage_options"));
  m.def(
      "_describe_task",
      [](const nb::bytes& task) {
        ScanTaskInfo info = ValueOrThrow(DescribeScanTask(Bytes(task)));
        nb::dict d;
        d["format_version"] = info.format_version;
        d["table_location"] = info.table_location;
        d["version"] = info.version;
        d["file_locations"] = info.file_locations;
        d["total_bytes"] = info.total_bytes;
        d["num_records"] = info.num_records ? nb::cast(*info.num_records) : nb::none();
        return d;
      },
      nb::arg("task"));
}

}  // namespace delta::python
