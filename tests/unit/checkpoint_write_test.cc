// Writing checkpoints through the public API (delta/checkpoint.h) on in-memory storage with the
// default engine: a snapshot read from the checkpoint alone equals the one replayed from JSON;
// _last_checkpoint and its checksum; tombstone retention; v2 checkpoints with sidecars; the
// automatic checkpoint after a commit; failures that leave the table as it was.
#include "delta/checkpoint.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/fault_injecting_file_system.h"
#include "delta/memory_file_system.h"
#include "delta/schema.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "log/checkpoint_schema.h"
#include "log/last_checkpoint.h"
#include "log/log_path.h"
#include "support/checkpoint_table.h"
#include "util/md5.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///ckpt";
constexpr std::string_view kSchema = test::kIdPartSchema;
constexpr int64_t kNow = 1'700'000'000'000;  // commit times and "now" of the tests
constexpr int64_t kDay = 24LL * 3600 * 1000;

WrittenFile File(std::string path, std::optional<std::string> part, int64_t rows) {
  return test::IdPartFile(std::move(path), std::move(part), rows);
}

std::string LogName(int64_t v, const char* suffix) { return FormatVersion(v) + suffix; }

class CheckpointWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    engine_ = *MakeDefaultEngine(fs_, opts);
  }

  Table table() const { return *Table::ForLocation(kRoot, engine_); }
  std::string Log(const std::string& name) const {
    return std::string(kRoot) + "/_delta_log/" + name;
  }

  std::shared_ptr<const Snapshot> Latest() const {
    auto s = table().LatestSnapshot();
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : nullptr;
  }

  TransactionOptions Options(int64_t at) const {
    TransactionOptions o;
    o.clock_ms = at;
    o.checkpoint_on_interval = auto_checkpoint_;
    return o;
  }

  // Version 0: the table, with `features` as writer features (table features protocol).
  void Create(std::map<std::string, std::string> configuration = {},
              std::vector<std::string> features = {"domainMetadata"}) {
    auto txn = Transaction::BeginCreate(table(), Options(kNow));
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    Protocol p;
    p.min_reader_version = 1;
    p.min_writer_version = 7;
    p.writer_features = features;
    for (const std::string& f : features) {
      if (f == "v2Checkpoint" || f == "deletionVectors") {
        p.min_reader_version = 3;
        if (!p.reader_features) p.reader_features = std::vector<std::string>{};
        p.reader_features->push_back(f);
      }
    }
    ASSERT_TRUE((*txn)->UpdateProtocol(p).ok());
    Metadata m;
    m.schema_string = std::string(kSchema);
    m.partition_columns = {"part"};
    m.configuration = std::move(configuration);
    m.created_time = kNow;
    ASSERT_TRUE((*txn)->UpdateMetadata(m).ok());
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  // Commits `adds`, removes the live files named in `removes`, at time `at`.
  Result<CommitResult> Commit(std::vector<WrittenFile> adds, std::vector<std::string> removes = {},
                              int64_t at = kNow) {
    auto snapshot = Latest();
    DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(snapshot, Options(at)));
    if (!adds.empty()) DELTA_RETURN_NOT_OK(txn->AddFiles(adds));
    for (const AddFile& live : snapshot->files()) {
      for (const std::string& r : removes) {
        if (live.path == r) DELTA_RETURN_NOT_OK(txn->RemoveLiveFile(live));
      }
    }
    return txn->Commit();
  }

  // Five versions: appends, a removal two weeks ago and one today, an app id, a domain.
  void BuildHistory() {
    Create();
    ASSERT_TRUE(
        Commit({File("part=a/f1.parquet", "a", 10), File("part=b/f2.parquet", "b", 5)}).ok());
    ASSERT_TRUE(
        Commit({File("part=a/f3.parquet", "a", 7)}, {"part=a/f1.parquet"}, kNow - 14 * kDay).ok());
    {
      auto txn = *Transaction::Begin(Latest(), Options(kNow));
      WrittenFile f = File("part=c/f4.parquet", std::nullopt, 3);
      ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
      ASSERT_TRUE(txn->SetAppTransaction("stream-1", 42).ok());
      ASSERT_TRUE(txn->SetDomainMetadata({"app.owner", R"({"team":"x"})", false}).ok());
      ASSERT_TRUE(txn->Commit().ok());
    }
    ASSERT_TRUE(Commit({}, {"part=b/f2.parquet"}, kNow - kDay).ok());
  }

  // Deletes every commit and checksum file up to `version`: only the checkpoint is left.
  void DropCommitsThrough(int64_t version) {
    for (int64_t v = 0; v <= version; ++v) {
      ASSERT_TRUE(fs_->Delete(Log(LogName(v, ".json"))).ok());
      ASSERT_TRUE(fs_->Delete(Log(LogName(v, ".crc"))).ok());
    }
  }

  static std::map<std::string, std::string> FilesOf(const Snapshot& s) {
    std::map<std::string, std::string> out;
    for (const AddFile& a : s.files()) {
      std::string parts;
      for (const PartitionValue& p : a.partition_values) {
        parts += std::string(p.column) + "=" + (p.value ? std::string(*p.value) : "null") + ";";
      }
      out[std::string(a.path)] = parts + "|" + std::to_string(a.size) + "|" +
                                 std::to_string(a.modification_time) + "|" +
                                 (a.data_change ? "1" : "0") + "|" + std::string(a.stats);
    }
    return out;
  }

  static void ExpectSameState(const Snapshot& json, const Snapshot& ckpt) {
    EXPECT_EQ(ckpt.version(), json.version());
    EXPECT_EQ(ckpt.protocol(), json.protocol());
    EXPECT_EQ(ckpt.metadata(), json.metadata());
    EXPECT_EQ(ckpt.set_transactions(), json.set_transactions());
    EXPECT_EQ(ckpt.domain_metadata(), json.domain_metadata());
    EXPECT_EQ(FilesOf(ckpt), FilesOf(json));
    EXPECT_EQ(ckpt.total_bytes(), json.total_bytes());
  }

  std::shared_ptr<MemoryFileSystem> mem_ = std::make_shared<MemoryFileSystem>();
  std::shared_ptr<FaultInjectingFileSystem> fs_ = std::make_shared<FaultInjectingFileSystem>(mem_);
  std::shared_ptr<Engine> engine_;
  bool auto_checkpoint_ = false;
};

