// The conflict matrix with real transactions: two transactions start from one snapshot, the
// "winner" commits first, then ours; each pair's outcome at each isolation level is the one
// Delta Spark's ConflictChecker decides for the same pair (rebased, or the named conflict).
#include <gtest/gtest.h>

#include <functional>

#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::LogBuilder;

constexpr std::string_view kSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"part","type":"string","nullable":true,"metadata":{}}]})";

WrittenFile File(const std::string& name, const std::string& part) {
  WrittenFile f;
  f.path = "part=" + part + "/" + name + ".parquet";
  f.partition_values["part"] = part;
  f.size = 10;
  f.num_records = 10;
  f.stats = R"({"numRecords":10,"minValues":{"id":0},"maxValues":{"id":9},"nullCount":{"id":0}})";
  return f;
}

const AddFile& Live(const Snapshot& s, std::string_view path) {
  for (const AddFile& f : s.files()) {
    if (f.path == path) return f;
  }
  ADD_FAILURE() << "no live file " << path;
  return s.files()[0];
}

using Op = std::function<void(Transaction&, const Snapshot&)>;

void Check(Status s) { ASSERT_TRUE(s.ok()) << s.ToString(); }

// The operations, named as in the expectations below. Each adds uniquely named files.
std::map<std::string, Op> Operations(int* counter) {
  auto fresh = [counter](const std::string& part) {
    return File("new" + std::to_string((*counter)++), part);
  };
  std::map<std::string, Op> ops;
  ops["blindAppendA"] = [=](Transaction& t, const Snapshot&) {
    WrittenFile f = fresh("a");
    Check(t.AddFiles({&f, 1}));
  };
  ops["blindAppendB"] = [=](Transaction& t, const Snapshot&) {
    WrittenFile f = fresh("b");
    Check(t.AddFiles({&f, 1}));
  };
  // Read partition b, appended to a: not blind.
  ops["readBAppendA"] = [=](Transaction& t, const Snapshot&) {
    Check(t.RecordReadPredicate(*ParseExpression("part = 'b'")));
    WrittenFile f = fresh("a");
    Check(t.AddFiles({&f, 1}));
  };
  ops["readAAppendA"] = [=](Transaction& t, const Snapshot&) {
    Check(t.RecordReadPredicate(*ParseExpression("part = 'a'")));
    WrittenFile f = fresh("a");
    Check(t.AddFiles({&f, 1}));
  };
  ops["readAllAppend"] = [=](Transaction& t, const Snapshot&) {
    t.RecordReadWholeTable();
    WrittenFile f = fresh("b");
    Check(t.AddFiles({&f, 1}));
  };
  // DELETE WHERE part = 'a': reads the partition, removes its file.
  ops["deleteA"] = [=](Transaction& t, const Snapshot& s) {
    Check(t.RecordReadPredicate(*ParseExpression("part = 'a'")));
    t.RecordReadFile("part=a/fa.parquet");
    Check(t.RemoveLiveFile(Live(s, "part=a/fa.parquet")));
  };
  ops["deleteB"] = [=](Transaction& t, const Snapshot& s) {
    Check(t.RecordReadPredicate(*ParseExpression("part = 'b'")));
    t.RecordReadFile("part=b/fb.parquet");
    Check(t.RemoveLiveFile(Live(s, "part=b/fb.parquet")));
  };
  // OPTIMIZE of partition a: reads its file, rewrites it with dataChange=false.
  ops["compactA"] = [=](Transaction& t, const Snapshot& s) {
    t.RecordReadFile("part=a/fa.parquet");
    Check(t.RemoveLiveFile(Live(s, "part=a/fa.parquet"), /*data_change=*/false));
    WrittenFile f = fresh("a");
    Check(t.AddFiles({&f, 1}, /*data_change=*/false));
  };
  ops["setProperty"] = [=](Transaction& t, const Snapshot& s) {
    Metadata m = s.metadata();
    m.configuration["user.k" + std::to_string((*counter)++)] = "v";
    Check(t.UpdateMetadata(m));
  };
  ops["appTxn"] = [=](Transaction& t, const Snapshot&) {
    Check(t.SetAppTransaction("app", (*counter)++));
    WrittenFile f = fresh("b");
    Check(t.AddFiles({&f, 1}));
  };
  return ops;
}

struct Expectation {
  const char* ours;
  const char* winner;
  // Outcome for ours at Serializable and at WriteSerializable: "ok" (rebased) or a kind.
  const char* serializable;
  const char* write_serializable;
};

