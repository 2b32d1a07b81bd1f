// Streamed checkpoints (WriteCheckpoint of a FileListMode::kStreamed snapshot): the previous
// checkpoint's adds are read batch by batch and reconciled against the newer commits' keys.
// The checkpoint written that way holds exactly the actions the in-memory path writes (removes,
// re-adds, deletion vectors, tombstones inside and outside the retention, txn and domain
// metadata; classic, multi-part, v2 with sidecars, inline and as a JSON manifest), and holds
// at most a few batches of file actions at once. V2 sidecars no newer commit touched are named
// again instead of being rewritten.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "delta/checkpoint.h"
#include "delta/default_engine.h"
#include "delta/json_writer.h"
#include "delta/memory_file_system.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "log/checkpoint_decoder.h"
#include "log/log_path.h"
#include "protocol/action_json.h"
#include "support/checkpoint_table.h"
#include "support/memory_table.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///stream";
constexpr std::string_view kSchema = test::kIdPartSchema;
constexpr int64_t kNow = 1'700'000'000'000;
constexpr int64_t kDay = 24LL * 3600 * 1000;

WrittenFile File(std::string path, std::optional<std::string> part, int64_t rows) {
  return test::IdPartFile(std::move(path), std::move(part), rows);
}

// How the checkpoints of a case are written.
struct Shape {
  const char* name;
  bool v2 = false;
  CheckpointOptions options;
  std::map<std::string, std::string> configuration;
};

std::vector<Shape> Shapes() {
  std::vector<Shape> shapes;
  shapes.push_back({"classic", false, {}, {}});
  Shape multipart{"multipart", false, {}, {}};
  multipart.options.part_size = 3;
  shapes.push_back(multipart);
  Shape sidecars{"v2sidecars", true, {}, {{"delta.checkpointPolicy", "v2"}}};
  sidecars.options.actions_per_sidecar = 2;
  shapes.push_back(sidecars);
  Shape inline_v2{"v2inline", true, {}, {{"delta.checkpointPolicy", "v2"}}};
  inline_v2.options.v2_sidecars = false;
  shapes.push_back(inline_v2);
  Shape manifest{"v2json", true, {}, {{"delta.checkpointPolicy", "v2"}}};
  manifest.options.v2_json_manifest = true;
  shapes.push_back(manifest);
  Shape structs{"structstats", false, {}, {}};
  structs.configuration = {{"delta.checkpoint.writeStatsAsStruct", "true"},
                           {"delta.checkpoint.writeStatsAsJson", "false"}};
  shapes.push_back(structs);
  for (Shape& s : shapes) {
    s.options.now_ms = kNow;
    s.options.cleanup_expired_logs = false;
    s.options.batch_rows = 2;
  }
  return shapes;
}

void PrintTo(const Shape& shape, std::ostream* os) { *os << shape.name; }

class CheckpointStreamTest : public test::MemoryTableTest {
 protected:
  CheckpointStreamTest() : MemoryTableTest(kRoot) {}

  TransactionOptions Options(int64_t at) const {
    TransactionOptions o;
    o.clock_ms = at;
    o.checkpoint_on_interval = false;
    return o;
  }

