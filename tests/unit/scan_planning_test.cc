// Scan::Make and planning: column paths, projection, column mapping, transforms, partition
// values, pruning and skipping counts, the parallel file iterator.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/table.h"
#include "scan/scan_columns.h"
#include "support/conformance_tables.h"
#include "support/log_builder.h"

namespace delta {
namespace {

using testing::AddJson;
using testing::LogBuilder;
using testing::ProtocolJson;

std::shared_ptr<const Snapshot> LoadGolden(const std::string& name) {
  std::string path = test::ExtractedTablePath(name);
  EXPECT_FALSE(path.empty()) << name;
  auto engine = MakeDefaultEngine();
  EXPECT_TRUE(engine.ok());
  auto table = Table::ForLocation(path, *engine);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  auto snap = table->LatestSnapshot();
  EXPECT_TRUE(snap.ok()) << snap.status().ToString();
  return *snap;
}

std::vector<std::string> Names(const StructType& s) {
  std::vector<std::string> out;
  for (const StructField& f : s.fields()) out.push_back(f.name);
  return out;
}

ScanOptions Columns(std::vector<std::string> cols) {
  ScanOptions o;
  o.columns = std::move(cols);
  return o;
}

ScanOptions Where(const std::string& predicate) {
  ScanOptions o;
  auto parsed = ParseExpression(predicate);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  o.filter = *parsed;
  return o;
}

// --- column paths ---------------------------------------------------------------------------

TEST(ScanColumnPathTest, SplitsDotsAndHonoursBackquotes) {
  EXPECT_EQ(*ParseColumnPath("a"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(*ParseColumnPath("a.b.c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(*ParseColumnPath("`a.b`.c"), (std::vector<std::string>{"a.b", "c"}));
  EXPECT_EQ(*ParseColumnPath("x.`y``z`"), (std::vector<std::string>{"x", "y`z"}));
  EXPECT_EQ(*ParseColumnPath("``"), (std::vector<std::string>{""}));
  for (const char* bad : {"", "a..b", "a.", ".a", "`a", "`a`b", "a`b`"}) {
    auto r = ParseColumnPath(bad);
    EXPECT_TRUE(r.status().IsInvalidArgument()) << bad;
  }
}

// --- Scan::Make -------------------------------------------------------------------------------

TEST(ScanMakeTest, AllColumnsByDefaultWithPhysicalTransforms) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("data-reader-primitives");
  auto scan = Scan::Make(snap, {});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ(Names(*(*scan)->output_schema()), Names(*snap->schema()));
  EXPECT_EQ((*scan)->physical_schema()->num_fields(), snap->schema()->num_fields());
  ASSERT_EQ((*scan)->transforms().size(), snap->schema()->num_fields());
  for (size_t i = 0; i < (*scan)->transforms().size(); ++i) {
    const ColumnTransform& t = (*scan)->transforms()[i];
    EXPECT_EQ(t.source, ColumnSource::kPhysical);
    EXPECT_EQ(t.physical_index, static_cast<int>(i));
    EXPECT_EQ(t.name, snap->schema()->fields()[i].name);
  }
  EXPECT_EQ((*scan)->column_mapping_mode(), ColumnMappingMode::kNone);
}

TEST(ScanMakeTest, ProjectsInRequestedOrderAndPrunesNestedStructs) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("table-with-columnmapping-mode-name");
  auto scan =
      Scan::Make(snap, Columns({"nested_struct.ac.aca", "integertype", "nested_struct.aa"}));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  const StructType& out = *(*scan)->output_schema();
  // Case-insensitive lookup, schema spelling in the output; struct fields in schema order.
  EXPECT_EQ(Names(out), (std::vector<std::string>{"nested_struct", "IntegerType"}));
  EXPECT_EQ(out.fields()[0].type->ToString(), "struct<aa:string,ac:struct<aca:integer>>");
  EXPECT_EQ(out.fields()[1].type->kind(), TypeKind::kInteger);
}

TEST(ScanMakeTest, NameModeReadsPhysicalNamesAtEveryLevel) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("table-with-columnmapping-mode-name");
  auto scan = Scan::Make(snap, Columns({"ByteType", "nested_struct"}));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ((*scan)->column_mapping_mode(), ColumnMappingMode::kName);
  const StructType& phys = *(*scan)->physical_schema();
  ASSERT_EQ(phys.num_fields(), 2u);
  const StructType& logical = *snap->schema();
  EXPECT_EQ(phys.fields()[0].name, *logical.field("ByteType")->PhysicalName());
  const StructField* nested = logical.field("nested_struct");
  EXPECT_EQ(phys.fields()[1].name, *nested->PhysicalName());
  const StructType* phys_nested = phys.fields()[1].type->as_struct();
  ASSERT_NE(phys_nested, nullptr);
  EXPECT_EQ(phys_nested->fields()[0].name, *nested->type->as_struct()->field("aa")->PhysicalName());
  EXPECT_TRUE(phys.fields()[0].metadata.empty());  // name mode: no ids
  // The output keeps logical names.
  EXPECT_EQ(Names(*(*scan)->output_schema()),
            (std::vector<std::string>{"ByteType", "nested_struct"}));
}

TEST(ScanMakeTest, IdModeCarriesColumnIds) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("table-with-columnmapping-mode-id");
  auto scan = Scan::Make(snap, Columns({"LongType"}));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ((*scan)->column_mapping_mode(), ColumnMappingMode::kId);
  const StructField& f = (*scan)->physical_schema()->fields()[0];
  EXPECT_EQ(f.name, *snap->schema()->field("LongType")->PhysicalName());
  EXPECT_EQ(f.ColumnMappingId(), snap->schema()->field("LongType")->ColumnMappingId());
  auto arrow_schema = (*scan)->PhysicalArrowSchema();
  ASSERT_TRUE(arrow_schema.ok());
  ASSERT_EQ((*arrow_schema)->n_children, 1);
  ASSERT_NE((*arrow_schema)->children[0]->metadata, nullptr);
}

TEST(ScanMakeTest, UnknownColumnsAreInvalidArgumentNamingThem) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("data-reader-primitives");
  auto r = Scan::Make(snap, Columns({"as_int", "no_such_column"}));
  ASSERT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("no_such_column"), std::string::npos);
  r = Scan::Make(snap, Columns({"as_int.x"}));
  ASSERT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("as_int"), std::string::npos);
  r = Scan::Make(snap, Columns({"as_int", "AS_INT"}));
  EXPECT_TRUE(r.status().IsInvalidArgument());
  r = Scan::Make(snap, Where("missing_col > 1"));
  ASSERT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("missing_col"), std::string::npos);
  ScanOptions neg;
  neg.limit = -1;
  EXPECT_TRUE(Scan::Make(snap, neg).status().IsInvalidArgument());
}

