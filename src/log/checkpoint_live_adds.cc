#include "log/checkpoint_live_adds.h"

#include <algorithm>
#include <utility>

#include "log/checkpoint_add_keys.h"
#include "log/file_key.h"

namespace delta {
namespace {

// Only add columns: the previous checkpoint's removes are read apart, as tombstones.
CheckpointActionSet AddsOnly() {
  CheckpointActionSet s = CheckpointActionSet::FileActionsOnly();
  s.remove = false;
  return s;
}

}  // namespace

std::string CheckpointAddKey(const AddFile& a) {
  return std::string(a.path) + "\n" + (a.deletion_vector ? a.deletion_vector->UniqueId() : "");
}

std::unique_ptr<CheckpointLiveAdds> CheckpointLiveAdds::FromFileList(
    const SnapshotState& st, int64_t batch_rows, const std::set<std::string>* only) {
  std::unique_ptr<CheckpointLiveAdds> adds(new CheckpointLiveAdds(st, batch_rows));
  adds->only_ = only;
  Source src;
  src.list = &st.files;
  adds->sources_.push_back(std::move(src));
  adds->Hold(static_cast<int64_t>(st.files.size()));  // the snapshot holds them all anyway
  return adds;
}

std::unique_ptr<CheckpointLiveAdds> CheckpointLiveAdds::Streamed(const SnapshotState& st,
                                                                 int64_t batch_rows) {
  std::unique_ptr<CheckpointLiveAdds> adds(new CheckpointLiveAdds(st, batch_rows));
  Source commits;
  commits.list = &st.deferred->commit_adds;
  adds->sources_.push_back(std::move(commits));
  adds->Hold(static_cast<int64_t>(st.deferred->commit_adds.size()));  // the snapshot's
  for (const FileInfo& f : st.deferred->checkpoint_files) {
    Source src;
    src.file = &f;
    adds->sources_.push_back(std::move(src));
  }
  return adds;
}

CheckpointLiveAdds::~CheckpointLiveAdds() = default;

void CheckpointLiveAdds::Hold(int64_t n) {
  const int64_t now = held_.fetch_add(n) + n;
  int64_t peak = peak_.load();
  while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
  }
}

void CheckpointLiveAdds::SetHeld(Source& src, int64_t rows) {
  Hold(rows - src.held);
  src.held = rows;
}

void CheckpointLiveAdds::Rewind(size_t s) {
  Source& src = sources_[s];
  src.next = 0;
  src.reader.reset();
  src.batch = ActionBatch();
  SetHeld(src, 0);
}

Result<bool> CheckpointLiveAdds::Next(size_t s, std::vector<const AddFile*>* out,
                                      int64_t* shadowed) {
  out->clear();
  Source& src = sources_[s];
  const size_t batch = static_cast<size_t>(std::max<int64_t>(1, batch_rows_));
  if (src.list != nullptr) {
    const std::vector<AddFile>& list = *src.list;
    while (out->empty() && src.next < list.size()) {
      const size_t end = std::min(list.size(), src.next + batch);
      for (size_t i = src.next; i < end; ++i) {
        if (only_ != nullptr && only_->count(CheckpointAddKey(list[i])) == 0) continue;
        out->push_back(&list[i]);
      }
      src.next = end;
    }
    return !out->empty();
  }
  const DeferredFiles& d = *st_.deferred;
  if (!src.reader) {
    if (src.next > 0) return false;  // read to its end already
    auto reader = CheckpointFileReader::Open(*st_.engine, *src.file, AddsOnly(),
                                             d.stats_parsed ? &*d.stats_parsed : nullptr);
    if (!reader.ok())
      return reader.status().WithContext("reading checkpoint " + src.file->location);
    src.reader.emplace(std::move(*reader));
  }
  const bool any_seen = d.any_seen();
  while (out->empty()) {
    // The previous batch goes before the next is decoded: one batch per source at a time.
    src.batch = ActionBatch();
    SetHeld(src, 0);
    DELTA_ASSIGN_OR_RETURN(bool more, src.reader->Next(&src.batch));
    if (!more) {
      src.reader.reset();
      src.next = 1;
      return false;
    }
    SetHeld(src, static_cast<int64_t>(src.batch.adds.size()));
    Arena scratch(4096);
    for (const AddFile& a : src.batch.adds) {
      if (any_seen) {
        FileKey k = MakeFileKey(a.path, a.deletion_vector, d.root_decoded, &scratch);
        if (d.MaySee(k.hash) && d.seen[ShardOf(k)].Contains(k)) {  // a newer commit's
          if (shadowed != nullptr) ++*shadowed;
          continue;
        }
      }
      out->push_back(&a);
    }
  }
  return true;
}

Result<bool> CheckpointLiveAdds::Untouched(size_t s, int64_t* live) {
  *live = 0;
  const Source& src = sources_[s];
  if (src.file == nullptr) return TouchedInList(s, live);
  // Only the keys decide: the file's adds are read as paths and deletion vector ids alone.
  const DeferredFiles& d = *st_.deferred;
  if (!d.any_seen()) return CountAdds(s, live);
  DELTA_ASSIGN_OR_RETURN(CheckpointAddKeyReader reader,
                         CheckpointAddKeyReader::Open(*st_.engine, *src.file));
  bool touched = false;
  while (!touched) {
    Arena scratch(4096);
    auto on_add = [&](std::string_view path, const DeletionVectorDescriptor* dv) {
      if (touched) return;
      FileKey k = MakeFileKey(path, dv, d.root_decoded, &scratch);
      if (d.MaySee(k.hash) && d.seen[ShardOf(k)].Contains(k)) {  // a newer commit's
        touched = true;
      } else {
        ++*live;
      }
    };
    auto more = reader.Next(on_add);
    if (!more.ok()) return more.status().WithContext("reading checkpoint " + src.file->location);
    if (!*more) break;
  }
  return !touched;
}

Result<bool> CheckpointLiveAdds::CountAdds(size_t s, int64_t* live) {
  DELTA_ASSIGN_OR_RETURN(CheckpointAddKeyReader reader,
                         CheckpointAddKeyReader::Open(*st_.engine, *sources_[s].file));
  while (true) {
    auto more = reader.Next([&](std::string_view, const DeletionVectorDescriptor*) { ++*live; });
    if (!more.ok()) {
      return more.status().WithContext("reading checkpoint " + sources_[s].file->location);
    }
    if (!*more) return true;
  }
}

Result<bool> CheckpointLiveAdds::TouchedInList(size_t s, int64_t* live) {
  int64_t shadowed = 0;
  std::vector<const AddFile*> adds;
  while (true) {
    DELTA_ASSIGN_OR_RETURN(bool more, Next(s, &adds, &shadowed));
    if (!more || shadowed > 0) break;
    *live += static_cast<int64_t>(adds.size());
  }
  Rewind(s);
  return shadowed == 0;
}

}  // namespace delta
