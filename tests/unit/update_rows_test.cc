// UpdateRows through the public API with the default engine on local disk: copy-on-write and
// deletion-vector updates, partition columns moved, SQL NULL semantics, the change data feed
// of updated rows, refusals, and concurrent writers; every table is read back row by row.
#include "delta/update.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "delta/changes.h"
#include "delta/delete.h"
#include "delta/scan_execution.h"
#include "delta/write_table.h"
#include "ops/row_update.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Engine1;
using test::LatestVersion;
using test::Rows;
using test::Stream;
using Strings = std::vector<std::string>;

using test::Append;
using test::CommitText;
using test::Latest;

void ExpectIn(const std::string& text, const std::string& part) {
  EXPECT_NE(text.find(part), std::string::npos) << part << " not in " << text;
}

TEST(UpdateRows, CopyOnWriteRewritesTouchedFiles) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a");
  Append(root, engine, {4, 5}, "a");
  Append(root, engine, {6, 7}, "a");

  auto r = UpdateRows(root, engine, "id >= 2 AND id <= 4", {{"id", "id * 10 + 1"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->commit.committed);
  EXPECT_EQ(r->commit.version, 3);
  EXPECT_EQ(r->num_updated_rows, 3);
  EXPECT_EQ(r->num_removed_files, 2);
  EXPECT_EQ(r->num_copied_rows, 2);  // 1 and 5
  EXPECT_EQ(r->num_added_files, 2);  // the copied rows, the updated rows
  EXPECT_EQ(r->num_deletion_vectors_added, 0);
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "21/a", "31/a", "41/a", "5/a", "6/a", "7/a"}));
  std::string commit = CommitText(root, 3);
  ExpectIn(commit, R"("operation":"UPDATE")");
  ExpectIn(commit, R"("predicate":"[\"id >= 2 AND id <= 4\"]")");
  ExpectIn(commit, R"("numUpdatedRows":"3")");
  ExpectIn(commit, R"("numCopiedRows":"2")");
  ExpectIn(commit, R"("numAddedFiles":"2")");
  ExpectIn(commit, R"("numRemovedFiles":"2")");
  ExpectIn(commit, R"("numDeletionVectorsAdded":"0")");
}

TEST(UpdateRows, DeletionVectorsMarkOldRowsAndMerge) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3, 4, 5}, "a", {{"delta.enableDeletionVectors", "true"}});

  auto r1 = UpdateRows(root, engine, "id % 2 = 0", {{"part", "'z'"}});
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->num_updated_rows, 2);
  EXPECT_EQ(r1->num_deletion_vectors_added, 1);
  EXPECT_EQ(r1->num_added_files, 1);
  EXPECT_EQ(r1->num_removed_files, 1);
  EXPECT_EQ(r1->num_copied_rows, 0);
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/z", "3/a", "4/z", "5/a"}));

  auto r2 = UpdateRows(root, engine, "id = 3 OR id = 4", {{"ID", "-id"}, {"part", "part || 'x'"}});
  ASSERT_FALSE(r2.ok());  // || is not an operator
  EXPECT_EQ(r2.status().code(), StatusCode::kInvalidArgument);

  auto r3 = UpdateRows(root, engine, "id = 3 OR id = 4", {{"ID", "-id"}});
  ASSERT_TRUE(r3.ok()) << r3.status().ToString();
  EXPECT_EQ(r3->num_updated_rows, 2);
  EXPECT_EQ(r3->num_deletion_vectors_added, 2);    // both files lose a row
  EXPECT_EQ(r3->num_deletion_vectors_removed, 1);  // the first file's DV grows
  EXPECT_EQ(Rows(root, engine), (Strings{"-3/a", "-4/z", "1/a", "2/z", "5/a"}));
  auto snap = Latest(root, engine);
  int64_t dv_rows = 0;
  for (const AddFile& f : snap->files()) {
    if (f.deletion_vector) dv_rows += f.deletion_vector->cardinality;
  }
  EXPECT_EQ(dv_rows, 4);  // 2 and 4, then 3, in the original file; 4 in the first update's
  EXPECT_EQ(snap->files().size(), 3u);
}

