#include "delta/default_engine.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/io/file.h>
#include <arrow/io/memory.h>
#include <arrow/json/from_string.h>
#include <arrow/util/key_value_metadata.h>
#include <parquet/arrow/writer.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "delta/forwarding_file_system.h"
#include "delta/latency_file_system.h"
#include "delta/memory_file_system.h"
#include "support/conformance_tables.h"
#include "support/create_race.h"
#include "support/temp_dir.h"

namespace delta {
namespace {

namespace fs = std::filesystem;

// --- helpers ---------------------------------------------------------------------------------

using test::TempDir;

void WriteBytes(const std::string& path, const std::string& data) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::shared_ptr<arrow::KeyValueMetadata> FieldId(int id) {
  return arrow::key_value_metadata({"PARQUET:field_id"}, {std::to_string(id)});
}

std::shared_ptr<arrow::Array> Json(const std::shared_ptr<arrow::DataType>& type,
                                   const std::string& json) {
  auto array = arrow::json::ArrayFromJSONString(type, json);
  EXPECT_TRUE(array.ok()) << array.status().ToString();
  return *array;
}

std::shared_ptr<arrow::Table> MakeTable(const std::shared_ptr<arrow::Schema>& schema,
                                        const std::vector<std::string>& columns) {
  arrow::ArrayVector arrays;
  for (int i = 0; i < schema->num_fields(); ++i) {
    arrays.push_back(Json(schema->field(i)->type(), columns[static_cast<size_t>(i)]));
  }
  return arrow::Table::Make(schema, arrays);
}

std::shared_ptr<parquet::ArrowWriterProperties> StoreSchema() {
  return parquet::ArrowWriterProperties::Builder().store_schema()->build();
}

std::string ParquetBytes(const arrow::Table& table, int64_t row_group_size = 1024,
                         std::shared_ptr<parquet::ArrowWriterProperties> arrow_props =
                             parquet::default_arrow_writer_properties()) {
  auto sink = *arrow::io::BufferOutputStream::Create();
  auto st = parquet::arrow::WriteTable(table, arrow::default_memory_pool(), sink, row_group_size,
                                       parquet::default_writer_properties(), arrow_props);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return (*sink->Finish())->ToString();
}

ArrowSchemaHandle Export(const arrow::Schema& schema) {
  ArrowSchemaHandle handle;
  EXPECT_TRUE(arrow::ExportSchema(schema, handle.get()).ok());
  return handle;
}

arrow::Result<std::shared_ptr<arrow::Table>> Collect(ArrowStreamHandle& stream) {
  ARROW_ASSIGN_OR_RAISE(auto reader, arrow::ImportRecordBatchReader(stream.get()));
  return reader->ToTable();
}

std::shared_ptr<arrow::Table> ReadAll(Engine& engine, const FileInfo& file,
                                      const arrow::Schema* schema) {
  std::optional<ArrowSchemaHandle> exported;
  if (schema != nullptr) exported = Export(*schema);
  auto stream = engine.parquet().Read(file, exported ? exported->get() : nullptr);
  EXPECT_TRUE(stream.ok()) << stream.status().ToString();
  if (!stream.ok()) return nullptr;
  auto table = Collect(*stream);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  if (!table.ok()) return nullptr;
  return (*table)->CombineChunks().ValueOrDie();
}

void ExpectColumn(const arrow::Table& table, int i, const std::shared_ptr<arrow::DataType>& type,
                  const std::string& json) {
  auto expected = Json(type, json);
  auto actual = table.column(i)->chunk(0);
  EXPECT_TRUE(actual->Equals(*expected))
      << "column " << i << ":\n  got " << actual->ToString() << "\n  want " << expected->ToString();
}

std::shared_ptr<Engine> LocalEngine(DefaultEngineOptions options = {}) {
  auto engine = MakeDefaultEngine(options);
  EXPECT_TRUE(engine.ok()) << engine.status().ToString();
  return *engine;
}

std::vector<std::string> Locations(const std::vector<FileInfo>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.location);
  return out;
}

// --- engine ----------------------------------------------------------------------------------

TEST(DefaultEngineTest, OptionsAndExecutor) {
  auto engine = LocalEngine({.cpu_threads = 3});
  EXPECT_EQ(engine->executor().parallelism(), 3);
  EXPECT_EQ(engine->file_system().max_concurrency(), 16);
  std::atomic<int> ran{0};
  std::mutex mu;
  std::condition_variable cv;
  for (int i = 0; i < 10; ++i) {
    engine->executor().Submit([&] {
      std::lock_guard lock(mu);
      if (++ran == 10) cv.notify_all();
    });
  }
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return ran.load() == 10; });

  EXPECT_TRUE(MakeDefaultEngine({.io_concurrency = 0}).status().IsInvalidArgument());
  EXPECT_TRUE(MakeDefaultEngine({.cpu_threads = -1}).status().IsInvalidArgument());
  EXPECT_TRUE(MakeDefaultEngine(nullptr, {}).status().IsInvalidArgument());
}

// --- local file system -----------------------------------------------------------------------

