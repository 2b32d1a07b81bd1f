// Writing version checksum (.crc) files: computed from the previous one and a commit, or from a
// snapshot, and checked against the files Delta Spark wrote and the snapshot's own check.
#include "log/checksum_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "delta/default_engine.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "log/log_path.h"
#include "protocol/action_json.h"
#include "support/conformance_tables.h"
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

std::string ReadLocal(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Field by field, so a failure names the field.
void ExpectSameChecksum(const VersionChecksum& got, const VersionChecksum& want,
                        const std::string& what) {
  SCOPED_TRACE(what);
  EXPECT_EQ(got.txn_id, want.txn_id);
  EXPECT_EQ(got.table_size_bytes, want.table_size_bytes);
  EXPECT_EQ(got.num_files, want.num_files);
  EXPECT_EQ(got.num_deleted_records, want.num_deleted_records);
  EXPECT_EQ(got.num_deletion_vectors, want.num_deletion_vectors);
  EXPECT_EQ(got.num_metadata, want.num_metadata);
  EXPECT_EQ(got.num_protocol, want.num_protocol);
  EXPECT_EQ(got.in_commit_timestamp, want.in_commit_timestamp);
  EXPECT_TRUE(got.protocol == want.protocol);
  EXPECT_TRUE(got.metadata == want.metadata);
  EXPECT_EQ(got.set_transactions, want.set_transactions);
  EXPECT_EQ(got.domain_metadata, want.domain_metadata);
  EXPECT_EQ(got.file_size_histogram, want.file_size_histogram);
  EXPECT_EQ(got.deleted_record_counts, want.deleted_record_counts);
}

constexpr const char* kSparkTables[] = {"v1-single-part-struct-stats-only",
                                        "v1-multi-part-struct-stats-only",
                                        "v1-multi-part-partitioned-struct-stats-only",
                                        "v2-classic-parquet-struct-stats-only",
                                        "v2-json-sidecars-struct-stats-only",
                                        "v2-parquet-sidecars-struct-stats-only"};

// Each version's checksum computed from the previous version's (as Spark wrote it) and the
// commit equals the one Spark wrote.
TEST(ChecksumWriterTest, IncrementalEqualsSparkForConformanceTables) {
  DELTA_REQUIRE_CONFORMANCE();
  int compared = 0;
  for (const char* table : kSparkTables) {
    std::string log = test::ConformanceDir() + "/tables/" + table + "/_delta_log/";
    for (int64_t v = 1; v <= 5; ++v) {
      std::string what = std::string(table) + " version " + std::to_string(v);
      auto prev = ParseVersionChecksum(ReadLocal(log + FormatVersion(v - 1) + ".crc"), what);
      auto want = ParseVersionChecksum(ReadLocal(log + FormatVersion(v) + ".crc"), what);
      ASSERT_TRUE(prev.ok()) << prev.status().ToString();
      ASSERT_TRUE(want.ok()) << want.status().ToString();
      ASSERT_TRUE(want->file_size_histogram.has_value()) << what;
      std::string commit = ReadLocal(log + FormatVersion(v) + ".json");
      ActionBatch batch;
      ASSERT_TRUE(ParseJsonActions(&commit, what, &batch).ok()) << what;
      auto got = NextVersionChecksum(*prev, batch);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ExpectSameChecksum(*got, *want, what);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 30);
}

// Each version's checksum computed from its snapshot (JSON commits for 0-4, a checkpoint for
// 5) equals the one Spark wrote, and the snapshot found nothing to warn about.
TEST(ChecksumWriterTest, FromSnapshotEqualsSparkForConformanceTables) {
  DELTA_REQUIRE_CONFORMANCE();
  auto engine = MakeDefaultEngine();
  ASSERT_TRUE(engine.ok());
  int compared = 0;
  for (const char* name : kSparkTables) {
    std::string root = test::ExtractedTablePath(std::string("tables/") + name);
    ASSERT_FALSE(root.empty()) << name;
    auto table = Table::ForLocation(test::LocalUri(root), *engine);
    ASSERT_TRUE(table.ok());
    for (int64_t v = 0; v <= 5; ++v) {
      std::string what = std::string(name) + " version " + std::to_string(v);
      auto snap = table->SnapshotAtVersion(v);
      ASSERT_TRUE(snap.ok()) << snap.status().ToString();
      EXPECT_TRUE((*snap)->warnings().empty()) << what;
      auto want =
          ParseVersionChecksum(ReadLocal(root + "/_delta_log/" + FormatVersion(v) + ".crc"), what);
      ASSERT_TRUE(want.ok()) << want.status().ToString();
      auto got = VersionChecksumFromSnapshot(**snap);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ExpectSameChecksum(*got, *want, what);
      ++compared;
    }
  }
  EXPECT_EQ(compared, 36);
}

TEST(ChecksumWriterTest, EncodeThenParseRoundTrips) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string path =
      test::ConformanceDir() + "/tables/crc-full/_delta_log/" + FormatVersion(0) + ".crc";
  auto crc = ParseVersionChecksum(ReadLocal(path), "crc-full");
  ASSERT_TRUE(crc.ok());
  std::string json = EncodeVersionChecksum(*crc);
  EXPECT_EQ(json.rfind(R"({"txnId":"29ebf587-9705-4bb4-ac40-2f02324065c8","tableSizeBytes":5259,)"
                       R"("numFiles":10,"numDeletedRecordsOpt":0,"numDeletionVectorsOpt":0,)"
                       R"("numMetadata":1,"numProtocol":1,"inCommitTimestampOpt":1694758257000,)"
                       R"("setTransactions":[{"appId":"spark-app-1","version":42,)"
                       R"("lastUpdated":1694758250000},)",
                       0),
            0u)
      << json;
  EXPECT_NE(json.find(R"("histogramOpt":{"sortedBinBoundaries":[0,8192,)"), std::string::npos);
  EXPECT_NE(json.find(R"("deletedRecordCountsHistogramOpt":{"deletedRecordCounts":[10,0,)"),
            std::string::npos);
  auto back = ParseVersionChecksum(json, "encoded");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameChecksum(*back, *crc, "round trip");
}

// A log with removes, deletion vector updates, txns and domains: every version's incremental
// checksum equals the one computed from the snapshot, and the snapshot accepts what we wrote.
TEST(ChecksumWriterTest, IncrementalEqualsFromSnapshotAcrossRemovesAndDvs) {
  LogBuilder b;
  std::vector<std::vector<std::string>> commits = {
      {CommitInfoJson(1, R"(,"txnId":"t0")"), ProtocolJson(), MetadataJson(), AddJson("a", 100),
       AddJson("b", 20000), AddJson("c", 9000000)},
      {CommitInfoJson(2, R"(,"txnId":"t1")"), R"({"txn":{"appId":"app","version":3}})",
       R"({"domainMetadata":{"domain":"d1","configuration":"{}","removed":false}})",
       RemoveJson("a", R"(,"size":100)"), AddJson("d", 50)},
      // A deletion vector on b: remove (b, no DV), add (b, DV of 12 rows).
      {CommitInfoJson(3), RemoveJson("b", R"(,"size":20000)"),
       AddJson("b", 20000, DvJson("vZ[&4Pk>O(i:h8]sF.jL", 12)),
       R"({"txn":{"appId":"app","version":4,"lastUpdated":7}})",
       R"({"domainMetadata":{"domain":"d1","configuration":"{}","removed":true}})",
       R"({"domainMetadata":{"domain":"d2","configuration":"{\"x\":1}","removed":false}})"},
      {CommitInfoJson(4), AddJson("f", 10), RemoveJson("d", R"(,"size":50)"),
       RemoveJson("b", R"(,"size":20000)" + DvJson("vZ[&4Pk>O(i:h8]sF.jL", 12))},
      // Within one commit the first action for a key wins, as in replay: e is added (the
      // remove after it is ignored), c is removed (the add after it is ignored).
      {CommitInfoJson(5), AddJson("e", 7), RemoveJson("e", R"(,"size":7)"),
       RemoveJson("c", R"(,"size":9000000)"), AddJson("c", 9000000)},
  };
  std::optional<VersionChecksum> prev;
  for (size_t v = 0; v < commits.size(); ++v) {
    b.Commit(static_cast<int64_t>(v), commits[v]);
    auto snap = b.table().LatestSnapshot();
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    auto full = VersionChecksumFromSnapshot(**snap);
    ASSERT_TRUE(full.ok()) << full.status().ToString();
    if (prev) {
      auto data = *b.fs()->ReadFile(b.root() + "/_delta_log/" + FormatVersion(v) + ".json");
      ActionBatch batch;
      ASSERT_TRUE(ParseJsonActions(&data, "commit", &batch).ok());
      auto next = NextVersionChecksum(*prev, batch);
      ASSERT_TRUE(next.ok()) << next.status().ToString();
      ExpectSameChecksum(*next, *full, "version " + std::to_string(v));
    }
    ASSERT_TRUE(WriteVersionChecksum(*b.fs(), b.root(), static_cast<int64_t>(v), *full).ok());
    prev = *full;
  }
  EXPECT_EQ(prev->num_files, 2);  // e and f
  EXPECT_EQ(prev->table_size_bytes, 17);
  EXPECT_EQ(prev->num_deletion_vectors, 0);
  EXPECT_EQ(prev->num_deleted_records, 0);
  EXPECT_EQ(prev->set_transactions->size(), 1u);
  EXPECT_EQ((*prev->set_transactions)[0].version, 4);
  ASSERT_EQ(prev->domain_metadata->size(), 1u);
  EXPECT_EQ((*prev->domain_metadata)[0].domain, "d2");
  EXPECT_EQ(prev->file_size_histogram->file_counts[0], 2);  // e and f: under 8 KiB
  EXPECT_EQ(prev->file_size_histogram->total_bytes[0], 17);
  EXPECT_EQ(prev->file_size_histogram->file_counts[11], 0);  // c (in [8 MiB, 12 MiB)) is gone
  // Every version reloads with our CRC and no warning from the cross-check.
  for (int64_t v = 0; v < static_cast<int64_t>(commits.size()); ++v) {
    auto snap = b.table().SnapshotAtVersion(v);
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    EXPECT_TRUE((*snap)->warnings().empty()) << (*snap)->warnings().front();
  }
}

