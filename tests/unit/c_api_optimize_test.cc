// delta_optimize through the C ABI: compaction per partition with the result filled, the
// partition predicate, Z-order columns, a no-op, and bad arguments.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <filesystem>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/temp_dir.h"

namespace {

using namespace delta::test::c;

using WriteOptions = Owned<delta_write_options, delta_write_options_free>;

class COptimizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = (std::filesystem::path(dir_.path()) / "t").string();
    delta_error* err = nullptr;
    engine_.reset(delta_engine_new_default(nullptr, nullptr, 0, &err));
    ASSERT_NE(engine_, nullptr) << Describe(err);
    // Three appends of regions a and b: six small files.
    for (int64_t i = 0; i < 3; ++i) Append({2 * i, 2 * i + 1}, {"a", "b"});
  }

  void Append(const std::vector<int64_t>& ids, const std::vector<std::string>& regions) {
    arrow::Int64Builder idb;
    arrow::StringBuilder rb;
    ASSERT_TRUE(idb.AppendValues(ids).ok());
    ASSERT_TRUE(rb.AppendValues(regions).ok());
    auto schema =
        arrow::schema({arrow::field("id", arrow::int64()), arrow::field("region", arrow::utf8())});
    auto batch = arrow::RecordBatch::Make(schema, static_cast<int64_t>(ids.size()),
                                          {*idb.Finish(), *rb.Finish()});
    struct ArrowArrayStream rows;
    ASSERT_TRUE(
        arrow::ExportRecordBatchReader(*arrow::RecordBatchReader::Make({batch}, schema), &rows)
            .ok());
    WriteOptions opts(delta_write_options_new());
    ASSERT_EQ(delta_write_options_set_mode(opts.get(), DELTA_SAVE_APPEND, nullptr), DELTA_OK);
    const char* partition[] = {"region"};
    ASSERT_EQ(delta_write_options_set_partition_columns(opts.get(), partition, 1, nullptr),
              DELTA_OK);
    delta_error* err = nullptr;
    ASSERT_EQ(delta_write_table(location_.c_str(), engine_.get(), &rows, opts.get(), nullptr, &err),
              DELTA_OK)
        << Describe(err);
  }

  delta::test::TempDir dir_;
  std::string location_;
  Engine engine_;
};

TEST_F(COptimizeTest, CompactsAndFillsTheResult) {
  delta_optimize_result r{};
  delta_error* err = nullptr;
  ASSERT_EQ(
      delta_optimize(location_.c_str(), engine_.get(), "region = 'a'", nullptr, 0, 0, &r, &err),
      DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.committed, 1);
  EXPECT_EQ(r.version, 3);
  EXPECT_EQ(r.files_considered, 3);
  EXPECT_EQ(r.files_removed, 3);
  EXPECT_EQ(r.files_added, 1);
  EXPECT_EQ(r.partitions_optimized, 1);
  EXPECT_EQ(r.bins, 1);
  EXPECT_EQ(r.rows_written, 3);
  EXPECT_EQ(r.deletion_vectors_removed, 0);
  EXPECT_GT(r.bytes_added, 0);

  // Z-order by id: region b's three files become one, region a's lone file is rewritten too.
  const char* zorder[] = {"id"};
  ASSERT_EQ(delta_optimize(location_.c_str(), engine_.get(), nullptr, zorder, 1, 0, &r, &err),
            DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.version, 4);
  EXPECT_EQ(r.files_removed, 4);
  EXPECT_EQ(r.files_added, 2);
  EXPECT_EQ(r.partitions_optimized, 2);

  // Nothing left to compact: no commit.
  ASSERT_EQ(delta_optimize(location_.c_str(), engine_.get(), "", nullptr, 0, 0, &r, &err), DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.committed, 0);
  EXPECT_EQ(r.version, -1);
  EXPECT_EQ(r.files_considered, 2);
  EXPECT_EQ(r.files_removed, 0);
}

TEST_F(COptimizeTest, BadArguments) {
  delta_error* raw = nullptr;
  EXPECT_EQ(
      delta_optimize(location_.c_str(), engine_.get(), "id > 1", nullptr, 0, 0, nullptr, &raw),
      DELTA_ERROR_INVALID_ARGUMENT);
  Error err(raw);
  EXPECT_NE(std::string(delta_error_message(err.get())).find("names column 'id'"),
            std::string::npos)
      << Describe(err.get());
  EXPECT_EQ(delta_optimize(nullptr, engine_.get(), nullptr, nullptr, 0, 0, nullptr, nullptr),
            DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(delta_optimize(location_.c_str(), nullptr, nullptr, nullptr, 0, 0, nullptr, nullptr),
            DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(
      delta_optimize(location_.c_str(), engine_.get(), nullptr, nullptr, 1, 0, nullptr, nullptr),
      DELTA_ERROR_INVALID_ARGUMENT);
  const char* partition_col[] = {"region"};
  EXPECT_EQ(delta_optimize(location_.c_str(), engine_.get(), nullptr, partition_col, 1, 0, nullptr,
                           nullptr),
            DELTA_ERROR_INVALID_ARGUMENT);
  const std::string missing = (std::filesystem::path(dir_.path()) / "missing").string();
  EXPECT_EQ(
      delta_optimize(missing.c_str(), engine_.get(), nullptr, nullptr, 0, 0, nullptr, nullptr),
      DELTA_ERROR_NOT_FOUND);
}

}  // namespace