TEST(LastCheckpointChecksum, MatchesTheProtocolExample) {
  const std::string json =
      R"({"k0":"'v 0'", "checksum": "adsaskfljadfkjadfkj", "k1":{"k2": 2, "k3": ["v3", [1, 2], )"
      R"({"k4": "v4", "k5": ["v5", "v6", "v7"]}]}})";
  EXPECT_EQ(*CanonicalChecksumJson(json),
            R"("k0"="%27v%200%27","k1"+"k2"=2,"k1"+"k3"+0="v3","k1"+"k3"+1+0=1,)"
            R"("k1"+"k3"+1+1=2,"k1"+"k3"+2+"k4"="v4","k1"+"k3"+2+"k5"+0="v5",)"
            R"("k1"+"k3"+2+"k5"+1="v6","k1"+"k3"+2+"k5"+2="v7")");
  EXPECT_EQ(*LastCheckpointChecksum(json), "6a92d155a59bf2eecbd4b4ec7fd1f875");
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  // Padding that spills into a second block, and an exact block.
  EXPECT_EQ(Md5Hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
  EXPECT_EQ(Md5Hex(std::string(64, 'a')), "014842d480b571495a4a0363793f7367");
  EXPECT_EQ(Md5Hex(std::string(1000, 'a')), "cabe45dcc9ae5b66ba86600cca6b8ba8");
  EXPECT_FALSE(LastCheckpointChecksum("{not json").ok());
}

TEST(LastCheckpointChecksum, EncodedFileCarriesItsOwnChecksum) {
  LastCheckpointInfo info;
  info.version = 12;
  info.size = 30;
  info.size_in_bytes = 4567;
  info.num_of_add_files = 20;
  const std::string json = EncodeLastCheckpoint(info);
  EXPECT_EQ(json.substr(0, json.find(",\"checksum\"")),
            R"({"version":12,"size":30,"sizeInBytes":4567,"numOfAddFiles":20)");
  EXPECT_NE(json.find("\"checksum\":\"" +
                      Md5Hex(R"("numOfAddFiles"=20,"size"=30,)"
                             R"("sizeInBytes"=4567,"version"=12)") +
                      "\"}"),
            std::string::npos);
}

TEST_F(CheckpointWriteTest, ClassicCheckpointAloneRebuildsTheSnapshot) {
  BuildHistory();
  auto json = Latest();
  ASSERT_EQ(json->version(), 4);
  ASSERT_FALSE(json->checkpoint_version().has_value());
  CheckpointOptions options;
  options.now_ms = kNow;
  options.batch_rows = 2;  // several batches
  std::vector<CheckpointProgress> progress;
  options.on_progress = [&](const CheckpointProgress& p) { progress.push_back(p); };
  auto r = WriteCheckpoint(*json, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 4);
  EXPECT_EQ(r->kind, CheckpointKind::kClassic);
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].location, Log(LogName(4, ".checkpoint.parquet")));
  EXPECT_EQ(r->num_of_add_files, 2);  // f3, f4
  // f2 was removed a day ago (kept: retention is a week); f1 two weeks ago (expired).
  EXPECT_EQ(r->num_of_tombstones, 1);
  // protocol, metaData, one txn, one domain, two adds, one remove.
  EXPECT_EQ(r->actions, 7);
  EXPECT_EQ(r->files[0].actions, 7);
  EXPECT_EQ(r->size_in_bytes, (*fs_->Head(r->files[0].location)).size);
  EXPECT_TRUE(r->last_checkpoint_updated);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back().actions_written, 7);
  EXPECT_EQ(progress.back().actions_total, 7);
  EXPECT_EQ(progress.back().files_written, 1);
  EXPECT_EQ(progress.size(), 5u);  // batches of 2, 2, 2, 1, then the file

  DropCommitsThrough(4);
  auto ckpt = Latest();
  ASSERT_NE(ckpt, nullptr);
  EXPECT_EQ(ckpt->checkpoint_version(), 4);
  ExpectSameState(*json, *ckpt);
  EXPECT_EQ(ckpt->set_transactions().at("stream-1").version, 42);
  EXPECT_EQ(ckpt->domain_metadata().at("app.owner").configuration, R"({"team":"x"})");
}

