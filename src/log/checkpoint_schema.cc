#include "log/checkpoint_schema.h"

#include <utility>
#include <vector>

namespace delta {
namespace {

using F = ArrowField;

ArrowField DeletionVectorField() {
  return F::Struct("deletionVector",
                   {F::String("storageType"), F::String("pathOrInlineDv"), F::Int32("offset"),
                    F::Int32("sizeInBytes"), F::Int64("cardinality")});
}

ArrowField AddField() {
  return F::Struct(kCheckpointAddColumn,
                   {F::String("path"), F::StringMap("partitionValues"), F::Int64("size"),
                    F::Int64("modificationTime"), F::Bool("dataChange"), F::String("stats"),
                    F::StringMap("tags"), DeletionVectorField(), F::Int64("baseRowId"),
                    F::Int64("defaultRowCommitVersion"), F::String("clusteringProvider")});
}

ArrowField RemoveField() {
  return F::Struct(
      kCheckpointRemoveColumn,
      {F::String("path"), F::Int64("deletionTimestamp"), F::Bool("dataChange"),
       F::Bool("extendedFileMetadata"), F::StringMap("partitionValues"), F::Int64("size"),
       F::String("stats"), F::StringMap("tags"), DeletionVectorField(), F::Int64("baseRowId"),
       F::Int64("defaultRowCommitVersion")});
}

ArrowField MetadataField() {
  return F::Struct(kCheckpointMetadataColumn,
                   {F::String("id"), F::String("name"), F::String("description"),
                    F::Struct("format", {F::String("provider"), F::StringMap("options")}),
                    F::String("schemaString"), F::List("partitionColumns", F::String("element")),
                    F::StringMap("configuration"), F::Int64("createdTime")});
}

ArrowField ProtocolField() {
  return F::Struct(kCheckpointProtocolColumn,
                   {F::Int32("minReaderVersion"), F::Int32("minWriterVersion"),
                    F::List("readerFeatures", F::String("element")),
                    F::List("writerFeatures", F::String("element"))});
}

ArrowField TxnField() {
  return F::Struct(kCheckpointTxnColumn,
                   {F::String("appId"), F::Int64("version"), F::Int64("lastUpdated")});
}

ArrowField DomainMetadataField() {
  return F::Struct(kCheckpointDomainMetadataColumn,
                   {F::String("domain"), F::String("configuration"), F::Bool("removed")});
}

ArrowField CheckpointMetadataField() {
  return F::Struct(kCheckpointCheckpointMetadataColumn,
                   {F::Int64("version"), F::StringMap("tags")});
}

ArrowField SidecarField() {
  return F::Struct(kCheckpointSidecarColumn, {F::String("path"), F::Int64("sizeInBytes"),
                                              F::Int64("modificationTime"), F::StringMap("tags")});
}

}  // namespace

ArrowField CheckpointReadSchema(const CheckpointActionSet& actions) {
  std::vector<ArrowField> columns;
  if (actions.txn) columns.push_back(TxnField());
  if (actions.add) columns.push_back(AddField());
  if (actions.remove) columns.push_back(RemoveField());
  if (actions.metadata) columns.push_back(MetadataField());
  if (actions.protocol) columns.push_back(ProtocolField());
  if (actions.domain_metadata) columns.push_back(DomainMetadataField());
  if (actions.checkpoint_metadata) columns.push_back(CheckpointMetadataField());
  if (actions.sidecar) columns.push_back(SidecarField());
  // The top level is a record batch: a non-nullable, unnamed struct.
  return F::Struct("", std::move(columns), /*nullable=*/false);
}

}  // namespace delta
