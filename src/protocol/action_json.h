// The JSON form of Delta actions, both ways: decodes newline-delimited JSON actions (commit
// files, log compaction files, v2 JSON checkpoints) into typed actions (the hot path of log
// replay), and encodes typed actions as the lines of a commit. Both follow the tables of
// protocol/action_schema.h.
#pragma once

#include <string>
#include <string_view>

#include "delta/actions.h"
#include "delta/status.h"
#include "protocol/action_batch.h"

namespace delta {

class JsonWriter;  // delta/json_writer.h

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

/// Writes `{"<action>":{...}}` for one action: fields in the protocol's order under its names,
/// optional fields left out when absent (nullopt, null, empty), required ones always written.
/// A CommitInfo is written from its `json` when that is set, else from its typed fields.
void EncodeJsonAction(const AddFile& action, JsonWriter* w);
void EncodeJsonAction(const RemoveFile& action, JsonWriter* w);
void EncodeJsonAction(const AddCdcFile& action, JsonWriter* w);
void EncodeJsonAction(const Metadata& action, JsonWriter* w);
void EncodeJsonAction(const Protocol& action, JsonWriter* w);
void EncodeJsonAction(const SetTransaction& action, JsonWriter* w);
void EncodeJsonAction(const DomainMetadata& action, JsonWriter* w);
void EncodeJsonAction(const CommitInfo& action, JsonWriter* w);
void EncodeJsonAction(const CheckpointMetadata& action, JsonWriter* w);
void EncodeJsonAction(const SidecarFile& action, JsonWriter* w);

/// As EncodeJsonAction, the action's object alone, without the `{"<action>": }` around it (the
/// form version checksum files hold them in).
void EncodeJsonActionBody(const Metadata& action, JsonWriter* w);
void EncodeJsonActionBody(const Protocol& action, JsonWriter* w);
void EncodeJsonActionBody(const SetTransaction& action, JsonWriter* w);
void EncodeJsonActionBody(const DomainMetadata& action, JsonWriter* w);

/// Appends the NDJSON lines of `batch` to `out`, each ending in '\n': commitInfo first, then
/// protocol, metaData, checkpointMetadata, txn, domainMetadata and sidecar actions, then adds
/// and removes (in `file_action_order` when it lists them all), then cdc actions.
/// InvalidArgument when `file_action_order` does not match the batch or CommitInfo::json is not
/// a JSON object.
Status WriteJsonActions(const ActionBatch& batch, std::string* out);

}  // namespace delta
