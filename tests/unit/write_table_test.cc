// CreateTable and WriteTable through the public API with the default engine on local disk:
// every mode, replaceWhere, schema enforcement and evolution, idempotent app ids; what was
// written is read back row by row.
#include "delta/write_table.h"

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "delta/default_engine.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "support/arrow_stream.h"
#include "support/id_part_table.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Engine1;
using test::LatestVersion;
using test::Rows;
using test::Stream;

TEST(WriteTable, CreatesAppendsOverwritesAndReadsBack) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  WriteOptions create;
  create.partition_by = {"part"};
  ArrowArrayStream s0 = Stream({1, 2, 3}, {"a", "a", "b"});
  auto r0 = WriteTable(root, engine, &s0, create);
  ASSERT_TRUE(r0.ok()) << r0.status().ToString();
  EXPECT_EQ(r0->version, 0);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a", "3/b"}));
  auto snap = *(*Table::ForLocation(root, engine)).LatestSnapshot();
  EXPECT_EQ(snap->partition_columns(), std::vector<std::string>{"part"});
  EXPECT_EQ(snap->files().size(), 2u);  // one per partition
  EXPECT_EQ(snap->commit_info()->operation_parameters.at("mode"), "ErrorIfExists");
  EXPECT_EQ(snap->commit_info()->operation_parameters.at("partitionBy"), R"(["part"])");

  // Mode error on an existing table: nothing written.
  ArrowArrayStream again = Stream({9}, {"z"});
  auto exists = WriteTable(root, engine, &again, create);
  ASSERT_FALSE(exists.ok());
  EXPECT_EQ(exists.status().detail_kind(), ErrorDetailKind::kAlreadyExists);
  // Ignore: nothing written, says so.
  WriteOptions ignore;
  ignore.mode = SaveMode::kIgnore;
  ArrowArrayStream ign = Stream({9}, {"z"});
  auto ignored = WriteTable(root, engine, &ign, ignore);
  ASSERT_TRUE(ignored.ok());
  EXPECT_FALSE(ignored->committed);
  EXPECT_EQ(ignored->version, 0);

  WriteOptions append;
  append.mode = SaveMode::kAppend;
  ArrowArrayStream s1 = Stream({4}, {"b"});
  auto r1 = WriteTable(root, engine, &s1, append);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->version, 1);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a", "3/b", "4/b"}));

  // replaceWhere over a partition column: partition a only.
  WriteOptions replace;
  replace.mode = SaveMode::kOverwrite;
  replace.predicate = "part = 'a'";
  ArrowArrayStream s2 = Stream({10, 11}, {"a", "a"});
  auto r2 = WriteTable(root, engine, &s2, replace);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"10/a", "11/a", "3/b", "4/b"}));

  // A written row outside the predicate is refused; nothing is committed.
  ArrowArrayStream outside = Stream({20, 21}, {"a", "b"});
  auto r_out = WriteTable(root, engine, &outside, replace);
  ASSERT_FALSE(r_out.ok());
  EXPECT_EQ(r_out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r_out.status().message().find("CHECK constraint replaceWhere (part = 'a') violated"),
            std::string::npos)
      << r_out.status().ToString();
  EXPECT_EQ(LatestVersion(root, engine), 2);

  // A predicate over data columns: the matching rows go (here whole files: 10 and 11 in a,
  // 4 in b), 3 stays, and a written row outside the predicate is refused.
  WriteOptions data_pred = replace;
  data_pred.predicate = "id > 3";
  ArrowArrayStream s3_out = Stream({12, 1}, {"a", "a"});
  auto r3_out = WriteTable(root, engine, &s3_out, data_pred);
  ASSERT_FALSE(r3_out.ok());
  EXPECT_EQ(r3_out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(LatestVersion(root, engine), 2);
  ArrowArrayStream s3 = Stream({12}, {"a"});
  auto r3 = WriteTable(root, engine, &s3, data_pred);
  ASSERT_TRUE(r3.ok()) << r3.status().ToString();
  EXPECT_EQ(r3->version, 3);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"12/a", "3/b"}));

  WriteOptions overwrite;
  overwrite.mode = SaveMode::kOverwrite;
  ArrowArrayStream s4 = Stream({7}, {"c"});
  auto r4 = WriteTable(root, engine, &s4, overwrite);
  ASSERT_TRUE(r4.ok()) << r4.status().ToString();
  EXPECT_EQ(r4->version, 4);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"7/c"}));
  auto history = *(*Table::ForLocation(root, engine)).History();
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(history[0].commit_info->operation_parameters.at("mode"), "Overwrite");
  EXPECT_EQ(history[1].commit_info->operation_parameters.at("predicate"), R"(["id > 3"])");
  EXPECT_EQ(history[2].commit_info->operation_parameters.at("predicate"), R"(["part = 'a'"])");
}

