// Dates and timestamps Spark wrote in its legacy hybrid calendar (Julian before 1582-10-15):
// Spark 2.x, and Spark 3 with the LEGACY rebase mode, shift such values so that the Julian
// calendar shows the intended year, month and day. Spark reads them back rebased; so does this,
// following Spark's rule for when a file is legacy (its key-value metadata).
#pragma once

#include <memory>

#include <arrow/array.h>
#include <arrow/util/key_value_metadata.h>
#include <parquet/arrow/schema.h>

namespace delta::engine {

/// Which of a file's values were written in the hybrid calendar.
struct SparkRebase {
  bool dates = false;  ///< DATE and INT64 timestamps
  bool int96 = false;  ///< INT96 timestamps
  bool any() const { return dates || int96; }
};

/// Spark's rule: only files Spark wrote (org.apache.spark.version) are legacy, when written
/// before 3.0.0 (dates, INT64) / 3.1.0 (INT96) or marked org.apache.spark.legacyDateTime /
/// org.apache.spark.legacyINT96. Files of other writers are proleptic Gregorian.
SparkRebase SparkRebaseOf(const std::shared_ptr<const arrow::KeyValueMetadata>& file_metadata);

/// `array` (as read from stored column `field`) with legacy dates and timestamps rebased to the
/// proleptic Gregorian calendar, time of day kept (as Spark does in UTC). Returns `array`
/// itself when no value is before 1582-10-15.
arrow::Result<std::shared_ptr<arrow::Array>> RebaseSparkLegacy(
    const std::shared_ptr<arrow::Array>& array, const parquet::arrow::SchemaField& field,
    const parquet::SchemaDescriptor& schema, const SparkRebase& rebase);

}  // namespace delta::engine
