// Typed literals into Arrow C columns built by the core (protocol/arrow_array_builder.h).
#pragma once

#include "delta/literal.h"
#include "protocol/arrow_array_builder.h"

namespace delta {

/// Appends `v` (a null as a null row) to `b`, whose format must be the Arrow form of v's type
/// (scan_arrow_schema.h).
void AppendLiteral(ArrowArrayBuilder& b, const Literal& v);

}  // namespace delta