TEST(ScanMakeTest, FilterOnlyColumnsAreReadButNotReturned) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("data-reader-primitives");
  ScanOptions o = Where("as_long > 3");
  o.columns = std::vector<std::string>{"as_int"};
  auto scan = Scan::Make(snap, o);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ(Names(*(*scan)->output_schema()), (std::vector<std::string>{"as_int"}));
  EXPECT_EQ(Names(*(*scan)->working_schema()), (std::vector<std::string>{"as_int", "as_long"}));
  EXPECT_EQ((*scan)->num_output_columns(), 1u);
  EXPECT_EQ(Names(*(*scan)->physical_schema()), (std::vector<std::string>{"as_int", "as_long"}));
}

TEST(ScanMakeTest, PartitionAndMetadataColumnsHaveTheirTransforms) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("basic-decimal-table");
  ScanOptions o = Columns({"col1", "part", "_row_index"});
  o.metadata_columns = {MetadataColumn::kFilePath};
  auto scan = Scan::Make(snap, o);
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ(Names(*(*scan)->output_schema()),
            (std::vector<std::string>{"col1", "part", "_row_index", "_file_path"}));
  const auto& t = (*scan)->transforms();
  EXPECT_EQ(t[0].source, ColumnSource::kPhysical);
  EXPECT_EQ(t[1].source, ColumnSource::kPartition);
  EXPECT_EQ(t[1].partition_column, "part");
  EXPECT_EQ(t[2].source, ColumnSource::kMetadata);
  EXPECT_EQ(t[2].metadata, MetadataColumn::kRowIndex);
  EXPECT_EQ(t[3].metadata, MetadataColumn::kFilePath);
  EXPECT_EQ(Names(*(*scan)->physical_schema()), (std::vector<std::string>{"col1"}));
  EXPECT_EQ((*scan)->partition_columns(), (std::vector<std::string>{"part"}));

  // Metadata columns named in `columns` keep their place.
  scan = Scan::Make(snap, Columns({"_row_index", "col2", "_file_path"}));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  EXPECT_EQ(Names(*(*scan)->output_schema()),
            (std::vector<std::string>{"_row_index", "col2", "_file_path"}));
  EXPECT_EQ((*scan)->transforms()[1].physical_index, 0);
}

