#include "txn/write_support.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/table_features.h"
#include "delta/table_properties.h"
#include "protocol/column_metadata_search.h"

namespace delta {
namespace {

// Writer features the transaction implements for data writes.
constexpr std::string_view kHonoured[] = {
    feature::kAppendOnly,     feature::kInvariants,          feature::kCheckConstraints,
    feature::kChangeDataFeed, feature::kColumnMapping,       feature::kDeletionVectors,
    feature::kTimestampNtz,   feature::kDomainMetadata,      feature::kInCommitTimestamp,
    feature::kRowTracking,    feature::kTypeWidening,        feature::kTypeWideningPreview,
    feature::kV2Checkpoint,   feature::kVacuumProtocolCheck, feature::kCheckpointProtection,
    feature::kClustering,  // appends leave files unclustered; Transaction::Begin checks stats
};

// Features that ask writers to compute values for certain columns, marked in field metadata:
// harmless while no column is marked.
struct ColumnFeature {
  std::string_view name;
  std::string_view metadata_prefix;
  std::string_view what;
};
constexpr ColumnFeature kColumnFeatures[] = {
    {feature::kGeneratedColumns, "delta.generationExpression", "a generated column"},
    {feature::kIdentityColumns, "delta.identity.", "an identity column"},
    {feature::kAllowColumnDefaults, "CURRENT_DEFAULT", "a column with a default value"},
};

}  // namespace

Status CheckWriteSupported(const Protocol& p, const Metadata& m, const StructType& schema) {
  DELTA_RETURN_NOT_OK(CheckReadSupported(p));
  if (p.min_writer_version > kMaxWriterVersion) {
    return Status::Unsupported("unsupported writer version " +
                               std::to_string(p.min_writer_version) +
                               " (this kernel writes tables up to minWriterVersion " +
                               std::to_string(kMaxWriterVersion) + ")");
  }
  DELTA_RETURN_NOT_OK(TableProperties::Parse(m.configuration).status());

  std::vector<std::string> features = EffectiveWriterFeatures(p);
  for (std::string& f : EffectiveReaderFeatures(p)) features.push_back(std::move(f));
  std::sort(features.begin(), features.end());
  features.erase(std::unique(features.begin(), features.end()), features.end());

  std::vector<std::string> unsupported;
  for (const std::string& f : features) {
    if (std::find(std::begin(kHonoured), std::end(kHonoured), f) != std::end(kHonoured)) continue;
    const ColumnFeature* column_feature = nullptr;
    for (const ColumnFeature& c : kColumnFeatures) {
      if (c.name == f) column_feature = &c;
    }
    if (column_feature != nullptr) {
      if (std::optional<std::string> column =
              FindColumnWithMetadata(schema, column_feature->metadata_prefix)) {
        return Status::Unsupported("cannot write: column '" + *column + "' is " +
                                   std::string(column_feature->what) + " (table feature " + f +
                                   "), which this kernel does not fill in");
      }
      continue;
    }
    unsupported.push_back(f);
  }
  if (!unsupported.empty()) {
    std::string names;
    for (const std::string& f : unsupported) names += (names.empty() ? "" : ", ") + f;
    return Status::Unsupported(std::string("cannot write: unsupported writer feature") +
                               (unsupported.size() == 1 ? ": " : "s: ") + names);
  }
  return Status::OK();
}

}  // namespace delta
