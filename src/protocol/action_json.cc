#include "protocol/action_json.h"

#include <simdjson.h>

#include <cstring>
#include <vector>

#include "dv/descriptor.h"
#include "protocol/path_safety.h"
#include "util/printable.h"

namespace delta {
namespace {

namespace od = simdjson::ondemand;

// Where we are, for error messages.
struct Ctx {
  std::string_view file;
  size_t line = 0;

  Status Error(std::string_view what) const {
    std::string msg = std::string(what);
    msg += " (";
    msg += file;
    if (line > 0) {
      msg += ", line ";
      msg += std::to_string(line);
    }
    msg += ")";
    return Status::InvalidTable(std::move(msg));
  }
  Status JsonError(std::string_view what, simdjson::error_code e) const {
    return Error(std::string(what) + ": " + simdjson::error_message(e));
  }
};

#define JSON_TRY(expr, what)                                  \
  do {                                                        \
    if (auto _e = (expr); _e) return ctx.JsonError(what, _e); \
  } while (false)

// A file path from the log names no location outside the table by its spelling.
Status CheckActionPath(const Ctx& ctx, std::string_view action, std::string_view path) {
  Status st = CheckLogPath(path);
  if (st.ok()) return st;
  return ctx.Error(std::string(action) + " path '" + Printable(path) + "' " + st.message());
}

// Value of a field that may be null: returns true if null (and consumes it).
bool IsNull(od::value& v) {
  bool is_null = false;
  return !v.is_null().get(is_null) && is_null;
}

Status ReadString(od::value& v, const Ctx& ctx, std::string_view field, std::string_view* out) {
  JSON_TRY(v.get_string().get(*out),
           std::string("field '") + std::string(field) + "' is not a string");
  return Status::OK();
}

Status ReadInt64(od::value& v, const Ctx& ctx, std::string_view field, int64_t* out) {
  JSON_TRY(v.get_int64().get(*out),
           std::string("field '") + std::string(field) + "' is not an integer");
  return Status::OK();
}

Status ReadBool(od::value& v, const Ctx& ctx, std::string_view field, bool* out) {
  JSON_TRY(v.get_bool().get(*out),
           std::string("field '") + std::string(field) + "' is not a boolean");
  return Status::OK();
}

Status ReadOptInt64(od::value& v, const Ctx& ctx, std::string_view field,
                    std::optional<int64_t>* out) {
  if (IsNull(v)) {
    out->reset();
    return Status::OK();
  }
  int64_t x = 0;
  DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, field, &x));
  *out = x;
  return Status::OK();
}

// Scratch space reused across rows on one thread.
struct Scratch {
  std::vector<PartitionValue> pairs;
};

// A JSON object of string -> string|null, copied into the arena.
Status ReadStringMapToArena(od::value& v, const Ctx& ctx, std::string_view field, Arena* arena,
                            std::vector<PartitionValue>* scratch,
                            std::span<const PartitionValue>* out) {
  if (IsNull(v)) {
    *out = {};
    return Status::OK();
  }
  od::object obj;
  JSON_TRY(v.get_object().get(obj),
           std::string("field '") + std::string(field) + "' is not an object");
  scratch->clear();
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in '" + std::string(field) + "'");
    PartitionValue pv;
    pv.column = arena->Copy(key);
    od::value val;
    JSON_TRY(f.value().get(val), "bad value in '" + std::string(field) + "'");
    if (!IsNull(val)) {
      std::string_view s;
      if (val.get_string().get(s)) {
        // Be lenient with writers that emit numbers or booleans: keep the JSON token.
        std::string_view raw = val.raw_json_token();
        while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n')) raw.remove_suffix(1);
        s = raw;
      }
      pv.value = arena->Copy(s);
    }
    scratch->push_back(pv);
  }
  auto arr = arena->AllocateArray<PartitionValue>(scratch->size());
  std::copy(scratch->begin(), scratch->end(), arr.begin());
  *out = arr;
  return Status::OK();
}

