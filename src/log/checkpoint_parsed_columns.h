// The typed columns a checkpoint may carry inside `add` (PROTOCOL.md, "Checkpoint Schema"):
// `stats_parsed`, the statistics as a struct (delta.checkpoint.writeStatsAsStruct), and
// `partitionValues_parsed`, the partition values typed by the table schema. Their read side is
// checkpoint_stats.h; both use its StatsParsedField.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"
#include "protocol/arrow_array_builder.h"
#include "protocol/arrow_schema_builder.h"

namespace delta {

/// Fills `stats_parsed` and/or `partitionValues_parsed` for each add of a checkpoint.
class CheckpointParsedColumns {
 public:
  /// For a table with `schema` and `partition_columns`: `stats` adds stats_parsed,
  /// `partition_values` adds partitionValues_parsed (only when the table is partitioned).
  static Result<std::shared_ptr<const CheckpointParsedColumns>> Make(
      const StructType& schema, const std::vector<std::string>& partition_columns, bool stats,
      bool partition_values);
  ~CheckpointParsedColumns();

  /// The fields to append to the checkpoint's `add` struct, in order.
  const std::vector<ArrowField>& fields() const { return fields_; }

  /// Appends one row for `add` to each of fields()' builders (`builders[i]` is fields()[i]'s).
  /// Statistics or partition values that do not parse become nulls: readers then fall back to
  /// the JSON forms, and a checkpoint is never refused for them.
  void Append(const AddFile& add, ArrowArrayBuilder* const* builders) const;

 private:
  struct Plan;
  CheckpointParsedColumns();
  std::vector<ArrowField> fields_;
  std::unique_ptr<Plan> plan_;
};

}  // namespace delta
