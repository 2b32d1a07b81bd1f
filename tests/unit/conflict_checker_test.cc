// The conflict checker, rule by rule under each isolation level: exact outcome and detail.
#include "txn/conflict_checker.h"

#include <gtest/gtest.h>

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "delta/table_properties.h"
#include "protocol/action_json.h"

namespace delta {
namespace {

// part: partition column; id: data column with statistics.
constexpr const char* kSchema = R"j({"type":"struct","fields":[
  {"name":"part","type":"string","nullable":true,"metadata":{}},
  {"name":"id","type":"long","nullable":true,"metadata":{}}]})j";

constexpr int64_t kWinner = 7;

std::shared_ptr<const StructType> Schema() {
  auto schema = ParseSchema(kSchema);
  EXPECT_TRUE(schema.ok()) << schema.status().ToString();
  return *schema;
}

// Stats JSON escaped for embedding in an action's "stats" string.
std::string Stats(int64_t min_id, int64_t max_id) {
  return R"(,"stats":"{\"numRecords\":2,\"minValues\":{\"id\":)" + std::to_string(min_id) +
         R"(},\"maxValues\":{\"id\":)" + std::to_string(max_id) + R"(},\"nullCount\":{\"id\":0}}")";
}

std::string Add(const std::string& path, const std::string& part, bool data_change = true,
                const std::string& stats = "") {
  return R"({"add":{"path":")" + path + R"(","partitionValues":{"part":")" + part +
         R"("},"size":10,"modificationTime":1,"dataChange":)" + (data_change ? "true" : "false") +
         stats + "}}\n";
}

std::string Remove(const std::string& path, const std::string& part, bool data_change = true) {
  return R"({"remove":{"path":")" + path + R"(","deletionTimestamp":1,"dataChange":)" +
         (data_change ? "true" : "false") +
         R"(,"extendedFileMetadata":true,"partitionValues":{"part":")" + part + "\"}}}\n";
}

std::string CommitInfo(bool blind_append) {
  return R"({"commitInfo":{"timestamp":1,"operation":"WRITE","inCommitTimestamp":1234,)"
         R"("isBlindAppend":)" +
         std::string(blind_append ? "true" : "false") + "}}\n";
}

const std::string kProtocol = R"({"protocol":{"minReaderVersion":1,"minWriterVersion":2}})"
                              "\n";
const std::string kMetadata =
    R"({"metaData":{"id":"t","format":{"provider":"parquet","options":{}},)"
    R"("schemaString":"{\"type\":\"struct\",\"fields\":[]}","partitionColumns":[],)"
    R"("configuration":{}}})"
    "\n";

std::string Txn(const std::string& app) {
  return R"({"txn":{"appId":")" + app + R"(","version":3}})" + "\n";
}

std::string Domain(const std::string& domain, const std::string& configuration = "{}") {
  std::string escaped;
  for (char c : configuration) {
    if (c == '"') escaped += '\\';
    escaped += c;
  }
  return R"({"domainMetadata":{"domain":")" + domain + R"(","configuration":")" + escaped +
         R"(","removed":false}})" + "\n";
}

const std::string kNullPartitionAdd =
    R"({"add":{"path":"n.parquet","partitionValues":{"part":null},"size":1,)"
    R"("modificationTime":1,"dataChange":true}})"
    "\n";

ActionBatch Winner(std::string json) {
  ActionBatch batch;
  Status st = ParseJsonActions(&json, "winner.json", &batch);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return batch;
}

ExprPtr Predicate(std::string_view text) {
  auto e = ParseExpression(text);
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return *e;
}

Result<RebaseInfo> Check(const TransactionFootprint& footprint, const std::string& winner) {
  return CheckConflict(footprint, Schema(), {"part"}, kWinner, Winner(winner));
}

// The expected outcome: no conflict (kNone) or a Conflict of `kind` about `subject`.
struct Expected {
  ErrorDetailKind kind = ErrorDetailKind::kNone;
  std::string subject;
};