TEST(WriteTable, EnforcesTheSchemaAndEvolvesItOnRequest) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  ArrowArrayStream s0 = Stream({1}, {"a"});
  ASSERT_TRUE(WriteTable(root, engine, &s0, {}).ok());

  WriteOptions append;
  append.mode = SaveMode::kAppend;
  ArrowArrayStream extra = Stream({2}, {"b"}, "score");
  auto refused = WriteTable(root, engine, &extra, append);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("score"), std::string::npos)
      << refused.status().ToString();
  EXPECT_EQ(LatestVersion(root, engine), 0);

  append.schema_mode = SchemaMode::kMerge;
  ArrowArrayStream merged = Stream({2}, {"b"}, "score");
  auto r = WriteTable(root, engine, &merged, append);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a/null", "2/b/20"}));
  auto snap = *(*Table::ForLocation(root, engine)).LatestSnapshot();
  ASSERT_EQ(snap->schema()->num_fields(), 3u);
  EXPECT_EQ(snap->schema()->fields()[2].name, "score");

  // Overwrite with a new schema.
  WriteOptions replace;
  replace.mode = SaveMode::kOverwrite;
  replace.schema_mode = SchemaMode::kOverwrite;
  ArrowArrayStream s2 = Stream({5}, {"q"});
  ASSERT_TRUE(WriteTable(root, engine, &s2, replace).ok());
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"5/q"}));
  EXPECT_EQ((*(*Table::ForLocation(root, engine)).LatestSnapshot())->schema()->num_fields(), 2u);

  // Options that contradict each other.
  WriteOptions bad;
  bad.mode = SaveMode::kAppend;
  bad.predicate = "part = 'a'";
  ArrowArrayStream s3 = Stream({5}, {"q"});
  EXPECT_EQ(WriteTable(root, engine, &s3, bad).status().code(), StatusCode::kInvalidArgument);
}

TEST(WriteTable, AppTransactionsMakeRetriesIdempotent) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  WriteOptions o;
  o.mode = SaveMode::kAppend;
  o.app_transaction = AppTransaction{"job-7", 1};
  ArrowArrayStream s0 = Stream({1}, {"a"});
  ASSERT_TRUE(WriteTable(root, engine, &s0, o).ok());
  ArrowArrayStream s1 = Stream({1}, {"a"});
  auto again = WriteTable(root, engine, &s1, o);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->committed);
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a"}));
  o.app_transaction->version = 2;
  ArrowArrayStream s2 = Stream({2}, {"a"});
  ASSERT_TRUE(WriteTable(root, engine, &s2, o).ok());
  EXPECT_EQ(Rows(root, engine), (std::vector<std::string>{"1/a", "2/a"}));
}

TEST(CreateTable, DerivesTheProtocolAndHonoursTheModes) {
  test::TempDir dir;
  auto engine = Engine1();
  const std::string root = dir.path();
  auto schema = *ParseSchema(
      R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":false,"metadata":{}},)"
      R"({"name":"ts","type":"timestamp_ntz","nullable":true,"metadata":{}}]})");
  CreateTableOptions o;
  o.properties = {{"delta.enableChangeDataFeed", "true"}, {"delta.enableDeletionVectors", "true"}};
  o.description = "events";
  auto r = CreateTable(root, engine, *schema, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->version, 0);
  auto snap = *(*Table::ForLocation(root, engine)).LatestSnapshot();
  EXPECT_EQ(snap->protocol().min_reader_version, 3);
  EXPECT_EQ(snap->protocol().min_writer_version, 7);
  EXPECT_EQ(snap->protocol().reader_features,
            (std::vector<std::string>{"deletionVectors", "timestampNtz"}));
  EXPECT_EQ(snap->protocol().writer_features,
            (std::vector<std::string>{"changeDataFeed", "deletionVectors", "timestampNtz"}));
  EXPECT_EQ(snap->metadata().description, "events");
  EXPECT_EQ(snap->commit_info()->operation, "CREATE TABLE");

  auto again = CreateTable(root, engine, *schema, o);
  EXPECT_EQ(again.status().detail_kind(), ErrorDetailKind::kAlreadyExists);
  o.mode = CreateMode::kIgnore;
  auto ignored = CreateTable(root, engine, *schema, o);
  ASSERT_TRUE(ignored.ok());
  EXPECT_FALSE(ignored->committed);

  o.mode = CreateMode::kReplace;
  o.properties = {};
  auto narrow = *ParseSchema(
      R"({"type":"struct","fields":[{"name":"k","type":"string","nullable":true,"metadata":{}}]})");
  auto replaced = CreateTable(root, engine, *narrow, o);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  auto after = *(*Table::ForLocation(root, engine)).LatestSnapshot();
  EXPECT_EQ(after->version(), 1);
  EXPECT_EQ(after->metadata().id, snap->metadata().id);
  EXPECT_EQ(after->schema()->fields()[0].name, "k");
  EXPECT_EQ(after->protocol(), snap->protocol());  // never downgraded

  // A feature this kernel cannot write is refused before anything is written.
  test::TempDir other;
  CreateTableOptions clustered;
  clustered.properties = {{"delta.feature.clustering", "supported"}};
  auto refused = CreateTable(other.path(), engine, *schema, clustered);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(refused.status().message().find("clustering"), std::string::npos);
}

}  // namespace
}  // namespace delta
