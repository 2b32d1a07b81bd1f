// Table writes of the C ABI: create a table, write an Arrow stream to it, and the commit
// result both (and transactions, src/c/transaction.cc) fill.
#include <map>
#include <string>
#include <vector>

#include "c_api_internal.h"
#include "delta/schema_from_arrow.h"

using delta::Result;
using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnStatus;
using delta::c_api::ReturnValue;

namespace delta::c_api {

void FillCommitResult(const CommitResult& result, delta_commit_result* out) {
  if (out == nullptr) return;
  out->version = result.version;
  out->committed = result.committed ? 1 : 0;
  out->attempts = result.attempts;
  out->num_rebases = static_cast<int32_t>(result.rebased_over.size());
  out->timestamp = result.timestamp;
  out->in_commit_timestamp = result.in_commit_timestamp.value_or(-1);
}

}  // namespace delta::c_api

namespace {

// `count` strings, each non-null; `what` names the array in the error.
Result<std::vector<std::string>> Strings(const char* function, const char* what,
                                         const char* const* items, size_t count) {
  std::vector<std::string> out;
  if (count == 0) return out;
  if (items == nullptr) return NullArgument(function, what);
  out.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (items[i] == nullptr) {
      return NullArgument(function, (std::string(what) + "[" + std::to_string(i) + "]").c_str());
    }
    out.emplace_back(items[i]);
  }
  return out;
}

Result<delta::CreateMode> ToCreateMode(const char* function, delta_create_mode mode) {
  switch (mode) {
    case DELTA_CREATE_ERROR_IF_EXISTS:
      return delta::CreateMode::kErrorIfExists;
    case DELTA_CREATE_IGNORE:
      return delta::CreateMode::kIgnore;
    case DELTA_CREATE_REPLACE:
      return delta::CreateMode::kReplace;
    default:
      return Status::InvalidArgument(std::string(function) + ": unknown create mode " +
                                     std::to_string(static_cast<int>(mode)));
  }
}

// What both create functions do once they have the schema.
Status Create(const char* function, const char* location, const delta_engine* engine,
              const delta::StructType& schema, const char* const* partition_columns,
              size_t num_partition_columns, const char* const* property_keys,
              const char* const* property_values, size_t num_properties, delta_create_mode mode,
              delta_commit_result* result) {
  if (location == nullptr) return NullArgument(function, "location");
  if (engine == nullptr) return NullArgument(function, "engine");
  delta::CreateTableOptions options;
  DELTA_ASSIGN_OR_RETURN(options.mode, ToCreateMode(function, mode));
  DELTA_ASSIGN_OR_RETURN(
      options.partition_columns,
      Strings(function, "partition_columns", partition_columns, num_partition_columns));
  DELTA_ASSIGN_OR_RETURN(std::vector<std::string> keys,
                         Strings(function, "property_keys", property_keys, num_properties));
  DELTA_ASSIGN_OR_RETURN(std::vector<std::string> values,
                         Strings(function, "property_values", property_values, num_properties));
  for (size_t i = 0; i < keys.size(); ++i) options.properties[keys[i]] = values[i];
  DELTA_ASSIGN_OR_RETURN(delta::CommitResult r,
                         delta::CreateTable(location, engine->engine, schema, options));
  delta::c_api::FillCommitResult(r, result);
  return Status::OK();
}

Status CheckOptions(const char* function, const delta_write_options* options) {
  return options == nullptr ? NullArgument(function, "options") : Status::OK();
}

}  // namespace

extern "C" {

// --- create ---------------------------------------------------------------------------------

delta_error_code delta_create_table(const char* location, const delta_engine* engine,
                                    const char* schema_json, const char* const* partition_columns,
                                    size_t num_partition_columns, const char* const* property_keys,
                                    const char* const* property_values, size_t num_properties,
                                    delta_create_mode mode, delta_commit_result* result,
                                    delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_create_table";
    if (schema_json == nullptr) return NullArgument(kFn, "schema_json");
    // The schema is the caller's input, not the log's: a malformed one is InvalidArgument.
    Result<std::shared_ptr<const delta::StructType>> schema = delta::ParseSchema(schema_json);
    if (!schema.ok()) {
      return Status::InvalidArgument(std::string(kFn) +
                                     ": schema_json: " + schema.status().message());
    }
    return Create(kFn, location, engine, **schema, partition_columns, num_partition_columns,
                  property_keys, property_values, num_properties, mode, result);
  });
}

delta_error_code delta_create_table_arrow(
    const char* location, const delta_engine* engine, const struct ArrowSchema* schema,
    const char* const* partition_columns, size_t num_partition_columns,
    const char* const* property_keys, const char* const* property_values, size_t num_properties,
    delta_create_mode mode, delta_commit_result* result, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_create_table_arrow";
    if (schema == nullptr || schema->release == nullptr) {
      return NullArgument(kFn, "schema (or its release callback)");
    }
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const delta::StructType> delta_schema,
                           delta::SchemaFromArrow(*schema));
    return Create(kFn, location, engine, *delta_schema, partition_columns, num_partition_columns,
                  property_keys, property_values, num_properties, mode, result);
  });
}

