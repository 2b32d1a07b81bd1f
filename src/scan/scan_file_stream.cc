#include "scan/scan_file_stream.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "cloud/store_factory.h"
#include "log/checkpoint_decoder.h"
#include "log/snapshot_state.h"
#include "scan/scan_file_planner.h"
#include "util/task_guard.h"
#include "util/thread_pool.h"

namespace delta {
namespace {

// Checkpoint files (parts, sidecars) of a table on an object store opened at once: each open
// waits round trips (its footer, then its column chunks) that overlap only across files.
constexpr int kRemoteFilesAhead = 8;

// Who works on a source. A queued step may still be taken over by the consumer: pool threads
// may all be busy with work that waits for this very iterator (the scan's data reads).
enum class SourceState { kIdle, kQueued, kRunning };

// One producer of blocks: the commits' live adds (file == nullptr) or one checkpoint file.
// `reader` and `next_commit_add` belong to whoever set kRunning; the rest is under the mutex.
struct Source {
  const FileInfo* file = nullptr;
  std::optional<CheckpointFileReader> reader;
  size_t next_commit_add = 0;
  std::deque<BlockResult> ready;
  SourceState state = SourceState::kIdle;
  bool started = false;  // has (or had) its file open
  bool done = false;
};

struct Shared {
  Shared(const Scan& scan, const ArrowField& batch_field, std::shared_ptr<const DeferredFiles> d,
         Engine* e)
      : planner(scan, batch_field), deferred(std::move(d)), engine(e) {}

