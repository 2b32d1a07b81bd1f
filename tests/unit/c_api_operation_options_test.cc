// The C ABI's *_with_options calls: the row-level concurrency switch of delete, update and
// merge against a racing writer, app transactions, inline DV size and engine info; optimize's
// minimum file size and progress; vacuum's clock, history switch and progress; restore's
// commit options; bad options.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "c/c_api_internal.h"
#include "delta/c/delta_kernel.h"
#include "support/c_handles.h"
#include "support/id_part_table.h"
#include "support/racing_engine.h"
#include "support/temp_dir.h"

namespace {

namespace c = delta::test::c;
namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

const std::map<std::string, std::string> kDvs = {{"delta.enableDeletionVectors", "true"}};

class COperationOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = (fs::path(dir_.path()) / "t").string();
    delta_error* err = nullptr;
    engine_.reset(delta_engine_new_default(nullptr, nullptr, 0, &err));
    ASSERT_NE(engine_, nullptr) << c::Describe(err);
  }

  // A C engine whose first commit put first runs a C delete of `winner` (a concurrent writer).
  delta_engine RacingDelete(const std::string& winner) {
    return delta_engine{delta::test::RacingEngine([this, winner] {
      delta_error* err = nullptr;
      ASSERT_EQ(delta_delete(root_.c_str(), engine_.get(), winner.c_str(), nullptr, &err), DELTA_OK)
          << c::Describe(err);
    })};
  }

  Strings Rows() { return delta::test::Rows(root_, cpp_engine_); }

  static Strings RowsOf(const std::vector<int64_t>& ids) {
    Strings out;
    for (int64_t id : ids) out.push_back(std::to_string(id) + "/a");
    return out;
  }

  // The error's code and detail kind, freeing it.
  static std::pair<delta_error_code, delta_error_detail_code> Take(delta_error* raw) {
    c::Error err(raw);
    return {delta_error_kind(err.get()), delta_error_detail_kind(err.get())};
  }

  delta::test::TempDir dir_{"c-operation-options"};
  std::string root_;
  std::shared_ptr<delta::Engine> cpp_engine_ = delta::test::Engine1();
  c::Engine engine_;
};

