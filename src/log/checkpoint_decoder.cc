#include "log/checkpoint_decoder.h"

#include <cerrno>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "log/checkpoint_stats.h"
#include "protocol/arrow_view.h"
#include "dv/descriptor.h"
#include "protocol/path_safety.h"
#include "util/printable.h"

namespace delta {
namespace {

// Shared state of one batch decode: where errors point and where values go.
struct DecodeContext {
  ActionBatch* out;
  std::string_view file;
  int64_t first_row;
  bool borrow_stats = false;  // add stats point into the Arrow batch instead of the arena

  std::string Where(std::string_view action, int64_t i) const {
    std::string s = "checkpoint file ";
    s += file;
    s += ": ";
    s += action;
    s += " action at row ";
    s += std::to_string(first_row + i);
    return s;
  }
  Status Missing(std::string_view action, std::string_view field, int64_t i) const {
    return Status::InvalidTable(Where(action, i) + " has no " + std::string(field));
  }
  Status Invalid(std::string_view action, int64_t i, std::string_view what) const {
    return Status::InvalidTable(Where(action, i) + ": " + std::string(what));
  }
};

// --- per-row readers ---------------------------------------------------------------------------

Result<std::string_view> RequiredString(const StringArrayView& col, int64_t i,
                                        const DecodeContext& ctx, std::string_view action,
                                        std::string_view field) {
  if (col.IsNull(i)) return ctx.Missing(action, field, i);
  return col.Value(i);
}

Result<int64_t> RequiredInt(const IntArrayView& col, int64_t i, const DecodeContext& ctx,
                            std::string_view action, std::string_view field) {
  if (col.IsNull(i)) return ctx.Missing(action, field, i);
  return col.Value(i);
}

Result<int32_t> ToInt32(int64_t v, const DecodeContext& ctx, std::string_view action,
                        std::string_view field, int64_t i) {
  if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
    return ctx.Invalid(action, i,
                       std::string(field) + " " + std::to_string(v) + " does not fit in an int");
  }
  return static_cast<int32_t>(v);
}

Result<bool> RequiredBool(const BoolArrayView& col, int64_t i, const DecodeContext& ctx,
                          std::string_view action, std::string_view field) {
  if (col.IsNull(i)) return ctx.Missing(action, field, i);
  return col.Value(i);
}

// Partition values (or tags) of row `i` as an arena array; null map = empty.
template <typename Entry>
Result<std::span<const Entry>> ArenaEntries(const MapArrayView& map, int64_t i, Arena& arena,
                                            const DecodeContext& ctx, std::string_view action,
                                            std::string_view field) {
  if (map.IsNull(i)) return std::span<const Entry>();
  auto [begin, end] = map.Range(i);
  std::span<Entry> entries = arena.AllocateArray<Entry>(static_cast<size_t>(end - begin));
  for (int64_t j = begin; j < end; ++j) {
    if (map.KeyIsNull(j)) {
      return ctx.Invalid(action, i, std::string(field) + " has a null key");
    }
    Entry& e = entries[static_cast<size_t>(j - begin)];
    if constexpr (std::is_same_v<Entry, PartitionValue>) {
      e.column = arena.Copy(map.Key(j));
    } else {
      e.key = arena.Copy(map.Key(j));
    }
    if (std::optional<std::string_view> v = map.Value(j)) e.value = arena.Copy(*v);
  }
  return std::span<const Entry>(entries);
}

// A string map as std::map; null values are dropped (the owned form cannot represent them).
Result<std::map<std::string, std::string>> OwnedMap(const MapArrayView& map, int64_t i,
                                                    const DecodeContext& ctx,
                                                    std::string_view action,
                                                    std::string_view field) {
  std::map<std::string, std::string> out;
  if (map.IsNull(i)) return out;
  auto [begin, end] = map.Range(i);
  for (int64_t j = begin; j < end; ++j) {
    if (map.KeyIsNull(j)) return ctx.Invalid(action, i, std::string(field) + " has a null key");
    if (std::optional<std::string_view> v = map.Value(j)) {
      out.insert_or_assign(std::string(map.Key(j)), std::string(*v));
    }
  }
  return out;
}

Result<std::vector<std::string>> OwnedStringList(const ListArrayView& list,
                                                 const StringArrayView& elements, int64_t i,
                                                 const DecodeContext& ctx, std::string_view action,
                                                 std::string_view field) {
  std::vector<std::string> out;
  auto [begin, end] = list.Range(i);
  out.reserve(static_cast<size_t>(end - begin));
  for (int64_t j = begin; j < end; ++j) {
    if (elements.IsNull(j)) return ctx.Invalid(action, i, std::string(field) + " has a null entry");
    out.emplace_back(elements.Value(j));
  }
  return out;
}

// --- column groups -----------------------------------------------------------------------------

struct DeletionVectorColumns {
  StructArrayView dv;
  StringArrayView storage_type;
  StringArrayView path_or_inline;
  IntArrayView offset;
  IntArrayView size_in_bytes;
  IntArrayView cardinality;

