// The Arrow read schema for checkpoint parts and sidecar files (PROTOCOL.md, "Checkpoints",
// "Checkpoint Schema"): one nullable struct column per action kind, fields matched by name.
#pragma once

#include "protocol/arrow_schema_builder.h"

namespace delta {

/// Which action columns to read from a checkpoint part or sidecar.
struct CheckpointActionSet {
  bool add = true;
  bool remove = true;
  bool metadata = true;
  bool protocol = true;
  bool txn = true;
  bool domain_metadata = true;
  bool checkpoint_metadata = true;
  bool sidecar = true;

  /// Every action a checkpoint may hold.
  static CheckpointActionSet All() { return {}; }
  /// Only add and remove: what sidecar files hold.
  static CheckpointActionSet FileActionsOnly() {
    return {true, true, false, false, false, false, false, false};
  }
  /// Everything but add and remove: protocol, metadata, txn, domain metadata, and the v2
  /// checkpoint's checkpointMetadata and sidecar pointers.
  static CheckpointActionSet NonFileActions() {
    return {false, false, true, true, true, true, true, true};
  }
};

/// Column names of the action structs in a checkpoint.
inline constexpr const char* kCheckpointAddColumn = "add";
inline constexpr const char* kCheckpointRemoveColumn = "remove";
inline constexpr const char* kCheckpointMetadataColumn = "metaData";
inline constexpr const char* kCheckpointProtocolColumn = "protocol";
inline constexpr const char* kCheckpointTxnColumn = "txn";
inline constexpr const char* kCheckpointDomainMetadataColumn = "domainMetadata";
inline constexpr const char* kCheckpointCheckpointMetadataColumn = "checkpointMetadata";
inline constexpr const char* kCheckpointSidecarColumn = "sidecar";

/// The read schema (a top-level struct) for the chosen action columns. Every field is nullable:
/// a checkpoint row holds one action, and writers may omit optional columns.
ArrowField CheckpointReadSchema(const CheckpointActionSet& actions = CheckpointActionSet::All());

}  // namespace delta
