// delta_kernel._core: the C++ kernel and its default engine, for the pure-Python API in
// python/delta_kernel/. Errors arrive as delta_kernel.exceptions classes.
#include <string>

#include <nanobind/stl/string.h>

#include "common.h"
#include "delta/timestamp_text.h"

NB_MODULE(_core, m) {
  m.doc() = "Native core of delta_kernel (use the delta_kernel package, not this module).";
  delta::python::RegisterErrors(m);
  delta::python::RegisterTable(m);
  delta::python::RegisterSnapshot(m);
  delta::python::RegisterScan(m);
  delta::python::RegisterChanges(m);
  delta::python::RegisterTransaction(m);
  delta::python::RegisterWriteTable(m);
  delta::python::RegisterDelete(m);
  delta::python::RegisterUpdate(m);
  delta::python::RegisterMerge(m);
  delta::python::RegisterOptimize(m);
  delta::python::RegisterMaintenance(m);
  delta::python::RegisterCheckpoint(m);
  delta::python::RegisterLogCleanup(m);
  delta::python::RegisterPlainStream(m);
  delta::python::RegisterScanMetadata(m);
  delta::python::RegisterScanPlan(m);
  delta::python::RegisterScanTask(m);
  delta::python::RegisterPlanningTask(m);
  // One timestamp grammar for every front end (the CLI's), whatever datetime.fromisoformat
  // accepts on the running Python version.
  m.def(
      "parse_timestamp_ms",
      [](const std::string& text) {
        return delta::python::ValueOrThrow(delta::ParseTimestampMillis(text));
      },
      nanobind::arg("text"));
}
