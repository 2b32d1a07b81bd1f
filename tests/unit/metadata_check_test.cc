// A metaData the kernel cannot read by fails every snapshot load, not only some commands.
#include <gtest/gtest.h>

#include <string>

#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;
using testing::MetadataJson;
using testing::ProtocolJson;

// A metaData with schema {id: long, s: struct<x: int>} and the given provider and partitions.
std::string Meta(const std::string& provider, const std::string& partition_columns) {
  return R"({"metaData":{"id":"m","format":{"provider":")" + provider +
         R"(","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[)"
         R"({\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},)"
         R"({\"name\":\"s\",\"type\":{\"type\":\"struct\",\"fields\":[{\"name\":\"x\",)"
         R"(\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]},\"nullable\":true,)"
         R"(\"metadata\":{}}]}","partitionColumns":)" +
         partition_columns + R"(,"configuration":{}}})";
}

Status Load(const std::string& metadata) {
  LogBuilder log;
  log.Commit(0, {ProtocolJson(), metadata});
  return log.table().LatestSnapshot().status();
}

TEST(MetadataCheckTest, AcceptsParquetWithRealPartitionColumns) {
  EXPECT_TRUE(Load(Meta("parquet", "[]")).ok());
  EXPECT_TRUE(Load(Meta("parquet", R"(["id"])")).ok());
  EXPECT_TRUE(Load(Meta("parquet", R"(["ID"])")).ok());  // Spark matches case-insensitively
}

TEST(MetadataCheckTest, RefusesOtherFormats) {
  Status st = Load(Meta("csv", "[]"));
  EXPECT_TRUE(st.IsUnsupported()) << st.ToString();
  EXPECT_EQ(st.message(),
            "table memory:///t at version 0: metaData.format.provider is 'csv'; Delta tables "
            "store their data as 'parquet'");
}

TEST(MetadataCheckTest, RefusesBadPartitionColumns) {
  Status missing = Load(Meta("parquet", R"(["nope"])"));
  EXPECT_TRUE(missing.IsInvalidTable());
  EXPECT_EQ(missing.message(),
            "table memory:///t at version 0: metaData.partitionColumns names 'nope', which is "
            "not a column of the schema");
  Status nested = Load(Meta("parquet", R"(["s"])"));
  EXPECT_TRUE(nested.IsInvalidTable());
  EXPECT_EQ(nested.message(),
            "table memory:///t at version 0: metaData.partitionColumns names 's', whose type "
            "struct<x:integer> is not primitive");
  Status twice = Load(Meta("parquet", R"(["id","Id"])"));
  EXPECT_TRUE(twice.IsInvalidTable());
  EXPECT_EQ(twice.message(),
            "table memory:///t at version 0: metaData.partitionColumns names column 'id' twice");
}

}  // namespace
}  // namespace delta
