// A table's log cannot make the kernel read outside the table: path spelling rules, the
// engine's location policy, and deletion vector descriptors checked at full width.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "delta/location_policy.h"
#include "delta/scan.h"
#include "dv/descriptor.h"
#include "protocol/path_safety.h"
#include "support/log_builder.h"
#include "util/printable.h"

namespace delta {
namespace {

using testing::AddJson;
using testing::LogBuilder;
using testing::MetadataJson;
using testing::ProtocolJson;
using testing::RemoveJson;

// --- CheckLogPath ------------------------------------------------------------------------------

TEST(CheckLogPathTest, AcceptsWhatWritersWrite) {
  for (const char* p : {"part-00000-1b2c.c000.snappy.parquet", "a=1/b=x%20y/part-0.parquet",
                        "p=a%252Fb/part-0.parquet", "x..y/part..parquet", "./a/part.parquet",
                        "..a/b..", "s3://other-bucket/t/part-0.parquet", "file:///data/t/x.parquet",
                        "/data/t/x.parquet", "abfss://c@acct.dfs.core.windows.net/t/p.parquet"}) {
    EXPECT_TRUE(CheckLogPath(p).ok()) << p << ": " << CheckLogPath(p).ToString();
  }
}

TEST(CheckLogPathTest, RefusesEveryWayOut) {
  struct Case {
    std::string path;
    std::string why;
  };
  const Case cases[] = {
      {"../secret.parquet", "climbs out of the table root with a '..' segment"},
      {"a/../../secret.parquet", "climbs out of the table root with a '..' segment"},
      {"..", "climbs out of the table root with a '..' segment"},
      {"a/..", "climbs out of the table root with a '..' segment"},
      {"%2e%2e/secret.parquet", "climbs out of the table root with a '..' segment"},
      {"%2E%2E%2Fsecret.parquet", "climbs out of the table root with a '..' segment"},
      {"a%2F..%2F..%2Fx", "climbs out of the table root with a '..' segment"},
      {"..\\secret.parquet", "climbs out of the table root with a '..' segment"},
      {"%2Fetc%2Fpasswd", "is relative but decodes to an absolute path"},
      {std::string("a\0b.parquet", 11), "contains a NUL byte"},
      {"a%00.parquet", "contains an encoded NUL byte (%00)"},
      {"file:///t/../../etc/passwd", "contains a '..' segment"},
      {"s3://bucket/t/%2e%2e/x", "contains a '..' segment"},
      {"/t/../etc/passwd", "contains a '..' segment"},
      {"", "is empty"},
  };
  for (const Case& c : cases) {
    Status st = CheckLogPath(c.path);
    EXPECT_TRUE(st.IsInvalidTable()) << c.path;
    EXPECT_EQ(st.message(), c.why) << c.path;
  }
}

TEST(CheckLogPathTest, DeletionVectorPrefix) {
  EXPECT_TRUE(CheckDeletionVectorPrefix("").ok());
  EXPECT_TRUE(CheckDeletionVectorPrefix("ab").ok());
  EXPECT_EQ(CheckDeletionVectorPrefix("../../").message(),
            "climbs out of the table root with a '..' segment");
  EXPECT_EQ(CheckDeletionVectorPrefix("/etc/").message(),
            "is relative but decodes to an absolute path");
}

TEST(CheckLogPathTest, MessagesShowUntrustedBytesEscaped) {
  LogBuilder log;
  log.Commit(0, {ProtocolJson(), MetadataJson()});
  log.Commit(1, {AddJson("a\\u0000b\\n.parquet")});
  auto snap = log.table().LatestSnapshot();
  ASSERT_FALSE(snap.ok());
  // One line, no NUL: the message survives C strings and terminals.
  EXPECT_EQ(snap.status().message().find('\0'), std::string::npos);
  EXPECT_NE(snap.status().message().find("add path 'a\\0b\\n.parquet' contains a NUL byte"),
            std::string::npos)
      << snap.status().message();
  EXPECT_EQ(Printable(std::string("x\0y\x01\\z\xc3\xa9", 8)), "x\\0y\\x01\\\\z\xc3\xa9");
}

// --- CheckLocationAllowed ----------------------------------------------------------------------

TEST(LocationPolicyTest, InsideTheRootIsAlwaysAllowed) {
  LocationPolicy none;
  none.allow_same_store = false;
  EXPECT_TRUE(CheckLocationAllowed(none, "file:///data/t", "file:///data/t/a/x.parquet").ok());
  EXPECT_TRUE(CheckLocationAllowed(none, "s3://b/t", "s3://b/t/x.parquet").ok());
  // A sibling whose name starts like the root is not inside it.
  EXPECT_TRUE(CheckLocationAllowed(none, "file:///data/t", "file:///data/t2/x").code() ==
              StatusCode::kPermissionDenied);
}

TEST(LocationPolicyTest, SameStoreByDefault) {
  LocationPolicy def;
  EXPECT_TRUE(CheckLocationAllowed(def, "file:///data/t", "file:///etc/passwd").ok());
  EXPECT_TRUE(CheckLocationAllowed(def, "s3://b/t", "s3a://b/clone/x.parquet").ok());
  Status other = CheckLocationAllowed(def, "s3://b/t", "s3://other/x.parquet");
  EXPECT_TRUE(other.code() == StatusCode::kPermissionDenied);
  EXPECT_EQ(other.message(),
            "table s3://b/t points at s3://other/x.parquet, outside the table and outside what the "
            "engine's location policy allows (the table's own store is allowed; add the location "
            "to LocationPolicy::allowed_prefixes to read it)");
  EXPECT_TRUE(CheckLocationAllowed(def, "file:///data/t", "s3://b/x").code() ==
              StatusCode::kPermissionDenied);
}

TEST(LocationPolicyTest, RefusableAndWidenedByPrefixes) {
  LocationPolicy p;
  p.allow_same_store = false;
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "file:///etc/passwd").code() ==
              StatusCode::kPermissionDenied);
  p.allowed_prefixes = {"/data/shared", "s3://b/clones/"};
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "file:///data/shared/x.parquet").ok());
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "file:///data/shared").ok());
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "file:///data/sharedother/x").code() ==
              StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "s3://b/clones/c1/x.parquet").ok());
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "s3://b/other/x").code() ==
              StatusCode::kPermissionDenied);
  // Encoded spellings compare decoded; '..' cannot walk out of an allowed prefix.
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "file:///data/%73hared/x").ok());
  EXPECT_TRUE(
      CheckLocationAllowed(p, "file:///data/t", "file:///data/shared/../../etc/passwd").code() ==
      StatusCode::kPermissionDenied);
  EXPECT_TRUE(CheckLocationAllowed(p, "file:///data/t", "file:///data/shared/%2e%2e/x").code() ==
              StatusCode::kPermissionDenied);
}

