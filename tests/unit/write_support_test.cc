// Tests of CheckWriteSupported (txn/write_support.h).
#include "txn/write_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/protocols.h"

namespace delta {
namespace {

using test::Features;
using test::P;

std::shared_ptr<const StructType> Schema(const std::string& fields_json) {
  auto r = ParseSchema(R"({"type":"struct","fields":[)" + fields_json + "]}");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

const char* kPlain = R"({"name":"id","type":"long","nullable":true,"metadata":{}})";
const char* kGenerated =
    R"({"name":"s","type":{"type":"struct","fields":[{"name":"g","type":"long","nullable":true,
       "metadata":{"delta.generationExpression":"id + 1"}}]},"nullable":true,"metadata":{}})";
const char* kIdentity =
    R"({"name":"i","type":"long","nullable":false,"metadata":{"delta.identity.start":1,
       "delta.identity.step":1,"delta.identity.allowExplicitInsert":false}})";

std::string Check(const Protocol& p, const std::string& fields = kPlain,
                  std::map<std::string, std::string> config = {}) {
  Metadata m;
  m.configuration = std::move(config);
  Status s = CheckWriteSupported(p, m, *Schema(fields));
  return s.ok() ? "OK" : s.ToString();
}

TEST(WriteSupportTest, LegacyVersions) {
  for (int w = 1; w <= 6; ++w) EXPECT_EQ(Check(P(1, w)), "OK") << w;
  EXPECT_EQ(Check(P(2, 5)), "OK");
  EXPECT_EQ(Check(P(2, 6)), "OK");
  // Writer 4 implies generatedColumns and writer 6 identityColumns: fine until a column uses them.
  EXPECT_EQ(Check(P(1, 4), kGenerated),
            "Unsupported: cannot write: column 's.g' is a generated column (table feature "
            "generatedColumns), which this kernel does not fill in");
  EXPECT_EQ(Check(P(1, 3), kGenerated), "OK");
  EXPECT_EQ(Check(P(1, 6), kIdentity),
            "Unsupported: cannot write: column 'i' is an identity column (table feature "
            "identityColumns), which this kernel does not fill in");
}

TEST(WriteSupportTest, HonouredTableFeatures) {
  Features all{"appendOnly",          "invariants",           "checkConstraints",
               "changeDataFeed",      "columnMapping",        "deletionVectors",
               "timestampNtz",        "domainMetadata",       "inCommitTimestamp",
               "rowTracking",         "typeWidening",         "v2Checkpoint",
               "vacuumProtocolCheck", "checkpointProtection", "generatedColumns",
               "identityColumns",     "allowColumnDefaults",  "clustering"};
  Features reader{"columnMapping", "deletionVectors", "timestampNtz",
                  "typeWidening",  "v2Checkpoint",    "vacuumProtocolCheck"};
  EXPECT_EQ(Check(P(3, 7, reader, all)), "OK");
  EXPECT_EQ(Check(P(1, 7, std::nullopt, Features{})), "OK");
  EXPECT_EQ(Check(P(3, 7, Features{"typeWidening-preview"}, Features{"typeWidening-preview"})),
            "OK");
}

TEST(WriteSupportTest, RefusedFeaturesAreNamed) {
  EXPECT_EQ(Check(P(1, 7, std::nullopt, Features{"icebergCompatV2", "columnMapping"})),
            "Unsupported: cannot write: unsupported writer feature: icebergCompatV2");
  EXPECT_EQ(Check(P(1, 7, std::nullopt,
                    Features{"icebergCompatV1", "domainMetadata", "materializePartitionColumns"})),
            "Unsupported: cannot write: unsupported writer features: icebergCompatV1, "
            "materializePartitionColumns");
  EXPECT_EQ(Check(P(3, 7, Features{"variantType"}, Features{"variantType"})),
            "Unsupported: cannot write: unsupported writer feature: variantType");
  EXPECT_EQ(Check(P(1, 7, std::nullopt, Features{"materializePartitionColumns"})),
            "Unsupported: cannot write: unsupported writer feature: materializePartitionColumns");
  EXPECT_EQ(Check(P(1, 7, std::nullopt, Features{"somethingNew"})),
            "Unsupported: cannot write: unsupported writer feature: somethingNew");
  // Reading comes first: a reader feature this kernel cannot read is refused as such.
  EXPECT_EQ(Check(P(3, 7, Features{"catalogManaged"}, Features{"catalogManaged"})),
            "Unsupported: unsupported reader feature: catalogManaged (minReaderVersion 3, "
            "minWriterVersion 7)");
  EXPECT_EQ(Check(P(1, 8)),
            "Unsupported: unsupported writer version 8 (this kernel writes tables up to "
            "minWriterVersion 7)");
}

TEST(WriteSupportTest, ColumnFeaturesOnlyWhenUsed) {
  Features w{"generatedColumns", "identityColumns", "allowColumnDefaults"};
  EXPECT_EQ(Check(P(1, 7, std::nullopt, w)), "OK");
  EXPECT_EQ(Check(P(1, 7, std::nullopt, w),
                  R"({"name":"d","type":"integer","nullable":true,
                      "metadata":{"CURRENT_DEFAULT":"42","EXISTS_DEFAULT":"42"}})"),
            "Unsupported: cannot write: column 'd' is a column with a default value (table feature "
            "allowColumnDefaults), which this kernel does not fill in");
  // Without the feature the metadata means nothing to writers.
  EXPECT_EQ(Check(P(1, 7, std::nullopt, Features{"appendOnly"}), kGenerated), "OK");
}

TEST(WriteSupportTest, MalformedConfigurationIsInvalidTable) {
  Metadata m;
  m.configuration = {{"delta.appendOnly", "perhaps"}};
  Status s = CheckWriteSupported(P(1, 2), m, *Schema(kPlain));
  EXPECT_EQ(s.code(), StatusCode::kInvalidTable);
  EXPECT_NE(s.message().find("delta.appendOnly"), std::string::npos);
}

}  // namespace
}  // namespace delta
