// Sizes and counts a log claims are checked before they are trusted: a hostile log is refused
// (or its optional parts ignored) with a message naming the file, in bounded memory and time.
#include <gtest/gtest.h>

#include <atomic>
#include <string>

#include "delta/forwarding_file_system.h"
#include "delta/schema.h"
#include "log/log_limits.h"
#include "log/log_segment.h"
#include "scan/stats.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::AddJson;
using testing::LogBuilder;
using testing::MetadataJson;
using testing::ProtocolJson;

constexpr const char* kLog = "memory:///t/_delta_log/";

// Counts the bytes handed out by reads, to show a file was not read whole.
class CountingFileSystem final : public ForwardingFileSystem {
 public:
  explicit CountingFileSystem(std::shared_ptr<FileSystem> inner)
      : ForwardingFileSystem(std::move(inner)) {}
  Result<std::string> ReadFile(std::string_view location) override {
    return Count(ForwardingFileSystem::ReadFile(location));
  }
  Result<std::string> ReadRange(std::string_view location, int64_t offset,
                                int64_t length) override {
    return Count(ForwardingFileSystem::ReadRange(location, offset, length));
  }
  int64_t bytes_read() const { return bytes_read_; }

 private:
  Result<std::string> Count(Result<std::string> r) {
    if (r.ok()) bytes_read_ += static_cast<int64_t>(r->size());
    return r;
  }
  std::atomic<int64_t> bytes_read_{0};
};

LogBuilder SmallTable(int64_t last_version = 2) {
  LogBuilder b;
  b.Commit(0, {ProtocolJson(), MetadataJson(), AddJson("a.parquet")});
  for (int64_t v = 1; v <= last_version; ++v) b.Commit(v, {AddJson("f" + std::to_string(v))});
  return b;
}

