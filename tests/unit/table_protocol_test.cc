// Tests of protocol derivation for new tables and metadata changes (txn/table_protocol.h).
#include "txn/table_protocol.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "protocol/action_batch.h"
#include "protocol/action_json.h"
#include "support/conformance_tables.h"
#include "support/protocols.h"

namespace delta {
namespace {

using Props = std::map<std::string, std::string>;

using test::Features;
using test::P;

std::string Text(const Protocol& p) {
  std::string out =
      "(" + std::to_string(p.min_reader_version) + "," + std::to_string(p.min_writer_version) + ")";
  auto list = [&](const std::optional<Features>& f, const char* label) {
    if (!f) return;
    out += std::string(" ") + label + "[";
    for (size_t i = 0; i < f->size(); ++i) out += (i ? "," : "") + (*f)[i];
    out += "]";
  };
  list(p.reader_features, "r");
  list(p.writer_features, "w");
  return out;
}

std::shared_ptr<const StructType> Schema(const std::string& fields_json) {
  auto r = ParseSchema(R"({"type":"struct","fields":[)" + fields_json + "]}");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

std::shared_ptr<const StructType> Simple() {
  return Schema(R"({"name":"id","type":"long","nullable":true,"metadata":{}})");
}

std::string NewTable(const Props& props, const StructType& schema) {
  auto r = ProtocolForNewTable(schema, props);
  if (!r.ok()) return "error: " + r.status().ToString();
  return Text(r->protocol);
}
std::string NewTable(const Props& props) { return NewTable(props, *Simple()); }

TEST(TableProtocolTest, LegacyVersionsForLegacyFeatures) {
  EXPECT_EQ(NewTable({}), "(1,2)");
  EXPECT_EQ(NewTable({{"delta.appendOnly", "true"}}), "(1,2)");
  EXPECT_EQ(NewTable({{"delta.appendOnly", "false"}}), "(1,2)");
  EXPECT_EQ(NewTable({{"delta.constraints.positive", "id > 0"}}), "(1,3)");
  EXPECT_EQ(NewTable({{"delta.enableChangeDataFeed", "true"}}), "(1,4)");
  EXPECT_EQ(NewTable({{"delta.columnMapping.mode", "name"}}), "(2,5)");
  EXPECT_EQ(NewTable({{"delta.columnMapping.mode", "id"}, {"delta.enableChangeDataFeed", "true"}}),
            "(2,5)");
  EXPECT_EQ(NewTable({{"delta.columnMapping.mode", "none"}}), "(1,2)");
  EXPECT_EQ(NewTable({}, *Schema(R"({"name":"g","type":"long","nullable":true,
                                     "metadata":{"delta.generationExpression":"id + 1"}})")),
            "(1,4)");
  EXPECT_EQ(NewTable({}, *Schema(R"({"name":"i","type":"long","nullable":false,
                                     "metadata":{"delta.identity.start":1,"delta.identity.step":1,
                                     "delta.identity.allowExplicitInsert":false}})")),
            "(1,6)");
  EXPECT_EQ(NewTable({}, *Schema(R"({"name":"i","type":"long","nullable":true,
                                     "metadata":{"delta.invariants":"{\"expression\":{\"expression\":\"i > 0\"}}"}})")),
            "(1,2)");
  // A legacy feature asked for by name is still a legacy feature.
  EXPECT_EQ(NewTable({{"delta.feature.changeDataFeed", "supported"}}), "(1,4)");
}

TEST(TableProtocolTest, TableFeaturesListExactlyTheNeededFeatures) {
  EXPECT_EQ(NewTable({{"delta.enableDeletionVectors", "true"}}),
            "(3,7) r[deletionVectors] w[deletionVectors]");
  EXPECT_EQ(
      NewTable({{"delta.enableDeletionVectors", "true"}, {"delta.columnMapping.mode", "name"}}),
      "(3,7) r[columnMapping,deletionVectors] w[columnMapping,deletionVectors]");
  EXPECT_EQ(NewTable({{"delta.enableDeletionVectors", "true"},
                      {"delta.appendOnly", "true"},
                      {"delta.enableChangeDataFeed", "true"}}),
            "(3,7) r[deletionVectors] w[appendOnly,changeDataFeed,deletionVectors]");
  EXPECT_EQ(NewTable({{"delta.enableInCommitTimestamps", "true"}}), "(1,7) w[inCommitTimestamp]");
  EXPECT_EQ(NewTable({{"delta.enableRowTracking", "true"}}), "(1,7) w[domainMetadata,rowTracking]");
  EXPECT_EQ(NewTable({{"delta.enableTypeWidening", "true"}}),
            "(3,7) r[typeWidening] w[typeWidening]");
  EXPECT_EQ(NewTable({{"delta.checkpointPolicy", "v2"}}), "(3,7) r[v2Checkpoint] w[v2Checkpoint]");
  EXPECT_EQ(NewTable({{"delta.checkpointPolicy", "classic"}}), "(1,2)");
  EXPECT_EQ(NewTable({{"delta.feature.vacuumProtocolCheck", "supported"}}),
            "(3,7) r[vacuumProtocolCheck] w[vacuumProtocolCheck]");
  EXPECT_EQ(NewTable({{"delta.feature.domainMetadata", "Enabled"}}), "(1,7) w[domainMetadata]");
  // Features bring the features they depend on.
  EXPECT_EQ(NewTable({{"delta.feature.catalogManaged", "supported"}}),
            "(3,7) r[catalogManaged,vacuumProtocolCheck] "
            "w[catalogManaged,inCommitTimestamp,vacuumProtocolCheck]");
  // Feature names match in any case, as in Delta Spark.
  EXPECT_EQ(NewTable({{"delta.feature.DeletionVectors", "SUPPORTED"}}),
            "(3,7) r[deletionVectors] w[deletionVectors]");
  EXPECT_EQ(NewTable({{"delta.feature.appendOnly", "supported"},
                      {"delta.feature.inCommitTimestamp", "supported"}}),
            "(1,7) w[appendOnly,inCommitTimestamp]");
  EXPECT_EQ(
      NewTable({{"delta.enableChangeDataFeed", "true"}, {"delta.enableInCommitTimestamps", "true"}},
               *Schema(R"({"name":"g","type":"long","nullable":true,
                                "metadata":{"delta.generationExpression":"1"}})")),
      "(1,7) w[changeDataFeed,generatedColumns,inCommitTimestamp]");
  EXPECT_EQ(
      NewTable({{"delta.enableIcebergCompatV2", "true"}, {"delta.columnMapping.mode", "name"}}),
      "(3,7) r[columnMapping] w[columnMapping,icebergCompatV2]");
}

TEST(TableProtocolTest, SchemaTypesNeedFeatures) {
  auto ntz = Schema(R"({"name":"s","type":{"type":"struct","fields":[
      {"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{}}]},
      "nullable":true,"metadata":{}})");
  EXPECT_EQ(NewTable({}, *ntz), "(3,7) r[timestampNtz] w[timestampNtz]");
  EXPECT_EQ(NewTable({{"delta.enableChangeDataFeed", "true"}}, *ntz),
            "(3,7) r[timestampNtz] w[changeDataFeed,timestampNtz]");
  auto variant = Schema(R"({"name":"v","type":"variant","nullable":true,"metadata":{}})");
  EXPECT_EQ(NewTable({}, *variant), "(3,7) r[variantType] w[variantType]");
}

TEST(TableProtocolTest, ExplicitVersions) {
  EXPECT_EQ(NewTable({{"delta.minWriterVersion", "4"}}), "(1,4)");
  EXPECT_EQ(NewTable({{"delta.minReaderVersion", "2"}, {"delta.minWriterVersion", "5"}}), "(2,5)");
  EXPECT_EQ(NewTable({{"delta.minWriterVersion", "7"}}), "(1,7) w[]");
  EXPECT_EQ(NewTable({{"delta.minReaderVersion", "3"}, {"delta.minWriterVersion", "7"}}),
            "(3,7) r[] w[]");
  // Versions set explicitly keep their features when table features are needed.
  EXPECT_EQ(NewTable({{"delta.minWriterVersion", "3"}, {"delta.enableDeletionVectors", "true"}}),
            "(3,7) r[deletionVectors] w[appendOnly,checkConstraints,deletionVectors,invariants]");
  EXPECT_EQ(NewTable({{"delta.minWriterVersion", "8"}}),
            "error: InvalidArgument: table property delta.minWriterVersion must be a protocol "
            "version from 1 to 7, got '8'");
  EXPECT_EQ(NewTable({{"delta.minReaderVersion", "3"}, {"delta.minWriterVersion", "5"}}),
            "error: InvalidArgument: delta.minReaderVersion=3 needs delta.minWriterVersion=7");
}

TEST(TableProtocolTest, ProtocolPropertiesAreConsumed) {
  auto r = ProtocolForNewTable(*Simple(), {{"delta.feature.deletionVectors", "supported"},
                                           {"delta.minReaderVersion", "1"},
                                           {"delta.ignoreProtocolDefaults", "true"},
                                           {"delta.appendOnly", "true"},
                                           {"user.key", "v"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->configuration, (Props{{"delta.appendOnly", "true"}, {"user.key", "v"}}));
  EXPECT_EQ(Text(r->protocol), "(3,7) r[deletionVectors] w[appendOnly,deletionVectors]");
}

TEST(TableProtocolTest, BadInputIsNamed) {
  EXPECT_EQ(NewTable({{"delta.feature.timeTravel", "supported"}}),
            "error: Unsupported: unknown table feature 'timeTravel' (table property "
            "delta.feature.timeTravel)");
  EXPECT_EQ(NewTable({{"delta.feature.deletionVectors", "yes"}}),
            "error: InvalidArgument: table property delta.feature.deletionVectors must be "
            "'supported' (or 'enabled'), got 'yes'");
  auto bad = ProtocolForNewTable(*Simple(), {{"delta.enableDeletionVectors", "maybe"}});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("delta.enableDeletionVectors"), std::string::npos);
  EXPECT_EQ(NewTable({{"delta.enableIcebergCompatV2", "1"}}),
            "error: InvalidArgument: table property delta.enableIcebergCompatV2 must be true or "
            "false, got '1'");
}

std::string Update(const Protocol& current, const Props& props, const StructType& schema) {
  auto r = ProtocolForMetadataUpdate(current, schema, props);
  if (!r.ok()) return "error: " + r.status().ToString();
  if (!r->has_value()) return "unchanged";
  return Text(**r);
}
std::string Update(const Protocol& current, const Props& props) {
  return Update(current, props, *Simple());
}

TEST(TableProtocolTest, MetadataUpdates) {
  EXPECT_EQ(Update(P(1, 2), {}), "unchanged");
  EXPECT_EQ(Update(P(1, 2), {{"delta.appendOnly", "true"}}), "unchanged");
  EXPECT_EQ(Update(P(1, 4), {{"delta.appendOnly", "true"}}), "unchanged");
  EXPECT_EQ(Update(P(1, 2), {{"delta.enableChangeDataFeed", "true"}}), "(1,4)");
  EXPECT_EQ(Update(P(1, 4), {{"delta.columnMapping.mode", "name"}}), "(2,5)");
  // Never a downgrade: (2,5) + checkConstraints stays (2,5).
  EXPECT_EQ(Update(P(2, 5), {{"delta.constraints.c", "id > 0"}}), "unchanged");
  // Leaving legacy versions lists everything they implied.
  EXPECT_EQ(Update(P(1, 2), {{"delta.enableDeletionVectors", "true"}}),
            "(3,7) r[deletionVectors] w[appendOnly,deletionVectors,invariants]");
  EXPECT_EQ(Update(P(2, 5), {{"delta.enableInCommitTimestamps", "true"}}),
            "(3,7) r[columnMapping] w[appendOnly,changeDataFeed,checkConstraints,columnMapping,"
            "generatedColumns,inCommitTimestamp,invariants]");
  EXPECT_EQ(Update(P(1, 7, std::nullopt, Features{"inCommitTimestamp"}),
                   {{"delta.enableDeletionVectors", "true"}}),
            "(3,7) r[deletionVectors] w[deletionVectors,inCommitTimestamp]");
  EXPECT_EQ(Update(P(1, 7, std::nullopt, Features{"inCommitTimestamp"}),
                   {{"delta.enableChangeDataFeed", "true"}}),
            "(1,7) w[changeDataFeed,inCommitTimestamp]");
  EXPECT_EQ(Update(P(3, 7, Features{"deletionVectors"}, Features{"deletionVectors"}),
                   {{"delta.enableDeletionVectors", "true"}}),
            "unchanged");
  EXPECT_EQ(Update(P(3, 7, Features{"deletionVectors"}, Features{"deletionVectors"}),
                   {{"delta.enableRowTracking", "true"}}),
            "(3,7) r[deletionVectors] w[deletionVectors,domainMetadata,rowTracking]");
  // A preview feature already supported satisfies the stable one.
  EXPECT_EQ(Update(P(3, 7, Features{"typeWidening-preview"}, Features{"typeWidening-preview"}),
                   {{"delta.enableTypeWidening", "true"}}),
            "unchanged");
  // A new timestamp_ntz column needs timestampNtz.
  auto ntz = Schema(R"({"name":"id","type":"long","nullable":true,"metadata":{}},
                       {"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{}})");
  EXPECT_EQ(Update(P(1, 2), {}, *ntz),
            "(3,7) r[timestampNtz] w[appendOnly,invariants,timestampNtz]");
  EXPECT_EQ(Update(P(1, 2), {{"delta.minWriterVersion", "4"}}), "(1,4)");
  EXPECT_EQ(Update(P(1, 2), {{"delta.feature.nope", "supported"}}),
            "error: Unsupported: unknown table feature 'nope' (table property delta.feature.nope)");
}

// The protocols Delta Spark wrote for tables in the conformance set, derived from their first
// commit's metaData (clustering comes from CLUSTER BY, which is delta.feature.clustering here).
// Delta 3.x releases also listed appendOnly and invariants when a new table needed table
// features (v2-checkpoints-*, timestamp-partitioned-table); Databricks Runtime and later
// releases list only what is used, as these tables show and as this kernel does.
TEST(TableProtocolTest, MatchesTablesSparkCreated) {
  DELTA_REQUIRE_CONFORMANCE();
  struct Case {
    std::string table;
    Props extra;
  };
  for (const Case& c : std::vector<Case>{
           {"crc-full", {{"delta.feature.clustering", "supported"}}},
           {"data-reader-timestamp_ntz", {}},
           {"table-with-dv-small", {}},
           {"with-short-dv", {}},
           {"table-with-cdf", {}},
           {"void-column", {}},
           {"cdf-table-with-dv", {}},
           {"cdf-table-non-partitioned", {}},
           {"cdf-column-mapping-id-mode", {}},
       }) {
    std::string root = test::ExtractedTablePath("tables/" + c.table);
    ASSERT_FALSE(root.empty()) << c.table;
    std::ifstream in(root + "/_delta_log/00000000000000000000.json");
    std::stringstream text;
    text << in.rdbuf();
    std::string data = text.str();
    ActionBatch batch;
    ASSERT_TRUE(ParseJsonActions(&data, "00000000000000000000.json", &batch).ok()) << c.table;
    ASSERT_TRUE(batch.protocol && batch.metadata) << c.table;
    auto schema = ParseSchema(batch.metadata->schema_string);
    ASSERT_TRUE(schema.ok()) << c.table;
    Props props = batch.metadata->configuration;
    props.insert(c.extra.begin(), c.extra.end());
    auto derived = ProtocolForNewTable(**schema, props);
    ASSERT_TRUE(derived.ok()) << c.table << ": " << derived.status().ToString();
    Protocol spark = *batch.protocol;
    for (auto* list : {&spark.reader_features, &spark.writer_features}) {
      if (*list) std::sort((*list)->begin(), (*list)->end());
    }
    EXPECT_EQ(Text(derived->protocol), Text(spark)) << c.table;
    EXPECT_EQ(derived->configuration, batch.metadata->configuration) << c.table;
  }
}

}  // namespace
}  // namespace delta
