// MergeInto through the public API with the default engine on local disk: upserts with
// copy-on-write and deletion vectors, clause conditions and their order, deletes, NOT MATCHED
// BY SOURCE, the duplicate-match error, file planning from the source's keys, the change data
// feed, the commit's parameters and metrics, and refusals; every table is read back row by row.
#include "delta/merge.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "delta/changes.h"
#include "delta/scan_execution.h"
#include "delta/write_table.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Engine1;
using test::Rows;
using test::Stream;

using test::Append;
using test::CommitText;
using test::Latest;

Result<MergeResult> Merge(const std::string& root, const std::shared_ptr<Engine>& engine,
                          const std::vector<int64_t>& ids, const std::vector<std::string>& parts,
                          std::vector<MergeClause> clauses,
                          std::string on = "target.id = source.id") {
  ArrowArrayStream s = Stream(ids, parts);
  MergeSpec spec;
  spec.on = std::move(on);
  spec.clauses = std::move(clauses);
  return MergeInto(root, engine, &s, spec);
}

std::vector<MergeClause> Upsert() {
  return {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()};
}

// Three files: {1,2,3}, {4,5}, {6,7}, all in part "a".
void ThreeFiles(const std::string& root, const std::shared_ptr<Engine>& engine,
                const std::map<std::string, std::string>& properties = {}) {
  Append(root, engine, {1, 2, 3}, "a", properties);
  Append(root, engine, {4, 5}, "a");
  Append(root, engine, {6, 7}, "a");
}

