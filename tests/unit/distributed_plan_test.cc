// Distributed planning: every checkpoint part and sidecar reconciled on a fresh engine (a
// worker that never saw the log) against the keys of the newer commits gives, with the
// commits' own scan tasks, exactly the local scan's files and rows: multi-part and v2
// checkpoints we write (with removes, DV updates and partition and stats filters) and Delta
// Spark's; damaged bytes are refused by name.
#include "delta/distributed_plan.h"

#include <gtest/gtest.h>

#include <arrow/api.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "delta/checkpoint.h"
#include "delta/delete.h"
#include "delta/expression.h"
#include "delta/planning_task_execution.h"
#include "delta/scan_execution.h"
#include "delta/scan_task.h"
#include "delta/table.h"
#include "dv/crc32.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"
#include "support/id_part_table.h"
#include "support/scan_compare.h"
#include "support/scan_options.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Append;
using test::Engine1;
using test::Filtered;

// A new engine each time: a worker that never saw the table.
std::shared_ptr<Engine> NewEngine() { return Engine1(); }

SnapshotOptions Streamed() {
  SnapshotOptions o;
  o.file_list = FileListMode::kStreamed;
  return o;
}

std::shared_ptr<const Snapshot> Load(const std::string& root, const SnapshotOptions& o = {}) {
  auto table = Table::ForLocation(root, NewEngine());
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot(o);
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  return snap.ok() ? *snap : nullptr;
}

struct Outcome {
  size_t checkpoint_tasks = 0;  // planning tasks of checkpoint files
  size_t file_tasks = 0;        // scan tasks of the commits' adds
  size_t rows = 0;
};

// The local scan (in-memory snapshot) against the planning tasks of a streamed snapshot, each
// task planned and read on its own new engine: the same files (every field) and rows.
Outcome ExpectPlanningMatchesLocal(const std::string& root, const ScanOptions& options,
                                   size_t max_files_per_task = 2) {
  Outcome out;
  auto local = Scan::Make(Load(root), options);
  EXPECT_TRUE(local.ok()) << local.status().ToString();
  if (!local.ok()) return out;
  auto local_files = (*local)->Files();
  EXPECT_TRUE(local_files.ok()) << local_files.status().ToString();
  std::vector<std::string> expected_files;
  for (const ScanFile& f : *local_files) expected_files.push_back(test::DescribeScanFile(f));
  std::sort(expected_files.begin(), expected_files.end());
  auto local_stream = ExecuteScan(*local);
  EXPECT_TRUE(local_stream.ok()) << local_stream.status().ToString();
  auto local_rows = *test::ReadStream(*local_stream);
  const std::vector<std::string> expected_rows = test::SchemaAndSortedRows(*local_rows);

  auto streamed = Load(root, Streamed());
  auto scan = Scan::Make(streamed, options);
  EXPECT_TRUE(scan.ok()) << scan.status().ToString();
  auto tasks = MakePlanningTasks(*scan, max_files_per_task);
  EXPECT_TRUE(tasks.ok()) << tasks.status().ToString();
  if (!tasks.ok()) return out;
  std::vector<std::string> files;
  std::vector<std::shared_ptr<arrow::Table>> parts;
  for (const std::string& task : *tasks) {
    auto info = DescribePlanningTask(task);
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    EXPECT_EQ(info->table_location, streamed->table_location());
    EXPECT_EQ(info->version, streamed->version());
    if (info->kind == PlanningTaskInfo::Kind::kCheckpointFile) {
      ++out.checkpoint_tasks;
      EXPECT_EQ(info->format_version, kPlanningTaskFormatVersion);
    } else {
      ++out.file_tasks;
      EXPECT_LE(info->file_locations.size(), max_files_per_task);
    }
    auto worker = ScanFromPlanningTask(task, NewEngine());
    EXPECT_TRUE(worker.ok()) << worker.status().ToString();
    if (!worker.ok()) return out;
    auto worker_files = (*worker)->Files();
    EXPECT_TRUE(worker_files.ok()) << worker_files.status().ToString();
    for (const ScanFile& f : *worker_files) files.push_back(test::DescribeScanFile(f));
    auto stream = ReadPlanningTask(NewEngine(), task);
    EXPECT_TRUE(stream.ok()) << stream.status().ToString();
    if (!stream.ok()) return out;
    parts.push_back(*test::ReadStream(*stream));
  }
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, expected_files);
  if (parts.empty()) {
    EXPECT_EQ(local_rows->num_rows(), 0);
    return out;
  }
  auto all = arrow::ConcatenateTables(parts);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(test::SchemaAndSortedRows(**all), expected_rows);
  out.rows = static_cast<size_t>(local_rows->num_rows());
  return out;
}

