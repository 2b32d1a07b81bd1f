// delta-scan-floor: the decode floor of bench/run_scan.sh. Decodes exactly the given Parquet
// files (the live files a scan plans) into Arrow with Parquet C++ on N threads, one file per
// task, batches dropped as soon as they are decoded: no log, no deletion vectors, no filter, no
// partition values, no renames. What no Delta reader on the same Arrow can beat.
//
//   delta-scan-floor <file-list> [--columns a,b] [--threads N] [--keep] [--repeat R]
//
// --keep holds every batch until all files are decoded (the floor of a reader that
// materialises the table, page faults of fresh memory included); without it batches are
// dropped as they come (the floor of streaming).
// <file-list> holds one local path per line. --columns names top-level Parquet columns; the
// files' other columns are not decoded (all columns when absent). Decodes into the pool the
// kernel's reader uses (jemalloc when Arrow has it, unless ARROW_DEFAULT_MEMORY_POOL says), so
// the allocator is the same on both sides.
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arrow/io/file.h>
#include <arrow/memory_pool.h>
#include <arrow/record_batch.h>
#include <parquet/arrow/reader.h>
#include <parquet/arrow/schema.h>
#include <parquet/properties.h>

namespace {

// CPU seconds (user + system) the process has used so far, all threads.
double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(ru.ru_utime) + secs(ru.ru_stime);
}

struct Args {
  std::string file_list;
  std::vector<std::string> columns;
  int threads = 0;
  int repeat = 1;
  bool keep = false;
};

// Decodes one file; returns its rows, or -1 with `error` set.
arrow::MemoryPool* Pool() {
  static arrow::MemoryPool* const pool = [] {
    const char* chosen = std::getenv("ARROW_DEFAULT_MEMORY_POOL");
    arrow::MemoryPool* jemalloc = nullptr;
    if ((chosen == nullptr || *chosen == '\0') && arrow::jemalloc_memory_pool(&jemalloc).ok()) {
      return jemalloc;
    }
    return arrow::default_memory_pool();
  }();
  return pool;
}

int64_t DecodeFile(const std::string& path, const std::vector<std::string>& columns,
                   std::vector<std::shared_ptr<arrow::RecordBatch>>* kept, std::string* error) {
  auto input = arrow::io::ReadableFile::Open(path);
  if (!input.ok()) {
    *error = input.status().ToString();
    return -1;
  }
  parquet::ArrowReaderProperties props;
  props.set_use_threads(false);
  props.set_batch_size(64 * 1024);
  parquet::arrow::FileReaderBuilder builder;
  arrow::Status st = builder.Open(*input, parquet::ReaderProperties(Pool()));
  if (!st.ok()) {
    *error = path + ": " + st.ToString();
    return -1;
  }
  builder.memory_pool(Pool());
  builder.properties(props);
  auto reader = builder.Build();
  if (!reader.ok()) {
    *error = path + ": " + reader.status().ToString();
    return -1;
  }
  const auto& manifest = (*reader)->manifest();
  std::vector<int> leaves;
  for (const auto& field : manifest.schema_fields) {
    if (!columns.empty() &&
        std::find(columns.begin(), columns.end(), field.field->name()) == columns.end()) {
      continue;
    }
    if (field.is_leaf()) leaves.push_back(field.column_index);
  }
  std::vector<int> row_groups((*reader)->num_row_groups());
  for (size_t i = 0; i < row_groups.size(); ++i) row_groups[i] = static_cast<int>(i);
  auto batches = (*reader)->GetRecordBatchReader(row_groups, leaves);
  if (!batches.ok()) {
    *error = path + ": " + batches.status().ToString();
    return -1;
  }
  int64_t rows = 0;
  while (true) {
    std::shared_ptr<arrow::RecordBatch> batch;
    st = (*batches)->ReadNext(&batch);
    if (!st.ok()) {
      *error = path + ": " + st.ToString();
      return -1;
    }
    if (batch == nullptr) break;
    rows += batch->num_rows();
    if (kept != nullptr) kept->push_back(std::move(batch));
  }
  return rows;
}

int Run(const Args& a) {
  std::vector<std::string> files;
  std::ifstream in(a.file_list);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) files.push_back(line);
  }
  int threads = a.threads > 0 ? a.threads : static_cast<int>(std::thread::hardware_concurrency());
  for (int rep = 0; rep < a.repeat; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    double cpu0 = CpuSeconds();
    std::atomic<size_t> next{0};
    std::atomic<int64_t> rows{0};
    std::mutex mu;
    std::string error;
    std::vector<std::thread> pool;
    std::vector<std::vector<std::shared_ptr<arrow::RecordBatch>>> kept(
        static_cast<size_t>(threads));
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        auto* keep = a.keep ? &kept[static_cast<size_t>(t)] : nullptr;
        for (size_t i = next++; i < files.size(); i = next++) {
          std::string err;
          int64_t n = DecodeFile(files[i], a.columns, keep, &err);
          if (n < 0) {
            std::lock_guard<std::mutex> lock(mu);
            error = err;
            return;
          }
          rows += n;
        }
      });
    }
    for (auto& th : pool) th.join();
    if (!error.empty()) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("{\"rep\":%d,\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"rows\":%lld,\"files\":%zu}\n",
                rep, secs, CpuSeconds() - cpu0, static_cast<long long>(rows.load()), files.size());
    std::fflush(stdout);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"peak_rss_kb\":%ld}\n", ru.ru_maxrss);
  return 0;
}

int Usage(const char* argv0) {
  std::fprintf(
      stderr, "usage: %s <file-list> [--columns a,b] [--threads N] [--keep] [--repeat R]\n", argv0);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = nullptr;
    if (arg == "--threads" && (v = value())) {
      a.threads = std::atoi(v);
    } else if (arg == "--repeat" && (v = value())) {
      a.repeat = std::atoi(v);
    } else if (arg == "--columns" && (v = value())) {
      std::stringstream list(v);
      for (std::string part; std::getline(list, part, ',');) {
        if (!part.empty()) a.columns.push_back(part);
      }
    } else if (arg == "--keep") {
      a.keep = true;
    } else if (!arg.empty() && arg[0] != '-' && a.file_list.empty()) {
      a.file_list = arg;
    } else {
      return Usage(argv[0]);
    }
  }
  if (a.file_list.empty() || a.repeat < 1) return Usage(argv[0]);
  return Run(a);
}
