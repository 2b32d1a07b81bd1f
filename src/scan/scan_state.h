// Everything a Scan holds. Internal to the scan layer (and the engine that executes scans).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/schema.h"
#include "delta/snapshot.h"
#include "delta/table_properties.h"

namespace delta {

struct ScanExtension;

struct ScanState {
  std::shared_ptr<const Snapshot> snapshot;
  ScanOptions options;
  ExprPtr bound_filter;
  ColumnMappingMode mapping_mode = ColumnMappingMode::kNone;
  std::shared_ptr<const StructType> output_schema;
  std::shared_ptr<const StructType> working_schema;
  std::shared_ptr<const StructType> physical_schema;
  std::vector<ColumnTransform> transforms;
  std::vector<std::string> partition_columns;
  /// Per partition column: the key of its value in the log's partitionValues.
  std::vector<std::string> partition_log_keys;
  std::vector<DataTypePtr> partition_types;
  /// Extra columns and another file source (the changes feed); null for table scans.
  std::shared_ptr<const ScanExtension> extension;
};

}  // namespace delta