void Checkpoint(const std::string& root, const CheckpointOptions& o) {
  auto table = Table::ForLocation(root, NewEngine());
  ASSERT_TRUE(table.ok());
  auto r = WriteCheckpoint(*table, std::nullopt, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

void Delete(const std::string& root, const std::string& predicate) {
  auto r = DeleteRows(root, NewEngine(), predicate);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->commit.committed) << predicate;
}

size_t CountFiles(const std::string& dir, std::string_view needle) {
  size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().find(needle) != std::string::npos) ++n;
  }
  return n;
}

// Six files over partitions a, b, c (ids 0..17, three per file) with deletion vectors on,
// checkpointed by `checkpoint`; then commits that update DVs of checkpointed files (remove and
// re-add of the same path with a new DV, twice for one file), remove whole files, and add new
// ones.
void MakeChangedTable(const std::string& root, const CheckpointOptions& checkpoint,
                      std::map<std::string, std::string> properties = {}) {
  properties["delta.enableDeletionVectors"] = "true";
  properties["delta.checkpointInterval"] = "100";  // only the checkpoint written here
  const std::vector<std::string> parts = {"a", "a", "b", "b", "c", "c"};
  for (int64_t f = 0; f < 6; ++f) {
    Append(root, NewEngine(), {f * 3, f * 3 + 1, f * 3 + 2}, parts[static_cast<size_t>(f)],
           properties, {"part"});
  }
  Checkpoint(root, checkpoint);
  Delete(root, "id = 1");      // DV on file 0
  Delete(root, "id = 2");      // a new DV on file 0: same path, another DV
  Delete(root, "id = 7");      // DV on file 2
  Delete(root, "part = 'c'");  // files 4 and 5 removed whole
  Append(root, NewEngine(), {100, 101}, "c");
  Append(root, NewEngine(), {102}, "d");
}

void ExpectAllScansMatch(const std::string& root, size_t checkpoint_files) {
  Outcome all = ExpectPlanningMatchesLocal(root, {});
  EXPECT_EQ(all.checkpoint_tasks, checkpoint_files);
  // Commit adds: the two DV re-adds and the two appends, two a task.
  EXPECT_EQ(all.file_tasks, 2u);
  EXPECT_EQ(all.rows, 18u - 3u - 6u + 3u);
  // Pruned by partition on the workers (and on the driver for the commits' adds).
  EXPECT_EQ(ExpectPlanningMatchesLocal(root, Filtered("part = 'b'")).rows, 5u);
  // Skipped by statistics, with a projection and a filter-only column.
  EXPECT_EQ(
      ExpectPlanningMatchesLocal(root, Filtered("id >= 9", std::vector<std::string>{"part"})).rows,
      3u + 3u);
  EXPECT_EQ(ExpectPlanningMatchesLocal(root, Filtered("id < 0")).rows, 0u);
  ScanOptions meta;
  meta.metadata_columns = {MetadataColumn::kRowIndex, MetadataColumn::kFilePath};
  EXPECT_EQ(ExpectPlanningMatchesLocal(root, meta, 1).rows, 12u);
}

TEST(DistributedPlanTest, MultiPartCheckpointWithRemovesAndDvUpdatesAfterIt) {
  test::TempDir dir;
  CheckpointOptions o;
  o.part_size = 3;  // protocol, metadata and six adds: three parts
  MakeChangedTable(dir.path(), o);
  ASSERT_EQ(CountFiles(dir.path() + "/_delta_log", ".checkpoint."), 3u);
  ExpectAllScansMatch(dir.path(), 3);
}

TEST(DistributedPlanTest, V2CheckpointSidecarsWithRemovesAndDvUpdatesAfterIt) {
  test::TempDir dir;
  CheckpointOptions o;
  o.actions_per_sidecar = 2;
  MakeChangedTable(dir.path(), o, {{"delta.checkpointPolicy", "v2"}});
  ASSERT_EQ(CountFiles(dir.path() + "/_delta_log/_sidecars", ".parquet"), 3u);  // two adds each
  // The Parquet manifest (no adds of its own) and its three sidecars.
  ExpectAllScansMatch(dir.path(), 4);
}

TEST(DistributedPlanTest, StructOnlyStatisticsSkipOnTheWorker) {
  test::TempDir dir;
  CheckpointOptions o;
  o.part_size = 4;
  MakeChangedTable(dir.path(), o,
                   {{"delta.checkpoint.writeStatsAsJson", "false"},
                    {"delta.checkpoint.writeStatsAsStruct", "true"}});
  ExpectAllScansMatch(dir.path(), 2);
}