TEST_F(CheckpointWriteTest, LastCheckpointRecordsTheCheckpoint) {
  BuildHistory();
  CheckpointOptions options;
  options.now_ms = kNow;
  auto r = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto text = mem_->ReadFile(Log("_last_checkpoint"));
  ASSERT_TRUE(text.ok());
  LastCheckpointInfo want;
  want.version = 4;
  want.size = 7;
  want.size_in_bytes = r->size_in_bytes;
  want.num_of_add_files = 2;
  // checkpointSchema: the classic checkpoint's columns, as a Delta schema.
  CheckpointActionSet v1 = CheckpointActionSet::All();
  v1.checkpoint_metadata = v1.sidecar = false;
  want.checkpoint_schema = *CheckpointSchemaJson(CheckpointWriteSchema(v1));
  EXPECT_EQ(*text, EncodeLastCheckpoint(want));
  EXPECT_NE(text->find("\"checksum\":\"" + *LastCheckpointChecksum(*text) + "\""),
            std::string::npos);
  auto schema = ParseSchema(*want.checkpoint_schema);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  std::vector<std::string> columns;
  for (const StructField& f : (*schema)->fields()) columns.push_back(f.name);
  EXPECT_EQ(columns, (std::vector<std::string>{"txn", "add", "remove", "metaData", "protocol",
                                               "domainMetadata"}));
  const StructField* add = (*schema)->field("add");
  ASSERT_NE(add, nullptr);
  EXPECT_EQ(add->type->ToJson().find("stats_parsed"), std::string::npos);
  // An older checkpoint afterwards leaves the hint at the newer one.
  auto older = WriteCheckpoint(table(), 2, options);
  ASSERT_TRUE(older.ok()) << older.status().ToString();
  EXPECT_FALSE(older->last_checkpoint_updated);
  EXPECT_EQ(*mem_->ReadFile(Log("_last_checkpoint")), *text);
}

TEST_F(CheckpointWriteTest, MultiPartCheckpointWhenAskedForParts) {
  BuildHistory();
  auto json = Latest();
  CheckpointOptions options;
  options.now_ms = kNow;
  options.part_size = 3;  // 7 actions: parts of 3, 3 and 1
  auto r = WriteCheckpoint(*json, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, CheckpointKind::kClassic);
  EXPECT_EQ(r->parts, 3);
  ASSERT_EQ(r->files.size(), 3u);
  const std::vector<int64_t> rows = {3, 3, 1};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(r->files[i].location, Log(LogName(4, ".checkpoint.000000000") +
                                        std::to_string(i + 1) + ".0000000003.parquet"));
    EXPECT_EQ(r->files[i].actions, rows[i]);
  }
  EXPECT_EQ(r->actions, 7);
  auto hint = mem_->ReadFile(Log("_last_checkpoint"));
  ASSERT_TRUE(hint.ok());
  EXPECT_EQ(hint->substr(0, hint->find(",\"sizeInBytes\"")), R"({"version":4,"size":7,"parts":3)");
  // A part size at least the action count writes one file.
  options.part_size = 100;
  auto single = WriteCheckpoint(table(), 2, options);
  ASSERT_TRUE(single.ok()) << single.status().ToString();
  EXPECT_EQ(single->parts, 1);
  ASSERT_EQ(single->files.size(), 1u);
  EXPECT_EQ(single->files[0].location, Log(LogName(2, ".checkpoint.parquet")));
  DropCommitsThrough(4);
  auto ckpt = Latest();
  ASSERT_NE(ckpt, nullptr);
  EXPECT_EQ(ckpt->checkpoint_version(), 4);
  ExpectSameState(*json, *ckpt);
}