// --- deletion vector descriptors -----------------------------------------------------------------

TEST(DeletionVectorDescriptorCheckTest, FullWidthRanges) {
  RawDeletionVectorDescriptor raw{"u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6};
  auto ok = CheckDeletionVectorDescriptor(raw);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->size_in_bytes, 40);
  EXPECT_EQ(*ok->offset, 4);
  EXPECT_EQ(ok->cardinality, 6);

  auto expect = [](RawDeletionVectorDescriptor r, const std::string& msg) {
    auto res = CheckDeletionVectorDescriptor(r);
    ASSERT_FALSE(res.ok());
    EXPECT_TRUE(res.status().IsInvalidTable());
    EXPECT_EQ(res.status().message(), msg);
  };
  RawDeletionVectorDescriptor r = raw;
  r.cardinality = -1;
  expect(r, "deletionVector.cardinality -1 is negative");
  r = raw;
  r.size_in_bytes = 4294967336;  // 2^32 + 40: narrowed to 40 it would look valid
  expect(r, "deletionVector.sizeInBytes 4294967336 is beyond the 32-bit range the protocol allows");
  r = raw;
  r.offset = 4294967297;
  expect(r, "deletionVector.offset 4294967297 is beyond the 32-bit range the protocol allows");
  r = raw;
  r.offset = -4;
  expect(r, "deletionVector.offset -4 is negative");
  r = raw;
  r.storage_type = "x";
  expect(r, "deletionVector.storageType 'x' is not one of 'u', 'i', 'p'");
  r = raw;
  r.path_or_inline = "../../ab^-aqEH.-t@S}K{vb[*k^";
  expect(r,
         "deletionVector.pathOrInlineDv '../../ab^-aqEH.-t@S}K{vb[*k^': its directory prefix "
         "climbs out of the table root with a '..' segment");
  r = raw;
  r.storage_type = "p";
  r.path_or_inline = "file:///t/%2e%2e/dv.bin";
  expect(r, "deletionVector.pathOrInlineDv 'file:///t/%2e%2e/dv.bin' contains a '..' segment");
}

// --- through a table -----------------------------------------------------------------------------

std::shared_ptr<Engine> EngineWith(const LogBuilder& log, LocationPolicy policy) {
  DefaultEngineOptions opts;
  opts.cpu_threads = 2;
  opts.location_policy = std::move(policy);
  return *MakeDefaultEngine(log.fs(), opts);
}

