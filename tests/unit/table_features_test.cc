// Tests of protocol-version and table-feature rules (delta/table_features.h).
#include "delta/table_features.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/conformance_tables.h"
#include "support/protocols.h"

namespace delta {
namespace {

namespace fs = std::filesystem;

using test::Features;
using test::P;

// The last protocol action in the commits of a conformance table directory.
std::optional<Protocol> LatestProtocol(const fs::path& log_dir) {
  std::vector<fs::path> commits;
  for (const auto& e : fs::directory_iterator(log_dir)) {
    if (e.path().extension() == ".json") commits.push_back(e.path());
  }
  std::sort(commits.begin(), commits.end());
  std::optional<Protocol> out;
  simdjson::dom::parser parser;
  for (const auto& path : commits) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      simdjson::dom::element doc;
      if (parser.parse(line).get(doc) != simdjson::SUCCESS) continue;
      simdjson::dom::object proto;
      if (doc["protocol"].get(proto) != simdjson::SUCCESS) continue;
      Protocol p;
      int64_t v = 0;
      if (proto["minReaderVersion"].get(v) == simdjson::SUCCESS) p.min_reader_version = int32_t(v);
      if (proto["minWriterVersion"].get(v) == simdjson::SUCCESS) p.min_writer_version = int32_t(v);
      auto list = [&](const char* key) -> std::optional<Features> {
        simdjson::dom::array a;
        if (proto[key].get(a) != simdjson::SUCCESS) return std::nullopt;
        Features f;
        for (auto e : a) {
          std::string_view s;
          if (e.get(s) == simdjson::SUCCESS) f.emplace_back(s);
        }
        return f;
      };
      p.reader_features = list("readerFeatures");
      p.writer_features = list("writerFeatures");
      out = p;
    }
  }
  return out;
}

TEST(TableFeaturesTest, SupportedReaderFeaturesAreExactlyThese) {
  EXPECT_EQ(SupportedReaderFeatures(),
            (Features{"columnMapping", "deletionVectors", "timestampNtz", "typeWidening",
                      "typeWidening-preview", "v2Checkpoint", "vacuumProtocolCheck", "variantType",
                      "variantType-preview"}));
  for (const std::string& f : SupportedReaderFeatures()) {
    EXPECT_TRUE(IsReaderFeatureSupported(f)) << f;
    EXPECT_EQ(GetFeatureKind(f), FeatureKind::kReaderWriter) << f;
  }
  for (const char* f :
       {"catalogManaged", "catalogOwned-preview", "variantShredding-preview", "variantShredding",
        "geospatial", "timestampNanos", "someFutureFeature", "ColumnMapping"}) {
    EXPECT_FALSE(IsReaderFeatureSupported(f)) << f;
  }
  // Writer-only features never matter to readers.
  for (const char* f :
       {"appendOnly", "invariants", "checkConstraints", "changeDataFeed", "generatedColumns",
        "identityColumns", "rowTracking", "domainMetadata", "icebergCompatV1", "icebergCompatV2",
        "clustering", "inCommitTimestamp", "allowColumnDefaults", "checkpointProtection",
        "materializePartitionColumns"}) {
    EXPECT_EQ(GetFeatureKind(f), FeatureKind::kWriterOnly) << f;
    EXPECT_TRUE(IsReaderFeatureSupported(f)) << f;
  }
  EXPECT_EQ(GetFeatureKind("catalogManaged"), FeatureKind::kReaderWriter);
  EXPECT_EQ(GetFeatureKind("someFutureFeature"), FeatureKind::kUnknown);
}

TEST(TableFeaturesTest, CanonicalFeatureNameIgnoresCase) {
  EXPECT_EQ(CanonicalFeatureName("deletionVectors"), "deletionVectors");
  EXPECT_EQ(CanonicalFeatureName("DELETIONVECTORS"), "deletionVectors");
  EXPECT_EQ(CanonicalFeatureName("appendonly"), "appendOnly");
  EXPECT_EQ(CanonicalFeatureName("typewidening-PREVIEW"), "typeWidening-preview");
  EXPECT_EQ(CanonicalFeatureName("someFutureFeature"), "");
  EXPECT_EQ(CanonicalFeatureName(""), "");
}

TEST(TableFeaturesTest, LegacyVersionsAreReadable) {
  for (int r = 1; r <= 2; ++r) {
    for (int w = 1; w <= 7; ++w) {
      Protocol p =
          P(r, w, std::nullopt, w == 7 ? std::optional<Features>(Features{}) : std::nullopt);
      EXPECT_TRUE(CheckReadSupported(p).ok())
          << r << "/" << w << ": " << CheckReadSupported(p).ToString();
    }
  }
  // Writer versions beyond what we know do not matter to readers.
  EXPECT_TRUE(CheckReadSupported(P(1, 8)).ok());
}

