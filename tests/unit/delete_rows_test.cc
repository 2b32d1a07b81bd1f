// DeleteRows through the public API with the default engine on local disk: copy-on-write and
// deletion-vector deletes, partition-only deletes, SQL NULL semantics, the change data feed
// of deleted rows, and refusals; every table is read back row by row.
#include "delta/delete.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "delta/changes.h"
#include "delta/scan_execution.h"
#include "delta/write_table.h"
#include "ops/row_deletion.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Engine1;
using test::LatestVersion;
using test::Rows;
using test::Stream;

// Appends ids (all in partition `part`) as one file.
using test::Append;
using test::CommitText;
using test::Latest;

TEST(DeleteRows, CopyOnWriteRewritesOnlyPartlyMatchingFiles) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a");
  Append(root, engine, {4, 5}, "a");
  Append(root, engine, {6, 7}, "a");

  // File 1 loses 2 and 3, file 2 loses every row, file 3 none (skipped by its statistics).
  auto r = DeleteRows(root, engine, "id >= 2 AND id <= 5");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->commit.committed);
  EXPECT_EQ(r->commit.version, 3);
  EXPECT_EQ(r->num_deleted_rows, 4);
  EXPECT_EQ(r->num_removed_files, 2);
  EXPECT_EQ(r->num_added_files, 1);
  EXPECT_EQ(r->num_copied_rows, 1);
  EXPECT_EQ(r->num_deletion_vectors_added, 0);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "6/a", "7/a"}));
  EXPECT_EQ(Latest(root, engine)->files().size(), 2u);
  std::string commit = CommitText(root, 3);
  EXPECT_NE(commit.find(R"("operation":"DELETE")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("predicate":"[\"id >= 2 AND id <= 5\"]")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("numDeletedRows":"4")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("numCopiedRows":"1")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("isBlindAppend":false)"), std::string::npos) << commit;
}

TEST(DeleteRows, NothingMatchingCommitsNothing) {
  test::TempDir dir;
  auto engine = Engine1();
  Append(dir.path(), engine, {1, 2}, "a");
  auto r = DeleteRows(dir.path(), engine, "id > 100");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->commit.committed);
  EXPECT_EQ(r->commit.version, 0);
  EXPECT_EQ(r->num_deleted_rows, 0);
  EXPECT_EQ(LatestVersion(dir.path(), engine), 0);
}

TEST(DeleteRows, RowsWherePredicateIsNullStay) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  // part is null for id 2: "part <> 'x'" is NULL there, so the row stays.
  {
    arrow::Int64Builder ids;
    arrow::StringBuilder parts;
    ASSERT_TRUE(ids.AppendValues({1, 2, 3}).ok());
    ASSERT_TRUE(parts.Append("a").ok());
    ASSERT_TRUE(parts.AppendNull().ok());
    ASSERT_TRUE(parts.Append("x").ok());
    auto schema =
        arrow::schema({arrow::field("id", arrow::int64()), arrow::field("part", arrow::utf8())});
    auto batch = arrow::RecordBatch::Make(schema, 3, {*ids.Finish(), *parts.Finish()});
    auto reader = *arrow::RecordBatchReader::Make({batch}, schema);
    ArrowArrayStream s{};
    ASSERT_TRUE(arrow::ExportRecordBatchReader(reader, &s).ok());
    ASSERT_TRUE(WriteTable(root, engine, &s, {}).ok());
  }
  auto r = DeleteRows(root, engine, "part <> 'x'");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_deleted_rows, 1);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"2/null", "3/x"}));
}