Status ReadTags(od::value& v, const Ctx& ctx, Arena* arena, Scratch* scratch,
                std::span<const KeyValue>* out) {
  std::span<const PartitionValue> pvs;
  DELTA_RETURN_NOT_OK(ReadStringMapToArena(v, ctx, "tags", arena, &scratch->pairs, &pvs));
  // PartitionValue and KeyValue share their layout; copy to keep the types honest.
  auto arr = arena->AllocateArray<KeyValue>(pvs.size());
  for (size_t i = 0; i < pvs.size(); ++i) arr[i] = KeyValue{pvs[i].column, pvs[i].value};
  *out = arr;
  return Status::OK();
}

Status ReadStdStringMap(od::value& v, const Ctx& ctx, std::string_view field,
                        std::map<std::string, std::string>* out) {
  if (IsNull(v)) return Status::OK();
  od::object obj;
  JSON_TRY(v.get_object().get(obj), "field '" + std::string(field) + "' is not an object");
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in '" + std::string(field) + "'");
    od::value val;
    JSON_TRY(f.value().get(val), "bad value in '" + std::string(field) + "'");
    std::string_view s;
    if (IsNull(val)) {
      continue;  // a null configuration value means "unset"
    }
    if (val.get_string().get(s)) {
      std::string_view raw = val.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n')) raw.remove_suffix(1);
      s = raw;
    }
    (*out)[std::string(key)] = std::string(s);
  }
  return Status::OK();
}

Status ReadStringArray(od::value& v, const Ctx& ctx, std::string_view field,
                       std::vector<std::string>* out) {
  od::array arr;
  JSON_TRY(v.get_array().get(arr), "field '" + std::string(field) + "' is not an array");
  for (auto elem : arr) {
    std::string_view s;
    JSON_TRY(elem.get_string().get(s), "element of '" + std::string(field) + "' is not a string");
    out->emplace_back(s);
  }
  return Status::OK();
}

Status ReadDeletionVector(od::value& v, const Ctx& ctx, Arena* arena,
                          const DeletionVectorDescriptor** out) {
  if (IsNull(v)) {
    *out = nullptr;
    return Status::OK();
  }
  od::object obj;
  JSON_TRY(v.get_object().get(obj), "field 'deletionVector' is not an object");
  RawDeletionVectorDescriptor raw;
  bool has_type = false, has_path = false, has_size = false, has_card = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'deletionVector'");
    od::value val;
    JSON_TRY(f.value().get(val), "bad value in 'deletionVector'");
    if (key == "storageType") {
      DELTA_RETURN_NOT_OK(ReadString(val, ctx, "deletionVector.storageType", &raw.storage_type));
      has_type = true;
    } else if (key == "pathOrInlineDv") {
      DELTA_RETURN_NOT_OK(
          ReadString(val, ctx, "deletionVector.pathOrInlineDv", &raw.path_or_inline));
      raw.path_or_inline = arena->Copy(raw.path_or_inline);
      has_path = true;
    } else if (key == "offset") {
      DELTA_RETURN_NOT_OK(ReadOptInt64(val, ctx, "deletionVector.offset", &raw.offset));
    } else if (key == "sizeInBytes") {
      DELTA_RETURN_NOT_OK(ReadInt64(val, ctx, "deletionVector.sizeInBytes", &raw.size_in_bytes));
      has_size = true;
    } else if (key == "cardinality") {
      DELTA_RETURN_NOT_OK(ReadInt64(val, ctx, "deletionVector.cardinality", &raw.cardinality));
      has_card = true;
    }
  }
  if (!has_type || !has_path || !has_size || !has_card) {
    return ctx.Error(
        "deletionVector lacks a required field (storageType, pathOrInlineDv, sizeInBytes, "
        "cardinality)");
  }
  Result<DeletionVectorDescriptor> dv = CheckDeletionVectorDescriptor(raw);
  if (!dv.ok()) return ctx.Error(dv.status().message());
  *out = arena->New<DeletionVectorDescriptor>(*dv);
  return Status::OK();
}

