// commitInfo.tags {"delta.rowTracking.preserved": "true"} on the commits Delta Spark tags:
// DELETE, UPDATE, MERGE and OPTIMIZE of a table with row tracking enabled, with deletion
// vectors and copy-on-write; none on appends, CREATE TABLE, RESTORE, or tables without
// delta.enableRowTracking. Read back from the commit JSON through the public API.
#include <gtest/gtest.h>

#include "delta/delete.h"
#include "delta/merge.h"
#include "delta/optimize.h"
#include "delta/restore.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "delta/update.h"
#include "support/commit_info_text.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Append;
using test::CommitText;
using test::Engine1;
using Tags = std::map<std::string, std::string>;

const Tags kPreserved = {{"delta.rowTracking.preserved", "true"}};

Tags TagsOf(const std::string& root, int64_t version) {
  return test::CommitInfoStrings(CommitText(root, version), "tags");
}

// Versions 0..5: create+append, append, DELETE, UPDATE, MERGE, OPTIMIZE.
void RunEveryOperation(const std::string& root, const std::shared_ptr<Engine>& engine,
                       const std::map<std::string, std::string>& properties) {
  Append(root, engine, {1, 2, 3, 4}, "a", properties);
  Append(root, engine, {5, 6}, "a");
  auto d = DeleteRows(root, engine, "id = 2");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->commit.version, 2);
  auto u = UpdateRows(root, engine, "id = 3", {{"part", "'b'"}});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  ASSERT_EQ(u->commit.version, 3);
  ArrowArrayStream source = test::Stream({4, 7}, {"c", "c"});
  MergeSpec spec;
  spec.on = "target.id = source.id";
  spec.clauses = {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()};
  auto m = MergeInto(root, engine, &source, spec);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->commit.version, 4);
  auto o = Optimize(root, engine);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  ASSERT_EQ(test::LatestVersion(root, engine), 5);
  EXPECT_EQ(test::Rows(root, engine),
            (std::vector<std::string>{"1/a", "3/b", "4/c", "5/a", "6/a", "7/c"}));
}

TEST(RowTrackingPreservedTag, EveryRewriteOfATrackedTableWithDeletionVectors) {
  test::TempDir dir;
  auto engine = Engine1();
  RunEveryOperation(dir.path(), engine,
                    {{"delta.enableRowTracking", "true"}, {"delta.enableDeletionVectors", "true"}});
  EXPECT_EQ(TagsOf(dir.path(), 0), Tags{});  // CREATE TABLE (with its first rows)
  EXPECT_EQ(TagsOf(dir.path(), 1), Tags{});  // WRITE (append)
  for (int64_t v = 2; v <= 5; ++v) EXPECT_EQ(TagsOf(dir.path(), v), kPreserved) << "version " << v;
  // Written after the metrics and before engineInfo, as Delta Spark orders commitInfo.
  const std::string info = test::CommitInfoLine(CommitText(dir.path(), 2));
  EXPECT_NE(info.find(R"(},"tags":{"delta.rowTracking.preserved":"true"},"engineInfo":)"),
            std::string::npos)
      << info;
}

TEST(RowTrackingPreservedTag, EveryRewriteOfATrackedTableCopyOnWrite) {
  test::TempDir dir;
  auto engine = Engine1();
  RunEveryOperation(dir.path(), engine, {{"delta.enableRowTracking", "true"}});
  EXPECT_EQ(TagsOf(dir.path(), 0), Tags{});
  EXPECT_EQ(TagsOf(dir.path(), 1), Tags{});
  for (int64_t v = 2; v <= 5; ++v) EXPECT_EQ(TagsOf(dir.path(), v), kPreserved) << "version " << v;
}

TEST(RowTrackingPreservedTag, NoneWithoutRowTracking) {
  test::TempDir dir;
  auto engine = Engine1();
  RunEveryOperation(dir.path(), engine, {{"delta.enableDeletionVectors", "true"}});
  for (int64_t v = 0; v <= 5; ++v) {
    EXPECT_EQ(CommitText(dir.path(), v).find("\"tags\""), std::string::npos) << "version " << v;
  }
}

TEST(RowTrackingPreservedTag, NoneOnRestore) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a", {{"delta.enableRowTracking", "true"}});
  Append(root, engine, {3}, "a");
  auto table = Table::ForLocation(root, engine);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto r = RestoreTable(*table, 0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(TagsOf(root, 2), Tags{});
  EXPECT_EQ(test::Rows(root, engine), (std::vector<std::string>{"1/a", "2/a"}));
}

TEST(RowTrackingPreservedTag, TransactionCommitTags) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1}, "a");
  auto txn = Transaction::Begin(test::Latest(root, engine));
  ASSERT_TRUE(txn.ok()) << txn.status().ToString();
  (*txn)->SetCommitTag("b", "2");
  (*txn)->SetCommitTag("a", "0");
  (*txn)->SetCommitTag("a", "1");  // replaces
  ArrowArrayStream rows = test::Stream({2}, {"a"});
  auto files = (*txn)->WriteFiles(&rows);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_TRUE((*txn)->AddFiles(*files).ok());
  auto c = (*txn)->Commit();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(TagsOf(root, 1), (Tags{{"a", "1"}, {"b", "2"}}));
  EXPECT_NE(test::CommitInfoLine(CommitText(root, 1)).find(R"("tags":{"a":"1","b":"2"})"),
            std::string::npos);
}

}  // namespace
}  // namespace delta
