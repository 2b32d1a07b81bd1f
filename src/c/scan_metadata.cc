// The scan's file plan as an Arrow C stream of metadata batches (delta/scan_metadata.h).
#include "delta/scan_metadata.h"
#include "c_api_internal.h"

using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;

extern "C" {

delta_error_code delta_scan_metadata(const delta_scan* scan, struct ArrowArrayStream* out,
                                     delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (scan == nullptr) return NullArgument("delta_scan_metadata", "scan");
    if (out == nullptr) return NullArgument("delta_scan_metadata", "out");
    DELTA_ASSIGN_OR_RETURN(delta::ArrowStreamHandle stream, delta::ScanMetadataStream(scan->scan));
    stream.MoveTo(out);
    return Status::OK();
  });
}

}  // extern "C"
