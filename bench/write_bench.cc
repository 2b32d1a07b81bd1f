// delta-write-bench: one large write, the C++ side of bench/run_write.sh's second benchmark
// (bench/deltars_write_bench.py writes the same rows with delta-rs and with pyarrow alone).
//
//   delta-write-bench --dir D [--rows R] [--batch-rows B] [--api write-table|txn] [--dry]
//
// Generates R rows (default 10M) in batches of B (default 65,536) as an Arrow C stream, lazily,
// and writes them as a new, unpartitioned table at D:
//   --api write-table  (default) WriteTable (delta/write_table.h), SaveMode::kErrorIfExists
//   --api txn          Transaction::BeginCreate, WriteFiles (the default engine's Parquet
//                      writer), AddFiles, Commit
// --dry generates and releases the batches without writing (the generator's own cost).
// The rows, identical on every side (bench/deltars_write_bench.py):
//   id    long       i
//   value double     ((i * 2654435761) mod 1000003) / 1000
//   name  string     "user-" + (i mod 100003)
//   ts    timestamp  2023-11-14T22:13:20Z + i seconds (microseconds, UTC)
// Prints one JSON line: seconds from the first batch to the commit, CPU seconds (user + system,
// every thread) in that time, files, bytes, peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include "delta/default_engine.h"
#include "delta/schema.h"
#include "delta/table.h"
#include "delta/transaction.h"
#include "delta/write_table.h"

namespace {

using namespace delta;
using Clock = std::chrono::steady_clock;

constexpr const char* kSchema =
    R"({"type":"struct","fields":[)"
    R"({"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"value","type":"double","nullable":true,"metadata":{}},)"
    R"({"name":"name","type":"string","nullable":true,"metadata":{}},)"
    R"({"name":"ts","type":"timestamp","nullable":true,"metadata":{}}]})";
