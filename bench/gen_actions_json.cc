#include "gen_actions_json.h"

#include "util/json_writer.h"

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

void AppendPartitionValues(const TableModel& model, const GenFile& f, std::string* out) {
  out->append("\"partitionValues\":{");
  if (f.partition >= 0) {
    AppendJsonString(out, model.partition_column());
    out->push_back(':');
    AppendJsonString(out, model.partition_values()[static_cast<size_t>(f.partition)]);
  }
  out->push_back('}');
}

void AppendPath(const TableModel& model, const GenFile& f, std::string* out) {
  out->append("\"path\":\"");
  model.AppendPath(f, out);  // [A-Za-z0-9=/._-] only: nothing to escape
  out->push_back('"');
}

// `json` quoted as a JSON string. Generated stats are ASCII without control characters, so
// only '"' and '\\' need escaping; this is the hot path of million-file logs.
void AppendQuotedJson(std::string_view json, std::string* out) {
  out->push_back('"');
  size_t start = 0;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"' || c == '\\') {
      out->append(json.data() + start, i - start);
      out->push_back('\\');
      out->push_back(c);
      start = i + 1;
    }
  }
  out->append(json.data() + start, json.size() - start);
  out->push_back('"');
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
  out->append("{\"protocol\":{\"minReaderVersion\":");
  AppendInt(out, model.min_reader_version());
  out->append(",\"minWriterVersion\":");
  AppendInt(out, model.min_writer_version());
  if (model.min_reader_version() >= 3) {
    out->append(",\"readerFeatures\":");
    AppendStringArray(model.reader_features(), out);
  }
  if (model.min_writer_version() >= 7) {
    out->append(",\"writerFeatures\":");
    AppendStringArray(model.writer_features(), out);
  }
  out->append("}}\n");
}

void AppendMetadataJson(const TableModel& model, int64_t created_time, std::string* out) {
  out->append("{\"metaData\":{\"id\":");
  AppendJsonString(out, model.table_id());
  out->append(",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":");
  AppendJsonString(out, model.SchemaString());
  out->append(",\"partitionColumns\":");
  AppendStringArray(model.partition_column().empty() ? std::vector<std::string>{}
                                                     : std::vector{model.partition_column()},
                    out);
  out->append(",\"configuration\":{");
  bool first = true;
  for (const auto& [k, v] : model.configuration()) {
    if (!first) out->push_back(',');
    first = false;
    AppendJsonString(out, k);
    out->push_back(':');
    AppendJsonString(out, v);
  }
  out->append("},\"createdTime\":");
  AppendInt(out, created_time);
  out->append("}}\n");
}

void AppendAddJson(const TableModel& model, const GenFile& f, std::string_view stats,
                   bool data_change, std::string* out) {
  out->append("{\"add\":{");
  AppendPath(model, f, out);
  out->push_back(',');
  AppendPartitionValues(model, f, out);
  out->append(",\"size\":");
  AppendInt(out, f.size);
  out->append(",\"modificationTime\":");
  AppendInt(out, f.modification_time);
  out->append(data_change ? ",\"dataChange\":true" : ",\"dataChange\":false");
  if (!stats.empty()) {
    out->append(",\"stats\":");
    AppendQuotedJson(stats, out);
  }
  out->append("}}\n");
}

void AppendRemoveJson(const TableModel& model, const GenFile& f, int64_t deletion_timestamp,
                      bool data_change, std::string* out) {
  out->append("{\"remove\":{");
  AppendPath(model, f, out);
  out->append(",\"deletionTimestamp\":");
  AppendInt(out, deletion_timestamp);
  out->append(data_change ? ",\"dataChange\":true" : ",\"dataChange\":false");
  out->append(",\"extendedFileMetadata\":true,");
  AppendPartitionValues(model, f, out);
  out->append(",\"size\":");
  AppendInt(out, f.size);
  out->append("}}\n");
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
