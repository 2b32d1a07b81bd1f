// Snapshot construction and action reconciliation on logs built in memory.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "delta/snapshot.h"
#include "delta/table.h"
#include "log/log_segment.h"
#include "log/replay.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::AddJson;
using testing::CommitInfoJson;
using testing::DvJson;
using testing::LogBuilder;
using testing::MetadataJson;
using testing::ProtocolJson;
using testing::RemoveJson;

std::set<std::string> LivePaths(const Snapshot& s) {
  std::set<std::string> out;
  for (const AddFile& f : s.files()) {
    std::string key(f.path);
    if (f.deletion_vector) key += "#" + f.deletion_vector->UniqueId();
    out.insert(key);
  }
  return out;
}

TEST(SnapshotTest, ReconcilesAddsAndRemoves) {
  LogBuilder b;
  b.Commit(0, {CommitInfoJson(1000), ProtocolJson(), MetadataJson(), AddJson("a", 10),
               AddJson("b", 20)});
  b.Commit(1, {CommitInfoJson(2000), RemoveJson("a"), AddJson("c", 30)});
  b.Commit(2, {CommitInfoJson(3000), AddJson("a", 11)});  // re-added
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ((*snap)->version(), 2);
  EXPECT_EQ(LivePaths(**snap), (std::set<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*snap)->total_bytes(), 61);
  ASSERT_TRUE((*snap)->commit_info().has_value());
  EXPECT_EQ((*snap)->commit_info()->operation, "WRITE");
  EXPECT_EQ((*snap)->commit_info()->operation_parameters.at("mode"), "Append");

  auto v1 = b.table().SnapshotAtVersion(1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(LivePaths(**v1), (std::set<std::string>{"b", "c"}));
  EXPECT_EQ((*v1)->total_bytes(), 50);
}

TEST(SnapshotTest, DeletionVectorIsPartOfTheFileKey) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(
                   3, 7,
                   R"(,"readerFeatures":["deletionVectors"],"writerFeatures":["deletionVectors"])"),
               MetadataJson(), AddJson("f", 10)});
  // Delete rows: remove (f, none), add (f, dv1).
  b.Commit(1, {RemoveJson("f"), AddJson("f", 10, DvJson("dv1"))});
  // Delete more rows: remove (f, dv1), add (f, dv2).
  b.Commit(2, {RemoveJson("f", DvJson("dv1")), AddJson("f", 10, DvJson("dv2", 2))});
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  ASSERT_EQ((*snap)->files().size(), 1u);
  const AddFile& f = (*snap)->files()[0];
  ASSERT_NE(f.deletion_vector, nullptr);
  EXPECT_EQ(f.deletion_vector->path_or_inline, "dv2");
  EXPECT_EQ(f.deletion_vector->cardinality, 2);
}

TEST(SnapshotTest, LatestProtocolMetadataTxnAndDomainsWin) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(1, 2), MetadataJson(R"({"k":"v0"})"),
               R"({"txn":{"appId":"app","version":1}})",
               R"({"domainMetadata":{"domain":"d1","configuration":"{}","removed":false}})",
               R"({"domainMetadata":{"domain":"d2","configuration":"x","removed":false}})"});
  b.Commit(1, {ProtocolJson(1, 3), MetadataJson(R"({"k":"v1"})"),
               R"({"txn":{"appId":"app","version":7,"lastUpdated":99}})",
               R"({"txn":{"appId":"other","version":2}})",
               R"({"domainMetadata":{"domain":"d1","configuration":"{}","removed":true}})"});
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ((*snap)->protocol().min_writer_version, 3);
  EXPECT_EQ((*snap)->properties().at("k"), "v1");
  ASSERT_EQ((*snap)->set_transactions().size(), 2u);
  EXPECT_EQ((*snap)->set_transactions().at("app").version, 7);
  EXPECT_EQ((*snap)->set_transactions().at("app").last_updated, 99);
  ASSERT_EQ((*snap)->domain_metadata().size(), 1u);
  EXPECT_EQ((*snap)->domain_metadata().at("d2").configuration, "x");
}

