// The generated table's actions as typed Delta actions (delta/actions.h). The kernel's JSON
// encoder and the checkpoint row builder (gen_checkpoint_rows.h) write them, so the generator
// keeps no field list of its own (protocol/action_schema.h is the one).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "delta/actions.h"
#include "delta/json_writer.h"
#include "gen_model.h"
#include "protocol/action_json.h"

namespace delta::gen {

/// Storage for the views of one file action (its path and its partition value).
struct FileActionScratch {
  std::string path;
  PartitionValue partition;
};

/// The table's protocol: feature lists only at reader version 3 / writer version 7.
Protocol ModelProtocol(const TableModel& model);

/// The table's metaData; `created_time` is the table's creation time.
Metadata ModelMetadata(const TableModel& model, int64_t created_time);

/// The add of file `f`; `stats` (a JSON object, empty for none) must outlive the result, and
/// so must `scratch`, which holds the path and partition value.
AddFile ModelAdd(const TableModel& model, const GenFile& f, std::string_view stats,
                 bool data_change, FileActionScratch* scratch);

/// The remove (with extended file metadata) of file `f`, viewing `scratch` as ModelAdd does.
RemoveFile ModelRemove(const TableModel& model, const GenFile& f, int64_t deletion_timestamp,
                       bool data_change, FileActionScratch* scratch);

/// Appends `action` as one JSON line (the kernel's encoder) and a newline.
template <typename Action>
void AppendJsonLine(const Action& action, std::string* out) {
  thread_local JsonWriter w;
  EncodeJsonAction(action, &w);
  out->append(w.str());
  out->push_back('\n');
  (void)w.Take();
}

}  // namespace delta::gen
