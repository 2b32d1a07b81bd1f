// Arrow C Data / C Stream structs handed to Python as PyCapsules, per the Arrow PyCapsule
// interface: names "arrow_schema" / "arrow_array_stream", and a destructor that releases the
// struct unless a consumer moved it out (setting its release callback to null). The reverse,
// for data Python hands the kernel: take the struct out of a producer's capsule.
#pragma once

#include "common.h"
#include "delta/arrow_handles.h"

namespace delta::python {

nb::object SchemaCapsule(ArrowSchemaHandle schema);
nb::object StreamCapsule(ArrowStreamHandle stream);

/// Moves the stream out of an "arrow_array_stream" capsule (the capsule keeps a released
/// struct, as the interface asks of consumers). InvalidArgument naming `what` when `capsule`
/// is not such a capsule or was consumed already.
ArrowStreamHandle StreamFromCapsule(nb::handle capsule, const char* what);
/// The same for an "arrow_schema" capsule.
ArrowSchemaHandle SchemaFromCapsule(nb::handle capsule, const char* what);
/// The same for an "arrow_array" capsule.
ArrowArrayHandle ArrayFromCapsule(nb::handle capsule, const char* what);

}  // namespace delta::python
