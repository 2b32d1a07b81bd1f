// delta-kernel-bench: the measured side of bench/run.sh for this project. Loads the latest
// snapshot of a table and lists every live file, `--repeat` times in one process, and prints
// one JSON line per repetition plus the process' peak RSS.
//
//   delta-kernel-bench <table> [--threads N] [--io-concurrency N] [--latency-ms MS]
//                      [--mode scan|files|read] [--file-list streamed|in-memory] [--repeat R]
//                      [--option KEY=VALUE ...]
//
// --mode scan (default): Scan::Make without a filter and pull every ScanFile from its iterator
//   (absolute URI, typed partition values, record count from the stats): what a query engine
//   plans from, comparable to delta-kernel-rs' scan metadata and delta-rs' file listing.
// --mode files: walk Snapshot::files() (raw views, stats kept as JSON text for skipping).
// --mode read: plan the scan and read every row of every file (ReadScanBatches); "rows" is
//   the number of rows read.
// --option KEY=VALUE: a storage option (docs/object-stores.md), for tables at s3:// etc.
// --file-list (scan mode): how the snapshot holds its files. streamed (default) loads only the
//   commits and the checkpoint's non-file actions and lets the scan stream the checkpoint's
//   adds (FileListMode::kStreamed); in-memory replays every file action into the snapshot.
// --latency-ms wraps the default storage in LatencyFileSystem with that delay per request and
//   --io-concurrency requests in flight.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>

#include "delta/default_engine.h"
#include "delta/latency_file_system.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"

namespace {

struct Args {
  std::string table;
  int threads = 0;
  int io_concurrency = 16;
  double latency_ms = -1;
  bool scan_mode = true;
  bool read_rows = false;
  std::map<std::string, std::string> storage_options;
  bool streamed = true;
  int repeat = 1;
};

// The process' resident set now (VmRSS), in KiB; -1 when /proc is not there.
long CurrentRssKb() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  if (f == nullptr) return -1;
  char line[256];
  long kb = -1;
  while (std::fgets(line, sizeof line, f) != nullptr) {
    if (std::strncmp(line, "VmRSS:", 6) == 0) kb = std::atol(line + 6);
  }
  std::fclose(f);
  return kb;
}

struct Listing {
  int64_t files = 0;
  int64_t bytes = 0;
  int64_t with_stats = 0;
  int64_t rows = -1;  // rows read (--mode read)
};

// Reads every row the scan selects; returns how many.
delta::Result<int64_t> ReadRows(std::shared_ptr<const delta::Snapshot> snap) {
  DELTA_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(std::move(snap), delta::ScanOptions{}));
  DELTA_ASSIGN_OR_RETURN(auto reader, delta::ReadScanBatches(scan));
  int64_t rows = 0;
  while (true) {
    DELTA_ASSIGN_OR_RETURN(std::optional<delta::ArrowArrayHandle> batch, reader->Next());
    if (!batch) break;
    rows += (*batch)->length;
  }
  return rows;
}

delta::Result<Listing> ListFiles(const delta::Snapshot& snap, bool scan_mode,
                                 std::shared_ptr<const delta::Snapshot> owner) {
  Listing out;
  if (!scan_mode) {
    for (const delta::AddFile& f : snap.files()) {
      ++out.files;
      out.bytes += f.size;
      out.with_stats += f.stats.empty() ? 0 : 1;
    }
    return out;
  }
  DELTA_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(std::move(owner), delta::ScanOptions{}));
  auto it = scan->FileIterator();
  while (true) {
    DELTA_ASSIGN_OR_RETURN(std::optional<delta::ScanFile> f, it->Next());
    if (!f) break;
    ++out.files;
    out.bytes += f->size;
    out.with_stats += f->num_records ? 1 : 0;
  }
  return out;
}