  static Result<DeletionVectorColumns> Make(const StructArrayView& action) {
    DeletionVectorColumns c;
    DELTA_ASSIGN_OR_RETURN(c.dv, action.GetOrNull<StructArrayView>("deletionVector"));
    DELTA_ASSIGN_OR_RETURN(c.storage_type, c.dv.GetOrNull<StringArrayView>("storageType"));
    DELTA_ASSIGN_OR_RETURN(c.path_or_inline, c.dv.GetOrNull<StringArrayView>("pathOrInlineDv"));
    DELTA_ASSIGN_OR_RETURN(c.offset, c.dv.GetOrNull<IntArrayView>("offset"));
    DELTA_ASSIGN_OR_RETURN(c.size_in_bytes, c.dv.GetOrNull<IntArrayView>("sizeInBytes"));
    DELTA_ASSIGN_OR_RETURN(c.cardinality, c.dv.GetOrNull<IntArrayView>("cardinality"));
    return c;
  }

  // The DV of row `i` in the arena, or null when the row has none.
  Result<const DeletionVectorDescriptor*> Decode(int64_t i, Arena& arena, const DecodeContext& ctx,
                                                 std::string_view action) const {
    if (dv.IsNull(i)) return nullptr;
    RawDeletionVectorDescriptor raw;
    DELTA_ASSIGN_OR_RETURN(raw.storage_type, RequiredString(storage_type, i, ctx, action,
                                                            "deletionVector.storageType"));
    DELTA_ASSIGN_OR_RETURN(raw.path_or_inline, RequiredString(path_or_inline, i, ctx, action,
                                                              "deletionVector.pathOrInlineDv"));
    DELTA_ASSIGN_OR_RETURN(raw.size_in_bytes, RequiredInt(size_in_bytes, i, ctx, action,
                                                          "deletionVector.sizeInBytes"));
    DELTA_ASSIGN_OR_RETURN(raw.cardinality,
                           RequiredInt(cardinality, i, ctx, action, "deletionVector.cardinality"));
    if (!offset.IsNull(i)) raw.offset = offset.Value(i);
    Result<DeletionVectorDescriptor> checked = CheckDeletionVectorDescriptor(raw);
    if (!checked.ok()) return ctx.Invalid(action, i, checked.status().message());
    auto* d = arena.New<DeletionVectorDescriptor>(*checked);
    d->path_or_inline = arena.Copy(raw.path_or_inline);
    return d;
  }
};

struct AddColumns {
  StructArrayView add;
  StringArrayView path;
  MapArrayView partition_values;
  IntArrayView size;
  IntArrayView modification_time;
  BoolArrayView data_change;
  StringArrayView stats;
  MapArrayView tags;
  DeletionVectorColumns dv;
  IntArrayView base_row_id;
  IntArrayView default_row_commit_version;
  StringArrayView clustering_provider;
  // Struct statistics, rendered to JSON for rows without `stats` (read only when requested).
  std::optional<StatsParsedRenderer> stats_parsed;

