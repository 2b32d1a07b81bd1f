#include "log/checkpoint_decoder.h"
#include "log/checkpoint_row_groups.h"

#include <cerrno>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "dv/descriptor.h"
#include "log/checkpoint_stats.h"
#include "protocol/action_schema.h"
#include "protocol/arrow_view.h"
#include "protocol/path_safety.h"
#include "util/printable.h"

namespace delta {
namespace {

namespace as = action_schema;

// A field named in messages: "size", or "deletionVector.sizeInBytes" for a nested one.
struct FieldRef {
  FieldRef(std::string_view n) : name(n) {}  // NOLINT: implicit on purpose
  FieldRef(std::string_view p, std::string_view n) : prefix(p), name(n) {}
  std::string_view prefix;
  std::string_view name;

  std::string str() const {
    return prefix.empty() ? std::string(name) : std::string(prefix) + "." + std::string(name);
  }
};

// Shared state of one batch decode: where errors point and where values go.
struct DecodeContext {
  ActionBatch* out;
  std::string_view file;
  int64_t first_row;
  bool borrow_stats = false;  // add stats point into the Arrow batch instead of the arena
  // The file's rows the stream holds when row groups were left out (stream row -> file row).
  const std::vector<RowRange>* row_ranges = nullptr;

  int64_t FileRow(int64_t stream_row) const {
    if (row_ranges == nullptr) return stream_row;
    for (const RowRange& r : *row_ranges) {
      if (stream_row < r.count) return r.first + stream_row;
      stream_row -= r.count;
    }
    return stream_row;
  }
  std::string Where(std::string_view action, int64_t i) const {
    std::string s = "checkpoint file ";
    s += file;
    s += ": ";
    s += action;
    s += " action at row ";
    s += std::to_string(FileRow(first_row + i));
    return s;
  }
  Status Missing(std::string_view action, const FieldRef& field, int64_t i) const {
    return Status::InvalidTable(Where(action, i) + " has no " + field.str());
  }
  Status Invalid(std::string_view action, int64_t i, std::string_view what) const {
    return Status::InvalidTable(Where(action, i) + ": " + std::string(what));
  }
};

// --- columns -----------------------------------------------------------------------------------

// A column of an action struct, found under the protocol name of the member it holds (so a
// name is never spelt here); it is its view, so rows read as from any view.
template <auto kMember, typename View>
struct Col : View {
  static constexpr std::string_view kName = as::FieldName<kMember>();

