// Decodes the rows of Parquet checkpoint parts and sidecar files into typed actions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/arrow_c.h"
#include "delta/arrow_handles.h"
#include "delta/engine.h"
#include "delta/parquet.h"
#include "delta/status.h"
#include "log/checkpoint_schema.h"
#include "protocol/action_batch.h"

namespace delta {

/// Appends every non-null action of one checkpoint batch (a struct array with one column per
/// action kind, as read with CheckpointReadSchema) to `out`. File-action strings, partition
/// values, tags and DV descriptors are copied into out->arena. When the `add` struct has a
/// `stats_parsed` column, adds without JSON `stats` get it rendered from there. Action columns the
/// batch lacks count as all null; unknown columns are ignored. A required field that is null, a
/// column of the wrong type, or a second protocol/metaData/checkpointMetadata action is
/// InvalidTable naming `file_for_errors` and the row (`first_row` + index in this batch).
/// With `borrow_stats`, add statistics stored as JSON are not copied: they point into `array`,
/// which the caller keeps alive for as long as it uses them.
Status DecodeCheckpointBatch(const ArrowSchema& schema, const ArrowArray& array, ActionBatch* out,
                             std::string_view file_for_errors, int64_t first_row = 0,
                             bool borrow_stats = false,
                             const std::vector<RowRange>* row_ranges = nullptr);

/// The error of a failed Arrow stream call (`rc`) while reading checkpoint file `file`:
/// InvalidTable for invalid data (EINVAL), else IoError, with the stream's message.
Status CheckpointStreamError(ArrowArrayStream* stream, int rc, std::string_view file);

/// Reads one checkpoint part, v2 checkpoint or sidecar file batch by batch (the Parquet reader's
/// record batches), so that a caller can process a huge file without holding all of it.
class CheckpointFileReader {
 public:
  /// Opens `file` projecting the columns of `actions` (and `add_stats_parsed`, see below).
  static Result<CheckpointFileReader> Open(Engine& engine, const FileInfo& file,
                                           const CheckpointActionSet& actions,
                                           const ArrowField* add_stats_parsed = nullptr);
  /// Decodes the next batch's actions into `out` (appending); false at the end of the file.
  /// With `batch`, the decoded Arrow batch is handed over and add statistics point into it
  /// rather than into out->arena (for callers that need them only while planning).
  Result<bool> Next(ActionBatch* out, ArrowArrayHandle* batch = nullptr);
  const std::string& location() const { return location_; }

 private:
  std::string location_;
  ArrowStreamHandle stream_;
  ArrowSchemaHandle schema_;
  int64_t row_ = 0;                                  // rows of the stream decoded so far
  std::optional<std::vector<RowRange>> row_ranges_;  // the file's rows the stream holds
};

/// Reads one checkpoint part, v2 checkpoint or sidecar file with the engine's Parquet reader,
/// projecting the columns of `actions`, and decodes all of its rows. With `add_stats_parsed`
/// (StatsParsedField of the table schema) the add struct statistics are read too, and adds
/// whose JSON `stats` are absent get them rendered from the struct form.
Result<ActionBatch> ReadCheckpointFile(
    Engine& engine, const FileInfo& file,
    const CheckpointActionSet& actions = CheckpointActionSet::All(),
    const ArrowField* add_stats_parsed = nullptr);

}  // namespace delta
