// Engine, table, snapshot and table-property entry points of the C ABI.
#include <charconv>
#include <map>
#include <string>

#include "c_api_internal.h"
#include "delta/default_engine.h"
#include "delta/scan.h"

using delta::FileListMode;
using delta::Result;
using delta::Snapshot;
using delta::SnapshotOptions;
using delta::Status;
using delta::c_api::NullArgument;
using delta::c_api::ReturnHandle;
using delta::c_api::ReturnStatus;
using delta::c_api::ReturnValue;

namespace {

Result<int> ParseIntOption(const char* key, const char* value) {
  std::string_view text(value);
  int out = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size() || out < 0) {
    return Status::InvalidArgument(std::string("engine option ") + key +
                                   ": expected a non-negative integer, got '" + value + "'");
  }
  return out;
}

Result<delta_snapshot*> WrapSnapshot(std::shared_ptr<const delta::Snapshot> snapshot,
                                     std::shared_ptr<delta::Engine> engine) {
  auto* h = new delta_snapshot{std::move(snapshot), std::move(engine), {}, {}};
  std::unique_ptr<delta_snapshot> owner(h);
  h->schema_json = h->snapshot->schema()->ToJson();
  for (const auto& [k, v] : h->snapshot->properties()) {
    h->properties.emplace_back(k.c_str(), v.c_str());
  }
  return owner.release();
}

const char* ListItem(const std::optional<std::vector<std::string>>& list, size_t i) {
  return list.has_value() && i < list->size() ? (*list)[i].c_str() : nullptr;
}

}  // namespace

