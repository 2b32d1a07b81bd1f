// The file actions of one checkpoint file (or a run of them) in order: the live adds of some
// sources of CheckpointLiveAdds, then tombstones, pulled a row at a time so that only the
// sources' current batches are held.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "delta/actions.h"
#include "delta/status.h"
#include "log/checkpoint_live_adds.h"
#include "log/checkpoint_rows.h"

namespace delta {

class CheckpointFileRows {
 public:
  CheckpointFileRows(CheckpointLiveAdds* adds, std::vector<size_t> sources,
                     std::span<const RemoveFile* const> tombstones, bool json_stats)
      : adds_(adds),
        sources_(std::move(sources)),
        tombstones_(tombstones),
        json_stats_(json_stats) {}

  /// True when no row is left (reads ahead to know).
  Result<bool> AtEnd();
  /// The next row: an add or a tombstone (the other is null); both null at the end.
  Status NextAction(const AddFile** add, const RemoveFile** remove);
  /// Appends up to `max` rows to `rows`; returns how many (0 at the end).
  Result<int64_t> Fill(CheckpointRowBuilder* rows, int64_t max);

  int64_t adds_taken() const { return adds_taken_; }
  int64_t tombstones_taken() const { return static_cast<int64_t>(next_tombstone_); }

 private:
  CheckpointLiveAdds* adds_;
  std::vector<size_t> sources_;
  std::span<const RemoveFile* const> tombstones_;
  bool json_stats_;
  size_t source_ = 0;  // index into sources_
  std::vector<const AddFile*> batch_;
  size_t next_add_ = 0;
  size_t next_tombstone_ = 0;
  int64_t adds_taken_ = 0;
};

}  // namespace delta
