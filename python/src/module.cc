// delta_kernel._core: the C++ kernel and its default engine, for the pure-Python API in
// python/delta_kernel/. Errors arrive as delta_kernel.exceptions classes.
#include "common.h"

NB_MODULE(_core, m) {
  m.doc() = "Native core of delta_kernel (use the delta_kernel package, not this module).";
  delta::python::RegisterErrors(m);
  delta::python::RegisterTable(m);
  delta::python::RegisterSnapshot(m);
  delta::python::RegisterScan(m);
  delta::python::RegisterChanges(m);
}