  static Result<AddColumns> Make(const StructArrayView& root) {
    AddColumns c;
    DELTA_ASSIGN_OR_RETURN(c.add, root.GetOrNull<StructArrayView>(kCheckpointAddColumn));
    const StructArrayView& a = c.add;
    DELTA_ASSIGN_OR_RETURN(c.path, a.GetOrNull<StringArrayView>("path"));
    DELTA_ASSIGN_OR_RETURN(c.partition_values, a.GetOrNull<MapArrayView>("partitionValues"));
    DELTA_ASSIGN_OR_RETURN(c.size, a.GetOrNull<IntArrayView>("size"));
    DELTA_ASSIGN_OR_RETURN(c.modification_time, a.GetOrNull<IntArrayView>("modificationTime"));
    DELTA_ASSIGN_OR_RETURN(c.data_change, a.GetOrNull<BoolArrayView>("dataChange"));
    DELTA_ASSIGN_OR_RETURN(c.stats, a.GetOrNull<StringArrayView>("stats"));
    DELTA_ASSIGN_OR_RETURN(c.tags, a.GetOrNull<MapArrayView>("tags"));
    DELTA_ASSIGN_OR_RETURN(c.dv, DeletionVectorColumns::Make(a));
    DELTA_ASSIGN_OR_RETURN(c.base_row_id, a.GetOrNull<IntArrayView>("baseRowId"));
    DELTA_ASSIGN_OR_RETURN(c.default_row_commit_version,
                           a.GetOrNull<IntArrayView>("defaultRowCommitVersion"));
    DELTA_ASSIGN_OR_RETURN(c.clustering_provider,
                           a.GetOrNull<StringArrayView>("clusteringProvider"));
    if (a.FieldIndex(kStatsParsedColumn) >= 0) {
      DELTA_ASSIGN_OR_RETURN(ArrayView parsed, a.Field(kStatsParsedColumn));
      DELTA_ASSIGN_OR_RETURN(c.stats_parsed, StatsParsedRenderer::Make(parsed));
    }
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "add";
    Arena& arena = ctx.out->arena;
    AddFile f;
    DELTA_ASSIGN_OR_RETURN(std::string_view p, RequiredString(path, i, ctx, kAction, "path"));
    if (Status st = CheckLogPath(p); !st.ok()) {
      return ctx.Invalid(kAction, i, "path '" + Printable(p) + "' " + st.message());
    }
    f.path = arena.Copy(p);
    if (partition_values.IsNull(i)) return ctx.Missing(kAction, "partitionValues", i);
    DELTA_ASSIGN_OR_RETURN(
        f.partition_values,
        ArenaEntries<PartitionValue>(partition_values, i, arena, ctx, kAction, "partitionValues"));
    DELTA_ASSIGN_OR_RETURN(f.size, RequiredInt(size, i, ctx, kAction, "size"));
    DELTA_ASSIGN_OR_RETURN(f.modification_time,
                           RequiredInt(modification_time, i, ctx, kAction, "modificationTime"));
    DELTA_ASSIGN_OR_RETURN(f.data_change, RequiredBool(data_change, i, ctx, kAction, "dataChange"));
    if (!stats.IsNull(i)) {
      f.stats = ctx.borrow_stats ? stats.Value(i) : arena.Copy(stats.Value(i));
    } else if (stats_parsed && stats_parsed->HasStats(i)) {
      thread_local std::string json;
      stats_parsed->Render(i, &json);
      f.stats = arena.Copy(json);
    }
    DELTA_ASSIGN_OR_RETURN(f.tags, ArenaEntries<KeyValue>(tags, i, arena, ctx, kAction, "tags"));
    DELTA_ASSIGN_OR_RETURN(f.deletion_vector, dv.Decode(i, arena, ctx, kAction));
    f.base_row_id = base_row_id.Get(i);
    f.default_row_commit_version = default_row_commit_version.Get(i);
    if (!clustering_provider.IsNull(i)) {
      f.clustering_provider = arena.Copy(clustering_provider.Value(i));
    }
    ctx.out->adds.push_back(f);
    return Status::OK();
  }
};

struct RemoveColumns {
  StructArrayView remove;
  StringArrayView path;
  IntArrayView deletion_timestamp;
  BoolArrayView data_change;
  BoolArrayView extended_file_metadata;
  MapArrayView partition_values;
  IntArrayView size;
  StringArrayView stats;
  MapArrayView tags;
  DeletionVectorColumns dv;
  IntArrayView base_row_id;
  IntArrayView default_row_commit_version;

