// delta-commit-bench: small-append commit latency under racing writer processes, the measured
// C++ side of bench/run_write.sh (bench/deltars_commit_bench.py is delta-rs' side).
//
//   delta-commit-bench --writers W --commits N --dir D [--mode add|write]
//
// Creates a table (id long, value double; not partitioned) at D and forks W writer processes
// (before any thread starts). Each makes one untimed warm-up commit, waits on a pipe until all
// have, then makes N blind-append commits as a real writer would: refresh the snapshot (timed
// apart), begin a transaction, stage the append, Commit() (timed).
//   --mode add   (default) one made-up add per commit through Transaction::AddFiles with a
//                WrittenFile: no data file is written, only the commit is measured.
//   --mode write one real one-row Parquet file per commit through Transaction::WriteFiles
//                (timed apart), then AddFiles and Commit.
// A Conflict from Commit (retries exhausted) is counted and answered as an application would:
// a fresh snapshot and the append again. Prints one JSON line with the figures (latencies in
// milliseconds).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <arrow/api.h>
#include <arrow/c/bridge.h>

#include "delta/default_engine.h"
#include "delta/snapshot.h"
#include "delta/table.h"
#include "delta/transaction.h"

namespace {

using namespace delta;
using Clock = std::chrono::steady_clock;

constexpr const char* kSchema =
    R"({"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},)"
    R"({"name":"value","type":"double","nullable":true,"metadata":{}}]})";

int Fail(const std::string& why) {
  std::fprintf(stderr, "delta-commit-bench: %s\n", why.c_str());
  return 1;
}

double MsSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// A made-up add: the path need not exist, nothing reads it.
WrittenFile MadeUpFile(int writer, int seq) {
  WrittenFile f;
  f.path = "w" + std::to_string(writer) + "-" + std::to_string(seq) + ".parquet";
  f.size = 600;
  f.modification_time = 1;
  f.num_records = 1;
  f.stats = R"({"numRecords":1,"minValues":{"id":)" + std::to_string(seq) +
            R"(,"value":0.5},"maxValues":{"id":)" + std::to_string(seq) +
            R"(,"value":0.5},"nullCount":{"id":0,"value":0}})";
  return f;
}

// One row (id = seq, value = 0.5) as an Arrow C stream.
Status OneRowStream(int seq, ArrowArrayStream* out) {
  arrow::Int64Builder ids;
  arrow::DoubleBuilder values;
  if (!ids.Append(seq).ok() || !values.Append(0.5).ok()) return Status::Internal("arrow append");
  auto id_array = ids.Finish();
  auto value_array = values.Finish();
  if (!id_array.ok() || !value_array.ok()) return Status::Internal("arrow finish");
  auto schema =
      arrow::schema({arrow::field("id", arrow::int64()), arrow::field("value", arrow::float64())});
  auto batch = arrow::RecordBatch::Make(schema, 1, {*id_array, *value_array});
  auto reader = arrow::RecordBatchReader::Make({batch}, schema);
  if (!reader.ok()) return Status::Internal(reader.status().ToString());
  if (!arrow::ExportRecordBatchReader(*reader, out).ok()) return Status::Internal("export");
  return Status::OK();
}

struct Sample {
  double refresh_ms = 0;
  double write_ms = 0;  // --mode write: WriteFiles
  double commit_ms = 0;
  int attempts = 0;   // puts the landing Commit made
  int rebased = 0;    // winning commits rebased over
  int conflicts = 0;  // Commit gave up (Conflict) and the append was redone
};

