// A DELETE or UPDATE that loses the race to a compaction (OPTIMIZE) of a file it deletes rows
// from: with row tracking its deleted rows are found by row id in the compacted files and the
// commit re-adds those with deletion vectors; without row tracking, or when the winner changed
// data, it stays a conflict. Through the public API (staged with the ops the public calls use)
// on local disk, read back row by row with row ids.
#include <gtest/gtest.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include <functional>
#include <set>
#include <type_traits>

#include "delta/delete.h"
#include "delta/deletion_vector.h"
#include "delta/merge.h"
#include "delta/optimize.h"
#include "delta/update.h"
#include "ops/row_deletion.h"
#include "ops/row_update.h"
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
using test::Rows;
using Strings = std::vector<std::string>;
using Metrics = std::map<std::string, std::string>;

const std::map<std::string, std::string> kTracked = {{"delta.enableRowTracking", "true"},
                                                     {"delta.enableDeletionVectors", "true"}};
const std::map<std::string, std::string> kUntracked = {{"delta.enableDeletionVectors", "true"}};

// Every row as "id:row_id", sorted.
Strings Ids(const std::string& root, const std::shared_ptr<Engine>& engine) {
  ScanOptions o;
  o.columns = Strings{"id"};
  o.metadata_columns = {MetadataColumn::kRowId};
  auto batch = test::ScanBatch(root, engine, o);
  Strings out;
  for (int64_t r = 0; batch && r < batch->num_rows(); ++r) {
    out.push_back((*batch->column(0)->GetScalar(r))->ToString() + ":" +
                  (*batch->column(1)->GetScalar(r))->ToString());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The latest snapshot's files as "numRecords:dv positions", sorted ("-" without a DV).
Strings FileDvs(const std::string& root, const std::shared_ptr<Engine>& engine) {
  auto snapshot = Latest(root, engine);
  Strings out;
  for (const AddFile& f : snapshot->files()) {
    std::string text = std::to_string(f.NumRecords().value_or(-1)) + ":";
    if (f.deletion_vector == nullptr) {
      text += "-";
    } else {
      auto dv =
          LoadDeletionVector(engine->file_system(), snapshot->table_location(), *f.deletion_vector);
      EXPECT_TRUE(dv.ok()) << dv.status().ToString();
      if (!dv.ok()) return {};
      for (uint64_t row : dv->RowIndexes()) text += std::to_string(row) + ",";
    }
    out.push_back(text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// id -> position in its data file, in the latest snapshot.
std::map<int64_t, uint64_t> Positions(const std::string& root,
                                      const std::shared_ptr<Engine>& engine) {
  ScanOptions o;
  o.columns = Strings{"id"};
  o.metadata_columns = {MetadataColumn::kRowIndex};
  auto batch = test::ScanBatch(root, engine, o);
  std::map<int64_t, uint64_t> out;
  for (int64_t r = 0; batch && r < batch->num_rows(); ++r) {
    auto id = std::static_pointer_cast<arrow::Int64Scalar>(*batch->column(0)->GetScalar(r));
    auto at = std::static_pointer_cast<arrow::Int64Scalar>(*batch->column(1)->GetScalar(r));
    out[id->value] = static_cast<uint64_t>(at->value);
  }
  return out;
}

// FileDvs' text for a file of `records` rows whose DV holds the positions of `ids`.
std::string DvAt(int64_t records, const std::map<int64_t, uint64_t>& positions,
                 const std::vector<int64_t>& ids) {
  std::set<uint64_t> rows;
  for (int64_t id : ids) rows.insert(positions.at(id));
  std::string text = std::to_string(records) + ":";
  for (uint64_t row : rows) text += std::to_string(row) + ",";
  return text;
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

void MustOptimize(const std::string& root, const std::shared_ptr<Engine>& engine,
                  int64_t files_removed) {
  auto r = Optimize(root, engine);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->files_removed, files_removed);
  ASSERT_EQ(r->files_added, 1);
}

// The counts DeleteRows and UpdateRows put in commitInfo, from what was staged.
template <typename Metrics>
void SetMetrics(Transaction& txn, const std::string& operation, const Metrics& m) {
  txn.SetOperation(operation, {});
  if constexpr (std::is_same_v<Metrics, ops::RowUpdateMetrics>) {
    txn.SetOperationMetric("numUpdatedRows", m.num_updated_rows);
  } else {
    txn.SetOperationMetric("numDeletedRows", m.num_deleted_rows);
  }
  txn.SetOperationMetric("numRemovedFiles", m.num_removed_files);
  txn.SetOperationMetric("numAddedFiles", m.num_added_files);
  txn.SetOperationMetric("numDeletionVectorsAdded", m.num_deletion_vectors_added);
  txn.SetOperationMetric("numDeletionVectorsRemoved", m.num_deletion_vectors_removed);
}

// A delete of `predicate` staged on the latest snapshot, then `concurrent`, then its commit.
Result<CommitResult> DeleteAfter(const std::string& root, const std::shared_ptr<Engine>& engine,
                                 const std::string& predicate,
                                 const std::function<void()>& concurrent) {
  auto snapshot = Latest(root, engine);
  auto txn = Transaction::Begin(snapshot, {});
  EXPECT_TRUE(txn.ok()) << txn.status().ToString();
  auto staged = ops::StageRowDeletion(**txn, snapshot, engine, *ParseExpression(predicate));
  EXPECT_TRUE(staged.ok()) << staged.status().ToString();
  if (staged.ok()) SetMetrics(**txn, "DELETE", *staged);
  concurrent();
  return (*txn)->Commit();
}

// Three files: ids 1-3 (row ids 0-2), 4-5 (3-4), 6 (5).
void ThreeFiles(const std::string& root, const std::shared_ptr<Engine>& engine,
                const std::map<std::string, std::string>& properties) {
  Append(root, engine, {1, 2, 3}, "a", properties);
  Append(root, engine, {4, 5}, "a");
  Append(root, engine, {6}, "a");
}

TEST(CompactionRebase, DeleteIsMappedOntoTheCompactedFile) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  const Strings before = {"1:0", "2:1", "3:2", "4:3", "5:4", "6:5"};
  ASSERT_EQ(Ids(root, engine), before);

  std::map<int64_t, uint64_t> at;  // positions in the compacted file
  auto r = DeleteAfter(root, engine, "id = 2 OR id = 5", [&] {
    MustOptimize(root, engine, 3);
    at = Positions(root, engine);
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 4);
  EXPECT_EQ(r->rebased_over, std::vector<int64_t>{3});
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "3/a", "4/a", "6/a"}));
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0", "3:2", "4:3", "6:5"}));
  EXPECT_EQ(FileDvs(root, engine), Strings{DvAt(6, at, {2, 5})});
  // Ours removes the compacted file and re-adds it with the DV; nothing of the old files.
  const std::string commit = CommitText(root, 4);
  EXPECT_EQ(Count(commit, R"("remove":)"), 1u) << commit;
  EXPECT_EQ(Count(commit, R"("add":)"), 1u) << commit;
  EXPECT_TRUE(Has(commit, R"("cardinality":2)")) << commit;
  EXPECT_TRUE(Has(commit, R"(\"tightBounds\":false)")) << commit;
  EXPECT_EQ(
      test::MetricsNamed(commit, {"numDeletedRows", "numRemovedFiles", "numDeletionVectorsAdded",
                                  "numDeletionVectorsRemoved", "numAddedFiles"}),
      (Metrics{{"numDeletedRows", "2"},
               {"numRemovedFiles", "1"},
               {"numDeletionVectorsAdded", "1"},
               {"numDeletionVectorsRemoved", "0"},
               {"numAddedFiles", "0"}}))
      << commit;
}

TEST(CompactionRebase, AFileDeletedWholeIsMappedToo) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  // Every row of the first file goes: we remove it without a re-add.
  std::map<int64_t, uint64_t> at;
  auto r = DeleteAfter(root, engine, "id <= 3", [&] {
    MustOptimize(root, engine, 3);
    at = Positions(root, engine);
  });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Ids(root, engine), (Strings{"4:3", "5:4", "6:5"}));
  EXPECT_EQ(FileDvs(root, engine), Strings{DvAt(6, at, {1, 2, 3})});
  const std::string commit = CommitText(root, 4);
  EXPECT_EQ(
      test::MetricsNamed(commit, {"numDeletedRows", "numRemovedFiles", "numDeletionVectorsAdded"}),
      (Metrics{
          {"numDeletedRows", "3"}, {"numRemovedFiles", "1"}, {"numDeletionVectorsAdded", "1"}}))
      << commit;
}

