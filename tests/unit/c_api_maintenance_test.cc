// The C ABI's vacuum and restore on a local table: dry run, the retention check, deletes,
// the restore result, a missing file, and NULL arguments.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/temp_dir.h"

namespace {

using namespace delta::test::c;

namespace fs = std::filesystem;
using namespace std::chrono_literals;

using VacuumResult = Owned<delta_vacuum_result, delta_vacuum_result_free>;

// v0 creates the table, v1 adds a.parquet, v2 removes it (in 1970: long expired) and adds
// b.parquet. a, b and an unreferenced orphan.parquet are 30 days old.
class CMaintenanceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(Path("_delta_log"));
    Write("_delta_log/00000000000000000000.json",
          R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
          "\n"
          R"({"metaData":{"id":"c-maintenance","format":{"provider":"parquet","options":{}},)"
          R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":)"
          R"(\"long\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],)"
          R"("configuration":{},"createdTime":1}})"
          "\n");
    Write("_delta_log/00000000000000000001.json",
          R"({"add":{"path":"a.parquet","partitionValues":{},"size":3,)"
          R"("modificationTime":1,"dataChange":true}})"
          "\n");
    Write("_delta_log/00000000000000000002.json",
          R"({"remove":{"path":"a.parquet","deletionTimestamp":1000,"dataChange":true}})"
          "\n"
          R"({"add":{"path":"b.parquet","partitionValues":{},"size":5,)"
          R"("modificationTime":1,"dataChange":true}})"
          "\n");
    Write("a.parquet", "aaa", true);
    Write("b.parquet", "bbbbb", true);
    Write("orphan.parquet", "oooo", true);
    delta_error* err = nullptr;
    engine_.reset(delta_engine_new_default(nullptr, nullptr, 0, &err));
    ASSERT_NE(engine_, nullptr) << Describe(err);
    table_.reset(delta_table_open(dir_.path().c_str(), engine_.get(), &err));
    ASSERT_NE(table_, nullptr) << Describe(err);
  }

  fs::path Path(const std::string& rel) const { return fs::path(dir_.path()) / rel; }
  void Write(const std::string& rel, const std::string& data, bool old = false) {
    std::ofstream(Path(rel)) << data;
    if (old) fs::last_write_time(Path(rel), fs::file_time_type::clock::now() - 24h * 30);
  }
  std::string Uri(const std::string& rel) const { return "file://" + Path(rel).string(); }
  std::vector<std::string> Files(const delta_vacuum_result* r) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < delta_vacuum_result_num_files(r); ++i) {
      out.emplace_back(delta_vacuum_result_file(r, i));
    }
    return out;
  }

  delta::test::TempDir dir_{"c-maintenance"};
  Engine engine_;
  Table table_;
};

TEST_F(CMaintenanceTest, VacuumDryRunThenDeletes) {
  delta_vacuum_result* raw = nullptr;
  delta_error* err = nullptr;
  ASSERT_EQ(delta_vacuum(table_.get(), -1, 1, 1, 0, &raw, &err), DELTA_OK) << Describe(err);
  VacuumResult dry(raw);
  EXPECT_EQ(Files(dry.get()), (std::vector<std::string>{Uri("a.parquet"), Uri("orphan.parquet")}));
  EXPECT_EQ(delta_vacuum_result_bytes(dry.get()), 7);
  EXPECT_EQ(delta_vacuum_result_dry_run(dry.get()), 1);
  EXPECT_EQ(delta_vacuum_result_retention_ms(dry.get()), 7 * 24 * 3600 * 1000LL);
  EXPECT_EQ(delta_vacuum_result_file(dry.get(), 2), nullptr);
  EXPECT_TRUE(fs::exists(Path("a.parquet")));

  // One hour is shorter than the table's 7 days.
  ASSERT_EQ(delta_vacuum(table_.get(), 3600 * 1000, 1, 0, 0, &raw, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error refused(err);
  EXPECT_EQ(raw, nullptr);
  EXPECT_NE(std::string(delta_error_message(refused.get())).find("shorter than the table's"),
            std::string::npos);

  err = nullptr;
  ASSERT_EQ(delta_vacuum(table_.get(), -1, 1, 0, 0, &raw, &err), DELTA_OK) << Describe(err);
  VacuumResult done(raw);
  EXPECT_EQ(delta_vacuum_result_num_files(done.get()), 2u);
  EXPECT_EQ(delta_vacuum_result_dry_run(done.get()), 0);
  EXPECT_FALSE(fs::exists(Path("a.parquet")));
  EXPECT_FALSE(fs::exists(Path("orphan.parquet")));
  EXPECT_TRUE(fs::exists(Path("b.parquet")));
  // The result may be omitted.
  EXPECT_EQ(delta_vacuum(table_.get(), -1, 1, 0, 1, nullptr, &err), DELTA_OK) << Describe(err);
}

TEST_F(CMaintenanceTest, RestoreReportsItsMetricsAndRefusesMissingFiles) {
  delta_restore_result r{};
  delta_error* err = nullptr;
  ASSERT_EQ(delta_restore(table_.get(), 1, &r, &err), DELTA_OK) << Describe(err);
  EXPECT_EQ(r.commit.version, 3);
  EXPECT_EQ(r.commit.committed, 1);
  EXPECT_EQ(r.restored_version, 1);
  EXPECT_EQ(r.num_restored_files, 1);
  EXPECT_EQ(r.restored_files_size, 3);
  EXPECT_EQ(r.num_removed_files, 1);
  EXPECT_EQ(r.removed_files_size, 5);
  EXPECT_EQ(r.num_files_after, 1);
  EXPECT_EQ(r.table_size_after, 3);

  // Version 2's b.parquet is gone from storage: nothing is committed.
  fs::remove(Path("b.parquet"));
  ASSERT_EQ(delta_restore(table_.get(), 2, &r, &err), DELTA_ERROR_NOT_FOUND);
  Error missing(err);
  EXPECT_NE(std::string(delta_error_message(missing.get())).find(Uri("b.parquet")),
            std::string::npos)
      << Describe(missing.get());

  err = nullptr;
  EXPECT_EQ(delta_restore_to_timestamp(table_.get(), 0, &r, &err), DELTA_ERROR_NOT_FOUND);
  delta_error_free(err);
}

TEST(CMaintenanceNullTest, NullTableIsInvalidArgument) {
  delta_error* err = nullptr;
  delta_vacuum_result* raw = reinterpret_cast<delta_vacuum_result*>(1);
  EXPECT_EQ(delta_vacuum(nullptr, -1, 1, 1, 0, &raw, &err), DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_STREQ(delta_error_message(err), "delta_vacuum: table is NULL");
  delta_error_free(err);
  err = nullptr;
  EXPECT_EQ(delta_restore(nullptr, 0, nullptr, &err), DELTA_ERROR_INVALID_ARGUMENT);
  delta_error_free(err);
  EXPECT_EQ(delta_vacuum_result_num_files(nullptr), 0u);
  delta_vacuum_result_free(nullptr);
}

}  // namespace
