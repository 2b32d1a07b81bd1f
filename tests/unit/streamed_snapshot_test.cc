// Snapshots loaded with FileListMode::kStreamed: scans stream the checkpoint's files and must
// plan exactly the files (and counts) an in-memory snapshot plans, in an order that does not
// depend on the thread count; errors in the checkpoint surface from the scan.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"
#include "support/arrow_stream.h"
#include "support/conformance_tables.h"
#include "support/scan_compare.h"

namespace delta {
namespace {

namespace fs = std::filesystem;

SnapshotOptions Streamed() {
  SnapshotOptions o;
  o.file_list = FileListMode::kStreamed;
  return o;
}

std::shared_ptr<Engine> EngineWithThreads(int threads) {
  DefaultEngineOptions opts;
  opts.cpu_threads = threads;
  auto engine = MakeDefaultEngine(opts);
  EXPECT_TRUE(engine.ok());
  return *engine;
}

// The latest snapshot of `path` loaded with `options` on an engine with `threads` CPU threads.
Result<std::shared_ptr<const Snapshot>> Load(const std::string& path, int threads,
                                             const SnapshotOptions& options = Streamed()) {
  DELTA_ASSIGN_OR_RETURN(Table table, Table::ForLocation(path, EngineWithThreads(threads)));
  return table.LatestSnapshot(options);
}

struct Planned {
  std::vector<std::string> files;  // in iterator order
  ScanCounts counts;
};

Result<Planned> PlanAll(std::shared_ptr<const Snapshot> snap, ScanOptions options = {}) {
  DELTA_ASSIGN_OR_RETURN(auto scan, Scan::Make(std::move(snap), std::move(options)));
  auto it = scan->FileIterator();
  Planned out;
  while (true) {
    DELTA_ASSIGN_OR_RETURN(std::optional<ScanFile> f, it->Next());
    if (!f) break;
    out.files.push_back(test::DescribeScanFile(*f));
  }
  out.counts = it->counts();
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

void ExpectSameCounts(const ScanCounts& a, const ScanCounts& b) {
  EXPECT_EQ(a.total_files, b.total_files);
  EXPECT_EQ(a.pruned_by_partition, b.pruned_by_partition);
  EXPECT_EQ(a.skipped_by_stats, b.skipped_by_stats);
  EXPECT_EQ(a.selected_files, b.selected_files);
}

// Whether the table's checkpoint at `version` is JSON (then the snapshot keeps a file list).
bool JsonCheckpoint(const std::string& path, int64_t version) {
  std::string prefix = std::to_string(version);
  prefix = std::string(20 - prefix.size(), '0') + prefix + ".checkpoint";
  for (const auto& e : fs::directory_iterator(fs::path(path) / "_delta_log")) {
    std::string name = e.path().filename().string();
    if (name.starts_with(prefix) && name.ends_with(".json")) return true;
  }
  return false;
}

// Loads `path` both ways and compares everything a scan plans.
void ExpectStreamedMatchesInMemory(const std::string& path) {
  auto engine = EngineWithThreads(2);
  auto table = Table::ForLocation(path, engine);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto in_memory = table->LatestSnapshot();
  auto streamed = table->LatestSnapshot(Streamed());
  ASSERT_EQ(in_memory.ok(), streamed.ok())
      << (in_memory.ok() ? streamed.status() : in_memory.status()).ToString();
  if (!in_memory.ok()) {
    EXPECT_EQ(in_memory.status().code(), streamed.status().code());
    return;
  }
  const Snapshot& a = **in_memory;
  const Snapshot& b = **streamed;
  EXPECT_TRUE(a.has_file_list());
  // Streamed exactly when there is a Parquet checkpoint to stream.
  bool expect_streamed = a.checkpoint_version() && !JsonCheckpoint(path, *a.checkpoint_version());
  EXPECT_EQ(b.has_file_list(), !expect_streamed);
  if (!b.has_file_list()) {
    EXPECT_TRUE(b.files().empty());
    EXPECT_EQ(b.total_bytes(), 0);
  }
  EXPECT_EQ(a.version(), b.version());
  EXPECT_EQ(a.timestamp(), b.timestamp());
  EXPECT_EQ(a.protocol(), b.protocol());
  EXPECT_EQ(a.metadata(), b.metadata());
  EXPECT_EQ(a.set_transactions(), b.set_transactions());
  EXPECT_EQ(a.domain_metadata(), b.domain_metadata());
  EXPECT_EQ(a.checkpoint_version(), b.checkpoint_version());

  auto pa = PlanAll(*in_memory);
  auto pb = PlanAll(*streamed);
  ASSERT_EQ(pa.ok(), pb.ok()) << (pa.ok() ? pb.status() : pa.status()).ToString();
  if (!pa.ok()) {
    EXPECT_EQ(pa.status().code(), pb.status().code());
    return;
  }
  EXPECT_EQ(Sorted(pa->files), Sorted(pb->files));
  EXPECT_EQ(pb->files.size(), a.files().size());
  ExpectSameCounts(pa->counts, pb->counts);
}

// Conformance tables with Parquet, JSON or no checkpoints (the last two keep a file list).
class ConformanceStreamedTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ConformanceStreamedTest, PlansWhatAnInMemorySnapshotPlans) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string path = test::ExtractedTablePath(GetParam());
  ASSERT_FALSE(path.empty());
  ExpectStreamedMatchesInMemory(path);
}

INSTANTIATE_TEST_SUITE_P(
    Tables, ConformanceStreamedTest,
    ::testing::Values(
        "basic-with-inserts-deletes-checkpoint", "checkpoint", "multi-part-checkpoint",
        "dv-partitioned-with-checkpoint", "log-replay-dv-key-cases",
        "delete-re-add-same-file-different-transactions", "canonicalized-paths-normal-a",
        "canonicalized-paths-special-a", "data-skipping-basic-stats-all-types-checkpoint",
        "snapshot-data3", "only-checkpoint-files", "app-txn-checkpoint",
        "with_checkpoint_no_last_checkpoint", "v1-multi-part-struct-stats-only",
        "v1-multi-part-partitioned-struct-stats-only", "v2-parquet-sidecars-struct-stats-only",
        "v2-checkpoints-parquet-with-sidecars", "v2-checkpoints-parquet-without-sidecars",
        "v2-classic-checkpoint-parquet", "v2-checkpoints-json-with-sidecars",
        "v2-classic-checkpoint-json", "v2-checkpoint-json", "basic_partitioned",
        "table-with-dv-small", "table-with-geo"),
    [](const auto& info) {
      std::string n = info.param;
      std::replace_if(
          n.begin(), n.end(), [](char c) { return !std::isalnum(c); }, '_');
      return n;
    });

TEST(StreamedSnapshotTest, FilteredScanPrunesAndSkipsLikeInMemory) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string path = test::ExtractedTablePath("dv-partitioned-with-checkpoint");
  ASSERT_FALSE(path.empty());
  auto table = Table::ForLocation(path, EngineWithThreads(2));
  ASSERT_TRUE(table.ok());
  auto a = table->LatestSnapshot();
  auto b = table->LatestSnapshot(Streamed());
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_FALSE((*b)->has_file_list());
  // Filter on the partition value of some file: the other partitions are pruned.
  auto all = Scan::Make(*a, {});
  ASSERT_TRUE(all.ok());
  auto files = (*all)->Files();
  ASSERT_TRUE(files.ok() && !files->empty());
  const auto& [part, value] = *files->front().partition_values.begin();
  ScanOptions options;
  options.filter = expr::Eq(expr::Col(part), expr::Lit(value));
  auto pa = PlanAll(*a, options);
  auto pb = PlanAll(*b, options);
  ASSERT_TRUE(pa.ok()) << pa.status().ToString();
  ASSERT_TRUE(pb.ok()) << pb.status().ToString();
  EXPECT_GT(pa->counts.pruned_by_partition, 0);
  EXPECT_EQ(Sorted(pa->files), Sorted(pb->files));
  ExpectSameCounts(pa->counts, pb->counts);
}