TEST(CompactionRebase, EveryRowOfTheCompactedFileDeletedRemovesIt) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  auto r = DeleteAfter(root, engine, "id > 0", [&] { MustOptimize(root, engine, 3); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), Strings{});
  EXPECT_EQ(Latest(root, engine)->files().size(), 0u);
  const std::string commit = CommitText(root, 4);
  EXPECT_EQ(Count(commit, R"("remove":)"), 1u) << commit;
  EXPECT_EQ(Count(commit, R"("add":)"), 0u) << commit;
  EXPECT_TRUE(Has(commit, R"("numDeletionVectorsAdded":"0")")) << commit;
}

TEST(CompactionRebase, UpdateIsMappedAndItsNewRowsAppended) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  auto snapshot = Latest(root, engine);
  auto txn = *Transaction::Begin(snapshot, {});
  auto staged = ops::StageRowUpdate(*txn, snapshot, engine, *ParseExpression("id = 4"),
                                    {{"id", *ParseExpression("id * 100")}});
  ASSERT_TRUE(staged.ok()) << staged.status().ToString();
  SetMetrics(*txn, "UPDATE", *staged);
  MustOptimize(root, engine, 3);
  const std::map<int64_t, uint64_t> at = Positions(root, engine);
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 4);
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/a", "3/a", "400/a", "5/a", "6/a"}));
  // The updated row keeps its row id in its new file.
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0", "2:1", "3:2", "400:3", "5:4", "6:5"}));
  EXPECT_EQ(FileDvs(root, engine), (Strings{"1:-", DvAt(6, at, {4})}));
  const std::string commit = CommitText(root, 4);
  EXPECT_EQ(Count(commit, R"("remove":)"), 1u) << commit;
  EXPECT_EQ(Count(commit, R"("add":)"), 2u) << commit;
  EXPECT_EQ(test::MetricsNamed(commit, {"numUpdatedRows", "numRemovedFiles", "numAddedFiles",
                                        "numDeletionVectorsAdded"}),
            (Metrics{{"numUpdatedRows", "1"},
                     {"numRemovedFiles", "1"},
                     {"numAddedFiles", "1"},
                     {"numDeletionVectorsAdded", "1"}}))
      << commit;
}

