// The Arrow schemas of checkpoint parts and sidecar files (PROTOCOL.md, "Checkpoints",
// "Checkpoint Schema"): one nullable struct column per action kind, fields matched by name.
// Both the read and the write schema are generated from protocol/action_schema.h.
#pragma once

#include <string>

#include "delta/status.h"
#include "protocol/action_schema.h"
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

/// Column names of the action structs in a checkpoint (the actions' names in the schema).
inline constexpr const char* kCheckpointAddColumn = action_schema::kAdd.name.data();
inline constexpr const char* kCheckpointRemoveColumn = action_schema::kRemove.name.data();
inline constexpr const char* kCheckpointMetadataColumn = action_schema::kMetadata.name.data();
inline constexpr const char* kCheckpointProtocolColumn = action_schema::kProtocol.name.data();
inline constexpr const char* kCheckpointTxnColumn = action_schema::kTxn.name.data();
inline constexpr const char* kCheckpointDomainMetadataColumn =
    action_schema::kDomainMetadata.name.data();
inline constexpr const char* kCheckpointCheckpointMetadataColumn =
    action_schema::kCheckpointMetadata.name.data();
inline constexpr const char* kCheckpointSidecarColumn = action_schema::kSidecar.name.data();

/// The read schema (a top-level struct) for the chosen action columns. Every field is nullable:
/// a checkpoint row holds one action, and writers may omit optional columns.
ArrowField CheckpointReadSchema(const CheckpointActionSet& actions = CheckpointActionSet::All());

/// The schema a checkpoint writer emits for the chosen action columns: the read schema's
/// fields, with the fields the protocol requires non-nullable (inside their nullable action
/// struct: a row holds one action). V1 checkpoints hold txn, add, remove, metaData, protocol
/// and domainMetadata; V2 ones add checkpointMetadata and sidecar; sidecars add and remove.
/// A writer appends `stats_parsed` / `partitionValues_parsed` to the add struct itself.
ArrowField CheckpointWriteSchema(const CheckpointActionSet& actions = CheckpointActionSet::All());

/// `schema` (a checkpoint file's struct field) as Delta schema JSON, the form
/// `_last_checkpoint.checkpointSchema` records. Unsupported for a type Delta cannot name.
Result<std::string> CheckpointSchemaJson(const ArrowField& schema);

}  // namespace delta
