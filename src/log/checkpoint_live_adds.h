// The live adds a checkpoint writes, read as independent sources batch by batch, so that a
// checkpoint of a table with millions of files never holds them all: a snapshot's file list, or
// for a streamed snapshot (FileListMode::kStreamed) the commits' live adds and then each Parquet
// file of the previous checkpoint, its adds filtered against the keys the commits decided.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "delta/actions.h"
#include "delta/status.h"
#include "log/checkpoint_decoder.h"
#include "log/snapshot_state.h"

namespace delta {

class CheckpointLiveAdds {
 public:
  /// One source over st.files in batches of `batch_rows`; with `only` (keys "path\n" + DV id),
  /// just the files named there.
  static std::unique_ptr<CheckpointLiveAdds> FromFileList(
      const SnapshotState& st, int64_t batch_rows, const std::set<std::string>* only = nullptr);
  /// Source 0: the commits' live adds (batches of `batch_rows`); source i > 0: the adds of
  /// st.deferred->checkpoint_files[i - 1] that no newer commit touched, a Parquet batch at a
  /// time. Needs st.deferred.
  static std::unique_ptr<CheckpointLiveAdds> Streamed(const SnapshotState& st, int64_t batch_rows);

  ~CheckpointLiveAdds();

  size_t sources() const { return sources_.size(); }
  /// The previous checkpoint's file behind source `s` (nullptr for a list of adds in memory).
  const FileInfo* file(size_t s) const { return sources_[s].file; }
  /// Replaces `out` with the next adds of source `s`; false at its end. They stay valid until
  /// the next call for `s`. `shadowed` (when given) counts the adds a newer commit touched and
  /// left out. Different sources may be read at once, each by one thread.
  Result<bool> Next(size_t s, std::vector<const AddFile*>* out, int64_t* shadowed = nullptr);
  /// Starts source `s` again from its beginning, releasing what it holds.
  void Rewind(size_t s);
  /// Whether no add of source `s` was left out (then `*live` is how many it has). A previous
  /// checkpoint file is read as add keys alone (log/checkpoint_add_keys.h), up to the first
  /// touched add; a list is read as Next does, then rewound.
  Result<bool> Untouched(size_t s, int64_t* live);

  /// The most file actions held in memory at once so far: the commits' live adds and the
  /// decoded batches of the previous checkpoint (or the whole file list of a snapshot that has
  /// one), and what Hold counted.
  int64_t peak_actions() const { return peak_.load(); }
  /// Counts `n` more (or fewer) file actions held by the caller (tombstones).
  void Hold(int64_t n);

 private:
  struct Source {
    const FileInfo* file = nullptr;  // a checkpoint file; nullptr: `list`
    const std::vector<AddFile>* list = nullptr;
    size_t next = 0;
    std::optional<CheckpointFileReader> reader;
    ActionBatch batch;  // the reader's current batch
    int64_t held = 0;
  };
  CheckpointLiveAdds(const SnapshotState& st, int64_t batch_rows)
      : st_(st), batch_rows_(batch_rows) {}
  void SetHeld(Source& src, int64_t rows);
  Result<bool> CountAdds(size_t s, int64_t* live);
  Result<bool> TouchedInList(size_t s, int64_t* live);

  const SnapshotState& st_;
  int64_t batch_rows_;
  const std::set<std::string>* only_ = nullptr;
  std::vector<Source> sources_;
  std::atomic<int64_t> held_{0};
  std::atomic<int64_t> peak_{0};
};

/// The key a v2 sidecar reuse decision compares adds by: "path\n" + deletion vector id.
std::string CheckpointAddKey(const AddFile& add);

}  // namespace delta
