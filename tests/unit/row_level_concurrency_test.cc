// Row-level concurrency: DELETE and UPDATE transactions that put deletion vectors on the same
// file and touch different rows both commit, the later one rebasing by uniting the DVs;
// overlapping rows, a winner that removed the file, and the opt-out stay conflicts. Through
// the public API (staged with the ops the public calls use) on local disk, read back row by row.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <set>
#include <thread>
#include <utility>

#include "delta/changes.h"
#include "delta/delete.h"
#include "delta/merge.h"
#include "delta/update.h"
#include "ops/row_deletion.h"
#include "ops/row_update.h"
#include "support/id_part_table.h"
#include "support/race_file_system.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Append;
using test::CommitText;
using test::Engine1;
using test::Latest;
using test::Rows;
using Strings = std::vector<std::string>;

const std::map<std::string, std::string> kDvs = {{"delta.enableDeletionVectors", "true"}};

// "id/a" for each id.
Strings RowsOf(std::vector<int64_t> ids) {
  std::sort(ids.begin(), ids.end());
  Strings out;
  for (int64_t id : ids) out.push_back(std::to_string(id) + "/a");
  std::sort(out.begin(), out.end());
  return out;
}

// A delete of `predicate` staged on the latest snapshot, then `concurrent`, then its commit.
Result<CommitResult> DeleteAfter(const std::string& root, const std::shared_ptr<Engine>& engine,
                                 const std::string& predicate,
                                 const std::function<void()>& concurrent,
                                 TransactionOptions options = {}) {
  auto snapshot = Latest(root, engine);
  auto txn = Transaction::Begin(snapshot, options);
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  auto staged = ops::StageRowDeletion(**txn, snapshot, engine, *ParseExpression(predicate));
  EXPECT_TRUE(staged.ok()) << staged.status().ToString();
  concurrent();
  return (*txn)->Commit();
}

void MustDelete(const std::string& root, const std::shared_ptr<Engine>& engine,
                const std::string& predicate) {
  auto r = DeleteRows(root, engine, predicate);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->commit.committed);
}

// The one data file's deletion vector cardinality (-1: no DV).
int64_t OnlyFileDvCardinality(const std::string& root, const std::shared_ptr<Engine>& engine) {
  auto snapshot = Latest(root, engine);
  EXPECT_EQ(snapshot->files().size(), 1u);
  if (snapshot->files().size() != 1) return -2;
  const DeletionVectorDescriptor* dv = snapshot->files()[0].deletion_vector;
  return dv ? dv->cardinality : -1;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(RowLevelConcurrency, DeletesOfDifferentRowsOfOneFileBothCommit) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "a", kDvs);
  MustDelete(root, engine, "id = 10");  // the file starts with a DV of its own (version 1)

  auto r = DeleteAfter(root, engine, "id = 2", [&] { MustDelete(root, engine, "id IN (5, 7)"); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 3);
  EXPECT_EQ(r->rebased_over, std::vector<int64_t>{2});
  EXPECT_EQ(Rows(root, engine), RowsOf({1, 3, 4, 6, 8, 9}));
  EXPECT_EQ(OnlyFileDvCardinality(root, engine), 4);
  // Ours removes the winner's add (DV of 3 rows) and re-adds the file with the united DV.
  std::string commit = CommitText(root, 3);
  EXPECT_EQ(Count(commit, R"("remove":)"), 1u) << commit;
  EXPECT_EQ(Count(commit, R"("add":)"), 1u) << commit;
  EXPECT_NE(commit.find(R"("cardinality":3)"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("cardinality":4)"), std::string::npos) << commit;
}

TEST(RowLevelConcurrency, DeleteRowsCommitsOverAWinnerWithItsMetrics) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4}, "a", kDvs);
  // DeleteRows races a transaction of another writer staged first and committed in between:
  // here the other writer loses, rebasing over DeleteRows' commit.
  auto r = DeleteAfter(root, engine, "id = 1", [&] {
    auto d = DeleteRows(root, engine, "id = 4");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->num_deleted_rows, 1);
    EXPECT_NE(CommitText(root, 1).find(R"("numDeletedRows":"1")"), std::string::npos);
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), RowsOf({2, 3}));
}

