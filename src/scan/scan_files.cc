// Scan planning over the snapshot's files: in parallel blocks over the engine's executor, or
// streamed from the checkpoint for snapshots without a file list. Every block is a metadata
// batch; ScanFiles are read back from the batches' selected rows.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>

#include "delta/scan.h"
#include "delta/scan_metadata.h"
#include "log/snapshot_state.h"
#include "scan/scan_extension.h"
#include "scan/scan_file_planner.h"
#include "scan/scan_file_stream.h"
#include "scan/scan_metadata_builder.h"
#include "scan/scan_metadata_rows.h"
#include "scan/scan_state.h"
#include "util/parallel.h"
#include "util/task_guard.h"

namespace delta {

namespace {

Executor* ExecutorOf(const Snapshot& snapshot) {
  const auto& engine = snapshot.state().engine;
  return engine ? &engine->executor() : nullptr;
}

// Pulls planned blocks in order; a window of blocks ahead is planned on the executor. A block
// nobody has started yet is planned by the caller itself, so Next() never waits on a pool that
// is busy (or is the caller).
class ParallelBlockIterator final : public PlanBlockIterator {
 public:
  ParallelBlockIterator(std::shared_ptr<const Scan> scan,
                        std::shared_ptr<const ArrowField> batch_field)
      : scan_(std::move(scan)),
        batch_field_(std::move(batch_field)),
        shared_(std::make_unique<Shared>(*scan_, *batch_field_)) {
    executor_ = ExecutorOf(*scan_->snapshot());
    shared_->blocks.resize(shared_->planner.num_blocks());
    int parallelism = executor_ ? executor_->parallelism() : 1;
    window_ = parallelism > 1 ? static_cast<size_t>(parallelism) * 2 : 0;
  }

  // Pool tasks hold a raw pointer to shared_: wait until the last one has let go.
  ~ParallelBlockIterator() override {
    std::unique_lock lock(shared_->mu);
    shared_->cancelled = true;
    shared_->cv.wait(lock, [&] { return shared_->running == 0; });
  }

  // The next block in order, planned ahead on the pool or, if nobody started it, here.
  bool NextBlock(BlockResult* out) override {
    if (next_block_ >= shared_->blocks.size()) return false;
    Fill();
    *out = Take(next_block_);
    ++next_block_;
    return true;
  }

 private:
  enum class BlockState { kPending, kRunning, kDone };
  struct Block {
    BlockState state = BlockState::kPending;
    BlockResult result;
  };
  struct Shared {
    Shared(const Scan& scan, const ArrowField& batch_field) : planner(scan, batch_field) {}
    ScanFilePlanner planner;
    std::mutex mu;
    std::condition_variable cv;
    std::vector<Block> blocks;
    int running = 0;
    bool cancelled = false;
  };

  // Keeps up to window_ blocks ahead of the consumer submitted.
  void Fill() {
    if (window_ == 0) return;
    size_t limit = std::min(shared_->blocks.size(), next_block_ + window_);
    for (submitted_ = std::max(submitted_, next_block_); submitted_ < limit; ++submitted_) {
      size_t b = submitted_;
      {
        std::lock_guard lock(shared_->mu);
        ++shared_->running;
      }
      SubmitOrRun(*executor_, [shared = shared_.get(), b]() noexcept {
        bool run = false;
        {
          std::lock_guard lock(shared->mu);
          if (!shared->cancelled && shared->blocks[b].state == BlockState::kPending) {
            shared->blocks[b].state = BlockState::kRunning;
            run = true;
          }
        }
        BlockResult r;
        if (run) r = shared->planner.PlanBlock(b);
        std::lock_guard lock(shared->mu);
        if (run) {
          shared->blocks[b].result = std::move(r);
          shared->blocks[b].state = BlockState::kDone;
        }
        --shared->running;
        shared->cv.notify_all();
      });
    }
  }

  BlockResult Take(size_t b) {
    bool run_here = false;
    {
      std::unique_lock lock(shared_->mu);
      if (shared_->blocks[b].state == BlockState::kPending) {
        shared_->blocks[b].state = BlockState::kRunning;
        run_here = true;
      } else {
        shared_->cv.wait(lock, [&] { return shared_->blocks[b].state == BlockState::kDone; });
      }
    }
    BlockResult r;
    if (run_here) {
      r = shared_->planner.PlanBlock(b);
    } else {
      std::lock_guard lock(shared_->mu);
      r = std::move(shared_->blocks[b].result);
    }
    return r;
  }

