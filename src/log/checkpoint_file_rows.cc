#include "log/checkpoint_file_rows.h"

namespace delta {

Result<bool> CheckpointFileRows::AtEnd() {
  while (next_add_ == batch_.size() && source_ < sources_.size()) {
    next_add_ = 0;
    DELTA_ASSIGN_OR_RETURN(bool more, adds_->Next(sources_[source_], &batch_));
    if (!more) {
      batch_.clear();
      ++source_;
    }
  }
  return next_add_ == batch_.size() && next_tombstone_ == tombstones_.size();
}

Status CheckpointFileRows::NextAction(const AddFile** add, const RemoveFile** remove) {
  *add = nullptr;
  *remove = nullptr;
  DELTA_ASSIGN_OR_RETURN(bool end, AtEnd());
  if (end) return Status::OK();
  if (next_add_ < batch_.size()) {
    *add = batch_[next_add_++];
    ++adds_taken_;
  } else {
    *remove = tombstones_[next_tombstone_++];
  }
  return Status::OK();
}

Result<int64_t> CheckpointFileRows::Fill(CheckpointRowBuilder* rows, int64_t max) {
  int64_t n = 0;
  for (; n < max; ++n) {
    const AddFile* add;
    const RemoveFile* remove;
    DELTA_RETURN_NOT_OK(NextAction(&add, &remove));
    if (add != nullptr) {
      rows->Append(*add, json_stats_);
    } else if (remove != nullptr) {
      rows->Append(*remove);
    } else {
      break;
    }
  }
  return n;
}

}  // namespace delta
