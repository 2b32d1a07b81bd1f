#include "scan/scan_file_stream.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include "log/checkpoint_decoder.h"
#include "log/snapshot_state.h"
#include "scan/scan_file_planner.h"
#include "util/task_guard.h"

namespace delta {
namespace {

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
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Source> sources;
  size_t consumer = 0;  // the source the consumer drains
  size_t buffered = 0;  // ready blocks not taken yet
  int tasks = 0;        // submitted pool tasks not finished (some may find nothing to do)
  int max_tasks = 0;
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
std::vector<size_t> Schedule(Shared& sh) noexcept {
  std::vector<size_t> picked;
  if (sh.cancelled || !sh.failed.ok()) return picked;
  try {
    picked.reserve(static_cast<size_t>(std::max(sh.max_tasks, 1)));
  } catch (...) {
    return picked;
  }
  for (size_t s = sh.consumer; s < sh.sources.size(); ++s) {
    if (sh.tasks >= sh.max_tasks ||
        sh.buffered + static_cast<size_t>(sh.tasks) >= sh.max_buffered) {
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
    picked.push_back(s);
  }
  return picked;
}

void Submit(Shared* sh, const std::vector<size_t>& picked);

void RunTask(Shared* sh, size_t s) noexcept {
  Source& src = sh->sources[s];
  bool run;
  {
    std::lock_guard lock(sh->mu);
    // The consumer may have taken the step over, or the iterator be going away.
    run = !sh->cancelled && src.state == SourceState::kQueued;
    if (run) src.state = SourceState::kRunning;
  }
  bool done = false;
  BlockResult r;
  if (run) r = GuardedStep(*sh, src, &done);
  std::vector<size_t> picked;
  {
    std::lock_guard lock(sh->mu);
    if (run) Finish(*sh, src, std::move(r), done);
    --sh->tasks;
    picked = Schedule(*sh);
    sh->cv.notify_all();
  }
  Submit(sh, picked);
}

void Submit(Shared* sh, const std::vector<size_t>& picked) {
  for (size_t s : picked)
    SubmitOrRun(sh->engine->executor(), [sh, s]() noexcept { RunTask(sh, s); });
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
    std::vector<size_t> picked;
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
    std::vector<size_t> picked;
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
  std::unique_ptr<Shared> shared_;
};

}  // namespace

std::unique_ptr<PlanBlockIterator> MakeStreamingScanFileIterator(
    std::shared_ptr<const Scan> scan, std::shared_ptr<const ArrowField> batch_field) {
  return std::make_unique<StreamingScanFileIterator>(std::move(scan), std::move(batch_field));
}

}  // namespace delta
