// Delta log actions as JSON lines (PROTOCOL.md, "Actions"), appended straight into a buffer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gen_model.h"

namespace delta::gen {

/// {"protocol":{...}} and a newline.
void AppendProtocolJson(const TableModel& model, std::string* out);

/// {"metaData":{...}} and a newline; `created_time` is the table's creation time.
void AppendMetadataJson(const TableModel& model, int64_t created_time, std::string* out);

/// {"add":{...}} and a newline; `stats` (a JSON object) is omitted when empty.
void AppendAddJson(const TableModel& model, const GenFile& f, std::string_view stats,
                   bool data_change, std::string* out);

/// {"remove":{...}} with extended file metadata, and a newline.
void AppendRemoveJson(const TableModel& model, const GenFile& f, int64_t deletion_timestamp,
                      bool data_change, std::string* out);

/// {"commitInfo":{...}} for commit `version` of `model`, and a newline.
void AppendCommitInfoJson(const TableModel& model, int64_t version, std::string* out);

/// The engineInfo the generator records.
inline constexpr std::string_view kEngineInfo = "delta-table-gen (delta-kernel-cpp 0.1.0)";

}  // namespace delta::gen