#ifdef DELTA_TABLE_GEN
// A table delta-table-gen writes from `spec` into a temporary directory, removed again when
// this goes out of scope (also when an assertion ends the test early). `path` is "" on failure.
struct GeneratedTable {
  GeneratedTable(const std::string& name, const std::string& spec) {
    fs::path dir =
        fs::temp_directory_path() / ("delta-streamed-" + std::to_string(::getpid()) + "-" + name);
    std::string data = spec.find("--data") == std::string::npos ? " --data fake" : "";
    std::string cmd = std::string(DELTA_TABLE_GEN) + " --quiet --force --seed 7" + data + " " +
                      spec + " " + dir.string();
    if (std::system(cmd.c_str()) != 0) {
      ADD_FAILURE() << "failed: " << cmd;
      return;
    }
    path = dir.string();
  }
  ~GeneratedTable() {
    std::error_code ignored;
    if (!path.empty()) fs::remove_all(path, ignored);
  }
  GeneratedTable(const GeneratedTable&) = delete;
  GeneratedTable& operator=(const GeneratedTable&) = delete;

  std::string path;
};

struct GeneratedCase {
  const char* name;
  const char* spec;
};

class GeneratedStreamedTest : public ::testing::TestWithParam<GeneratedCase> {};

// Commits after the checkpoint remove files the checkpoint holds: the streamed scan must drop
// exactly those, and its order must not depend on the number of threads.
TEST_P(GeneratedStreamedTest, MatchesInMemoryAndIsDeterministic) {
  GeneratedTable t(GetParam().name, GetParam().spec);
  ASSERT_FALSE(t.path.empty());
  ExpectStreamedMatchesInMemory(t.path);

  std::vector<std::string> first;
  for (int threads : {1, 2, 4}) {
    auto snap = Load(t.path, threads);
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    auto planned = PlanAll(*snap);
    ASSERT_TRUE(planned.ok()) << planned.status().ToString();
    if (threads == 1) {
      first = planned->files;
    } else {
      EXPECT_EQ(planned->files, first) << threads << " threads";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Checkpoints, GeneratedStreamedTest,
    ::testing::Values(GeneratedCase{"classic",
                                    "--files 3000 --commits 30 --removes 20 --checkpoint classic "
                                    "--checkpoint-interval 20 --partitioned 3"},
                      GeneratedCase{"multipart",
                                    "--files 3000 --commits 30 --removes 20 "
                                    "--checkpoint multipart:4 --checkpoint-interval 20"},
                      GeneratedCase{"v2sidecars",
                                    "--files 3000 --commits 30 --removes 20 "
                                    "--checkpoint v2-parquet --sidecars 3 "
                                    "--checkpoint-interval 20 --stats off"},
                      GeneratedCase{
                          "v2inline",
                          "--files 2000 --commits 25 --removes 10 "
                          "--checkpoint v2-parquet --sidecars 0 --checkpoint-interval 20"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(StreamedSnapshotTest, RefreshKeepsStreamingAndSeesNewRemoves) {
  GeneratedTable t("refresh",
                   "--files 2000 --commits 30 --removes 25 "
                   "--checkpoint multipart:2 --checkpoint-interval 20");
  const std::string& path = t.path;
  ASSERT_FALSE(path.empty());
  auto table = Table::ForLocation(path, EngineWithThreads(2));
  ASSERT_TRUE(table.ok());
  auto old = table->SnapshotAtVersion(22, Streamed());
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  ASSERT_FALSE((*old)->has_file_list());
  auto refreshed = (*old)->Refresh();
  ASSERT_TRUE(refreshed.ok()) << refreshed.status().ToString();
  EXPECT_FALSE((*refreshed)->has_file_list());
  auto latest = table->LatestSnapshot();
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ((*refreshed)->version(), (*latest)->version());
  auto pa = PlanAll(*latest);
  auto pb = PlanAll(*refreshed);
  ASSERT_TRUE(pa.ok() && pb.ok());
  EXPECT_EQ(Sorted(pa->files), Sorted(pb->files));
  EXPECT_EQ(pb->files.size(), (*latest)->files().size());
}

// Reading rows: the data reads run on the same pool as the streamed listing (one thread
// included, where a queued listing step must be taken over by the consumer).
TEST(StreamedSnapshotTest, ExecuteScanReadsEveryLiveRow) {
  GeneratedTable t("rows",
                   "--files 120 --commits 12 --removes 25 --rows-per-file 7 "
                   "--columns 3 --checkpoint multipart:3 "
                   "--checkpoint-interval 8 --data real");
  ASSERT_FALSE(t.path.empty());
  for (int threads : {1, 2}) {
    auto engine = EngineWithThreads(threads);
    auto table = Table::ForLocation(t.path, engine);
    ASSERT_TRUE(table.ok());
    auto in_memory = table->LatestSnapshot();
    auto streamed = table->LatestSnapshot(Streamed());
    ASSERT_TRUE(in_memory.ok() && streamed.ok());
    ASSERT_FALSE((*streamed)->has_file_list());
    int64_t live = static_cast<int64_t>((*in_memory)->files().size());
    ASSERT_GT(live, 0);
    auto scan = Scan::Make(*streamed, {});
    ASSERT_TRUE(scan.ok());
    auto rows = ExecuteScan(*scan, engine);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    auto read = test::ReadStream(*rows);
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_EQ((*read)->num_rows(), live * 7) << threads << " threads";
  }
}

// The scan's ScanFiles own the checkpoint batch their views point into: they stay valid after
// the iterator, the scan and the snapshot are gone.
TEST(StreamedSnapshotTest, ScanFilesOutliveTheirScan) {
  GeneratedTable t("owner",
                   "--files 500 --commits 5 --checkpoint classic "
                   "--checkpoint-interval 3");
  ASSERT_FALSE(t.path.empty());
  std::vector<ScanFile> kept;
  {
    auto snap = Load(t.path, 2);
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    auto scan = Scan::Make(*snap, {});
    ASSERT_TRUE(scan.ok());
    auto files = (*scan)->Files();
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    kept = std::move(*files);
  }
  ASSERT_EQ(kept.size(), 500u);
  for (const ScanFile& f : kept) {
    ASSERT_FALSE(f.path.empty());
    // The location is the table root joined with the (decoded) log path.
    EXPECT_NE(f.location.find(std::string(f.path.substr(0, 8))), std::string::npos) << f.path;
  }
}

// A checkpoint part that goes bad after the snapshot was loaded: the scan reports it, naming
// the file, and never returns a partial listing as if it were complete.
TEST(StreamedSnapshotTest, CorruptCheckpointPartFailsTheScanNamingTheFile) {
  GeneratedTable t("corrupt",
                   "--files 2000 --commits 4 --checkpoint multipart:2 "
                   "--checkpoint-interval 3");
  ASSERT_FALSE(t.path.empty());
  auto snap = Load(t.path, 2);
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ASSERT_FALSE((*snap)->has_file_list());
  std::string part;
  for (const auto& e : fs::directory_iterator(fs::path(t.path) / "_delta_log")) {
    std::string name = e.path().filename().string();
    if (name.find(".checkpoint.0000000002.0000000002.parquet") != std::string::npos) {
      part = e.path().string();
    }
  }
  ASSERT_FALSE(part.empty());
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    out << "PAR1 this is not a Parquet file any more PAR1";
  }
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok());
  auto it = (*scan)->FileIterator();
  Status error;
  size_t n = 0;
  while (true) {
    auto f = it->Next();
    if (!f.ok()) {
      error = f.status();
      break;
    }
    if (!*f) break;
    ++n;
  }
  ASSERT_FALSE(error.ok()) << "listed " << n << " files from a corrupt checkpoint";
  EXPECT_NE(error.message().find("checkpoint.0000000002.0000000002.parquet"), std::string::npos)
      << error.ToString();
  // Sticky: the iterator keeps reporting the error.
  auto again = it->Next();
  EXPECT_FALSE(again.ok());
  auto files = (*scan)->Files();
  EXPECT_FALSE(files.ok());
}
#endif  // DELTA_TABLE_GEN

}  // namespace
}  // namespace delta