TEST(DistributedPlanTest, ASnapshotWithItsFileListGivesScanTasksOnly) {
  test::TempDir dir;
  CheckpointOptions o;
  o.part_size = 3;
  MakeChangedTable(dir.path(), o);
  auto scan = Scan::Make(Load(dir.path()), {});
  ASSERT_TRUE(scan.ok());
  auto tasks = MakePlanningTasks(*scan, 4);
  ASSERT_TRUE(tasks.ok()) << tasks.status().ToString();
  ASSERT_EQ(tasks->size(), 2u);  // seven live files, four a task
  for (const std::string& t : *tasks) {
    auto info = DescribePlanningTask(t);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->kind, PlanningTaskInfo::Kind::kFiles);
    EXPECT_EQ(info->format_version, kScanTaskFormatVersion);
  }
  EXPECT_EQ(MakePlanningTasks(*scan, 0).status().message(),
            "MakePlanningTasks: max_files_per_task must be at least 1");
  EXPECT_EQ(MakePlanningTasks(nullptr, 1).status().message(), "MakePlanningTasks: scan is null");
}

TEST(DistributedPlanTest, TheWorkerSplitsItsPartIntoScanTasks) {
  test::TempDir dir;
  CheckpointOptions o;
  o.part_size = 3;
  MakeChangedTable(dir.path(), o);
  auto scan = Scan::Make(Load(dir.path(), Streamed()), {});
  ASSERT_TRUE(scan.ok());
  auto tasks = MakePlanningTasks(*scan, 10);
  ASSERT_TRUE(tasks.ok());
  // Of the six checkpointed files, a commit replaced the DVs of files 0 and 2 and removed 4
  // and 5: files 1 and 3 are what the parts still hold live.
  size_t live = 0;
  std::vector<int64_t> keys;
  for (const std::string& t : *tasks) {
    auto info = DescribePlanningTask(t);
    ASSERT_TRUE(info.ok());
    if (info->kind != PlanningTaskInfo::Kind::kCheckpointFile) continue;
    keys.push_back(info->num_shadowing_keys);
    EXPECT_TRUE(info->checkpoint_location.ends_with(".parquet")) << info->checkpoint_location;
    EXPECT_GT(info->checkpoint_size, 0);
    auto worker = ScanFromPlanningTask(t, NewEngine());
    ASSERT_TRUE(worker.ok()) << worker.status().ToString();
    auto split = MakeScanTasks(*worker, 1);
    ASSERT_TRUE(split.ok()) << split.status().ToString();
    live += split->size();
  }
  // Keys of the newer commits: file 0 (old DV, DV 1 removed and re-added, DV 2 added), file 2
  // (old DV and new), files 4 and 5, and the two appends.
  EXPECT_EQ(keys, (std::vector<int64_t>{9, 9, 9}));
  EXPECT_EQ(live, 2u);
}

// Delta Spark's checkpoints (../shared/conformance).
TEST(DistributedPlanTest, SparkMultiPartAndV2SidecarCheckpoints) {
  DELTA_REQUIRE_CONFORMANCE();
  for (const char* name :
       {"multi-part-checkpoint", "v2-checkpoints-parquet-with-sidecars",
        "v1-multi-part-partitioned-struct-stats-only", "v2-parquet-sidecars-struct-stats-only",
        "dv-partitioned-with-checkpoint"}) {
    SCOPED_TRACE(name);
    std::string root = test::ExtractedTablePath(name);
    ASSERT_FALSE(root.empty());
    auto snap = Load(root);
    ASSERT_NE(snap, nullptr);
    Outcome o = ExpectPlanningMatchesLocal(root, {});
    EXPECT_GT(o.checkpoint_tasks, 0u);
    EXPECT_GT(o.rows, 0u);
    // A filter on the first column, whatever the table.
    const StructField& first = snap->schema()->fields()[0];
    if (first.type->kind() == TypeKind::kLong || first.type->kind() == TypeKind::kInteger) {
      ExpectPlanningMatchesLocal(root, Filtered(first.name + " > 3"));
    }
    for (const std::string& p : snap->partition_columns()) {
      ExpectPlanningMatchesLocal(root, Filtered(p + " IS NOT NULL"));
    }
  }
}

// One checkpoint-file task of a changed multi-part table.
std::string OneTask(const std::string& root) {
  auto scan = Scan::Make(Load(root, Streamed()), Filtered("id > 3"));
  EXPECT_TRUE(scan.ok());
  auto tasks = MakePlanningTasks(*scan, 10);
  EXPECT_TRUE(tasks.ok());
  return tasks->back();
}

