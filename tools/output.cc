#include "output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace delta::cli {
namespace {

constexpr size_t kFlushThreshold = 1 << 20;

// The type's name on a tree line: nested types by kind, primitives in full.
std::string TreeTypeName(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kStruct:
      return "struct";
    case TypeKind::kArray:
      return "array";
    case TypeKind::kMap:
      return "map";
    default:
      return type.ToString();
  }
}

void AppendTreeChildren(const DataType& type, const std::string& prefix, std::string* out);

void AppendTreeLine(const std::string& prefix, std::string_view name, const DataType& type,
                    std::string_view nullability, std::string_view annotations, std::string* out) {
  out->append(prefix).append(" |-- ").append(name).append(": ").append(TreeTypeName(type));
  out->append(" (").append(nullability).append(")");
  out->append(annotations);
  out->push_back('\n');
  AppendTreeChildren(type, prefix + " |   ", out);
}

void AppendTreeChildren(const DataType& type, const std::string& prefix, std::string* out) {
  if (const StructType* st = type.as_struct()) {
    for (const StructField& f : st->fields()) {
      std::string annotations;
      if (auto id = f.ColumnMappingId()) annotations += " [id=" + std::to_string(*id);
      if (auto phys = f.PhysicalName()) {
        annotations += annotations.empty() ? " [" : ", ";
        annotations += "physicalName=" + *phys;
      }
      if (!annotations.empty()) annotations += "]";
      AppendTreeLine(prefix, f.name, *f.type, f.nullable ? "nullable = true" : "nullable = false",
                     annotations, out);
    }
  } else if (const ArrayType* at = type.as_array()) {
    AppendTreeLine(prefix, "element", *at->element_type(),
                   at->contains_null() ? "containsNull = true" : "containsNull = false", "", out);
  } else if (const MapType* mt = type.as_map()) {
    AppendTreeLine(prefix, "key", *mt->key_type(), "nullable = false", "", out);
    AppendTreeLine(
        prefix, "value", *mt->value_type(),
        mt->value_contains_null() ? "valueContainsNull = true" : "valueContainsNull = false", "",
        out);
  }
}

void WriteOptionalString(JsonWriter& w, std::string_view key,
                         const std::optional<std::string_view>& v) {
  w.Key(key);
  if (v) {
    w.String(*v);
  } else {
    w.Null();
  }
}

}  // namespace

StdoutBuffer::~StdoutBuffer() { (void)Flush(); }

Status StdoutBuffer::MaybeFlush() {
  if (buf_.size() < kFlushThreshold) return Status::OK();
  return Flush();
}

Status StdoutBuffer::Flush() {
  std::unique_lock<std::mutex> guard;
  if (guard_ && !buf_.empty()) guard = guard_();
  if (!buf_.empty()) {
    const size_t n = std::fwrite(buf_.data(), 1, buf_.size(), stdout);
    const bool short_write = n != buf_.size();
    buf_.clear();
    if (short_write) {
      return Status::IoError(std::string("writing to stdout failed: ") + std::strerror(errno));
    }
  }
  if (std::fflush(stdout) != 0) {
    return Status::IoError(std::string("writing to stdout failed: ") + std::strerror(errno));
  }
  return Status::OK();
}

std::string FormatBytes(int64_t bytes) {
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double v = static_cast<double>(bytes);
  int unit = -1;
  while (v >= 1024.0 && unit < 5) {
    v /= 1024.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f %s", v, kUnits[unit]);
  return buf;
}

std::string SchemaTree(const StructType& schema) {
  std::string out = "root\n";
  AppendTreeChildren(schema, "", &out);
  return out;
}

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right_aligned)
    : right_aligned_(std::move(right_aligned)) {
  right_aligned_.resize(header.size(), false);
  rows_.push_back(std::move(header));
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(rows_.front().size());
  rows_.push_back(std::move(cells));
}