TEST(DefaultFileSystemTest, AcceptsPathsAndFileUris) {
  TempDir dir;
  WriteBytes(dir.path() + "/f.txt", "hello");
  auto fs = *MakeDefaultFileSystem();
  for (const std::string& location :
       {dir.path() + "/f.txt", "file://" + dir.path() + "/f.txt", "file:" + dir.path() + "/f.txt",
        "file://localhost" + dir.path() + "/f.txt", "file://" + dir.path() + "//f.txt"}) {
    auto data = fs->ReadFile(location);
    ASSERT_TRUE(data.ok()) << location << ": " << data.status().ToString();
    EXPECT_EQ(*data, "hello");
    EXPECT_EQ(fs->Head(location)->location, dir.uri() + "/f.txt") << location;
  }
  EXPECT_TRUE(fs->ReadFile("relative/f.txt").status().IsInvalidArgument());
  EXPECT_TRUE(fs->ReadFile("file://otherhost/f.txt").status().IsInvalidArgument());
  auto s3 = fs->ReadFile("hdfs://bucket/t/_delta_log/0.json");
  EXPECT_EQ(s3.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(s3.status().message().find("hdfs://bucket/t/_delta_log/0.json"), std::string::npos);
}

TEST(DefaultFileSystemTest, ListFromIsSortedFilteredAndSkipsDirectories) {
  TempDir dir;
  std::string log = dir.path() + "/_delta_log";
  for (const char* name :
       {"00000000000000000010.json", "00000000000000000002.json", "00000000000000000001.json",
        "00000000000000000002.checkpoint.parquet", "_last_checkpoint", "B.json", "a.json"}) {
    WriteBytes(log + "/" + name, name);
  }
  fs::create_directories(log + "/00000000000000000005.dir");
  std::string log_uri = dir.uri() + "/_delta_log";
  auto fs = *MakeDefaultFileSystem();

  auto listed = fs->ListFrom(log_uri + "/00000000000000000002");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(Locations(*listed), (std::vector<std::string>{
                                    log_uri + "/00000000000000000002.checkpoint.parquet",
                                    log_uri + "/00000000000000000002.json",
                                    log_uri + "/00000000000000000010.json",
                                    log_uri + "/B.json",
                                    log_uri + "/_last_checkpoint",
                                    log_uri + "/a.json",
                                }));
  EXPECT_EQ((*listed)[2].size, 25);  // "00000000000000000010.json"

  auto all = fs->ListFrom(log_uri + "/");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 7u);
  EXPECT_EQ(all->front().location, log_uri + "/00000000000000000001.json");
  EXPECT_TRUE(fs->ListFrom(log_uri + "/zzz")->empty());

  auto missing = fs->ListFrom(dir.uri() + "/nope/_delta_log/0");
  EXPECT_TRUE(missing.status().IsNotFound()) << missing.status().ToString();
  EXPECT_NE(missing.status().message().find(dir.uri() + "/nope/_delta_log/0"), std::string::npos);
}

TEST(DefaultFileSystemTest, SpacesAndPercentSignsRoundTrip) {
  TempDir dir;
  WriteBytes(dir.path() + "/t/a b.json", "space");
  WriteBytes(dir.path() + "/t/a%20b.json", "percent");
  WriteBytes(dir.path() + "/t/x=1:2.json", "equals");
  auto fs = *MakeDefaultFileSystem();
  auto listed = fs->ListFrom(dir.uri() + "/t/");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  // Sorted by the decoded names: ' ' (0x20) < '%' (0x25) < 'x'.
  ASSERT_EQ(Locations(*listed), (std::vector<std::string>{
                                    dir.uri() + "/t/a%20b.json",
                                    dir.uri() + "/t/a%2520b.json",
                                    dir.uri() + "/t/x%3D1%3A2.json",
                                }));
  EXPECT_EQ(*fs->ReadFile((*listed)[0].location), "space");
  EXPECT_EQ(*fs->ReadFile((*listed)[1].location), "percent");
  EXPECT_EQ(*fs->ReadFile((*listed)[2].location), "equals");
  EXPECT_EQ(*fs->ReadFile(dir.uri() + "/t/x=1:2.json"), "equals");  // unencoded is fine too

  // Writing through a URI creates the decoded name on disk.
  ASSERT_TRUE(fs->Write(dir.uri() + "/t/new%20dir/b%25c", "w").ok());
  EXPECT_EQ(ReadBytes(dir.path() + "/t/new dir/b%c"), "w");
  // A plain path is literal: no decoding.
  ASSERT_TRUE(fs->Write(dir.path() + "/t/p%41", "literal").ok());
  EXPECT_EQ(ReadBytes(dir.path() + "/t/p%41"), "literal");
  EXPECT_EQ(*fs->ReadFile(dir.uri() + "/t/p%2541"), "literal");
  EXPECT_TRUE(fs->ReadFile(dir.uri() + "/t/p%41").status().IsNotFound());  // that is "pA"
}