TEST(ChecksumWriterTest, DeletionVectorCountsFromSnapshot) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a", 100)});
  b.Commit(1, {RemoveJson("a", R"(,"size":100)"),
               AddJson("a", 100, DvJson("vZ[&4Pk>O(i:h8]sF.jL", 12))});
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  auto crc = VersionChecksumFromSnapshot(**snap);
  ASSERT_TRUE(crc.ok());
  EXPECT_EQ(crc->num_files, 1);
  EXPECT_EQ(crc->num_deletion_vectors, 1);
  EXPECT_EQ(crc->num_deleted_records, 12);
  EXPECT_EQ((*crc->deleted_record_counts)[2], 1);  // 12 in [10, 99]
  EXPECT_EQ(crc->txn_id, std::nullopt);
}

TEST(ChecksumWriterTest, RemoveWithoutSizeIsUnsupported) {
  VersionChecksum prev;
  prev.num_files = 1;
  prev.table_size_bytes = 10;
  std::string data = RemoveJson("a") + "\n";
  ActionBatch batch;
  ASSERT_TRUE(ParseJsonActions(&data, "commit", &batch).ok());
  auto next = NextVersionChecksum(prev, batch);
  ASSERT_TRUE(next.status().IsUnsupported());
  EXPECT_EQ(next.status().message(),
            "version checksum: the remove of a has no size, so the table size cannot be derived");
}