TEST(TableFeaturesTest, ReaderVersionOutOfRange) {
  Status st = CheckReadSupported(P(99, 7, Features{}, Features{}));
  EXPECT_TRUE(st.IsUnsupported());
  EXPECT_EQ(st.message(),
            "unsupported reader version 99 (this kernel reads tables up to minReaderVersion 3)");
  EXPECT_TRUE(CheckReadSupported(P(4, 7, Features{}, Features{})).IsUnsupported());
  Status zero = CheckReadSupported(P(0, 2));
  EXPECT_TRUE(zero.IsInvalidTable());
  EXPECT_EQ(zero.message(),
            "invalid protocol (minReaderVersion 0, minWriterVersion 2): versions start at 1");
  EXPECT_TRUE(CheckReadSupported(P(1, 0)).IsInvalidTable());
  EXPECT_TRUE(CheckReadSupported(P(-1, 2)).IsInvalidTable());
}

TEST(TableFeaturesTest, FeatureListsMustBePresentAtFeatureVersions) {
  Status no_reader = CheckReadSupported(P(3, 7, std::nullopt, Features{}));
  EXPECT_TRUE(no_reader.IsInvalidTable());
  EXPECT_EQ(no_reader.message(),
            "invalid protocol (minReaderVersion 3, minWriterVersion 7): minReaderVersion 3 "
            "requires readerFeatures");
  Status no_writer = CheckReadSupported(P(3, 7, Features{}, std::nullopt));
  EXPECT_TRUE(no_writer.IsInvalidTable());
  EXPECT_EQ(no_writer.message(),
            "invalid protocol (minReaderVersion 3, minWriterVersion 7): minWriterVersion 7 "
            "requires writerFeatures");
  EXPECT_TRUE(CheckReadSupported(P(1, 7)).IsInvalidTable());
  Status r3w5 = CheckReadSupported(P(3, 5, Features{}, std::nullopt));
  EXPECT_TRUE(r3w5.IsInvalidTable());
  EXPECT_EQ(r3w5.message(),
            "invalid protocol (minReaderVersion 3, minWriterVersion 5): minReaderVersion 3 "
            "requires minWriterVersion 7");
  EXPECT_TRUE(CheckReadSupported(P(3, 7, Features{}, Features{})).ok());
}

TEST(TableFeaturesTest, ReaderFeaturesMustAlsoBeWriterFeatures) {
  Status st = CheckReadSupported(
      P(3, 7, Features{"deletionVectors", "columnMapping"}, Features{"deletionVectors"}));
  EXPECT_TRUE(st.IsInvalidTable());
  EXPECT_EQ(st.message(),
            "invalid protocol (minReaderVersion 3, minWriterVersion 7): reader features missing "
            "from writerFeatures: columnMapping");
}

TEST(TableFeaturesTest, UnsupportedReaderFeaturesAreNamed) {
  Status one =
      CheckReadSupported(P(3, 7, Features{"catalogManaged"},
                           Features{"catalogManaged", "inCommitTimestamp", "vacuumProtocolCheck"}));
  EXPECT_TRUE(one.IsUnsupported());
  EXPECT_EQ(one.message(),
            "unsupported reader feature: catalogManaged (minReaderVersion 3, minWriterVersion 7)");
  Status two = CheckReadSupported(
      P(3, 7, Features{"variantShredding-preview", "deletionVectors", "futureThing"},
        Features{"variantShredding-preview", "deletionVectors", "futureThing"}));
  EXPECT_TRUE(two.IsUnsupported());
  EXPECT_EQ(two.message(),
            "unsupported reader features: futureThing, variantShredding-preview "
            "(minReaderVersion 3, minWriterVersion 7)");
  EXPECT_TRUE(CheckReadSupported(
                  P(3, 7, Features{"catalogOwned-preview"}, Features{"catalogOwned-preview"}))
                  .IsUnsupported());
}

TEST(TableFeaturesTest, WriterOnlyFeaturesNeverBlockReads) {
  EXPECT_TRUE(CheckReadSupported(P(1, 7, std::nullopt,
                                   Features{"someFutureWriterFeature", "collations", "clustering"}))
                  .ok());
  EXPECT_TRUE(CheckReadSupported(P(3, 7, Features{"deletionVectors"},
                                   Features{"deletionVectors", "rowTracking", "domainMetadata",
                                            "someFutureWriterFeature"}))
                  .ok());
  // A writer-only feature wrongly listed among reader features imposes nothing on readers.
  EXPECT_TRUE(CheckReadSupported(P(3, 7, Features{"appendOnly"}, Features{"appendOnly"})).ok());
}

