// OPTIMIZE of clustered tables (the clustering feature, "liquid clustering") through the public
// API: files are sorted by the clustering columns, carry clusteringProvider, every row is kept,
// data skipping on the clustering columns improves, and clustered files are not rewritten again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "delta/optimize.h"
#include "support/id_part_table.h"
#include "support/scan_files.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

using test::Append;
using test::CommitText;
using test::Engine1;
using test::FilesSelected;
using test::Latest;
using test::Rows;
using test::TotalBytes;

// Version 0 of a clustered table of (id long, part string), as Delta Spark's CREATE TABLE ...
// CLUSTER BY writes it: `columns` is the clusteringColumns JSON, e.g. [["id"]].
void CreateClustered(const std::string& root, const std::string& columns,
                     const std::string& configuration = "{}") {
  std::filesystem::create_directories(root + "/_delta_log");
  std::ofstream out(root + "/_delta_log/00000000000000000000.json");
  out << R"({"protocol":{"minReaderVersion":1,"minWriterVersion":7,)"
      << R"("writerFeatures":["domainMetadata","clustering"]}})"
      << "\n"
      << R"({"metaData":{"id":"clustered","format":{"provider":"parquet","options":{}},)"
      << R"("schemaString":"{\"type\":\"struct\",\"fields\":[)"
      << R"({\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},)"
      << R"({\"name\":\"part\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]}",)"
      << R"("partitionColumns":[],"configuration":)" << configuration << R"(,"createdTime":1}})"
      << "\n"
      << R"({"domainMetadata":{"domain":"delta.clustering","configuration":"{\"clusteringColumns\":)"
      << columns << R"(,\"domainName\":\"delta.clustering\"}","removed":false}})"
      << "\n";
}

// Eight appends, each spread over the whole id range (file f holds f, f + 8, ..., f + 248):
// before OPTIMIZE no file can be skipped for an id range; after, the files split it.
TEST(OptimizeClustered, SortsByTheClusteringColumnAndMarksTheFiles) {
  test::TempDir dir;
  auto engine = Engine1();
  CreateClustered(dir.path(), R"([[\"id\"]])");
  for (int64_t f = 0; f < 8; ++f) {
    std::vector<int64_t> ids;
    for (int64_t i = f; i < 256; i += 8) ids.push_back(i);
    Append(dir.path(), engine, ids, "p" + std::to_string(f));
  }
  const std::vector<std::string> before = Rows(dir.path(), engine);
  ASSERT_EQ(before.size(), 256u);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "id < 32"), 8);

  OptimizeOptions o;
  o.target_size = TotalBytes(dir.path(), engine) / 4;
  auto r = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_considered, 8);
  EXPECT_EQ(r->files_removed, 8);
  EXPECT_EQ(r->files_added, 4);
  EXPECT_EQ(r->rows_written, 256);
  EXPECT_EQ(Rows(dir.path(), engine), before);
  auto after = Latest(dir.path(), engine);
  EXPECT_EQ(after->commit_info()->operation, "OPTIMIZE");
  EXPECT_EQ(after->commit_info()->operation_parameters.at("clusterBy"), R"(["id"])");
  EXPECT_EQ(after->commit_info()->operation_parameters.at("zOrderBy"), "[]");
  ASSERT_EQ(after->files().size(), 4u);
  for (const AddFile& f : after->files()) {
    EXPECT_EQ(f.clustering_provider, "liquid") << f.path;
    EXPECT_FALSE(f.data_change) << f.path;
  }
  EXPECT_NE(CommitText(dir.path(), 9).find(R"("clusteringProvider":"liquid")"), std::string::npos);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "id < 32"), 1);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "id >= 100 AND id < 140"), 1);

  // Every file is clustered: nothing to do, no commit.
  auto again = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->files_considered, 4);
  EXPECT_EQ(again->files_removed, 0);
  EXPECT_FALSE(again->commit.has_value());

  // A new append is unclustered: only it is rewritten, the clustered files stay.
  Append(dir.path(), engine, {300, 1, 200}, "new");
  auto third = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->files_removed, 1);
  EXPECT_EQ(third->files_added, 1);
  EXPECT_EQ(Rows(dir.path(), engine).size(), 259u);
  EXPECT_EQ(Latest(dir.path(), engine)->files().size(), 5u);
}

