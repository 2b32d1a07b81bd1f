// MergeInto on a target many scan batches long (the reader returns at most 64Ki rows a batch):
// matches in every batch, a source row matching target rows in two files, NOT MATCHED BY
// SOURCE over the whole stream, and several source rows matching one target row in a late
// batch, with deletion vectors and copy-on-write.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "delta/merge.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Append;
using test::Engine1;
using test::Latest;
using test::Rows;
using test::Stream;

Result<MergeResult> Merge(const std::string& root, const std::shared_ptr<Engine>& engine,
                          const std::vector<int64_t>& ids, std::vector<MergeClause> clauses) {
  ArrowArrayStream s = Stream(ids, std::vector<std::string>(ids.size(), "b"));
  MergeSpec spec;
  spec.on = "target.id = source.id";
  spec.clauses = std::move(clauses);
  return MergeInto(root, engine, &s, spec);
}

std::vector<int64_t> Range(int64_t from, int64_t to) {
  std::vector<int64_t> ids(static_cast<size_t>(to - from));
  std::iota(ids.begin(), ids.end(), from);
  return ids;
}

// 220,001 rows in part "a": ids 0..149999 (three batches or more), 150000..219999, and a
// second row with id 100000 in a file of its own.
void BigTable(const std::string& root, const std::shared_ptr<Engine>& engine, bool dvs) {
  Append(root, engine, Range(0, 150000), "a",
         {{"delta.enableDeletionVectors", dvs ? "true" : "false"}});
  Append(root, engine, Range(150000, 220000), "a");
  Append(root, engine, {100000}, "a");
}

void UpsertAcrossBatches(bool dvs) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  BigTable(root, engine, dvs);

  auto r = Merge(root, engine, {5, 70000, 140000, 100000, 200000, 500000},
                 {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll(),
                  MergeClause::NotMatchedBySourceDelete("target.id >= 219990")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_source_rows, 6);
  EXPECT_EQ(r->num_target_rows_matched_updated, 6);  // 100000 twice
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(r->num_target_rows_not_matched_by_source_deleted, 10);
  EXPECT_EQ(r->num_target_rows_deleted, 10);
  EXPECT_EQ(r->num_target_files_read, 3);
  EXPECT_EQ(r->num_target_files_removed, 3);
  // The one-row file goes whole; the others keep their untouched rows.
  EXPECT_EQ(r->num_target_rows_copied, dvs ? 0 : (150000 - 4) + (70000 - 1 - 10));
  EXPECT_EQ(r->num_target_deletion_vectors_added, dvs ? 2 : 0);

  std::vector<std::string> rows = Rows(root, engine);
  EXPECT_EQ(rows.size(), 220001u + 1 - 10);
  std::vector<std::string> changed;
  for (const std::string& row : rows) {
    if (row.size() < 2 || row.substr(row.size() - 2) != "/a") changed.push_back(row);
  }
  EXPECT_EQ(changed, (std::vector<std::string>{"100000/b", "100000/b", "140000/b", "200000/b",
                                               "5/b", "500000/b", "70000/b"}));
  EXPECT_TRUE(std::binary_search(rows.begin(), rows.end(), "219989/a"));
  EXPECT_FALSE(std::binary_search(rows.begin(), rows.end(), "219990/a"));
  EXPECT_FALSE(std::binary_search(rows.begin(), rows.end(), "140000/a"));
}

TEST(MergeStreaming, UpsertAcrossBatchesWithDeletionVectors) { UpsertAcrossBatches(true); }

TEST(MergeStreaming, UpsertAcrossBatchesCopyOnWrite) { UpsertAcrossBatches(false); }

TEST(MergeStreaming, TwoSourceRowsMatchingOneTargetRowInALateBatchFail) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  BigTable(root, engine, true);
  auto r = Merge(root, engine, {5, 140000, 70000, 140000},
                 {MergeClause::MatchedUpdateAll(), MergeClause::NotMatchedInsertAll()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("multiple source rows matched"), std::string::npos)
      << r.status().ToString();
  EXPECT_EQ(Latest(root, engine)->version(), 2);

  // One source row matching target rows in two files is no error: both change.
  auto ok = Merge(root, engine, {100000}, {MergeClause::MatchedDelete()});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->num_target_rows_deleted, 2);
  EXPECT_EQ(Rows(root, engine).size(), 220001u - 2);
}

}  // namespace
}  // namespace delta