TEST_F(CheckpointWriteTest, TombstonesFollowTheRetention) {
  BuildHistory();
  CheckpointOptions options;
  options.now_ms = kNow + 30 * kDay;  // both removals expired
  auto r = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_of_tombstones, 0);
  EXPECT_EQ(r->actions, 6);
}

TEST_F(CheckpointWriteTest, TombstoneRetentionIsTheTableProperty) {
  Create({{"delta.deletedFileRetentionDuration", "interval 30 days"}});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 1), File("part=a/f2.parquet", "a", 2)}).ok());
  ASSERT_TRUE(Commit({}, {"part=a/f1.parquet"}, kNow - 20 * kDay).ok());
  ASSERT_TRUE(Commit({}, {"part=a/f2.parquet"}, kNow - 40 * kDay).ok());
  CheckpointOptions options;
  options.now_ms = kNow;
  auto r = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_of_add_files, 0);
  EXPECT_EQ(r->num_of_tombstones, 1);  // f1's; f2's is older than 30 days
}

TEST_F(CheckpointWriteTest, CheckpointOfACheckpointKeepsItsTombstones) {
  BuildHistory();
  CheckpointOptions options;
  options.now_ms = kNow;
  ASSERT_TRUE(WriteCheckpoint(table(), 3, options).ok());
  // Commit 4 removed f2 a day ago and commit 5 removes f3 now; f1's tombstone (two weeks old)
  // has expired.
  ASSERT_TRUE(Commit({File("part=a/f5.parquet", "a", 1)}, {"part=a/f3.parquet"}).ok());
  auto json = Latest();
  auto r = WriteCheckpoint(*json, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 5);
  EXPECT_EQ(r->num_of_add_files, 2);   // f4, f5
  EXPECT_EQ(r->num_of_tombstones, 2);  // f2 and f3
  DropCommitsThrough(5);
  ExpectSameState(*json, *Latest());
}

// The names of the fields of the `add` column of a checkpoint file, as stored.
std::vector<std::string> AddFieldNames(Engine& engine, const std::string& location) {
  FileInfo info;
  info.location = location;
  auto schema = engine.parquet().ReadSchema(info);
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  std::vector<std::string> names;
  if (!schema.ok()) return names;
  const ArrowSchema* root = schema->get();
  for (int64_t i = 0; i < root->n_children; ++i) {
    if (std::string(root->children[i]->name) != "add") continue;
    const ArrowSchema* add = root->children[i];
    for (int64_t j = 0; j < add->n_children; ++j) names.push_back(add->children[j]->name);
  }
  return names;
}

TEST_F(CheckpointWriteTest, StatsAsStructOnly) {
  Create({{"delta.checkpoint.writeStatsAsStruct", "true"},
          {"delta.checkpoint.writeStatsAsJson", "false"}});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 10), File("part=__HIVE_DEFAULT_PARTITION__/"
                                                               "f2.parquet",
                                                               std::nullopt, 4)})
                  .ok());
  auto json = Latest();
  auto r = WriteCheckpoint(*json);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> names = AddFieldNames(*engine_, r->files[0].location);
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[names.size() - 2], "stats_parsed");
  EXPECT_EQ(names.back(), "partitionValues_parsed");
  // _last_checkpoint's checkpointSchema names the struct columns too (readers plan with it).
  auto hint = mem_->ReadFile(Log("_last_checkpoint"));
  ASSERT_TRUE(hint.ok());
  const std::string stats_parsed =
      R"({"name":"stats_parsed","type":{"type":"struct","fields":[{"name":"numRecords",)"
      R"("type":"long","nullable":true,"metadata":{}},)";
  EXPECT_NE(hint->find(stats_parsed), std::string::npos) << *hint;
  EXPECT_NE(hint->find(R"({"name":"partitionValues_parsed","type":{"type":"struct","fields":)"
                       R"([{"name":"part","type":"string","nullable":true,"metadata":{}}]})"),
            std::string::npos)
      << *hint;
  DropCommitsThrough(1);
  // The reader renders the JSON statistics back from the struct: the same text.
  ExpectSameState(*json, *Latest());
}

