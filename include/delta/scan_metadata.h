// A scan's file plan as a stream of Arrow batches: the columns of the log's add actions plus
// the typed partition values, and a selection vector saying which rows the scan reads. No
// per-file object is made on the way, so an engine (or a language binding) can plan a scan of
// millions of files holding only the batches in flight.
//
//   DELTA_ASSIGN_OR_RETURN(auto batches, scan->MetadataBatches());
//   while (true) {
//     DELTA_ASSIGN_OR_RETURN(std::optional<ScanMetadataBatch> b, batches->Next());
//     if (!b) break;
//     // b->array: struct rows of ScanMetadataSchema(); read the rows where b->selection[i]
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "delta/arrow_handles.h"
#include "delta/scan.h"
#include "delta/status.h"

namespace delta {

/// One batch of a scan's file plan. `array` is a struct array (no nulls at the top level)
/// with these columns, in order:
///   path                     utf8, not null   the path as written in the log (relative to
///                                             the table root, URI-encoded, or an absolute URI)
///   size                     int64, not null  bytes
///   modificationTime         int64, not null  milliseconds since the epoch
///   stats                    utf8             the raw JSON statistics; null when absent
///   deletionVector           struct<storageType: utf8, pathOrInlineDv: utf8, offset: int32,
///                            sizeInBytes: int32, cardinality: int64>; null when none
///   baseRowId                int64            row tracking
///   defaultRowCommitVersion  int64            row tracking
///   partitionValues          struct, not null one child per partition column (logical
///                            name, table type as in Scan::OutputArrowSchema()); null where
///                            the log has none. Empty struct for unpartitioned tables.
///   selected                 bool, not null   the selection vector as a column
/// A row is a live file of the snapshot; `selected` (and `selection`) is true for those the
/// scan reads: not pruned by partition values or only_files, not skipped by statistics.
struct ScanMetadataBatch {
  ArrowArrayHandle array;
  /// The `selected` column as bytes (1 = read the file), one per row.
  std::vector<uint8_t> selection;
  /// Counts over this batch's rows (selected_files = the number of 1s in `selection`).
  ScanCounts counts;
};

/// Pulls a scan's metadata batches in order while later ones are planned ahead on the
/// engine's executor. Not thread-safe.
class ScanMetadataIterator {
 public:
  virtual ~ScanMetadataIterator() = default;
  /// The next batch, or nullopt when there are no more. Errors (a malformed partition value)
  /// name the file; once one is returned every later call returns it too.
  virtual Result<std::optional<ScanMetadataBatch>> Next() = 0;
  /// Counts over the batches returned so far (all of them once Next() returned nullopt).
  virtual ScanCounts counts() const = 0;
};

/// The ScanFiles of `batch`'s selected rows, in row order: what Scan::FileIterator() hands out
/// for them. `batch` is one of scan.MetadataBatches(), or one with the same columns (e.g.
/// exported again by an engine that kept it). The files hold copies of what their views point
/// to (ScanFile::owner), so `batch` may be released afterwards. InvalidArgument when the
/// selection does not match the rows; InvalidTable naming a column of another layout.
Result<std::vector<ScanFile>> SelectedScanFiles(const Scan& scan, const ScanMetadataBatch& batch);

/// The Arrow C schema of the scan's metadata batches (see ScanMetadataBatch): a struct whose
/// partitionValues child follows the scan's table.
Result<ArrowSchemaHandle> ScanMetadataSchema(const Scan& scan);

/// The scan's metadata batches as an Arrow C stream of ScanMetadataSchema() (the selection is
/// its `selected` column). Pulling it plans the scan; an error is the stream's error.
Result<ArrowStreamHandle> ScanMetadataStream(std::shared_ptr<const Scan> scan);

}  // namespace delta
