// Writing `_delta_log/_last_checkpoint` (PROTOCOL.md, "Last Checkpoint File Schema"): the hint
// that points readers at the newest checkpoint, with the MD5 checksum of its canonical JSON
// ("JSON checksum"). Reading it is log_segment.h's ReadLastCheckpointHint.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "delta/status.h"

namespace delta {

/// A v2 checkpoint described in `_last_checkpoint` ("v2Checkpoint", as Delta Spark writes it):
/// with both lists present a reader that trusts it need not open the top-level file for its
/// non-file actions and sidecar list.
struct LastCheckpointV2 {
  std::string path;  ///< file name of the UUID-named checkpoint in _delta_log
  int64_t size_in_bytes = 0;
  int64_t modification_time = 0;
  /// Each one action as JSON ({"protocol":{...}}); nullopt when left out (too many).
  std::optional<std::vector<std::string>> non_file_actions;
  /// Each one sidecar as JSON ({"path":...,"sizeInBytes":...,"modificationTime":...}); nullopt
  /// when left out (too many).
  std::optional<std::vector<std::string>> sidecar_files;
};

/// At most this many non-file actions, or sidecars, are listed in `_last_checkpoint` (more are
/// left out, so that the file stays small; readers then open the checkpoint).
inline constexpr size_t kMaxLastCheckpointV2Entries = 30;

/// What `_last_checkpoint` records about one checkpoint.
struct LastCheckpointInfo {
  int64_t version = 0;
  /// Actions stored in the checkpoint (its rows; for a v2 checkpoint with sidecars, the
  /// manifest's rows plus the sidecars').
  int64_t size = 0;
  std::optional<int64_t> parts;  ///< multi-part checkpoints only
  std::optional<int64_t> size_in_bytes;
  std::optional<int64_t> num_of_add_files;
  /// The checkpoint file's schema as Delta schema JSON (an object; for a v2 checkpoint, the
  /// top-level file's, not its sidecars').
  std::optional<std::string> checkpoint_schema;
  /// V2 checkpoints only.
  std::optional<LastCheckpointV2> v2_checkpoint;
};

/// The file's JSON: version, size, parts, sizeInBytes, numOfAddFiles, checkpointSchema,
/// v2Checkpoint and checksum (over all of them).
std::string EncodeLastCheckpoint(const LastCheckpointInfo& info);

/// The canonical form of a JSON document as the checksum rules define it (string keys and
/// values percent-encoded, leaf paths joined by '+', pairs sorted by path, the top-level
/// "checksum" left out). InvalidArgument for text that is not JSON.
Result<std::string> CanonicalChecksumJson(std::string_view json);

/// MD5 (32 hex digits) of CanonicalChecksumJson(json).
Result<std::string> LastCheckpointChecksum(std::string_view json);

}  // namespace delta
