// Deep copies of Arrow C schemas, so a borrowed `const ArrowSchema*` can be imported (Arrow's
// importer consumes what it is given).
#pragma once

#include "delta/arrow_c.h"

namespace delta::engine {

/// Writes an independent copy of `src` (children, dictionary, metadata) into `*out`, which
/// owns it through its release callback.
void CopyArrowSchema(const ArrowSchema& src, ArrowSchema* out);

}  // namespace delta::engine