  static Result<RemoveColumns> Make(const StructArrayView& root) {
    RemoveColumns c;
    DELTA_ASSIGN_OR_RETURN(c.remove, root.GetOrNull<StructArrayView>(kCheckpointRemoveColumn));
    const StructArrayView& r = c.remove;
    DELTA_ASSIGN_OR_RETURN(c.path, r.GetOrNull<StringArrayView>("path"));
    DELTA_ASSIGN_OR_RETURN(c.deletion_timestamp, r.GetOrNull<IntArrayView>("deletionTimestamp"));
    DELTA_ASSIGN_OR_RETURN(c.data_change, r.GetOrNull<BoolArrayView>("dataChange"));
    DELTA_ASSIGN_OR_RETURN(c.extended_file_metadata,
                           r.GetOrNull<BoolArrayView>("extendedFileMetadata"));
    DELTA_ASSIGN_OR_RETURN(c.partition_values, r.GetOrNull<MapArrayView>("partitionValues"));
    DELTA_ASSIGN_OR_RETURN(c.size, r.GetOrNull<IntArrayView>("size"));
    DELTA_ASSIGN_OR_RETURN(c.stats, r.GetOrNull<StringArrayView>("stats"));
    DELTA_ASSIGN_OR_RETURN(c.tags, r.GetOrNull<MapArrayView>("tags"));
    DELTA_ASSIGN_OR_RETURN(c.dv, DeletionVectorColumns::Make(r));
    DELTA_ASSIGN_OR_RETURN(c.base_row_id, r.GetOrNull<IntArrayView>("baseRowId"));
    DELTA_ASSIGN_OR_RETURN(c.default_row_commit_version,
                           r.GetOrNull<IntArrayView>("defaultRowCommitVersion"));
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "remove";
    Arena& arena = ctx.out->arena;
    RemoveFile f;
    DELTA_ASSIGN_OR_RETURN(std::string_view p, RequiredString(path, i, ctx, kAction, "path"));
    if (Status st = CheckLogPath(p); !st.ok()) {
      return ctx.Invalid(kAction, i, "path '" + Printable(p) + "' " + st.message());
    }
    f.path = arena.Copy(p);
    f.deletion_timestamp = deletion_timestamp.Get(i);
    DELTA_ASSIGN_OR_RETURN(f.data_change, RequiredBool(data_change, i, ctx, kAction, "dataChange"));
    f.extended_file_metadata = extended_file_metadata.Get(i).value_or(false);
    DELTA_ASSIGN_OR_RETURN(
        f.partition_values,
        ArenaEntries<PartitionValue>(partition_values, i, arena, ctx, kAction, "partitionValues"));
    f.size = size.Get(i);
    if (!stats.IsNull(i)) f.stats = arena.Copy(stats.Value(i));
    DELTA_ASSIGN_OR_RETURN(f.tags, ArenaEntries<KeyValue>(tags, i, arena, ctx, kAction, "tags"));
    DELTA_ASSIGN_OR_RETURN(f.deletion_vector, dv.Decode(i, arena, ctx, kAction));
    f.base_row_id = base_row_id.Get(i);
    f.default_row_commit_version = default_row_commit_version.Get(i);
    ctx.out->removes.push_back(f);
    return Status::OK();
  }
};

struct MetadataColumns {
  StructArrayView metadata;
  StringArrayView id;
  StringArrayView name;
  StringArrayView description;
  StructArrayView format;
  StringArrayView provider;
  MapArrayView options;
  StringArrayView schema_string;
  ListArrayView partition_columns;
  StringArrayView partition_column_names;
  MapArrayView configuration;
  IntArrayView created_time;