  Status Resolve(const StructArrayView& parent) {
    DELTA_ASSIGN_OR_RETURN(static_cast<View&>(*this), parent.GetOrNull<View>(kName));
    return Status::OK();
  }
};

template <typename... Cols>
Status ResolveAll(const StructArrayView& parent, Cols&... cols) {
  Status st;
  ((st.ok() ? (st = cols.Resolve(parent), 0) : 0), ...);
  return st;
}

// Row `i` of a column the protocol requires; `prefix` names an enclosing struct in messages.
template <auto kMember, typename View>
auto Required(const Col<kMember, View>& col, int64_t i, const DecodeContext& ctx,
              std::string_view action, std::string_view prefix = {})
    -> Result<decltype(col.Value(i))> {
  if (col.IsNull(i)) return ctx.Missing(action, FieldRef(prefix, col.kName), i);
  return col.Value(i);
}

Result<int32_t> ToInt32(int64_t v, const DecodeContext& ctx, std::string_view action,
                        const FieldRef& field, int64_t i) {
  if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
    return ctx.Invalid(action, i,
                       field.str() + " " + std::to_string(v) + " does not fit in an int");
  }
  return static_cast<int32_t>(v);
}

// Partition values (or tags) of row `i` as an arena array; null map = empty.
template <typename Entry>
Result<std::span<const Entry>> ArenaEntries(const MapArrayView& map, int64_t i, Arena& arena,
                                            const DecodeContext& ctx, std::string_view action,
                                            const FieldRef& field) {
  if (map.IsNull(i)) return std::span<const Entry>();
  auto [begin, end] = map.Range(i);
  std::span<Entry> entries = arena.AllocateArray<Entry>(static_cast<size_t>(end - begin));
  for (int64_t j = begin; j < end; ++j) {
    if (map.KeyIsNull(j)) {
      return ctx.Invalid(action, i, field.str() + " has a null key");
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
                                                    const FieldRef& field) {
  std::map<std::string, std::string> out;
  if (map.IsNull(i)) return out;
  auto [begin, end] = map.Range(i);
  for (int64_t j = begin; j < end; ++j) {
    if (map.KeyIsNull(j)) return ctx.Invalid(action, i, field.str() + " has a null key");
    if (std::optional<std::string_view> v = map.Value(j)) {
      out.insert_or_assign(std::string(map.Key(j)), std::string(*v));
    }
  }
  return out;
}

// A list of strings and its element column.
template <auto kMember>
struct StringListCol : Col<kMember, ListArrayView> {
  StringArrayView elements;

  Status Resolve(const StructArrayView& parent) {
    DELTA_RETURN_NOT_OK((Col<kMember, ListArrayView>::Resolve(parent)));
    DELTA_ASSIGN_OR_RETURN(elements, StringArrayView::Make(this->ListArrayView::elements()));
    return Status::OK();
  }

  Result<std::vector<std::string>> Owned(int64_t i, const DecodeContext& ctx,
                                         std::string_view action) const {
    std::vector<std::string> out;
    auto [begin, end] = this->Range(i);
    out.reserve(static_cast<size_t>(end - begin));
    for (int64_t j = begin; j < end; ++j) {
      if (elements.IsNull(j)) {
        return ctx.Invalid(action, i, std::string(this->kName) + " has a null entry");
      }
      out.emplace_back(elements.Value(j));
    }
    return out;
  }
};

// --- column groups -----------------------------------------------------------------------------

// The columns of one action: its struct column, named by the action's table, and the
// Derived group's own columns (resolved by its ResolveColumns).
template <const auto& kSchema, typename Derived>
struct ActionColumns {
  static constexpr std::string_view kAction = kSchema.name;
  StructArrayView action;

  static Result<Derived> Make(const StructArrayView& root) {
    Derived c;
    DELTA_ASSIGN_OR_RETURN(c.action, root.GetOrNull<StructArrayView>(kAction));
    DELTA_RETURN_NOT_OK(c.ResolveColumns());
    return c;
  }
};

// The nested deletionVector struct of add and remove.
constexpr std::string_view kDv = as::kDeletionVector.name;

struct DeletionVectorColumns {
  using Raw = RawDeletionVectorDescriptor;
  StructArrayView dv;
  Col<&Raw::storage_type, StringArrayView> storage_type;
  Col<&Raw::path_or_inline, StringArrayView> path_or_inline;
  Col<&Raw::offset, IntArrayView> offset;
  Col<&Raw::size_in_bytes, IntArrayView> size_in_bytes;
  Col<&Raw::cardinality, IntArrayView> cardinality;

  Status Resolve(const StructArrayView& action) {
    DELTA_ASSIGN_OR_RETURN(dv, action.GetOrNull<StructArrayView>(kDv));
    return ResolveAll(dv, storage_type, path_or_inline, offset, size_in_bytes, cardinality);
  }

  // The DV of row `i` in the arena, or null when the row has none.
  Result<const DeletionVectorDescriptor*> Decode(int64_t i, Arena& arena, const DecodeContext& ctx,
                                                 std::string_view action) const {
    if (dv.IsNull(i)) return nullptr;
    Raw raw;
    DELTA_ASSIGN_OR_RETURN(raw.storage_type, Required(storage_type, i, ctx, action, kDv));
    DELTA_ASSIGN_OR_RETURN(raw.path_or_inline, Required(path_or_inline, i, ctx, action, kDv));
    DELTA_ASSIGN_OR_RETURN(raw.size_in_bytes, Required(size_in_bytes, i, ctx, action, kDv));
    DELTA_ASSIGN_OR_RETURN(raw.cardinality, Required(cardinality, i, ctx, action, kDv));
    if (!offset.IsNull(i)) raw.offset = offset.Value(i);
    Result<DeletionVectorDescriptor> checked = CheckDeletionVectorDescriptor(raw);
    if (!checked.ok()) return ctx.Invalid(action, i, checked.status().message());
    auto* d = arena.New<DeletionVectorDescriptor>(*checked);
    d->path_or_inline = arena.Copy(raw.path_or_inline);
    return d;
  }
};

// A file action's path, checked to name no location outside the table.
template <auto kMember>
Result<std::string_view> CheckedPath(const Col<kMember, StringArrayView>& path, int64_t i,
                                     const DecodeContext& ctx, std::string_view action) {
  DELTA_ASSIGN_OR_RETURN(std::string_view p, Required(path, i, ctx, action));
  if (Status st = CheckLogPath(p); !st.ok()) {
    return ctx.Invalid(action, i, "path '" + Printable(p) + "' " + st.message());
  }
  return p;
}

struct AddColumns : ActionColumns<as::kAdd, AddColumns> {
  Col<&AddFile::path, StringArrayView> path;
  Col<&AddFile::partition_values, MapArrayView> partition_values;
  Col<&AddFile::size, IntArrayView> size;
  Col<&AddFile::modification_time, IntArrayView> modification_time;
  Col<&AddFile::data_change, BoolArrayView> data_change;
  Col<&AddFile::stats, StringArrayView> stats;
  Col<&AddFile::tags, MapArrayView> tags;
  DeletionVectorColumns dv;
  Col<&AddFile::base_row_id, IntArrayView> base_row_id;
  Col<&AddFile::default_row_commit_version, IntArrayView> default_row_commit_version;
  Col<&AddFile::clustering_provider, StringArrayView> clustering_provider;
  // Struct statistics, rendered to JSON for rows without `stats` (read only when requested).
  std::optional<StatsParsedRenderer> stats_parsed;

  Status ResolveColumns() {
    DELTA_RETURN_NOT_OK(ResolveAll(action, path, partition_values, size, modification_time,
                                   data_change, stats, tags, dv, base_row_id,
                                   default_row_commit_version, clustering_provider));
    if (action.FieldIndex(kStatsParsedColumn) >= 0) {
      DELTA_ASSIGN_OR_RETURN(ArrayView parsed, action.Field(kStatsParsedColumn));
      DELTA_ASSIGN_OR_RETURN(stats_parsed, StatsParsedRenderer::Make(parsed));
    }
    return Status::OK();
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    Arena& arena = ctx.out->arena;
    AddFile f;
    DELTA_ASSIGN_OR_RETURN(std::string_view p, CheckedPath(path, i, ctx, kAction));
    f.path = arena.Copy(p);
    if (partition_values.IsNull(i)) return ctx.Missing(kAction, partition_values.kName, i);
    DELTA_ASSIGN_OR_RETURN(f.partition_values,
                           ArenaEntries<PartitionValue>(partition_values, i, arena, ctx, kAction,
                                                        partition_values.kName));
    DELTA_ASSIGN_OR_RETURN(f.size, Required(size, i, ctx, kAction));
    DELTA_ASSIGN_OR_RETURN(f.modification_time, Required(modification_time, i, ctx, kAction));
    DELTA_ASSIGN_OR_RETURN(f.data_change, Required(data_change, i, ctx, kAction));
    if (!stats.IsNull(i)) {
      f.stats = ctx.borrow_stats ? stats.Value(i) : arena.Copy(stats.Value(i));
    } else if (stats_parsed && stats_parsed->HasStats(i)) {
      thread_local std::string json;
      stats_parsed->Render(i, &json);
      f.stats = arena.Copy(json);
    }
    DELTA_ASSIGN_OR_RETURN(f.tags,
                           ArenaEntries<KeyValue>(tags, i, arena, ctx, kAction, tags.kName));
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

struct RemoveColumns : ActionColumns<as::kRemove, RemoveColumns> {
  Col<&RemoveFile::path, StringArrayView> path;
  Col<&RemoveFile::deletion_timestamp, IntArrayView> deletion_timestamp;
  Col<&RemoveFile::data_change, BoolArrayView> data_change;
  Col<&RemoveFile::extended_file_metadata, BoolArrayView> extended_file_metadata;
  Col<&RemoveFile::partition_values, MapArrayView> partition_values;
  Col<&RemoveFile::size, IntArrayView> size;
  Col<&RemoveFile::stats, StringArrayView> stats;
  Col<&RemoveFile::tags, MapArrayView> tags;
  DeletionVectorColumns dv;
  Col<&RemoveFile::base_row_id, IntArrayView> base_row_id;
  Col<&RemoveFile::default_row_commit_version, IntArrayView> default_row_commit_version;

  Status ResolveColumns() {
    return ResolveAll(action, path, deletion_timestamp, data_change, extended_file_metadata,
                      partition_values, size, stats, tags, dv, base_row_id,
                      default_row_commit_version);
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    Arena& arena = ctx.out->arena;
    RemoveFile f;
    DELTA_ASSIGN_OR_RETURN(std::string_view p, CheckedPath(path, i, ctx, kAction));
    f.path = arena.Copy(p);
    f.deletion_timestamp = deletion_timestamp.Get(i);
    DELTA_ASSIGN_OR_RETURN(f.data_change, Required(data_change, i, ctx, kAction));
    f.extended_file_metadata = extended_file_metadata.Get(i).value_or(false);
    DELTA_ASSIGN_OR_RETURN(f.partition_values,
                           ArenaEntries<PartitionValue>(partition_values, i, arena, ctx, kAction,
                                                        partition_values.kName));
    f.size = size.Get(i);
    if (!stats.IsNull(i)) f.stats = arena.Copy(stats.Value(i));
    DELTA_ASSIGN_OR_RETURN(f.tags,
                           ArenaEntries<KeyValue>(tags, i, arena, ctx, kAction, tags.kName));
    DELTA_ASSIGN_OR_RETURN(f.deletion_vector, dv.Decode(i, arena, ctx, kAction));
    f.base_row_id = base_row_id.Get(i);
    f.default_row_commit_version = default_row_commit_version.Get(i);
    ctx.out->removes.push_back(f);
    return Status::OK();
  }
};

// metaData's nested format struct (its fields are members of Metadata).
constexpr std::string_view kFormat = as::CheckedName(as::kMetadata, "format");

struct MetadataColumns : ActionColumns<as::kMetadata, MetadataColumns> {
  Col<&Metadata::id, StringArrayView> id;
  Col<&Metadata::name, StringArrayView> name;
  Col<&Metadata::description, StringArrayView> description;
  StructArrayView format;
  Col<&Metadata::format_provider, StringArrayView> provider;
  Col<&Metadata::format_options, MapArrayView> options;
  Col<&Metadata::schema_string, StringArrayView> schema_string;
  StringListCol<&Metadata::partition_columns> partition_columns;
  Col<&Metadata::configuration, MapArrayView> configuration;
  Col<&Metadata::created_time, IntArrayView> created_time;

  Status ResolveColumns() {
    DELTA_RETURN_NOT_OK(ResolveAll(action, id, name, description));
    DELTA_ASSIGN_OR_RETURN(format, action.GetOrNull<StructArrayView>(kFormat));
    DELTA_RETURN_NOT_OK(ResolveAll(format, provider, options));
    return ResolveAll(action, schema_string, partition_columns, configuration, created_time);
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    if (ctx.out->metadata.has_value()) {
      return ctx.Invalid(kAction, i, "the checkpoint holds more than one metaData action");
    }
    Metadata m;
    DELTA_ASSIGN_OR_RETURN(std::string_view v, Required(id, i, ctx, kAction));
    m.id = std::string(v);
    if (!name.IsNull(i)) m.name = std::string(name.Value(i));
    if (!description.IsNull(i)) m.description = std::string(description.Value(i));
    if (format.IsNull(i)) return ctx.Missing(kAction, kFormat, i);
    DELTA_ASSIGN_OR_RETURN(v, Required(provider, i, ctx, kAction, kFormat));
    m.format_provider = std::string(v);
    DELTA_ASSIGN_OR_RETURN(m.format_options,
                           OwnedMap(options, i, ctx, kAction, {kFormat, options.kName}));
    // Required by the protocol, yet some old tables lack it (e.g. the golden table
    // update-deleted-directory); left empty here so schema parsing reports it when needed.
    if (!schema_string.IsNull(i)) m.schema_string = std::string(schema_string.Value(i));
    if (partition_columns.IsNull(i)) return ctx.Missing(kAction, partition_columns.kName, i);
    DELTA_ASSIGN_OR_RETURN(m.partition_columns, partition_columns.Owned(i, ctx, kAction));
    if (configuration.IsNull(i)) return ctx.Missing(kAction, configuration.kName, i);
    DELTA_ASSIGN_OR_RETURN(m.configuration,
                           OwnedMap(configuration, i, ctx, kAction, configuration.kName));
    m.created_time = created_time.Get(i);
    ctx.out->metadata = std::move(m);
    return Status::OK();
  }
};

struct ProtocolColumns : ActionColumns<as::kProtocol, ProtocolColumns> {
  Col<&Protocol::min_reader_version, IntArrayView> min_reader_version;
  Col<&Protocol::min_writer_version, IntArrayView> min_writer_version;
  StringListCol<&Protocol::reader_features> reader_features;
  StringListCol<&Protocol::writer_features> writer_features;

  Status ResolveColumns() {
    return ResolveAll(action, min_reader_version, min_writer_version, reader_features,
                      writer_features);
  }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    if (ctx.out->protocol.has_value()) {
      return ctx.Invalid(kAction, i, "the checkpoint holds more than one protocol action");
    }
    Protocol p;
    DELTA_ASSIGN_OR_RETURN(int64_t r, Required(min_reader_version, i, ctx, kAction));
    DELTA_ASSIGN_OR_RETURN(p.min_reader_version,
                           ToInt32(r, ctx, kAction, min_reader_version.kName, i));
    DELTA_ASSIGN_OR_RETURN(int64_t w, Required(min_writer_version, i, ctx, kAction));
    DELTA_ASSIGN_OR_RETURN(p.min_writer_version,
                           ToInt32(w, ctx, kAction, min_writer_version.kName, i));
    if (!reader_features.IsNull(i)) {
      DELTA_ASSIGN_OR_RETURN(p.reader_features, reader_features.Owned(i, ctx, kAction));
    }
    if (!writer_features.IsNull(i)) {
      DELTA_ASSIGN_OR_RETURN(p.writer_features, writer_features.Owned(i, ctx, kAction));
    }
    ctx.out->protocol = std::move(p);
    return Status::OK();
  }
};

struct TxnColumns : ActionColumns<as::kTxn, TxnColumns> {
  Col<&SetTransaction::app_id, StringArrayView> app_id;
  Col<&SetTransaction::version, IntArrayView> version;
  Col<&SetTransaction::last_updated, IntArrayView> last_updated;

  Status ResolveColumns() { return ResolveAll(action, app_id, version, last_updated); }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    SetTransaction t;
    DELTA_ASSIGN_OR_RETURN(std::string_view app, Required(app_id, i, ctx, kAction));
    t.app_id = std::string(app);
    DELTA_ASSIGN_OR_RETURN(t.version, Required(version, i, ctx, kAction));
    t.last_updated = last_updated.Get(i);
    ctx.out->txns.push_back(std::move(t));
    return Status::OK();
  }
};

struct DomainMetadataColumns : ActionColumns<as::kDomainMetadata, DomainMetadataColumns> {
  Col<&DomainMetadata::domain, StringArrayView> domain;
  Col<&DomainMetadata::configuration, StringArrayView> configuration;
  Col<&DomainMetadata::removed, BoolArrayView> removed;

  Status ResolveColumns() { return ResolveAll(action, domain, configuration, removed); }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    DomainMetadata d;
    DELTA_ASSIGN_OR_RETURN(std::string_view v, Required(domain, i, ctx, kAction));
    d.domain = std::string(v);
    DELTA_ASSIGN_OR_RETURN(v, Required(configuration, i, ctx, kAction));
    d.configuration = std::string(v);
    DELTA_ASSIGN_OR_RETURN(d.removed, Required(removed, i, ctx, kAction));
    ctx.out->domain_metadata.push_back(std::move(d));
    return Status::OK();
  }
};

struct CheckpointMetadataColumns
    : ActionColumns<as::kCheckpointMetadata, CheckpointMetadataColumns> {
  Col<&CheckpointMetadata::version, IntArrayView> version;
  Col<&CheckpointMetadata::tags, MapArrayView> tags;

  Status ResolveColumns() { return ResolveAll(action, version, tags); }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    if (ctx.out->checkpoint_metadata.has_value()) {
      return ctx.Invalid(kAction, i,
                         "the checkpoint holds more than one checkpointMetadata action");
    }
    CheckpointMetadata m;
    DELTA_ASSIGN_OR_RETURN(m.version, Required(version, i, ctx, kAction));
    DELTA_ASSIGN_OR_RETURN(m.tags, OwnedMap(tags, i, ctx, kAction, tags.kName));
    ctx.out->checkpoint_metadata = std::move(m);
    return Status::OK();
  }
};

struct SidecarColumns : ActionColumns<as::kSidecar, SidecarColumns> {
  Col<&SidecarFile::path, StringArrayView> path;
  Col<&SidecarFile::size_in_bytes, IntArrayView> size_in_bytes;
  Col<&SidecarFile::modification_time, IntArrayView> modification_time;