void PutU32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

TEST(DistributedPlanTest, BadBytesAreRefusedByName) {
  test::TempDir dir;
  CheckpointOptions o;
  o.part_size = 3;
  MakeChangedTable(dir.path(), o);
  const std::string task = OneTask(dir.path());
  auto engine = NewEngine();
  ASSERT_TRUE(ScanFromPlanningTask(task, engine).ok());
  auto message = [&](std::string_view bytes) {
    auto r = ScanFromPlanningTask(bytes, engine);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    auto d = DescribePlanningTask(bytes);
    EXPECT_EQ(d.status().message(), r.status().message());
    return r.status().message();
  };
  EXPECT_EQ(message("PAR1...."),
            "planning task: not a planning task (the bytes do not start with \"DKPT\")");
  EXPECT_EQ(message(""),
            "planning task: not a planning task (the bytes do not start with \"DKPT\")");
  std::string newer = task;
  PutU32(newer, 4, kPlanningTaskFormatVersion + 1);
  EXPECT_EQ(message(newer),
            "planning task: format version 2 is newer than this library reads (1); upgrade "
            "delta-kernel on the worker");
  EXPECT_EQ(message(task.substr(0, task.size() - 1)),
            "planning task: truncated: " + std::to_string(task.size() - 1) +
                " bytes where the header announces " + std::to_string(task.size()));
  std::string flipped = task;
  flipped[30] = static_cast<char>(flipped[30] ^ 1);
  EXPECT_EQ(message(flipped), "planning task: corrupt: the checksum does not match the contents");
  EXPECT_EQ(ScanFromPlanningTask(task, nullptr).status().message(),
            "ScanFromPlanningTask: engine is null");

  for (size_t n = 0; n < task.size(); n += 7) {
    auto r = ScanFromPlanningTask(std::string_view(task).substr(0, n), engine);
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes";
    ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  }
  // Damage behind a valid checksum (a buggy writer): refused or decoded, never a crash.
  std::mt19937 rng(7);
  const size_t body = task.size() - 20;
  for (int round = 0; round < 300; ++round) {
    std::string bad = task;
    size_t at = 16 + rng() % body;
    bad[at] = static_cast<char>(rng());
    PutU32(bad, task.size() - 4, Crc32(std::string_view(bad).substr(16, body)));
    auto r = ScanFromPlanningTask(bad, engine);
    // A damaged checkpoint location may point outside the root: PermissionDenied.
    if (!r.ok()) {
      EXPECT_TRUE(r.status().code() == StatusCode::kInvalidArgument ||
                  r.status().code() == StatusCode::kPermissionDenied)
          << at << ": " << r.status().ToString();
    }
  }
}

TEST(DistributedPlanTest, TheWorkersLocationPolicyDecidesTheCheckpointFile) {
  test::TempDir dir;
  CheckpointOptions o;
  o.part_size = 3;
  MakeChangedTable(dir.path(), o);
  std::string task = OneTask(dir.path());
  auto info = DescribePlanningTask(task);
  ASSERT_TRUE(info.ok());
  // The same bytes with the checkpoint file named outside the table root.
  const std::string inside = info->checkpoint_location;
  const std::string outside = "file:///elsewhere/part.parquet";
  size_t at = task.find(inside);
  ASSERT_NE(at, std::string::npos);
  std::string moved = task.substr(0, at - 4);
  std::string len(4, '\0');
  PutU32(len, 0, static_cast<uint32_t>(outside.size()));
  moved += len + outside + task.substr(at + inside.size(), task.size() - 4 - at - inside.size());
  const uint64_t body_len = moved.size() - 16;
  for (int i = 0; i < 8; ++i) moved[8 + i] = static_cast<char>((body_len >> (8 * i)) & 0xff);
  std::string crc(4, '\0');
  PutU32(crc, 0, Crc32(std::string_view(moved).substr(16)));
  moved += crc;
  // The default policy allows the table's own store; this worker allows nothing outside roots.
  ASSERT_TRUE(ScanFromPlanningTask(moved, NewEngine()).ok());
  DefaultEngineOptions strict;
  strict.location_policy.allow_same_store = false;
  auto worker = MakeDefaultEngine(strict);
  ASSERT_TRUE(worker.ok());
  ASSERT_TRUE(ScanFromPlanningTask(task, *worker).ok());
  auto r = ScanFromPlanningTask(moved, *worker);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied) << r.status().ToString();
  EXPECT_NE(r.status().message().find("planning task"), std::string::npos);
}

}  // namespace
}  // namespace delta