TEST_F(CheckpointWriteTest, StatsAsStructOfEveryStatsType) {
  auto field = [](const char* name, const std::string& type) {
    return std::string(R"({"name":")") + name + R"(","type":)" + type +
           R"(,"nullable":true,"metadata":{}})";
  };
  const std::string schema =
      R"({"type":"struct","fields":[)" + field("b", R"("byte")") + "," + field("s", R"("short")") +
      "," + field("i", R"("integer")") + "," + field("l", R"("long")") + "," +
      field("f", R"("float")") + "," + field("d", R"("double")") + "," +
      field("str", R"("string")") + "," + field("dt", R"("date")") + "," +
      field("ts", R"("timestamp")") + "," + field("dec", R"x("decimal(10,2)")x") + "," +
      field("flag", R"("boolean")") + "," + field("bin", R"("binary")") + "," +
      field("n", R"({"type":"struct","fields":[)" + field("x", R"("integer")") + "]}") + "," +
      field("pi", R"("integer")") + "," + field("pd", R"("date")") + "]}";
  {
    auto txn = Transaction::BeginCreate(table(), Options(kNow));
    ASSERT_TRUE(txn.ok()) << txn.status().ToString();
    Protocol p;
    ASSERT_TRUE((*txn)->UpdateProtocol(p).ok());
    Metadata m;
    m.schema_string = schema;
    m.partition_columns = {"pi", "pd"};
    m.configuration = {{"delta.checkpoint.writeStatsAsStruct", "true"},
                       {"delta.checkpoint.writeStatsAsJson", "false"}};
    ASSERT_TRUE((*txn)->UpdateMetadata(m).ok());
    auto r = (*txn)->Commit();
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  WrittenFile f;
  f.path = "pi=7/pd=2026-05-06/f.parquet";
  f.partition_values = {{"pi", "7"}, {"pd", "2026-05-06"}};
  f.size = 123;
  f.modification_time = 456;
  f.num_records = 3;
  f.stats =
      R"({"numRecords":3,"minValues":{"b":-1,"s":-2,"i":-3,"l":-4,"f":-1.5,"d":-2.25,"str":"a",)"
      R"("dt":"2026-01-02","ts":"2026-01-02T03:04:05.123Z","dec":-12.34,"n":{"x":-7}},)"
      R"("maxValues":{"b":1,"s":2,"i":3,"l":4000000000,"f":1.5,"d":2.25,"str":"zz",)"
      R"("dt":"2026-12-31","ts":"2026-12-31T23:59:59.999Z","dec":12.34,"n":{"x":7}},)"
      R"("nullCount":{"b":0,"s":0,"i":0,"l":0,"f":0,"d":0,"str":1,"dt":0,"ts":0,"dec":0,)"
      R"("flag":2,"bin":3,"n":{"x":0}},"tightBounds":false})";
  {
    auto txn = *Transaction::Begin(Latest(), Options(kNow));
    ASSERT_TRUE(txn->AddFiles({&f, 1}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto json = Latest();
  auto r = WriteCheckpoint(*json);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  DropCommitsThrough(1);
  auto ckpt = Latest();
  ASSERT_EQ(ckpt->files().size(), 1u);
  // Rendered back from the struct: the same values (the protocol's JSON forms).
  EXPECT_EQ(std::string(ckpt->files()[0].stats),
            R"({"numRecords":3,"minValues":{"b":-1,"s":-2,"i":-3,"l":-4,"f":-1.5,"d":-2.25,)"
            R"("str":"a","dt":"2026-01-02","ts":"2026-01-02T03:04:05.123Z","dec":-12.34,)"
            R"("n":{"x":-7}},"maxValues":{"b":1,"s":2,"i":3,"l":4000000000,"f":1.5,"d":2.25,)"
            R"("str":"zz","dt":"2026-12-31","ts":"2026-12-31T23:59:59.999Z","dec":12.34,)"
            R"("n":{"x":7}},"nullCount":{"b":0,"s":0,"i":0,"l":0,"f":0,"d":0,"str":1,"dt":0,)"
            R"("ts":0,"dec":0,"flag":2,"bin":3,"n":{"x":0}},"tightBounds":false})");
  EXPECT_EQ(FilesOf(*ckpt), FilesOf(*json));
}

TEST_F(CheckpointWriteTest, StatsAsStructAndJson) {
  Create({{"delta.checkpoint.writeStatsAsStruct", "true"}});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 10)}).ok());
  auto json = Latest();
  auto r = WriteCheckpoint(*json);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::string> names = AddFieldNames(*engine_, r->files[0].location);
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[names.size() - 2], "stats_parsed");
  DropCommitsThrough(1);
  ExpectSameState(*json, *Latest());
}

