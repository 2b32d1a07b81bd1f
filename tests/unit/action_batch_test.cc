// ActionBatch's owning builder: appended file actions are deep copies that outlive the strings
// they were made from, and file order is kept.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "protocol/action_batch.h"

namespace delta {
namespace {

// Every string of the source lives in `strings`; the test destroys it and checks the copies.
struct Source {
  std::vector<std::unique_ptr<std::string>> strings;
  std::vector<PartitionValue> partitions;
  std::vector<KeyValue> tags;
  DeletionVectorDescriptor dv;

  std::string_view S(std::string s) {
    strings.push_back(std::make_unique<std::string>(std::move(s)));
    return *strings.back();
  }
  // Overwrites every byte before the memory is freed, so a dangling view cannot pass by luck.
  ~Source() {
    for (auto& s : strings) std::fill(s->begin(), s->end(), '#');
  }
};

TEST(ActionBatchTest, AppendedActionsOutliveTheirSource) {
  ActionBatch batch;
  {
    Source src;
    src.partitions = {{src.S("date"), src.S("2024-01-01")}, {src.S("region"), std::nullopt}};
    src.tags = {{src.S("tag"), src.S("value")}};
    src.dv = DeletionVectorDescriptor{'u', src.S("ab^-aqEH.-t@S}K{vb[*k^"), 4, 40, 6};
    AddFile add;
    add.path = src.S("part-0.parquet");
    add.partition_values = src.partitions;
    add.size = 10;
    add.stats = src.S(R"({"numRecords":3})");
    add.tags = src.tags;
    add.deletion_vector = &src.dv;
    add.clustering_provider = src.S("liquid");
    RemoveFile rm;
    rm.path = src.S("part-1.parquet");
    rm.partition_values = src.partitions;
    rm.stats = src.S(R"({"numRecords":4})");
    rm.tags = src.tags;
    rm.deletion_vector = &src.dv;
    AddCdcFile cdc;
    cdc.path = src.S("_change_data/c.parquet");
    cdc.partition_values = src.partitions;
    cdc.tags = src.tags;

    AddFile& copy = batch.AppendAdd(add);
    EXPECT_NE(copy.path.data(), add.path.data());
    EXPECT_NE(copy.deletion_vector, add.deletion_vector);
    batch.AppendRemove(rm);
    batch.AppendCdc(cdc);
    batch.AppendAdd(add);
  }
  // Moving the batch keeps the views valid too (arena blocks never move).
  ActionBatch moved = std::move(batch);
  ASSERT_EQ(moved.adds.size(), 2u);
  ASSERT_EQ(moved.removes.size(), 1u);
  ASSERT_EQ(moved.cdcs.size(), 1u);
  EXPECT_EQ(moved.file_action_order, (std::vector<int32_t>{0, -1, 1}));
  for (const AddFile& a : moved.adds) {
    EXPECT_EQ(a.path, "part-0.parquet");
    ASSERT_EQ(a.partition_values.size(), 2u);
    EXPECT_EQ(a.partition_values[0].column, "date");
    EXPECT_EQ(a.partition_values[0].value, "2024-01-01");
    EXPECT_EQ(a.partition_values[1].column, "region");
    EXPECT_FALSE(a.partition_values[1].value);
    EXPECT_EQ(a.size, 10);
    EXPECT_EQ(a.stats, R"({"numRecords":3})");
    ASSERT_EQ(a.tags.size(), 1u);
    EXPECT_EQ(a.tags[0].key, "tag");
    EXPECT_EQ(a.tags[0].value, "value");
    ASSERT_NE(a.deletion_vector, nullptr);
    EXPECT_EQ(a.deletion_vector->storage_type, 'u');
    EXPECT_EQ(a.deletion_vector->path_or_inline, "ab^-aqEH.-t@S}K{vb[*k^");
    EXPECT_EQ(a.deletion_vector->offset, 4);
    EXPECT_EQ(a.deletion_vector->size_in_bytes, 40);
    EXPECT_EQ(a.deletion_vector->cardinality, 6);
    EXPECT_EQ(a.clustering_provider, "liquid");
  }
  const RemoveFile& r = moved.removes[0];
  EXPECT_EQ(r.path, "part-1.parquet");
  ASSERT_EQ(r.partition_values.size(), 2u);
  EXPECT_EQ(r.partition_values[0].value, "2024-01-01");
  EXPECT_EQ(r.stats, R"({"numRecords":4})");
  ASSERT_EQ(r.tags.size(), 1u);
  EXPECT_EQ(r.tags[0].value, "value");
  ASSERT_NE(r.deletion_vector, nullptr);
  EXPECT_EQ(r.deletion_vector->path_or_inline, "ab^-aqEH.-t@S}K{vb[*k^");
  const AddCdcFile& c = moved.cdcs[0];
  EXPECT_EQ(c.path, "_change_data/c.parquet");
  ASSERT_EQ(c.partition_values.size(), 2u);
  EXPECT_EQ(c.partition_values[0].column, "date");
  ASSERT_EQ(c.tags.size(), 1u);
  EXPECT_EQ(c.tags[0].key, "tag");
}

TEST(ActionBatchTest, AppendKeepsAbsentFieldsAbsent) {
  ActionBatch batch;
  AddFile add;
  add.path = "p";
  const AddFile& copy = batch.AppendAdd(add);
  EXPECT_TRUE(copy.partition_values.empty());
  EXPECT_TRUE(copy.stats.empty());
  EXPECT_TRUE(copy.tags.empty());
  EXPECT_EQ(copy.deletion_vector, nullptr);
  EXPECT_TRUE(copy.clustering_provider.empty());
}

}  // namespace
}  // namespace delta
