// The merge builder through the C ABI: an upsert with the result filled, conditional clauses
// with assignments, the duplicate-match error, and bad arguments.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <filesystem>
#include <string>
#include <vector>

#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace {

using namespace delta::test::c;

using Merge = Owned<delta_merge, delta_merge_free>;
using WriteOptions = Owned<delta_write_options, delta_write_options_free>;

class CMergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    location_ = (std::filesystem::path(dir_.path()) / "t").string();
    delta_error* err = nullptr;
    engine_.reset(delta_engine_new_default(nullptr, nullptr, 0, &err));
    ASSERT_NE(engine_, nullptr) << Describe(err);
    ArrowArrayStream rows = delta::test::Stream({1, 2, 3}, {"a", "a", "a"});
    WriteOptions opts(delta_write_options_new());
    ASSERT_EQ(delta_write_options_set_mode(opts.get(), DELTA_SAVE_APPEND, nullptr), DELTA_OK);
    ASSERT_EQ(delta_write_table(location_.c_str(), engine_.get(), &rows, opts.get(), nullptr, &err),
              DELTA_OK)
        << Describe(err);
  }

  std::vector<std::string> Rows() { return delta::test::Rows(location_, delta::test::Engine1()); }

  delta::test::TempDir dir_;
  std::string location_;
  Engine engine_;
};

TEST_F(CMergeTest, UpsertFillsTheResult) {
  delta_error* err = nullptr;
  Merge m(delta_merge_new("target.id = source.id", nullptr, nullptr, &err));
  ASSERT_NE(m, nullptr) << Describe(err);
  ASSERT_EQ(delta_merge_add_clause(m.get(), DELTA_MERGE_MATCHED, DELTA_MERGE_UPDATE, nullptr,
                                   nullptr, nullptr, 0, 1, &err),
            DELTA_OK)
      << Describe(err);
  ASSERT_EQ(delta_merge_add_clause(m.get(), DELTA_MERGE_NOT_MATCHED, DELTA_MERGE_INSERT, nullptr,
                                   nullptr, nullptr, 0, 1, &err),
            DELTA_OK)
      << Describe(err);
  ArrowArrayStream src = delta::test::Stream({3, 4}, {"b", "b"});
  delta_merge_result r{};
  ASSERT_EQ(delta_merge_execute(m.get(), location_.c_str(), engine_.get(), &src, &r, &err),
            DELTA_OK)
      << Describe(err);
  EXPECT_EQ(src.release, nullptr);
  EXPECT_EQ(r.commit.version, 1);
  EXPECT_EQ(r.commit.committed, 1);
  EXPECT_EQ(r.num_source_rows, 2);
  EXPECT_EQ(r.num_target_rows_inserted, 1);
  EXPECT_EQ(r.num_target_rows_updated, 1);
  EXPECT_EQ(r.num_target_rows_deleted, 0);
  EXPECT_EQ(r.num_target_rows_copied, 2);
  EXPECT_EQ(r.num_target_files_removed, 1);
  EXPECT_EQ(r.num_target_files_added, 1);
  EXPECT_EQ(Rows(), (std::vector<std::string>{"1/a", "2/a", "3/b", "4/b"}));
}

TEST_F(CMergeTest, ConditionalClausesWithAssignments) {
  delta_error* err = nullptr;
  Merge m(delta_merge_new("t.id = s.id", "s", "t", &err));
  ASSERT_NE(m, nullptr) << Describe(err);
  ASSERT_EQ(delta_merge_add_clause(m.get(), DELTA_MERGE_MATCHED, DELTA_MERGE_DELETE, "s.id = 1",
                                   nullptr, nullptr, 0, 0, &err),
            DELTA_OK);
  const char* cols[] = {"part"};
  const char* exprs[] = {"'changed'"};
  ASSERT_EQ(delta_merge_add_clause(m.get(), DELTA_MERGE_MATCHED, DELTA_MERGE_UPDATE, nullptr, cols,
                                   exprs, 1, 0, &err),
            DELTA_OK);
  ASSERT_EQ(delta_merge_add_clause(m.get(), DELTA_MERGE_NOT_MATCHED_BY_SOURCE, DELTA_MERGE_DELETE,
                                   nullptr, nullptr, nullptr, 0, 0, &err),
            DELTA_OK);
  ArrowArrayStream src = delta::test::Stream({1, 2}, {"x", "x"});
  delta_merge_result r{};
  ASSERT_EQ(delta_merge_execute(m.get(), location_.c_str(), engine_.get(), &src, &r, &err),
            DELTA_OK)
      << Describe(err);
  EXPECT_EQ(r.num_target_rows_deleted, 2);
  EXPECT_EQ(r.num_target_rows_updated, 1);
  EXPECT_EQ(Rows(), (std::vector<std::string>{"2/changed"}));
}

TEST_F(CMergeTest, ErrorsNameTheProblem) {
  delta_error* err = nullptr;
  Merge m(delta_merge_new("target.id = source.id", nullptr, nullptr, &err));
  ASSERT_NE(m, nullptr);
  ASSERT_EQ(delta_merge_add_clause(m.get(), DELTA_MERGE_MATCHED, DELTA_MERGE_UPDATE, nullptr,
                                   nullptr, nullptr, 0, 1, &err),
            DELTA_OK);
  ArrowArrayStream src = delta::test::Stream({2, 2}, {"x", "y"});
  EXPECT_EQ(delta_merge_execute(m.get(), location_.c_str(), engine_.get(), &src, nullptr, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e(err);
  EXPECT_NE(std::string(delta_error_message(e.get())).find("multiple source rows matched"),
            std::string::npos)
      << delta_error_message(e.get());
  EXPECT_EQ(Rows(), (std::vector<std::string>{"1/a", "2/a", "3/a"}));

  err = nullptr;
  EXPECT_EQ(delta_merge_add_clause(m.get(), DELTA_MERGE_MATCHED, DELTA_MERGE_UPDATE, nullptr,
                                   nullptr, nullptr, 0, 0, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  Error e2(err);
  EXPECT_STREQ(delta_error_message(e2.get()),
               "delta_merge_add_clause: an UPDATE or INSERT clause needs star = 1 or assignments");
  err = nullptr;
  EXPECT_EQ(delta_merge_new(nullptr, nullptr, nullptr, &err), nullptr);
  Error e3(err);
  EXPECT_STREQ(delta_error_message(e3.get()), "delta_merge_new: on is NULL");
  err = nullptr;
  ArrowArrayStream src2 = delta::test::Stream({1}, {"x"});
  EXPECT_EQ(delta_merge_execute(m.get(), nullptr, engine_.get(), &src2, nullptr, &err),
            DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(src2.release, nullptr);  // taken even on error
  Error e4(err);
  EXPECT_STREQ(delta_error_message(e4.get()), "delta_merge_execute: location is NULL");
}

}  // namespace