TEST(RowLevelConcurrency, AFileLeftWithoutRowsIsNotReAdded) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kDvs);
  Append(root, engine, {9}, "a");
  auto r = DeleteAfter(root, engine, "id = 2", [&] { MustDelete(root, engine, "id IN (1, 3)"); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::string commit = CommitText(root, 3);
  EXPECT_EQ(Count(commit, R"("remove":)"), 1u) << commit;
  EXPECT_EQ(Count(commit, R"("add":)"), 0u) << commit;
  EXPECT_EQ(Rows(root, engine), RowsOf({9}));
  EXPECT_EQ(Latest(root, engine)->files().size(), 1u);
}

TEST(RowLevelConcurrency, RebasesOverSeveralWinners) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5, 6}, "a", kDvs);
  auto r = DeleteAfter(root, engine, "id = 1 OR id = 6", [&] {
    MustDelete(root, engine, "id = 2");
    MustDelete(root, engine, "id = 4");
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 3);
  EXPECT_EQ(r->rebased_over, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(Rows(root, engine), RowsOf({3, 5}));
  EXPECT_EQ(OnlyFileDvCardinality(root, engine), 4);
}

TEST(RowLevelConcurrency, OverlappingRowsConflict) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4}, "a", kDvs);
  std::string path(Latest(root, engine)->files()[0].path);
  auto r =
      DeleteAfter(root, engine, "id = 2 OR id = 3", [&] { MustDelete(root, engine, "id = 3"); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete)
      << r.status().ToString();
  ASSERT_NE(r.status().detail(), nullptr);
  EXPECT_EQ(r.status().detail()->version, 1);
  EXPECT_EQ(r.status().detail()->subject, path);
  EXPECT_NE(r.status().message().find("deleted row 2 of file"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), RowsOf({1, 2, 4}));
  EXPECT_EQ(test::LatestVersion(root, engine), 1);
}

TEST(RowLevelConcurrency, AWinnerThatRemovedTheFileConflicts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4}, "a", kDvs);
  // The winner overwrites the table: the file goes, rows and all.
  auto r = DeleteAfter(root, engine, "id = 2", [&] {
    WriteOptions o;
    o.mode = SaveMode::kOverwrite;
    ArrowArrayStream s = test::Stream({2, 5}, {"a", "a"});
    ASSERT_TRUE(WriteTable(root, engine, &s, o).ok());
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), RowsOf({2, 5}));
}

TEST(RowLevelConcurrency, OptOutKeepsDeltaSparkConflicts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4}, "a", kDvs);
  TransactionOptions spark;
  spark.row_level_concurrency = false;
  auto r = DeleteAfter(
      root, engine, "id = 2", [&] { MustDelete(root, engine, "id = 4"); }, spark);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), RowsOf({1, 2, 3}));
}

TEST(RowLevelConcurrency, AFileThatMatchedNothingIsNoConflict) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  // Both files' statistics cover id 4; only the second holds it.
  Append(root, engine, {1, 3, 5}, "a", kDvs);
  Append(root, engine, {2, 4, 6}, "a");
  auto r = DeleteAfter(root, engine, "id = 4", [&] { MustDelete(root, engine, "id = 3"); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), RowsOf({1, 2, 5, 6}));
}

TEST(RowLevelConcurrency, UpdateAndDeleteOfDifferentRowsBothCommit) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5}, "a", kDvs);
  // The loser updates (its new file holds the updated row) over a winning delete.
  auto snapshot = Latest(root, engine);
  auto txn = *Transaction::Begin(snapshot, {});
  auto staged = ops::StageRowUpdate(*txn, snapshot, engine, *ParseExpression("id = 2"),
                                    {{"id", *ParseExpression("id * 100")}});
  ASSERT_TRUE(staged.ok()) << staged.status().ToString();
  MustDelete(root, engine, "id = 4");
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), RowsOf({1, 3, 5, 200}));

  // The loser deletes over a winning update of another row of the same file.
  auto d = DeleteAfter(root, engine, "id = 1", [&] {
    auto u = UpdateRows(root, engine, "id = 3", {{"id", "300"}});
    ASSERT_TRUE(u.ok()) << u.status().ToString();
  });
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(Rows(root, engine), RowsOf({5, 200, 300}));
}

TEST(RowLevelConcurrency, ChangeFeedHoldsEachCommitsOwnRows) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4}, "a",
         {{"delta.enableDeletionVectors", "true"}, {"delta.enableChangeDataFeed", "true"}});
  auto r = DeleteAfter(root, engine, "id = 1", [&] { MustDelete(root, engine, "id = 3"); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(test::Feed(root, engine, 1), (Strings{"1/delete/2", "3/delete/1"}));
  EXPECT_EQ(Rows(root, engine), RowsOf({2, 4}));
}

TEST(RowLevelConcurrency, RacingThreadsDeleteTheirOwnRowsOfOneFile) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  constexpr int kThreads = 6;
  constexpr int kRowsPerThread = 5;
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < kThreads * kRowsPerThread + 3; ++i) ids.push_back(i);
  Append(root, engine, ids, "a", kDvs);

  std::atomic<int> ready{0};
  std::vector<std::vector<int64_t>> versions(kThreads);
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();
      // Each thread deletes its own rows one statement at a time: id % kThreads == t.
      for (int k = 0; k < kRowsPerThread; ++k) {
        DeleteOptions o;
        o.transaction.max_attempts = 200;
        o.transaction.max_backoff_ms = 20;
        auto r = DeleteRows(root, engine, "id = " + std::to_string(k * kThreads + t), o);
        if (!r.ok()) {
          errors[t] = r.status().ToString();
          return;
        }
        versions[t].push_back(r->commit.version);
      }
    });
  }
  for (std::thread& th : threads) th.join();
  std::set<int64_t> all;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(errors[t], "") << "thread " << t;
    for (int64_t v : versions[t]) EXPECT_TRUE(all.insert(v).second) << "version " << v;
  }
  // Every acknowledged delete is its own version and visible; nothing else went.
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kRowsPerThread));
  EXPECT_EQ(test::LatestVersion(root, engine), kThreads * kRowsPerThread);
  std::vector<int64_t> left;
  for (int64_t i = kThreads * kRowsPerThread; i < kThreads * kRowsPerThread + 3; ++i) {
    left.push_back(i);
  }
  EXPECT_EQ(Rows(root, engine), RowsOf(left));
  EXPECT_EQ(OnlyFileDvCardinality(root, engine), kThreads * kRowsPerThread);
}