void TextTable::Render(std::string* out, bool with_header) const {
  const size_t cols = rows_.front().size();
  std::vector<size_t> width(cols, 0);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < cols; ++c) width[c] = std::max(width[c], row[c].size());
  }
  for (size_t r = with_header ? 0 : 1; r < rows_.size(); ++r) {
    const std::vector<std::string>& row = rows_[r];
    std::string line;
    for (size_t c = 0; c < cols; ++c) {
      const size_t pad = width[c] - row[c].size();
      const bool last = c + 1 == cols;
      if (c > 0) line.append("  ");
      if (right_aligned_[c]) line.append(pad, ' ');
      line.append(row[c]);
      if (!right_aligned_[c] && !last) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out->append(line).push_back('\n');
  }
}

void WriteStringMap(JsonWriter& w, const std::map<std::string, std::string>& map) {
  w.BeginObject();
  for (const auto& [k, v] : map) w.Key(k).String(v);
  w.EndObject();
}

void WriteProtocolMembers(JsonWriter& w, const Protocol& protocol) {
  w.Key("minReaderVersion").Int(protocol.min_reader_version);
  w.Key("minWriterVersion").Int(protocol.min_writer_version);
  const auto write_features = [&w](std::string_view key,
                                   const std::optional<std::vector<std::string>>& features) {
    if (!features) return;
    w.Key(key).BeginArray();
    for (const std::string& f : *features) w.String(f);
    w.EndArray();
  };
  write_features("readerFeatures", protocol.reader_features);
  write_features("writerFeatures", protocol.writer_features);
}

void WriteAddFileJson(JsonWriter& w, const AddFile& file) {
  w.BeginObject();
  w.Key("path").String(file.path);
  w.Key("partitionValues").BeginObject();
  for (const PartitionValue& pv : file.partition_values)
    WriteOptionalString(w, pv.column, pv.value);
  w.EndObject();
  w.Key("size").Int(file.size);
  w.Key("modificationTime").Int(file.modification_time);
  w.Key("dataChange").Bool(file.data_change);
  if (!file.stats.empty()) {
    w.Key("stats").String(file.stats);
    if (std::optional<int64_t> n = file.NumRecords()) w.Key("numRecords").Int(*n);
  }
  if (!file.tags.empty()) {
    w.Key("tags").BeginObject();
    for (const KeyValue& kv : file.tags) WriteOptionalString(w, kv.key, kv.value);
    w.EndObject();
  }
  if (const DeletionVectorDescriptor* dv = file.deletion_vector) {
    w.Key("deletionVector").BeginObject();
    w.Key("storageType").String(std::string_view(&dv->storage_type, 1));
    w.Key("pathOrInlineDv").String(dv->path_or_inline);
    if (dv->offset) w.Key("offset").Int(*dv->offset);
    w.Key("sizeInBytes").Int(dv->size_in_bytes);
    w.Key("cardinality").Int(dv->cardinality);
    w.EndObject();
  }
  if (file.base_row_id) w.Key("baseRowId").Int(*file.base_row_id);
  if (file.default_row_commit_version) {
    w.Key("defaultRowCommitVersion").Int(*file.default_row_commit_version);
  }
  if (!file.clustering_provider.empty()) {
    w.Key("clusteringProvider").String(file.clustering_provider);
  }
  w.EndObject();
}

void WriteCommitInfoMembers(JsonWriter& w, const CommitInfo& info) {
  if (info.operation) w.Key("operation").String(*info.operation);
  w.Key("operationParameters");
  WriteStringMap(w, info.operation_parameters);
  if (info.engine_info) w.Key("engineInfo").String(*info.engine_info);
  if (info.is_blind_append) w.Key("isBlindAppend").Bool(*info.is_blind_append);
  if (info.read_version) w.Key("readVersion").Int(*info.read_version);
  if (info.isolation_level) w.Key("isolationLevel").String(*info.isolation_level);
  if (info.in_commit_timestamp) w.Key("inCommitTimestamp").Int(*info.in_commit_timestamp);
  if (!info.json.empty()) w.Key("commitInfo").RawValue(info.json);
}

}  // namespace delta::cli
