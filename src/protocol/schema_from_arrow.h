// SchemaFromArrow is public (front ends such as the C ABI convert callers' Arrow schemas with
// it); this header stays for the core's includes.
#pragma once

#include "delta/schema_from_arrow.h"