TEST(UpdateRows, PartitionColumnsMoveRows) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a", {}, {"part"});
  Append(root, engine, {3}, "b", {}, {"part"});
  auto r = UpdateRows(root, engine, "id = 1", {{"part", "'b'"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_updated_rows, 1);
  EXPECT_EQ(Rows(root, engine), (Strings{"1/b", "2/a", "3/b"}));
  int in_b = 0;
  auto snapshot = Latest(root, engine);  // keeps the files' memory alive
  for (const AddFile& f : snapshot->files()) {
    for (const PartitionValue& v : f.partition_values) {
      if (v.column == "part" && v.value == std::optional<std::string_view>("b")) ++in_b;
    }
  }
  EXPECT_EQ(in_b, 2);
  // A partition-only predicate still reads the rows (their new values are needed).
  auto all_b = UpdateRows(root, engine, "part = 'b'", {{"id", "id + 100"}});
  ASSERT_TRUE(all_b.ok()) << all_b.status().ToString();
  EXPECT_EQ(all_b->num_updated_rows, 2);
  EXPECT_EQ(Rows(root, engine), (Strings{"101/b", "103/b", "2/a"}));
}

TEST(UpdateRows, RowsWherePredicateIsNullStayAndNothingMatchingCommitsNothing) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
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
  auto r = UpdateRows(root, engine, "part <> 'x'", {{"id", "0"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_updated_rows, 1);
  EXPECT_EQ(Rows(root, engine), (Strings{"0/a", "2/null", "3/x"}));

  auto none = UpdateRows(root, engine, "id > 100", {{"id", "1"}});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->commit.committed);
  EXPECT_EQ(none->commit.version, 1);
  EXPECT_EQ(none->num_updated_rows, 0);
  EXPECT_EQ(LatestVersion(root, engine), 1);

  // Every row (empty predicate); COALESCE fills the NULL.
  auto all = UpdateRows(root, engine, "", {{"part", "COALESCE(part, 'none')"}});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->num_updated_rows, 3);
  EXPECT_EQ(Rows(root, engine), (Strings{"0/a", "2/none", "3/x"}));
}

TEST(UpdateRows, ChangeDataFeedRecordsPreAndPostImages) {
  for (const char* dvs : {"false", "true"}) {
    test::TempDir dir;
    auto engine = Engine1();
    const std::string root = dir.path();
    Append(root, engine, {1, 2, 3}, "a",
           {{"delta.enableChangeDataFeed", "true"}, {"delta.enableDeletionVectors", dvs}});
    auto r = UpdateRows(root, engine, "id = 2", {{"id", "id + 10"}, {"part", "'b'"}});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->num_added_change_files, 1);

    auto table = *Table::ForLocation(root, engine);
    ChangesOptions co;
    co.start_version = 1;
    auto changes = ChangesScan::Make(table, co);
    ASSERT_TRUE(changes.ok()) << changes.status().ToString();
    auto stream = ExecuteChanges(*changes, engine);
    ASSERT_TRUE(stream.ok()) << stream.status().ToString();
    auto t = *test::ReadStream(*stream);
    auto batch = *t->CombineChunksToBatch();
    Strings rows;
    for (int64_t i = 0; i < batch->num_rows(); ++i) {
      rows.push_back((*batch->GetColumnByName("id")->GetScalar(i))->ToString() + "/" +
                     (*batch->GetColumnByName("part")->GetScalar(i))->ToString() + "/" +
                     (*batch->GetColumnByName("_change_type")->GetScalar(i))->ToString() + "/" +
                     (*batch->GetColumnByName("_commit_version")->GetScalar(i))->ToString());
    }
    std::sort(rows.begin(), rows.end());
    EXPECT_EQ(rows, (Strings{"12/b/update_postimage/1", "2/a/update_preimage/1"})) << dvs;
    EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "12/b", "3/a"}));
  }
}

