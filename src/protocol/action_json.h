// Decodes newline-delimited JSON actions (commit files, log compaction files, v2 JSON
// checkpoints) into typed actions. This is the hot path of log replay.
#pragma once

#include <string>
#include <string_view>

#include "delta/actions.h"
#include "delta/status.h"
#include "log/action_batch.h"

namespace delta {

/// Appends every action in `data` to `out`. `data` may be grown by a few bytes of padding
/// (capacity only; its contents are unchanged). `file` names the source in error messages.
/// Malformed JSON, a line that is not an object, a known action of the wrong shape, or a
/// missing required field is InvalidTable naming the file and line. Unknown action names are
/// ignored, as the protocol's forward compatibility requires.
Status ParseJsonActions(std::string* data, std::string_view file, ActionBatch* out);

/// Parses one commitInfo object given as JSON text.
Result<CommitInfo> ParseCommitInfoJson(std::string_view json);

/// Parses a protocol object given as JSON text (e.g. from a CRC file).
Result<Protocol> ParseProtocolJson(std::string_view json);

/// Parses a metaData object given as JSON text (e.g. from a CRC file).
Result<Metadata> ParseMetadataJson(std::string_view json);

}  // namespace delta
