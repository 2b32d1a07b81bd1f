// Whether this kernel can write data to a table: every writer feature its protocol needs must
// be one the transaction honours.
#pragma once

#include "delta/actions.h"
#include "delta/schema.h"
#include "delta/status.h"

namespace delta {

/// OK when this kernel honours every feature a data write to a table with protocol `p`,
/// metadata `m` and schema `schema` must honour (legacy writer versions imply their features).
/// Honoured: appendOnly, invariants, checkConstraints, changeDataFeed, columnMapping,
/// deletionVectors, timestampNtz, domainMetadata, inCommitTimestamp, rowTracking, typeWidening
/// (and its preview), v2Checkpoint, vacuumProtocolCheck, checkpointProtection, clustering
/// (Transaction::Begin checks the clustering columns get statistics);
/// generatedColumns, identityColumns and allowColumnDefaults only while no column uses them.
/// Unsupported naming the feature (or the column) otherwise, e.g. icebergCompatV1/V2,
/// variantType, catalogManaged, or a writer version above 7; the errors of
/// CheckReadSupported (a write reads the table first); InvalidTable naming the key when `m`'s
/// configuration has a malformed delta.* property.
Status CheckWriteSupported(const Protocol& p, const Metadata& m, const StructType& schema);

}  // namespace delta
