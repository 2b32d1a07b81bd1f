// A ScanFile as the dict delta_kernel.ScanFile is built from (shared by Scan.files and
// Scan.plan()).
#pragma once

#include "common.h"

namespace delta::python {

nb::dict ScanFileDict(const ScanFile& f);

}  // namespace delta::python
