// The file keys of a checkpoint file's adds, and nothing else: add.path and the deletion
// vector's identity (storageType, pathOrInlineDv, offset), read with a column projection a
// Parquet batch at a time. What deciding whether a v2 sidecar can be reused compares: none of
// its statistics, partition values or tags are read or decoded.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "delta/actions.h"
#include "delta/arrow_handles.h"
#include "delta/engine.h"
#include "delta/status.h"

namespace delta {

class CheckpointAddKeyReader {
 public:
  /// Called once per add row: its path and deletion vector (nullptr when it has none), valid
  /// during the call only. Only the fields a file key uses are set in the descriptor.
  using OnAdd = std::function<void(std::string_view path, const DeletionVectorDescriptor* dv)>;

  static Result<CheckpointAddKeyReader> Open(Engine& engine, const FileInfo& file);
  /// Calls `on_add` for every add of the next batch; false at the end of the file. A null
  /// path or DV field the protocol requires, or a DV storageType that is not one letter, is
  /// InvalidTable naming the file.
  Result<bool> Next(const OnAdd& on_add);

 private:
  std::string location_;
  ArrowStreamHandle stream_;
  ArrowSchemaHandle schema_;
};

}  // namespace delta