extern "C" {

// --- engine ---------------------------------------------------------------------------------

delta_engine* delta_engine_new_default(const char* const* option_keys,
                                       const char* const* option_values, size_t num_options,
                                       delta_error** error) {
  return ReturnHandle<delta_engine>(error, [&]() -> Result<delta_engine*> {
    delta::DefaultEngineOptions options;
    if (num_options > 0 && (option_keys == nullptr || option_values == nullptr)) {
      return NullArgument("delta_engine_new_default", "option_keys or option_values");
    }
    for (size_t i = 0; i < num_options; ++i) {
      if (option_keys[i] == nullptr || option_values[i] == nullptr) {
        return NullArgument("delta_engine_new_default", "an option key or value");
      }
      std::string_view key(option_keys[i]);
      if (key == "cpu_threads") {
        DELTA_ASSIGN_OR_RETURN(options.cpu_threads,
                               ParseIntOption(option_keys[i], option_values[i]));
      } else if (key == "io_concurrency") {
        DELTA_ASSIGN_OR_RETURN(options.io_concurrency,
                               ParseIntOption(option_keys[i], option_values[i]));
      } else if (key == "external_locations") {
        std::string_view v(option_values[i]);
        if (v != "same-store" && v != "none") {
          return delta::Status::InvalidArgument(
              "engine option external_locations: expected 'same-store' or 'none', got '" +
              std::string(v) + "'");
        }
        options.location_policy.allow_same_store = v == "same-store";
      } else if (key == "allow_location") {
        options.location_policy.allowed_prefixes.emplace_back(option_values[i]);
      } else {
        options.storage_options[std::string(key)] = option_values[i];
      }
    }
    DELTA_ASSIGN_OR_RETURN(std::shared_ptr<delta::Engine> engine,
                           delta::MakeDefaultEngine(options));
    return new delta_engine{std::move(engine)};
  });
}

void delta_engine_free(delta_engine* engine) { delete engine; }

// --- table ----------------------------------------------------------------------------------

delta_table* delta_table_open(const char* location, const delta_engine* engine,
                              delta_error** error) {
  return ReturnHandle<delta_table>(error, [&]() -> Result<delta_table*> {
    if (location == nullptr) return NullArgument("delta_table_open", "location");
    if (engine == nullptr) return NullArgument("delta_table_open", "engine");
    DELTA_ASSIGN_OR_RETURN(delta::Table table, delta::Table::ForLocation(location, engine->engine));
    return new delta_table{std::move(table)};
  });
}

void delta_table_free(delta_table* table) { delete table; }

const char* delta_table_location(const delta_table* table) {
  return table == nullptr ? nullptr : table->table.location().c_str();
}

// --- snapshots ------------------------------------------------------------------------------

delta_snapshot* delta_table_latest_snapshot(const delta_table* table, delta_error** error) {
  return ReturnHandle<delta_snapshot>(error, [&]() -> Result<delta_snapshot*> {
    if (table == nullptr) return NullArgument("delta_table_latest_snapshot", "table");
    DELTA_ASSIGN_OR_RETURN(auto snapshot, table->table.LatestSnapshot());
    return WrapSnapshot(std::move(snapshot), table->table.engine());
  });
}

delta_snapshot* delta_table_snapshot_at_version(const delta_table* table, int64_t version,
                                                delta_error** error) {
  return ReturnHandle<delta_snapshot>(error, [&]() -> Result<delta_snapshot*> {
    if (table == nullptr) return NullArgument("delta_table_snapshot_at_version", "table");
    DELTA_ASSIGN_OR_RETURN(auto snapshot, table->table.SnapshotAtVersion(version));
    return WrapSnapshot(std::move(snapshot), table->table.engine());
  });
}

delta_snapshot* delta_table_snapshot(const delta_table* table, int64_t version,
                                     delta_file_list_mode mode, delta_error** error) {
  return ReturnHandle<delta_snapshot>(error, [&]() -> Result<delta_snapshot*> {
    if (table == nullptr) return NullArgument("delta_table_snapshot", "table");
    if (version < -1) {
      return Status::InvalidArgument("delta_table_snapshot: version " + std::to_string(version) +
                                     " is negative (use -1 for the latest)");
    }
    SnapshotOptions options;
    switch (mode) {
      case DELTA_FILE_LIST_IN_MEMORY:
        break;
      case DELTA_FILE_LIST_STREAMED:
        options.file_list = FileListMode::kStreamed;
        break;
      default:
        return Status::InvalidArgument("delta_table_snapshot: unknown file list mode " +
                                       std::to_string(static_cast<int>(mode)));
    }
    Result<std::shared_ptr<const Snapshot>> snapshot =
        version == -1 ? table->table.LatestSnapshot(options)
                      : table->table.SnapshotAtVersion(version, options);
    DELTA_RETURN_NOT_OK(snapshot.status());
    return WrapSnapshot(std::move(*snapshot), table->table.engine());
  });
}

delta_snapshot* delta_table_snapshot_at_timestamp(const delta_table* table, int64_t timestamp_ms,
                                                  delta_error** error) {
  return ReturnHandle<delta_snapshot>(error, [&]() -> Result<delta_snapshot*> {
    if (table == nullptr) return NullArgument("delta_table_snapshot_at_timestamp", "table");
    DELTA_ASSIGN_OR_RETURN(auto snapshot, table->table.SnapshotAtTimestamp(timestamp_ms));
    return WrapSnapshot(std::move(snapshot), table->table.engine());
  });
}

delta_snapshot* delta_snapshot_refresh(const delta_snapshot* snapshot, int64_t version,
                                       delta_error** error) {
  return ReturnHandle<delta_snapshot>(error, [&]() -> Result<delta_snapshot*> {
    if (snapshot == nullptr) return NullArgument("delta_snapshot_refresh", "snapshot");
    if (version < -1) {
      return Status::InvalidArgument("delta_snapshot_refresh: version " + std::to_string(version) +
                                     " is negative (use -1 for the latest)");
    }
    std::optional<int64_t> target;
    if (version >= 0) target = version;
    DELTA_ASSIGN_OR_RETURN(auto refreshed, snapshot->snapshot->Refresh(target));
    return WrapSnapshot(std::move(refreshed), snapshot->engine);
  });
}

void delta_snapshot_free(delta_snapshot* snapshot) { delete snapshot; }

int64_t delta_snapshot_version(const delta_snapshot* s) {
  return s == nullptr ? -1 : s->snapshot->version();
}

int64_t delta_snapshot_timestamp(const delta_snapshot* s) {
  return s == nullptr ? -1 : s->snapshot->timestamp();
}

const char* delta_snapshot_table_location(const delta_snapshot* s) {
  return s == nullptr ? nullptr : s->snapshot->table_location().c_str();
}

int delta_snapshot_has_file_list(const delta_snapshot* s) {
  return s == nullptr ? -1 : (s->snapshot->has_file_list() ? 1 : 0);
}

int64_t delta_snapshot_num_files(const delta_snapshot* s) {
  if (s == nullptr || !s->snapshot->has_file_list()) return -1;
  return static_cast<int64_t>(s->snapshot->files().size());
}

int64_t delta_snapshot_total_bytes(const delta_snapshot* s) {
  if (s == nullptr || !s->snapshot->has_file_list()) return -1;
  return s->snapshot->total_bytes();
}

int64_t delta_snapshot_checkpoint_version(const delta_snapshot* s) {
  return s == nullptr ? -1 : s->snapshot->checkpoint_version().value_or(-1);
}

// --- schema ---------------------------------------------------------------------------------

const char* delta_snapshot_schema_json(const delta_snapshot* s) {
  return s == nullptr ? nullptr : s->schema_json.c_str();
}

delta_error_code delta_snapshot_arrow_schema(const delta_snapshot* s, struct ArrowSchema* out,
                                             delta_error** error) {
  return ReturnStatus(error, [&]() -> Status {
    if (s == nullptr) return NullArgument("delta_snapshot_arrow_schema", "snapshot");
    if (out == nullptr) return NullArgument("delta_snapshot_arrow_schema", "out");
    // The schema a full scan returns is the logical schema in Arrow form.
    DELTA_ASSIGN_OR_RETURN(auto scan, delta::Scan::Make(s->snapshot, delta::ScanOptions{}));
    DELTA_ASSIGN_OR_RETURN(delta::ArrowSchemaHandle schema, scan->OutputArrowSchema());
    schema.MoveTo(out);
    return Status::OK();
  });
}

size_t delta_snapshot_num_partition_columns(const delta_snapshot* s) {
  return s == nullptr ? 0 : s->snapshot->partition_columns().size();
}

const char* delta_snapshot_partition_column(const delta_snapshot* s, size_t i) {
  if (s == nullptr || i >= s->snapshot->partition_columns().size()) return nullptr;
  return s->snapshot->partition_columns()[i].c_str();
}

// --- protocol -------------------------------------------------------------------------------

int32_t delta_snapshot_min_reader_version(const delta_snapshot* s) {
  return s == nullptr ? -1 : s->snapshot->protocol().min_reader_version;
}

int32_t delta_snapshot_min_writer_version(const delta_snapshot* s) {
  return s == nullptr ? -1 : s->snapshot->protocol().min_writer_version;
}

size_t delta_snapshot_num_reader_features(const delta_snapshot* s) {
  if (s == nullptr) return 0;
  const auto& f = s->snapshot->protocol().reader_features;
  return f ? f->size() : 0;
}

const char* delta_snapshot_reader_feature(const delta_snapshot* s, size_t i) {
  return s == nullptr ? nullptr : ListItem(s->snapshot->protocol().reader_features, i);
}

size_t delta_snapshot_num_writer_features(const delta_snapshot* s) {
  if (s == nullptr) return 0;
  const auto& f = s->snapshot->protocol().writer_features;
  return f ? f->size() : 0;
}

const char* delta_snapshot_writer_feature(const delta_snapshot* s, size_t i) {
  return s == nullptr ? nullptr : ListItem(s->snapshot->protocol().writer_features, i);
}

// --- metadata -------------------------------------------------------------------------------

const char* delta_snapshot_table_id(const delta_snapshot* s) {
  return s == nullptr ? nullptr : s->snapshot->metadata().id.c_str();
}

const char* delta_snapshot_table_name(const delta_snapshot* s) {
  if (s == nullptr || !s->snapshot->metadata().name) return nullptr;
  return s->snapshot->metadata().name->c_str();
}

const char* delta_snapshot_table_description(const delta_snapshot* s) {
  if (s == nullptr || !s->snapshot->metadata().description) return nullptr;
  return s->snapshot->metadata().description->c_str();
}

const char* delta_snapshot_format_provider(const delta_snapshot* s) {
  return s == nullptr ? nullptr : s->snapshot->metadata().format_provider.c_str();
}

int64_t delta_snapshot_created_time(const delta_snapshot* s) {
  return s == nullptr ? -1 : s->snapshot->metadata().created_time.value_or(-1);
}

// --- table properties -----------------------------------------------------------------------

size_t delta_snapshot_num_properties(const delta_snapshot* s) {
  return s == nullptr ? 0 : s->properties.size();
}

int delta_snapshot_property_at(const delta_snapshot* s, size_t i, const char** key,
                               const char** value) {
  bool in_range = s != nullptr && i < s->properties.size();
  if (key != nullptr) *key = in_range ? s->properties[i].first : nullptr;
  if (value != nullptr) *value = in_range ? s->properties[i].second : nullptr;
  return in_range ? 1 : 0;
}

const char* delta_snapshot_property(const delta_snapshot* s, const char* key) {
  if (s == nullptr || key == nullptr) return nullptr;
  return ReturnValue<const char*>(nullptr, [&]() -> const char* {
    const auto& props = s->snapshot->properties();
    auto it = props.find(key);
    return it == props.end() ? nullptr : it->second.c_str();
  });
}

delta_table_properties* delta_snapshot_table_properties(const delta_snapshot* s,
                                                        delta_error** error) {
  return ReturnHandle<delta_table_properties>(error, [&]() -> Result<delta_table_properties*> {
    if (s == nullptr) return NullArgument("delta_snapshot_table_properties", "snapshot");
    DELTA_ASSIGN_OR_RETURN(delta::TableProperties props,
                           delta::TableProperties::Parse(s->snapshot->properties()));
    return new delta_table_properties{std::move(props)};
  });
}

void delta_table_properties_free(delta_table_properties* p) { delete p; }

int delta_table_properties_append_only(const delta_table_properties* p) {
  return p != nullptr && p->props.append_only() ? 1 : 0;
}

int delta_table_properties_change_data_feed(const delta_table_properties* p) {
  return p != nullptr && p->props.enable_change_data_feed() ? 1 : 0;
}

int delta_table_properties_deletion_vectors(const delta_table_properties* p) {
  return p != nullptr && p->props.enable_deletion_vectors() ? 1 : 0;
}

int delta_table_properties_in_commit_timestamps(const delta_table_properties* p) {
  return p != nullptr && p->props.enable_in_commit_timestamps() ? 1 : 0;
}

int delta_table_properties_row_tracking(const delta_table_properties* p) {
  return p != nullptr && p->props.enable_row_tracking() ? 1 : 0;
}

const char* delta_table_properties_column_mapping_mode(const delta_table_properties* p) {
  // ColumnMappingModeName returns views of string literals, so data() is NUL-terminated.
  return p == nullptr ? nullptr
                      : delta::ColumnMappingModeName(p->props.column_mapping_mode()).data();
}

int64_t delta_table_properties_checkpoint_interval(const delta_table_properties* p) {
  return p == nullptr ? -1 : p->props.checkpoint_interval();
}

int64_t delta_table_properties_log_retention_ms(const delta_table_properties* p) {
  return p == nullptr ? -1 : p->props.log_retention_duration_ms();
}

int64_t delta_table_properties_deleted_file_retention_ms(const delta_table_properties* p) {
  return p == nullptr ? -1 : p->props.deleted_file_retention_duration_ms();
}

int32_t delta_table_properties_data_skipping_num_indexed_cols(const delta_table_properties* p) {
  return p == nullptr ? -1 : p->props.data_skipping_num_indexed_cols();
}

}  // extern "C"