TEST(DefaultFileSystemTest, ReadRangeHeadAndErrors) {
  TempDir dir;
  WriteBytes(dir.path() + "/f", "0123456789");
  struct timespec times[2];
  times[0].tv_sec = times[1].tv_sec = 1600000000;
  times[0].tv_nsec = times[1].tv_nsec = 123456789;
  ASSERT_EQ(::utimensat(AT_FDCWD, (dir.path() + "/f").c_str(), times, 0), 0);
  auto fs = *MakeDefaultFileSystem();
  std::string f = dir.uri() + "/f";
  EXPECT_EQ(*fs->ReadRange(f, 2, 3), "234");
  EXPECT_EQ(*fs->ReadRange(f, 7, 100), "789");
  EXPECT_EQ(*fs->ReadRange(f, 10, 5), "");
  EXPECT_TRUE(fs->ReadRange(f, -1, 5).status().IsInvalidArgument());
  auto head = fs->Head(f);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->size, 10);
  EXPECT_EQ(head->modification_time_ms, 1600000000123);
  EXPECT_EQ((*fs->ListFrom(f))[0].modification_time_ms, 1600000000123);

  std::string missing = dir.uri() + "/missing%20file";
  for (const Status& st : {fs->ReadFile(missing).status(), fs->ReadRange(missing, 0, 1).status(),
                           fs->Head(missing).status()}) {
    EXPECT_TRUE(st.IsNotFound()) << st.ToString();
    EXPECT_NE(st.message().find(missing), std::string::npos) << st.ToString();
  }
  EXPECT_TRUE(fs->Head(dir.uri()).status().IsNotFound());  // a directory is not a file
}

TEST(DefaultFileSystemTest, PermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root bypasses file permissions";
  TempDir dir;
  WriteBytes(dir.path() + "/secret", "x");
  ::chmod((dir.path() + "/secret").c_str(), 0);
  auto fs = *MakeDefaultFileSystem();
  auto st = fs->ReadFile(dir.uri() + "/secret").status();
  EXPECT_EQ(st.code(), StatusCode::kPermissionDenied) << st.ToString();
}

TEST(DefaultFileSystemTest, WriteOverwritesAndCreatesParents) {
  TempDir dir;
  auto fs = *MakeDefaultFileSystem();
  std::string f = dir.uri() + "/a/b/c/_last_checkpoint";
  ASSERT_TRUE(fs->Write(f, "one").ok());
  ASSERT_TRUE(fs->Write(f, "two").ok());
  EXPECT_EQ(*fs->ReadFile(f), "two");
  EXPECT_EQ(Locations(*fs->ListFrom(dir.uri() + "/a/b/c/")), std::vector<std::string>{f});
  ASSERT_TRUE(fs->Delete(f).ok());
  ASSERT_TRUE(fs->Delete(f).ok());  // missing is OK
  EXPECT_TRUE(fs->ReadFile(f).status().IsNotFound());
}

TEST(DefaultFileSystemTest, PutIfAbsentIsAtomicCreate) {
  TempDir dir;
  auto fs = *MakeDefaultFileSystem();
  std::string commit = dir.uri() + "/t/_delta_log/00000000000000000000.json";
  ASSERT_TRUE(fs->PutIfAbsent(commit, "first").ok());  // creates the directories
  Status again = fs->PutIfAbsent(commit, "second");
  EXPECT_TRUE(again.IsConflict()) << again.ToString();
  EXPECT_NE(again.message().find(commit), std::string::npos);
  EXPECT_EQ(*fs->ReadFile(commit), "first");

  std::string next = dir.uri() + "/t/_delta_log/00000000000000000001.json";
  std::atomic<int> winners{0};
  std::atomic<int> conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&, i] {
      Status st = fs->PutIfAbsent(next, "writer " + std::to_string(i));
      if (st.ok()) {
        winners.fetch_add(1);
      } else if (st.IsConflict()) {
        conflicts.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(winners.load(), 1);
  EXPECT_EQ(conflicts.load(), 15);
  EXPECT_EQ(fs->ReadFile(next)->rfind("writer ", 0), 0u);
  // No temporary files are left behind.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path() + "/t/_delta_log")) {
    ++entries;
  }
  EXPECT_EQ(entries, 2);
}