TEST_F(CheckpointWriteTest, ExistingCheckpointIsNotOverwritten) {
  BuildHistory();
  CheckpointOptions options;
  options.now_ms = kNow;
  auto first = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(first.ok());
  auto again = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(again.status().IsAlreadyExists()) << again.status().ToString();
  EXPECT_EQ((*fs_->Head(first->files[0].location)).size, first->files[0].size_in_bytes);
}

TEST_F(CheckpointWriteTest, FailedCheckpointLeavesTheTableAsItWas) {
  BuildHistory();
  CheckpointOptions options;
  options.now_ms = kNow;
  ASSERT_TRUE(WriteCheckpoint(table(), 2, options).ok());
  const std::string hint = *mem_->ReadFile(Log("_last_checkpoint"));
  auto before = Latest();
  for (FsOp op : {FsOp::kOpenForCreate, FsOp::kStreamWrite, FsOp::kStreamClose}) {
    SCOPED_TRACE(std::string(FsOpName(op)));
    fs_->ClearRules();
    fs_->FailNth(op, ".checkpoint.parquet");
    auto r = WriteCheckpoint(table(), std::nullopt, options);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.status().IsIoError()) << r.status().ToString();
    EXPECT_NE(r.status().message().find(LogName(4, ".checkpoint.parquet")), std::string::npos)
        << r.status().ToString();
    EXPECT_FALSE(mem_->Head(Log(LogName(4, ".checkpoint.parquet"))).ok());
    EXPECT_EQ(*mem_->ReadFile(Log("_last_checkpoint")), hint);
    auto after = Latest();
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(after->checkpoint_version(), 2);
    ExpectSameState(*before, *after);
  }
  // A _last_checkpoint that cannot be written is a warning: the checkpoint itself is there.
  fs_->ClearRules();
  fs_->FailNth(FsOp::kWrite, "_last_checkpoint");
  auto r = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->last_checkpoint_updated);
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(Latest()->checkpoint_version(), 4);
}

TEST_F(CheckpointWriteTest, V2CheckpointWithSidecars) {
  Create({{"delta.checkpointPolicy", "v2"}}, {"domainMetadata", "v2Checkpoint"});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 10), File("part=b/f2.parquet", "b", 5),
                      File("part=b/f3.parquet", "b", 2)})
                  .ok());
  ASSERT_TRUE(Commit({}, {"part=b/f2.parquet"}).ok());
  auto json = Latest();
  CheckpointOptions options;
  options.now_ms = kNow;
  options.actions_per_sidecar = 2;
  auto r = WriteCheckpoint(*json, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->kind, CheckpointKind::kV2);
  // The checkpoint, then two sidecars: (f1, f3) and (the f2 tombstone).
  ASSERT_EQ(r->files.size(), 3u);
  auto name = std::string(FileNameOf(r->files[0].location));
  auto parsed = ParseLogFileName(name);
  ASSERT_TRUE(parsed.has_value()) << name;
  EXPECT_EQ(parsed->type, LogFileType::kV2Checkpoint);
  EXPECT_EQ(parsed->version, 2);
  EXPECT_FALSE(parsed->is_json);
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(r->files[i].location.rfind(Log("_sidecars/"), 0), 0u) << r->files[i].location;
  }
  EXPECT_EQ(r->files[1].actions, 2);
  EXPECT_EQ(r->files[2].actions, 1);
  // checkpointMetadata, protocol, metaData, two sidecar actions.
  EXPECT_EQ(r->files[0].actions, 5);
  EXPECT_EQ(r->actions, 8);
  // The manifest's schema: no add or remove column, sidecar and checkpointMetadata instead.
  auto hint = mem_->ReadFile(Log("_last_checkpoint"));
  ASSERT_TRUE(hint.ok());
  CheckpointActionSet manifest = CheckpointActionSet::All();
  manifest.add = manifest.remove = false;
  EXPECT_NE(hint->find(R"("checkpointSchema":)" +
                       *CheckpointSchemaJson(CheckpointWriteSchema(manifest)) + ","),
            std::string::npos)
      << *hint;
  EXPECT_EQ(hint->find(R"("name":"add")"), std::string::npos);
  EXPECT_NE(hint->find(R"("name":"sidecar")"), std::string::npos);
  DropCommitsThrough(2);
  auto ckpt = Latest();
  ASSERT_NE(ckpt, nullptr);
  EXPECT_EQ(ckpt->checkpoint_version(), 2);
  ExpectSameState(*json, *ckpt);
}

