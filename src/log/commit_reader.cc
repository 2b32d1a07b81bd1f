#include "log/commit_reader.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "protocol/action_json.h"
#include "util/task_guard.h"

namespace delta {
namespace {

// Counts outstanding tasks so one thread can wait for work submitted from callbacks.
class PendingTasks {
 public:
  void Add() {
    std::lock_guard lock(mu_);
    ++pending_;
  }
  void Done() {
    std::lock_guard lock(mu_);
    if (--pending_ == 0) cv_.notify_all();
  }
  void Wait() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return pending_ == 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int64_t pending_ = 0;
};

// Files at least this big are parsed in parts of about kJsonPartBytes, in parallel: one huge
// commit (an initial bulk write) would otherwise be parsed by one thread.
constexpr size_t kParallelJsonBytes = 8 << 20;
constexpr size_t kJsonPartBytes = 2 << 20;
// Read but not yet parsed JSON allowed to wait for the executor.
constexpr int64_t kMaxQueuedJsonBytes = 16 << 20;

// One big JSON log file being parsed in parts; the last part to finish joins them in order.
struct PartedFile {
  std::shared_ptr<std::string> bytes;
  std::vector<size_t> starts;       // part k is bytes [starts[k], starts[k + 1])
  std::vector<size_t> first_lines;  // 1-based line number of each part's first line
  std::vector<ActionBatch> parts;
  std::vector<Status> statuses;
  std::atomic<size_t> remaining{0};
};

// Splits `bytes` at line starts into parts of about kJsonPartBytes (at most 8 per thread).
std::shared_ptr<PartedFile> SplitJsonFile(std::shared_ptr<std::string> bytes, int parallelism) {
  auto f = std::make_shared<PartedFile>();
  const size_t size = bytes->size();
  size_t n = std::min(size / kJsonPartBytes, static_cast<size_t>(parallelism) * 8);
  n = std::max<size_t>(n, 2);
  const char* base = bytes->data();
  f->starts.push_back(0);
  f->first_lines.push_back(1);
  for (size_t k = 1; k < n; ++k) {
    size_t from = std::max(k * (size / n), f->starts.back());
    const void* nl = std::memchr(base + from, '\n', size - from);
    if (nl == nullptr) break;
    size_t start = static_cast<size_t>(static_cast<const char*>(nl) - base) + 1;
    if (start >= size) break;
    size_t prev = f->starts.back();
    f->first_lines.push_back(f->first_lines.back() +
                             static_cast<size_t>(std::count(base + prev, base + start, '\n')));
    f->starts.push_back(start);
  }
  f->starts.push_back(size);
  const size_t parts = f->starts.size() - 1;
  f->parts.resize(parts);
  f->statuses.resize(parts);
  f->remaining = parts;
  f->bytes = std::move(bytes);
  return f;
}

// Sizes `joined` (parts[0], moved in) for parts[1..], which are appended to it in turn.
void ReserveForParts(const std::vector<ActionBatch>& parts, ActionBatch* joined) {
  size_t adds = joined->adds.size();
  size_t removes = joined->removes.size();
  size_t order = joined->file_action_order.size();
  for (size_t i = 1; i < parts.size(); ++i) {
    const ActionBatch& p = parts[i];
    adds += p.adds.size();
    removes += p.removes.size();
    order += p.file_action_order.size();
  }
  joined->adds.reserve(adds);
  joined->removes.reserve(removes);
  joined->file_action_order.reserve(order);
}

}  // namespace

Status ReadJsonLogFiles(Engine& engine, const std::vector<FileInfo>& files,
                        std::vector<ActionBatch>* out, const ParsedLogFileHook& on_parsed) {
  out->clear();
  out->resize(files.size());
  if (files.empty()) return Status::OK();
  std::vector<std::string> locations;
  locations.reserve(files.size());
  for (const FileInfo& f : files) locations.push_back(f.location);
  std::vector<Status> statuses(files.size());
  PendingTasks pending;
  std::atomic<int64_t> queued_bytes{0};  // read, waiting for a parse task to start
  Executor& executor = engine.executor();
  // Runs on the file system's threads and must not throw: parse tasks it queued still use
  // this frame's locals, so an exception must not unwind it before pending.Wait().
  auto on_read = [&](size_t i, Result<std::string> data) {
    if (!data.ok()) {
      statuses[i] = data.status().WithContext("reading " + locations[i]);
      return;
    }
    auto bytes = std::make_shared<std::string>(std::move(*data));
    if (bytes->size() >= kParallelJsonBytes && executor.parallelism() > 1) {
      PadJsonBuffer(bytes.get());
      std::shared_ptr<PartedFile> f = SplitJsonFile(std::move(bytes), executor.parallelism());
      for (size_t k = 0; k + 1 < f->starts.size(); ++k) {
        pending.Add();
        SubmitOrRun(executor, [&, i, k, f]() noexcept {
          f->statuses[k] = CatchAsStatus("parsing", locations[i], [&] {
            return ParseJsonActionRange(*f->bytes, f->starts[k], f->starts[k + 1],
                                        f->first_lines[k], locations[i], &f->parts[k]);
          });
          if (f->remaining.fetch_sub(1) == 1) {
            // The last part: join them in file order (the first error in file order wins).
            Status st;
            for (const Status& s : f->statuses) {
              if (!s.ok()) {
                st = s;
                break;
              }
            }
            ActionBatch& joined = (*out)[i];
            if (st.ok()) {
              st = CatchAsStatus("parsing", locations[i], [&] {
                joined = std::move(f->parts[0]);
                ReserveForParts(f->parts, &joined);  // one allocation, not doublings
                Status joined_st;
                for (size_t p = 1; joined_st.ok() && p < f->parts.size(); ++p) {
                  joined_st = AppendActionBatch(std::move(f->parts[p]), locations[i], &joined);
                }
                if (joined_st.ok() && on_parsed) on_parsed(i, joined);
                return joined_st;
              });
            }
            statuses[i] = st;
          }
          pending.Done();
        });
      }
      return;
    }
    auto parse = [&, i](std::string* b) noexcept {
      statuses[i] = CatchAsStatus("parsing", locations[i], [&] {
        DELTA_RETURN_NOT_OK(ParseJsonActions(b, locations[i], &(*out)[i]));
        if (on_parsed) on_parsed(i, (*out)[i]);
        return Status::OK();
      });
    };
    // Backpressure: when storage delivers faster than the executor parses, the reading thread
    // parses this file itself instead of queueing it, so the unparsed bytes waiting in memory
    // stay bounded (it never blocks, so no pool can deadlock on another).
    const int64_t size = static_cast<int64_t>(bytes->size());
    if (queued_bytes.load(std::memory_order_relaxed) > kMaxQueuedJsonBytes) {
      parse(bytes.get());
      return;
    }
    queued_bytes += size;
    pending.Add();
    SubmitOrRun(executor, [&, parse, bytes, size]() noexcept {
      queued_bytes -= size;
      parse(bytes.get());
      pending.Done();
    });
  };
  // The engine's ReadFiles may throw too; the tasks it started must still be waited for.
  Status read_st = CatchAsStatus("reading the log files from", locations.front(), [&] {
    engine.file_system().ReadFiles(locations, [&](size_t i, Result<std::string> data) {
      Status st = CatchAsStatus("reading", locations[i], [&] { on_read(i, std::move(data)); });
      if (!st.ok()) statuses[i] = st;
    });
  });
  pending.Wait();
  for (Status& s : statuses) DELTA_RETURN_NOT_OK(s);
  DELTA_RETURN_NOT_OK(read_st);
  return Status::OK();
}

}  // namespace delta