struct Case {
  std::string name;
  std::function<void(TransactionFootprint*)> ours;
  std::string winner;
  // Indexed by isolation level: Serializable, WriteSerializable, SnapshotIsolation.
  std::array<Expected, 3> expected;
};

constexpr std::array<IsolationLevel, 3> kLevels = {IsolationLevel::kSerializable,
                                                   IsolationLevel::kWriteSerializable,
                                                   IsolationLevel::kSnapshotIsolation};

void ReadPartA(TransactionFootprint* f) { f->reads.predicates = {Predicate("part = 'a'")}; }

Expected None() { return {}; }
Expected Is(ErrorDetailKind kind, std::string subject) { return {kind, std::move(subject)}; }
std::array<Expected, 3> All(Expected e) { return {e, e, e}; }

// Runs one case under kLevels[i]; a failed ASSERT ends only this case.
void ExpectOutcome(const Case& c, size_t i) {
  SCOPED_TRACE(c.name + " / " + std::string(IsolationLevelName(kLevels[i])));
  TransactionFootprint footprint;
  footprint.isolation_level = kLevels[i];
  c.ours(&footprint);
  Result<RebaseInfo> r = Check(footprint, c.winner);
  const Expected& e = c.expected[i];
  if (e.kind == ErrorDetailKind::kNone) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->version, kWinner);
    return;
  }
  ASSERT_FALSE(r.ok());
  Status st = r.status();
  EXPECT_TRUE(st.IsConflict()) << st.ToString();
  ASSERT_NE(st.detail(), nullptr) << st.ToString();
  EXPECT_EQ(ErrorDetailKindName(st.detail()->kind), ErrorDetailKindName(e.kind));
  EXPECT_EQ(st.detail()->version, kWinner);
  EXPECT_EQ(st.detail()->subject, e.subject);
  EXPECT_NE(st.message().find("concurrent commit 7"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find(e.subject), std::string::npos) << st.message();
}

