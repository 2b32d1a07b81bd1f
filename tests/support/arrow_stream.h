// Reading the Arrow C streams the kernel returns, in tests.
#pragma once

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <memory>

#include "delta/arrow_handles.h"

namespace delta::test {

/// Every batch of `stream` (consumed) as one table, or Arrow's error.
inline arrow::Result<std::shared_ptr<arrow::Table>> ReadStream(ArrowStreamHandle& stream) {
  ARROW_ASSIGN_OR_RAISE(auto reader, arrow::ImportRecordBatchReader(stream.get()));
  return reader->ToTable();
}

}  // namespace delta::test