Status ParseAdd(od::object obj, const Ctx& ctx, Arena* arena, Scratch* scratch, AddFile* add) {
  bool has_path = false, has_size = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'add'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'add'");
    if (key == "path") {
      std::string_view s;
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "add.path", &s));
      add->path = arena->Copy(s);
      has_path = !s.empty();
    } else if (key == "partitionValues") {
      DELTA_RETURN_NOT_OK(ReadStringMapToArena(v, ctx, "add.partitionValues", arena,
                                               &scratch->pairs, &add->partition_values));
    } else if (key == "size") {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "add.size", &add->size));
      has_size = true;
    } else if (key == "modificationTime") {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "add.modificationTime", &add->modification_time));
    } else if (key == "dataChange") {
      DELTA_RETURN_NOT_OK(ReadBool(v, ctx, "add.dataChange", &add->data_change));
    } else if (key == "stats") {
      if (!IsNull(v)) {
        std::string_view s;
        DELTA_RETURN_NOT_OK(ReadString(v, ctx, "add.stats", &s));
        add->stats = arena->Copy(s);
      }
    } else if (key == "tags") {
      DELTA_RETURN_NOT_OK(ReadTags(v, ctx, arena, scratch, &add->tags));
    } else if (key == "deletionVector") {
      DELTA_RETURN_NOT_OK(ReadDeletionVector(v, ctx, arena, &add->deletion_vector));
    } else if (key == "baseRowId") {
      DELTA_RETURN_NOT_OK(ReadOptInt64(v, ctx, "add.baseRowId", &add->base_row_id));
    } else if (key == "defaultRowCommitVersion") {
      DELTA_RETURN_NOT_OK(
          ReadOptInt64(v, ctx, "add.defaultRowCommitVersion", &add->default_row_commit_version));
    } else if (key == "clusteringProvider") {
      if (!IsNull(v)) {
        std::string_view s;
        DELTA_RETURN_NOT_OK(ReadString(v, ctx, "add.clusteringProvider", &s));
        add->clustering_provider = arena->Copy(s);
      }
    }
  }
  if (!has_path) return ctx.Error("add action has no path");
  DELTA_RETURN_NOT_OK(CheckActionPath(ctx, "add", add->path));
  if (!has_size) return ctx.Error("add action for '" + std::string(add->path) + "' has no size");
  return Status::OK();
}

Status ParseRemove(od::object obj, const Ctx& ctx, Arena* arena, Scratch* scratch, RemoveFile* rm) {
  bool has_path = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'remove'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'remove'");
    if (key == "path") {
      std::string_view s;
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "remove.path", &s));
      rm->path = arena->Copy(s);
      has_path = !s.empty();
    } else if (key == "deletionTimestamp") {
      DELTA_RETURN_NOT_OK(
          ReadOptInt64(v, ctx, "remove.deletionTimestamp", &rm->deletion_timestamp));
    } else if (key == "dataChange") {
      DELTA_RETURN_NOT_OK(ReadBool(v, ctx, "remove.dataChange", &rm->data_change));
    } else if (key == "extendedFileMetadata") {
      if (!IsNull(v)) {
        DELTA_RETURN_NOT_OK(
            ReadBool(v, ctx, "remove.extendedFileMetadata", &rm->extended_file_metadata));
      }
    } else if (key == "partitionValues") {
      DELTA_RETURN_NOT_OK(ReadStringMapToArena(v, ctx, "remove.partitionValues", arena,
                                               &scratch->pairs, &rm->partition_values));
    } else if (key == "size") {
      DELTA_RETURN_NOT_OK(ReadOptInt64(v, ctx, "remove.size", &rm->size));
    } else if (key == "stats") {
      if (!IsNull(v)) {
        std::string_view s;
        DELTA_RETURN_NOT_OK(ReadString(v, ctx, "remove.stats", &s));
        rm->stats = arena->Copy(s);
      }
    } else if (key == "tags") {
      DELTA_RETURN_NOT_OK(ReadTags(v, ctx, arena, scratch, &rm->tags));
    } else if (key == "deletionVector") {
      DELTA_RETURN_NOT_OK(ReadDeletionVector(v, ctx, arena, &rm->deletion_vector));
    } else if (key == "baseRowId") {
      DELTA_RETURN_NOT_OK(ReadOptInt64(v, ctx, "remove.baseRowId", &rm->base_row_id));
    } else if (key == "defaultRowCommitVersion") {
      DELTA_RETURN_NOT_OK(
          ReadOptInt64(v, ctx, "remove.defaultRowCommitVersion", &rm->default_row_commit_version));
    }
  }
  if (!has_path) return ctx.Error("remove action has no path");
  DELTA_RETURN_NOT_OK(CheckActionPath(ctx, "remove", rm->path));
  return Status::OK();
}