TEST(SnapshotTest, MissingProtocolOrMetadataIsInvalidTable) {
  LogBuilder no_protocol;
  no_protocol.Commit(0, {MetadataJson(), AddJson("a")});
  auto s1 = no_protocol.table().LatestSnapshot();
  ASSERT_FALSE(s1.ok());
  EXPECT_EQ(s1.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(s1.status().message().find("no protocol action"), std::string::npos);

  LogBuilder no_metadata;
  no_metadata.Commit(0, {ProtocolJson(), AddJson("a")});
  auto s2 = no_metadata.table().LatestSnapshot();
  ASSERT_FALSE(s2.ok());
  EXPECT_EQ(s2.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(s2.status().message().find("no metaData action"), std::string::npos);
}

TEST(SnapshotTest, UnsupportedReaderFeatureIsRefusedByName) {
  LogBuilder b;
  b.Commit(
      0, {ProtocolJson(
              3, 7,
              R"(,"readerFeatures":["someFutureFeature"],"writerFeatures":["someFutureFeature"])"),
          MetadataJson()});
  auto snap = b.table().LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(snap.status().message().find("someFutureFeature"), std::string::npos);
}

TEST(SnapshotTest, UnknownWriterFeatureDoesNotBlockReads) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(1, 7, R"(,"writerFeatures":["someFutureWriterFeature"])"),
               MetadataJson(), AddJson("a")});
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ((*snap)->files().size(), 1u);
}

TEST(SnapshotTest, ReaderVersionBeyondKnownIsUnsupported) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(99, 7), MetadataJson()});
  auto snap = b.table().LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(snap.status().message().find("99"), std::string::npos);
}

TEST(SnapshotTest, InvalidJsonNamesFileAndLine) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson()});
  b.Commit(1, {AddJson("a"), R"({"add":{"path":"b", "size": )"});
  auto snap = b.table().LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(snap.status().message().find("00000000000000000001.json"), std::string::npos)
      << snap.status().message();
  EXPECT_NE(snap.status().message().find("line 2"), std::string::npos) << snap.status().message();
}

TEST(SnapshotTest, WrongActionShapeIsInvalidTable) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), R"({"add":"not an object"})"});
  auto s = b.table().LatestSnapshot();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(s.status().message().find("'add'"), std::string::npos) << s.status().message();

  LogBuilder c;
  c.Commit(0, {ProtocolJson(), MetadataJson(), R"({"add":{"path":"x","size":"big"}})"});
  auto t = c.table().LatestSnapshot();
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("add.size"), std::string::npos) << t.status().message();

  LogBuilder d;
  d.Commit(0, {ProtocolJson(), MetadataJson(), R"([1,2,3])"});
  auto u = d.table().LatestSnapshot();
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.status().code(), StatusCode::kInvalidTable);
}

TEST(SnapshotTest, UnknownActionsAreIgnored) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), R"({"futureAction":{"x":1}})", AddJson("a")});
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->get()->files().size(), 1u);
}

TEST(SnapshotTest, CanonicalPathsReconcile) {
  LogBuilder b("memory:///tbl");
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a%20b.parquet"), AddJson("keep.parquet")});
  // The same files named by an absolute URI and by a decoded-then-reencoded spelling.
  b.Commit(1, {RemoveJson("memory:///tbl/a%20b.parquet")});
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(LivePaths(**s), (std::set<std::string>{"keep.parquet"}));
  EXPECT_EQ((*s)->ResolvePath("a%20b.parquet"), "memory:///tbl/a%20b.parquet");
}

TEST(SnapshotTest, ChecksumMismatchIsAWarningAndTheLogWins) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a", 10)});
  b.LogFile("00000000000000000000.crc",
            std::string(R"({"tableSizeBytes":999,"numFiles":5,"numMetadata":1,"numProtocol":1,)") +
                R"("protocol":{"minReaderVersion":1,"minWriterVersion":2},)" + R"("metadata":)" +
                MetadataJson().substr(12, MetadataJson().size() - 13) + "}");
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->files().size(), 1u);
  EXPECT_EQ((*s)->total_bytes(), 10);
  ASSERT_EQ((*s)->warnings().size(), 2u);
  EXPECT_NE((*s)->warnings()[0].find("numFiles 5 vs 1"), std::string::npos) << (*s)->warnings()[0];
  EXPECT_NE((*s)->warnings()[1].find("tableSizeBytes 999 vs 10"), std::string::npos);
}

TEST(SnapshotTest, MalformedChecksumIsIgnored) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a", 10)});
  b.LogFile("00000000000000000000.crc", "malformed");
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ((*s)->warnings().size(), 1u);
  EXPECT_NE((*s)->warnings()[0].find("not valid JSON"), std::string::npos);
}

TEST(SnapshotTest, TimestampFromFileModificationTime) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson()}, 1000);
  b.Commit(1, {AddJson("a")}, 2000);
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->timestamp(), 2000);
}