// The names in a directory, temporary files included.
std::vector<std::string> DirEntries(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(DefaultFileSystemTest, RacingCreatorsOfOneNameHaveOneWinner) {
  TempDir dir;
  auto fs = *MakeDefaultFileSystem();
  test::ExpectOneCreatorWins(*fs, dir.uri() + "/t/_delta_log/00000000000000000000.json",
                             /*streamed=*/true);
  test::ExpectOneCreatorWins(*fs, dir.uri() + "/t/_delta_log/00000000000000000001.json",
                             /*streamed=*/false);
  // No temporary files are left behind.
  EXPECT_EQ(DirEntries(dir.path() + "/t/_delta_log"),
            (std::vector<std::string>{"00000000000000000000.json", "00000000000000000001.json"}));
}

TEST(DefaultFileSystemTest, OpenForCreatePublishesOnClose) {
  TempDir dir;
  auto fs = *MakeDefaultFileSystem();
  std::string f = dir.uri() + "/new/part.json";
  {
    auto out = fs->OpenForCreate(f);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    ASSERT_TRUE((*out)->Write("abandoned").ok());
    EXPECT_TRUE(fs->Head(f).status().IsNotFound());
  }  // destroyed without Close: neither the file nor its temporary name remains
  EXPECT_TRUE(DirEntries(dir.path() + "/new").empty());

  auto out = fs->OpenForCreate(f);
  ASSERT_TRUE(out.ok());
  std::string big(1 << 20, 'x');
  ASSERT_TRUE((*out)->Write("{").ok());
  ASSERT_TRUE((*out)->Write(big).ok());
  EXPECT_TRUE(fs->Head(f).status().IsNotFound());  // not visible before Close
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(*fs->ReadFile(f), "{" + big);
  EXPECT_TRUE((*out)->Write("more").IsInvalidArgument());
  EXPECT_TRUE((*out)->Close().IsInvalidArgument());

  // A taken name is reported when the stream publishes, and the file is untouched.
  out = fs->OpenForCreate(f);
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->Write("other").ok());
  Status taken = (*out)->Close();
  EXPECT_TRUE(taken.IsAlreadyExists()) << taken.ToString();
  EXPECT_EQ(fs->ReadFile(f)->size(), big.size() + 1);
  EXPECT_EQ(DirEntries(dir.path() + "/new"), std::vector<std::string>{"part.json"});
}

TEST(DefaultFileSystemTest, ListPrefixMatchesNamesOnDiskAndDeleteManyDeletes) {
  TempDir dir;
  auto fs = *MakeDefaultFileSystem();
  for (const char* name : {"1.json", "1.checkpoint.parquet", "1 b.json", "10.json", "2.json"}) {
    WriteBytes(dir.path() + "/" + name, "x");
  }
  fs::create_directory(dir.path() + "/1.d");
  auto ones = fs->ListPrefix(dir.uri() + "/1.");
  ASSERT_TRUE(ones.ok()) << ones.status().ToString();
  EXPECT_EQ(Locations(*ones),
            (std::vector<std::string>{dir.uri() + "/1.checkpoint.parquet", dir.uri() + "/1.json"}));
  // The prefix is matched before percent-encoding: "1 b" is listed as "1%20b".
  auto spaced = fs->ListPrefix(dir.uri() + "/1%20");
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ(Locations(*spaced), std::vector<std::string>{dir.uri() + "/1%20b.json"});
  EXPECT_EQ(fs->ListPrefix(dir.uri() + "/")->size(), 5u);
  EXPECT_TRUE(fs->ListPrefix(dir.uri() + "/3")->empty());
  EXPECT_TRUE(fs->ListPrefix(dir.uri() + "/nope/x").status().IsNotFound());

  std::vector<std::string> doomed = {dir.uri() + "/1.json", dir.uri() + "/missing",
                                     dir.uri() + "/2.json"};
  ASSERT_TRUE(fs->DeleteMany(doomed).ok());
  EXPECT_EQ(fs->ListPrefix(dir.uri() + "/")->size(), 3u);
}

TEST(DefaultFileSystemTest, ReadFilesKeepsManyInFlight) {
  TempDir dir;
  std::vector<std::string> locations;
  for (int i = 0; i < 50; ++i) {
    locations.push_back(dir.uri() + "/" + std::to_string(i) + ".json");
    if (i != 13) WriteBytes(dir.path() + "/" + std::to_string(i) + ".json", std::to_string(i));
  }
  auto fs = *MakeDefaultFileSystem({.io_concurrency = 8});
  EXPECT_EQ(fs->max_concurrency(), 8);
  std::vector<std::string> got(locations.size());
  std::vector<int> calls(locations.size());
  std::mutex mu;
  fs->ReadFiles(locations, [&](size_t i, Result<std::string> r) {
    std::lock_guard lock(mu);
    ++calls[i];
    got[i] = r.ok() ? *r : std::string(StatusCodeName(r.status().code()));
  });
  for (size_t i = 0; i < locations.size(); ++i) {
    EXPECT_EQ(calls[i], 1);
    EXPECT_EQ(got[i],
              i == 13 ? std::string(StatusCodeName(StatusCode::kNotFound)) : std::to_string(i));
  }
}

// --- Parquet ---------------------------------------------------------------------------------

std::shared_ptr<arrow::Schema> PeopleSchema() {
  auto s_type =
      arrow::struct_({arrow::field("a", arrow::int32()), arrow::field("b", arrow::utf8())});
  return arrow::schema({
      arrow::field("id", arrow::int64()),
      arrow::field("name", arrow::utf8()),
      arrow::field("s", s_type),
      arrow::field("tags", arrow::map(arrow::utf8(), arrow::utf8())),
      arrow::field("nums", arrow::list(arrow::int32())),
  });
}

std::shared_ptr<arrow::Table> PeopleTable() {
  return MakeTable(PeopleSchema(), {
                                       "[1, 2, 3]",
                                       R"(["ann", null, "cy"])",
                                       R"([{"a": 10, "b": "x"}, null, {"a": null, "b": "z"}])",
                                       R"([[["k", "v"]], null, [["a", "1"], ["b", null]]])",
                                       "[[1, 2], [], null]",
                                   });
}

class ParquetReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = LocalEngine();
    WriteBytes(dir_.path() + "/people.parquet", ParquetBytes(*PeopleTable()));
    file_ = *engine_->file_system().Head(dir_.uri() + "/people.parquet");
  }
  TempDir dir_;
  std::shared_ptr<Engine> engine_;
  FileInfo file_;
};

TEST_F(ParquetReadTest, ProjectsByNameInRequestedOrder) {
  auto schema = arrow::schema({arrow::field("name", arrow::utf8()),
                               arrow::field("ID", arrow::int64())});  // case-insensitive match
  auto table = ReadAll(*engine_, file_, schema.get());
  ASSERT_NE(table, nullptr);
  EXPECT_TRUE(table->schema()->Equals(*schema));
  EXPECT_EQ(table->num_rows(), 3);
  ExpectColumn(*table, 0, arrow::utf8(), R"(["ann", null, "cy"])");
  ExpectColumn(*table, 1, arrow::int64(), "[1, 2, 3]");
}

TEST_F(ParquetReadTest, StreamOutlivesTheEngine) {
  auto schema = arrow::schema({arrow::field("id", arrow::int64())});
  auto exported = Export(*schema);
  auto stream = engine_->parquet().Read(file_, exported.get());
  ASSERT_TRUE(stream.ok());
  engine_.reset();
  auto table = Collect(*stream);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_EQ((*table)->num_rows(), 3);
}

TEST_F(ParquetReadTest, NullReadSchemaReadsEverythingAsStored) {
  auto table = ReadAll(*engine_, file_, nullptr);
  ASSERT_NE(table, nullptr);
  EXPECT_TRUE(table->Equals(*PeopleTable()->CombineChunks().ValueOrDie()));
}

TEST_F(ParquetReadTest, NestedProjectionAndMissingColumns) {
  auto s_type =
      arrow::struct_({arrow::field("b", arrow::utf8()), arrow::field("missing", arrow::float64())});
  auto schema =
      arrow::schema({arrow::field("s", s_type), arrow::field("nope", arrow::int64()),
                     arrow::field("gone", arrow::struct_({arrow::field("x", arrow::int32())}))});
  auto table = ReadAll(*engine_, file_, schema.get());
  ASSERT_NE(table, nullptr);
  EXPECT_TRUE(table->schema()->Equals(*schema));
  ExpectColumn(*table, 0, s_type,
               R"([{"b": "x", "missing": null}, null, {"b": "z", "missing": null}])");
  ExpectColumn(*table, 1, arrow::int64(), "[null, null, null]");
  EXPECT_EQ(table->column(2)->null_count(), 3);
}

TEST_F(ParquetReadTest, StructWithNoStoredChildrenKeepsItsValidity) {
  auto s_type = arrow::struct_({arrow::field("zzz", arrow::int32())});
  auto schema = arrow::schema({arrow::field("s", s_type)});
  auto table = ReadAll(*engine_, file_, schema.get());
  ASSERT_NE(table, nullptr);
  ExpectColumn(*table, 0, s_type, R"([{"zzz": null}, null, {"zzz": null}])");
}

TEST_F(ParquetReadTest, NoColumnsStillCountsRows) {
  auto empty = arrow::schema(arrow::FieldVector{});
  auto table = ReadAll(*engine_, file_, empty.get());
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(table->num_columns(), 0);
  EXPECT_EQ(table->num_rows(), 3);

  auto only_missing = arrow::schema({arrow::field("nope", arrow::utf8())});
  table = ReadAll(*engine_, file_, only_missing.get());
  ASSERT_NE(table, nullptr);
  ExpectColumn(*table, 0, arrow::utf8(), "[null, null, null]");
}

TEST_F(ParquetReadTest, MapsAndListsWithOtherFieldNames) {
  auto map_type = std::make_shared<arrow::MapType>(arrow::field("key", arrow::utf8(), false),
                                                   arrow::field("value", arrow::utf8()));
  auto entries_named = std::make_shared<arrow::MapType>(arrow::field(
      "entries",
      arrow::struct_({arrow::field("k", arrow::utf8(), false), arrow::field("v", arrow::utf8())}),
      false));
  auto list_type = arrow::list(arrow::field("item", arrow::int64()));
  auto schema = arrow::schema({arrow::field("tags", entries_named), arrow::field("nums", list_type),
                               arrow::field("tags2", map_type)});
  auto table = ReadAll(*engine_, file_, schema.get());
  ASSERT_NE(table, nullptr);
  EXPECT_TRUE(table->schema()->Equals(*schema));
  ExpectColumn(*table, 0, entries_named, R"([[["k", "v"]], null, [["a", "1"], ["b", null]]])");
  ExpectColumn(*table, 1, list_type, "[[1, 2], [], null]");  // int32 widened to int64
  EXPECT_EQ(table->column(2)->null_count(), 3);
}