// --- write options --------------------------------------------------------------------------

delta_write_options* delta_write_options_new(void) {
  return ReturnValue<delta_write_options*>(nullptr, [] { return new delta_write_options{}; });
}

void delta_write_options_free(delta_write_options* options) { delete options; }

delta_error_code delta_write_options_set_mode(delta_write_options* options, delta_save_mode mode,
                                              delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    DELTA_RETURN_NOT_OK(CheckOptions("delta_write_options_set_mode", options));
    switch (mode) {
      case DELTA_SAVE_ERROR_IF_EXISTS:
        options->options.mode = delta::SaveMode::kErrorIfExists;
        return Status::OK();
      case DELTA_SAVE_APPEND:
        options->options.mode = delta::SaveMode::kAppend;
        return Status::OK();
      case DELTA_SAVE_OVERWRITE:
        options->options.mode = delta::SaveMode::kOverwrite;
        return Status::OK();
      case DELTA_SAVE_IGNORE:
        options->options.mode = delta::SaveMode::kIgnore;
        return Status::OK();
      default:
        return Status::InvalidArgument("delta_write_options_set_mode: unknown save mode " +
                                       std::to_string(static_cast<int>(mode)));
    }
  });
}

delta_error_code delta_write_options_set_schema_mode(delta_write_options* options,
                                                     delta_schema_mode mode, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    DELTA_RETURN_NOT_OK(CheckOptions("delta_write_options_set_schema_mode", options));
    switch (mode) {
      case DELTA_SCHEMA_STRICT:
        options->options.schema_mode = delta::SchemaMode::kStrict;
        return Status::OK();
      case DELTA_SCHEMA_MERGE:
        options->options.schema_mode = delta::SchemaMode::kMerge;
        return Status::OK();
      case DELTA_SCHEMA_OVERWRITE:
        options->options.schema_mode = delta::SchemaMode::kOverwrite;
        return Status::OK();
      default:
        return Status::InvalidArgument("delta_write_options_set_schema_mode: unknown schema mode " +
                                       std::to_string(static_cast<int>(mode)));
    }
  });
}

delta_error_code delta_write_options_set_partition_columns(delta_write_options* options,
                                                           const char* const* columns,
                                                           size_t num_columns,
                                                           delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_write_options_set_partition_columns";
    DELTA_RETURN_NOT_OK(CheckOptions(kFn, options));
    DELTA_ASSIGN_OR_RETURN(options->options.partition_by,
                           Strings(kFn, "columns", columns, num_columns));
    return Status::OK();
  });
}

delta_error_code delta_write_options_set_predicate(delta_write_options* options,
                                                   const char* predicate, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    DELTA_RETURN_NOT_OK(CheckOptions("delta_write_options_set_predicate", options));
    if (predicate == nullptr) {
      options->options.predicate.clear();
      return Status::OK();
    }
    // Parsed now so that a typo fails here, before any data is written.
    DELTA_RETURN_NOT_OK(delta::ParseExpression(predicate).status());
    options->options.predicate = predicate;
    return Status::OK();
  });
}

delta_error_code delta_write_options_set_app_transaction(delta_write_options* options,
                                                         const char* app_id, int64_t version,
                                                         delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_write_options_set_app_transaction";
    DELTA_RETURN_NOT_OK(CheckOptions(kFn, options));
    if (app_id == nullptr) return NullArgument(kFn, "app_id");
    if (version < 0) {
      return Status::InvalidArgument(std::string(kFn) + ": version " + std::to_string(version) +
                                     " is negative");
    }
    options->options.app_transaction = delta::AppTransaction{app_id, version};
    return Status::OK();
  });
}

delta_error_code delta_write_options_set_property(delta_write_options* options, const char* key,
                                                  const char* value, delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_write_options_set_property";
    DELTA_RETURN_NOT_OK(CheckOptions(kFn, options));
    if (key == nullptr) return NullArgument(kFn, "key");
    if (value == nullptr) return NullArgument(kFn, "value");
    options->options.properties[key] = value;
    return Status::OK();
  });
}

// --- write ----------------------------------------------------------------------------------

delta_error_code delta_write_table(const char* location, const delta_engine* engine,
                                   struct ArrowArrayStream* data,
                                   const delta_write_options* options, delta_commit_result* result,
                                   delta_error** error) {
  delta::ArrowStreamHandle stream = delta::c_api::TakeStream(data);
  return ReturnStatus(error, [&]() -> Status {
    constexpr const char* kFn = "delta_write_table";
    if (location == nullptr) return NullArgument(kFn, "location");
    if (engine == nullptr) return NullArgument(kFn, "engine");
    if (!stream.valid()) return NullArgument(kFn, "data (or its release callback)");
    const delta::WriteOptions defaults;
    DELTA_ASSIGN_OR_RETURN(delta::CommitResult r,
                           delta::WriteTable(location, engine->engine, stream.get(),
                                             options == nullptr ? defaults : options->options));
    delta::c_api::FillCommitResult(r, result);
    return Status::OK();
  });
}

}  // extern "C"