using test::RacingEngine;

Result<MergeResult> MergeIds(const std::string& root, const std::shared_ptr<Engine>& engine,
                             const std::vector<int64_t>& ids, const std::vector<std::string>& parts,
                             std::vector<MergeClause> clauses, MergeOptions options = {}) {
  ArrowArrayStream s = test::Stream(ids, parts);
  MergeSpec spec;
  spec.on = "target.id = source.id";
  spec.clauses = std::move(clauses);
  return MergeInto(root, engine, &s, spec, options);
}

TEST(RowLevelConcurrency, MergeOverADeleteOfOtherRowsCommits) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5, 6}, "a", kDvs);
  auto racing = RacingEngine([&] { MustDelete(root, engine, "id = 5"); });
  auto r = MergeIds(root, racing, {2, 8}, {"b", "b"},
                    {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 2);
  EXPECT_EQ(r->commit.rebased_over, std::vector<int64_t>{1});
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/b", "3/a", "4/a", "6/a", "8/b"}));
}

TEST(RowLevelConcurrency, MergeOverADeleteOfARowItMatchedConflicts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4}, "a", kDvs);
  // The merge changes row 3, which the winner deleted.
  auto racing = RacingEngine([&] { MustDelete(root, engine, "id = 3"); });
  auto r = MergeIds(root, racing, {3}, {"b"}, {MergeClause::MatchedUpdateAll()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete)
      << r.status().ToString();

  // Row 4 matches but no clause changes it: had the merge run after the delete, source row 4
  // would have been inserted, so its deletion is still a conflict.
  MergeClause never = MergeClause::MatchedUpdateAll();
  never.condition = "source.part = 'never'";
  auto racing2 = RacingEngine([&] { MustDelete(root, engine, "id = 4"); });
  auto r2 =
      MergeIds(root, racing2, {4, 9}, {"c", "c"}, {never, MergeClause::NotMatchedInsertAll()});
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteRead)
      << r2.status().ToString();
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/a"}));
}

TEST(RowLevelConcurrency, PublicDeleteAndUpdateRebaseOverARacingWriter) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5}, "a", kDvs);
  auto d = DeleteRows(root, RacingEngine([&] { MustDelete(root, engine, "id = 1"); }), "id = 2");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->commit.rebased_over, std::vector<int64_t>{1});
  EXPECT_NE(CommitText(root, 2).find(R"("numDeletedRows":"1")"), std::string::npos);
  auto u = UpdateRows(root, RacingEngine([&] { MustDelete(root, engine, "id = 3"); }), "id = 4",
                      {{"id", "40"}});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->commit.rebased_over, std::vector<int64_t>{3});
  EXPECT_EQ(Rows(root, engine), RowsOf({5, 40}));
}

TEST(MergeDeletionVectors, OneDvFilePerCommit) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kDvs);
  Append(root, engine, {4, 5, 6}, "a");
  MergeOptions in_files;  // these one-row DVs would otherwise be inline
  in_files.transaction.max_inline_deletion_vector_bytes = 0;
  auto r = MergeIds(root, engine, {2, 5}, {"b", "b"}, {MergeClause::MatchedUpdateAll()}, in_files);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_deletion_vectors_added, 2);
  std::set<std::string> dv_files;
  std::set<int32_t> offsets;
  auto snapshot = Latest(root, engine);  // alive while its files are read
  for (const AddFile& f : snapshot->files()) {
    if (!f.deletion_vector) continue;
    dv_files.insert(std::string(f.deletion_vector->path_or_inline));
    offsets.insert(f.deletion_vector->offset.value_or(-1));
  }
  EXPECT_EQ(dv_files.size(), 1u);
  EXPECT_EQ(offsets.size(), 2u);
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/b", "3/a", "4/a", "5/b", "6/a"}));
}

}  // namespace
}  // namespace delta