TEST(ChecksumWriterTest, RemoveOfMoreThanPrevHoldsIsUnsupported) {
  VersionChecksum prev;
  std::string data = RemoveJson("a", R"(,"size":5)") + "\n";
  ActionBatch batch;
  ASSERT_TRUE(ParseJsonActions(&data, "commit", &batch).ok());
  EXPECT_TRUE(NextVersionChecksum(prev, batch).status().IsUnsupported());
}

TEST(ChecksumWriterTest, ExistingChecksumIsLeftAlone) {
  LogBuilder b;
  b.LogFile("00000000000000000003.crc", "theirs");
  VersionChecksum crc;
  EXPECT_TRUE(WriteVersionChecksum(*b.fs(), b.root() + "/", 3, crc).ok());
  EXPECT_EQ(*b.fs()->ReadFile("memory:///t/_delta_log/00000000000000000003.crc"), "theirs");
  ASSERT_TRUE(WriteVersionChecksum(*b.fs(), b.root(), 4, crc).ok());
  auto back = ParseVersionChecksum(*b.fs()->ReadFile(VersionChecksumLocation(b.root(), 4)), "4");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
}

TEST(ChecksumWriterTest, EmptyTableHasEmptyHistogram) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson()});
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  auto crc = VersionChecksumFromSnapshot(**snap);
  ASSERT_TRUE(crc.ok());
  EXPECT_EQ(crc->num_files, 0);
  EXPECT_EQ(crc->file_size_histogram->file_counts.size(), 95u);
}