TEST_F(COperationOptionsTest, DeleteConflictsWithoutRowLevelConcurrencyAndRebasesWithIt) {
  delta::test::Append(root_, cpp_engine_, {1, 2, 3, 4}, "a", kDvs);
  delta_commit_options spark;
  delta_commit_options_init(&spark);
  EXPECT_EQ(spark.row_level_concurrency, 1);
  EXPECT_EQ(spark.max_attempts, 20);
  EXPECT_EQ(spark.max_inline_deletion_vector_bytes, 64);
  spark.row_level_concurrency = 0;
  delta_dml_options opts;
  delta_dml_options_init(&opts);
  opts.commit = &spark;

  // A concurrent delete of row 4 of the same file: a conflict, as in Delta Spark.
  delta_engine racing = RacingDelete("id = 4");
  delta_delete_result r{};
  delta_error* raw = nullptr;
  ASSERT_EQ(delta_delete_with_options(root_.c_str(), &racing, "id = 2", &opts, &r, &raw),
            DELTA_ERROR_CONFLICT);
  EXPECT_EQ(Take(raw).second, DELTA_DETAIL_CONCURRENT_APPEND);  // the file re-added with a DV
  EXPECT_EQ(Rows(), RowsOf({1, 2, 3}));

  // The default (row-level concurrency on): the deletion vectors are united.
  delta_engine racing2 = RacingDelete("id = 3");
  ASSERT_EQ(delta_delete_with_options(root_.c_str(), &racing2, "id = 2", nullptr, &r, &raw),
            DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(r.commit.version, 3);
  EXPECT_EQ(r.commit.num_rebases, 1);
  EXPECT_EQ(r.num_deleted_rows, 1);
  EXPECT_EQ(Rows(), RowsOf({1}));
}

TEST_F(COperationOptionsTest, UpdateAndMergeTakeTheSwitch) {
  delta::test::Append(root_, cpp_engine_, {1, 2, 3, 4, 5, 6}, "a", kDvs);
  delta_commit_options spark;
  delta_commit_options_init(&spark);
  spark.row_level_concurrency = 0;
  delta_dml_options opts;
  delta_dml_options_init(&opts);
  opts.commit = &spark;
  const char* columns[] = {"id"};
  const char* values[] = {"20"};
  delta_update_result u{};
  delta_error* raw = nullptr;
  delta_engine racing = RacingDelete("id = 6");
  EXPECT_EQ(delta_update_with_options(root_.c_str(), &racing, "id = 2", columns, values, 1, &opts,
                                      &u, &raw),
            DELTA_ERROR_CONFLICT);
  c::Error(std::exchange(raw, nullptr));
  delta_engine racing2 = RacingDelete("id = 5");
  ASSERT_EQ(delta_update_with_options(root_.c_str(), &racing2, "id = 2", columns, values, 1,
                                      nullptr, &u, &raw),
            DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(u.num_updated_rows, 1);
  EXPECT_EQ(u.commit.num_rebases, 1);

  c::Owned<delta_merge, delta_merge_free> merge(
      delta_merge_new("target.id = source.id", nullptr, nullptr, &raw));
  ASSERT_NE(merge, nullptr) << c::Describe(raw);
  ASSERT_EQ(delta_merge_add_clause(merge.get(), DELTA_MERGE_MATCHED, DELTA_MERGE_DELETE, nullptr,
                                   nullptr, nullptr, 0, 0, &raw),
            DELTA_OK)
      << c::Describe(raw);
  delta_engine racing3 = RacingDelete("id = 4");
  ArrowArrayStream source = delta::test::Stream({1}, {"a"});
  delta_merge_result m{};
  EXPECT_EQ(delta_merge_execute_with_options(merge.get(), root_.c_str(), &racing3, &source, &opts,
                                             &m, &raw),
            DELTA_ERROR_CONFLICT);
  c::Error(std::exchange(raw, nullptr));
  EXPECT_EQ(source.release, nullptr);
  delta_engine racing4 = RacingDelete("id = 3");
  source = delta::test::Stream({1}, {"a"});
  ASSERT_EQ(delta_merge_execute_with_options(merge.get(), root_.c_str(), &racing4, &source, nullptr,
                                             &m, &raw),
            DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(m.num_target_rows_deleted, 1);
  EXPECT_EQ(m.commit.num_rebases, 1);
  EXPECT_EQ(Rows(), RowsOf({20}));
}

TEST_F(COperationOptionsTest, AppTransactionInlineDvSizeAndEngineInfo) {
  delta::test::Append(root_, cpp_engine_, {1, 2, 3, 4}, "a", kDvs);
  delta_commit_options commit;
  delta_commit_options_init(&commit);
  commit.max_inline_deletion_vector_bytes = 0;
  commit.engine_info = "c-options-test/1";
  commit.clock_ms = 1700000000000;
  delta_dml_options opts;
  delta_dml_options_init(&opts);
  opts.app_id = "nightly";
  opts.app_version = 7;
  opts.commit = &commit;
  delta_delete_result r{};
  delta_error* raw = nullptr;
  ASSERT_EQ(delta_delete_with_options(root_.c_str(), engine_.get(), "id = 1", &opts, &r, &raw),
            DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(r.commit.committed, 1);
  EXPECT_EQ(r.commit.version, 1);
  EXPECT_EQ(r.commit.timestamp, 1700000000000);
  const std::string text = delta::test::CommitText(root_, 1);
  EXPECT_NE(text.find(R"("engineInfo":"c-options-test/1")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("txn":{"appId":"nightly","version":7)"), std::string::npos) << text;
  size_t dv_files = 0;
  for (const auto& e : fs::recursive_directory_iterator(root_)) {
    dv_files += e.path().filename().string().starts_with("deletion_vector_") ? 1 : 0;
  }
  EXPECT_EQ(dv_files, 1u);  // a 1-row DV, written to a file rather than inline

  // The same app version again: nothing is committed.
  ASSERT_EQ(delta_delete_with_options(root_.c_str(), engine_.get(), "id = 2", &opts, &r, &raw),
            DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(r.commit.committed, 0);
  EXPECT_EQ(Rows(), RowsOf({2, 3, 4}));
}

TEST_F(COperationOptionsTest, BadOptions) {
  delta::test::Append(root_, cpp_engine_, {1, 2}, "a");
  delta_commit_options commit;
  delta_commit_options_init(&commit);
  commit.max_attempts = 0;
  delta_dml_options opts;
  delta_dml_options_init(&opts);
  opts.commit = &commit;
  delta_error* raw = nullptr;
  EXPECT_EQ(delta_delete_with_options(root_.c_str(), engine_.get(), "id = 1", &opts, nullptr, &raw),
            DELTA_ERROR_INVALID_ARGUMENT);
  c::Error err(std::exchange(raw, nullptr));
  EXPECT_EQ(std::string(delta_error_message(err.get())),
            "delta_delete: commit->max_attempts 0 is below 1");
  opts.commit = nullptr;
  opts.struct_size = 4;
  EXPECT_EQ(
      delta_delete_with_options(root_.c_str(), engine_.get(), "id = 1", &opts, nullptr, nullptr),
      DELTA_ERROR_INVALID_ARGUMENT);
  delta_optimize_options o;
  delta_optimize_options_init(&o);
  o.min_file_size = -2;
  EXPECT_EQ(delta_optimize_with_options(root_.c_str(), engine_.get(), &o, nullptr, nullptr),
            DELTA_ERROR_INVALID_ARGUMENT);
  delta_optimize_options_init(&o);
  o.max_deleted_rows_ratio = 1.5;
  EXPECT_EQ(delta_optimize_with_options(root_.c_str(), engine_.get(), &o, nullptr, nullptr),
            DELTA_ERROR_INVALID_ARGUMENT);
  c::Table table(delta_table_open(root_.c_str(), engine_.get(), nullptr));
  ASSERT_NE(table, nullptr);
  delta_vacuum_options v;
  delta_vacuum_options_init(&v);
  v.log_to_history = 2;
  EXPECT_EQ(delta_vacuum_with_options(table.get(), &v, nullptr, nullptr),
            DELTA_ERROR_INVALID_ARGUMENT);
  commit.max_attempts = 1;
  commit.isolation = static_cast<delta_isolation_level>(9);
  EXPECT_EQ(delta_restore_with_options(table.get(), 0, &commit, nullptr, nullptr),
            DELTA_ERROR_INVALID_ARGUMENT);
  EXPECT_EQ(Rows(), RowsOf({1, 2}));
}

struct OptimizeCalls {
  int calls = 0;
  delta_optimize_progress last{};
};

void OnOptimizeProgress(const delta_optimize_progress* p, void* user_data) {
  auto* seen = static_cast<OptimizeCalls*>(user_data);
  ++seen->calls;
  seen->last = *p;
}

TEST_F(COperationOptionsTest, OptimizeLeavesFilesOfTheMinimumSizeAndReportsProgress) {
  // Three small files of 2 rows and one of 2000 rows.
  for (int64_t i = 0; i < 3; ++i) delta::test::Append(root_, cpp_engine_, {2 * i, 2 * i + 1}, "a");
  std::vector<int64_t> many;
  for (int64_t i = 100; i < 2100; ++i) many.push_back(i);
  delta::test::Append(root_, cpp_engine_, many, "a");
  int64_t big = 0;
  int64_t small_bytes = 0;
  auto snapshot = delta::test::Latest(root_, cpp_engine_);  // the files are views into it
  for (const auto& f : snapshot->files()) {
    if (f.size > big) {
      small_bytes += big;
      big = f.size;
    } else {
      small_bytes += f.size;
    }
  }

  delta_optimize_options o;
  delta_optimize_options_init(&o);
  EXPECT_EQ(o.min_file_size, -1);
  EXPECT_EQ(o.max_deleted_rows_ratio, 0.05);
  // Every file is at least 0 bytes: none is small, nothing to do.
  o.min_file_size = 0;
  delta_optimize_result r{};
  delta_error* raw = nullptr;
  ASSERT_EQ(delta_optimize_with_options(root_.c_str(), engine_.get(), &o, &r, &raw), DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(r.committed, 0);
  EXPECT_EQ(r.files_considered, 4);
  EXPECT_EQ(r.files_removed, 0);

  // The big file's size: it is left alone, the three small ones become one.
  OptimizeCalls seen;
  o.min_file_size = big;
  o.progress = OnOptimizeProgress;
  o.progress_user_data = &seen;
  ASSERT_EQ(delta_optimize_with_options(root_.c_str(), engine_.get(), &o, &r, &raw), DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(r.committed, 1);
  EXPECT_EQ(r.version, 4);
  EXPECT_EQ(r.files_considered, 4);
  EXPECT_EQ(r.files_removed, 3);
  EXPECT_EQ(r.files_added, 1);
  EXPECT_EQ(r.bytes_removed, small_bytes);
  EXPECT_EQ(r.rows_written, 6);
  // After planning, after the one bin, before the commit.
  EXPECT_EQ(seen.calls, 3);
  EXPECT_EQ(seen.last.bins_total, 1);
  EXPECT_EQ(seen.last.bins_done, 1);
  EXPECT_EQ(seen.last.files_total, 3);
  EXPECT_EQ(seen.last.files_done, 3);
  EXPECT_EQ(seen.last.bytes_total, small_bytes);
  EXPECT_EQ(seen.last.bytes_done, small_bytes);
  EXPECT_EQ(seen.last.committing, 1);

  // The plain call is the default options: the default minimum is the target size (1 GiB),
  // so the remaining two files are compacted.
  ASSERT_EQ(delta_optimize(root_.c_str(), engine_.get(), nullptr, nullptr, 0, 0, &r, &raw),
            DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(r.files_removed, 2);
  EXPECT_EQ(r.rows_written, 2006);
}

struct VacuumCalls {
  std::vector<delta_vacuum_progress> calls;
};

void OnVacuumProgress(const delta_vacuum_progress* p, void* user_data) {
  static_cast<VacuumCalls*>(user_data)->calls.push_back(*p);
}

TEST_F(COperationOptionsTest, VacuumWithAClockProgressAndNoHistory) {
  delta::test::Append(root_, cpp_engine_, {1, 2}, "a");
  delta::test::Append(root_, cpp_engine_, {3, 4}, "a");
  delta_delete_result d{};
  delta_error* raw = nullptr;
  // Copy-on-write: the file of 1 and 2 is removed, 2 is rewritten.
  ASSERT_EQ(delta_delete(root_.c_str(), engine_.get(), "id = 1", &d, &raw), DELTA_OK)
      << c::Describe(raw);
  ASSERT_EQ(d.num_removed_files, 1);
  std::ofstream(fs::path(root_) / "orphan.parquet") << "orphan";
  c::Table table(delta_table_open(root_.c_str(), engine_.get(), &raw));
  ASSERT_NE(table, nullptr) << c::Describe(raw);

  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  constexpr int64_t kDay = 24 * 3600 * 1000;
  VacuumCalls seen;
  delta_vacuum_options v;
  delta_vacuum_options_init(&v);
  EXPECT_EQ(v.retention_ms, -1);
  EXPECT_EQ(v.enforce_retention, 1);
  EXPECT_EQ(v.dry_run, 0);
  EXPECT_EQ(v.log_to_history, -1);
  v.now_ms = now + 8 * kDay;  // past the 7-day retention
  v.log_to_history = 0;
  v.progress = OnVacuumProgress;
  v.progress_user_data = &seen;
  delta_vacuum_result* out = nullptr;
  ASSERT_EQ(delta_vacuum_with_options(table.get(), &v, &out, &raw), DELTA_OK) << c::Describe(raw);
  c::Owned<delta_vacuum_result, delta_vacuum_result_free> result(out);
  ASSERT_EQ(delta_vacuum_result_num_files(result.get()), 2u);
  EXPECT_EQ(std::string(delta_vacuum_result_file(result.get(), 0)),
            "file://" + (fs::path(root_) / "orphan.parquet").string());
  EXPECT_EQ(delta_vacuum_result_snapshot_version(result.get()), 2);
  EXPECT_EQ(delta_vacuum_result_cutoff_ms(result.get()), now + kDay);
  EXPECT_EQ(delta_vacuum_result_kept_for_newer_commits(result.get()), 0);
  EXPECT_EQ(delta_vacuum_result_retention_ms(result.get()), 7 * kDay);
  // One call after listing (the four files under the root), one after the deletes.
  ASSERT_EQ(seen.calls.size(), 2u);
  EXPECT_EQ(seen.calls[0].phase, DELTA_VACUUM_LISTING);
  EXPECT_EQ(seen.calls[0].done, 4);
  EXPECT_EQ(seen.calls[0].total, 0);
  EXPECT_EQ(seen.calls[1].phase, DELTA_VACUUM_DELETING);
  EXPECT_EQ(seen.calls[1].done, 2);
  EXPECT_EQ(seen.calls[1].total, 2);
  // No VACUUM START / END commits.
  EXPECT_EQ(delta_vacuum_result_start_version(result.get()), -1);
  EXPECT_EQ(delta_vacuum_result_end_version(result.get()), -1);
  EXPECT_EQ(delta::test::LatestVersion(root_, cpp_engine_), 2);
  EXPECT_EQ(Rows(), RowsOf({2, 3, 4}));

  // Logged: nothing left to delete, the run is versions 3 and 4.
  v.log_to_history = 1;
  v.progress = nullptr;
  ASSERT_EQ(delta_vacuum_with_options(table.get(), &v, &out, &raw), DELTA_OK) << c::Describe(raw);
  result.reset(out);
  EXPECT_EQ(delta_vacuum_result_num_files(result.get()), 0u);
  EXPECT_EQ(delta_vacuum_result_start_version(result.get()), 3);
  EXPECT_EQ(delta_vacuum_result_end_version(result.get()), 4);
  EXPECT_EQ(delta::test::LatestVersion(root_, cpp_engine_), 4);
}

TEST_F(COperationOptionsTest, RestoreWithCommitOptions) {
  delta::test::Append(root_, cpp_engine_, {1}, "a");
  delta::test::Append(root_, cpp_engine_, {2}, "a");
  c::Table table(delta_table_open(root_.c_str(), engine_.get(), nullptr));
  ASSERT_NE(table, nullptr);
  delta_commit_options commit;
  delta_commit_options_init(&commit);
  commit.engine_info = "c-restore/2";
  delta_restore_result r{};
  delta_error* raw = nullptr;
  ASSERT_EQ(delta_restore_with_options(table.get(), 0, &commit, &r, &raw), DELTA_OK)
      << c::Describe(raw);
  EXPECT_EQ(r.commit.version, 2);
  EXPECT_EQ(r.num_removed_files, 1);
  EXPECT_NE(delta::test::CommitText(root_, 2).find(R"("engineInfo":"c-restore/2")"),
            std::string::npos);
  EXPECT_EQ(Rows(), RowsOf({1}));
}

}  // namespace