TEST(UpdateRows, RefusesBadAssignmentsAndTables) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2}, "a");
  auto code_and_message = [&](const std::vector<UpdateAssignment>& set,
                              std::string_view predicate = "id = 1") {
    auto r = UpdateRows(root, engine, predicate, set);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string("ok") : r.status().ToString();
  };
  EXPECT_EQ(code_and_message({{"nope", "1"}}),
            "InvalidArgument: UPDATE SET: column 'nope' not found in the table schema "
            "(columns: id, part); only top-level columns can be set");
  EXPECT_EQ(code_and_message({{"id", "1"}, {"ID", "2"}}),
            "InvalidArgument: UPDATE SET: column 'id' is set more than once");
  EXPECT_EQ(code_and_message({{"id", "'abc'"}}),
            "InvalidArgument: UPDATE SET id = 'abc': a value of type string cannot be stored in "
            "column 'id' of type long");
  EXPECT_EQ(code_and_message({{"id", "part + 1"}}),
            "InvalidArgument: UPDATE SET id: operator + needs numeric operands, not column "
            "part of type string and 1 of type integer");
  EXPECT_EQ(code_and_message({{"id", "id +"}}).rfind("InvalidArgument: UPDATE SET id: ", 0), 0u);
  EXPECT_EQ(code_and_message({}), "InvalidArgument: UPDATE needs at least one SET column");
  EXPECT_EQ(code_and_message({{"id", "1"}}, "nope = 1"),
            "InvalidArgument: read predicate 'nope = 1': column nope not found in the table "
            "schema (columns: id, part)");
  EXPECT_EQ(LatestVersion(root, engine), 0);

  test::TempDir append_only;
  Append(append_only.path(), engine, {1}, "a", {{"delta.appendOnly", "true"}});
  auto ao = UpdateRows(append_only.path(), engine, "id = 1", {{"id", "2"}});
  ASSERT_FALSE(ao.ok());
  EXPECT_EQ(ao.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(ao.status().message().find("is append-only (delta.appendOnly=true): rows cannot be "
                                       "updated"),
            std::string::npos)
      << ao.status().ToString();
  EXPECT_EQ(LatestVersion(append_only.path(), engine), 0);
}

TEST(UpdateRows, ConstraintsAndNullabilityAreChecked) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  {
    arrow::Int64Builder ids;
    arrow::StringBuilder parts;
    ASSERT_TRUE(ids.AppendValues({1, 2}).ok());
    ASSERT_TRUE(parts.AppendValues({"a", "b"}).ok());
    auto schema = arrow::schema(
        {arrow::field("id", arrow::int64(), false), arrow::field("part", arrow::utf8())});
    auto batch = arrow::RecordBatch::Make(schema, 2, {*ids.Finish(), *parts.Finish()});
    auto reader = *arrow::RecordBatchReader::Make({batch}, schema);
    ArrowArrayStream s{};
    ASSERT_TRUE(arrow::ExportRecordBatchReader(reader, &s).ok());
    WriteOptions o;
    o.properties = {{"delta.constraints.positive", "id > 0"}};
    auto w = WriteTable(root, engine, &s, o);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
  }
  auto null_id = UpdateRows(root, engine, "id = 1", {{"id", "NULL"}});
  ASSERT_FALSE(null_id.ok());
  EXPECT_EQ(null_id.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(null_id.status().message().find("id"), std::string::npos)
      << null_id.status().ToString();
  auto negative = UpdateRows(root, engine, "id = 1", {{"id", "id - 5"}});
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(negative.status().message().find("positive"), std::string::npos)
      << negative.status().ToString();
  EXPECT_EQ(LatestVersion(root, engine), 0);
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/b"}));
}

// An update staged on a snapshot, then a concurrent commit, then the update's commit.
Result<CommitResult> UpdateAfter(const std::string& root, const std::shared_ptr<Engine>& engine,
                                 const std::function<void()>& concurrent) {
  auto snapshot = Latest(root, engine);
  auto txn = Transaction::Begin(snapshot, {});
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  auto staged = ops::StageRowUpdate(**txn, snapshot, engine, *ParseExpression("id = 2"),
                                    {{"id", *ParseExpression("id * 100")}});
  EXPECT_TRUE(staged.ok()) << staged.status().ToString();
  concurrent();
  return (*txn)->Commit();
}

TEST(UpdateRows, ConcurrentUpdatesOfTheSameFileConflict) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a");
  Append(root, engine, {7}, "b");
  auto r = UpdateAfter(root, engine, [&] {
    auto u = UpdateRows(root, engine, "id = 3", {{"part", "'c'"}});
    ASSERT_TRUE(u.ok()) << u.status().ToString();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/a", "3/c", "7/b"}));

  // An update of another file does not conflict.
  auto ok = UpdateAfter(root, engine, [&] {
    ASSERT_TRUE(UpdateRows(root, engine, "id = 7", {{"id", "8"}}).ok());
  });
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "200/a", "3/c", "8/b"}));
}

}  // namespace
}  // namespace delta
