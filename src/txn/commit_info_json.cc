#include "txn/commit_info_json.h"

#include "delta/json_writer.h"

namespace delta {

CommitInfo MakeCommitInfo(const CommitInfoFields& f) {
  JsonWriter w;
  w.BeginObject();
  if (f.in_commit_timestamp) w.Key("inCommitTimestamp").Int(*f.in_commit_timestamp);
  w.Key("timestamp").Int(f.timestamp);
  w.Key("operation").String(f.operation);
  w.Key("operationParameters").BeginObject();
  for (const auto& [k, v] : f.operation_parameters) w.Key(k).String(v);
  w.EndObject();
  if (f.read_version) w.Key("readVersion").Int(*f.read_version);
  w.Key("isolationLevel").String(IsolationLevelName(f.isolation_level));
  w.Key("isBlindAppend").Bool(f.is_blind_append);
  w.Key("operationMetrics").BeginObject();
  for (const auto& [k, v] : f.operation_metrics) w.Key(k).String(std::to_string(v));
  w.EndObject();
  // After the metrics, as Delta Spark orders them; absent when there is none, as there.
  if (!f.tags.empty()) {
    w.Key("tags").BeginObject();
    for (const auto& [k, v] : f.tags) w.Key(k).String(v);
    w.EndObject();
  }
  w.Key("engineInfo").String(f.engine_info);
  w.Key("txnId").String(f.txn_id);
  w.EndObject();

  CommitInfo info;
  info.timestamp = f.timestamp;
  info.in_commit_timestamp = f.in_commit_timestamp;
  info.operation = f.operation;
  info.operation_parameters = f.operation_parameters;
  info.engine_info = f.engine_info;
  info.is_blind_append = f.is_blind_append;
  info.read_version = f.read_version;
  info.isolation_level = std::string(IsolationLevelName(f.isolation_level));
  info.json = w.Take();
  return info;
}

}  // namespace delta