TEST(ScanMakeTest, RowTrackingColumnsNeedRowTracking) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("data-reader-primitives");
  ScanOptions o;
  o.metadata_columns = {MetadataColumn::kRowId};
  auto r = Scan::Make(snap, o);
  ASSERT_TRUE(r.status().IsInvalidArgument());
  EXPECT_NE(r.status().message().find("row tracking"), std::string::npos);
  o.metadata_columns = {MetadataColumn::kRowIndex, MetadataColumn::kRowIndex};
  EXPECT_TRUE(Scan::Make(snap, o).status().IsInvalidArgument());
}

TEST(ScanMakeTest, VoidColumnsAreNullTransforms) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string path = test::ExtractedTablePath("tables/void-column");
  ASSERT_FALSE(path.empty());
  auto table = Table::ForLocation(path, *MakeDefaultEngine());
  auto snap = table->LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  bool saw_void = false;
  for (const ColumnTransform& t : (*scan)->transforms()) {
    if (t.type->kind() == TypeKind::kVoid) {
      EXPECT_EQ(t.source, ColumnSource::kNull);
      saw_void = true;
    }
  }
  EXPECT_TRUE(saw_void);
}

TEST(ScanMakeTest, FiltersOnCollatedStringsAreUnsupported) {
  for (const std::string collation : {"spark.UTF8_LCASE", "spark.UTF8_BINARY"}) {
    LogBuilder log;
    log.Commit(0, {ProtocolJson(1, 2),
                   R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},)"
                   R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"s\",)"
                   R"(\"type\":\"string\",\"nullable\":true,\"metadata\":{\"__COLLATIONS\":)"
                   R"({\"s\":\")" +
                       collation +
                       R"(\"}}}]}","partitionColumns":[],)"
                       R"("configuration":{}}})"});
    auto snap = log.table().LatestSnapshot();
    ASSERT_TRUE(snap.ok()) << snap.status().ToString();
    EXPECT_TRUE(Scan::Make(*snap, {}).ok());  // reading is fine; comparing is not
    auto r = Scan::Make(*snap, Where("s = 'a'"));
    if (collation == "spark.UTF8_LCASE") {
      ASSERT_TRUE(r.status().IsUnsupported()) << r.status().ToString();
      EXPECT_NE(r.status().message().find("collation"), std::string::npos);
    } else {
      EXPECT_TRUE(r.ok()) << r.status().ToString();
    }
  }
}

// --- planning ---------------------------------------------------------------------------------

TEST(ScanFilesTest, TypedPartitionValuesAndLocations) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("basic-decimal-table");
  auto scan = Scan::Make(snap, {});
  ASSERT_TRUE(scan.ok());
  ScanCounts counts;
  auto files = (*scan)->Files(&counts);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(counts.total_files, 4);
  EXPECT_EQ(counts.selected_files, 4);
  std::set<std::string> parts;
  for (const ScanFile& f : *files) {
    const Literal& v = f.partition_values.at("part");
    ASSERT_EQ(v.kind(), TypeKind::kDecimal);
    EXPECT_EQ(v.decimal_scale(), 5);
    parts.insert(v.ToString());
    EXPECT_EQ(f.location, snap->ResolvePath(f.path));
    EXPECT_EQ(f.num_records, 1);
    EXPECT_GT(f.size, 0);
  }
  EXPECT_EQ(parts,
            (std::set<std::string>{"-2342342.23423", "0.00004", "234.00000", "2342222.23454"}));
}

TEST(ScanFilesTest, PartitionPruningAndDataSkippingCounts) {
  DELTA_REQUIRE_CONFORMANCE();
  auto snap = LoadGolden("basic-decimal-table");
  // Partition predicate: one partition survives.
  auto scan = Scan::Make(snap, Where("part > 1000"));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  ScanCounts counts;
  auto files = (*scan)->Files(&counts);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(counts.total_files, 4);
  EXPECT_EQ(counts.pruned_by_partition, 3);
  EXPECT_EQ(counts.skipped_by_stats, 0);
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ(files->front().partition_values.at("part").ToString(), "2342222.23454");

  // Data predicate: the stats of three files prove it false.
  scan = Scan::Make(snap, Where("col1 = 1.00"));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  files = (*scan)->Files(&counts);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(counts.pruned_by_partition, 0);
  EXPECT_EQ(counts.skipped_by_stats, 3);
  EXPECT_EQ(counts.selected_files, 1);

  // Both off: every file.
  ScanOptions o = Where("col1 = 1.00 AND part > 1000");
  o.partition_pruning = false;
  o.data_skipping = false;
  scan = Scan::Make(snap, o);
  ASSERT_TRUE(scan.ok());
  files = (*scan)->Files(&counts);
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(counts.selected_files, 4);
  EXPECT_EQ(files->size(), 4u);
}