// A 32 x 32 grid of (part, id) written in part order; clustering by both columns Z-orders
// them, so a range on id, the second column, skips files it could not skip before.
TEST(OptimizeClustered, SeveralClusteringColumnsAreZOrdered) {
  test::TempDir dir;
  auto engine = Engine1();
  CreateClustered(dir.path(), R"([[\"part\"],[\"id\"]])");
  for (int64_t f = 0; f < 8; ++f) {
    std::vector<int64_t> ids;
    std::vector<std::string> parts;
    for (int64_t p = 4 * f; p < 4 * f + 4; ++p) {
      for (int64_t id = 0; id < 32; ++id) {
        ids.push_back(id);
        parts.push_back((p < 10 ? "p0" : "p") + std::to_string(p));
      }
    }
    WriteOptions w;
    w.mode = SaveMode::kAppend;
    ArrowArrayStream s = test::Stream(ids, parts);
    ASSERT_TRUE(WriteTable(dir.path(), engine, &s, w).ok());
  }
  const std::vector<std::string> before = Rows(dir.path(), engine);
  ASSERT_EQ(before.size(), 1024u);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "id < 4"), 8);

  OptimizeOptions o;
  o.target_size = TotalBytes(dir.path(), engine) / 4;
  auto r = Optimize(dir.path(), engine, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->files_removed, 8);
  // Written in files of at most about a quarter of the input bytes: five of them.
  EXPECT_EQ(r->files_added, 5);
  EXPECT_EQ(Rows(dir.path(), engine), before);
  EXPECT_EQ(Latest(dir.path(), engine)->commit_info()->operation_parameters.at("clusterBy"),
            R"(["part","id"])");
  // Before, every file held every id (8 of 8 read); now 3 of 5.
  EXPECT_EQ(FilesSelected(dir.path(), engine, "id < 4"), 3);
  EXPECT_EQ(FilesSelected(dir.path(), engine, "part < 'p04'"), 2);
}

TEST(OptimizeClustered, RefusesZOrderAndWritesWithoutClusteringStatistics) {
  test::TempDir dir;
  auto engine = Engine1();
  CreateClustered(dir.path(), R"([[\"id\"]])");
  Append(dir.path(), engine, {1, 2}, "a");
  Append(dir.path(), engine, {3, 4}, "b");
  OptimizeOptions o;
  o.z_order = {"part"};
  auto z = Optimize(dir.path(), engine, o);
  ASSERT_FALSE(z.ok());
  EXPECT_EQ(z.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(z.status().message().find(
                R"(the table is clustered by ["id"]; OPTIMIZE sorts it by its clustering )"
                R"(columns and takes no z-order columns ["part"])"),
            std::string::npos)
      << z.status().ToString();

  // Clustered by the second column while statistics cover only the first: no write may add a
  // file without statistics on it.
  test::TempDir narrow;
  CreateClustered(narrow.path(), R"([[\"part\"]])", R"({"delta.dataSkippingNumIndexedCols":"1"})");
  WriteOptions w;
  w.mode = SaveMode::kAppend;
  ArrowArrayStream s = test::Stream({1}, {"a"});
  auto refused = WriteTable(narrow.path(), engine, &s, w);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("clustering column 'part' would get no statistics"),
            std::string::npos)
      << refused.status().ToString();

  // Clustering transforms (a newer form of the domain) are refused, not misread.
  test::TempDir transform;
  CreateClustered(transform.path(), R"([{\"column\":[\"id\"]}])");
  ArrowArrayStream t = test::Stream({1}, {"a"});
  auto unknown = WriteTable(transform.path(), engine, &t, w);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(unknown.status().message().find(
                R"(clustering column entry {"column":["id"]} is not a list of column names)"),
            std::string::npos)
      << unknown.status().ToString();
}

}  // namespace
}  // namespace delta
