// Row groups of a checkpoint that hold none of the actions a reader wants are left out by their
// Parquet null counts: a streamed snapshot load (protocol, metadata, transactions) skips the row
// groups of adds, and the streamed file listing skips those of the non-file actions. The
// checkpoint here is multi-part with two rows per row group, so the layout is known exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <vector>

#include "delta/checkpoint.h"
#include "delta/default_engine.h"
#include "delta/memory_file_system.h"
#include "delta/scan.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "support/checkpoint_table.h"

namespace delta {
namespace {

constexpr std::string_view kRoot = "memory:///rgskip";

// What one ReadFiltered call of a checkpoint file kept.
struct Read {
  std::string file;  // the file name
  int64_t row_groups = 0;
  int64_t skipped = 0;
  bool operator==(const Read&) const = default;
};

void PrintTo(const Read& r, std::ostream* os) {
  *os << r.file << ": " << r.skipped << " of " << r.row_groups << " row groups skipped";
}

// Forwards to the default engine; writes the kernel's own files with 2-row row groups and
// records every filtered read.
class RecordingEngine final : public Engine {
 public:
  explicit RecordingEngine(std::shared_ptr<Engine> inner)
      : inner_(std::move(inner)), reader_(this), writer_(this) {}
  FileSystem& file_system() override { return inner_->file_system(); }
  ParquetReader& parquet() override { return reader_; }
  ParquetWriter& parquet_writer() override { return writer_; }
  Executor& executor() override { return inner_->executor(); }

  std::vector<Read> TakeReads() {
    std::lock_guard lock(mu_);
    std::vector<Read> out = std::move(reads_);
    reads_.clear();
    std::sort(out.begin(), out.end(), [](const Read& a, const Read& b) { return a.file < b.file; });
    return out;
  }

 private:
  class Reader final : public ParquetReader {
   public:
    explicit Reader(RecordingEngine* e) : e_(e) {}
    Result<ArrowStreamHandle> ReadFiltered(const FileInfo& file, const ArrowSchema* schema,
                                           const ParquetReadOptions& options,
                                           ParquetReadInfo* info) override {
      ParquetReadInfo mine;
      auto r = e_->inner_->parquet().ReadFiltered(file, schema, options, &mine);
      if (info != nullptr) *info = mine;
      std::lock_guard lock(e_->mu_);
      e_->reads_.push_back({file.location.substr(file.location.rfind('/') + 1), mine.row_groups,
                            mine.row_groups_skipped});
      return r;
    }
    Result<ArrowStreamHandle> Read(const FileInfo& file, const ArrowSchema* schema) override {
      return e_->inner_->parquet().Read(file, schema);
    }
    Result<ArrowSchemaHandle> ReadSchema(const FileInfo& file) override {
      return e_->inner_->parquet().ReadSchema(file);
    }

   private:
    RecordingEngine* e_;
  };
  class Writer final : public ParquetWriter {
   public:
    explicit Writer(RecordingEngine* e) : e_(e) {}
    Result<std::vector<WrittenFile>> Write(std::string_view root, const StructType& schema,
                                           const std::vector<std::string>& partitions,
                                           ArrowArrayStream* data,
                                           const ParquetWriteOptions& options) override {
      return e_->inner_->parquet_writer().Write(root, schema, partitions, data, options);
    }
    Result<FileInfo> WriteFile(std::string_view location, ArrowArrayStream* data,
                               const ParquetFileWriteOptions& options) override {
      ParquetFileWriteOptions small = options;
      small.row_group_rows = 2;
      return e_->inner_->parquet_writer().WriteFile(location, data, small);
    }

   private:
    RecordingEngine* e_;
  };

  std::shared_ptr<Engine> inner_;
  Reader reader_;
  Writer writer_;
  std::mutex mu_;
  std::vector<Read> reads_;
};

class CheckpointRowGroupSkipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DefaultEngineOptions opts;
    opts.cpu_threads = 2;
    engine_ = std::make_shared<RecordingEngine>(
        *MakeDefaultEngine(std::make_shared<MemoryFileSystem>(), opts));
    table_ = std::make_unique<Table>(*Table::ForLocation(kRoot, engine_));
    TransactionOptions o;
    o.checkpoint_on_interval = false;
    auto create = *Transaction::BeginCreate(*table_, o);
    Metadata m;
    m.schema_string = std::string(test::kIdPartSchema);
    m.partition_columns = {"part"};
    ASSERT_TRUE(create->UpdateMetadata(m).ok());
    ASSERT_TRUE(create->Commit().ok());
    // Nine files, then the checkpoint: protocol, metaData and 9 adds in parts of 4 actions.
    auto txn = *Transaction::Begin(*table_->LatestSnapshot(), o);
    std::vector<WrittenFile> files;
    for (int i = 0; i < 9; ++i) {
      files.push_back(test::IdPartFile("f" + std::to_string(i) + ".parquet", "a", 10 + i));
    }
    ASSERT_TRUE(txn->AddFiles(files).ok());
    ASSERT_TRUE(txn->Commit().ok());
    CheckpointOptions c;
    c.part_size = 4;
    c.cleanup_expired_logs = false;
    auto written = WriteCheckpoint(*table_, std::nullopt, c);
    ASSERT_TRUE(written.ok()) << written.status().ToString();
    ASSERT_EQ(written->files.size(), 3u);
    engine_->TakeReads();
  }

  std::shared_ptr<const Snapshot> Streamed() {
    SnapshotOptions o;
    o.file_list = FileListMode::kStreamed;
    auto s = table_->LatestSnapshot(o);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : nullptr;
  }

  std::shared_ptr<RecordingEngine> engine_;
  std::unique_ptr<Table> table_;
};

constexpr const char* kPart1 = "00000000000000000001.checkpoint.0000000001.0000000003.parquet";
constexpr const char* kPart2 = "00000000000000000001.checkpoint.0000000002.0000000003.parquet";
constexpr const char* kPart3 = "00000000000000000001.checkpoint.0000000003.0000000003.parquet";

TEST_F(CheckpointRowGroupSkipTest, ALoadReadsOnlyTheRowGroupsOfNonFileActions) {
  auto snapshot = Streamed();
  ASSERT_NE(snapshot, nullptr);
  EXPECT_EQ(snapshot->version(), 1);
  EXPECT_EQ(snapshot->metadata().partition_columns, std::vector<std::string>{"part"});
  // Part 1 is [protocol, metaData] [add, add]; parts 2 and 3 hold only adds.
  EXPECT_EQ(engine_->TakeReads(),
            (std::vector<Read>{{kPart1, 2, 1}, {kPart2, 2, 2}, {kPart3, 2, 2}}));
}

TEST_F(CheckpointRowGroupSkipTest, AStreamedListingSkipsTheRowGroupsWithoutAdds) {
  auto snapshot = Streamed();
  ASSERT_NE(snapshot, nullptr);
  engine_->TakeReads();
  auto scan = *Scan::Make(snapshot, ScanOptions{});
  auto files = scan->Files();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  std::vector<std::string> paths;
  for (const ScanFile& f : *files) paths.emplace_back(f.path);
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"f0.parquet", "f1.parquet", "f2.parquet", "f3.parquet",
                                             "f4.parquet", "f5.parquet", "f6.parquet", "f7.parquet",
                                             "f8.parquet"}));
  EXPECT_EQ(engine_->TakeReads(),
            (std::vector<Read>{{kPart1, 2, 1}, {kPart2, 2, 0}, {kPart3, 2, 0}}));
}

}  // namespace
}  // namespace delta