Status ParseCdc(od::object obj, const Ctx& ctx, Arena* arena, Scratch* scratch, AddCdcFile* cdc) {
  bool has_path = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'cdc'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'cdc'");
    if (key == "path") {
      std::string_view s;
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "cdc.path", &s));
      cdc->path = arena->Copy(s);
      has_path = !s.empty();
    } else if (key == "partitionValues") {
      DELTA_RETURN_NOT_OK(ReadStringMapToArena(v, ctx, "cdc.partitionValues", arena,
                                               &scratch->pairs, &cdc->partition_values));
    } else if (key == "size") {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "cdc.size", &cdc->size));
    } else if (key == "dataChange") {
      DELTA_RETURN_NOT_OK(ReadBool(v, ctx, "cdc.dataChange", &cdc->data_change));
    } else if (key == "tags") {
      DELTA_RETURN_NOT_OK(ReadTags(v, ctx, arena, scratch, &cdc->tags));
    }
  }
  if (!has_path) return ctx.Error("cdc action has no path");
  DELTA_RETURN_NOT_OK(CheckActionPath(ctx, "cdc", cdc->path));
  return Status::OK();
}

Status ParseProtocolObj(od::object obj, const Ctx& ctx, Protocol* p) {
  bool has_r = false, has_w = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'protocol'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'protocol'");
    if (key == "minReaderVersion") {
      int64_t x = 0;
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "protocol.minReaderVersion", &x));
      p->min_reader_version = static_cast<int32_t>(x);
      has_r = true;
    } else if (key == "minWriterVersion") {
      int64_t x = 0;
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "protocol.minWriterVersion", &x));
      p->min_writer_version = static_cast<int32_t>(x);
      has_w = true;
    } else if (key == "readerFeatures") {
      if (!IsNull(v)) {
        p->reader_features.emplace();
        DELTA_RETURN_NOT_OK(
            ReadStringArray(v, ctx, "protocol.readerFeatures", &*p->reader_features));
      }
    } else if (key == "writerFeatures") {
      if (!IsNull(v)) {
        p->writer_features.emplace();
        DELTA_RETURN_NOT_OK(
            ReadStringArray(v, ctx, "protocol.writerFeatures", &*p->writer_features));
      }
    }
  }
  if (!has_r || !has_w) {
    return ctx.Error("protocol action lacks minReaderVersion or minWriterVersion");
  }
  return Status::OK();
}

Status ParseMetadataObj(od::object obj, const Ctx& ctx, Metadata* m) {
  bool has_id = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'metaData'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'metaData'");
    std::string_view s;
    if (key == "id") {
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "metaData.id", &s));
      m->id = s;
      has_id = true;
    } else if (key == "name") {
      if (!IsNull(v)) {
        DELTA_RETURN_NOT_OK(ReadString(v, ctx, "metaData.name", &s));
        m->name = std::string(s);
      }
    } else if (key == "description") {
      if (!IsNull(v)) {
        DELTA_RETURN_NOT_OK(ReadString(v, ctx, "metaData.description", &s));
        m->description = std::string(s);
      }
    } else if (key == "format") {
      od::object fmt;
      JSON_TRY(v.get_object().get(fmt), "field 'metaData.format' is not an object");
      for (auto ff : fmt) {
        std::string_view fk;
        JSON_TRY(ff.unescaped_key().get(fk), "bad key in 'metaData.format'");
        od::value fv;
        JSON_TRY(ff.value().get(fv), "bad value in 'metaData.format'");
        if (fk == "provider") {
          DELTA_RETURN_NOT_OK(ReadString(fv, ctx, "metaData.format.provider", &s));
          m->format_provider = s;
        } else if (fk == "options") {
          DELTA_RETURN_NOT_OK(
              ReadStdStringMap(fv, ctx, "metaData.format.options", &m->format_options));
        }
      }
    } else if (key == "schemaString") {
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "metaData.schemaString", &s));
      m->schema_string = s;
    } else if (key == "partitionColumns") {
      if (!IsNull(v)) {
        DELTA_RETURN_NOT_OK(
            ReadStringArray(v, ctx, "metaData.partitionColumns", &m->partition_columns));
      }
    } else if (key == "configuration") {
      DELTA_RETURN_NOT_OK(ReadStdStringMap(v, ctx, "metaData.configuration", &m->configuration));
    } else if (key == "createdTime") {
      DELTA_RETURN_NOT_OK(ReadOptInt64(v, ctx, "metaData.createdTime", &m->created_time));
    }
  }
  if (!has_id) return ctx.Error("metaData action has no id");
  // A missing schemaString stays empty: old writers produced such logs and the reference
  // implementation reads them as an empty schema (see Finish in log/replay.cc).
  return Status::OK();
}