TEST(ConflictCheckerTest, RuleMatrixUnderEachIsolationLevel) {
  using K = ErrorDetailKind;
  static const std::string a1 = "part=a/f1.parquet";
  const std::vector<Case> cases = {
      {"protocol change vs blind append", [](TransactionFootprint*) {}, kProtocol,
       All(Is(K::kProtocolChanged, "protocol"))},
      {"metadata change vs predicate read", ReadPartA, kMetadata,
       All(Is(K::kMetadataChanged, "metadata"))},
      {"metadata change vs metadata change",
       [](TransactionFootprint* f) { f->writes.metadata_changed = true; }, kMetadata,
       All(Is(K::kMetadataChanged, "metadata"))},
      {"append in read partition",
       ReadPartA,
       CommitInfo(false) + Add(a1, "a"),
       {Is(K::kConcurrentAppend, a1), Is(K::kConcurrentAppend, a1), None()}},
      {"blind append in read partition",
       ReadPartA,
       CommitInfo(true) + Add(a1, "a"),
       {Is(K::kConcurrentAppend, a1), None(), None()}},
      {"blind append while we change metadata",
       [](TransactionFootprint* f) {
         ReadPartA(f);
         f->writes.metadata_changed = true;
       },
       CommitInfo(true) + Add(a1, "a"),
       {Is(K::kConcurrentAppend, a1), Is(K::kConcurrentAppend, a1), None()}},
      {"append by a winner without commitInfo counts as not blind",
       ReadPartA,
       Add(a1, "a"),
       {Is(K::kConcurrentAppend, a1), Is(K::kConcurrentAppend, a1), None()}},
      {"append with a null partition value vs IS NULL",
       [](TransactionFootprint* f) { f->reads.predicates = {Predicate("part IS NULL")}; },
       kNullPartitionAdd,
       {Is(K::kConcurrentAppend, "n.parquet"), Is(K::kConcurrentAppend, "n.parquet"), None()}},
      {"append with a null partition value vs equality", ReadPartA, kNullPartitionAdd, All(None())},
      {"one of several predicates matches",
       [](TransactionFootprint* f) {
         f->reads.predicates = {Predicate("part = 'b'"), Predicate("id = 3")};
       },
       CommitInfo(false) + Add(a1, "a", true, Stats(1, 10)),
       {Is(K::kConcurrentAppend, a1), Is(K::kConcurrentAppend, a1), None()}},
      {"append in another partition", ReadPartA, CommitInfo(false) + Add("part=b/f.parquet", "b"),
       All(None())},
      {"append whose stats exclude the data predicate",
       [](TransactionFootprint* f) { f->reads.predicates = {Predicate("id > 100")}; },
       CommitInfo(false) + Add(a1, "a", true, Stats(1, 10)), All(None())},
      {"append whose stats admit the data predicate",
       [](TransactionFootprint* f) { f->reads.predicates = {Predicate("id > 5")}; },
       CommitInfo(false) + Add(a1, "a", true, Stats(1, 10)),
       {Is(K::kConcurrentAppend, a1), Is(K::kConcurrentAppend, a1), None()}},
      {"append without stats vs data predicate",
       [](TransactionFootprint* f) { f->reads.predicates = {Predicate("id > 100")}; },
       CommitInfo(false) + Add(a1, "a"),
       {Is(K::kConcurrentAppend, a1), Is(K::kConcurrentAppend, a1), None()}},
      {"partition matches but stats exclude (mixed predicate)",
       [](TransactionFootprint* f) { f->reads.predicates = {Predicate("part = 'a' AND id < 0")}; },
       CommitInfo(false) + Add(a1, "a", true, Stats(1, 10)), All(None())},
      {"compaction add (dataChange=false)", ReadPartA, CommitInfo(false) + Add(a1, "a", false),
       All(None())},
      {"append vs whole-table read",
       [](TransactionFootprint* f) { f->reads.whole_table = true; },
       CommitInfo(false) + Add("part=b/f.parquet", "b"),
       {Is(K::kConcurrentAppend, "part=b/f.parquet"), Is(K::kConcurrentAppend, "part=b/f.parquet"),
        None()}},
      {"blind append vs whole-table read",
       [](TransactionFootprint* f) { f->reads.whole_table = true; },
       CommitInfo(true) + Add(a1, "a"),
       {Is(K::kConcurrentAppend, a1), None(), None()}},
      {"append vs our blind append",
       [](TransactionFootprint* f) {
         f->writes.adds.push_back({"part=a/ours.parquet", {}, ""});
       },
       CommitInfo(false) + Add(a1, "a"), All(None())},
      {"append vs our commit that changes no data",
       [](TransactionFootprint* f) {
         ReadPartA(f);
         f->writes.data_change = false;
       },
       CommitInfo(false) + Add(a1, "a"), All(None())},
      {"remove of a file we read",
       [](TransactionFootprint* f) { f->reads.files = {"part=b/r.parquet"}; },
       CommitInfo(false) + Remove("part=b/r.parquet", "b"),
       All(Is(K::kConcurrentDeleteRead, "part=b/r.parquet"))},
      {"compaction remove of a file we read",
       [](TransactionFootprint* f) { f->reads.files = {"part=b/r.parquet"}; },
       CommitInfo(false) + Remove("part=b/r.parquet", "b", false), All(None())},
      {"remove matching our predicate", ReadPartA, CommitInfo(false) + Remove(a1, "a"),
       All(Is(K::kConcurrentDeleteRead, a1))},
      {"remove outside our predicate", ReadPartA,
       CommitInfo(false) + Remove("part=b/r.parquet", "b"), All(None())},
      {"remove vs whole-table read", [](TransactionFootprint* f) { f->reads.whole_table = true; },
       CommitInfo(false) + Remove("part=b/r.parquet", "b"),
       All(Is(K::kConcurrentDeleteRead, "part=b/r.parquet"))},
      {"remove of a file we remove",
       [](TransactionFootprint* f) {
         f->writes.removes.push_back({"part=b/r.parquet", true});
       },
       CommitInfo(false) + Remove("part=b/r.parquet", "b"),
       All(Is(K::kConcurrentDeleteDelete, "part=b/r.parquet"))},
      {"compaction remove of a file we compact",
       [](TransactionFootprint* f) {
         f->writes.removes.push_back({"part=b/r.parquet", false});
         f->writes.data_change = false;
       },
       CommitInfo(false) + Remove("part=b/r.parquet", "b", false),
       All(Is(K::kConcurrentDeleteDelete, "part=b/r.parquet"))},
      {"add of a path we add",
       [](TransactionFootprint* f) {
         f->writes.adds.push_back({a1, {{"part", "a"}}, ""});
       },
       CommitInfo(true) + Add(a1, "a"), All(Is(K::kConcurrentWrite, a1))},
      {"txn for an app id we read",
       [](TransactionFootprint* f) { f->reads.app_ids = {"stream-1"}; },
       CommitInfo(true) + Txn("stream-1"), All(Is(K::kConcurrentTransaction, "stream-1"))},
      {"txn for another app id", [](TransactionFootprint* f) { f->reads.app_ids = {"stream-1"}; },
       CommitInfo(true) + Txn("stream-2"), All(None())},
      {"domain we write", [](TransactionFootprint* f) { f->writes.domains = {"my.domain"}; },
       CommitInfo(false) + Domain("my.domain"), All(Is(K::kConcurrentDomainMetadata, "my.domain"))},
      {"domain we read", [](TransactionFootprint* f) { f->reads.domains = {"my.domain"}; },
       CommitInfo(false) + Domain("my.domain"), All(Is(K::kConcurrentDomainMetadata, "my.domain"))},
      {"domain we neither read nor write",
       [](TransactionFootprint* f) { f->writes.domains = {"my.domain"}; },
       CommitInfo(false) + Domain("other.domain"), All(None())},
      {"row tracking domain merges",
       [](TransactionFootprint* f) { f->writes.domains = {"delta.rowTracking"}; },
       CommitInfo(true) + Domain("delta.rowTracking", R"({"rowIdHighWaterMark":41})"), All(None())},
  };
  for (const Case& c : cases) {
    for (size_t i = 0; i < kLevels.size(); ++i) ExpectOutcome(c, i);
  }
}