constexpr int64_t kTsBaseMicros = int64_t{1'700'000'000} * 1'000'000;

int Fail(const std::string& why) {
  std::fprintf(stderr, "delta-write-bench: %s\n", why.c_str());
  return 1;
}

std::shared_ptr<arrow::Schema> ArrowSchema() {
  return arrow::schema({arrow::field("id", arrow::int64()), arrow::field("value", arrow::float64()),
                        arrow::field("name", arrow::utf8()),
                        arrow::field("ts", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"))});
}

// The rows above, B at a time, made when asked for.
class Generator : public arrow::RecordBatchReader {
 public:
  Generator(int64_t rows, int64_t batch_rows)
      : rows_(rows), batch_rows_(batch_rows), schema_(ArrowSchema()) {}
  std::shared_ptr<arrow::Schema> schema() const override { return schema_; }

  arrow::Status ReadNext(std::shared_ptr<arrow::RecordBatch>* out) override {
    if (next_ >= rows_) {
      *out = nullptr;
      return arrow::Status::OK();
    }
    int64_t n = std::min(batch_rows_, rows_ - next_);
    arrow::Int64Builder ids;
    arrow::DoubleBuilder values;
    arrow::StringBuilder names;
    arrow::TimestampBuilder ts(schema_->field(3)->type(), arrow::default_memory_pool());
    ARROW_RETURN_NOT_OK(ids.Reserve(n));
    ARROW_RETURN_NOT_OK(values.Reserve(n));
    ARROW_RETURN_NOT_OK(names.Reserve(n));
    ARROW_RETURN_NOT_OK(names.ReserveData(n * 10));
    ARROW_RETURN_NOT_OK(ts.Reserve(n));
    char text[32];
    for (int64_t i = next_; i < next_ + n; ++i) {
      ids.UnsafeAppend(i);
      values.UnsafeAppend(static_cast<double>((i * 2654435761LL) % 1000003) / 1000.0);
      int len = std::snprintf(text, sizeof text, "user-%lld", static_cast<long long>(i % 100003));
      ARROW_RETURN_NOT_OK(names.Append(text, len));
      ts.UnsafeAppend(kTsBaseMicros + i * 1'000'000);
    }
    next_ += n;
    std::shared_ptr<arrow::Array> a, b, c, d;
    ARROW_RETURN_NOT_OK(ids.Finish(&a));
    ARROW_RETURN_NOT_OK(values.Finish(&b));
    ARROW_RETURN_NOT_OK(names.Finish(&c));
    ARROW_RETURN_NOT_OK(ts.Finish(&d));
    *out = arrow::RecordBatch::Make(schema_, n, {a, b, c, d});
    return arrow::Status::OK();
  }

 private:
  int64_t rows_;
  int64_t batch_rows_;
  int64_t next_ = 0;
  std::shared_ptr<arrow::Schema> schema_;
};

// User plus system CPU seconds of the process so far, every thread.
double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Written {
  int64_t files = 0;
  int64_t bytes = 0;
  int64_t rows = 0;
};

Result<Written> WriteWithTransaction(const std::string& root, ArrowArrayStream* stream) {
  DELTA_ASSIGN_OR_RETURN(auto engine, MakeDefaultEngine());
  DELTA_ASSIGN_OR_RETURN(auto table, Table::ForLocation(root, engine));
  DELTA_ASSIGN_OR_RETURN(auto txn, Transaction::BeginCreate(table));
  Metadata m;
  m.schema_string = kSchema;
  DELTA_RETURN_NOT_OK(txn->UpdateProtocol({}));
  DELTA_RETURN_NOT_OK(txn->UpdateMetadata(m));
  txn->SetOperation("WRITE", {{"mode", "ErrorIfExists"}});
  DELTA_ASSIGN_OR_RETURN(auto files, txn->WriteFiles(stream));
  DELTA_RETURN_NOT_OK(txn->AddFiles(files));
  DELTA_ASSIGN_OR_RETURN(CommitResult r, txn->Commit());
  (void)r;
  Written w;
  for (const WrittenFile& f : files) {
    ++w.files;
    w.bytes += f.size;
    w.rows += f.num_records;
  }
  return w;
}

Result<int64_t> WriteWithTable(const std::string& root, ArrowArrayStream* stream) {
  DELTA_ASSIGN_OR_RETURN(auto engine, MakeDefaultEngine());
  DELTA_ASSIGN_OR_RETURN(CommitResult r, WriteTable(root, engine, stream, WriteOptions{}));
  return r.version;
}

// What version `version` of the table holds, as its log says (outside the timed span).
Result<Written> CountFiles(const std::string& root, int64_t version) {
  DELTA_ASSIGN_OR_RETURN(auto engine, MakeDefaultEngine());
  DELTA_ASSIGN_OR_RETURN(auto table, Table::ForLocation(root, engine));
  DELTA_ASSIGN_OR_RETURN(auto snapshot, table.SnapshotAtVersion(version));
  Written w;
  for (const AddFile& f : snapshot->files()) {
    ++w.files;
    w.bytes += f.size;
    w.rows += f.NumRecords().value_or(0);
  }
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir, api = "write-table";
  int64_t rows = 10'000'000, batch_rows = 65'536;
  bool dry = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dry") {
      dry = true;
    } else if (i + 1 < argc && a == "--dir") {
      dir = argv[++i];
    } else if (i + 1 < argc && a == "--rows") {
      rows = std::atoll(argv[++i]);
    } else if (i + 1 < argc && a == "--batch-rows") {
      batch_rows = std::atoll(argv[++i]);
    } else if (i + 1 < argc && a == "--api") {
      api = argv[++i];
    } else {
      return Fail("unknown argument " + a);
    }
  }
  if (rows < 1 || batch_rows < 1) return Fail("--rows and --batch-rows must be positive");
  if (!dry && dir.empty()) return Fail("--dir is required");
  if (!dry && std::filesystem::exists(dir)) return Fail(dir + " exists; give a new directory");
  if (api != "txn" && api != "write-table") return Fail("--api is write-table or txn");

  auto start = Clock::now();
  double cpu_start = CpuSeconds();
  Written w;
  int64_t version = -1;  // the version WriteTable committed
  if (dry) {
    Generator gen(rows, batch_rows);
    std::shared_ptr<arrow::RecordBatch> batch;
    while (gen.ReadNext(&batch).ok() && batch) w.rows += batch->num_rows();
  } else {
    std::string root = std::filesystem::absolute(dir).string();
    ArrowArrayStream stream{};
    auto status =
        arrow::ExportRecordBatchReader(std::make_shared<Generator>(rows, batch_rows), &stream);
    if (!status.ok()) return Fail(status.ToString());
    if (api == "txn") {
      auto r = WriteWithTransaction(root, &stream);
      if (!r.ok()) return Fail(r.status().ToString());
      w = *r;
    } else {
      auto r = WriteWithTable(root, &stream);
      if (!r.ok()) return Fail(r.status().ToString());
      version = *r;
    }
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  double cpu_s = CpuSeconds() - cpu_start;
  if (version >= 0) {
    auto counted = CountFiles(std::filesystem::absolute(dir).string(), version);
    if (!counted.ok()) return Fail(counted.status().ToString());
    w = *counted;
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf(
      "{\"side\":\"cpp\",\"api\":\"%s\",\"dry\":%s,\"rows\":%lld,\"seconds\":%.4f,\"cpu_s\":%.4f,"
      "\"files\":%lld,\"bytes\":%lld,\"peak_rss_kb\":%ld}\n",
      api.c_str(), dry ? "true" : "false", static_cast<long long>(w.rows), seconds, cpu_s,
      static_cast<long long>(w.files), static_cast<long long>(w.bytes), ru.ru_maxrss);
  return 0;
}
