// delta-scan-bench: the measured C++ side of bench/run_scan.sh. Runs one scan of a table
// (columns, filter) through the public scan execution API `--repeat` times in one process and
// prints one JSON line per repetition plus the process' peak RSS.
//
//   delta-scan-bench <table> [--columns a,b] [--filter TEXT] [--threads N]
//                    [--mode materialize|stream] [--repeat R]
//
// materialize keeps every batch until the scan ends (what to_arrow does); stream releases each
// batch as soon as it is counted (a consumer that aggregates or writes batch by batch).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "delta/default_engine.h"
#include "delta/expression.h"
#include "delta/scan.h"
#include "delta/scan_execution.h"
#include "delta/table.h"

namespace {

// CPU seconds (user + system) the process has used so far, all threads.
double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(ru.ru_utime) + secs(ru.ru_stime);
}

struct Args {
  std::string table;
  std::optional<std::vector<std::string>> columns;
  std::string filter;
  int threads = 0;
  bool stream = false;
  int repeat = 1;
};

struct Outcome {
  int64_t rows = 0;
  int64_t batches = 0;
  int64_t files = 0;
  int64_t row_groups_skipped = 0;
};

delta::Result<Outcome> RunOnce(const Args& a, const std::shared_ptr<delta::Engine>& engine) {
  DELTA_ASSIGN_OR_RETURN(delta::Table table, delta::Table::ForLocation(a.table, engine));
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const delta::Snapshot> snap, table.LatestSnapshot());
  delta::ScanOptions opts;
  opts.columns = a.columns;
  if (!a.filter.empty()) {
    DELTA_ASSIGN_OR_RETURN(opts.filter, delta::ParseExpression(a.filter));
  }
  DELTA_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(snap, opts));
  Outcome out;
  delta::ExecuteOptions exec;
  delta::ScanProgress last;
  exec.progress = [&last](const delta::ScanProgress& p) { last = p; };
  DELTA_ASSIGN_OR_RETURN(auto reader, delta::ReadScanBatches(scan, engine, exec));
  std::vector<delta::ArrowArrayHandle> kept;
  while (true) {
    DELTA_ASSIGN_OR_RETURN(std::optional<delta::ArrowArrayHandle> batch, reader->Next());
    if (!batch) break;
    out.rows += (*batch)->length;
    ++out.batches;
    if (!a.stream) kept.push_back(std::move(*batch));
  }
  out.files = last.files_done;
  out.row_groups_skipped = last.row_groups_skipped;
  return out;
}

delta::Status Run(const Args& a) {
  delta::DefaultEngineOptions opts;
  opts.cpu_threads = a.threads;
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<delta::Engine> engine, delta::MakeDefaultEngine(opts));
  for (int rep = 0; rep < a.repeat; ++rep) {
    auto t0 = std::chrono::steady_clock::now();
    double cpu0 = CpuSeconds();
    DELTA_ASSIGN_OR_RETURN(Outcome o, RunOnce(a, engine));
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf(
        "{\"rep\":%d,\"seconds\":%.6f,\"cpu_seconds\":%.6f,\"rows\":%lld,\"batches\":%lld,"
        "\"files\":%lld,"
        "\"row_groups_skipped\":%lld}\n",
        rep, secs, CpuSeconds() - cpu0, static_cast<long long>(o.rows),
        static_cast<long long>(o.batches), static_cast<long long>(o.files),
        static_cast<long long>(o.row_groups_skipped));
    std::fflush(stdout);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"peak_rss_kb\":%ld}\n", ru.ru_maxrss);
  return delta::Status::OK();
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ',')) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

int Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s <table> [--columns a,b] [--filter TEXT] [--threads N] "
               "[--mode materialize|stream] [--repeat R]\n",
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
    } else if (arg == "--repeat" && (v = value())) {
      a.repeat = std::atoi(v);
    } else if (arg == "--columns" && (v = value())) {
      a.columns = SplitCommas(v);
    } else if (arg == "--filter" && (v = value())) {
      a.filter = v;
    } else if (arg == "--mode" && (v = value())) {
      if (std::strcmp(v, "materialize") != 0 && std::strcmp(v, "stream") != 0) {
        return Usage(argv[0]);
      }
      a.stream = std::strcmp(v, "stream") == 0;
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