// Many files in memory: blocks planned in parallel, iterator and Files() agree.
TEST(ScanFilesTest, IteratorMatchesFilesOverManyBlocks) {
  LogBuilder log;
  std::vector<std::string> lines = {
      ProtocolJson(1, 2),
      R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},"schemaString":)"
      R"("{\"type\":\"struct\",\"fields\":[{\"name\":\"p\",\"type\":\"integer\",\"nullable\":true,)"
      R"(\"metadata\":{}},{\"name\":\"v\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}",)"
      R"("partitionColumns":["p"],"configuration":{}}})"};
  const int kFiles = 5000;
  for (int i = 0; i < kFiles; ++i) {
    std::string p = std::to_string(i % 10);
    lines.push_back(
        R"({"add":{"path":"p=)" + p + "/f" + std::to_string(i) +
        R"(.parquet","partitionValues":{"p":")" + p +
        R"("},"size":10,"modificationTime":1,"dataChange":true,"stats":"{\"numRecords\":)" +
        "1,\\\"minValues\\\":{\\\"v\\\":" + std::to_string(i) +
        "},\\\"maxValues\\\":{\\\"v\\\":" + std::to_string(i) + R"(}}"}})");
  }
  log.Commit(0, lines);
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok()) << snap.status().ToString();
  auto scan = Scan::Make(*snap, Where("p = 3 AND v < 2000"));
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();

  ScanCounts counts;
  auto files = (*scan)->Files(&counts);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(counts.total_files, kFiles);
  EXPECT_EQ(counts.pruned_by_partition, kFiles * 9 / 10);
  EXPECT_EQ(counts.skipped_by_stats, 300);  // p=3 files with v >= 2000
  EXPECT_EQ(counts.selected_files, 200);
  std::set<std::string> from_files;
  for (const ScanFile& f : *files) {
    EXPECT_EQ(f.partition_values.at("p"), Literal::Integer(3));
    from_files.insert(f.location);
  }

  auto it = (*scan)->FileIterator();
  std::set<std::string> from_iterator;
  while (true) {
    auto next = it->Next();
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    if (!next->has_value()) break;
    from_iterator.insert((*next)->location);
  }
  EXPECT_EQ(from_iterator, from_files);
  EXPECT_EQ(it->counts().total_files, kFiles);
  EXPECT_EQ(it->counts().selected_files, 200);

  // An iterator dropped early stops its planning tasks cleanly.
  auto early = (*scan)->FileIterator();
  ASSERT_TRUE(early->Next().ok());
  early.reset();
}

TEST(ScanFilesTest, MalformedPartitionValueNamesTheFile) {
  LogBuilder log;
  log.Commit(0, {ProtocolJson(1, 2),
                 R"({"metaData":{"id":"x","format":{"provider":"parquet","options":{}},)"
                 R"("schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"p\",)"
                 R"(\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]}",)"
                 R"("partitionColumns":["p"],"configuration":{}}})",
                 R"({"add":{"path":"bad.parquet","partitionValues":{"p":"abc"},"size":1,)"
                 R"("modificationTime":1,"dataChange":true}})"});
  auto snap = log.table().LatestSnapshot();
  ASSERT_TRUE(snap.ok());
  auto scan = Scan::Make(*snap, {});
  ASSERT_TRUE(scan.ok());
  auto files = (*scan)->Files();
  ASSERT_TRUE(files.status().IsInvalidTable()) << files.status().ToString();
  EXPECT_NE(files.status().message().find("bad.parquet"), std::string::npos);
  auto it = (*scan)->FileIterator();
  EXPECT_TRUE(it->Next().status().IsInvalidTable());
  EXPECT_TRUE(it->Next().status().IsInvalidTable());  // sticky
}

}  // namespace
}  // namespace delta
