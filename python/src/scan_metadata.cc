// A scan's file plan as an Arrow C stream of metadata batches (delta/scan_metadata.h).
#include "delta/scan_metadata.h"
#include "arrow_capsules.h"
#include "common.h"

namespace delta::python {

void RegisterScanMetadata(nb::module_& m) {
  m.def(
      "_scan_metadata_stream",
      [](const PyScan& s) {
        // Planning runs ahead on the engine's threads as the consumer pulls, without the GIL.
        return StreamCapsule(ValueOrThrow(WithoutGil([&] { return ScanMetadataStream(s.scan); })));
      },
      nb::arg("scan"));
  m.def(
      "_scan_metadata_schema",
      [](const PyScan& s) { return SchemaCapsule(ValueOrThrow(ScanMetadataSchema(*s.scan))); },
      nb::arg("scan"));
}

}  // namespace delta::python