// One append, retried from a fresh snapshot when Commit gives up with a Conflict.
int AppendOnce(std::shared_ptr<const Snapshot>& snapshot, int writer, int seq, bool real_files,
               Sample* s) {
  for (;;) {
    auto t0 = Clock::now();
    auto latest = snapshot->Refresh();
    if (!latest.ok()) return Fail("refresh: " + latest.status().ToString());
    snapshot = *latest;
    s->refresh_ms += MsSince(t0);
    auto txn = Transaction::Begin(snapshot);
    if (!txn.ok()) return Fail(txn.status().ToString());
    Transaction& t = **txn;
    t.SetOperation("WRITE", {{"mode", "Append"}});
    std::vector<WrittenFile> files;
    if (real_files) {
      auto tw = Clock::now();
      ArrowArrayStream stream{};
      if (Status st = OneRowStream(seq, &stream); !st.ok()) return Fail(st.ToString());
      auto written = t.WriteFiles(&stream);
      if (!written.ok()) return Fail("WriteFiles: " + written.status().ToString());
      files = std::move(*written);
      s->write_ms += MsSince(tw);
    } else {
      files.push_back(MadeUpFile(writer, seq));
    }
    if (Status st = t.AddFiles(files); !st.ok()) return Fail(st.ToString());
    auto tc = Clock::now();
    auto r = t.Commit();
    s->commit_ms += MsSince(tc);
    if (r.ok()) {
      s->attempts += r->attempts;
      s->rebased += static_cast<int>(r->rebased_over.size());
      return 0;
    }
    if (r.status().code() != StatusCode::kConflict) return Fail(r.status().ToString());
    ++s->conflicts;
  }
}

// One writer process: an untimed warm-up commit, a byte on `ready`, then a byte from `go`,
// then N timed commits, one line each in `out`.
int RunWriter(const std::string& root, int writer, int commits, bool real_files, int ready, int go,
              FILE* out) {
  auto engine = MakeDefaultEngine();
  if (!engine.ok()) return Fail(engine.status().ToString());
  auto table = Table::ForLocation(root, *engine);
  if (!table.ok()) return Fail(table.status().ToString());
  auto first = table->LatestSnapshot();
  if (!first.ok()) return Fail(first.status().ToString());
  std::shared_ptr<const Snapshot> snapshot = *first;
  Sample warm_up;
  if (int rc = AppendOnce(snapshot, writer, -1, real_files, &warm_up); rc != 0) return rc;
  char c = 'r';
  if (::write(ready, &c, 1) != 1 || ::read(go, &c, 1) != 1) return Fail("start signal");
  for (int seq = 0; seq < commits; ++seq) {
    Sample s;
    if (int rc = AppendOnce(snapshot, writer, seq, real_files, &s); rc != 0) return rc;
    std::fprintf(out, "%.4f %.4f %.4f %d %d %d\n", s.refresh_ms, s.write_ms, s.commit_ms,
                 s.attempts, s.rebased, s.conflicts);
  }
  return 0;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  // Nearest rank.
  size_t rank = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size()) + 0.999999);
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

}  // namespace