TEST(DeleteRows, DeletionVectorsMarkRowsAndMergeWithEarlierOnes) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5}, "a", {{"delta.enableDeletionVectors", "true"}});

  auto r1 = DeleteRows(root, engine, "id = 2 OR id = 4");
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->num_deleted_rows, 2);
  EXPECT_EQ(r1->num_deletion_vectors_added, 1);
  EXPECT_EQ(r1->num_added_files, 0);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "3/a", "5/a"}));
  auto snap = Latest(root, engine);
  ASSERT_EQ(snap->files().size(), 1u);
  const AddFile& f = snap->files()[0];
  ASSERT_NE(f.deletion_vector, nullptr);
  EXPECT_EQ(f.deletion_vector->cardinality, 2);
  EXPECT_EQ(f.deletion_vector->storage_type, 'i');  // 36 bytes: inline
  EXPECT_NE(f.stats.find(R"("tightBounds":false)"), std::string::npos) << f.stats;
  EXPECT_EQ(f.NumRecords(), 5);

  // A second delete merges with the first DV: one DV of 3 rows replaces the one of 2.
  auto r2 = DeleteRows(root, engine, "id = 5");
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->num_deleted_rows, 1);
  EXPECT_EQ(r2->num_deletion_vectors_added, 1);
  EXPECT_EQ(r2->num_deletion_vectors_removed, 1);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "3/a"}));
  EXPECT_EQ(Latest(root, engine)->files()[0].deletion_vector->cardinality, 3);

  // Deleting the last live rows removes the file.
  auto r3 = DeleteRows(root, engine, "id < 10");
  ASSERT_TRUE(r3.ok()) << r3.status().ToString();
  EXPECT_EQ(r3->num_deleted_rows, 2);
  EXPECT_EQ(r3->num_removed_files, 1);
  EXPECT_EQ(r3->num_deletion_vectors_added, 0);
  EXPECT_TRUE(Rows(root, engine).empty());
  EXPECT_TRUE(Latest(root, engine)->files().empty());
}

TEST(DeleteRows, PartitionPredicatesRemoveWholeFilesWithoutReadingThem) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a", {}, {"part"});
  Append(root, engine, {3}, "b", {}, {"part"});
  // Make partition a's file unreadable: a partition-only delete must not open it.
  auto snap = Latest(root, engine);
  for (const AddFile& f : snap->files()) {
    if (std::string(f.path).find("part=a") != std::string::npos) {
      std::ofstream(root + "/" + std::string(f.path), std::ios::trunc) << "not parquet";
    }
  }
  auto r = DeleteRows(root, engine, "part = 'a'");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_removed_files, 1);
  EXPECT_EQ(r->num_deleted_rows, 2);  // from the file's statistics
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"3/b"}));
}

TEST(DeleteRows, ChangeDataFeedRecordsTheDeletedRows) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", {{"delta.enableChangeDataFeed", "true"}});
  auto r = DeleteRows(root, engine, "id = 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_added_change_files, 1);
  EXPECT_NE(CommitText(root, 1).find(R"({"cdc":{"path":"_change_data/)"), std::string::npos)
      << CommitText(root, 1);

  auto table = *Table::ForLocation(root, engine);
  ChangesOptions co;
  co.start_version = 1;
  auto changes = ChangesScan::Make(table, co);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  auto stream = ExecuteChanges(*changes, engine);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto t = *test::ReadStream(*stream);
  auto batch = *t->CombineChunksToBatch();
  ASSERT_EQ(batch->num_rows(), 1);
  EXPECT_EQ((*batch->GetColumnByName("id")->GetScalar(0))->ToString(), "2");
  EXPECT_EQ((*batch->GetColumnByName("_change_type")->GetScalar(0))->ToString(), "delete");
  EXPECT_EQ((*batch->GetColumnByName("_commit_version")->GetScalar(0))->ToString(), "1");
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "3/a"}));
}

using test::Feed;