TEST(ConflictCheckerTest, MessagesNameThePredicateAndTheFile) {
  TransactionFootprint f;
  ReadPartA(&f);
  Result<RebaseInfo> r = Check(f, CommitInfo(false) + Add("part=a/x.parquet", "a"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "concurrent commit 7 added file 'part=a/x.parquet' matching this transaction's read "
            "predicate 'part = 'a''");
  EXPECT_EQ(r.status().ToString(),
            "Conflict: concurrent commit 7 added file 'part=a/x.parquet' matching this "
            "transaction's read predicate 'part = 'a'' [ConcurrentAppend, version 7, "
            "'part=a/x.parquet']");
}

TEST(ConflictCheckerTest, ProtocolComesBeforeEveryOtherRule) {
  TransactionFootprint f;
  f.reads.whole_table = true;
  f.writes.removes.push_back({"part=a/f1.parquet", true});
  Result<RebaseInfo> r =
      Check(f, CommitInfo(false) + kProtocol + kMetadata + Remove("part=a/f1.parquet", "a"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kProtocolChanged);
  EXPECT_EQ(r.status().message(), "concurrent commit 7 changed the protocol of the table");
}

TEST(ConflictCheckerTest, BothChangingMetadataSaysSo) {
  TransactionFootprint f;
  f.writes.metadata_changed = true;
  Result<RebaseInfo> r = Check(f, kMetadata);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "concurrent commit 7 changed the metadata, which this transaction also changes");
}

TEST(ConflictCheckerTest, RebaseInfoCarriesTimestampAndRowTrackingMark) {
  TransactionFootprint f;
  f.writes.domains = {"delta.rowTracking"};
  Result<RebaseInfo> r = Check(f, CommitInfo(true) + Add("part=a/n.parquet", "a") +
                                      Domain("delta.rowTracking", R"({"rowIdHighWaterMark":41})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 7);
  EXPECT_EQ(r->in_commit_timestamp, std::optional<int64_t>(1234));
  EXPECT_EQ(r->row_id_high_water_mark, std::optional<int64_t>(41));
  EXPECT_EQ(r->merged_domains, std::vector<std::string>{"delta.rowTracking"});

  // A winner without row tracking or in-commit timestamps leaves both unset.
  Result<RebaseInfo> plain = Check(TransactionFootprint{}, Add("part=a/n.parquet", "a"));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->in_commit_timestamp, std::nullopt);
  EXPECT_EQ(plain->row_id_high_water_mark, std::nullopt);
  EXPECT_TRUE(plain->merged_domains.empty());
}

TEST(ConflictCheckerTest, RowIdHighWaterMarkParsing) {
  EXPECT_EQ(*ParseRowIdHighWaterMark(R"({"rowIdHighWaterMark":-1})"), -1);
  EXPECT_EQ(*ParseRowIdHighWaterMark(R"({"other":1,"rowIdHighWaterMark":99})"), 99);
  Result<int64_t> bad = ParseRowIdHighWaterMark(R"({"rowIdHighWaterMark":"x"})");
  ASSERT_FALSE(bad.ok());
  EXPECT_TRUE(bad.status().IsInvalidTable());
  EXPECT_FALSE(ParseRowIdHighWaterMark("not json").ok());
}

TEST(ConflictCheckerTest, UnknownPartitionValuesOfARemoveMatch) {
  // A remove without extended metadata carries no partition values: it may be in our partition.
  TransactionFootprint f;
  ReadPartA(&f);
  Result<RebaseInfo> r =
      Check(f, R"({"remove":{"path":"part=b/old.parquet","deletionTimestamp":1,"dataChange":true}})"
               "\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail_kind(), ErrorDetailKind::kConcurrentDeleteRead);
  EXPECT_EQ(r.status().detail()->subject, "part=b/old.parquet");
}

TEST(ConflictCheckerTest, ReadPredicateThatDoesNotBindIsInvalidArgument) {
  TransactionFootprint f;
  f.reads.predicates = {Predicate("missing = 1")};
  Result<ConflictChecker> c = ConflictChecker::Make(f, Schema(), {"part"});
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().IsInvalidArgument()) << c.status().ToString();
}

TEST(ConflictCheckerTest, CheckerIsReusableAcrossWinners) {
  TransactionFootprint f;
  ReadPartA(&f);
  Result<ConflictChecker> c = ConflictChecker::Make(f, Schema(), {"part"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->Check(5, Winner(CommitInfo(false) + Add("part=b/1.parquet", "b"))).ok());
  Result<RebaseInfo> r = c->Check(6, Winner(CommitInfo(false) + Add("part=a/2.parquet", "a")));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().detail()->version, 6);
}

TEST(ConflictCheckerTest, IsolationLevelNamesRoundTrip) {
  for (IsolationLevel level : kLevels) {
    Result<IsolationLevel> parsed = ParseIsolationLevel(IsolationLevelName(level));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, level);
  }
  EXPECT_EQ(IsolationLevelName(IsolationLevel::kWriteSerializable), "WriteSerializable");
  EXPECT_EQ(*ParseIsolationLevel(" snapshotisolation "), IsolationLevel::kSnapshotIsolation);
  Result<IsolationLevel> bad = ParseIsolationLevel("ReadCommitted");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(),
            "invalid isolation level 'ReadCommitted': expected Serializable, WriteSerializable "
            "or SnapshotIsolation");
}

}  // namespace
}  // namespace delta