Status ParseTxn(od::object obj, const Ctx& ctx, SetTransaction* t) {
  bool has_app = false, has_version = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'txn'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'txn'");
    if (key == "appId") {
      std::string_view s;
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "txn.appId", &s));
      t->app_id = s;
      has_app = true;
    } else if (key == "version") {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "txn.version", &t->version));
      has_version = true;
    } else if (key == "lastUpdated") {
      DELTA_RETURN_NOT_OK(ReadOptInt64(v, ctx, "txn.lastUpdated", &t->last_updated));
    }
  }
  if (!has_app || !has_version) return ctx.Error("txn action lacks appId or version");
  return Status::OK();
}

Status ParseDomainMetadata(od::object obj, const Ctx& ctx, DomainMetadata* d) {
  bool has_domain = false, has_config = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'domainMetadata'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'domainMetadata'");
    std::string_view s;
    if (key == "domain") {
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "domainMetadata.domain", &s));
      d->domain = s;
      has_domain = true;
    } else if (key == "configuration") {
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "domainMetadata.configuration", &s));
      d->configuration = s;
      has_config = true;
    } else if (key == "removed") {
      DELTA_RETURN_NOT_OK(ReadBool(v, ctx, "domainMetadata.removed", &d->removed));
    }
  }
  if (!has_domain || !has_config) {
    return ctx.Error("domainMetadata action lacks domain or configuration");
  }
  return Status::OK();
}

Status ParseCheckpointMetadata(od::object obj, const Ctx& ctx, CheckpointMetadata* c) {
  bool has_version = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'checkpointMetadata'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'checkpointMetadata'");
    if (key == "version") {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "checkpointMetadata.version", &c->version));
      has_version = true;
    } else if (key == "tags") {
      DELTA_RETURN_NOT_OK(ReadStdStringMap(v, ctx, "checkpointMetadata.tags", &c->tags));
    }
  }
  if (!has_version) return ctx.Error("checkpointMetadata action has no version");
  return Status::OK();
}

Status ParseSidecar(od::object obj, const Ctx& ctx, SidecarFile* s) {
  bool has_path = false, has_size = false;
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "bad key in 'sidecar'");
    od::value v;
    JSON_TRY(f.value().get(v), "bad value in 'sidecar'");
    if (key == "path") {
      std::string_view p;
      DELTA_RETURN_NOT_OK(ReadString(v, ctx, "sidecar.path", &p));
      s->path = p;
      has_path = !p.empty();
    } else if (key == "sizeInBytes") {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "sidecar.sizeInBytes", &s->size_in_bytes));
      has_size = true;
    } else if (key == "modificationTime") {
      DELTA_RETURN_NOT_OK(ReadInt64(v, ctx, "sidecar.modificationTime", &s->modification_time));
    }
  }
  if (!has_path || !has_size) return ctx.Error("sidecar action lacks path or sizeInBytes");
  DELTA_RETURN_NOT_OK(CheckActionPath(ctx, "sidecar", s->path));
  return Status::OK();
}

// JSON text of a DOM element: strings unquoted, everything else minified.
std::string ElementText(simdjson::dom::element e) {
  if (e.is_string()) return std::string(std::string_view(e.get_string().value_unsafe()));
  return simdjson::minify(e);
}