delta::Status Run(const Args& a) {
  delta::DefaultEngineOptions opts;
  opts.cpu_threads = a.threads;
  opts.io_concurrency = a.io_concurrency;
  opts.storage_options = a.storage_options;
  std::shared_ptr<delta::Engine> engine;
  std::shared_ptr<delta::LatencyFileSystem> latency_fs;
  if (a.latency_ms >= 0) {
    DELTA_ASSIGN_OR_RETURN(auto base, delta::MakeDefaultFileSystem(opts));
    delta::LatencyFileSystemOptions lopts;
    lopts.latency = std::chrono::microseconds(static_cast<int64_t>(a.latency_ms * 1000));
    lopts.max_concurrency = a.io_concurrency;
    latency_fs = std::make_shared<delta::LatencyFileSystem>(base, lopts);
    DELTA_ASSIGN_OR_RETURN(engine, delta::MakeDefaultEngine(latency_fs, opts));
  } else {
    DELTA_ASSIGN_OR_RETURN(engine, delta::MakeDefaultEngine(opts));
  }
  DELTA_ASSIGN_OR_RETURN(delta::Table table, delta::Table::ForLocation(a.table, engine));
  for (int rep = 0; rep < a.repeat; ++rep) {
    if (latency_fs) latency_fs->ResetCounts();
    auto t0 = std::chrono::steady_clock::now();
    delta::SnapshotOptions snap_opts;
    if (a.scan_mode && a.streamed) snap_opts.file_list = delta::FileListMode::kStreamed;
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const delta::Snapshot> snap,
                           table.LatestSnapshot(snap_opts));
    auto t1 = std::chrono::steady_clock::now();
    long rss_snapshot = CurrentRssKb();
    DELTA_ASSIGN_OR_RETURN(Listing l, ListFiles(*snap, a.scan_mode, snap));
    if (a.read_rows) {
      DELTA_ASSIGN_OR_RETURN(l.rows, ReadRows(snap));
    }
    auto t2 = std::chrono::steady_clock::now();
    auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
    std::printf(
        "{\"rep\":%d,\"snapshot_s\":%.6f,\"files_s\":%.6f,\"total_s\":%.6f,\"files\":%lld,"
        "\"bytes\":%lld,\"with_stats\":%lld,\"version\":%lld,\"rss_after_snapshot_kb\":%ld",
        rep, secs(t1 - t0), secs(t2 - t1), secs(t2 - t0), static_cast<long long>(l.files),
        static_cast<long long>(l.bytes), static_cast<long long>(l.with_stats),
        static_cast<long long>(snap->version()), rss_snapshot);
    if (l.rows >= 0) std::printf(",\"rows\":%lld", static_cast<long long>(l.rows));
    if (latency_fs) {
      std::printf(",\"requests\":%lld,\"peak_in_flight\":%lld",
                  static_cast<long long>(latency_fs->request_count()),
                  static_cast<long long>(latency_fs->peak_in_flight()));
    }
    std::printf("}\n");
    std::fflush(stdout);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"peak_rss_kb\":%ld}\n", ru.ru_maxrss);
  return delta::Status::OK();
}

int Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s <table> [--threads N] [--io-concurrency N] [--latency-ms MS] "
               "[--mode scan|files|read] [--file-list streamed|in-memory] [--repeat R] "
               "[--option KEY=VALUE ...]\n",
               argv0);
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
    } else if (arg == "--io-concurrency" && (v = value())) {
      a.io_concurrency = std::atoi(v);
    } else if (arg == "--latency-ms" && (v = value())) {
      a.latency_ms = std::atof(v);
    } else if (arg == "--repeat" && (v = value())) {
      a.repeat = std::atoi(v);
    } else if (arg == "--mode" && (v = value())) {
      std::string mode = v;
      if (mode != "scan" && mode != "files" && mode != "read") return Usage(argv[0]);
      a.scan_mode = mode != "files";
      a.read_rows = mode == "read";
    } else if (arg == "--option" && (v = value())) {
      const char* eq = std::strchr(v, '=');
      if (eq == nullptr) return Usage(argv[0]);
      a.storage_options[std::string(v, eq)] = std::string(eq + 1);
    } else if (arg == "--file-list" && (v = value())) {
      if (std::strcmp(v, "streamed") != 0 && std::strcmp(v, "in-memory") != 0) {
        return Usage(argv[0]);
      }
      a.streamed = std::strcmp(v, "streamed") == 0;
    } else if (!arg.empty() && arg[0] != '-' && a.table.empty()) {
      a.table = arg;
    } else {
      return Usage(argv[0]);
    }
  }
  if (a.table.empty() || a.repeat < 1) return Usage(argv[0]);
  delta::Status st = Run(a);
  if (!st.ok()) {
    std::fprintf(stderr, "error: %s\n", st.ToString().c_str());
    return 1;
  }
  return 0;
}