TEST(CompactionRebase, WithoutRowTrackingItStaysAConflict) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kUntracked);
  std::string path;  // the file of ids 1-3
  auto snapshot = Latest(root, engine);
  for (const AddFile& f : snapshot->files()) {
    if (f.NumRecords() == 3) path = std::string(f.path);
  }
  auto r = DeleteAfter(root, engine, "id = 2", [&] { MustOptimize(root, engine, 3); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kConflict);
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete)
      << r.status().ToString();
  ASSERT_NE(r.status().detail(), nullptr);
  EXPECT_EQ(r.status().detail()->version, 3);
  EXPECT_TRUE(Has(r.status().message(),
                  "compacted file '" + path +
                      "' that this transaction also removes (its rows cannot be mapped to the "
                      "compacted files: the table has no row tracking (delta.enableRowTracking))"))
      << r.status().ToString();
  EXPECT_EQ(test::LatestVersion(root, engine), 3);
  EXPECT_EQ(Rows(root, engine).size(), 6u);
}

TEST(CompactionRebase, WithoutDeletionVectorsItStaysAConflict) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  // Row tracking, copy-on-write: the delete copies the file's other rows into a new file.
  ThreeFiles(root, engine, {{"delta.enableRowTracking", "true"}});
  auto r = DeleteAfter(root, engine, "id = 2", [&] { MustOptimize(root, engine, 3); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete)
      << r.status().ToString();
  EXPECT_TRUE(Has(r.status().message(),
                  "cannot be mapped to the compacted files: the table takes no deletion vectors "
                  "(delta.enableDeletionVectors)"))
      << r.status().ToString();
  EXPECT_EQ(test::LatestVersion(root, engine), 3);
}

TEST(CompactionRebase, ADataChangingRewriteStaysAConflict) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  // The winner rewrites every file with dataChange=true (an overwrite of the same rows).
  auto r = DeleteAfter(root, engine, "id = 2", [&] {
    WriteOptions o;
    o.mode = SaveMode::kOverwrite;
    ArrowArrayStream s = test::Stream({1, 2, 3, 4, 5, 6}, Strings(6, "a"));
    ASSERT_TRUE(WriteTable(root, engine, &s, o).ok());
  });
  ASSERT_FALSE(r.ok());
  // Its new file holds rows the delete's predicate may match: checked as an append first.
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentAppend) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine).size(), 6u);
}