TEST(SnapshotTest, InCommitTimestampsFromEnablementVersion) {
  LogBuilder b;
  b.Commit(0, {CommitInfoJson(1), ProtocolJson(), MetadataJson()}, 1000);
  b.Commit(1, {CommitInfoJson(2), AddJson("a")}, 2000);
  b.Commit(
      2,
      {CommitInfoJson(3, R"(,"inCommitTimestamp":5000)"),
       MetadataJson(
           R"({"delta.enableInCommitTimestamps":"true","delta.inCommitTimestampEnablementVersion":"2","delta.inCommitTimestampEnablementTimestamp":"5000"})")},
      2500);
  b.Commit(3, {CommitInfoJson(4, R"(,"inCommitTimestamp":7000)"), AddJson("b")}, 2600);
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->timestamp(), 7000);

  // Before the enablement version, file times count.
  auto at = [&](int64_t ts) { return b.table().SnapshotAtTimestamp(ts); };
  EXPECT_EQ((*at(1500))->version(), 0);
  EXPECT_EQ((*at(2000))->version(), 1);
  EXPECT_EQ((*at(4999))->version(), 1);
  EXPECT_EQ((*at(5000))->version(), 2);
  EXPECT_EQ((*at(6999))->version(), 2);
  EXPECT_EQ((*at(7000))->version(), 3);
  auto before = at(999);
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), StatusCode::kNotFound);
  EXPECT_NE(before.status().message().find("before the earliest"), std::string::npos);
  auto after = at(7001);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().code(), StatusCode::kNotFound);
  EXPECT_NE(after.status().message().find("after the latest version 3"), std::string::npos);

  auto hist = b.table().History();
  ASSERT_TRUE(hist.ok()) << hist.status().ToString();
  ASSERT_EQ(hist->size(), 4u);
  EXPECT_EQ((*hist)[0].version, 3);
  EXPECT_EQ((*hist)[0].timestamp, 7000);
  EXPECT_EQ((*hist)[3].version, 0);
  EXPECT_EQ((*hist)[3].timestamp, 1000);
  auto limited = b.table().History(2);
  ASSERT_TRUE(limited.ok());
  ASSERT_EQ(limited->size(), 2u);
  EXPECT_EQ((*limited)[1].version, 2);
  EXPECT_EQ((*limited)[1].timestamp, 5000);
}

TEST(SnapshotTest, MissingInCommitTimestampIsInvalidTable) {
  LogBuilder b;
  b.Commit(0, {CommitInfoJson(1), ProtocolJson(),
               MetadataJson(R"({"delta.enableInCommitTimestamps":"true"})")});
  auto s = b.table().LatestSnapshot();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(s.status().message().find("inCommitTimestamp"), std::string::npos);
}

TEST(SnapshotTest, FileTimesAreMadeNonDecreasingForTimeTravel) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson()}, 1000);
  b.Commit(1, {AddJson("a")}, 3000);
  b.Commit(2, {AddJson("b")}, 2000);  // clock went backwards: counts as 3000
  b.Commit(3, {AddJson("c")}, 3000);  // a tie
  auto s = b.table().SnapshotAtTimestamp(2500);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->version(), 0);
  auto t = b.table().SnapshotAtTimestamp(3000);  // ties resolve to the newest commit
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)->version(), 3);
  auto hist = b.table().History();
  ASSERT_TRUE(hist.ok());
  EXPECT_EQ((*hist)[1].version, 2);
  EXPECT_EQ((*hist)[1].timestamp, 3000);
}

TEST(SnapshotTest, RefreshReadsOnlyNewCommitsAndMatchesFullLoad) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a", 1), AddJson("b", 2)});
  b.Commit(1, {AddJson("c", 3)});
  auto s1 = b.table().LatestSnapshot();
  ASSERT_TRUE(s1.ok());
  auto same = (*s1)->Refresh();
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->get(), s1->get());  // nothing new: the same snapshot

  b.Commit(2, {RemoveJson("a"), AddJson("d", 4), R"({"txn":{"appId":"x","version":3}})"});
  b.Commit(3, {MetadataJson(R"({"new":"prop"})"), AddJson("e", 5)});
  auto s3 = (*s1)->Refresh();
  ASSERT_TRUE(s3.ok()) << s3.status().ToString();
  auto full = b.table().LatestSnapshot();
  ASSERT_TRUE(full.ok());
  EXPECT_EQ((*s3)->version(), 3);
  EXPECT_EQ(LivePaths(**s3), LivePaths(**full));
  EXPECT_EQ(LivePaths(**s3), (std::set<std::string>{"b", "c", "d", "e"}));
  EXPECT_EQ((*s3)->total_bytes(), (*full)->total_bytes());
  EXPECT_EQ((*s3)->properties().at("new"), "prop");
  EXPECT_EQ((*s3)->set_transactions().at("x").version, 3);

  auto s2 = (*s1)->Refresh(2);
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ((*s2)->version(), 2);
  EXPECT_EQ(LivePaths(**s2), (std::set<std::string>{"b", "c", "d"}));
  auto back = (*s3)->Refresh(1);
  EXPECT_FALSE(back.ok());
  EXPECT_EQ(back.status().code(), StatusCode::kInvalidArgument);
}