// What Delta Spark decides for each pair (ConflictChecker, in its rule order).
constexpr Expectation kMatrix[] = {
    // A blind append reads nothing: only a metadata change stops it.
    {"blindAppendA", "blindAppendA", "ok", "ok"},
    {"blindAppendA", "readBAppendA", "ok", "ok"},
    {"blindAppendA", "deleteA", "ok", "ok"},
    {"blindAppendA", "compactA", "ok", "ok"},
    {"blindAppendA", "setProperty", "MetadataChanged", "MetadataChanged"},
    {"blindAppendA", "appTxn", "ok", "ok"},
    // Reading partition a: appends into a conflict (blind ones only when Serializable).
    {"readAAppendA", "blindAppendA", "ConcurrentAppend", "ok"},
    {"readAAppendA", "blindAppendB", "ok", "ok"},
    {"readAAppendA", "readBAppendA", "ConcurrentAppend", "ConcurrentAppend"},
    {"readAAppendA", "deleteA", "ConcurrentDeleteRead", "ConcurrentDeleteRead"},
    {"readAAppendA", "deleteB", "ok", "ok"},
    {"readAAppendA", "compactA", "ok", "ok"},
    {"readAAppendA", "setProperty", "MetadataChanged", "MetadataChanged"},
    // Reading the whole table: every append and delete matters.
    {"readAllAppend", "blindAppendB", "ConcurrentAppend", "ok"},
    {"readAllAppend", "readBAppendA", "ConcurrentAppend", "ConcurrentAppend"},
    {"readAllAppend", "deleteB", "ConcurrentDeleteRead", "ConcurrentDeleteRead"},
    {"readAllAppend", "compactA", "ok", "ok"},
    // A delete of partition a.
    {"deleteA", "blindAppendA", "ConcurrentAppend", "ok"},
    {"deleteA", "blindAppendB", "ok", "ok"},
    {"deleteA", "deleteA", "ConcurrentDeleteRead", "ConcurrentDeleteRead"},
    {"deleteA", "deleteB", "ok", "ok"},
    {"deleteA", "compactA", "ConcurrentDeleteDelete", "ConcurrentDeleteDelete"},
    {"deleteA", "appTxn", "ok", "ok"},
    // Compaction changes no data: checked as SnapshotIsolation, appends never conflict.
    {"compactA", "blindAppendA", "ok", "ok"},
    {"compactA", "readBAppendA", "ok", "ok"},
    {"compactA", "deleteA", "ConcurrentDeleteRead", "ConcurrentDeleteRead"},
    {"compactA", "deleteB", "ok", "ok"},
    {"compactA", "compactA", "ConcurrentDeleteDelete", "ConcurrentDeleteDelete"},
    {"compactA", "setProperty", "MetadataChanged", "MetadataChanged"},
    // A property change reads no files.
    {"setProperty", "blindAppendA", "ok", "ok"},
    {"setProperty", "deleteA", "ok", "ok"},
    {"setProperty", "setProperty", "MetadataChanged", "MetadataChanged"},
    // App transactions: a concurrent commit of the same app id.
    {"appTxn", "appTxn", "ConcurrentTransaction", "ConcurrentTransaction"},
    {"appTxn", "blindAppendA", "ok", "ok"},
};

class ConflictMatrix : public ::testing::TestWithParam<Expectation> {};

TEST_P(ConflictMatrix, OutcomeIsSparks) {
  const Expectation& e = GetParam();
  for (IsolationLevel level : {IsolationLevel::kSerializable, IsolationLevel::kWriteSerializable}) {
    SCOPED_TRACE(std::string(e.ours) + " after " + e.winner + " at " +
                 std::string(IsolationLevelName(level)));
    LogBuilder log;
    {
      auto create = Transaction::BeginCreate(log.table());
      ASSERT_TRUE(create.ok());
      Metadata m;
      m.schema_string = std::string(kSchema);
      m.partition_columns = {"part"};
      m.configuration["delta.isolationLevel"] = std::string(IsolationLevelName(level));
      Check((*create)->UpdateProtocol({}));
      Check((*create)->UpdateMetadata(m));
      WrittenFile fa = File("fa", "a"), fb = File("fb", "b");
      Check((*create)->AddFiles(std::vector<WrittenFile>{fa, fb}));
      ASSERT_TRUE((*create)->Commit().ok());
    }
    auto v0 = *log.table().LatestSnapshot();
    int counter = 1;
    auto ops = Operations(&counter);
    auto winner = *Transaction::Begin(v0);
    auto ours = *Transaction::Begin(v0);
    ops.at(e.winner)(*winner, *v0);
    ops.at(e.ours)(*ours, *v0);
    auto w = winner->Commit();
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    auto r = ours->Commit();
    std::string expected =
        level == IsolationLevel::kSerializable ? e.serializable : e.write_serializable;
    if (expected == "ok") {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->version, 2);
      EXPECT_EQ(r->rebased_over, std::vector<int64_t>{1});
    } else {
      ASSERT_FALSE(r.ok()) << "expected " << expected;
      EXPECT_EQ(r.status().code(), StatusCode::kConflict);
      EXPECT_EQ(ErrorDetailKindName(r.status().detail_kind()), expected) << r.status().ToString();
      EXPECT_EQ(r.status().detail()->version, 1);
      EXPECT_EQ((*log.table().LatestSnapshot())->version(), 1);  // nothing written
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Spark, ConflictMatrix, ::testing::ValuesIn(kMatrix),
                         [](const ::testing::TestParamInfo<Expectation>& info) {
                           return std::string(info.param.ours) + "_after_" + info.param.winner;
                         });

}  // namespace
}  // namespace delta