bool AnyContains(const std::vector<std::string>& warnings, const std::string& text) {
  for (const std::string& w : warnings) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(LogLimitsTest, HugeLastCheckpointIsIgnoredUnread) {
  LogBuilder b = SmallTable();
  // A valid hint followed by 8 MiB of spaces: only 1 MiB + 1 bytes may be read.
  b.LogFile("_last_checkpoint", R"({"version":0})" + std::string(size_t{8} << 20, ' '));
  CountingFileSystem fs(b.fs());
  auto seg = BuildLogSegment(fs, b.root(), std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->version, 2);
  EXPECT_LE(fs.bytes_read(), kMaxLastCheckpointBytes + 1);
  ASSERT_FALSE(seg->warnings.empty());
  EXPECT_EQ(seg->warnings.front(), std::string("ignored _last_checkpoint ") + kLog +
                                       "_last_checkpoint is larger than 1048576 bytes, the most "
                                       "a _last_checkpoint file may hold");
}

TEST(LogLimitsTest, AbsurdLastCheckpointFieldsAreIgnored) {
  for (const char* hint : {R"({"version":0,"parts":1000000000000})", R"({"version":0,"parts":0})",
                           R"({"version":0,"parts":-5})", R"({"version":9223372036854775807})"}) {
    LogBuilder b = SmallTable();
    b.LogFile("_last_checkpoint", hint);
    auto seg = BuildLogSegment(*b.fs(), b.root(), std::nullopt);
    ASSERT_TRUE(seg.ok()) << hint << ": " << seg.status().ToString();
    EXPECT_EQ(seg->version, 2);
    EXPECT_TRUE(
        AnyContains(seg->warnings, std::string("ignored corrupt ") + kLog + "_last_checkpoint"))
        << hint;
  }
  // parts = 1e9 is a real number of parts as far as the type goes, yet nothing is sized by it.
  LogBuilder b = SmallTable();
  b.LogFile("_last_checkpoint", R"({"version":0,"parts":1000000000})");
  auto seg = BuildLogSegment(*b.fs(), b.root(), std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_EQ(seg->version, 2);
}

TEST(LogLimitsTest, HugeChecksumFileIsIgnored) {
  LogBuilder b = SmallTable();
  b.LogFile("00000000000000000002.crc",
            R"({"tableSizeBytes":1,"numFiles":3})" + std::string(size_t{65} << 20, ' '));
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ((*snap)->version(), 2);
  EXPECT_TRUE(AnyContains((*snap)->warnings(), std::string("ignored version checksum ") + kLog +
                                                   "00000000000000000002.crc is larger than "
                                                   "67108864 bytes"))
      << ::testing::PrintToString((*snap)->warnings());
}

TEST(LogLimitsTest, VersionsThatDoNotFitAreNotLogFiles) {
  EXPECT_FALSE(ParseLogFileName("99999999999999999999.json").has_value());
  EXPECT_FALSE(ParseLogFileName("09223372036854775807.json").has_value());
  EXPECT_FALSE(ParseLogFileName("09223372036854775808.json").has_value());
  EXPECT_FALSE(ParseLogFileName("-0000000000000000001.json").has_value());
  EXPECT_FALSE(ParseLogFileName("00000000000000000001.99999999999999999999.compacted.json"));
  EXPECT_FALSE(ParseLogFileName("00000000000000000001.09223372036854775807.compacted.json"));
  auto max = ParseLogFileName("09223372036854775806.json");
  ASSERT_TRUE(max.has_value());
  EXPECT_EQ(max->version, kMaxLogVersion);

  // A log holding such names reads as if they were not there.
  LogBuilder b = SmallTable();
  b.LogFile("99999999999999999999.json", "garbage");
  b.LogFile("09223372036854775807.json", "garbage");
  b.LogFile("09223372036854775807.checkpoint.parquet", "garbage");
  auto snap = b.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  EXPECT_EQ((*snap)->version(), 2);
  // The largest version that fits is a real version: the gap before it is reported.
  b.LogFile("09223372036854775806.json", AddJson("x"));
  auto gap = b.table().LatestSnapshot();
  EXPECT_EQ(gap.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(gap.status().message().find("commit 3"), std::string::npos) << gap.status().message();
  auto far = b.table().SnapshotAtVersion(std::numeric_limits<int64_t>::max());
  EXPECT_EQ(far.status().code(), StatusCode::kNotFound) << far.status().ToString();
}

TEST(LogLimitsTest, CheckpointPartCountsAreChecked) {
  EXPECT_FALSE(ParseLogFileName("00000000000000000002.checkpoint.0000000001.9999999999.parquet"));
  EXPECT_FALSE(ParseLogFileName("00000000000000000002.checkpoint.0000000001.2147483648.parquet"));
  auto most = ParseLogFileName("00000000000000000002.checkpoint.0000000001.2147483647.parquet");
  ASSERT_TRUE(most.has_value());
  EXPECT_EQ(most->num_parts, 2147483647);

  // One part of two billion: an incomplete checkpoint, reported, never sized by its claim.
  LogBuilder b = SmallTable();
  b.LogFile("00000000000000000001.checkpoint.0000000001.2147483647.parquet", "garbage");
  b.LogFile("00000000000000000001.checkpoint.0000000001.9999999999.parquet", "garbage");
  auto seg = BuildLogSegment(*b.fs(), b.root(), std::nullopt);
  ASSERT_TRUE(seg.ok()) << seg.status().ToString();
  EXPECT_FALSE(seg->checkpoint_version.has_value());
  EXPECT_TRUE(AnyContains(seg->warnings,
                          "incomplete multi-part checkpoint at version 1 (1 of "
                          "2147483647 parts)"));
}

// A schema of `depth` nested structs.
std::string NestedSchema(int depth) {
  std::string inner =
      R"({"type":"struct","fields":[{"name":"leaf","type":"long","nullable":true}]})";
  for (int i = 0; i < depth - 1; ++i) {
    inner = R"({"type":"struct","fields":[{"name":"s","type":)" + inner + R"(,"nullable":true}]})";
  }
  return inner;
}

TEST(LogLimitsTest, SchemaDepthIsBounded) {
  EXPECT_TRUE(ParseSchema(NestedSchema(100)).ok());
  auto deep = ParseSchema(NestedSchema(200));
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(deep.status().message().find("nest deeper than 128 levels"), std::string::npos)
      << deep.status().message().substr(0, 300);
  // Arrays and maps count too; and a document deeper than the JSON parser takes is refused
  // by it (no recursion runs off the stack).
  std::string arrays = R"("long")";
  for (int i = 0; i < 150; ++i) {
    arrays = R"({"type":"array","elementType":)" + arrays + R"(,"containsNull":true})";
  }
  auto arr = ParseSchema(R"({"type":"struct","fields":[{"name":"a","type":)" + arrays +
                         R"(,"nullable":true}]})");
  EXPECT_EQ(arr.status().code(), StatusCode::kInvalidTable);
  auto very = ParseSchema(NestedSchema(1000));  // 3000 JSON levels
  EXPECT_EQ(very.status().code(), StatusCode::kInvalidTable);
}

TEST(LogLimitsTest, SchemaFieldCountIsBounded) {
  std::string fields;
  const int n = 1'000'001;
  fields.reserve(static_cast<size_t>(n) * 40);
  for (int i = 0; i < n; ++i) {
    if (i > 0) fields += ',';
    fields += R"({"name":"c)" + std::to_string(i) + R"(","type":"long","nullable":true})";
  }
  auto wide = ParseSchema(R"({"type":"struct","fields":[)" + fields + "]}");
  ASSERT_FALSE(wide.ok());
  EXPECT_EQ(wide.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(wide.status().message().find("more than 1000000 fields"), std::string::npos)
      << wide.status().message();
}

// Nesting costs no stack: an unknown action is skipped without recursion (and ignored, as
// forward compatibility requires); a value that is parsed is refused past 1024 levels.
TEST(LogLimitsTest, DeeplyNestedCommitLines) {
  auto nest = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  const std::string where = std::string(kLog) + "00000000000000000001.json, line 2";

  LogBuilder a = SmallTable(0);
  a.Commit(1, {AddJson("x"), R"({"futureAction":)" + nest(100000) + "}"});
  auto ignored = a.table().LatestSnapshot();
  ASSERT_TRUE(ignored.ok()) << ignored.status().ToString();
  EXPECT_EQ((*ignored)->files().size(), 2u);

  LogBuilder c = SmallTable(0);
  c.Commit(1,
           {AddJson("x"), R"({"commitInfo":{"operationParameters":{"p":)" + nest(100000) + "}}}"});
  auto deep = c.table().LatestSnapshot();
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(deep.status().message().find("too deep"), std::string::npos) << deep.status().message();
  EXPECT_NE(deep.status().message().find(where), std::string::npos) << deep.status().message();
}

TEST(LogLimitsTest, OverlongCommitLineIsInvalidTable) {
  LogBuilder b = SmallTable(0);
  // 256 MiB + 1 of one string: refused before the parser sizes its buffers by it.
  std::string line = R"({"commitInfo":{"x":")";
  line.append((size_t{256} << 20) + 1 - line.size() - 3, 'a');
  line += "\"}}";
  b.Commit(1, {AddJson("x"), line});
  auto snap = b.table().LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  EXPECT_EQ(snap.status().code(), StatusCode::kInvalidTable);
  EXPECT_NE(snap.status().message().find(
                "line of 268435457 bytes, more than the 268435456 an action may take"),
            std::string::npos)
      << snap.status().message().substr(0, 300);
  EXPECT_NE(snap.status().message().find(std::string(kLog) + "00000000000000000001.json, line 2"),
            std::string::npos)
      << snap.status().message().substr(0, 300);
}

TEST(LogLimitsTest, HugeStatisticsAreNotParsed) {
  StatsColumns columns;
  columns.Add({"id"}, PrimitiveType::Make(TypeKind::kLong));
  // Small garbage is an error; garbage past the limit is not even looked at.
  EXPECT_EQ(ParseFileStats("{not json", columns).status().code(), StatusCode::kInvalidTable);
  std::string huge =
      R"({"numRecords":5,"minValues":{"id":1},"pad":")" + std::string(kMaxStatsBytes, 'x') + "\"}";
  auto stats = ParseFileStats(huge, columns);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_FALSE(stats->num_records.has_value());
  EXPECT_FALSE(stats->columns[0].min.has_value());
}

}  // namespace
}  // namespace delta