Status ParseLine(od::parser& parser, std::string_view line, size_t readable, const Ctx& ctx,
                 ActionBatch* out, Scratch* scratch) {
  od::document doc;
  JSON_TRY(parser.iterate(line.data(), line.size(), readable).get(doc), "invalid JSON");
  od::object obj;
  JSON_TRY(doc.get_object().get(obj), "line is not a JSON object");
  for (auto f : obj) {
    std::string_view key;
    JSON_TRY(f.unescaped_key().get(key), "invalid JSON key");
    od::value v;
    JSON_TRY(f.value().get(v), "invalid JSON value");
    od::json_type type;
    JSON_TRY(v.type().get(type), "invalid JSON value for '" + std::string(key) + "'");
    bool known = key == "add" || key == "remove" || key == "metaData" || key == "protocol" ||
                 key == "txn" || key == "commitInfo" || key == "cdc" || key == "domainMetadata" ||
                 key == "checkpointMetadata" || key == "sidecar";
    if (!known) continue;  // forward compatibility: unknown actions are ignored
    if (type == od::json_type::null) continue;
    if (type != od::json_type::object) {
      return ctx.Error("action '" + std::string(key) + "' is not a JSON object");
    }
    od::object a;
    JSON_TRY(v.get_object().get(a), "action '" + std::string(key) + "' is not a JSON object");
    if (key == "add") {
      AddFile add;
      DELTA_RETURN_NOT_OK(ParseAdd(a, ctx, &out->arena, scratch, &add));
      out->file_action_order.push_back(static_cast<int32_t>(out->adds.size()));
      out->adds.push_back(add);
    } else if (key == "remove") {
      RemoveFile rm;
      DELTA_RETURN_NOT_OK(ParseRemove(a, ctx, &out->arena, scratch, &rm));
      out->file_action_order.push_back(-static_cast<int32_t>(out->removes.size()) - 1);
      out->removes.push_back(rm);
    } else if (key == "metaData") {
      if (out->metadata) return ctx.Error("more than one metaData action in one version");
      Metadata m;
      DELTA_RETURN_NOT_OK(ParseMetadataObj(a, ctx, &m));
      out->metadata = std::move(m);
    } else if (key == "protocol") {
      if (out->protocol) return ctx.Error("more than one protocol action in one version");
      Protocol p;
      DELTA_RETURN_NOT_OK(ParseProtocolObj(a, ctx, &p));
      out->protocol = std::move(p);
    } else if (key == "txn") {
      SetTransaction t;
      DELTA_RETURN_NOT_OK(ParseTxn(a, ctx, &t));
      out->txns.push_back(std::move(t));
    } else if (key == "cdc") {
      AddCdcFile c;
      DELTA_RETURN_NOT_OK(ParseCdc(a, ctx, &out->arena, scratch, &c));
      out->cdcs.push_back(c);
    } else if (key == "domainMetadata") {
      DomainMetadata d;
      DELTA_RETURN_NOT_OK(ParseDomainMetadata(a, ctx, &d));
      out->domain_metadata.push_back(std::move(d));
    } else if (key == "checkpointMetadata") {
      CheckpointMetadata c;
      DELTA_RETURN_NOT_OK(ParseCheckpointMetadata(a, ctx, &c));
      out->checkpoint_metadata = std::move(c);
    } else if (key == "sidecar") {
      SidecarFile s;
      DELTA_RETURN_NOT_OK(ParseSidecar(a, ctx, &s));
      out->sidecars.push_back(std::move(s));
    } else if (key == "commitInfo") {
      std::string_view raw;
      JSON_TRY(a.raw_json().get(raw), "invalid commitInfo");
      auto ci = ParseCommitInfoJson(raw);
      if (!ci.ok()) return ctx.Error(ci.status().message());
      out->commit_info = std::move(*ci);
    }
  }
  return Status::OK();
}

}  // namespace

void PadJsonBuffer(std::string* data) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end of the input.
  if (data->capacity() < data->size() + simdjson::SIMDJSON_PADDING) {
    data->reserve(data->size() + simdjson::SIMDJSON_PADDING);
  }
}

// One action per line: the biggest real ones (a metaData with a very wide schema, a commitInfo
// with a long predicate) take megabytes. The parser needs several bytes per byte of a line.
constexpr size_t kMaxJsonLineBytes = size_t{256} << 20;
// A pool thread keeps its parser's buffers between files; past this they are given back.
constexpr size_t kMaxRetainedParserBytes = size_t{64} << 20;