// The writer's path: after each commit, derive the checksum from the read snapshot, from the
// previous version's CRC file, or (version 0) from nothing; each equals the snapshot's own.
TEST(ChecksumWriterTest, AfterCommitFromSnapshotPreviousFileOrNothing) {
  LogBuilder b;
  auto commit_batch = [&](int64_t v) {
    auto data = b.fs()->ReadFile(b.root() + "/_delta_log/" + FormatVersion(v) + ".json");
    EXPECT_TRUE(data.ok());
    ActionBatch batch;
    EXPECT_TRUE(ParseJsonActions(&*data, "commit", &batch).ok());
    return batch;
  };
  auto check = [&](int64_t v, const Snapshot* read) {
    SCOPED_TRACE("version " + std::to_string(v));
    ActionBatch batch = commit_batch(v);
    auto crc = ChecksumAfterCommit(*b.fs(), b.root(), v, batch, read);
    ASSERT_TRUE(crc.ok()) << crc.status().ToString();
    ASSERT_TRUE(WriteVersionChecksum(*b.fs(), b.root(), v, *crc).ok());
    auto snap = b.table().SnapshotAtVersion(v);
    ASSERT_TRUE(snap.ok());
    EXPECT_TRUE((*snap)->warnings().empty()) << (*snap)->warnings().front();
    auto full = VersionChecksumFromSnapshot(**snap);
    ASSERT_TRUE(full.ok());
    ExpectSameChecksum(*crc, *full, "after commit");
    EXPECT_TRUE(crc->txn_id.has_value());
  };
  auto create = Transaction::BeginCreate(b.table());
  ASSERT_TRUE(create.ok());
  Metadata m;
  m.schema_string = R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,)"
                    R"("metadata":{}}]})";
  ASSERT_TRUE((*create)->UpdateProtocol(Protocol{}).ok());
  ASSERT_TRUE((*create)->UpdateMetadata(m).ok());
  ASSERT_TRUE((*create)->Commit().ok());
  check(0, nullptr);

  auto append = [&](const std::string& path, int64_t size) {
    auto snap = b.table().LatestSnapshot();
    EXPECT_TRUE(snap.ok());
    auto txn = Transaction::Begin(*snap);
    EXPECT_TRUE(txn.ok());
    WrittenFile f;
    f.path = path;
    f.size = size;
    f.modification_time = 1;
    f.num_records = 1;
    EXPECT_TRUE((*txn)->AddFiles({&f, 1}).ok());
    EXPECT_TRUE((*txn)->SetAppTransaction("app", size).ok());
    EXPECT_TRUE((*txn)->Commit().ok());
    return *snap;
  };
  auto v0 = append("a.parquet", 100);
  check(1, v0.get());  // from the read snapshot
  append("b.parquet", 200);
  check(2, nullptr);  // from 1.crc
  EXPECT_EQ(ParseVersionChecksum(*b.fs()->ReadFile(VersionChecksumLocation(b.root(), 2)), "2")
                ->table_size_bytes,
            300);

  // Neither a snapshot of version 2 nor its CRC file: nothing to derive version 3 from.
  append("c.parquet", 300);
  ASSERT_TRUE(b.fs()->Delete(VersionChecksumLocation(b.root(), 2)).ok());
  auto none = ChecksumAfterCommit(*b.fs(), b.root(), 3, commit_batch(3), v0.get());
  EXPECT_TRUE(none.status().IsUnsupported()) << none.status().ToString();
}

}  // namespace
}  // namespace delta
