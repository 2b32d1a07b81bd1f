// Partition columns filled in by scan execution: every row carries its own file's value, in
// batches of every length the reader yields (files longer than one batch, filtered batches),
// with many files of the same value read at once (the readers share one column per value).
#include <gtest/gtest.h>

#include <arrow/api.h>

#include <map>
#include <numeric>

#include "delta/expression.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

class ScanPartitionColumnsTest : public ::testing::Test {
 protected:
  static std::vector<int64_t> Ids(int64_t first, int64_t n) {
    std::vector<int64_t> ids(static_cast<size_t>(n));
    std::iota(ids.begin(), ids.end(), first);
    return ids;
  }

  // Rows per partition value, each row checked against the value its id was written with.
  std::map<std::string, int64_t> CountByPart(const std::shared_ptr<Engine>& engine,
                                             const char* filter) {
    auto table = Table::ForLocation(root(), engine);
    EXPECT_TRUE(table.ok());
    ScanOptions opts;
    if (filter != nullptr) opts.filter = *ParseExpression(filter);
    auto scan = Scan::Make(*table->LatestSnapshot(), opts);
    EXPECT_TRUE(scan.ok()) << scan.status().ToString();
    auto stream = ExecuteScan(*scan, engine);
    EXPECT_TRUE(stream.ok()) << stream.status().ToString();
    auto t = *test::ReadStream(*stream);
    std::map<std::string, int64_t> counts;
    auto batch = *t->CombineChunksToBatch();
    auto ids = std::static_pointer_cast<arrow::Int64Array>(batch->GetColumnByName("id"));
    auto parts = std::static_pointer_cast<arrow::StringArray>(batch->GetColumnByName("part"));
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::string part(parts->GetView(r));
      EXPECT_EQ(part, ExpectedPart(ids->Value(r))) << "id " << ids->Value(r);
      ++counts[part];
    }
    return counts;
  }

  static std::string ExpectedPart(int64_t id) {
    if (id < 100000) return "a";
    if (id < 170000) return "b";
    return "c" + std::to_string(id % 4);
  }

  std::string root() const { return dir_.path() + "/t"; }

  test::TempDir dir_{"scan-partition-columns"};
};

TEST_F(ScanPartitionColumnsTest, EveryRowHasItsFilesValue) {
  auto engine = test::Engine1();
  const std::string root = this->root();
  // One file of 100k rows (longer than a reader batch), one of 70k, then eight small files of
  // four values, two files per value.
  test::Append(root, engine, Ids(0, 100000), "a", {}, {"part"});
  test::Append(root, engine, Ids(100000, 70000), "b");
  for (int64_t i = 0; i < 8; ++i) {
    int64_t first = 170000 + i * 100;
    std::vector<int64_t> ids;
    for (int64_t id = first; id < first + 100; ++id) {
      if (id % 4 == i % 4) ids.push_back(id);
    }
    test::Append(root, engine, ids, "c" + std::to_string(i % 4));
  }
  std::map<std::string, int64_t> all = CountByPart(engine, nullptr);
  EXPECT_EQ(all, (std::map<std::string, int64_t>{
                     {"a", 100000}, {"b", 70000}, {"c0", 50}, {"c1", 50}, {"c2", 50}, {"c3", 50}}));
  // A filter leaves batches of odd lengths.
  std::map<std::string, int64_t> odd = CountByPart(engine, "id % 3 = 0 AND id < 170000");
  EXPECT_EQ(odd, (std::map<std::string, int64_t>{{"a", 33334}, {"b", 23333}}));
}

TEST_F(ScanPartitionColumnsTest, LongValuesAreRightToo) {
  // Four values of ~240 bytes: 64k-row columns of the first two fill the scan's 32 MB budget,
  // the others are made batch by batch.
  auto engine = test::Engine1();
  const std::string root = this->root();
  std::map<std::string, int64_t> expected;
  for (int64_t i = 0; i < 4; ++i) {
    std::string part = std::string(240, 'x') + std::to_string(i);
    test::Append(root, engine, Ids(i * 10, 10), part, {}, {"part"});
    expected[part] = 10;
  }
  auto table = Table::ForLocation(root, engine);
  ASSERT_TRUE(table.ok());
  auto scan = Scan::Make(*table->LatestSnapshot(), {});
  ASSERT_TRUE(scan.ok());
  auto stream = ExecuteScan(*scan, engine);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto batch = *(*test::ReadStream(*stream))->CombineChunksToBatch();
  auto ids = std::static_pointer_cast<arrow::Int64Array>(batch->GetColumnByName("id"));
  auto parts = std::static_pointer_cast<arrow::StringArray>(batch->GetColumnByName("part"));
  std::map<std::string, int64_t> counts;
  for (int64_t r = 0; r < batch->num_rows(); ++r) {
    std::string part(parts->GetView(r));
    EXPECT_EQ(part, std::string(240, 'x') + std::to_string(ids->Value(r) / 10));
    ++counts[part];
  }
  EXPECT_EQ(counts, expected);
}

}  // namespace
}  // namespace delta