TEST_F(ParquetReadTest, IncompatibleTypeIsInvalidTableNamingFileAndColumn) {
  auto schema = arrow::schema({arrow::field("name", arrow::int64())});
  auto exported = Export(*schema);
  auto stream = engine_->parquet().Read(file_, exported.get());
  ASSERT_FALSE(stream.ok());
  EXPECT_TRUE(stream.status().IsInvalidTable()) << stream.status().ToString();
  EXPECT_NE(stream.status().message().find(file_.location), std::string::npos);
  EXPECT_NE(stream.status().message().find("'name'"), std::string::npos);

  auto nested =
      arrow::schema({arrow::field("s", arrow::struct_({arrow::field("a", arrow::boolean())}))});
  exported = Export(*nested);
  stream = engine_->parquet().Read(file_, exported.get());
  ASSERT_FALSE(stream.ok());
  EXPECT_TRUE(stream.status().IsInvalidTable());
  EXPECT_NE(stream.status().message().find("'s.a'"), std::string::npos)
      << stream.status().ToString();

  auto narrowing = arrow::schema({arrow::field("id", arrow::int32())});
  exported = Export(*narrowing);
  EXPECT_TRUE(engine_->parquet().Read(file_, exported.get()).status().IsInvalidTable());
}

TEST_F(ParquetReadTest, ReadSchemaReturnsTheFooterSchema) {
  auto schema = engine_->parquet().ReadSchema(file_);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto imported = arrow::ImportSchema(schema->get());
  ASSERT_TRUE(imported.ok());
  EXPECT_TRUE((*imported)->Equals(*PeopleSchema())) << (*imported)->ToString();
}

TEST(ParquetReadCastTest, WideningCasts) {
  TempDir dir;
  auto stored = arrow::schema({
      arrow::field("i", arrow::int32()),
      arrow::field("ts", arrow::timestamp(arrow::TimeUnit::NANO)),
      arrow::field("ls", arrow::large_utf8()),
      arrow::field("f", arrow::float32()),
      arrow::field("d", arrow::date32()),
      arrow::field("dec", arrow::decimal128(5, 2)),
  });
  auto table =
      MakeTable(stored, {"[1, null, -3]", "[1600000000123456000, null, 0]", R"(["a", "bb", null])",
                         "[1.5, null, 2]", "[0, 1, null]", R"(["1.25", null, "-999.99"])"});
  WriteBytes(dir.path() + "/c.parquet", ParquetBytes(*table, 1024, StoreSchema()));
  auto engine = LocalEngine();
  auto ts_us = arrow::timestamp(arrow::TimeUnit::MICRO, "UTC");
  auto requested = arrow::schema({
      arrow::field("i", arrow::int64()),
      arrow::field("ts", ts_us),
      arrow::field("ls", arrow::utf8()),
      arrow::field("f", arrow::float64()),
      arrow::field("d", arrow::timestamp(arrow::TimeUnit::MICRO)),
      arrow::field("dec", arrow::decimal128(10, 3)),
  });
  auto out = ReadAll(*engine, FileInfo{dir.uri() + "/c.parquet"}, requested.get());
  ASSERT_NE(out, nullptr);
  EXPECT_TRUE(out->schema()->Equals(*requested));
  ExpectColumn(*out, 0, arrow::int64(), "[1, null, -3]");
  ExpectColumn(*out, 1, ts_us, "[1600000000123456, null, 0]");
  ExpectColumn(*out, 2, arrow::utf8(), R"(["a", "bb", null])");
  ExpectColumn(*out, 3, arrow::float64(), "[1.5, null, 2]");
  ExpectColumn(*out, 4, arrow::timestamp(arrow::TimeUnit::MICRO), "[0, 86400000000, null]");
  ExpectColumn(*out, 5, arrow::decimal128(10, 3), R"(["1.250", null, "-999.990"])");
}

TEST(ParquetFieldIdTest, ProjectsByFieldId) {
  TempDir dir;
  auto inner = arrow::struct_({arrow::field("col-4", arrow::int32())->WithMetadata(FieldId(4)),
                               arrow::field("col-5", arrow::utf8())->WithMetadata(FieldId(5))});
  auto stored = arrow::schema({
      arrow::field("col-1", arrow::int64())->WithMetadata(FieldId(1)),
      arrow::field("col-2", arrow::utf8())->WithMetadata(FieldId(2)),
      arrow::field("col-3", inner)->WithMetadata(FieldId(3)),
  });
  auto table = MakeTable(stored, {"[7, 8]", R"(["p", "q"])",
                                  R"([{"col-4": 1, "col-5": "u"}, {"col-4": 2, "col-5": "v"}])"});
  WriteBytes(dir.path() + "/ids.parquet", ParquetBytes(*table));
  auto engine = LocalEngine();

  auto s_type = arrow::struct_({arrow::field("y", arrow::utf8())->WithMetadata(FieldId(5)),
                                arrow::field("col-4", arrow::int32())->WithMetadata(FieldId(99))});
  auto requested = arrow::schema({
      arrow::field("b", arrow::utf8())->WithMetadata(FieldId(2)),
      arrow::field("a", arrow::int64())->WithMetadata(FieldId(1)),
      arrow::field("s", s_type)->WithMetadata(FieldId(3)),
      // The name matches a stored column, but the id does not: ids win.
      arrow::field("col-1", arrow::int64())->WithMetadata(FieldId(42)),
  });
  auto out = ReadAll(*engine, FileInfo{dir.uri() + "/ids.parquet"}, requested.get());
  ASSERT_NE(out, nullptr);
  EXPECT_TRUE(out->schema()->Equals(*requested, /*check_metadata=*/true))
      << out->schema()->ToString(true);
  ExpectColumn(*out, 0, arrow::utf8(), R"(["p", "q"])");
  ExpectColumn(*out, 1, arrow::int64(), "[7, 8]");
  ExpectColumn(*out, 2, s_type, R"([{"y": "u", "col-4": null}, {"y": "v", "col-4": null}])");
  ExpectColumn(*out, 3, arrow::int64(), "[null, null]");

  // A file without any field ids is matched by name even when the request carries ids.
  WriteBytes(dir.path() + "/plain.parquet", ParquetBytes(*PeopleTable()));
  auto by_name = arrow::schema({arrow::field("id", arrow::int64())->WithMetadata(FieldId(1))});
  out = ReadAll(*engine, FileInfo{dir.uri() + "/plain.parquet"}, by_name.get());
  ASSERT_NE(out, nullptr);
  ExpectColumn(*out, 0, arrow::int64(), "[1, 2, 3]");
}