  static Result<MetadataColumns> Make(const StructArrayView& root) {
    MetadataColumns c;
    DELTA_ASSIGN_OR_RETURN(c.metadata, root.GetOrNull<StructArrayView>(kCheckpointMetadataColumn));
    const StructArrayView& m = c.metadata;
    DELTA_ASSIGN_OR_RETURN(c.id, m.GetOrNull<StringArrayView>("id"));
    DELTA_ASSIGN_OR_RETURN(c.name, m.GetOrNull<StringArrayView>("name"));
    DELTA_ASSIGN_OR_RETURN(c.description, m.GetOrNull<StringArrayView>("description"));
    DELTA_ASSIGN_OR_RETURN(c.format, m.GetOrNull<StructArrayView>("format"));
    DELTA_ASSIGN_OR_RETURN(c.provider, c.format.GetOrNull<StringArrayView>("provider"));
    DELTA_ASSIGN_OR_RETURN(c.options, c.format.GetOrNull<MapArrayView>("options"));
    DELTA_ASSIGN_OR_RETURN(c.schema_string, m.GetOrNull<StringArrayView>("schemaString"));
    DELTA_ASSIGN_OR_RETURN(c.partition_columns, m.GetOrNull<ListArrayView>("partitionColumns"));
    DELTA_ASSIGN_OR_RETURN(c.partition_column_names,
                           StringArrayView::Make(c.partition_columns.elements()));
    DELTA_ASSIGN_OR_RETURN(c.configuration, m.GetOrNull<MapArrayView>("configuration"));
    DELTA_ASSIGN_OR_RETURN(c.created_time, m.GetOrNull<IntArrayView>("createdTime"));
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "metaData";
    if (ctx.out->metadata.has_value()) {
      return ctx.Invalid(kAction, i, "the checkpoint holds more than one metaData action");
    }
    Metadata m;
    DELTA_ASSIGN_OR_RETURN(std::string_view v, RequiredString(id, i, ctx, kAction, "id"));
    m.id = std::string(v);
    if (!name.IsNull(i)) m.name = std::string(name.Value(i));
    if (!description.IsNull(i)) m.description = std::string(description.Value(i));
    if (format.IsNull(i)) return ctx.Missing(kAction, "format", i);
    DELTA_ASSIGN_OR_RETURN(v, RequiredString(provider, i, ctx, kAction, "format.provider"));
    m.format_provider = std::string(v);
    DELTA_ASSIGN_OR_RETURN(m.format_options, OwnedMap(options, i, ctx, kAction, "format.options"));
    // Required by the protocol, yet some old tables lack it (e.g. the golden table
    // update-deleted-directory); left empty here so schema parsing reports it when needed.
    if (!schema_string.IsNull(i)) m.schema_string = std::string(schema_string.Value(i));
    if (partition_columns.IsNull(i)) return ctx.Missing(kAction, "partitionColumns", i);
    DELTA_ASSIGN_OR_RETURN(m.partition_columns,
                           OwnedStringList(partition_columns, partition_column_names, i, ctx,
                                           kAction, "partitionColumns"));
    if (configuration.IsNull(i)) return ctx.Missing(kAction, "configuration", i);
    DELTA_ASSIGN_OR_RETURN(m.configuration,
                           OwnedMap(configuration, i, ctx, kAction, "configuration"));
    m.created_time = created_time.Get(i);
    ctx.out->metadata = std::move(m);
    return Status::OK();
  }
};

struct ProtocolColumns {
  StructArrayView protocol;
  IntArrayView min_reader_version;
  IntArrayView min_writer_version;
  ListArrayView reader_features;
  StringArrayView reader_feature_names;
  ListArrayView writer_features;
  StringArrayView writer_feature_names;

  static Result<ProtocolColumns> Make(const StructArrayView& root) {
    ProtocolColumns c;
    DELTA_ASSIGN_OR_RETURN(c.protocol, root.GetOrNull<StructArrayView>(kCheckpointProtocolColumn));
    const StructArrayView& p = c.protocol;
    DELTA_ASSIGN_OR_RETURN(c.min_reader_version, p.GetOrNull<IntArrayView>("minReaderVersion"));
    DELTA_ASSIGN_OR_RETURN(c.min_writer_version, p.GetOrNull<IntArrayView>("minWriterVersion"));
    DELTA_ASSIGN_OR_RETURN(c.reader_features, p.GetOrNull<ListArrayView>("readerFeatures"));
    DELTA_ASSIGN_OR_RETURN(c.reader_feature_names,
                           StringArrayView::Make(c.reader_features.elements()));
    DELTA_ASSIGN_OR_RETURN(c.writer_features, p.GetOrNull<ListArrayView>("writerFeatures"));
    DELTA_ASSIGN_OR_RETURN(c.writer_feature_names,
                           StringArrayView::Make(c.writer_features.elements()));
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "protocol";
    if (ctx.out->protocol.has_value()) {
      return ctx.Invalid(kAction, i, "the checkpoint holds more than one protocol action");
    }
    Protocol p;
    DELTA_ASSIGN_OR_RETURN(int64_t r,
                           RequiredInt(min_reader_version, i, ctx, kAction, "minReaderVersion"));
    DELTA_ASSIGN_OR_RETURN(p.min_reader_version, ToInt32(r, ctx, kAction, "minReaderVersion", i));
    DELTA_ASSIGN_OR_RETURN(int64_t w,
                           RequiredInt(min_writer_version, i, ctx, kAction, "minWriterVersion"));
    DELTA_ASSIGN_OR_RETURN(p.min_writer_version, ToInt32(w, ctx, kAction, "minWriterVersion", i));
    if (!reader_features.IsNull(i)) {
      DELTA_ASSIGN_OR_RETURN(p.reader_features,
                             OwnedStringList(reader_features, reader_feature_names, i, ctx, kAction,
                                             "readerFeatures"));
    }
    if (!writer_features.IsNull(i)) {
      DELTA_ASSIGN_OR_RETURN(p.writer_features,
                             OwnedStringList(writer_features, writer_feature_names, i, ctx, kAction,
                                             "writerFeatures"));
    }
    ctx.out->protocol = std::move(p);
    return Status::OK();
  }
};

struct TxnColumns {
  StructArrayView txn;
  StringArrayView app_id;
  IntArrayView version;
  IntArrayView last_updated;

