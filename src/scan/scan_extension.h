// Scans with columns beyond the table's and files from somewhere other than the snapshot: how
// the changes feed reuses scan planning (column mapping, projection, filter binding) and
// execution (Parquet reads, DVs, transforms) for its change files.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "delta/scan.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// A column appended after the table's columns, selectable and filterable by name like one.
struct ExtraScanColumn {
  StructField field;  ///< logical name and type
  /// kPartition (value from ScanFile::partition_values[field.name]) or kPartitionOrPhysical
  /// (from there when present, else the data file's column `physical_name`).
  ColumnSource source = ColumnSource::kPartition;
  std::string physical_name;  ///< kPartitionOrPhysical only
};

/// What a scan adds to a snapshot scan.
struct ScanExtension {
  std::vector<ExtraScanColumn> columns;
  /// The files to read, replacing the snapshot's live files (no pruning or skipping applies).
  std::function<std::unique_ptr<ScanFileIterator>()> files;
};

/// Scan::Make with `extension`: its columns follow the table's in the default selection and
/// may be named in ScanOptions::columns and the filter.
Result<std::shared_ptr<const Scan>> MakeExtendedScan(
    std::shared_ptr<const Snapshot> snapshot, ScanOptions options,
    std::shared_ptr<const ScanExtension> extension);

}  // namespace delta