TEST(ParquetCorruptTest, TruncatedAndGarbageFilesAreInvalidTable) {
  TempDir dir;
  std::string bytes = ParquetBytes(*PeopleTable());
  WriteBytes(dir.path() + "/truncated.parquet", bytes.substr(0, bytes.size() / 2));
  WriteBytes(dir.path() + "/garbage.parquet", "this is not a parquet file at all");
  WriteBytes(dir.path() + "/empty.parquet", "");
  auto engine = LocalEngine();
  for (const char* name : {"truncated.parquet", "garbage.parquet", "empty.parquet"}) {
    FileInfo file{dir.uri() + "/" + name};
    auto stream = engine->parquet().Read(file, nullptr);
    ASSERT_FALSE(stream.ok()) << name;
    EXPECT_TRUE(stream.status().IsInvalidTable()) << stream.status().ToString();
    EXPECT_NE(stream.status().message().find(file.location), std::string::npos)
        << stream.status().ToString();
    EXPECT_TRUE(engine->parquet().ReadSchema(file).status().IsInvalidTable()) << name;
  }
  auto missing = engine->parquet().Read(FileInfo{dir.uri() + "/missing.parquet"}, nullptr);
  EXPECT_TRUE(missing.status().IsNotFound()) << missing.status().ToString();
}

TEST(ParquetCorruptTest, CorruptDataPagesFailTheStreamNamingTheFile) {
  TempDir dir;
  std::string bytes = ParquetBytes(*PeopleTable());
  // The first column chunk starts right after the 4-byte magic: smash its page header.
  for (size_t i = 4; i < 40; ++i) bytes[i] = '\xFF';
  WriteBytes(dir.path() + "/bad-page.parquet", bytes);
  auto engine = LocalEngine();
  FileInfo file{dir.uri() + "/bad-page.parquet"};
  auto stream = engine->parquet().Read(file, nullptr);  // the footer is intact
  ASSERT_TRUE(stream.ok()) << stream.status().ToString();
  ArrowArray batch;
  int rc = (*stream)->get_next(stream->get(), &batch);
  ASSERT_EQ(rc, EINVAL);
  std::string error = (*stream)->get_last_error(stream->get());
  EXPECT_NE(error.find(file.location), std::string::npos) << error;
}

// Counts the bytes served by ReadRange, to check that projection skips unread columns.
class ByteCountingFileSystem final : public ForwardingFileSystem {
 public:
  explicit ByteCountingFileSystem(std::shared_ptr<FileSystem> inner)
      : ForwardingFileSystem(std::move(inner)) {}
  Result<std::string> ReadRange(std::string_view l, int64_t offset, int64_t length) override {
    auto r = ForwardingFileSystem::ReadRange(l, offset, length);
    if (r.ok()) bytes_ += static_cast<int64_t>(r->size());
    return r;
  }
  int64_t bytes() const { return bytes_.load(); }

 private:
  std::atomic<int64_t> bytes_{0};
};

// 2000 rows of an int64 id and a 1000-byte incompressible blob, 500 rows per row group.
std::shared_ptr<arrow::Table> BlobTable(int rows) {
  arrow::Int64Builder ids;
  arrow::BinaryBuilder blobs;
  std::string blob(1000, '\0');
  uint64_t x = 88172645463325252ull;
  for (int i = 0; i < rows; ++i) {
    EXPECT_TRUE(ids.Append(i).ok());
    for (char& c : blob) {  // xorshift
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      c = static_cast<char>(x);
    }
    EXPECT_TRUE(blobs.Append(blob).ok());
  }
  return arrow::Table::Make(
      arrow::schema({arrow::field("id", arrow::int64()), arrow::field("blob", arrow::binary())}),
      {*ids.Finish(), *blobs.Finish()});
}