  static Result<TxnColumns> Make(const StructArrayView& root) {
    TxnColumns c;
    DELTA_ASSIGN_OR_RETURN(c.txn, root.GetOrNull<StructArrayView>(kCheckpointTxnColumn));
    DELTA_ASSIGN_OR_RETURN(c.app_id, c.txn.GetOrNull<StringArrayView>("appId"));
    DELTA_ASSIGN_OR_RETURN(c.version, c.txn.GetOrNull<IntArrayView>("version"));
    DELTA_ASSIGN_OR_RETURN(c.last_updated, c.txn.GetOrNull<IntArrayView>("lastUpdated"));
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "txn";
    SetTransaction t;
    DELTA_ASSIGN_OR_RETURN(std::string_view app, RequiredString(app_id, i, ctx, kAction, "appId"));
    t.app_id = std::string(app);
    DELTA_ASSIGN_OR_RETURN(t.version, RequiredInt(version, i, ctx, kAction, "version"));
    t.last_updated = last_updated.Get(i);
    ctx.out->txns.push_back(std::move(t));
    return Status::OK();
  }
};

struct DomainMetadataColumns {
  StructArrayView domain_metadata;
  StringArrayView domain;
  StringArrayView configuration;
  BoolArrayView removed;

  static Result<DomainMetadataColumns> Make(const StructArrayView& root) {
    DomainMetadataColumns c;
    DELTA_ASSIGN_OR_RETURN(c.domain_metadata,
                           root.GetOrNull<StructArrayView>(kCheckpointDomainMetadataColumn));
    const StructArrayView& d = c.domain_metadata;
    DELTA_ASSIGN_OR_RETURN(c.domain, d.GetOrNull<StringArrayView>("domain"));
    DELTA_ASSIGN_OR_RETURN(c.configuration, d.GetOrNull<StringArrayView>("configuration"));
    DELTA_ASSIGN_OR_RETURN(c.removed, d.GetOrNull<BoolArrayView>("removed"));
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "domainMetadata";
    DomainMetadata d;
    DELTA_ASSIGN_OR_RETURN(std::string_view v, RequiredString(domain, i, ctx, kAction, "domain"));
    d.domain = std::string(v);
    DELTA_ASSIGN_OR_RETURN(v, RequiredString(configuration, i, ctx, kAction, "configuration"));
    d.configuration = std::string(v);
    DELTA_ASSIGN_OR_RETURN(d.removed, RequiredBool(removed, i, ctx, kAction, "removed"));
    ctx.out->domain_metadata.push_back(std::move(d));
    return Status::OK();
  }
};

struct CheckpointMetadataColumns {
  StructArrayView checkpoint_metadata;
  IntArrayView version;
  MapArrayView tags;