  void Create(const Shape& shape) {
    auto txn = Transaction::BeginCreate(table(), Options(kNow));
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    Protocol p;
    p.min_reader_version = 3;
    p.min_writer_version = 7;
    p.writer_features = {"domainMetadata", "deletionVectors"};
    p.reader_features = std::vector<std::string>{"deletionVectors"};
    if (shape.v2) {
      p.writer_features->push_back("v2Checkpoint");
      p.reader_features->push_back("v2Checkpoint");
    }
    ASSERT_TRUE((*txn)->UpdateProtocol(p).ok());
    Metadata m;
    m.schema_string = std::string(kSchema);
    m.partition_columns = {"part"};
    m.configuration = shape.configuration;
    m.created_time = kNow;
    ASSERT_TRUE((*txn)->UpdateMetadata(m).ok());
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // Adds `adds`, removes the live files named in `removes`, at `at`.
  void Commit(std::vector<WrittenFile> adds, std::vector<std::string> removes = {},
              int64_t at = kNow) {
    auto snapshot = Latest();
    auto txn = Transaction::Begin(snapshot, Options(at));
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    if (!adds.empty()) {
      ASSERT_TRUE((*txn)->AddFiles(adds).ok());
    }
    for (const AddFile& live : snapshot->files()) {
      for (const std::string& r : removes) {
        if (live.path == r) {
          ASSERT_TRUE((*txn)->RemoveLiveFile(live).ok());
        }
      }
    }
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // Gives the live file `path` a deletion vector (remove + add with the DV, as DELETE does).
  void AddDeletionVector(const std::string& path, const std::string& dv_id) {
    auto snapshot = Latest();
    auto txn = *Transaction::Begin(snapshot, Options(kNow));
    for (const AddFile& live : snapshot->files()) {
      if (live.path != path) continue;
      ASSERT_TRUE(txn->RemoveLiveFile(live).ok());
      DeletionVectorDescriptor dv;
      dv.storage_type = 'u';
      dv.path_or_inline = dv_id;
      dv.offset = 1;
      dv.size_in_bytes = 40;
      dv.cardinality = 2;
      AddFile with = live;
      with.deletion_vector = &dv;
      ASSERT_TRUE(txn->AddAction(with).ok());
    }
    auto r = txn->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // The checkpoint's actions as sorted JSON lines, sidecars' rows in place of the sidecar
  // actions, checkpointMetadata left out (a v2 checkpoint's only row naming itself).
  std::vector<std::string> Content(const CheckpointResult& r) {
    std::vector<std::string> lines;
    auto add_all = [&](ActionBatch& b) {
      auto line = [&](const auto& action) {
        JsonWriter w;
        EncodeJsonAction(action, &w);
        lines.push_back(w.Take());
      };
      if (b.protocol) line(*b.protocol);
      if (b.metadata) line(*b.metadata);
      for (const auto& t : b.txns) line(t);
      for (const auto& d : b.domain_metadata) line(d);
      for (const auto& a : b.adds) line(a);
      for (const auto& x : b.removes) line(x);
    };
    std::vector<SidecarFile> sidecars;
    std::vector<ActionBatch> keep;
    const size_t top = r.kind == CheckpointKind::kV2 ? 1 : r.files.size();
    for (size_t i = 0; i < top; ++i) {
      ActionBatch b;
      const std::string& location = r.files[i].location;
      if (location.ends_with(".json")) {
        std::string data = *mem_->ReadFile(location);
        EXPECT_TRUE(ParseJsonActions(&data, location, &b).ok());
      } else {
        FileInfo f;
        f.location = location;
        f.size = r.files[i].size_in_bytes;
        auto read = ReadCheckpointFile(*engine_, f);
        EXPECT_TRUE(read.ok()) << read.status().ToString();
        b = std::move(*read);
      }
      add_all(b);
      for (const SidecarFile& s : b.sidecars) {
        FileInfo f;
        f.location = Log("_sidecars/" + std::string(s.path));
        f.size = s.size_in_bytes;
        auto read = ReadCheckpointFile(*engine_, f);
        EXPECT_TRUE(read.ok()) << read.status().ToString();
        add_all(*read);
      }
    }
    std::sort(lines.begin(), lines.end());
    return lines;
  }

  // Deletes the checkpoint `r` wrote (not the sidecars it reused) and `_last_checkpoint`.
  void Forget(const CheckpointResult& r) {
    for (const CheckpointFileWritten& f : r.files) ASSERT_TRUE(mem_->Delete(f.location).ok());
    ASSERT_TRUE(mem_->Delete(Log("_last_checkpoint")).ok());
  }
};

class CheckpointStreamShapes : public CheckpointStreamTest,
                               public ::testing::WithParamInterface<Shape> {};

TEST_P(CheckpointStreamShapes, StreamedEqualsInMemory) {
  const Shape& shape = GetParam();
  Create(shape);
  Commit({File("part=a/f1.parquet", "a", 10), File("part=b/f2.parquet", "b", 5),
          File("part=a/f3.parquet", "a", 7), File("part=b/f4.parquet", "b", 3),
          File("part=c/f5.parquet", "c", 4)});
  Commit({}, {"part=b/f2.parquet"}, kNow - 14 * kDay);  // outside the retention by now
  Commit({}, {"part=a/f3.parquet"}, kNow - kDay);       // inside
  {
    auto txn = *Transaction::Begin(Latest(), Options(kNow));
    ASSERT_TRUE(txn->SetAppTransaction("stream-1", 7).ok());
    ASSERT_TRUE(txn->SetDomainMetadata({"app.owner", R"({"team":"x"})", false}).ok());
    ASSERT_TRUE(txn->SetDomainMetadata({"app.gone", R"({})", false}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  // The previous checkpoint, at version 4.
  CheckpointOptions first_options = shape.options;
  first_options.v2_json_manifest = false;  // a JSON manifest is read whole, never streamed
  auto first = WriteCheckpoint(*Latest(), first_options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  // After it: removes, a re-add of a removed file, deletion vectors, a txn, domains.
  Commit({File("part=c/f6.parquet", "c", 6)}, {"part=a/f1.parquet"}, kNow - 10 * kDay);
  Commit({File("part=a/f3.parquet", "a", 7)});  // re-added: its tombstone goes
  AddDeletionVector("part=b/f4.parquet", "vBn[lx{q8@P<9BNH/isA");
  AddDeletionVector("part=b/f4.parquet", "wBn[lx{q8@P<9BNH/isA");  // a second DV replaces it
  {
    auto txn = *Transaction::Begin(Latest(), Options(kNow));
    ASSERT_TRUE(txn->SetAppTransaction("stream-1", 8).ok());
    ASSERT_TRUE(txn->SetDomainMetadata({"app.gone", R"({})", true}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  Commit({File("part=d/f7.parquet", "d", 2)}, {"part=c/f5.parquet"}, kNow - kDay);

  auto in_memory = WriteCheckpoint(*Latest(), shape.options);
  ASSERT_TRUE(in_memory.ok()) << in_memory.status().ToString();
  const std::vector<std::string> expected = Content(*in_memory);
  Forget(*in_memory);

  auto streamed_snapshot = Latest(FileListMode::kStreamed);
  ASSERT_FALSE(streamed_snapshot->has_file_list());
  auto streamed = WriteCheckpoint(*streamed_snapshot, shape.options);
  ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
  EXPECT_EQ(Content(*streamed), expected);
  EXPECT_EQ(streamed->version, 10);
  EXPECT_EQ(streamed->num_of_add_files, in_memory->num_of_add_files);
  EXPECT_EQ(streamed->num_of_add_files, 4);  // f3, f4 (with its DV), f6, f7
  EXPECT_EQ(streamed->num_of_tombstones, in_memory->num_of_tombstones);
  // f4 without and with its first DV, f5 (a day ago); not f1 (10 days), f2 (14), nor the
  // re-added f3.
  EXPECT_EQ(streamed->num_of_tombstones, 3);
  EXPECT_EQ(streamed->actions, in_memory->actions);
  EXPECT_EQ(streamed->parts, in_memory->parts);
  EXPECT_TRUE(streamed->last_checkpoint_updated);
  // Read back from the checkpoint alone, through the streamed and the in-memory replay.
  auto back = Latest();
  EXPECT_EQ(back->checkpoint_version(), 10);
  EXPECT_EQ(back->files().size(), 4u);
}

// 3000 files in a previous checkpoint of six 500-row files; then 1% of them replaced.
class CheckpointStreamScaleTest : public CheckpointStreamTest {
 protected:
  // A v2 table with sidecars of 500 actions (read in batches of 100) and its first
  // checkpoint, in memory, of 3000 files: the checkpoint and six sidecars.
  CheckpointResult SixSidecars(Shape* shape) {
    *shape = Shapes()[2];  // v2 with sidecars
    shape->options.actions_per_sidecar = 500;
    shape->options.batch_rows = 100;
    Create(*shape);
    Commit(Files(0, 3000));
    auto first = WriteCheckpoint(*Latest(), shape->options);
    EXPECT_TRUE(first.ok()) << first.status().ToString();
    EXPECT_EQ(first.ok() ? first->files.size() : 0u, 7u);
    return first.ok() ? *first : CheckpointResult();
  }

  std::vector<WrittenFile> Files(int from, int count) {
    std::vector<WrittenFile> files;
    for (int i = from; i < from + count; ++i) {
      files.push_back(File("part=a/g" + std::to_string(i) + ".parquet", "a", 1 + i % 50));
    }
    return files;
  }
};

TEST_F(CheckpointStreamScaleTest, IncrementalV2RewritesOnlyTheChangedSidecar) {
  Shape shape;
  const CheckpointResult first_result = SixSidecars(&shape);
  ASSERT_EQ(first_result.files.size(), 7u);
  const CheckpointResult* first = &first_result;
  EXPECT_GE(first->max_file_actions_held, 3000);  // the in-memory file list
  // 30 files of the first sidecar replaced by 30 new ones.
  FileInfo sidecar;
  sidecar.location = first->files[1].location;
  sidecar.size = first->files[1].size_in_bytes;
  auto rows = ReadCheckpointFile(*engine_, sidecar);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->adds.size(), 500u);
  std::vector<std::string> removed;
  for (size_t i = 0; i < 30; ++i) removed.push_back(std::string(rows->adds[i * 10].path));
  Commit(Files(5000, 30), removed);

  auto in_memory = WriteCheckpoint(*Latest(), shape.options);
  ASSERT_TRUE(in_memory.ok()) << in_memory.status().ToString();
  EXPECT_EQ(in_memory->sidecars_reused, 0);  // the in-memory path reuses after appends only
  const std::vector<std::string> expected = Content(*in_memory);
  Forget(*in_memory);

  auto r = WriteCheckpoint(table(), std::nullopt, shape.options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Content(*r), expected);
  EXPECT_EQ(r->sidecars_reused, 5);
  // The checkpoint; the commit's 30 adds and 30 tombstones; the first sidecar's other 470.
  ASSERT_EQ(r->files.size(), 3u);
  EXPECT_EQ(r->files[0].actions, 1 + 2 + 7);  // checkpointMetadata, protocol, metaData, sidecars
  EXPECT_EQ(r->files[1].actions, 60);
  EXPECT_EQ(r->files[2].actions, 470);
  EXPECT_EQ(r->num_of_add_files, 3000);
  EXPECT_EQ(r->num_of_tombstones, 30);
  EXPECT_EQ(r->actions, 10 + 3000 + 30);
  int64_t reused_bytes = 0;
  for (size_t i = 2; i < 7; ++i) reused_bytes += first->files[i].size_in_bytes;
  EXPECT_EQ(r->size_in_bytes, r->files[0].size_in_bytes + r->files[1].size_in_bytes +
                                  r->files[2].size_in_bytes + reused_bytes);
  // Never all 3000: the 30 removes read, the 30 commit adds, and at most one 500-row batch per
  // thread (two pool threads and the caller).
  EXPECT_LE(r->max_file_actions_held, 30 + 30 + 3 * 500);
  EXPECT_GE(r->max_file_actions_held, 30 + 30 + 500);
  auto back = Latest();
  EXPECT_EQ(back->checkpoint_version(), 2);
  EXPECT_EQ(back->files().size(), 3000u);
}

// The reuse decision reads each previous sidecar's add keys alone (path and deletion vector
// id): a sidecar whose add a newer commit gave another deletion vector is found touched by the
// DV in its key, and rewritten; the others are named again.
TEST_F(CheckpointStreamScaleTest, IncrementalV2FindsTheSidecarOfAReplacedDeletionVector) {
  Shape shape;
  const CheckpointResult first_result = SixSidecars(&shape);
  ASSERT_EQ(first_result.files.size(), 7u);
  const CheckpointResult* first = &first_result;
  FileInfo third;
  third.location = first->files[3].location;
  third.size = first->files[3].size_in_bytes;
  auto rows = ReadCheckpointFile(*engine_, third);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  const std::string path(rows->adds[7].path);

  // The file gets a first DV: the third sidecar holds it without one, and is rewritten.
  AddDeletionVector(path, "vBn[lx{q8@P<9BNH/isA");
  auto second = WriteCheckpoint(table(), std::nullopt, shape.options);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->sidecars_reused, 5);
  ASSERT_EQ(second->files.size(), 3u);
  EXPECT_EQ(second->files[1].actions, 2);    // the add with the DV and the tombstone
  EXPECT_EQ(second->files[2].actions, 499);  // the third sidecar without the file

  // A second DV replaces the first: only the sidecar holding (path, first DV) is touched.
  AddDeletionVector(path, "wBn[lx{q8@P<9BNH/isA");
  auto in_memory = WriteCheckpoint(*Latest(), shape.options);
  ASSERT_TRUE(in_memory.ok()) << in_memory.status().ToString();
  const std::vector<std::string> expected = Content(*in_memory);
  Forget(*in_memory);
  auto r = WriteCheckpoint(table(), std::nullopt, shape.options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Content(*r), expected);
  EXPECT_EQ(r->sidecars_reused, 6);  // five of the first checkpoint, the 499-row one
  ASSERT_EQ(r->files.size(), 2u);
  // The add with the second DV, the tombstones of the file without a DV and with the first.
  EXPECT_EQ(r->files[1].actions, 3);
  EXPECT_EQ(r->num_of_add_files, 3000);
  EXPECT_EQ(r->num_of_tombstones, 2);
  // The sidecars it names: the reused ones by name, then the one it wrote.
  FileInfo top;
  top.location = r->files[0].location;
  top.size = r->files[0].size_in_bytes;
  auto top_rows = ReadCheckpointFile(*engine_, top);
  ASSERT_TRUE(top_rows.ok()) << top_rows.status().ToString();
  std::vector<std::string> named;
  for (const SidecarFile& sc : top_rows->sidecars) named.push_back(std::string(sc.path));
  std::vector<std::string> want;
  for (size_t i : {1, 2, 4, 5, 6}) {
    want.push_back(std::string(FileNameOf(first->files[i].location)));
  }
  want.push_back(std::string(FileNameOf(second->files[2].location)));
  want.push_back(std::string(FileNameOf(r->files[1].location)));
  std::sort(named.begin(), named.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(named, want);
}

TEST_F(CheckpointStreamScaleTest, ClassicHoldsOneBatchAtATime) {
  Shape shape = Shapes()[1];  // multi-part classic
  shape.options.part_size = 500;
  shape.options.batch_rows = 100;
  Create(shape);
  Commit(Files(0, 3000));
  auto first = WriteCheckpoint(*Latest(), shape.options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->parts, 7);  // 3002 rows
  Commit(Files(5000, 30), {"part=a/g7.parquet", "part=a/g8.parquet"});
  int64_t last_total = -1;
  shape.options.on_progress = [&](const CheckpointProgress& p) { last_total = p.actions_total; };
  auto r = WriteCheckpoint(table(), std::nullopt, shape.options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->parts, 7);  // 2 + 3028 + 2 tombstones = 3032 rows
  EXPECT_EQ(r->num_of_add_files, 3028);
  EXPECT_EQ(r->num_of_tombstones, 2);
  EXPECT_EQ(r->actions, 3032);
  EXPECT_EQ(last_total, 0);  // not known ahead for a streamed snapshot
  // The parts are written one after another: one part's batch, the 2 removes, the 30 adds.
  EXPECT_EQ(r->max_file_actions_held, 2 + 30 + 500);
  auto back = Latest();
  EXPECT_EQ(back->checkpoint_version(), 2);
  EXPECT_EQ(back->files().size(), 3028u);
}

TEST_F(CheckpointStreamScaleTest, SmallSidecarsDoNotMultiply) {
  Shape shape = Shapes()[2];  // v2 with sidecars
  shape.options.actions_per_sidecar = 100;
  Create(shape);
  std::vector<int64_t> named;  // sidecars each checkpoint names
  std::vector<int64_t> reused;
  for (int i = 0; i < 8; ++i) {
    Commit(Files(i, 1));
    auto r = WriteCheckpoint(table(), std::nullopt, shape.options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    named.push_back(static_cast<int64_t>(r->files.size()) - 1 + r->sidecars_reused);
    reused.push_back(r->sidecars_reused);
    EXPECT_EQ(r->num_of_add_files, i + 1);
  }
  // One-row sidecars are reused while there are at most four, then merged into one.
  EXPECT_EQ(named, (std::vector<int64_t>{1, 2, 3, 4, 5, 1, 2, 3}));
  EXPECT_EQ(reused, (std::vector<int64_t>{0, 1, 2, 3, 4, 0, 1, 2}));
  EXPECT_EQ(Latest()->files().size(), 8u);
}

INSTANTIATE_TEST_SUITE_P(Checkpoints, CheckpointStreamShapes, ::testing::ValuesIn(Shapes()),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace delta
