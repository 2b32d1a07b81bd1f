// Builds the rows of a scan's metadata batches (delta/scan_metadata.h) from add actions, one
// block of planning work at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "delta/actions.h"
#include "delta/scan.h"
#include "delta/scan_metadata.h"
#include "protocol/arrow_array_builder.h"
#include "protocol/arrow_schema_builder.h"
#include "scan/scan_state.h"

namespace delta {

/// The struct field of the batches of `scan` (ScanMetadataBatch's columns). Unsupported when
/// a partition column's type has no Arrow form.
Result<ArrowField> ScanMetadataField(const ScanState& scan);

/// One batch in the making. Not thread-safe; one per block.
class ScanMetadataBuilder {
 public:
  /// `field` (from ScanMetadataField) and `scan` must outlive the builder.
  ScanMetadataBuilder(const ArrowField& field, const ScanState& scan);

  /// A row for `add`: `values` are its typed partition values (null: not parsed, all null),
  /// `selected` whether the scan reads the file.
  void Append(const AddFile& add, const PartitionValues* values, bool selected);
  int64_t length() const { return rows_.length(); }

  /// The rows appended so far as a batch with `counts`.
  ScanMetadataBatch Finish(const ScanCounts& counts);

 private:
  const ScanState& scan_;
  ArrowArrayBuilder rows_;
  std::vector<uint8_t> selection_;
};

}  // namespace delta
