// Protocol versions and table features (PROTOCOL.md, "Table Features", "Reader/Writer Version
// Requirements"): which features a protocol implies and whether this kernel can read it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "delta/actions.h"
#include "delta/status.h"

namespace delta {

/// Feature names as they appear in readerFeatures / writerFeatures.
namespace feature {
inline constexpr std::string_view kAppendOnly = "appendOnly";
inline constexpr std::string_view kInvariants = "invariants";
inline constexpr std::string_view kCheckConstraints = "checkConstraints";
inline constexpr std::string_view kChangeDataFeed = "changeDataFeed";
inline constexpr std::string_view kGeneratedColumns = "generatedColumns";
inline constexpr std::string_view kColumnMapping = "columnMapping";
inline constexpr std::string_view kIdentityColumns = "identityColumns";
inline constexpr std::string_view kDeletionVectors = "deletionVectors";
inline constexpr std::string_view kRowTracking = "rowTracking";
inline constexpr std::string_view kTimestampNtz = "timestampNtz";
inline constexpr std::string_view kDomainMetadata = "domainMetadata";
inline constexpr std::string_view kV2Checkpoint = "v2Checkpoint";
inline constexpr std::string_view kIcebergCompatV1 = "icebergCompatV1";
inline constexpr std::string_view kIcebergCompatV2 = "icebergCompatV2";
inline constexpr std::string_view kClustering = "clustering";
inline constexpr std::string_view kVacuumProtocolCheck = "vacuumProtocolCheck";
inline constexpr std::string_view kInCommitTimestamp = "inCommitTimestamp";
inline constexpr std::string_view kAllowColumnDefaults = "allowColumnDefaults";
inline constexpr std::string_view kTypeWidening = "typeWidening";
inline constexpr std::string_view kTypeWideningPreview = "typeWidening-preview";
inline constexpr std::string_view kVariantType = "variantType";
inline constexpr std::string_view kVariantTypePreview = "variantType-preview";
inline constexpr std::string_view kVariantShredding = "variantShredding";
inline constexpr std::string_view kVariantShreddingPreview = "variantShredding-preview";
inline constexpr std::string_view kCatalogManaged = "catalogManaged";
inline constexpr std::string_view kCatalogOwnedPreview = "catalogOwned-preview";
inline constexpr std::string_view kGeospatial = "geospatial";
inline constexpr std::string_view kCheckpointProtection = "checkpointProtection";
inline constexpr std::string_view kMaterializePartitionColumns = "materializePartitionColumns";
}  // namespace feature

/// The highest protocol versions this kernel understands.
inline constexpr int32_t kMaxReaderVersion = 3;
inline constexpr int32_t kMaxWriterVersion = 7;
/// The versions from which features are listed explicitly instead of implied.
inline constexpr int32_t kTableFeaturesReaderVersion = 3;
inline constexpr int32_t kTableFeaturesWriterVersion = 7;

/// Whether a feature constrains readers (and writers) or only writers.
enum class FeatureKind { kReaderWriter, kWriterOnly, kUnknown };

/// What the protocol (and the reference implementation) says about `feature`.
FeatureKind GetFeatureKind(std::string_view feature);

/// The feature name as the protocol spells it, for a name this kernel knows in any ASCII case
/// (as delta.feature.<name> properties are matched); empty when it knows none.
std::string_view CanonicalFeatureName(std::string_view name);

/// True when this kernel implements everything a reader must do for `feature` (or the feature
/// is writer-only, which never affects reads).
bool IsReaderFeatureSupported(std::string_view feature);

/// The reader-writer features this kernel can read, sorted.
const std::vector<std::string>& SupportedReaderFeatures();

/// OK when this kernel can read a table with protocol `p`. Unsupported (naming the version or
/// the features) when it cannot; InvalidTable when the protocol breaks the protocol's own rules
/// (reader 3 without readerFeatures or writer 7, writer 7 without writerFeatures, a reader
/// feature missing from writerFeatures, a version below 1).
Status CheckReadSupported(const Protocol& p);

/// The features readers must respect: implied by a legacy reader version (2 -> columnMapping),
/// or readerFeatures as listed for reader version 3. Sorted, without duplicates.
std::vector<std::string> EffectiveReaderFeatures(const Protocol& p);

/// The features writers must respect: implied by a legacy writer version (2 -> appendOnly,
/// invariants; 3 -> + checkConstraints; 4 -> + changeDataFeed, generatedColumns;
/// 5 -> + columnMapping; 6 -> + identityColumns), or writerFeatures as listed for writer version
/// 7. Sorted, without duplicates.
std::vector<std::string> EffectiveWriterFeatures(const Protocol& p);

/// True when `feature` is supported by the table in the protocol's sense (implied by its
/// versions or listed). Whether it is *active* may also depend on table properties (e.g.
/// columnMapping needs delta.columnMapping.mode != none).
bool IsFeatureEnabled(const Protocol& p, std::string_view feature);

}  // namespace delta
