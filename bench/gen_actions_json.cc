#include "gen_actions_json.h"

#include "delta/json_writer.h"
#include "gen_actions.h"

namespace delta::gen {
namespace {

void AppendInt(std::string* out, int64_t v) { out->append(std::to_string(v)); }

void AppendStringArray(const std::vector<std::string>& items, std::string* out) {
  out->push_back('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendJsonString(out, items[i]);
  }
  out->push_back(']');
}

// Operation metrics take string values, as Spark writes them.
void AppendMetric(std::string* out, bool* first, const char* key, int64_t value) {
  if (!*first) out->push_back(',');
  *first = false;
  out->push_back('"');
  out->append(key);
  out->append("\":\"");
  AppendInt(out, value);
  out->push_back('"');
}

}  // namespace

void AppendProtocolJson(const TableModel& model, std::string* out) {
  AppendJsonLine(ModelProtocol(model), out);
}

void AppendMetadataJson(const TableModel& model, int64_t created_time, std::string* out) {
  AppendJsonLine(ModelMetadata(model, created_time), out);
}

void AppendAddJson(const TableModel& model, const GenFile& f, std::string_view stats,
                   bool data_change, std::string* out) {
  FileActionScratch scratch;
  AppendJsonLine(ModelAdd(model, f, stats, data_change, &scratch), out);
}

void AppendRemoveJson(const TableModel& model, const GenFile& f, int64_t deletion_timestamp,
                      bool data_change, std::string* out) {
  FileActionScratch scratch;
  AppendJsonLine(ModelRemove(model, f, deletion_timestamp, data_change, &scratch), out);
}

void AppendCommitInfoJson(const TableModel& model, int64_t version, std::string* out) {
  const CommitPlan& plan = model.commits()[static_cast<size_t>(version)];
  const int64_t ts = model.CommitTimestamp(version);
  int64_t added_bytes = 0;
  for (int64_t i : plan.adds) added_bytes += model.files()[static_cast<size_t>(i)].size;
  const int64_t rows = model.rows_per_file();
  const int64_t n_add = static_cast<int64_t>(plan.adds.size());
  const int64_t n_remove = static_cast<int64_t>(plan.removes.size());

  out->append("{\"commitInfo\":{\"timestamp\":");
  AppendInt(out, ts);
  if (model.options().in_commit_timestamps) {
    out->append(",\"inCommitTimestamp\":");
    AppendInt(out, ts);
  }
  // Appends are WRITEs; a commit removing whole files reads as a DELETE, or a MERGE that
  // deletes and inserts when it also adds files.
  std::string partition_by;
  AppendStringArray(model.partition_column().empty() ? std::vector<std::string>{}
                                                     : std::vector{model.partition_column()},
                    &partition_by);
  bool first = true;
  if (n_remove == 0) {
    out->append(",\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":");
    out->append(version == 0 ? "\"ErrorIfExists\"" : "\"Append\"");
    out->append(",\"partitionBy\":");
    AppendJsonString(out, partition_by);
    out->push_back('}');
  } else if (n_add == 0) {
    out->append(",\"operation\":\"DELETE\",\"operationParameters\":{\"predicate\":\"[]\"}");
  } else {
    out->append(
        ",\"operation\":\"MERGE\",\"operationParameters\":{"
        "\"predicate\":\"[\\\"(target.id = source.id)\\\"]\","
        "\"matchedPredicates\":\"[{\\\"actionType\\\":\\\"delete\\\"}]\","
        "\"notMatchedPredicates\":\"[{\\\"actionType\\\":\\\"insert\\\"}]\"}");
  }
  if (version > 0) {
    out->append(",\"readVersion\":");
    AppendInt(out, version - 1);
  }
  out->append(",\"isolationLevel\":\"Serializable\",\"isBlindAppend\":");
  out->append(n_remove == 0 ? "true" : "false");
  out->append(",\"operationMetrics\":{");
  if (n_remove == 0) {
    AppendMetric(out, &first, "numFiles", n_add);
    AppendMetric(out, &first, "numOutputRows", n_add * rows);
    AppendMetric(out, &first, "numOutputBytes", added_bytes);
  } else if (n_add == 0) {
    AppendMetric(out, &first, "numRemovedFiles", n_remove);
    AppendMetric(out, &first, "numAddedFiles", 0);
    AppendMetric(out, &first, "numDeletedRows", n_remove * rows);
  } else {
    AppendMetric(out, &first, "numTargetFilesAdded", n_add);
    AppendMetric(out, &first, "numTargetFilesRemoved", n_remove);
    AppendMetric(out, &first, "numTargetRowsInserted", n_add * rows);
    AppendMetric(out, &first, "numTargetRowsDeleted", n_remove * rows);
  }
  out->append("},\"engineInfo\":");
  AppendJsonString(out, kEngineInfo);
  out->append("}}\n");
}

}  // namespace delta::gen
