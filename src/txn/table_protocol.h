// The protocol a table needs for its metadata, as Delta Spark 3.x derives it: for a new table
// (CREATE TABLE) and when metadata changes (ALTER TABLE SET TBLPROPERTIES, schema evolution).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// Properties that ask for protocol changes instead of being table configuration:
/// delta.feature.<name> (= "supported" or "enabled"), delta.minReaderVersion,
/// delta.minWriterVersion, delta.ignoreProtocolDefaults.
bool IsProtocolProperty(std::string_view key);

/// The features `schema` and `properties` need, sorted: asked for with
/// delta.feature.<name>, or implied (delta.appendOnly=true -> appendOnly, invariants in field
/// metadata -> invariants, delta.constraints.* -> checkConstraints, delta.enableChangeDataFeed
/// -> changeDataFeed, generation expressions -> generatedColumns, delta.columnMapping.mode
/// id/name -> columnMapping, identity columns -> identityColumns, delta.enableDeletionVectors
/// -> deletionVectors, timestamp_ntz -> timestampNtz, delta.enableInCommitTimestamps ->
/// inCommitTimestamp, delta.enableRowTracking -> rowTracking, delta.enableTypeWidening ->
/// typeWidening, delta.checkpointPolicy=v2 -> v2Checkpoint, variant -> variantType,
/// geometry/geography -> geospatial, delta.enableIcebergCompatV1/V2 -> icebergCompatV1/V2),
/// with the features those depend on (rowTracking and clustering -> domainMetadata,
/// icebergCompatV1/V2 -> columnMapping, catalogManaged -> inCommitTimestamp,
/// vacuumProtocolCheck). Unsupported naming an unknown feature; InvalidArgument naming the key
/// for a malformed value.
Result<std::vector<std::string>> FeaturesRequiredByMetadata(
    const StructType& schema, const std::map<std::string, std::string>& properties);

/// A new table's protocol and the configuration to store (the properties without the
/// protocol properties).
struct NewTableProtocol {
  Protocol protocol;
  std::map<std::string, std::string> configuration;
};

/// The protocol Delta Spark 3.x creates a table with. Legacy versions when only legacy
/// features are needed: at least (1,2); checkConstraints -> writer 3; changeDataFeed,
/// generatedColumns -> 4; columnMapping -> (2,5); identityColumns -> 6. Table features as soon
/// as one is not legacy: writer 7 listing exactly the needed features (appendOnly and invariants
/// only when used), reader 3 listing the reader-writer ones when there is one, else reader 1.
/// delta.minReaderVersion / delta.minWriterVersion raise the versions (and their implied
/// features are listed when table features are used). Errors as FeaturesRequiredByMetadata;
/// InvalidArgument for versions out of range.
Result<NewTableProtocol> ProtocolForNewTable(const StructType& schema,
                                             const std::map<std::string, std::string>& properties);

/// The protocol after a metadata change to `new_schema` / `new_properties`, or nullopt when
/// `current` already supports every needed feature. Never drops support: a legacy protocol
/// grows to higher legacy versions while only legacy features are needed; otherwise it becomes
/// a table-features protocol listing everything the old versions implied plus the new
/// features (reader 3 when a reader-writer feature is listed).
Result<std::optional<Protocol>> ProtocolForMetadataUpdate(
    const Protocol& current, const StructType& new_schema,
    const std::map<std::string, std::string>& new_properties);

}  // namespace delta
