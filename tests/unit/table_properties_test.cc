// Tests of the typed table properties (delta/table_properties.h).
#include "delta/table_properties.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace delta {
namespace {

using Config = std::map<std::string, std::string>;

constexpr int64_t kDay = 24LL * 3600 * 1000;

TableProperties MustParse(const Config& c) {
  auto r = TableProperties::Parse(c);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : TableProperties();
}

void ExpectDefaults(const TableProperties& t) {
  EXPECT_FALSE(t.append_only());
  EXPECT_FALSE(t.enable_change_data_feed());
  EXPECT_EQ(t.column_mapping_mode(), ColumnMappingMode::kNone);
  EXPECT_EQ(t.column_mapping_max_column_id(), 0);
  EXPECT_FALSE(t.enable_deletion_vectors());
  EXPECT_FALSE(t.enable_in_commit_timestamps());
  EXPECT_EQ(t.in_commit_timestamp_enablement_version(), std::nullopt);
  EXPECT_EQ(t.in_commit_timestamp_enablement_timestamp(), std::nullopt);
  EXPECT_EQ(t.checkpoint_interval(), 10);
  EXPECT_EQ(t.checkpoint_policy(), CheckpointPolicy::kClassic);
  EXPECT_EQ(t.log_retention_duration_ms(), 30 * kDay);
  EXPECT_EQ(t.deleted_file_retention_duration_ms(), 7 * kDay);
  EXPECT_EQ(t.checkpoint_retention_duration_ms(), 2 * kDay);
  EXPECT_EQ(t.set_transaction_retention_duration_ms(), std::nullopt);
  EXPECT_EQ(t.data_skipping_num_indexed_cols(), 32);
  EXPECT_EQ(t.data_skipping_stats_columns(), std::nullopt);
  EXPECT_FALSE(t.enable_row_tracking());
  EXPECT_EQ(t.materialized_row_id_column_name(), std::nullopt);
  EXPECT_EQ(t.materialized_row_commit_version_column_name(), std::nullopt);
  EXPECT_TRUE(t.checkpoint_write_stats_as_json());
  EXPECT_FALSE(t.checkpoint_write_stats_as_struct());
  EXPECT_EQ(t.isolation_level(), IsolationLevel::kSerializable);
  EXPECT_FALSE(t.randomize_file_prefixes());
  EXPECT_EQ(t.random_prefix_length(), 2);
  EXPECT_FALSE(t.enable_type_widening());
}

TEST(TablePropertiesTest, DefaultsWhenEmpty) {
  ExpectDefaults(TableProperties());
  TableProperties parsed = MustParse({});
  ExpectDefaults(parsed);
  EXPECT_TRUE(parsed.raw().empty());
  // Unknown keys are kept raw and change nothing.
  TableProperties other = MustParse({{"owner", "me"}, {"delta.someFutureProperty", "x"}});
  ExpectDefaults(other);
  EXPECT_EQ(other.Get("owner"), "me");
  EXPECT_EQ(other.Get("delta.someFutureProperty"), "x");
  EXPECT_EQ(other.Get("missing"), std::nullopt);
  EXPECT_EQ(other.raw().size(), 2u);
}

TEST(TablePropertiesTest, ConformanceConfigurations) {
  // Configurations as written by the reference implementation in the conformance tables.
  TableProperties dv = MustParse({{"delta.enableDeletionVectors", "true"},
                                  {"delta.checkpoint.writeStatsAsStruct", "true"},
                                  {"delta.checkpointPolicy", "v2"},
                                  {"delta.checkpoint.writeStatsAsJson", "false"},
                                  {"delta.checkpointInterval", "10"}});
  EXPECT_TRUE(dv.enable_deletion_vectors());
  EXPECT_TRUE(dv.checkpoint_write_stats_as_struct());
  EXPECT_FALSE(dv.checkpoint_write_stats_as_json());
  EXPECT_EQ(dv.checkpoint_policy(), CheckpointPolicy::kV2);
  EXPECT_EQ(dv.checkpoint_interval(), 10);

  TableProperties cm = MustParse({{"delta.columnMapping.mode", "name"},
                                  {"delta.columnMapping.maxColumnId", "24"},
                                  {"delta.enableChangeDataFeed", "true"}});
  EXPECT_EQ(cm.column_mapping_mode(), ColumnMappingMode::kName);
  EXPECT_EQ(cm.column_mapping_max_column_id(), 24);
  EXPECT_TRUE(cm.enable_change_data_feed());
  EXPECT_EQ(ColumnMappingModeName(cm.column_mapping_mode()), "name");
  EXPECT_EQ(MustParse({{"delta.columnMapping.mode", "id"}}).column_mapping_mode(),
            ColumnMappingMode::kId);
  EXPECT_EQ(MustParse({{"delta.columnMapping.mode", "none"}}).column_mapping_mode(),
            ColumnMappingMode::kNone);

  TableProperties rt = MustParse({{"delta.enableRowTracking", "true"},
                                  {"delta.rowTracking.materializedRowCommitVersionColumnName",
                                   "_row-commit-version-col-2f60dcc1-9e36-4424-95e7-799b707e4ddb"},
                                  {"delta.rowTracking.materializedRowIdColumnName",
                                   "_row-id-col-4cbc7924-f662-4db1-aa59-22c23f59eb5d"}});
  EXPECT_TRUE(rt.enable_row_tracking());
  EXPECT_EQ(rt.materialized_row_id_column_name(),
            "_row-id-col-4cbc7924-f662-4db1-aa59-22c23f59eb5d");
  EXPECT_EQ(rt.materialized_row_commit_version_column_name(),
            "_row-commit-version-col-2f60dcc1-9e36-4424-95e7-799b707e4ddb");

  TableProperties txn = MustParse({{"delta.setTransactionRetentionDuration", "interval 1 days"}});
  EXPECT_EQ(txn.set_transaction_retention_duration_ms(), kDay);

  EXPECT_EQ(MustParse({{"delta.dataSkippingNumIndexedCols", "0"}}).data_skipping_num_indexed_cols(),
            0);
  EXPECT_TRUE(MustParse({{"delta.enableTypeWidening", "true"}}).enable_type_widening());
}

TEST(TablePropertiesTest, EveryTypedProperty) {
  TableProperties t = MustParse({
      {"delta.appendOnly", "TRUE"},
      {"delta.enableInCommitTimestamps", "true"},
      {"delta.inCommitTimestampEnablementVersion", "5"},
      {"delta.inCommitTimestampEnablementTimestamp", "1700000000123"},
      {"delta.checkpointInterval", " 100 "},
      {"delta.logRetentionDuration", "interval 60 days"},
      {"delta.deletedFileRetentionDuration", "interval 2 weeks"},
      {"delta.checkpointRetentionDuration", "interval 36 hours"},
      {"delta.dataSkippingNumIndexedCols", "-1"},
      {"delta.dataSkippingStatsColumns", "a, b.c ,`x,y`.`z``w`"},
      {"delta.isolationLevel", "WriteSerializable"},
      {"delta.randomizeFilePrefixes", "true"},
      {"delta.randomPrefixLength", "5"},
  });
  EXPECT_TRUE(t.append_only());
  EXPECT_TRUE(t.enable_in_commit_timestamps());
  EXPECT_EQ(t.in_commit_timestamp_enablement_version(), 5);
  EXPECT_EQ(t.in_commit_timestamp_enablement_timestamp(), 1700000000123);
  EXPECT_EQ(t.checkpoint_interval(), 100);
  EXPECT_EQ(t.log_retention_duration_ms(), 60 * kDay);
  EXPECT_EQ(t.deleted_file_retention_duration_ms(), 14 * kDay);
  EXPECT_EQ(t.checkpoint_retention_duration_ms(), 36 * 3600 * 1000);
  EXPECT_EQ(t.data_skipping_num_indexed_cols(), -1);
  ASSERT_TRUE(t.data_skipping_stats_columns().has_value());
  EXPECT_EQ(*t.data_skipping_stats_columns(),
            (std::vector<std::vector<std::string>>{{"a"}, {"b", "c"}, {"x,y", "z`w"}}));
  EXPECT_EQ(t.isolation_level(), IsolationLevel::kWriteSerializable);
  EXPECT_EQ(IsolationLevelName(t.isolation_level()), "WriteSerializable");
  EXPECT_TRUE(t.randomize_file_prefixes());
  EXPECT_EQ(t.random_prefix_length(), 5);
  EXPECT_EQ(MustParse({{"delta.isolationLevel", "snapshotisolation"}}).isolation_level(),
            IsolationLevel::kSnapshotIsolation);
  EXPECT_EQ(MustParse({{"delta.isolationLevel", "Serializable"}}).isolation_level(),
            IsolationLevel::kSerializable);
  EXPECT_EQ(MustParse({{"delta.dataSkippingStatsColumns", "  "}}).data_skipping_stats_columns(),
            std::vector<std::vector<std::string>>{});
}

TEST(TablePropertiesTest, LegacyChangeDataCaptureName) {
  EXPECT_TRUE(MustParse({{"delta.enableChangeDataCapture", "true"}}).enable_change_data_feed());
  // The current name wins when both are present.
  EXPECT_FALSE(MustParse({{"delta.enableChangeDataCapture", "true"},
                          {"delta.enableChangeDataFeed", "false"}})
                   .enable_change_data_feed());
}

TEST(TablePropertiesTest, MalformedValuesNameKeyAndValue) {
  struct Case {
    const char* key;
    const char* value;
    const char* message;
  };
  const Case cases[] = {
      {"delta.checkpointInterval", "abc",
       "invalid table property delta.checkpointInterval=abc: expected a positive integer"},
      {"delta.checkpointInterval", "0",
       "invalid table property delta.checkpointInterval=0: expected a positive integer"},
      {"delta.checkpointInterval", "10x",
       "invalid table property delta.checkpointInterval=10x: expected a positive integer"},
      {"delta.appendOnly", "yes",
       "invalid table property delta.appendOnly=yes: expected true or false"},
      {"delta.enableChangeDataFeed", "1",
       "invalid table property delta.enableChangeDataFeed=1: expected true or false"},
      {"delta.columnMapping.mode", "position",
       "invalid table property delta.columnMapping.mode=position: expected none, id or name"},
      {"delta.dataSkippingNumIndexedCols", "-2",
       "invalid table property delta.dataSkippingNumIndexedCols=-2: expected an integer >= -1"},
      {"delta.dataSkippingNumIndexedCols", "3000000000",
       "invalid table property delta.dataSkippingNumIndexedCols=3000000000: expected an "
       "integer >= -1"},
      {"delta.isolationLevel", "ReadCommitted",
       "invalid table property delta.isolationLevel=ReadCommitted: expected Serializable, "
       "WriteSerializable or SnapshotIsolation"},
      {"delta.checkpointPolicy", "v3",
       "invalid table property delta.checkpointPolicy=v3: expected classic or v2"},
      {"delta.inCommitTimestampEnablementVersion", "five",
       "invalid table property delta.inCommitTimestampEnablementVersion=five: expected an "
       "integer"},
      {"delta.logRetentionDuration", "interval 1 month",
       "invalid table property delta.logRetentionDuration=interval 1 month: expected a "
       "calendar interval such as 'interval 2 weeks' (invalid interval 'interval 1 month': "
       "months and years are not accepted; use days (e.g. 365 days))"},
      {"delta.deletedFileRetentionDuration", "forever",
       "invalid table property delta.deletedFileRetentionDuration=forever: expected a "
       "calendar interval such as 'interval 2 weeks' (invalid interval 'forever': a number "
       "must be followed by a unit)"},
      {"delta.dataSkippingStatsColumns", "a,,b", nullptr},
      {"delta.dataSkippingStatsColumns", "`a", nullptr},
      {"delta.dataSkippingStatsColumns", "a.", nullptr},
      {"delta.dataSkippingStatsColumns", "`a`b", nullptr},
      {"delta.randomPrefixLength", "0", nullptr},
      {"delta.columnMapping.maxColumnId", "-1", nullptr},
      {"delta.setTransactionRetentionDuration", "interval -1 days", nullptr},
  };
  for (const Case& c : cases) {
    auto r = TableProperties::Parse({{c.key, c.value}});
    ASSERT_FALSE(r.ok()) << c.key << "=" << c.value;
    EXPECT_TRUE(r.status().IsInvalidTable()) << r.status().ToString();
    if (c.message) {
      EXPECT_EQ(r.status().message(), c.message);
    } else {
      std::string prefix = std::string("invalid table property ") + c.key + "=" + c.value + ": ";
      EXPECT_EQ(r.status().message().rfind(prefix, 0), 0u) << r.status().message();
    }
  }
}

TEST(TablePropertiesTest, IntervalParsing) {
  const std::pair<const char*, int64_t> ok[] = {
      {"interval 30 days", 30 * kDay},
      {"interval 1 week", 7 * kDay},
      {"1 day", kDay},
      {"2 weeks", 14 * kDay},
      {"INTERVAL 1 DAY", kDay},
      {"  interval   1 day   12 hours ", kDay + 12 * 3600 * 1000},
      {"interval 90 minutes", 90 * 60 * 1000},
      {"interval 1.5 seconds", 1500},
      {"interval 2 seconds 250 milliseconds", 2250},
      {"interval 1500 microseconds", 1},
      {"interval 0 days", 0},
      {"interval 1 day -1 hours", 23 * 3600 * 1000},
      {"interval +3 days", 3 * kDay},
      {"interval 0.123456789 seconds", 123},
  };
  for (const auto& [text, ms] : ok) {
    auto r = ParseIntervalMillis(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    EXPECT_EQ(*r, ms) << text;
  }
  for (const char* bad :
       {"", "interval", "interval 1", "interval days", "interval 1 fortnight", "interval 1 year",
        "interval 2 months", "interval -1 days", "interval 1.5 days", "interval 1. seconds",
        "interval .5 seconds", "interval 1 day 2", "interval 1e3 days",
        "interval 99999999999999999 weeks"}) {
    auto r = ParseIntervalMillis(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_TRUE(r.status().IsInvalidArgument()) << bad;
  }
}

}  // namespace
}  // namespace delta
