// commitInfo.operationMetrics after a row-level rebase: two DELETEs (or an UPDATE or MERGE and
// a DELETE) put deletion vectors on one file; the loser, restaged on top of the winner with the
// DVs united, keeps its own row counts while its file and deletion-vector counts describe the
// actions it commits (it removes the winner's add, DV included; a file left without rows is
// not re-added). Each metric of both commits is asserted, read back from the log.
#include <gtest/gtest.h>

#include "delta/delete.h"
#include "delta/merge.h"
#include "delta/update.h"
#include "ops/row_deletion.h"
#include "support/commit_info_text.h"
#include "support/id_part_table.h"
#include "support/racing_engine.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Append;
using test::CommitText;
using test::Engine1;
using test::Latest;
using Metrics = std::map<std::string, std::string>;

const std::map<std::string, std::string> kDvs = {{"delta.enableDeletionVectors", "true"}};

std::string OnlyFileSize(const std::string& root, const std::shared_ptr<Engine>& engine) {
  auto snapshot = Latest(root, engine);
  EXPECT_EQ(snapshot->files().size(), 1u);
  return snapshot->files().empty() ? "?" : std::to_string(snapshot->files()[0].size);
}

// A DV DELETE's metrics (timings left out).
Metrics DeleteMetrics(int64_t deleted, int64_t dvs_added, int64_t dvs_removed,
                      const std::string& removed_bytes) {
  return {{"numDeletedRows", std::to_string(deleted)},
          {"numRemovedFiles", "1"},
          {"numAddedFiles", "0"},
          {"numCopiedRows", "0"},
          {"numDeletionVectorsAdded", std::to_string(dvs_added)},
          {"numDeletionVectorsRemoved", std::to_string(dvs_removed)},
          {"numAddedChangeFiles", "0"},
          {"numAddedBytes", "0"},
          {"numRemovedBytes", removed_bytes}};
}

void MustDelete(const std::string& root, const std::shared_ptr<Engine>& engine,
                const std::string& predicate) {
  auto r = DeleteRows(root, engine, predicate);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->commit.committed);
}

TEST(RebaseMetrics, TwoDeletesOfOneFile) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "a", kDvs);
  const std::string size = OnlyFileSize(root, engine);
  auto racing = test::RacingEngine({[&] { MustDelete(root, engine, "id IN (5, 7)"); }});
  auto r = DeleteRows(root, racing, "id = 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 2);
  EXPECT_EQ(r->commit.rebased_over, std::vector<int64_t>{1});
  // The winner: a file without a DV gets one.
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 1)), DeleteMetrics(2, 1, 0, size));
  // The loser removes the winner's add, whose DV goes: one DV removed, one (the union) added;
  // its deleted rows stay its own. Its staged remove (of the file without DV) said 0.
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 2)), DeleteMetrics(1, 1, 1, size));
  // The result says what it deleted (the staged counts).
  EXPECT_EQ(r->num_deleted_rows, 1);
  EXPECT_EQ(test::Rows(root, engine).size(), 7u);
}

TEST(RebaseMetrics, AFileThatHadADeletionVectorAlready) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5, 6}, "a", kDvs);
  MustDelete(root, engine, "id = 6");  // version 1: the file has a DV
  const std::string size = OnlyFileSize(root, engine);
  auto racing = test::RacingEngine({[&] { MustDelete(root, engine, "id = 1"); }});
  auto r = DeleteRows(root, racing, "id = 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 3);
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 2)), DeleteMetrics(1, 1, 1, size));
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 3)), DeleteMetrics(1, 1, 1, size));
}

TEST(RebaseMetrics, AFileLeftWithoutRowsIsRemovedNotReAdded) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kDvs);
  Append(root, engine, {9}, "a");
  auto racing = test::RacingEngine({[&] { MustDelete(root, engine, "id IN (1, 3)"); }});
  auto r = DeleteRows(root, racing, "id = 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 3);
  Metrics winner = test::MetricsWithoutTimes(CommitText(root, 2));
  EXPECT_EQ(winner, DeleteMetrics(2, 1, 0, winner["numRemovedBytes"]));
  // No DV is added (the file goes); the winner's DV is removed with it.
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 3)),
            DeleteMetrics(1, 0, 1, winner["numRemovedBytes"]));
  EXPECT_EQ(test::Rows(root, engine), (std::vector<std::string>{"9/a"}));
}

TEST(RebaseMetrics, RebasedTwiceCountsTheRemovedDeletionVectorOnce) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5, 6}, "a", kDvs);
  const std::string size = OnlyFileSize(root, engine);
  // One winner before each of the loser's first two puts: two rebases.
  auto racing = test::RacingEngine(
      {[&] { MustDelete(root, engine, "id = 1"); }, [&] { MustDelete(root, engine, "id = 3"); }});
  auto r = DeleteRows(root, racing, "id = 6");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 3);
  EXPECT_EQ(r->commit.rebased_over, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 1)), DeleteMetrics(1, 1, 0, size));
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 2)), DeleteMetrics(1, 1, 1, size));
  EXPECT_EQ(test::MetricsWithoutTimes(CommitText(root, 3)), DeleteMetrics(1, 1, 1, size));
  EXPECT_EQ(test::Rows(root, engine), (std::vector<std::string>{"2/a", "4/a", "5/a"}));
}

