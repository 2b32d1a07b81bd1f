// Arrow C Data / C Stream structs handed to Python as PyCapsules, per the Arrow PyCapsule
// interface: names "arrow_schema" / "arrow_array_stream", and a destructor that releases the
// struct unless a consumer moved it out (setting its release callback to null).
#pragma once

#include "common.h"
#include "delta/arrow_handles.h"

namespace delta::python {

nb::object SchemaCapsule(ArrowSchemaHandle schema);
nb::object StreamCapsule(ArrowStreamHandle stream);

}  // namespace delta::python