TEST(MergeInto, UpsertCopyOnWriteRewritesTheMatchedFile) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine);

  auto r = Merge(root, engine, {2, 8}, {"b", "b"}, Upsert());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->commit.committed);
  EXPECT_EQ(r->commit.version, 3);
  EXPECT_EQ(r->num_source_rows, 2);
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(r->num_target_rows_updated, 1);
  EXPECT_EQ(r->num_target_rows_matched_updated, 1);
  EXPECT_EQ(r->num_target_rows_deleted, 0);
  EXPECT_EQ(r->num_target_rows_copied, 2);
  EXPECT_EQ(r->num_output_rows, 4);
  EXPECT_EQ(r->num_target_files_removed, 1);
  EXPECT_EQ(r->num_target_files_added, 1);
  EXPECT_EQ(r->num_target_deletion_vectors_added, 0);
  EXPECT_EQ(Rows(root, engine),
            (std::vector<std::string>{"1/a", "2/b", "3/a", "4/a", "5/a", "6/a", "7/a", "8/b"}));
  EXPECT_EQ(Latest(root, engine)->files().size(), 3u);
  std::string commit = CommitText(root, 3);
  EXPECT_NE(commit.find(R"("operation":"MERGE")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("predicate":"[\"target.id = source.id\"]")"), std::string::npos)
      << commit;
  EXPECT_NE(commit.find(R"("matchedPredicates":"[{\"actionType\":\"update\"}]")"),
            std::string::npos)
      << commit;
  EXPECT_NE(commit.find(R"("notMatchedPredicates":"[{\"actionType\":\"insert\"}]")"),
            std::string::npos)
      << commit;
  EXPECT_NE(commit.find(R"("notMatchedBySourcePredicates":"[]")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("numTargetRowsInserted":"1")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("numTargetRowsUpdated":"1")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("numTargetRowsCopied":"2")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("numSourceRows":"2")"), std::string::npos) << commit;
  EXPECT_NE(commit.find(R"("isBlindAppend":false)"), std::string::npos) << commit;
}

TEST(MergeInto, UpsertWithDeletionVectorsMarksTheOldRows) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, {{"delta.enableDeletionVectors", "true"}});

  auto r = Merge(root, engine, {2, 3, 9}, {"b", "b", "b"}, Upsert());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(r->num_target_rows_updated, 2);
  EXPECT_EQ(r->num_target_rows_copied, 0);
  EXPECT_EQ(r->num_target_files_removed, 1);
  EXPECT_EQ(r->num_target_files_added, 1);
  EXPECT_EQ(r->num_target_deletion_vectors_added, 1);
  EXPECT_EQ(Rows(root, engine),
            (std::vector<std::string>{"1/a", "2/b", "3/b", "4/a", "5/a", "6/a", "7/a", "9/b"}));
  int with_dv = 0;
  auto snap = Latest(root, engine);
  for (const AddFile& f : snap->files()) {
    if (!f.deletion_vector) continue;
    ++with_dv;
    EXPECT_EQ(f.deletion_vector->cardinality, 2);
  }
  EXPECT_EQ(with_dv, 1);

  // A second merge into the same file unites the deletion vectors.
  auto r2 = Merge(root, engine, {1}, {"c"}, Upsert());
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->num_target_rows_updated, 1);
  EXPECT_EQ(r2->num_target_files_removed, 1);  // its last live row went: the file is removed
  EXPECT_EQ(Rows(root, engine),
            (std::vector<std::string>{"1/c", "2/b", "3/b", "4/a", "5/a", "6/a", "7/a", "9/b"}));
}

TEST(MergeInto, ClausesApplyInOrderWithTheirConditions) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4}, "a");

  // Source rows: 1 'del' (deleted), 2 'upd' (updated by the first clause), 3 'x' (second
  // update clause), 4 'keep' (no clause applies), 5 'new' inserted, 6 'skip' not inserted.
  auto r = Merge(root, engine, {1, 2, 3, 4, 5, 6}, {"del", "upd", "x", "keep", "new", "skip"},
                 {MergeClause::MatchedDelete("source.part = 'del'"),
                  MergeClause::MatchedUpdate({{"part", "source.part"}}, "source.part = 'upd'"),
                  MergeClause::MatchedUpdate({{"part", "'second'"}}, "source.part <> 'keep'"),
                  MergeClause::NotMatchedInsert({{"id", "source.id"}, {"part", "'ins'"}},
                                                "source.part <> 'skip'")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_rows_deleted, 1);
  EXPECT_EQ(r->num_target_rows_matched_deleted, 1);
  EXPECT_EQ(r->num_target_rows_updated, 2);
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(r->num_target_rows_copied, 1);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"2/upd", "3/second", "4/a", "5/ins"}));
  std::string commit = CommitText(root, 1);
  EXPECT_NE(
      commit.find(
          R"("matchedPredicates":"[{\"predicate\":\"source.part = 'del'\",\"actionType\":\"delete\"},)"),
      std::string::npos)
      << commit;
}

TEST(MergeInto, SetAndInsertValuesTakeArithmeticAndCoalesce) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a");
  auto r = Merge(root, engine, {2, 3, 9}, {"x", "y", "z"},
                 {MergeClause::MatchedUpdate({{"id", "target.id * 10 + source.id"},
                                              {"part", "COALESCE(source.part, 'none')"}},
                                             "source.id = 2"),
                  MergeClause::MatchedUpdate({{"id", "-source.id"}}),
                  MergeClause::NotMatchedInsert({{"id", "source.id + 100"}, {"part", "'ins'"}})});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_rows_updated, 2);
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"-3/a", "1/a", "109/ins", "22/x"}));

  // A value whose type cannot be computed is refused, naming the clause, before any write.
  auto bad =
      Merge(root, engine, {1}, {"b"}, {MergeClause::MatchedUpdate({{"id", "source.part + 1"}})});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("id"), std::string::npos) << bad.status().ToString();
  EXPECT_EQ(Latest(root, engine)->version(), 1);
}

TEST(MergeInto, AClauseAfterAnUnconditionalOneOfItsKindIsRefused) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a");
  auto r = Merge(root, engine, {1}, {"b"},
                 {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll(),
                  MergeClause::MatchedDelete("source.id = 1")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(),
            "InvalidArgument: merge: clause 3 (WHEN MATCHED THEN delete) could never apply: "
            "clause 1 (WHEN MATCHED THEN update) before it has no condition (only the last "
            "clause of a kind may omit its AND condition)");
  EXPECT_EQ(Latest(root, engine)->version(), 0);
}