Status ParseJsonActionRange(const std::string& data, size_t begin, size_t end, size_t first_line,
                            std::string_view file, ActionBatch* out) {
  thread_local od::parser parser;
  // After a very long line, free the parser's buffers rather than keep them per thread.
  struct Shrink {
    ~Shrink() {
      if (parser.capacity() > kMaxRetainedParserBytes) parser = od::parser();
    }
  } shrink;
  thread_local Scratch scratch;
  Ctx ctx{file, first_line - 1};
  const char* base = data.data();
  size_t pos = begin;
  while (pos < end) {
    ++ctx.line;
    const void* nl = std::memchr(base + pos, '\n', end - pos);
    size_t line_end = nl ? static_cast<size_t>(static_cast<const char*>(nl) - base) : end;
    std::string_view line(base + pos, line_end - pos);
    size_t readable = data.capacity() - pos;
    pos = line_end + 1;
    // Skip blank lines (and a trailing '\r').
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    if (line.empty()) continue;
    if (line.size() > kMaxJsonLineBytes) {
      return ctx.Error("line of " + std::to_string(line.size()) + " bytes, more than the " +
                       std::to_string(kMaxJsonLineBytes) + " an action may take");
    }
    DELTA_RETURN_NOT_OK(ParseLine(parser, line, readable, ctx, out, &scratch));
  }
  return Status::OK();
}

Status ParseJsonActions(std::string* data, std::string_view file, ActionBatch* out) {
  PadJsonBuffer(data);
  return ParseJsonActionRange(*data, 0, data->size(), 1, file, out);
}

Result<CommitInfo> ParseCommitInfoJson(std::string_view json) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(json.data(), json.size()).get(root); e) {
    return Status::InvalidTable(std::string("invalid commitInfo JSON: ") +
                                simdjson::error_message(e));
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return Status::InvalidTable("commitInfo is not an object");
  CommitInfo ci;
  ci.json = std::string(json);
  for (auto [key, val] : obj) {
    if (key == "timestamp") {
      int64_t t;
      if (!val.get_int64().get(t)) ci.timestamp = t;
    } else if (key == "inCommitTimestamp") {
      int64_t t;
      if (val.get_int64().get(t)) {
        return Status::InvalidTable("commitInfo.inCommitTimestamp is not an integer");
      }
      ci.in_commit_timestamp = t;
    } else if (key == "operation") {
      std::string_view s;
      if (!val.get_string().get(s)) ci.operation = std::string(s);
    } else if (key == "operationParameters") {
      simdjson::dom::object params;
      if (!val.get_object().get(params)) {
        for (auto [pk, pv] : params) ci.operation_parameters[std::string(pk)] = ElementText(pv);
      }
    } else if (key == "engineInfo") {
      std::string_view s;
      if (!val.get_string().get(s)) ci.engine_info = std::string(s);
    } else if (key == "isBlindAppend") {
      bool b;
      if (!val.get_bool().get(b)) ci.is_blind_append = b;
    } else if (key == "readVersion") {
      int64_t v;
      if (!val.get_int64().get(v)) ci.read_version = v;
    } else if (key == "isolationLevel") {
      std::string_view s;
      if (!val.get_string().get(s)) ci.isolation_level = std::string(s);
    }
  }
  return ci;
}

namespace {
template <typename T, typename Fn>
Result<T> ParseStandalone(std::string_view json, std::string_view what, Fn fn) {
  if (json.data() == nullptr) json = std::string_view("", 0);  // memcpy(_, NULL, 0) is UB
  simdjson::padded_string padded(json);
  od::parser parser;
  Ctx ctx{what, 0};
  od::document doc;
  if (auto e = parser.iterate(padded).get(doc); e) return ctx.JsonError("invalid JSON", e);
  od::object obj;
  if (auto e = doc.get_object().get(obj); e) return ctx.JsonError("not a JSON object", e);
  T out;
  DELTA_RETURN_NOT_OK(fn(obj, ctx, &out));
  return out;
}
}  // namespace

Result<Protocol> ParseProtocolJson(std::string_view json) {
  return ParseStandalone<Protocol>(json, "protocol", ParseProtocolObj);
}

Result<Metadata> ParseMetadataJson(std::string_view json) {
  return ParseStandalone<Metadata>(json, "metaData", ParseMetadataObj);
}

}  // namespace delta