int main(int argc, char** argv) {
  int writers = 1, commits = 100;
  std::string dir, mode = "add";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--writers")
      writers = std::atoi(argv[i + 1]);
    else if (a == "--commits")
      commits = std::atoi(argv[i + 1]);
    else if (a == "--dir")
      dir = argv[i + 1];
    else if (a == "--mode")
      mode = argv[i + 1];
    else
      return Fail("unknown argument " + a);
  }
  if (writers < 1 || commits < 1) return Fail("--writers and --commits must be positive");
  if (dir.empty()) return Fail("--dir is required");
  if (mode != "add" && mode != "write") return Fail("--mode is add or write, not " + mode);
  if (std::filesystem::exists(dir)) return Fail(dir + " exists; give a new directory");
  std::string root = std::filesystem::absolute(dir).string();

  {  // version 0, before any writer process starts
    auto engine = MakeDefaultEngine();
    if (!engine.ok()) return Fail(engine.status().ToString());
    auto table = Table::ForLocation(root, *engine);
    if (!table.ok()) return Fail(table.status().ToString());
    auto txn = Transaction::BeginCreate(*table);
    if (!txn.ok()) return Fail(txn.status().ToString());
    Metadata m;
    m.schema_string = kSchema;
    if (Status s = (*txn)->UpdateProtocol({}); !s.ok()) return Fail(s.ToString());
    if (Status s = (*txn)->UpdateMetadata(m); !s.ok()) return Fail(s.ToString());
    auto r = (*txn)->Commit();
    if (!r.ok()) return Fail(r.status().ToString());
  }

  int go[2], ready[2];
  if (::pipe(go) != 0 || ::pipe(ready) != 0) return Fail("pipe");
  std::vector<pid_t> children;
  std::vector<std::string> outputs;
  for (int w = 0; w < writers; ++w) {
    outputs.push_back(root + ".w" + std::to_string(w));  // beside the table, not in it
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid < 0) return Fail("fork");
    if (pid == 0) {
      ::close(go[1]);
      ::close(ready[0]);
      FILE* out = std::fopen(outputs.back().c_str(), "w");
      int rc = out ? RunWriter(root, w, commits, mode == "write", ready[1], go[0], out) : 1;
      if (out) std::fclose(out);
      std::_Exit(rc);
    }
    children.push_back(pid);
  }
  ::close(go[0]);
  ::close(ready[1]);
  for (int w = 0; w < writers; ++w) {  // every writer warmed up (EOF: one died)
    char c;
    if (::read(ready[0], &c, 1) != 1) break;
  }
  auto start = Clock::now();
  std::string bytes(static_cast<size_t>(writers), 'g');
  if (::write(go[1], bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
    return Fail("start signal");
  }
  ::close(go[1]);
  int failed = 0;
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
  }
  double wall_s = MsSince(start) / 1000.0;
  if (failed) return Fail(std::to_string(failed) + " writer process(es) failed");

  std::vector<double> refresh, write, commit, append, total;
  long long attempts = 0, rebased = 0, conflicts = 0;
  for (const std::string& path : outputs) {
    std::ifstream in(path);
    Sample s;
    while (in >> s.refresh_ms >> s.write_ms >> s.commit_ms >> s.attempts >> s.rebased >>
           s.conflicts) {
      refresh.push_back(s.refresh_ms);
      write.push_back(s.write_ms);
      commit.push_back(s.commit_ms);
      append.push_back(s.write_ms + s.commit_ms);
      total.push_back(s.refresh_ms + s.write_ms + s.commit_ms);
      attempts += s.attempts;
      rebased += s.rebased;
      conflicts += s.conflicts;
    }
    std::filesystem::remove(path);
  }
  long long landed = static_cast<long long>(commit.size());
  if (landed != static_cast<long long>(writers) * commits) {
    return Fail("expected " + std::to_string(writers * commits) + " commits, got " +
                std::to_string(landed));
  }
  // The log must hold exactly the commits acknowledged.
  auto engine = MakeDefaultEngine();
  auto table = Table::ForLocation(root, *engine);
  auto latest = table->LatestSnapshot();
  if (!latest.ok()) return Fail(latest.status().ToString());
  if ((*latest)->version() != landed + writers) {  // + the warm-up commits
    return Fail("latest version " + std::to_string((*latest)->version()) + " after " +
                std::to_string(landed) + " acknowledged timed commits");
  }
  std::printf(
      "{\"side\":\"cpp\",\"mode\":\"%s\",\"writers\":%d,\"commits_per_writer\":%d,"
      "\"landed\":%lld,\"wall_s\":%.4f,\"commits_per_s\":%.2f,"
      "\"commit_p50_ms\":%.3f,\"commit_p99_ms\":%.3f,\"refresh_p50_ms\":%.3f,"
      "\"refresh_p99_ms\":%.3f,\"write_p50_ms\":%.3f,\"write_p99_ms\":%.3f,"
      "\"append_p50_ms\":%.3f,\"append_p99_ms\":%.3f,\"total_p50_ms\":%.3f,\"total_p99_ms\":%.3f,"
      "\"puts\":%lld,\"put_retries\":%lld,"
      "\"rebased_over\":%lld,\"failed_commits\":%lld}\n",
      mode.c_str(), writers, commits, landed, wall_s, static_cast<double>(landed) / wall_s,
      Percentile(commit, 50), Percentile(commit, 99), Percentile(refresh, 50),
      Percentile(refresh, 99), Percentile(write, 50), Percentile(write, 99), Percentile(append, 50),
      Percentile(append, 99), Percentile(total, 50), Percentile(total, 99), attempts,
      attempts - landed, rebased, conflicts);
  return 0;
}
