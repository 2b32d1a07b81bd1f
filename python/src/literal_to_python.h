// delta::Literal -> the natural Python value (int, float, str, bytes, bool, datetime.date,
// datetime.datetime, decimal.Decimal, None).
#pragma once

#include "common.h"
#include "delta/literal.h"

namespace delta::python {

nb::object LiteralToPython(const Literal& value);

}  // namespace delta::python