  Status ResolveColumns() { return ResolveAll(action, path, size_in_bytes, modification_time); }

  Status Decode(int64_t i, const DecodeContext& ctx) const {
    SidecarFile s;
    DELTA_ASSIGN_OR_RETURN(std::string_view p, CheckedPath(path, i, ctx, kAction));
    s.path = std::string(p);
    DELTA_ASSIGN_OR_RETURN(s.size_in_bytes, Required(size_in_bytes, i, ctx, kAction));
    DELTA_ASSIGN_OR_RETURN(s.modification_time, Required(modification_time, i, ctx, kAction));
    ctx.out->sidecars.push_back(std::move(s));
    return Status::OK();
  }
};

}  // namespace

Status CheckpointStreamError(ArrowArrayStream* stream, int rc, std::string_view file) {
  const char* detail = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
  std::string msg = "reading checkpoint file " + std::string(file) + ": " +
                    (detail ? std::string(detail) : "Arrow stream error " + std::to_string(rc));
  // Arrow maps invalid data to EINVAL; anything else is treated as an I/O failure.
  if (rc == EINVAL) return Status::InvalidTable(std::move(msg));
  return Status::IoError(std::move(msg));
}

namespace {

// View errors name the column; this adds the file.
template <typename T>
Result<T> InFile(Result<T> r, std::string_view file) {
  if (!r.ok()) return r.status().WithContext("checkpoint file " + std::string(file));
  return r;
}

}  // namespace

