// Decodes newline-delimited JSON actions (commit files, log compaction files, v2 JSON
// checkpoints) into typed actions. This is the hot path of log replay.
#pragma once

#include <string>
#include <string_view>

#include "delta/actions.h"
#include "delta/status.h"
#include "protocol/action_batch.h"

namespace delta {

/// Appends every action in `data` to `out`. `data` may be grown by a few bytes of padding
/// (capacity only; its contents are unchanged). `file` names the source in error messages.
/// Malformed JSON, a line that is not an object, a known action of the wrong shape, or a
/// missing required field is InvalidTable naming the file and line. Unknown action names are
/// ignored, as the protocol's forward compatibility requires.
Status ParseJsonActions(std::string* data, std::string_view file, ActionBatch* out);

/// Grows `data`'s capacity by the padding the JSON parser reads past the end (contents
/// unchanged). Needed once before ParseJsonActionRange is called on parts of it.
void PadJsonBuffer(std::string* data);

/// ParseJsonActions for the lines in bytes [begin, end) of a padded buffer (PadJsonBuffer):
/// `begin` is the start of a line and `first_line` its 1-based number (for messages), so that
/// parts of one big file can be parsed in parallel and appended in order (AppendActionBatch).
Status ParseJsonActionRange(const std::string& data, size_t begin, size_t end, size_t first_line,
                            std::string_view file, ActionBatch* out);

/// Parses one commitInfo object given as JSON text.
Result<CommitInfo> ParseCommitInfoJson(std::string_view json);

/// Parses a protocol object given as JSON text (e.g. from a CRC file).
Result<Protocol> ParseProtocolJson(std::string_view json);

/// Parses a metaData object given as JSON text (e.g. from a CRC file).
Result<Metadata> ParseMetadataJson(std::string_view json);

}  // namespace delta