TEST_F(CheckpointWriteTest, V2CheckpointReusesSidecarsAfterAppends) {
  Create({{"delta.checkpointPolicy", "v2"}}, {"domainMetadata", "v2Checkpoint"});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 10), File("part=b/f2.parquet", "b", 5)}).ok());
  ASSERT_TRUE(Commit({}, {"part=b/f2.parquet"}).ok());
  CheckpointOptions options;
  options.now_ms = kNow;
  auto first = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->files.size(), 2u);  // the checkpoint, one sidecar (f1, f2's tombstone)
  EXPECT_EQ(first->sidecars_reused, 0);
  const int64_t old_sidecar_bytes = first->files[1].size_in_bytes;

  ASSERT_TRUE(Commit({File("part=a/f3.parquet", "a", 3)}).ok());
  ASSERT_TRUE(Commit({File("part=c/f4.parquet", "c", 4)}).ok());
  auto json = Latest();
  auto r = WriteCheckpoint(*json, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->sidecars_reused, 1);
  ASSERT_EQ(r->files.size(), 2u);  // the checkpoint and a sidecar of f3 and f4 only
  EXPECT_EQ(r->files[1].actions, 2);
  EXPECT_EQ(r->files[0].actions, 5);  // checkpointMetadata, protocol, metaData, two sidecars
  EXPECT_EQ(r->num_of_add_files, 3);
  EXPECT_EQ(r->num_of_tombstones, 1);
  EXPECT_EQ(r->actions, 5 + 2 + 2);  // the reused sidecar's two rows count too
  EXPECT_EQ(r->size_in_bytes,
            r->files[0].size_in_bytes + r->files[1].size_in_bytes + old_sidecar_bytes);
  DropCommitsThrough(4);
  ExpectSameState(*json, *Latest());

  // WriteCheckpoint(Table) streams the previous checkpoint and decides sidecar by sidecar: a
  // remove of f1 rules out the sidecar holding f1 (and f2's tombstone), not the one of f3, f4
  // (which is not too small to stand alone: a 16th of actions_per_sidecar).
  options.actions_per_sidecar = 8;
  ASSERT_TRUE(Commit({}, {"part=a/f1.parquet"}).ok());
  auto again = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->sidecars_reused, 1);
  ASSERT_EQ(again->files.size(), 2u);
  EXPECT_EQ(again->files[1].actions, 2);  // the tombstones of f1 and f2
  EXPECT_EQ(again->num_of_add_files, 2);
  EXPECT_EQ(again->num_of_tombstones, 2);
  EXPECT_EQ(again->actions, 5 + 2 + 2);

  // A tombstone that expired since rules out the sidecar holding it.
  ASSERT_TRUE(Commit({File("part=a/f5.parquet", "a", 5)}).ok());
  options.now_ms = kNow + 30 * kDay;
  auto expired = WriteCheckpoint(table(), std::nullopt, options);
  ASSERT_TRUE(expired.ok()) << expired.status().ToString();
  EXPECT_EQ(expired->sidecars_reused, 1);  // f3, f4's again
  EXPECT_EQ(expired->num_of_tombstones, 0);
  EXPECT_EQ(expired->num_of_add_files, 3);
  ASSERT_EQ(expired->files.size(), 2u);
  EXPECT_EQ(expired->files[1].actions, 1);  // f5
  auto json_now = Latest();
  DropCommitsThrough(6);
  ExpectSameState(*json_now, *Latest());
}