Status DecodeCheckpointBatch(const ArrowSchema& schema, const ArrowArray& array, ActionBatch* out,
                             std::string_view file_for_errors, int64_t first_row, bool borrow_stats,
                             const std::vector<RowRange>* row_ranges) {
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

  const DecodeContext ctx{out, file, first_row, borrow_stats, row_ranges};
  // Each column is decoded independently, so a row holding several actions yields them all.
  const int64_t n = root.length();
  int64_t adds = 0;
  for (int64_t i = 0; i < n; ++i) adds += add.action.IsNull(i) ? 0 : 1;
  out->adds.reserve(out->adds.size() + static_cast<size_t>(adds));
  for (int64_t i = 0; i < n; ++i) {
    if (!add.action.IsNull(i)) DELTA_RETURN_NOT_OK(add.Decode(i, ctx));
    if (!remove.action.IsNull(i)) DELTA_RETURN_NOT_OK(remove.Decode(i, ctx));
    if (!metadata.action.IsNull(i)) DELTA_RETURN_NOT_OK(metadata.Decode(i, ctx));
    if (!protocol.action.IsNull(i)) DELTA_RETURN_NOT_OK(protocol.Decode(i, ctx));
    if (!txn.action.IsNull(i)) DELTA_RETURN_NOT_OK(txn.Decode(i, ctx));
    if (!domain.action.IsNull(i)) DELTA_RETURN_NOT_OK(domain.Decode(i, ctx));
    if (!ckpt_meta.action.IsNull(i)) DELTA_RETURN_NOT_OK(ckpt_meta.Decode(i, ctx));
    if (!sidecar.action.IsNull(i)) DELTA_RETURN_NOT_OK(sidecar.Decode(i, ctx));
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
  // Row groups that hold none of the wanted actions (their null counts say so) are left out.
  ParquetReadOptions options;
  options.predicate = CheckpointRowGroupPredicate(actions);
  if (options.predicate != nullptr) {
    ParquetReadInfo info;
    DELTA_ASSIGN_OR_RETURN(r.stream_,
                           engine.parquet().ReadFiltered(file, read_schema.get(), options, &info));
    r.row_ranges_ = std::move(info.row_ranges);
  } else {
    DELTA_ASSIGN_OR_RETURN(r.stream_, engine.parquet().Read(file, read_schema.get()));
  }
  if (!r.stream_.valid()) {
    return Status::Internal("Parquet reader returned no stream for " + file.location);
  }
  ArrowSchema raw_schema;
  raw_schema.release = nullptr;
  if (int rc = r.stream_->get_schema(r.stream_.get(), &raw_schema); rc != 0) {
    return CheckpointStreamError(r.stream_.get(), rc, file.location);
  }
  r.schema_ = ArrowSchemaHandle(&raw_schema);
  return r;
}

Result<bool> CheckpointFileReader::Next(ActionBatch* out, ArrowArrayHandle* batch_out) {
  if (!stream_.valid()) return false;
  ArrowArray raw_array;
  raw_array.release = nullptr;
  if (int rc = stream_->get_next(stream_.get(), &raw_array); rc != 0) {
    return CheckpointStreamError(stream_.get(), rc, location_);
  }
  if (raw_array.release == nullptr) {  // end of stream: let go of the file now
    stream_ = ArrowStreamHandle();
    return false;
  }
  ArrowArrayHandle batch(&raw_array);
  DELTA_RETURN_NOT_OK(DecodeCheckpointBatch(*schema_.get(), *batch.get(), out, location_, row_,
                                            batch_out != nullptr,
                                            row_ranges_ ? &*row_ranges_ : nullptr));
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