  ScanFilePlanner planner;
  std::shared_ptr<const DeferredFiles> deferred;
  Engine* engine;
  Executor* ahead_executor = nullptr;  // where files are opened ahead (the iterator's own)
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Source> sources;
  size_t consumer = 0;  // the source the consumer drains
  size_t buffered = 0;  // ready blocks not taken yet
  int tasks = 0;        // submitted pool tasks not finished (some may find nothing to do)
  int max_tasks = 0;    // of the tasks that decode (the others only open files ahead)
  int decoding = 0;     // submitted decode tasks not finished
  int ahead = 0;        // submitted open-ahead tasks not finished
  int max_ahead = 0;    // 0: no file is opened ahead of its decoding
  size_t max_buffered = 0;
  int open = 0;  // sources started and not done: each holds a reader and its buffers
  int max_open = 0;
  bool cancelled = false;
  Status failed;  // a step whose outcome could not be recorded (out of memory): sticky
};

// Only add columns: a checkpoint's removes are tombstones that shadow nothing in it.
CheckpointActionSet AddsOnly() {
  CheckpointActionSet s = CheckpointActionSet::FileActionsOnly();
  s.remove = false;
  return s;
}

// Produces the source's next block without the lock; `*done` when the source is exhausted.
BlockResult Step(Shared& sh, Source& src, bool* done) {
  BlockResult out;
  const DeferredFiles& d = *sh.deferred;
  if (src.file == nullptr) {
    size_t begin = src.next_commit_add;
    size_t end = std::min(d.commit_adds.size(), begin + kBlockFiles);
    for (size_t i = begin; i < end && out.status.ok(); ++i) {
      out.status = sh.planner.PlanFile(d.commit_adds[i], &out);
    }
    src.next_commit_add = end;
    *done = end == d.commit_adds.size();
    return out;
  }
  if (!src.reader) {
    auto reader = CheckpointFileReader::Open(*sh.engine, *src.file, AddsOnly(),
                                             d.stats_parsed ? &*d.stats_parsed : nullptr);
    if (!reader.ok()) {
      out.status = reader.status().WithContext("reading checkpoint " + src.file->location);
      return out;
    }
    src.reader.emplace(std::move(*reader));
  }
  // The adds' views point into the decoded batch, released at the end of this step: the
  // metadata batch holds copies of what it keeps.
  ActionBatch batch;
  ArrowArrayHandle arrow_batch;
  auto more = src.reader->Next(&batch, &arrow_batch);
  if (!more.ok() || !*more) {
    if (!more.ok()) out.status = more.status();
    *done = true;
    src.reader.reset();
    return out;
  }
  const std::vector<AddFile>& adds = batch.adds;
  if (!d.any_seen()) {
    for (const AddFile& a : adds) {
      out.status = sh.planner.PlanFile(a, &out);
      if (!out.status.ok()) break;
    }
    return out;
  }
  // The cached filter answers most adds; the rest probe the commits' key sets.
  Arena scratch(4096);
  for (const AddFile& a : adds) {
    FileKey k = MakeFileKey(a.path, a.deletion_vector, d.root_decoded, &scratch);
    if (d.MaySee(k.hash) && d.seen[ShardOf(k)].Contains(k)) continue;  // a newer commit's
    out.status = sh.planner.PlanFile(a, &out);
    if (!out.status.ok()) break;
  }
  return out;
}

// Opens the source's file without decoding (the reader starts fetching its column chunks), so
// that the round trips of several files overlap; its first Step decodes. The open's error, if
// any, becomes the source's block.
BlockResult OpenAhead(Shared& sh, Source& src, bool* done) noexcept {
  BlockResult out;
  try {
    if (src.file != nullptr && !src.reader) {
      auto reader = CheckpointFileReader::Open(
          *sh.engine, *src.file, AddsOnly(),
          sh.deferred->stats_parsed ? &*sh.deferred->stats_parsed : nullptr);
      if (reader.ok()) {
        src.reader.emplace(std::move(*reader));
      } else {
        out.status = reader.status().WithContext("reading checkpoint " + src.file->location);
        *done = true;
      }
    }
  } catch (...) {
    out.status = StatusFromCurrentException("opening", src.file->location);
    *done = true;
  }
  return out;
}

// Step, with an exception (an allocation failure) turned into the block's error.
BlockResult GuardedStep(Shared& sh, Source& src, bool* done) noexcept {
  try {
    return Step(sh, src, done);
  } catch (...) {
    *done = true;
    BlockResult out;
    out.status = StatusFromCurrentException("planning the scan's files from",
                                            src.file ? src.file->location : "the commits");
    return out;
  }
}

// Records a finished step (under the lock). Never throws: when the block cannot be queued (out
// of memory), the failure is recorded in sh.failed for the consumer.
void Finish(Shared& sh, Source& src, BlockResult r, bool done) noexcept {
  src.state = SourceState::kIdle;
  if (!r.status.ok()) done = true;
  if (done && !src.done) {
    src.done = true;
    if (src.started) --sh.open;
  }
  if (r.batch || r.counts.total_files > 0 || !r.status.ok()) {
    try {
      src.ready.push_back(std::move(r));
      ++sh.buffered;
    } catch (...) {
      if (sh.failed.ok()) sh.failed = StatusFromCurrentException("planning the scan's files");
    }
  }
}

// Marks a source as having its file open (under the lock).
void Start(Shared& sh, Source& src) {
  if (!src.started) {
    src.started = true;
    ++sh.open;
  }
}

// Picks idle sources to run on the pool, nearest the consumer first (under the lock). Picks
// none when out of memory: the consumer then runs the steps itself.
// A source picked to run on a pool: decoded a step, or only opened ahead.
struct Pick {
  size_t source;
  bool ahead;
};

std::vector<Pick> Schedule(Shared& sh) noexcept {
  std::vector<Pick> picked;
  if (sh.cancelled || !sh.failed.ok()) return picked;
  try {
    picked.reserve(static_cast<size_t>(std::max(sh.max_tasks, 1) + sh.max_ahead));
  } catch (...) {
    return picked;
  }
  for (size_t s = sh.consumer; s < sh.sources.size(); ++s) {
    if (sh.decoding >= sh.max_tasks ||
        sh.buffered + static_cast<size_t>(sh.decoding) >= sh.max_buffered) {
      break;
    }
    Source& src = sh.sources[s];
    if (src.state != SourceState::kIdle || src.done) continue;
    // Files are opened in order, a few at a time: an open reader holds its column chunks.
    if (!src.started && sh.open >= sh.max_open) break;
    if (picked.size() == picked.capacity()) break;
    Start(sh, src);
    src.state = SourceState::kQueued;
    ++sh.tasks;
    ++sh.decoding;
    picked.push_back({s, false});
  }
  // The next files not started yet are opened ahead, in order, within max_open.
  for (size_t s = sh.consumer; s < sh.sources.size() && sh.ahead < sh.max_ahead; ++s) {
    Source& src = sh.sources[s];
    if (src.started || src.file == nullptr || src.state != SourceState::kIdle) continue;
    if (sh.open >= sh.max_open || picked.size() == picked.capacity()) break;
    Start(sh, src);
    src.state = SourceState::kQueued;
    ++sh.tasks;
    ++sh.ahead;
    picked.push_back({s, true});
  }
  return picked;
}

void Submit(Shared* sh, const std::vector<Pick>& picked);

void RunTask(Shared* sh, Pick pick) noexcept {
  Source& src = sh->sources[pick.source];
  bool run;
  {
    std::lock_guard lock(sh->mu);
    // The consumer may have taken the step over, or the iterator be going away.
    run = !sh->cancelled && src.state == SourceState::kQueued;
    if (run) src.state = SourceState::kRunning;
  }
  bool done = false;
  BlockResult r;
  if (run) r = pick.ahead ? OpenAhead(*sh, src, &done) : GuardedStep(*sh, src, &done);
  std::vector<Pick> picked;
  {
    std::lock_guard lock(sh->mu);
    if (run) Finish(*sh, src, std::move(r), done);
    --sh->tasks;
    --(pick.ahead ? sh->ahead : sh->decoding);
    picked = Schedule(*sh);
    sh->cv.notify_all();
  }
  Submit(sh, picked);
}

void Submit(Shared* sh, const std::vector<Pick>& picked) {
  for (Pick p : picked) {
    Executor& on = p.ahead ? *sh->ahead_executor : sh->engine->executor();
    SubmitOrRun(on, [sh, p]() noexcept { RunTask(sh, p); });
  }
}

class StreamingScanFileIterator final : public PlanBlockIterator {
 public:
  StreamingScanFileIterator(std::shared_ptr<const Scan> scan,
                            std::shared_ptr<const ArrowField> batch_field)
      : scan_(std::move(scan)), batch_field_(std::move(batch_field)) {
    const SnapshotState& st = scan_->snapshot()->state();
    shared_ = std::make_unique<Shared>(*scan_, *batch_field_, st.deferred, st.engine.get());
    Shared& sh = *shared_;
    sh.sources.emplace_back();  // the commits' live adds
    for (const FileInfo& f : sh.deferred->checkpoint_files) {
      Source src;
      src.file = &f;
      sh.sources.push_back(std::move(src));
    }
    int parallelism = sh.engine->executor().parallelism();
    // One thread: everything runs on the consumer's thread, as with the in-memory iterator.
    sh.max_tasks = parallelism > 1 ? parallelism : 0;
    sh.max_buffered = static_cast<size_t>(parallelism) + 1;
    sh.max_open = parallelism + 1;
    // On an object store opening a file waits round trips (its footer, then its column
    // chunks): open up to kRemoteFilesAhead files ahead on threads of this iterator, so the
    // requests of several files overlap; decoding stays on the engine's pool.
    const int ahead =
        std::min(kRemoteFilesAhead, static_cast<int>(sh.deferred->checkpoint_files.size()));
    if (ahead > 1 && cloud::IsObjectStoreScheme(scan_->snapshot()->table_location())) {
      pool_ = std::make_unique<ThreadPool>(ahead);
      if (pool_->threads() > 0) {
        sh.ahead_executor = pool_.get();
        sh.max_ahead = pool_->threads();
        sh.max_open += sh.max_ahead;
      }
    }
    std::vector<Pick> picked;
    {
      std::lock_guard lock(sh.mu);
      picked = Schedule(sh);
    }
    Submit(&sh, picked);
  }