TEST(MergeInto, InsertOnlyLeavesTargetFilesAlone) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine);
  auto r = Merge(root, engine, {3, 10}, {"b", "b"}, {MergeClause::NotMatchedInsertAll()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(r->num_target_files_removed, 0);
  EXPECT_EQ(r->num_target_files_added, 1);
  EXPECT_EQ(Rows(root, engine),
            (std::vector<std::string>{"1/a", "10/b", "2/a", "3/a", "4/a", "5/a", "6/a", "7/a"}));
}

TEST(MergeInto, NotMatchedBySourceUpdatesAndDeletesTargetRows) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, {{"delta.enableDeletionVectors", "true"}});
  auto r = Merge(root, engine, {1, 2, 3}, {"s", "s", "s"},
                 {MergeClause::MatchedUpdateAll("source.id = 2"),
                  MergeClause::NotMatchedBySourceDelete("target.id >= 6"),
                  MergeClause::NotMatchedBySourceUpdate({{"part", "'orphan'"}})});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_rows_matched_updated, 1);
  EXPECT_EQ(r->num_target_rows_not_matched_by_source_deleted, 2);
  EXPECT_EQ(r->num_target_rows_not_matched_by_source_updated, 2);
  EXPECT_EQ(r->num_target_rows_updated, 3);
  EXPECT_EQ(r->num_target_rows_deleted, 2);
  EXPECT_EQ(r->num_target_files_removed, 3);
  EXPECT_EQ(Rows(root, engine),
            (std::vector<std::string>{"1/a", "2/s", "3/a", "4/orphan", "5/orphan"}));
  std::string commit = CommitText(root, 3);
  EXPECT_NE(
      commit.find(
          R"("notMatchedBySourcePredicates":"[{\"predicate\":\"target.id >= 6\",\"actionType\":\"delete\"},{\"actionType\":\"update\"}]")"),
      std::string::npos)
      << commit;
}

TEST(MergeInto, SeveralSourceRowsMatchingOneTargetRowFailWithNothingWritten) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a");
  auto r = Merge(root, engine, {2, 2}, {"x", "y"}, Upsert());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("multiple source rows matched"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(Latest(root, engine)->version(), 0);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a"}));

  // Where no clause applies to the duplicates, or a lone unconditional DELETE, it is fine.
  auto ok =
      Merge(root, engine, {2, 2}, {"x", "y"}, {MergeClause::MatchedUpdateAll("source.part = 'z'")});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_FALSE(ok->commit.committed);
  auto del = Merge(root, engine, {2, 2}, {"x", "y"}, {MergeClause::MatchedDelete()});
  ASSERT_TRUE(del.ok()) << del.status().ToString();
  EXPECT_EQ(del->num_target_rows_deleted, 1);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a"}));
}

TEST(MergeInto, FilesOutsideTheSourceKeysAreNeverRead) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine);
  // Files {4,5} and {6,7} lie outside the source's id range [1, 3]: make them unreadable.
  auto snap = Latest(root, engine);
  for (const AddFile& f : snap->files()) {
    auto n = f.NumRecords();
    if (n && *n == 2) std::ofstream(root + "/" + std::string(f.path), std::ios::trunc) << "junk";
  }
  auto r = Merge(root, engine, {1, 3}, {"b", "b"}, Upsert());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_files_read, 1);
  EXPECT_EQ(r->num_target_rows_updated, 2);
  EXPECT_EQ(r->num_target_rows_copied, 1);
}

TEST(MergeInto, NothingChangedCommitsNothing) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a");
  auto r = Merge(root, engine, {5}, {"b"}, {MergeClause::MatchedDelete()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->commit.committed);
  EXPECT_EQ(r->commit.version, 0);
  EXPECT_EQ(Latest(root, engine)->version(), 0);
}