TEST(ParquetCustomStorageTest, ReadsThroughMemoryStorageAndOnlyProjectedColumns) {
  constexpr int kRows = 2000;
  std::string bytes = ParquetBytes(*BlobTable(kRows), 500);
  ASSERT_GT(bytes.size(), 2000000u);

  auto mem = std::make_shared<MemoryFileSystem>();
  ASSERT_TRUE(mem->Write("memory:///t/part-0.parquet", bytes).ok());
  auto counting = std::make_shared<ByteCountingFileSystem>(mem);
  auto engine = *MakeDefaultEngine(counting, {});
  auto requested = arrow::schema({arrow::field("id", arrow::int64())});
  FileInfo file{"memory:///t/part-0.parquet", static_cast<int64_t>(bytes.size())};
  auto out = ReadAll(*engine, file, requested.get());
  ASSERT_NE(out, nullptr);
  ASSERT_EQ(out->num_rows(), kRows);
  auto column = std::static_pointer_cast<arrow::Int64Array>(out->column(0)->chunk(0));
  for (int i = 0; i < kRows; ++i) ASSERT_EQ(column->Value(i), i);
  // The footer read plus four small id chunks, not the 2 MB of blobs.
  EXPECT_LT(counting->bytes(), 300000) << counting->bytes();

  // Unknown size (0) is looked up with Head.
  out = ReadAll(*engine, FileInfo{"memory:///t/part-0.parquet"}, requested.get());
  ASSERT_NE(out, nullptr);
  EXPECT_EQ(out->num_rows(), kRows);
}

TEST(ParquetCustomStorageTest, StorageFaultsSurfaceAsIoErrors) {
  auto mem = std::make_shared<MemoryFileSystem>();
  ASSERT_TRUE(mem->Write("memory:///t/p.parquet", ParquetBytes(*PeopleTable())).ok());
  auto latency = std::make_shared<LatencyFileSystem>(mem);
  auto engine = *MakeDefaultEngine(latency, {});
  FileInfo file{"memory:///t/p.parquet"};

  auto ok = ReadAll(*engine, file, nullptr);
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->num_rows(), 3);

  // Failing the footer read fails Read itself.
  latency->InjectFault({.kind = RequestKind::kReadRange});
  auto failed = engine->parquet().Read(file, nullptr);
  EXPECT_TRUE(failed.status().IsIoError()) << failed.status().ToString();
  EXPECT_NE(failed.status().message().find(file.location), std::string::npos);
  latency->ClearFaults();

  latency->ClearFaults();
  auto missing = engine->parquet().Read(FileInfo{"memory:///t/nope.parquet"}, nullptr);
  EXPECT_TRUE(missing.status().IsNotFound()) << missing.status().ToString();
}

TEST(ParquetConformanceTest, ReadsCheckpointActionsWithMapsAndNestedProjection) {
  DELTA_REQUIRE_CONFORMANCE();
  std::string root = test::ExtractedTablePath("dv-partitioned-with-checkpoint");
  if (root.empty()) GTEST_SKIP() << "conformance table not available";
  auto engine = LocalEngine();
  FileInfo file{test::LocalUri(root) + "/_delta_log/00000000000000000010.checkpoint.parquet"};
  auto dv_type = arrow::struct_({arrow::field("cardinality", arrow::int64())});
  auto pv_type = arrow::map(arrow::utf8(), arrow::utf8());
  auto add_type = arrow::struct_(
      {arrow::field("path", arrow::utf8()), arrow::field("partitionValues", pv_type),
       arrow::field("size", arrow::int64()), arrow::field("deletionVector", dv_type)});
  auto requested = arrow::schema({arrow::field("add", add_type)});
  auto out = ReadAll(*engine, file, requested.get());
  ASSERT_NE(out, nullptr);
  ASSERT_EQ(out->num_rows(), 30);
  auto adds = std::static_pointer_cast<arrow::StructArray>(out->column(0)->chunk(0));
  EXPECT_EQ(adds->length() - adds->null_count(), 18);
  auto sizes = std::static_pointer_cast<arrow::Int64Array>(adds->field(2));
  auto dvs = std::static_pointer_cast<arrow::StructArray>(adds->field(3));
  auto cardinality = std::static_pointer_cast<arrow::Int64Array>(dvs->field(0));
  auto pvs = std::static_pointer_cast<arrow::MapArray>(adds->field(1));
  auto pv_keys = std::static_pointer_cast<arrow::StringArray>(pvs->keys());
  int64_t total_size = 0;
  int64_t dv_files = 0;
  int64_t deleted = 0;
  for (int64_t i = 0; i < adds->length(); ++i) {
    if (adds->IsNull(i)) continue;
    total_size += sizes->Value(i);
    ASSERT_EQ(pvs->value_length(i), 1);
    EXPECT_EQ(pv_keys->GetView(pvs->value_offset(i)), "part");
    if (dvs->IsValid(i)) {
      ++dv_files;
      deleted += cardinality->Value(i);
    }
  }
  EXPECT_EQ(total_size, 13214);
  EXPECT_EQ(dv_files, 3);
  EXPECT_EQ(deleted, 6);
}

}  // namespace
}  // namespace delta