// A compaction of the three files written by hand: their rows plus a row `extra` (id 99,
// without a row id) at position 3, deleted by the compacted file's own DV along with
// `also_deleted`, all with dataChange=false.
void CompactWithDv(const std::string& root, const std::shared_ptr<Engine>& engine,
                   std::vector<uint64_t> also_deleted) {
  auto snapshot = Latest(root, engine);
  const std::string id_column =
      snapshot->properties().at("delta.rowTracking.materializedRowIdColumnName");
  auto txn = *Transaction::Begin(snapshot, {});
  for (const AddFile& f : snapshot->files()) ASSERT_TRUE(txn->RemoveLiveFile(f, false).ok());
  arrow::Int64Builder ids, row_ids;
  arrow::StringBuilder parts;
  const std::vector<int64_t> values = {1, 2, 3, 99, 4, 5, 6};
  for (int64_t v : values) {
    ASSERT_TRUE(ids.Append(v).ok());
    ASSERT_TRUE(parts.Append("a").ok());
    ASSERT_TRUE((v == 99 ? row_ids.AppendNull() : row_ids.Append(v < 99 ? v - 1 : 0)).ok());
  }
  auto schema =
      arrow::schema({arrow::field("id", arrow::int64()), arrow::field("part", arrow::utf8()),
                     arrow::field(id_column, arrow::int64())});
  auto batch =
      arrow::RecordBatch::Make(schema, 7, {*ids.Finish(), *parts.Finish(), *row_ids.Finish()});
  ArrowArrayStream stream{};
  ASSERT_TRUE(
      arrow::ExportRecordBatchReader(*arrow::RecordBatchReader::Make({batch}, schema), &stream)
          .ok());
  auto written = txn->WriteFiles(&stream);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  ASSERT_EQ(written->size(), 1u);
  also_deleted.push_back(3);
  auto dv = *DeletionVector::FromRowIndexes(also_deleted);
  const DeletionVector* dvs[] = {&dv};
  auto stored = StoreDeletionVectors(engine->file_system(), snapshot->table_location(), dvs);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  DeletionVectorDescriptor descriptor = (*stored)[0].descriptor();
  AddFile add;
  add.path = (*written)[0].path;
  add.size = (*written)[0].size;
  add.modification_time = (*written)[0].modification_time;
  add.data_change = false;
  add.stats = (*written)[0].stats;
  add.deletion_vector = &descriptor;
  ASSERT_TRUE(txn->AddAction(add).ok());
  txn->SetOperation("OPTIMIZE", {});
  auto r = txn->Commit();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

TEST(CompactionRebase, TheCompactedFilesOwnDvIsKept) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  auto r = DeleteAfter(root, engine, "id = 2 OR id = 6", [&] { CompactWithDv(root, engine, {}); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0", "3:2", "4:3", "5:4"}));
  EXPECT_EQ(FileDvs(root, engine), Strings{"7:1,3,6,"});
  const std::string commit = CommitText(root, 4);
  EXPECT_EQ(test::MetricsNamed(commit, {"numDeletionVectorsAdded", "numDeletionVectorsRemoved"}),
            (Metrics{{"numDeletionVectorsAdded", "1"}, {"numDeletionVectorsRemoved", "1"}}))
      << commit;
}

TEST(CompactionRebase, ARowTheCompactionDeletedConflicts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  // The winner's file holds id 2 (row id 1) at position 1, already deleted there.
  auto r = DeleteAfter(root, engine, "id = 2", [&] { CompactWithDv(root, engine, {1}); });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete)
      << r.status().ToString();
  EXPECT_TRUE(Has(r.status().message(), "is deleted there already")) << r.status().ToString();
  EXPECT_EQ(test::LatestVersion(root, engine), 3);
}

TEST(CompactionRebase, ALaterWinnerRemovingTheMappedFileConflicts) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  std::string compacted;
  // OPTIMIZE (version 3), then another compaction of its file (version 4).
  auto r = DeleteAfter(root, engine, "id = 2", [&] {
    MustOptimize(root, engine, 3);
    compacted = std::string(Latest(root, engine)->files()[0].path);
    CompactWithDv(root, engine, {});
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete)
      << r.status().ToString();
  ASSERT_NE(r.status().detail(), nullptr);
  EXPECT_EQ(r.status().detail()->version, 4);
  EXPECT_EQ(r.status().detail()->subject, compacted);
  EXPECT_TRUE(Has(r.status().message(), "onto which this transaction moved the rows it deletes"))
      << r.status().ToString();
  EXPECT_EQ(test::LatestVersion(root, engine), 4);
}

TEST(CompactionRebase, TheChangeFeedComesFromTheDeletesChangeFiles) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  auto properties = kTracked;
  properties["delta.enableChangeDataFeed"] = "true";
  ThreeFiles(root, engine, properties);
  // A partial delete writes its deleted rows as change files: mapped.
  auto r = DeleteAfter(root, engine, "id = 2", [&] { MustOptimize(root, engine, 3); });
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(test::Feed(root, engine, 4), Strings{"2/delete/4"});
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "3/a", "4/a", "5/a", "6/a"}));

  // A delete of whole files has none (its removes say it): a conflict saying so.
  test::TempDir other;
  ThreeFiles(other.path(), engine, properties);
  auto whole =
      DeleteAfter(other.path(), engine, "id <= 3", [&] { MustOptimize(other.path(), engine, 3); });
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteDelete)
      << whole.status().ToString();
  EXPECT_TRUE(Has(whole.status().message(),
                  "the change data feed is on and this commit has no "
                  "change data files"))
      << whole.status().ToString();
}