TEST(MergeInto, ChangeDataFeedHasInsertUpdateAndDeleteRows) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", {{"delta.enableChangeDataFeed", "true"}});
  auto r = Merge(root, engine, {1, 2, 4}, {"del", "upd", "new"},
                 {MergeClause::MatchedDelete("source.part = 'del'"),
                  MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_change_files_added, 1);

  auto table = *Table::ForLocation(root, engine);
  ChangesOptions co;
  co.start_version = 1;
  auto changes = ChangesScan::Make(table, co);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  auto stream = ExecuteChanges(*changes, engine);
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  auto t = *test::ReadStream(*stream);
  auto batch = *t->CombineChunksToBatch();
  std::vector<std::string> rows;
  for (int64_t i = 0; i < batch->num_rows(); ++i) {
    rows.push_back((*batch->GetColumnByName("id")->GetScalar(i))->ToString() + "/" +
                   (*batch->GetColumnByName("part")->GetScalar(i))->ToString() + "/" +
                   (*batch->GetColumnByName("_change_type")->GetScalar(i))->ToString() + "/" +
                   (*batch->GetColumnByName("_commit_version")->GetScalar(i))->ToString());
  }
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(rows, (std::vector<std::string>{"1/a/delete/1", "2/a/update_preimage/1",
                                            "2/upd/update_postimage/1", "4/new/insert/1"}));
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"2/upd", "3/a", "4/new"}));
}

TEST(MergeInto, RefusesBadInput) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1}, "a");
  auto unqualified = Merge(root, engine, {1}, {"b"}, Upsert(), "id = source.id");
  ASSERT_FALSE(unqualified.ok());
  EXPECT_EQ(unqualified.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unqualified.status().message().find("'id'"), std::string::npos)
      << unqualified.status().ToString();

  auto missing = Merge(root, engine, {1}, {"b"}, Upsert(), "target.nope = source.id");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("nope"), std::string::npos)
      << missing.status().ToString();

  auto bad_set = Merge(root, engine, {1}, {"b"}, {MergeClause::MatchedUpdate({{"nope", "1"}})});
  ASSERT_FALSE(bad_set.ok());
  EXPECT_NE(bad_set.status().message().find("nope"), std::string::npos)
      << bad_set.status().ToString();

  auto target_in_insert =
      Merge(root, engine, {5}, {"b"}, {MergeClause::NotMatchedInsert({{"id", "target.id"}})});
  ASSERT_FALSE(target_in_insert.ok());
  EXPECT_NE(target_in_insert.status().message().find("target.id"), std::string::npos)
      << target_in_insert.status().ToString();
  EXPECT_EQ(Latest(root, engine)->version(), 0);
}

TEST(MergeInto, PartitionedTargetIsPrunedByTheSourceKeys) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  for (const char* part : {"a", "b", "c"}) {
    WriteOptions o;
    o.mode = SaveMode::kAppend;
    o.partition_by = {"part"};
    ArrowArrayStream s = Stream({1, 2}, {part, part});
    ASSERT_TRUE(WriteTable(root, engine, &s, o).ok());
  }
  // Partitions a and c are out of the source's range of part: their files are never opened.
  auto snap = Latest(root, engine);
  for (const AddFile& f : snap->files()) {
    if (std::string(f.path).find("part=b") == std::string::npos) {
      std::ofstream(root + "/" + std::string(f.path), std::ios::trunc) << "junk";
    }
  }
  auto r = Merge(root, engine, {2, 3}, {"b", "b"}, Upsert(),
                 "target.id = source.id AND target.part = source.part");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_target_files_read, 1);
  EXPECT_EQ(r->num_target_rows_updated, 1);
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(r->num_target_rows_copied, 1);
}

TEST(MergeInto, AppendOnlyTablesTakeOnlyInserts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a", {{"delta.appendOnly", "true"}});
  auto r = Merge(root, engine, {2, 3}, {"b", "b"}, Upsert());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("append-only"), std::string::npos) << r.status().ToString();
  auto ins = Merge(root, engine, {2, 3}, {"b", "b"}, {MergeClause::NotMatchedInsertAll()});
  ASSERT_TRUE(ins.ok()) << ins.status().ToString();
  EXPECT_EQ(ins->num_target_rows_inserted, 1);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a", "3/b"}));
}

}  // namespace
}  // namespace delta