  static Result<CheckpointMetadataColumns> Make(const StructArrayView& root) {
    CheckpointMetadataColumns c;
    DELTA_ASSIGN_OR_RETURN(c.checkpoint_metadata,
                           root.GetOrNull<StructArrayView>(kCheckpointCheckpointMetadataColumn));
    DELTA_ASSIGN_OR_RETURN(c.version, c.checkpoint_metadata.GetOrNull<IntArrayView>("version"));
    DELTA_ASSIGN_OR_RETURN(c.tags, c.checkpoint_metadata.GetOrNull<MapArrayView>("tags"));
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "checkpointMetadata";
    if (ctx.out->checkpoint_metadata.has_value()) {
      return ctx.Invalid(kAction, i,
                         "the checkpoint holds more than one checkpointMetadata action");
    }
    CheckpointMetadata m;
    DELTA_ASSIGN_OR_RETURN(m.version, RequiredInt(version, i, ctx, kAction, "version"));
    DELTA_ASSIGN_OR_RETURN(m.tags, OwnedMap(tags, i, ctx, kAction, "tags"));
    ctx.out->checkpoint_metadata = std::move(m);
    return Status::OK();
  }
};

struct SidecarColumns {
  StructArrayView sidecar;
  StringArrayView path;
  IntArrayView size_in_bytes;
  IntArrayView modification_time;

  static Result<SidecarColumns> Make(const StructArrayView& root) {
    SidecarColumns c;
    DELTA_ASSIGN_OR_RETURN(c.sidecar, root.GetOrNull<StructArrayView>(kCheckpointSidecarColumn));
    DELTA_ASSIGN_OR_RETURN(c.path, c.sidecar.GetOrNull<StringArrayView>("path"));
    DELTA_ASSIGN_OR_RETURN(c.size_in_bytes, c.sidecar.GetOrNull<IntArrayView>("sizeInBytes"));
    DELTA_ASSIGN_OR_RETURN(c.modification_time,
                           c.sidecar.GetOrNull<IntArrayView>("modificationTime"));
    return c;
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    constexpr std::string_view kAction = "sidecar";
    SidecarFile s;
    DELTA_ASSIGN_OR_RETURN(std::string_view p, RequiredString(path, i, ctx, kAction, "path"));
    if (Status st = CheckLogPath(p); !st.ok()) {
      return ctx.Invalid(kAction, i, "path '" + Printable(p) + "' " + st.message());
    }
    s.path = std::string(p);
    DELTA_ASSIGN_OR_RETURN(s.size_in_bytes,
                           RequiredInt(size_in_bytes, i, ctx, kAction, "sizeInBytes"));
    DELTA_ASSIGN_OR_RETURN(s.modification_time,
                           RequiredInt(modification_time, i, ctx, kAction, "modificationTime"));
    ctx.out->sidecars.push_back(std::move(s));
    return Status::OK();
  }
};

Status StreamError(ArrowArrayStream* stream, int rc, std::string_view file) {
  const char* detail = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
  std::string msg = "reading checkpoint file " + std::string(file) + ": " +
                    (detail ? std::string(detail) : "Arrow stream error " + std::to_string(rc));
  // Arrow maps invalid data to EINVAL; anything else is treated as an I/O failure.
  if (rc == EINVAL) return Status::InvalidTable(std::move(msg));
  return Status::IoError(std::move(msg));
}

// View errors name the column; this adds the file.
template <typename T>
Result<T> InFile(Result<T> r, std::string_view file) {
  if (!r.ok()) return r.status().WithContext("checkpoint file " + std::string(file));
  return r;
}

}  // namespace