TEST(SnapshotTest, ResultIsIdenticalForAnyThreadCount) {
  auto build = [](int threads) {
    auto fs = std::make_shared<MemoryFileSystem>();
    DefaultEngineOptions opts;
    opts.cpu_threads = threads;
    opts.io_concurrency = threads * 4;
    auto engine = *MakeDefaultEngine(fs, opts);
    for (int v = 0; v < 60; ++v) {
      std::string data;
      if (v == 0) data += ProtocolJson() + "\n" + MetadataJson() + "\n";
      for (int i = 0; i < 20; ++i) data += AddJson("f" + std::to_string(v * 20 + i)) + "\n";
      if (v > 0) data += RemoveJson("f" + std::to_string((v - 1) * 20 + 3)) + "\n";
      (void)fs->Write("memory:///t/_delta_log/" + FormatVersion(v) + ".json", data);
    }
    auto snap = *(*Table::ForLocation("memory:///t", engine)).LatestSnapshot();
    return LivePaths(*snap);
  };
  auto one = build(1);
  EXPECT_EQ(one.size(), 60u * 20 - 59);
  EXPECT_EQ(build(2), one);
  EXPECT_EQ(build(8), one);
}

TEST(SnapshotTest, CompactionFileStandsInForItsCommits) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a", 1)});
  b.Commit(1, {AddJson("b", 2)});
  b.Commit(2, {RemoveJson("b"), AddJson("c", 3)});
  b.Commit(3, {RemoveJson("a"), AddJson("d", 4)});
  b.Commit(4, {AddJson("e", 5)});
  // Versions 1..3 compacted, listed newest first with superseded actions kept (a shape seen in
  // real logs); the first action per key in the file must win.
  b.LogFile("00000000000000000001.00000000000000000003.compacted.json",
            RemoveJson("a") + "\n" + AddJson("d", 4) + "\n" + AddJson("c", 3) + "\n" +
                RemoveJson("b") + "\n" + AddJson("b", 2) + "\n");
  // Make the commits it replaces unreadable garbage: they must not be read.
  for (int v = 1; v <= 3; ++v) b.Commit(v, {"not json"});
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(LivePaths(**s), (std::set<std::string>{"c", "d", "e"}));
  EXPECT_EQ((*s)->total_bytes(), 12);
}

TEST(SnapshotTest, ChecksumIsTheFastPathForProtocolAndMetadata) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(1, 2), MetadataJson(), AddJson("a", 10)});
  std::string crc = std::string(R"({"tableSizeBytes":10,"numFiles":1,"numMetadata":1,)") +
                    R"("numProtocol":1,"protocol":{"minReaderVersion":1,"minWriterVersion":2},)" +
                    R"("metadata":)" + MetadataJson(R"({"from":"crc"})").substr(12);
  crc.pop_back();  // drop the action wrapper's closing brace, keep the object's
  b.LogFile("00000000000000000000.crc", crc + "}");
  auto seg = BuildLogSegment(b.engine()->file_system(), b.root(), std::nullopt);
  ASSERT_TRUE(seg.ok());
  Protocol p;
  Metadata m;
  ASSERT_TRUE(LoadProtocolAndMetadata(*b.engine(), *seg, &p, &m).ok());
  EXPECT_EQ(m.configuration.at("from"), "crc");  // read from the CRC, not the commit

  // A full snapshot load replays the log, and the log wins over the CRC.
  auto s = b.table().LatestSnapshot();
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ((*s)->properties().count("from"), 0u);
  ASSERT_EQ((*s)->warnings().size(), 1u);
  EXPECT_NE((*s)->warnings()[0].find("metadata differs"), std::string::npos);

  // An unusable CRC falls back to the log.
  b.LogFile("00000000000000000000.crc", "{truncated");
  ASSERT_TRUE(LoadProtocolAndMetadata(*b.engine(), *seg, &p, &m).ok());
  EXPECT_EQ(m.configuration.count("from"), 0u);
}

}  // namespace
}  // namespace delta
