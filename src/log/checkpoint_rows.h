// Checkpoint rows as Arrow C data: one row per action, in the columns of
// CheckpointWriteSchema, filled from the action schema tables (protocol/action_schema.h) the
// JSON encoder uses too. The writing counterpart of checkpoint_decoder.h.
#pragma once

#include <cstdint>
#include <memory>

#include "delta/actions.h"
#include "log/checkpoint_parsed_columns.h"
#include "log/checkpoint_schema.h"
#include "protocol/arrow_array_builder.h"

namespace delta {

/// Accumulates checkpoint rows and hands them out as record batches.
class CheckpointRowBuilder {
 public:
  /// Rows with the columns of CheckpointWriteSchema(actions), and `parsed`'s columns at the end
  /// of the add struct when given.
  explicit CheckpointRowBuilder(const CheckpointActionSet& actions,
                                std::shared_ptr<const CheckpointParsedColumns> parsed = nullptr);

  /// The schema of every batch (a struct field).
  const ArrowField& schema() const { return schema_; }
  /// Rows appended since the last TakeBatch.
  int64_t rows() const { return rows_; }

  // One row each; the action's column must be in the schema.
  /// A live file; without `json_stats` its `stats` column is left null (the struct
  /// statistics, when the builder has them, are still filled from it).
  void Append(const AddFile& add, bool json_stats = true);
  /// A tombstone: written without stats and tags (PROTOCOL.md, "Checkpoint Schema").
  void Append(const RemoveFile& remove);
  void Append(const Metadata& metadata);
  void Append(const Protocol& protocol);
  void Append(const SetTransaction& txn);
  void Append(const DomainMetadata& domain);
  void Append(const CheckpointMetadata& checkpoint_metadata);
  void Append(const SidecarFile& sidecar);

  /// Moves the rows so far into `out` as one record batch (a struct array).
  void TakeBatch(ArrowArray* out);

 private:
  template <typename S>
  void AppendRow(const S& schema, const typename S::Type& action,
                 const AddFile* parsed_from = nullptr);
  // Brings every action column level with the rows (nulls where another action was
  // appended), and the root with its columns.
  void CatchUp();

  std::shared_ptr<const CheckpointParsedColumns> parsed_;
  ArrowField schema_;
  std::unique_ptr<ArrowArrayBuilder> root_;
  // A row is null in every action column but its own: those nulls are appended in runs, when
  // the column gets its next action or the batch is taken, not one per column per row.
  int64_t rows_ = 0;
  size_t last_column_ = 0;  // where the previous row went (the next one likely goes there too)
};

}  // namespace delta