Status DecodeCheckpointBatch(const ArrowSchema& schema, const ArrowArray& array, ActionBatch* out,
                             std::string_view file_for_errors, int64_t first_row,
                             bool borrow_stats) {
  const std::string_view file = file_for_errors;
  DELTA_ASSIGN_OR_RETURN(StructArrayView root,
                         InFile(StructArrayView::Make(schema, array, ""), file));
  DELTA_ASSIGN_OR_RETURN(AddColumns add, InFile(AddColumns::Make(root), file));
  DELTA_ASSIGN_OR_RETURN(RemoveColumns remove, InFile(RemoveColumns::Make(root), file));
  DELTA_ASSIGN_OR_RETURN(MetadataColumns metadata, InFile(MetadataColumns::Make(root), file));
  DELTA_ASSIGN_OR_RETURN(ProtocolColumns protocol, InFile(ProtocolColumns::Make(root), file));
  DELTA_ASSIGN_OR_RETURN(TxnColumns txn, InFile(TxnColumns::Make(root), file));
  DELTA_ASSIGN_OR_RETURN(DomainMetadataColumns domain,
                         InFile(DomainMetadataColumns::Make(root), file));
  DELTA_ASSIGN_OR_RETURN(CheckpointMetadataColumns ckpt_meta,
                         InFile(CheckpointMetadataColumns::Make(root), file));
  DELTA_ASSIGN_OR_RETURN(SidecarColumns sidecar, InFile(SidecarColumns::Make(root), file));

  const DecodeContext ctx{out, file, first_row, borrow_stats};
  // Each column is decoded independently, so a row holding several actions yields them all.
  const int64_t n = root.length();
  int64_t adds = 0;
  for (int64_t i = 0; i < n; ++i) adds += add.add.IsNull(i) ? 0 : 1;
  out->adds.reserve(out->adds.size() + static_cast<size_t>(adds));
  for (int64_t i = 0; i < n; ++i) {
    if (!add.add.IsNull(i)) DELTA_RETURN_NOT_OK(add.Decode(i, ctx));
    if (!remove.remove.IsNull(i)) DELTA_RETURN_NOT_OK(remove.Decode(i, ctx));
    if (!metadata.metadata.IsNull(i)) DELTA_RETURN_NOT_OK(metadata.Decode(i, ctx));
    if (!protocol.protocol.IsNull(i)) DELTA_RETURN_NOT_OK(protocol.Decode(i, ctx));
    if (!txn.txn.IsNull(i)) DELTA_RETURN_NOT_OK(txn.Decode(i, ctx));
    if (!domain.domain_metadata.IsNull(i)) DELTA_RETURN_NOT_OK(domain.Decode(i, ctx));
    if (!ckpt_meta.checkpoint_metadata.IsNull(i)) DELTA_RETURN_NOT_OK(ckpt_meta.Decode(i, ctx));
    if (!sidecar.sidecar.IsNull(i)) DELTA_RETURN_NOT_OK(sidecar.Decode(i, ctx));
  }
  return Status::OK();
}

Result<CheckpointFileReader> CheckpointFileReader::Open(Engine& engine, const FileInfo& file,
                                                        const CheckpointActionSet& actions,
                                                        const ArrowField* add_stats_parsed) {
  ArrowField schema_field = CheckpointReadSchema(actions);
  if (add_stats_parsed != nullptr) {
    for (ArrowField& column : schema_field.children) {
      if (column.name == kCheckpointAddColumn) column.children.push_back(*add_stats_parsed);
    }
  }
  ArrowSchemaHandle read_schema = schema_field.Export();
  CheckpointFileReader r;
  r.location_ = file.location;
  DELTA_ASSIGN_OR_RETURN(r.stream_, engine.parquet().Read(file, read_schema.get()));
  if (!r.stream_.valid()) {
    return Status::Internal("Parquet reader returned no stream for " + file.location);
  }
  ArrowSchema raw_schema;
  raw_schema.release = nullptr;
  if (int rc = r.stream_->get_schema(r.stream_.get(), &raw_schema); rc != 0) {
    return StreamError(r.stream_.get(), rc, file.location);
  }
  r.schema_ = ArrowSchemaHandle(&raw_schema);
  return r;
}

Result<bool> CheckpointFileReader::Next(ActionBatch* out, ArrowArrayHandle* batch_out) {
  if (!stream_.valid()) return false;
  ArrowArray raw_array;
  raw_array.release = nullptr;
  if (int rc = stream_->get_next(stream_.get(), &raw_array); rc != 0) {
    return StreamError(stream_.get(), rc, location_);
  }
  if (raw_array.release == nullptr) {  // end of stream: let go of the file now
    stream_ = ArrowStreamHandle();
    return false;
  }
  ArrowArrayHandle batch(&raw_array);
  DELTA_RETURN_NOT_OK(DecodeCheckpointBatch(*schema_.get(), *batch.get(), out, location_, row_,
                                            batch_out != nullptr));
  row_ += batch->length;
  if (batch_out != nullptr) *batch_out = std::move(batch);
  return true;
}

Result<ActionBatch> ReadCheckpointFile(Engine& engine, const FileInfo& file,
                                       const CheckpointActionSet& actions,
                                       const ArrowField* add_stats_parsed) {
  DELTA_ASSIGN_OR_RETURN(CheckpointFileReader reader,
                         CheckpointFileReader::Open(engine, file, actions, add_stats_parsed));
  ActionBatch out;
  while (true) {
    DELTA_ASSIGN_OR_RETURN(bool more, reader.Next(&out));
    if (!more) break;
  }
  return out;
}

}  // namespace delta