TEST(ContainmentTest, EscapingPathsFailTheLoadNamingActionFileAndLine) {
  struct Case {
    std::string action;
    std::string message;
  };
  const Case cases[] = {
      {AddJson("../outside.parquet"),
       "add path '../outside.parquet' climbs out of the table root with a '..' segment"},
      {AddJson("%2e%2e/%2e%2e/outside.parquet"),
       "add path '%2e%2e/%2e%2e/outside.parquet' climbs out of the table root with a '..' "
       "segment"},
      {RemoveJson("a/../../x.parquet"),
       "remove path 'a/../../x.parquet' climbs out of the table root with a '..' segment"},
      {R"({"cdc":{"path":"_change_data/../../x.parquet","partitionValues":{},"size":1,)"
       R"("dataChange":false}})",
       "cdc path '_change_data/../../x.parquet' climbs out of the table root with a '..' "
       "segment"},
      {AddJson("x.parquet", 10, testing::DvJson("../ab^-aqEH.-t@S}K{vb[*k^")),
       "deletionVector.pathOrInlineDv '../ab^-aqEH.-t@S}K{vb[*k^': its directory prefix climbs "
       "out of the table root with a '..' segment"},
      {AddJson("x.parquet", 10,
               R"(,"deletionVector":{"storageType":"i","pathOrInlineDv":"abc","sizeInBytes":3,)"
               R"("cardinality":-2})"),
       "deletionVector.cardinality -2 is negative"},
  };
  for (const Case& c : cases) {
    LogBuilder log;
    log.Commit(0, {ProtocolJson(), MetadataJson()});
    log.Commit(1, {AddJson("ok.parquet"), c.action});
    auto snap = log.table().LatestSnapshot();
    ASSERT_FALSE(snap.ok()) << c.action;
    EXPECT_TRUE(snap.status().IsInvalidTable()) << snap.status().ToString();
    EXPECT_EQ(snap.status().message().find(c.message + " (memory:///t/_delta_log/"
                                                       "00000000000000000001.json, line 2)") !=
                  std::string::npos,
              true)
        << snap.status().ToString();
  }
}

TEST(ContainmentTest, AbsolutePathsFollowTheEnginePolicy) {
  LogBuilder log;
  log.Commit(0, {ProtocolJson(), MetadataJson()});
  log.Commit(1, {AddJson("in.parquet"), AddJson("memory:///elsewhere/clone.parquet")});

  // Default: the table's own store is allowed.
  auto files = (*Scan::Make(*log.table().LatestSnapshot(), {}))->Files();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 2u);
  std::set<std::string> locations;
  for (const ScanFile& f : *files) locations.insert(f.location);
  EXPECT_EQ(locations,
            (std::set<std::string>{"memory:///elsewhere/clone.parquet", "memory:///t/in.parquet"}));

  LocationPolicy strict;
  strict.allow_same_store = false;
  auto table = *Table::ForLocation(log.root(), EngineWith(log, strict));
  auto snap = table.LatestSnapshot();
  ASSERT_TRUE(snap.ok());  // loading reads no data file
  auto refused = (*Scan::Make(*snap, {}))->Files();
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().code() == StatusCode::kPermissionDenied);
  EXPECT_EQ(
      refused.status().message().rfind(
          "table memory:///t points at memory:///elsewhere/clone.parquet, outside the table", 0),
      0u)
      << refused.status().ToString();

  strict.allowed_prefixes = {"memory:///elsewhere"};
  table = *Table::ForLocation(log.root(), EngineWith(log, strict));
  auto allowed = (*Scan::Make(*table.LatestSnapshot(), {}))->Files();
  ASSERT_TRUE(allowed.ok()) << allowed.status().ToString();
  EXPECT_EQ(allowed->size(), 2u);
}

TEST(ContainmentTest, AbsoluteDeletionVectorFollowsThePolicy) {
  LogBuilder log;
  DeletionVectorDescriptor d;
  d.storage_type = 'p';
  d.path_or_inline = "memory:///secret/dv.bin";
  d.offset = 1;
  d.size_in_bytes = 36;
  d.cardinality = 1;
  LocationPolicy strict;
  strict.allow_same_store = false;
  auto refused = LoadDeletionVector(*log.fs(), "memory:///t", d, strict);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().code() == StatusCode::kPermissionDenied)
      << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("points at memory:///secret/dv.bin"),
            std::string::npos);
  // Allowed by the default policy: the read itself then fails (no such file).
  auto missing = LoadDeletionVector(*log.fs(), "memory:///t", d);
  EXPECT_TRUE(missing.status().IsInvalidTable()) << missing.status().ToString();
}

}  // namespace
}  // namespace delta
