// Row tracking kept on rewrites: copy-on-write DELETE, UPDATE, MERGE and OPTIMIZE write the
// rows they copy or update with their stable row ids (and copied rows with their commit
// versions) in the materialized columns, which the table's schema and scans do not show;
// fresh ids stay unique and the high water mark covers them.
#include <gtest/gtest.h>

#include <set>

#include "delta/delete.h"
#include "delta/merge.h"
#include "delta/optimize.h"
#include "delta/update.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Append;
using test::Engine1;
using test::Latest;
using test::Rows;
using Strings = std::vector<std::string>;

const std::map<std::string, std::string> kTracked = {{"delta.enableRowTracking", "true"}};
const std::map<std::string, std::string> kTrackedWithDvs = {
    {"delta.enableRowTracking", "true"}, {"delta.enableDeletionVectors", "true"}};

// Every row as "id:row_id@row_commit_version", sorted; fails when two rows share an id.
Strings Ids(const std::string& root, const std::shared_ptr<Engine>& engine) {
  ScanOptions o;
  o.columns = Strings{"id"};
  o.metadata_columns = {MetadataColumn::kRowId, MetadataColumn::kRowCommitVersion};
  auto batch = test::ScanBatch(root, engine, o);
  if (!batch) return {};
  Strings out;
  std::set<int64_t> seen;
  for (int64_t r = 0; r < batch->num_rows(); ++r) {
    auto id = std::static_pointer_cast<arrow::Int64Scalar>(*batch->column(1)->GetScalar(r));
    EXPECT_TRUE(seen.insert(id->value).second) << "row id " << id->value << " twice";
    out.push_back((*batch->column(0)->GetScalar(r))->ToString() + ":" + id->ToString() + "@" +
                  (*batch->column(2)->GetScalar(r))->ToString());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string HighWaterMark(const std::string& root, const std::shared_ptr<Engine>& engine) {
  auto snapshot = Latest(root, engine);
  auto it = snapshot->domain_metadata().find("delta.rowTracking");
  return it == snapshot->domain_metadata().end() ? "none" : it->second.configuration;
}

TEST(RowTrackingRewrite, CopyOnWriteDeleteKeepsCopiedRowsIds) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kTracked);
  Append(root, engine, {4, 5}, "a");
  ASSERT_EQ(Ids(root, engine), (Strings{"1:0@0", "2:1@0", "3:2@0", "4:3@1", "5:4@1"}));

  auto r = DeleteRows(root, engine, "id = 2");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 2);
  EXPECT_EQ(r->num_copied_rows, 2);
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "3:2@0", "4:3@1", "5:4@1"}));
  // The copied file got fresh ids 5 and 6 (its baseRowId) above the old mark of 4.
  EXPECT_EQ(HighWaterMark(root, engine), R"({"rowIdHighWaterMark":6})");
  // The materialized columns stay hidden.
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "3/a", "4/a", "5/a"}));
  EXPECT_EQ(Latest(root, engine)->schema()->num_fields(), 2u);
  // ... and get no statistics: the add's stats name the table's columns only.
  EXPECT_EQ(test::CommitText(root, 2).find("_row-id-col"), std::string::npos);
  EXPECT_NE(test::CommitText(root, 2).find(
                R"("stats":"{\"numRecords\":2,\"minValues\":{\"id\":1,\"part\":\"a\"},)"
                R"(\"maxValues\":{\"id\":3,\"part\":\"a\"},)"
                R"(\"nullCount\":{\"id\":0,\"part\":0}}","baseRowId":5,)"),
            std::string::npos)
      << test::CommitText(root, 2);
}

TEST(RowTrackingRewrite, UpdateKeepsIdsAndTakesTheNewVersion) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kTracked);
  auto r = UpdateRows(root, engine, "id = 2", {{"part", "'b'"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 1);
  EXPECT_EQ(r->num_copied_rows, 2);
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "2:1@1", "3:2@0"}));
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/b", "3/a"}));
  EXPECT_EQ(HighWaterMark(root, engine), R"({"rowIdHighWaterMark":5})");

  // Again: the updated row keeps its id once more, the copied ones their versions.
  auto again = UpdateRows(root, engine, "id >= 2", {{"id", "id * 10"}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "20:1@2", "30:2@2"}));
}

TEST(RowTrackingRewrite, UpdateWithDeletionVectorsKeepsIds) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kTrackedWithDvs);
  auto r = UpdateRows(root, engine, "id = 2", {{"part", "'b'"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_deletion_vectors_added, 1);
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "2:1@1", "3:2@0"}));
  EXPECT_EQ(HighWaterMark(root, engine), R"({"rowIdHighWaterMark":3})");
}

TEST(RowTrackingRewrite, MergeKeepsUpdatedAndCopiedRowsIds) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kTracked);
  Append(root, engine, {4}, "a");
  ArrowArrayStream source = test::Stream({2, 8}, {"b", "b"});
  MergeSpec spec;
  spec.on = "target.id = source.id";
  spec.clauses = {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()};
  auto r = MergeInto(root, engine, &source, spec);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 2);
  EXPECT_EQ(r->num_target_rows_updated, 1);
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(r->num_target_rows_copied, 2);
  // One new file of updated (2), inserted (8) and copied (1, 3) rows, baseRowId 4: the
  // inserted row takes the fresh id 4 + 1; the others keep theirs.
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "2:1@2", "3:2@0", "4:3@1", "8:5@2"}));
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/b", "3/a", "4/a", "8/b"}));
  EXPECT_EQ(HighWaterMark(root, engine), R"({"rowIdHighWaterMark":7})");
}

TEST(RowTrackingRewrite, MergeByDeletionVectorsAndBySourceKeepsIds) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kTrackedWithDvs);
  ArrowArrayStream source = test::Stream({2}, {"b"});
  MergeSpec spec;
  spec.on = "target.id = source.id";
  spec.clauses = {MergeClause::MatchedDelete(),
                  MergeClause::NotMatchedBySourceUpdate({{"part", "'z'"}}, "target.id = 3")};
  auto r = MergeInto(root, engine, &source, spec);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "3:2@1"}));
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "3/z"}));
}

TEST(RowTrackingRewrite, OptimizeKeepsIdsAndVersions) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  Append(root, engine, {1, 2, 3}, "a", kTracked);
  Append(root, engine, {4}, "a");
  // The lone row of the second file is updated (its file goes whole): id 3, version 2.
  ASSERT_TRUE(UpdateRows(root, engine, "id = 4", {{"part", "'z'"}}).ok());
  ASSERT_EQ(Ids(root, engine), (Strings{"1:0@0", "2:1@0", "3:2@0", "4:3@2"}));
  auto r = Optimize(root, engine, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_removed, 2);
  EXPECT_EQ(r->files_added, 1);
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "2:1@0", "3:2@0", "4:3@2"}));
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/a", "3/a", "4/z"}));
  // Marks: 3 after the appends, 4 after the UPDATE, 8 after the 4 compacted rows.
  EXPECT_EQ(HighWaterMark(root, engine), R"({"rowIdHighWaterMark":8})");

  // Z-ordered too: the hidden columns travel with their rows.
  OptimizeOptions z;
  z.z_order = {"id"};
  auto zr = Optimize(root, engine, z);
  ASSERT_TRUE(zr.ok()) << zr.status().ToString();
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0@0", "2:1@0", "3:2@0", "4:3@2"}));
}

}  // namespace
}  // namespace delta