  std::shared_ptr<const Scan> scan_;
  std::shared_ptr<const ArrowField> batch_field_;
  std::unique_ptr<Shared> shared_;
  Executor* executor_ = nullptr;
  size_t window_ = 0;
  size_t submitted_ = 0;
  size_t next_block_ = 0;
};

// ScanFiles read back from the selected rows of the scan's metadata batches, one batch at a
// time.
class BatchScanFileIterator final : public ScanFileIterator {
 public:
  explicit BatchScanFileIterator(std::shared_ptr<const Scan> scan) : scan_(std::move(scan)) {
    error_ = Init();
  }

  Result<std::optional<ScanFile>> Next() override {
    while (true) {
      if (!error_.ok()) return error_;
      if (pos_ < files_.size()) return std::optional<ScanFile>(std::move(files_[pos_++]));
      files_.clear();
      pos_ = 0;
      try {
        auto batch = batches_->Next();
        if (!batch.ok()) {
          error_ = batch.status();
          continue;
        }
        if (!*batch) return std::optional<ScanFile>();
        error_ = AppendSelectedScanFiles(*scan_, *schema_.get(), **batch, &files_);
      } catch (...) {
        error_ = StatusFromCurrentException("planning the scan's files");
      }
    }
  }

  ScanCounts counts() const override { return batches_ ? batches_->counts() : ScanCounts{}; }

 private:
  Status Init() {
    DELTA_ASSIGN_OR_RETURN(ArrowField field, ScanMetadataField(scan_->state()));
    schema_ = field.Export();
    DELTA_ASSIGN_OR_RETURN(batches_, scan_->MetadataBatches());
    return Status::OK();
  }

  std::shared_ptr<const Scan> scan_;
  ArrowSchemaHandle schema_;
  std::unique_ptr<ScanMetadataIterator> batches_;
  std::vector<ScanFile> files_;  // the current batch's selected files
  size_t pos_ = 0;
  Status error_;  // sticky
};

}  // namespace

Result<std::vector<ScanFile>> Scan::Files(ScanCounts* counts) const {
  return CatchAsStatus("planning the scan's files", {}, [&]() -> Result<std::vector<ScanFile>> {
    if ((state_->extension != nullptr && state_->extension->files) ||
        !state_->snapshot->has_file_list()) {
      std::unique_ptr<ScanFileIterator> it = FileIterator();
      std::vector<ScanFile> out;
      while (true) {
        DELTA_ASSIGN_OR_RETURN(std::optional<ScanFile> f, it->Next());
        if (!f) break;
        out.push_back(std::move(*f));
      }
      if (counts != nullptr) *counts = it->counts();
      return out;
    }
    // In memory: every block is planned and read back into ScanFiles on the executor.
    DELTA_ASSIGN_OR_RETURN(ArrowField field, ScanMetadataField(*state_));
    ArrowSchemaHandle schema = field.Export();
    ScanFilePlanner planner(*this, field);
    struct Block {
      ScanCounts counts;
      std::vector<ScanFile> files;
      Status status;
    };
    std::vector<Block> blocks(planner.num_blocks());
    ParallelFor(ExecutorOf(*state_->snapshot), blocks.size(), [&](size_t b) {
      BlockResult planned = planner.PlanBlock(b);
      Block& out = blocks[b];
      out.counts = planned.counts;
      out.status = std::move(planned.status);
      if (!out.status.ok() || !planned.batch) return;
      ScanMetadataBatch batch = planned.batch->Finish(planned.counts);
      planned.batch.reset();
      out.status = AppendSelectedScanFiles(*this, *schema.get(), batch, &out.files);
    });
    ScanCounts total;
    size_t n = 0;
    for (const Block& b : blocks) {
      DELTA_RETURN_NOT_OK(b.status);
      AddCounts(b.counts, &total);
      n += b.files.size();
    }
    std::vector<ScanFile> out;
    out.reserve(n);
    for (Block& b : blocks) {
      std::move(b.files.begin(), b.files.end(), std::back_inserter(out));
    }
    if (counts != nullptr) *counts = total;
    return out;
  });
}

std::unique_ptr<ScanFileIterator> Scan::FileIterator() const {
  if (state_->extension != nullptr && state_->extension->files) return state_->extension->files();
  return std::make_unique<BatchScanFileIterator>(shared_from_this());
}

std::unique_ptr<PlanBlockIterator> MakeScanBlockIterator(
    std::shared_ptr<const Scan> scan, std::shared_ptr<const ArrowField> batch_field) {
  if (!scan->snapshot()->has_file_list()) {
    return MakeStreamingScanFileIterator(std::move(scan), std::move(batch_field));
  }
  return std::make_unique<ParallelBlockIterator>(std::move(scan), std::move(batch_field));
}

}  // namespace delta