TEST(TableFeaturesTest, EffectiveReaderFeatures) {
  EXPECT_EQ(EffectiveReaderFeatures(P(1, 2)), Features{});
  EXPECT_EQ(EffectiveReaderFeatures(P(2, 5)), Features{"columnMapping"});
  EXPECT_EQ(EffectiveReaderFeatures(P(2, 7, std::nullopt, Features{"columnMapping"})),
            Features{"columnMapping"});
  EXPECT_EQ(EffectiveReaderFeatures(P(3, 7, Features{"v2Checkpoint", "deletionVectors"},
                                      Features{"deletionVectors", "v2Checkpoint"})),
            (Features{"deletionVectors", "v2Checkpoint"}));
  // At reader version 3 nothing is implied: column mapping must be listed.
  EXPECT_EQ(EffectiveReaderFeatures(P(3, 7, Features{}, Features{"columnMapping"})), Features{});
}

TEST(TableFeaturesTest, EffectiveWriterFeaturesFollowTheVersionTable) {
  EXPECT_EQ(EffectiveWriterFeatures(P(1, 1)), Features{});
  EXPECT_EQ(EffectiveWriterFeatures(P(1, 2)), (Features{"appendOnly", "invariants"}));
  EXPECT_EQ(EffectiveWriterFeatures(P(1, 3)),
            (Features{"appendOnly", "checkConstraints", "invariants"}));
  EXPECT_EQ(EffectiveWriterFeatures(P(1, 4)),
            (Features{"appendOnly", "changeDataFeed", "checkConstraints", "generatedColumns",
                      "invariants"}));
  EXPECT_EQ(EffectiveWriterFeatures(P(2, 5)),
            (Features{"appendOnly", "changeDataFeed", "checkConstraints", "columnMapping",
                      "generatedColumns", "invariants"}));
  EXPECT_EQ(EffectiveWriterFeatures(P(2, 6)),
            (Features{"appendOnly", "changeDataFeed", "checkConstraints", "columnMapping",
                      "generatedColumns", "identityColumns", "invariants"}));
  EXPECT_EQ(EffectiveWriterFeatures(
                P(1, 7, std::nullopt, Features{"changeDataFeed", "appendOnly", "invariants"})),
            (Features{"appendOnly", "changeDataFeed", "invariants"}));
  EXPECT_EQ(EffectiveWriterFeatures(P(3, 7, Features{}, Features{})), Features{});
}

TEST(TableFeaturesTest, IsFeatureEnabled) {
  Protocol legacy = P(2, 5);
  EXPECT_TRUE(IsFeatureEnabled(legacy, "columnMapping"));
  EXPECT_TRUE(IsFeatureEnabled(legacy, "changeDataFeed"));
  EXPECT_FALSE(IsFeatureEnabled(legacy, "identityColumns"));
  EXPECT_FALSE(IsFeatureEnabled(legacy, "deletionVectors"));
  Protocol tf = P(3, 7, Features{"deletionVectors"},
                  Features{"deletionVectors", "domainMetadata", "clustering", "rowTracking"});
  EXPECT_TRUE(IsFeatureEnabled(tf, "deletionVectors"));
  EXPECT_TRUE(IsFeatureEnabled(tf, "rowTracking"));
  EXPECT_TRUE(IsFeatureEnabled(tf, feature::kClustering));
  EXPECT_FALSE(IsFeatureEnabled(tf, "appendOnly"));
  EXPECT_FALSE(IsFeatureEnabled(tf, "columnMapping"));
  EXPECT_FALSE(IsFeatureEnabled(P(1, 1), "appendOnly"));
  EXPECT_TRUE(IsFeatureEnabled(P(1, 2), "invariants"));
}

TEST(TableFeaturesTest, ConformanceTableProtocols) {
  DELTA_REQUIRE_CONFORMANCE();
  const fs::path tables = fs::path(test::ConformanceDir()) / "tables";
  std::map<std::string, Protocol> protocols;
  for (const auto& t : fs::directory_iterator(tables)) {
    fs::path log = t.path() / "_delta_log";
    if (!fs::is_directory(log)) continue;
    if (auto p = LatestProtocol(log)) protocols[t.path().filename().string()] = *p;
  }
  ASSERT_GE(protocols.size(), 20u);
  for (const auto& [name, p] : protocols) {
    Status st = CheckReadSupported(p);
    if (name == "table-with-geo") {
      EXPECT_TRUE(st.IsUnsupported()) << st.ToString();
      EXPECT_EQ(st.message(),
                "unsupported reader feature: geospatial (minReaderVersion 3, minWriterVersion 7)");
    } else {
      EXPECT_TRUE(st.ok()) << name << ": " << st.ToString();
    }
  }
  const Protocol& tw = protocols.at("type-widening");
  EXPECT_EQ(EffectiveReaderFeatures(tw), (Features{"timestampNtz", "typeWidening-preview"}));
  EXPECT_EQ(EffectiveWriterFeatures(tw),
            (Features{"appendOnly", "invariants", "timestampNtz", "typeWidening-preview"}));
  const Protocol& dv = protocols.at("table-with-dv-small");
  EXPECT_TRUE(IsFeatureEnabled(dv, "deletionVectors"));
}

}  // namespace
}  // namespace delta
