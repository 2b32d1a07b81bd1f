#include "txn/table_protocol.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "protocol/column_metadata_search.h"
#include "util/ascii.h"

namespace delta {
namespace {

constexpr std::string_view kFeaturePrefix = "delta.feature.";
constexpr std::string_view kMinReaderVersion = "delta.minReaderVersion";
constexpr std::string_view kMinWriterVersion = "delta.minWriterVersion";
constexpr std::string_view kIgnoreProtocolDefaults = "delta.ignoreProtocolDefaults";

// The legacy features and the versions that first imply them.
struct LegacyFeature {
  std::string_view name;
  int32_t reader;
  int32_t writer;
};
constexpr LegacyFeature kLegacyFeatures[] = {
    {feature::kAppendOnly, 1, 2},       {feature::kInvariants, 1, 2},
    {feature::kCheckConstraints, 1, 3}, {feature::kChangeDataFeed, 1, 4},
    {feature::kGeneratedColumns, 1, 4}, {feature::kColumnMapping, 2, 5},
    {feature::kIdentityColumns, 1, 6},
};

// Features that cannot be supported without others.
constexpr std::pair<std::string_view, std::string_view> kDependencies[] = {
    {feature::kRowTracking, feature::kDomainMetadata},
    {feature::kClustering, feature::kDomainMetadata},
    {feature::kIcebergCompatV1, feature::kColumnMapping},
    {feature::kIcebergCompatV2, feature::kColumnMapping},
    {feature::kCatalogManaged, feature::kInCommitTimestamp},
    {feature::kCatalogManaged, feature::kVacuumProtocolCheck},
    {feature::kCatalogOwnedPreview, feature::kInCommitTimestamp},
    {"coordinatedCommits-preview", feature::kInCommitTimestamp},
};

// A preview name supported by the table satisfies a request for the stable feature.
constexpr std::pair<std::string_view, std::string_view> kPreviewNames[] = {
    {feature::kTypeWidening, feature::kTypeWideningPreview},
    {feature::kVariantType, feature::kVariantTypePreview},
    {feature::kVariantShredding, feature::kVariantShreddingPreview},
};

const LegacyFeature* FindLegacy(std::string_view name) {
  for (const LegacyFeature& f : kLegacyFeatures) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

void SortUnique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

bool AnyFieldMetadata(const StructType& schema, std::string_view prefix) {
  return FindColumnWithMetadata(schema, prefix).has_value();
}

Result<bool> ParseFlag(const std::map<std::string, std::string>& properties, std::string_view key) {
  auto it = properties.find(std::string(key));
  if (it == properties.end()) return false;
  std::string_view v = AsciiTrim(it->second);
  if (EqualsIgnoreCase(v, "true")) return true;
  if (EqualsIgnoreCase(v, "false")) return false;
  return Status::InvalidArgument("table property " + std::string(key) +
                                 " must be true or false, got '" + it->second + "'");
}

// delta.minReaderVersion / delta.minWriterVersion, when given.
struct ExplicitVersions {
  std::optional<int32_t> reader;
  std::optional<int32_t> writer;
};

Result<std::optional<int32_t>> ParseVersion(const std::map<std::string, std::string>& properties,
                                            std::string_view key, int32_t max) {
  auto it = properties.find(std::string(key));
  if (it == properties.end()) return std::optional<int32_t>();
  std::string_view text = AsciiTrim(it->second);
  int32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1 || v > max) {
    return Status::InvalidArgument("table property " + std::string(key) +
                                   " must be a protocol version from 1 to " + std::to_string(max) +
                                   ", got '" + it->second + "'");
  }
  return std::optional<int32_t>(v);
}

Result<ExplicitVersions> ParseExplicitVersions(
    const std::map<std::string, std::string>& properties) {
  ExplicitVersions out;
  DELTA_ASSIGN_OR_RETURN(out.reader,
                         ParseVersion(properties, kMinReaderVersion, kMaxReaderVersion));
  DELTA_ASSIGN_OR_RETURN(out.writer,
                         ParseVersion(properties, kMinWriterVersion, kMaxWriterVersion));
  if (out.reader == kTableFeaturesReaderVersion &&
      out.writer.value_or(kTableFeaturesWriterVersion) != kTableFeaturesWriterVersion) {
    return Status::InvalidArgument(std::string(kMinReaderVersion) + "=3 needs " +
                                   std::string(kMinWriterVersion) + "=7");
  }
  return out;
}

// The features a legacy protocol given by explicit versions implies (none for table features).
std::vector<std::string> ImpliedByExplicitVersions(const ExplicitVersions& ev) {
  Protocol p;
  p.min_reader_version = ev.reader.value_or(1);
  p.min_writer_version = ev.writer.value_or(1);
  if (p.min_writer_version >= kTableFeaturesWriterVersion) p.min_writer_version = 1;
  if (p.min_reader_version >= kTableFeaturesReaderVersion) p.min_reader_version = 1;
  std::vector<std::string> out = EffectiveWriterFeatures(p);
  for (std::string& f : EffectiveReaderFeatures(p)) out.push_back(std::move(f));
  SortUnique(&out);
  return out;
}

// A table-features protocol listing `features` (and keeping reader 3 when asked for).
Protocol TableFeaturesProtocol(std::vector<std::string> features, bool force_reader_3) {
  SortUnique(&features);
  std::vector<std::string> reader;
  for (const std::string& f : features) {
    if (GetFeatureKind(f) == FeatureKind::kReaderWriter) reader.push_back(f);
  }
  Protocol p;
  p.min_writer_version = kTableFeaturesWriterVersion;
  if (!reader.empty() || force_reader_3) {
    p.min_reader_version = kTableFeaturesReaderVersion;
    p.reader_features = std::move(reader);
  } else {
    p.min_reader_version = 1;
  }
  p.writer_features = std::move(features);
  return p;
}

// The legacy protocol with at least versions (reader, writer) that implies `features`, or
// nullopt when those versions or a feature need table features.
std::optional<Protocol> LegacyProtocolFor(int32_t reader, int32_t writer,
                                          const std::vector<std::string>& features) {
  if (reader >= kTableFeaturesReaderVersion || writer >= kTableFeaturesWriterVersion) {
    return std::nullopt;
  }
  for (const std::string& f : features) {
    const LegacyFeature* legacy = FindLegacy(f);
    if (legacy == nullptr) return std::nullopt;
    reader = std::max(reader, legacy->reader);
    writer = std::max(writer, legacy->writer);
  }
  Protocol p;
  p.min_reader_version = reader;
  p.min_writer_version = writer;
  return p;
}

bool SupportsFeature(const Protocol& p, std::string_view name) {
  if (IsFeatureEnabled(p, name)) return true;
  for (const auto& [stable, preview] : kPreviewNames) {
    if (stable == name && IsFeatureEnabled(p, preview)) return true;
  }
  return false;
}

}  // namespace

bool IsProtocolProperty(std::string_view key) {
  return key.starts_with(kFeaturePrefix) || key == kMinReaderVersion || key == kMinWriterVersion ||
         key == kIgnoreProtocolDefaults;
}

Result<std::vector<std::string>> FeaturesRequiredByMetadata(
    const StructType& schema, const std::map<std::string, std::string>& properties) {
  std::vector<std::string> out;
  for (const auto& [key, value] : properties) {
    if (std::string_view(key).starts_with("delta.constraints.")) {
      out.emplace_back(feature::kCheckConstraints);
    }
    if (!std::string_view(key).starts_with(kFeaturePrefix)) continue;
    std::string_view asked = std::string_view(key).substr(kFeaturePrefix.size());
    std::string name(CanonicalFeatureName(asked));
    if (name.empty()) {
      return Status::Unsupported("unknown table feature '" + std::string(asked) +
                                 "' (table property " + key + ")");
    }
    std::string_view v = AsciiTrim(value);
    if (!EqualsIgnoreCase(v, "supported") && !EqualsIgnoreCase(v, "enabled")) {
      return Status::InvalidArgument("table property " + key +
                                     " must be 'supported' (or 'enabled'), got '" + value + "'");
    }
    out.push_back(std::move(name));
  }

  auto parsed = TableProperties::Parse(properties);
  if (!parsed.ok()) {
    // A bad value here is the caller's input, not a broken table.
    return Status::InvalidArgument(parsed.status().message());
  }
  const TableProperties& tp = *parsed;
  if (tp.append_only()) out.emplace_back(feature::kAppendOnly);
  if (tp.enable_change_data_feed()) out.emplace_back(feature::kChangeDataFeed);
  if (tp.column_mapping_mode() != ColumnMappingMode::kNone) {
    out.emplace_back(feature::kColumnMapping);
  }
  if (tp.enable_deletion_vectors()) out.emplace_back(feature::kDeletionVectors);
  if (tp.enable_in_commit_timestamps()) out.emplace_back(feature::kInCommitTimestamp);
  if (tp.enable_row_tracking()) out.emplace_back(feature::kRowTracking);
  if (tp.enable_type_widening()) out.emplace_back(feature::kTypeWidening);
  if (tp.checkpoint_policy() == CheckpointPolicy::kV2) out.emplace_back(feature::kV2Checkpoint);
  DELTA_ASSIGN_OR_RETURN(bool iceberg_v1, ParseFlag(properties, "delta.enableIcebergCompatV1"));
  if (iceberg_v1) out.emplace_back(feature::kIcebergCompatV1);
  DELTA_ASSIGN_OR_RETURN(bool iceberg_v2, ParseFlag(properties, "delta.enableIcebergCompatV2"));
  if (iceberg_v2) out.emplace_back(feature::kIcebergCompatV2);

  if (AnyFieldMetadata(schema, "delta.invariants")) out.emplace_back(feature::kInvariants);
  if (AnyFieldMetadata(schema, "delta.generationExpression")) {
    out.emplace_back(feature::kGeneratedColumns);
  }
  if (AnyFieldMetadata(schema, "delta.identity.")) out.emplace_back(feature::kIdentityColumns);
  if (ContainsTypeKind(schema, TypeKind::kTimestampNtz)) {
    out.emplace_back(feature::kTimestampNtz);
  }
  if (ContainsTypeKind(schema, TypeKind::kVariant)) out.emplace_back(feature::kVariantType);
  if (ContainsTypeKind(schema, TypeKind::kGeometry) ||
      ContainsTypeKind(schema, TypeKind::kGeography)) {
    out.emplace_back(feature::kGeospatial);
  }

  // Added dependencies are visited in turn, so chains resolve (the table has no cycles).
  for (size_t i = 0; i < out.size(); ++i) {
    for (const auto& [f, needs] : kDependencies) {
      if (out[i] == f) out.emplace_back(needs);
    }
  }
  SortUnique(&out);
  return out;
}

Result<NewTableProtocol> ProtocolForNewTable(const StructType& schema,
                                             const std::map<std::string, std::string>& properties) {
  DELTA_ASSIGN_OR_RETURN(std::vector<std::string> features,
                         FeaturesRequiredByMetadata(schema, properties));
  DELTA_ASSIGN_OR_RETURN(ExplicitVersions ev, ParseExplicitVersions(properties));

  NewTableProtocol out;
  for (const auto& [key, value] : properties) {
    if (!IsProtocolProperty(key)) out.configuration.emplace(key, value);
  }

  if (std::optional<Protocol> legacy =
          LegacyProtocolFor(ev.reader.value_or(1), ev.writer.value_or(2), features)) {
    out.protocol = *legacy;
    return out;
  }
  // The default (1,2) adds nothing; versions the caller set explicitly keep their features.
  if (ev.reader || ev.writer) {
    for (std::string& f : ImpliedByExplicitVersions(ev)) features.push_back(std::move(f));
  }
  out.protocol =
      TableFeaturesProtocol(std::move(features), ev.reader == kTableFeaturesReaderVersion);
  return out;
}

Result<std::optional<Protocol>> ProtocolForMetadataUpdate(
    const Protocol& current, const StructType& new_schema,
    const std::map<std::string, std::string>& new_properties) {
  DELTA_ASSIGN_OR_RETURN(std::vector<std::string> features,
                         FeaturesRequiredByMetadata(new_schema, new_properties));
  DELTA_ASSIGN_OR_RETURN(ExplicitVersions ev, ParseExplicitVersions(new_properties));

  std::vector<std::string> missing;
  for (const std::string& f : features) {
    if (!SupportsFeature(current, f)) missing.push_back(f);
  }
  const bool current_table_features = current.min_writer_version >= kTableFeaturesWriterVersion;
  const bool versions_up = ev.reader.value_or(0) > current.min_reader_version ||
                           ev.writer.value_or(0) > current.min_writer_version;
  if (missing.empty() && !versions_up) return std::optional<Protocol>();

  if (!current_table_features) {
    if (std::optional<Protocol> legacy = LegacyProtocolFor(
            std::max(current.min_reader_version, ev.reader.value_or(1)),
            std::max(current.min_writer_version, ev.writer.value_or(1)), missing)) {
      return legacy;
    }
  }
  // Everything the current protocol supports stays supported.
  std::vector<std::string> listed = EffectiveWriterFeatures(current);
  for (std::string& f : EffectiveReaderFeatures(current)) listed.push_back(std::move(f));
  for (const std::string& f : missing) listed.push_back(f);
  if (ev.reader || ev.writer) {
    for (std::string& f : ImpliedByExplicitVersions(ev)) listed.push_back(std::move(f));
  }
  Protocol p = TableFeaturesProtocol(std::move(listed),
                                     current.min_reader_version >= kTableFeaturesReaderVersion ||
                                         ev.reader == kTableFeaturesReaderVersion);
  // Reader features listed before (even ones this kernel does not classify) stay listed.
  if (current.reader_features) {
    std::vector<std::string> rf = p.reader_features.value_or(std::vector<std::string>{});
    rf.insert(rf.end(), current.reader_features->begin(), current.reader_features->end());
    SortUnique(&rf);
    p.min_reader_version = kTableFeaturesReaderVersion;
    p.reader_features = std::move(rf);
  }
  if (p == current) return std::optional<Protocol>();
  return std::optional<Protocol>(std::move(p));
}

}  // namespace delta