TEST_F(CheckpointWriteTest, V2CheckpointAsAJsonManifest) {
  Create({{"delta.checkpointPolicy", "v2"}}, {"domainMetadata", "v2Checkpoint"});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 10), File("part=b/f2.parquet", "b", 5)}).ok());
  ASSERT_TRUE(Commit({}, {"part=b/f2.parquet"}).ok());
  auto json = Latest();
  for (bool sidecars : {true, false}) {
    CheckpointOptions options;
    options.now_ms = kNow;
    options.v2_json_manifest = true;
    options.v2_sidecars = sidecars;
    options.cleanup_expired_logs = false;
    auto r = WriteCheckpoint(*json, options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->kind, CheckpointKind::kV2);
    auto parsed = ParseLogFileName(std::string(FileNameOf(r->files[0].location)));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->type, LogFileType::kV2Checkpoint);
    EXPECT_TRUE(parsed->is_json);
    auto text = mem_->ReadFile(r->files[0].location);
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(text->rfind(R"({"checkpointMetadata":{"version":2)", 0), 0u) << *text;
    // checkpointMetadata, protocol, metaData, then one sidecar or the add and the tombstone.
    EXPECT_EQ(r->files[0].actions, sidecars ? 4 : 5);
    EXPECT_EQ(r->files[0].size_in_bytes, static_cast<int64_t>(text->size()));
    EXPECT_EQ(r->files.size(), sidecars ? 2u : 1u);
    auto hint = mem_->ReadFile(Log("_last_checkpoint"));
    ASSERT_TRUE(hint.ok());
    EXPECT_EQ(hint->find("checkpointSchema"), std::string::npos);
    // The reader takes it alone.
    auto table_now = table();
    auto ckpt = table_now.SnapshotAtVersion(2);
    ASSERT_TRUE(ckpt.ok()) << ckpt.status().ToString();
    EXPECT_EQ((*ckpt)->checkpoint_version(), 2);
    // Only one checkpoint per run is chosen; remove this one before the next kind.
    if (sidecars) {
      ASSERT_TRUE(mem_->Delete(r->files[0].location).ok());
    } else {
      DropCommitsThrough(2);
      ExpectSameState(*json, *Latest());
    }
  }
}

TEST_F(CheckpointWriteTest, V2CheckpointWithoutSidecars) {
  Create({{"delta.checkpointPolicy", "v2"}}, {"domainMetadata", "v2Checkpoint"});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 10)}).ok());
  auto json = Latest();
  CheckpointOptions options;
  options.v2_sidecars = false;
  auto r = WriteCheckpoint(*json, options);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->actions, 4);  // checkpointMetadata, protocol, metaData, add
  DropCommitsThrough(1);
  ExpectSameState(*json, *Latest());
}

TEST_F(CheckpointWriteTest, CommitsCheckpointEveryInterval) {
  auto_checkpoint_ = true;
  Create({{"delta.checkpointInterval", "2"}});
  auto r1 = Commit({File("part=a/f1.parquet", "a", 1)});
  ASSERT_TRUE(r1.ok());
  EXPECT_FALSE(r1->checkpoint_version.has_value());
  auto r2 = Commit({File("part=a/f2.parquet", "a", 2)});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(r2->checkpoint_version, 2);
  EXPECT_TRUE(r2->warnings.empty());
  EXPECT_TRUE(mem_->Head(Log(LogName(2, ".checkpoint.parquet"))).ok());
  auto r3 = Commit({File("part=a/f3.parquet", "a", 3)});
  ASSERT_TRUE(r3.ok());
  EXPECT_FALSE(mem_->Head(Log(LogName(3, ".checkpoint.parquet"))).ok());
  ASSERT_TRUE(Commit({File("part=a/f4.parquet", "a", 4)}).ok());
  EXPECT_TRUE(mem_->Head(Log(LogName(4, ".checkpoint.parquet"))).ok());
  EXPECT_EQ(Latest()->checkpoint_version(), 4);
  EXPECT_EQ(Latest()->files().size(), 4u);

  // Turned off: no checkpoint.
  auto_checkpoint_ = false;
  ASSERT_TRUE(Commit({File("part=a/f5.parquet", "a", 5)}).ok());
  ASSERT_TRUE(Commit({File("part=a/f6.parquet", "a", 6)}).ok());
  EXPECT_FALSE(mem_->Head(Log(LogName(6, ".checkpoint.parquet"))).ok());
}

TEST_F(CheckpointWriteTest, FailedAutomaticCheckpointDoesNotFailTheCommit) {
  auto_checkpoint_ = true;
  Create({{"delta.checkpointInterval", "2"}});
  ASSERT_TRUE(Commit({File("part=a/f1.parquet", "a", 1)}).ok());
  fs_->FailNth(FsOp::kStreamClose, ".checkpoint.parquet");
  auto r = Commit({File("part=a/f2.parquet", "a", 2)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 2);
  EXPECT_FALSE(r->checkpoint_version.has_value());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].rfind("checkpoint at version 2 not written: ", 0), 0u) << r->warnings[0];
  EXPECT_FALSE(mem_->Head(Log("_last_checkpoint")).ok());
  EXPECT_EQ(Latest()->version(), 2);
  EXPECT_EQ(Latest()->files().size(), 2u);
}

}  // namespace
}  // namespace delta
