// The commitInfo a transaction writes, in the shape Delta Spark writes it: provenance for
// history and the fields conflict checking and in-commit timestamps rely on.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "delta/actions.h"
#include "delta/table_properties.h"

namespace delta {

struct CommitInfoFields {
  int64_t timestamp = 0;
  std::optional<int64_t> in_commit_timestamp;  ///< written first, as the protocol asks
  std::string operation;
  std::map<std::string, std::string> operation_parameters;  ///< written as JSON strings
  std::optional<int64_t> read_version;                      ///< absent when creating
  IsolationLevel isolation_level = IsolationLevel::kSerializable;
  bool is_blind_append = false;
  std::vector<std::pair<std::string, int64_t>> operation_metrics;  ///< written as strings
  std::map<std::string, std::string> tags;  ///< commitInfo.tags; the object is left out when empty
  std::string engine_info;
  std::string txn_id;
};

/// The commitInfo action for `fields`, its `json` set to the object written to the log.
CommitInfo MakeCommitInfo(const CommitInfoFields& fields);

}  // namespace delta