// A one-file table of rows 1..4 with deletion vectors, and an engine on which the next
// commit loses to a DELETE of row 1 (version 1).
struct RacedByADeleteOfRow1 {
  test::TempDir dir;
  std::shared_ptr<Engine> engine = Engine1();
  std::string root = dir.path();
  std::string size;  // the file's
  std::shared_ptr<Engine> racing;
  RacedByADeleteOfRow1() {
    Append(root, engine, {1, 2, 3, 4}, "a", kDvs);
    size = OnlyFileSize(root, engine);
    racing = test::RacingEngine({[this] { MustDelete(root, engine, "id = 1"); }});
  }
};

TEST(RebaseMetrics, UpdateOverADelete) {
  RacedByADeleteOfRow1 t;
  auto u = UpdateRows(t.root, t.racing, "id = 4", {{"part", "'b'"}});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->commit.version, 2);
  Metrics m = test::MetricsWithoutTimes(CommitText(t.root, 2));
  const std::string added_bytes = m["numAddedBytes"];  // the new file of the updated row
  EXPECT_NE(added_bytes, "0");
  EXPECT_EQ(m, (Metrics{{"numUpdatedRows", "1"},
                        {"numCopiedRows", "0"},
                        {"numAddedFiles", "1"},
                        {"numRemovedFiles", "1"},
                        {"numDeletionVectorsAdded", "1"},
                        {"numDeletionVectorsRemoved", "1"},  // 0 before the rebase
                        {"numDeletionVectorsUpdated", "0"},
                        {"numAddedChangeFiles", "0"},
                        {"numAddedBytes", added_bytes},
                        {"numRemovedBytes", t.size}}));
  EXPECT_EQ(test::Rows(t.root, t.engine), (std::vector<std::string>{"2/a", "3/a", "4/b"}));
}

TEST(RebaseMetrics, MergeOverADelete) {
  RacedByADeleteOfRow1 t;
  ArrowArrayStream source = test::Stream({2}, {"b"});
  MergeSpec spec;
  spec.on = "target.id = source.id";
  spec.clauses = {MergeClause::MatchedUpdateAll()};
  auto m = MergeInto(t.root, t.racing, &source, spec);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->commit.version, 2);
  Metrics got = test::MetricsWithoutTimes(CommitText(t.root, 2));
  const std::string added_bytes = got["numTargetBytesAdded"];  // the updated row's new file
  EXPECT_NE(added_bytes, "0");
  EXPECT_EQ(got, (Metrics{{"numSourceRows", "1"},
                          {"numTargetRowsInserted", "0"},
                          {"numTargetRowsUpdated", "1"},
                          {"numTargetRowsMatchedUpdated", "1"},
                          {"numTargetRowsNotMatchedBySourceUpdated", "0"},
                          {"numTargetRowsDeleted", "0"},
                          {"numTargetRowsMatchedDeleted", "0"},
                          {"numTargetRowsNotMatchedBySourceDeleted", "0"},
                          {"numTargetRowsCopied", "0"},
                          {"numOutputRows", "1"},
                          {"numTargetFilesAdded", "1"},
                          {"numTargetFilesRemoved", "1"},
                          {"numTargetChangeFilesAdded", "0"},
                          {"numTargetChangeFileBytes", "0"},
                          {"numTargetBytesAdded", added_bytes},
                          {"numTargetBytesRemoved", t.size},
                          {"numTargetDeletionVectorsAdded", "1"},
                          {"numTargetDeletionVectorsRemoved", "1"}}));  // 0 before the rebase
  EXPECT_EQ(test::Rows(t.root, t.engine), (std::vector<std::string>{"2/b", "3/a", "4/a"}));
}

TEST(RebaseMetrics, DefaultMetricsFollowTheRestagedAdds) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kDvs);
  // A transaction that sets no metrics gets numFiles/numOutputRows/numOutputBytes of its adds:
  // after the rebase it adds nothing (the file has no row left), so it has none.
  auto snapshot = Latest(root, engine);
  auto txn = Transaction::Begin(snapshot);
  ASSERT_TRUE(txn.ok()) << txn.status().ToString();
  ASSERT_TRUE(ops::StageRowDeletion(**txn, snapshot, engine, *ParseExpression("id = 2")).ok());
  MustDelete(root, engine, "id IN (1, 3)");
  auto c = (*txn)->Commit();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->version, 2);
  EXPECT_EQ(test::CommitInfoStrings(CommitText(root, 2), "operationMetrics"), Metrics{});
  EXPECT_NE(test::CommitInfoLine(CommitText(root, 2)).find(R"("operationMetrics":{})"),
            std::string::npos);
}

}  // namespace
}  // namespace delta
