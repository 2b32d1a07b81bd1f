// Commit, log compaction and v2 JSON checkpoint files: newline-delimited JSON actions, and the
// values inside them that are parsed later (stats numRecords, DV descriptors, single objects).
#include <string>

#include "delta/deletion_vector.h"
#include "fuzz_target.h"
#include "protocol/action_batch.h"
#include "protocol/action_json.h"

DELTA_FUZZ_TARGET(json_actions) {
  using namespace delta;
  std::string text(fuzz::AsText(data, size));
  ActionBatch batch;
  Status st = ParseJsonActions(&text, "fuzz.json", &batch);
  if (st.ok()) {
    for (const AddFile& a : batch.adds) {
      (void)a.NumRecords();
      if (a.deletion_vector != nullptr) {
        (void)a.deletion_vector->UniqueId();
        (void)DeletionVectorAbsolutePath("file:///table", *a.deletion_vector);
      }
    }
    for (const RemoveFile& r : batch.removes) {
      if (r.deletion_vector != nullptr) (void)r.deletion_vector->UniqueId();
    }
  }
  // The single-object parsers (commitInfo for history, protocol and metaData from CRC files).
  std::string_view all = fuzz::AsText(data, size);
  (void)ParseCommitInfoJson(all);
  (void)ParseProtocolJson(all);
  (void)ParseMetadataJson(all);
  return 0;
}