TEST(CompactionRebase, PublicDeleteRowsOverAnOptimizeCommits) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  std::map<int64_t, uint64_t> at;
  auto racing = test::RacingEngine([&] {
    MustOptimize(root, engine, 3);
    at = Positions(root, engine);
  });
  auto r = DeleteRows(root, racing, "id = 3");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 4);
  EXPECT_EQ(r->commit.rebased_over, std::vector<int64_t>{3});
  EXPECT_EQ(r->num_deleted_rows, 1);
  EXPECT_EQ(Ids(root, engine), (Strings{"1:0", "2:1", "4:3", "5:4", "6:5"}));
  EXPECT_EQ(FileDvs(root, engine), Strings{DvAt(6, at, {3})});
  const std::string commit = CommitText(root, 4);
  EXPECT_TRUE(Has(commit, R"("operation":"DELETE")")) << commit;
  EXPECT_EQ(
      test::MetricsNamed(commit, {"numDeletedRows", "numRemovedFiles", "numDeletionVectorsAdded"}),
      (Metrics{
          {"numDeletedRows", "1"}, {"numRemovedFiles", "1"}, {"numDeletionVectorsAdded", "1"}}))
      << commit;
}

TEST(CompactionRebase, MergeOverAnOptimizeCommits) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ThreeFiles(root, engine, kTracked);
  std::map<int64_t, uint64_t> at;
  auto racing = test::RacingEngine([&] {
    MustOptimize(root, engine, 3);
    at = Positions(root, engine);
  });
  // Updates 2 and 5 (two files get DVs), deletes 6 (its file goes whole), inserts 8.
  ArrowArrayStream source = test::Stream({2, 5, 6, 8}, {"b", "b", "x", "b"});
  MergeSpec spec;
  spec.on = "target.id = source.id";
  spec.clauses = {MergeClause::MatchedDelete("source.part = 'x'"), MergeClause::MatchedUpdateAll(),
                  MergeClause::NotMatchedInsertAll()};
  auto r = MergeInto(root, racing, &source, spec);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->commit.version, 4);
  EXPECT_EQ(r->num_target_rows_updated, 2);
  EXPECT_EQ(r->num_target_rows_deleted, 1);
  EXPECT_EQ(r->num_target_rows_inserted, 1);
  EXPECT_EQ(Rows(root, engine), (Strings{"1/a", "2/b", "3/a", "4/a", "5/b", "8/b"}));
  // Updated rows keep their ids; the inserted row takes one above OPTIMIZE's (6-11).
  Strings ids = Ids(root, engine);
  ASSERT_EQ(ids.size(), 6u);
  EXPECT_EQ(Strings(ids.begin(), ids.begin() + 5), (Strings{"1:0", "2:1", "3:2", "4:3", "5:4"}));
  EXPECT_GE(std::stoll(ids[5].substr(2)), 12) << ids[5];
  Strings dvs = FileDvs(root, engine);
  ASSERT_EQ(dvs.size(), 2u);
  EXPECT_EQ(dvs[1], DvAt(6, at, {2, 5, 6}));
  const std::string commit = CommitText(root, 4);
  EXPECT_EQ(Count(commit, R"("remove":)"), 1u) << commit;
  EXPECT_EQ(test::MetricsNamed(commit, {"numTargetFilesRemoved", "numTargetDeletionVectorsAdded",
                                        "numTargetDeletionVectorsRemoved"}),
            (Metrics{{"numTargetFilesRemoved", "1"},
                     {"numTargetDeletionVectorsAdded", "1"},
                     {"numTargetDeletionVectorsRemoved", "0"}}))
      << commit;
}

}  // namespace
}  // namespace delta