TEST(DeleteRows, ReplaceWhereOnAChangeFeedTableRecordsDeletesAndInserts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", {{"delta.enableChangeDataFeed", "true"}}, {"part"});
  Append(root, engine, {4}, "b");

  // Part of a file replaced: the commit has change files, holding the deletes and the inserts.
  WriteOptions o;
  o.mode = SaveMode::kOverwrite;
  o.predicate = "id >= 3";
  ArrowArrayStream s = Stream({30, 40}, {"a", "b"});
  auto r = WriteTable(root, engine, &s, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(CommitText(root, 2).find(R"({"cdc":)"), std::string::npos);
  EXPECT_EQ(Feed(root, engine, 2),
            (std::vector<std::string>{"3/delete/2", "30/insert/2", "4/delete/2", "40/insert/2"}));

  // A partition replaced whole: no change files, the feed comes from the removes and adds.
  o.predicate = "part = 'b'";
  ArrowArrayStream s2 = Stream({50}, {"b"});
  auto r2 = WriteTable(root, engine, &s2, o);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(CommitText(root, 3).find(R"({"cdc":)"), std::string::npos);
  EXPECT_EQ(Feed(root, engine, 3), (std::vector<std::string>{"40/delete/3", "50/insert/3"}));
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a", "30/a", "50/b"}));
}

TEST(DeleteRows, RefusesBadPredicatesAndMissingTables) {
  test::TempDir dir;
  auto engine = Engine1();
  Append(dir.path(), engine, {1}, "a");
  auto unknown = DeleteRows(dir.path(), engine, "nope = 1");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("nope"), std::string::npos)
      << unknown.status().ToString();
  auto garbage = DeleteRows(dir.path(), engine, "id = = 1");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(LatestVersion(dir.path(), engine), 0);
  auto missing = DeleteRows(dir.path() + "/nothing", engine, "id = 1");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(DeleteRows, AppendOnlyTablesRefuseBeforeWritingAnything) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a",
         {{"delta.appendOnly", "true"}, {"delta.enableDeletionVectors", "true"}});
  auto r = DeleteRows(root, engine, "id = 2");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("append-only (delta.appendOnly=true)"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(LatestVersion(root, engine), 0);
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    EXPECT_EQ(entry.path().filename().string().rfind("deletion_vector_", 0), std::string::npos)
        << entry.path();
  }
}

TEST(DeleteRows, EmptyPredicateDeletesEveryRow) {
  test::TempDir dir;
  auto engine = Engine1();
  Append(dir.path(), engine, {1, 2}, "a");
  Append(dir.path(), engine, {3}, "b");
  auto r = DeleteRows(dir.path(), engine, "");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_deleted_rows, 3);
  EXPECT_EQ(r->num_removed_files, 2);
  EXPECT_TRUE(Rows(dir.path(), engine).empty());
}

// A delete staged on a snapshot, then a concurrent commit, then the delete's commit.
Result<CommitResult> DeleteAfter(const std::string& root, const std::shared_ptr<Engine>& engine,
                                 IsolationLevel level, const std::function<void()>& concurrent) {
  auto snapshot = Latest(root, engine);
  TransactionOptions o;
  o.isolation_level = level;
  auto txn = Transaction::Begin(snapshot, o);
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  auto parsed = ParseExpression("id = 2");
  auto staged = ops::StageRowDeletion(**txn, snapshot, engine, *parsed);
  EXPECT_TRUE(staged.ok()) << staged.status().ToString();
  concurrent();
  return (*txn)->Commit();
}

TEST(DeleteRows, ConcurrentAppendOfMatchingRowsConflictsOnlyWhenSerializable) {
  for (IsolationLevel level : {IsolationLevel::kSerializable, IsolationLevel::kWriteSerializable}) {
    test::TempDir dir;
    auto engine = Engine1();
    const std::string root = dir.path();
    Append(root, engine, {1, 2, 3}, "a");
    auto r = DeleteAfter(root, engine, level, [&] { Append(root, engine, {2}, "b"); });
    if (level == IsolationLevel::kSerializable) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentAppend)
          << r.status().ToString();
      EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a", "2/b", "3/a"}));
    } else {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->version, 2);
      EXPECT_EQ(r->rebased_over, std::vector<int64_t>{1});
      // The appended row was not seen by the delete and stays.
      EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/b", "3/a"}));
    }
  }
}

TEST(DeleteRows, ConcurrentDeleteOfTheSameFileConflicts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a");
  Append(root, engine, {7}, "b");
  auto r = DeleteAfter(root, engine, IsolationLevel::kWriteSerializable,
                       [&] { ASSERT_TRUE(DeleteRows(root, engine, "id = 3").ok()); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  // The winner rewrote the file: its new file (with id 2) is checked first, as an append the
  // delete should have read, as Delta Spark checks it.
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentAppend) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a", "7/b"}));

  // A concurrent delete in another file does not conflict.
  auto ok = DeleteAfter(root, engine, IsolationLevel::kWriteSerializable,
                        [&] { ASSERT_TRUE(DeleteRows(root, engine, "id = 7").ok()); });
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a"}));
}

}  // namespace
}  // namespace delta
