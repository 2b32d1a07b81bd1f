// Protocol versions and table features: what a protocol implies and what this kernel can read.
#include "delta/table_features.h"

#include <algorithm>
#include <string>
#include <vector>

#include "util/ascii.h"

namespace delta {

namespace {

// Reader-writer features this kernel implements for reading. Everything a reader must do for
// each is handled elsewhere in the kernel:
//   columnMapping        physical names / field ids when resolving data files
//   deletionVectors      DV descriptors are decoded and applied to scans
//   timestampNtz         a type in the schema; Parquet carries isAdjustedToUTC=false
//   v2Checkpoint         UUID-named checkpoints, checkpointMetadata and sidecars
//   vacuumProtocolCheck  constrains only VACUUM; readers just need to know the name
//   typeWidening(-preview)  files written before a widening are read with the wider type
//   variantType(-preview)   unshredded variant columns (value + metadata binaries)
// Deliberately absent: catalogManaged / catalogOwned-preview (commits live in a catalog, so
// listing _delta_log alone is not the table), variantShredding(-preview) (shredded Parquet
// layout), geospatial (no geometry read path yet), timestampNanos, redirect*-preview.
constexpr std::string_view kSupportedReaderFeatures[] = {
    feature::kColumnMapping,       feature::kDeletionVectors,     feature::kTimestampNtz,
    feature::kTypeWidening,        feature::kTypeWideningPreview, feature::kV2Checkpoint,
    feature::kVacuumProtocolCheck, feature::kVariantType,         feature::kVariantTypePreview,
};

// Reader-writer features this kernel knows by name (supported or not).
constexpr std::string_view kReaderWriterFeatures[] = {
    feature::kColumnMapping,
    feature::kDeletionVectors,
    feature::kTimestampNtz,
    feature::kV2Checkpoint,
    feature::kVacuumProtocolCheck,
    feature::kTypeWidening,
    feature::kTypeWideningPreview,
    feature::kVariantType,
    feature::kVariantTypePreview,
    feature::kVariantShredding,
    feature::kVariantShreddingPreview,
    feature::kCatalogManaged,
    feature::kCatalogOwnedPreview,
    feature::kGeospatial,
    "geospatial-dev",
    "timestampNanos",
    "redirectReaderWriter-preview",
    "adaptiveMetadata-preview",
};

// Writer-only features: they never affect how a table is read.
constexpr std::string_view kWriterOnlyFeatures[] = {
    feature::kAppendOnly,
    feature::kInvariants,
    feature::kCheckConstraints,
    feature::kChangeDataFeed,
    feature::kGeneratedColumns,
    feature::kIdentityColumns,
    feature::kAllowColumnDefaults,
    feature::kRowTracking,
    feature::kDomainMetadata,
    feature::kIcebergCompatV1,
    feature::kIcebergCompatV2,
    "icebergCompatV3",
    "icebergWriterCompatV1",
    "icebergWriterCompatV3",
    feature::kClustering,
    feature::kInCommitTimestamp,
    feature::kCheckpointProtection,
    feature::kMaterializePartitionColumns,
    "collations",
    "collations-preview",
    "columnMappingUsageTracking",
    "coordinatedCommits-preview",
    "redirectWriterOnly-preview",
};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view name) {
  return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

void SortUnique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

std::string Join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string VersionText(const Protocol& p) {
  return "(minReaderVersion " + std::to_string(p.min_reader_version) + ", minWriterVersion " +
         std::to_string(p.min_writer_version) + ")";
}

}  // namespace

FeatureKind GetFeatureKind(std::string_view feature) {
  if (Contains(kReaderWriterFeatures, feature)) return FeatureKind::kReaderWriter;
  if (Contains(kWriterOnlyFeatures, feature)) return FeatureKind::kWriterOnly;
  return FeatureKind::kUnknown;
}

std::string_view CanonicalFeatureName(std::string_view name) {
  for (std::string_view known : kReaderWriterFeatures) {
    if (EqualsIgnoreCase(known, name)) return known;
  }
  for (std::string_view known : kWriterOnlyFeatures) {
    if (EqualsIgnoreCase(known, name)) return known;
  }
  return {};
}

bool IsReaderFeatureSupported(std::string_view feature) {
  return Contains(kSupportedReaderFeatures, feature) ||
         GetFeatureKind(feature) == FeatureKind::kWriterOnly;
}

const std::vector<std::string>& SupportedReaderFeatures() {
  static const std::vector<std::string> kList = [] {
    std::vector<std::string> v(std::begin(kSupportedReaderFeatures),
                               std::end(kSupportedReaderFeatures));
    SortUnique(&v);
    return v;
  }();
  return kList;
}

std::vector<std::string> EffectiveReaderFeatures(const Protocol& p) {
  std::vector<std::string> out;
  if (p.min_reader_version == 2) out.emplace_back(feature::kColumnMapping);
  // Listed features count at any version: a list on a legacy version is malformed, but
  // honouring it is the safe reading.
  if (p.reader_features) {
    out.insert(out.end(), p.reader_features->begin(), p.reader_features->end());
  }
  SortUnique(&out);
  return out;
}

std::vector<std::string> EffectiveWriterFeatures(const Protocol& p) {
  std::vector<std::string> out;
  const int32_t v = p.min_writer_version;
  if (v < kTableFeaturesWriterVersion) {
    // Each legacy version inherits the requirements of the ones below it.
    if (v >= 2) {
      out.emplace_back(feature::kAppendOnly);
      out.emplace_back(feature::kInvariants);
    }
    if (v >= 3) out.emplace_back(feature::kCheckConstraints);
    if (v >= 4) {
      out.emplace_back(feature::kChangeDataFeed);
      out.emplace_back(feature::kGeneratedColumns);
    }
    if (v >= 5) out.emplace_back(feature::kColumnMapping);
    if (v >= 6) out.emplace_back(feature::kIdentityColumns);
  }
  if (p.writer_features) {
    out.insert(out.end(), p.writer_features->begin(), p.writer_features->end());
  }
  SortUnique(&out);
  return out;
}

bool IsFeatureEnabled(const Protocol& p, std::string_view feature) {
  for (const auto& list : {EffectiveReaderFeatures(p), EffectiveWriterFeatures(p)}) {
    if (std::find(list.begin(), list.end(), feature) != list.end()) return true;
  }
  return false;
}

Status CheckReadSupported(const Protocol& p) {
  if (p.min_reader_version < 1 || p.min_writer_version < 1) {
    return Status::InvalidTable("invalid protocol " + VersionText(p) + ": versions start at 1");
  }
  if (p.min_reader_version > kMaxReaderVersion) {
    return Status::Unsupported("unsupported reader version " +
                               std::to_string(p.min_reader_version) +
                               " (this kernel reads tables up to minReaderVersion " +
                               std::to_string(kMaxReaderVersion) + ")");
  }
  if (p.min_reader_version == kTableFeaturesReaderVersion) {
    if (p.min_writer_version != kTableFeaturesWriterVersion) {
      return Status::InvalidTable("invalid protocol " + VersionText(p) +
                                  ": minReaderVersion 3 requires minWriterVersion 7");
    }
    if (!p.reader_features) {
      return Status::InvalidTable("invalid protocol " + VersionText(p) +
                                  ": minReaderVersion 3 requires readerFeatures");
    }
  }
  if (p.min_writer_version == kTableFeaturesWriterVersion && !p.writer_features) {
    return Status::InvalidTable("invalid protocol " + VersionText(p) +
                                ": minWriterVersion 7 requires writerFeatures");
  }
  // "It is not allowed to list a feature only in readerFeatures but not in writerFeatures."
  if (p.reader_features && p.writer_features) {
    std::vector<std::string> missing;
    for (const std::string& f : *p.reader_features) {
      if (std::find(p.writer_features->begin(), p.writer_features->end(), f) ==
          p.writer_features->end()) {
        missing.push_back(f);
      }
    }
    if (!missing.empty()) {
      SortUnique(&missing);
      return Status::InvalidTable(
          "invalid protocol " + VersionText(p) +
          ": reader features missing from writerFeatures: " + Join(missing));
    }
  }
  std::vector<std::string> unsupported;
  for (const std::string& f : EffectiveReaderFeatures(p)) {
    if (!IsReaderFeatureSupported(f)) unsupported.push_back(f);
  }
  if (!unsupported.empty()) {
    return Status::Unsupported(std::string(unsupported.size() == 1
                                               ? "unsupported reader feature: "
                                               : "unsupported reader features: ") +
                               Join(unsupported) + " " + VersionText(p));
  }
  return Status::OK();
}

}  // namespace delta