  // Pool tasks hold a raw pointer to shared_: wait until the last one has let go.
  ~StreamingScanFileIterator() override {
    std::unique_lock lock(shared_->mu);
    shared_->cancelled = true;
    shared_->cv.wait(lock, [&] { return shared_->tasks == 0; });
  }

  // The consumer's next block; false when every source is exhausted. When the block is not
  // ready and nobody produces it, the consumer produces it itself.
  bool NextBlock(BlockResult* out) override {
    Shared& sh = *shared_;
    std::vector<Pick> picked;
    bool got = false;
    {
      std::unique_lock lock(sh.mu);
      while (!got && sh.consumer < sh.sources.size()) {
        Source& src = sh.sources[sh.consumer];
        if (!sh.failed.ok()) {
          out->batch.reset();
          out->counts = {};
          out->status = sh.failed;
          got = true;
        } else if (!src.ready.empty()) {
          *out = std::move(src.ready.front());
          src.ready.pop_front();
          --sh.buffered;
          got = true;
        } else if (src.done) {
          ++sh.consumer;
        } else if (src.state != SourceState::kRunning) {
          Start(sh, src);
          src.state = SourceState::kRunning;  // idle, or queued behind busy pool threads
          lock.unlock();
          bool done = false;
          BlockResult r = GuardedStep(sh, src, &done);
          lock.lock();
          Finish(sh, src, std::move(r), done);
        } else {
          sh.cv.wait(lock);
        }
      }
      picked = Schedule(sh);
    }
    Submit(&sh, picked);
    return got;
  }

 private:
  std::shared_ptr<const Scan> scan_;
  std::shared_ptr<const ArrowField> batch_field_;
  std::unique_ptr<ThreadPool> pool_;  // outlives shared_'s tasks: the destructor waits first
  std::unique_ptr<Shared> shared_;
};

}  // namespace

std::unique_ptr<PlanBlockIterator> MakeStreamingScanFileIterator(
    std::shared_ptr<const Scan> scan, std::shared_ptr<const ArrowField> batch_field) {
  return std::make_unique<StreamingScanFileIterator>(std::move(scan), std::move(batch_field));
}

}  // namespace delta
