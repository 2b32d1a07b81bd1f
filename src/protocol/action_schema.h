// The Delta action schema (PROTOCOL.md, "Actions"), written once. Each action has one table:
// per field its protocol name, its type, whether the protocol requires it, and the member of
// the typed action (delta/actions.h) that holds it. The JSON decoder and encoder
// (action_json.cc), the checkpoint read and write schemas (log/checkpoint_schema.cc) and the
// checkpoint decoder's column names (log/checkpoint_decoder.cc) are all driven by these tables.
//
// The tables are constexpr tuples of member pointers, so a misspelt member is a compile error
// and a codec can dispatch on a key with a fold over the fields (an if-chain, no lookup table).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "delta/actions.h"
#include "dv/descriptor.h"

namespace delta::action_schema {

/// A field's type in the protocol's terms (and so in the checkpoint's Parquet schema).
enum class FieldType : uint8_t {
  kString,
  kLong,
  kInt,
  kBoolean,
  kStringMap,   ///< Map[String, String], values nullable
  kStringList,  ///< Array[String]
  kStruct,
};

inline constexpr bool kRequired = true;
inline constexpr bool kOptional = false;

// Which member types may hold a field of each type.
template <FieldType T, typename M>
inline constexpr bool kFits = false;
template <typename M>
inline constexpr bool kFits<FieldType::kString, M> =
    std::is_same_v<M, std::string_view> || std::is_same_v<M, std::string> ||
    std::is_same_v<M, std::optional<std::string>>;
template <typename M>
inline constexpr bool kFits<FieldType::kLong, M> =
    std::is_same_v<M, int64_t> || std::is_same_v<M, std::optional<int64_t>>;
// Int fields are read as longs (JSON has one number type), so a wider member is fine.
template <typename M>
inline constexpr bool kFits<FieldType::kInt, M> =
    std::is_same_v<M, int32_t> || kFits<FieldType::kLong, M>;
template <typename M>
inline constexpr bool kFits<FieldType::kBoolean, M> =
    std::is_same_v<M, bool> || std::is_same_v<M, std::optional<bool>>;
template <typename M>
inline constexpr bool kFits<FieldType::kStringMap, M> =
    std::is_same_v<M, std::span<const PartitionValue>> ||
    std::is_same_v<M, std::span<const KeyValue>> ||
    std::is_same_v<M, std::map<std::string, std::string>>;
template <typename M>
inline constexpr bool kFits<FieldType::kStringList, M> =
    std::is_same_v<M, std::vector<std::string>> ||
    std::is_same_v<M, std::optional<std::vector<std::string>>>;

/// A scalar, map or list field kept in `Owner::*member`.
template <typename Owner, typename Member>
struct MemberField {
  using OwnerType = Owner;
  using MemberType = Member;
  std::string_view name;
  FieldType type;
  bool required;
  Member Owner::*member;
  /// For an optional field: written even when empty if this says so (e.g. a remove's
  /// partitionValues under extendedFileMetadata). Null: written only when not empty.
  bool (*keep_empty)(const Owner&) = nullptr;
};

/// A protocol field the typed action does not keep: in the checkpoint schemas, skipped by the
/// decoders. Writers leave it out, or write it empty (a string map: {}) with `write_empty`.
struct UnmappedField {
  std::string_view name;
  FieldType type;
  bool required;
  bool write_empty = false;
};

/// A nested struct whose fields are members of the enclosing action itself (metaData.format).
template <typename... Fields>
struct InlineStruct {
  std::string_view name;
  bool required;
  std::tuple<Fields...> fields;
  static constexpr FieldType type = FieldType::kStruct;
};

/// A nested struct held behind a pointer member and described by its own table
/// (deletionVector: a `const DeletionVectorDescriptor*`, decoded through the raw descriptor).
template <typename Owner, typename Member, typename Nested>
struct PointerStruct {
  using OwnerType = Owner;
  std::string_view name;
  bool required;
  Member Owner::*member;
  Nested nested;
  static constexpr FieldType type = FieldType::kStruct;
};

/// The table of one action (or nested struct) whose typed form is `T`.
template <typename T, typename... Fields>
struct Schema {
  using Type = T;
  std::string_view name;  ///< the action's key in JSON, its column in a checkpoint
  std::tuple<Fields...> fields;
  static constexpr size_t kSize = sizeof...(Fields);
};

template <FieldType kType, typename Owner, typename Member>
constexpr MemberField<Owner, Member> Field(std::string_view name, bool required,
                                           Member Owner::*member,
                                           bool (*keep_empty)(const Owner&) = nullptr) {
  static_assert(kFits<kType, Member>, "the member's type does not hold this field type");
  return {name, kType, required, member, keep_empty};
}

template <typename... Fields>
constexpr InlineStruct<Fields...> Inline(std::string_view name, bool required, Fields... fields) {
  return {name, required, {fields...}};
}

template <typename Owner, typename Member, typename Nested>
constexpr PointerStruct<Owner, Member, Nested> Pointer(std::string_view name, bool required,
                                                       Member Owner::*member, Nested nested) {
  return {name, required, member, nested};
}

template <typename T, typename... Fields>
constexpr Schema<T, Fields...> MakeSchema(std::string_view name, Fields... fields) {
  static_assert(sizeof...(Fields) <= 32, "codecs track seen fields in 32 bits");
  return {name, {fields...}};
}

// --- the tables (field order is the protocol's, and that of checkpoints and written JSON) ---

using RawDv = RawDeletionVectorDescriptor;
inline constexpr auto kDeletionVector = MakeSchema<RawDv>(
    "deletionVector", Field<FieldType::kString>("storageType", kRequired, &RawDv::storage_type),
    Field<FieldType::kString>("pathOrInlineDv", kRequired, &RawDv::path_or_inline),
    Field<FieldType::kInt>("offset", kOptional, &RawDv::offset),
    Field<FieldType::kInt>("sizeInBytes", kRequired, &RawDv::size_in_bytes),
    Field<FieldType::kLong>("cardinality", kRequired, &RawDv::cardinality));

inline constexpr auto kAdd = MakeSchema<AddFile>(
    "add", Field<FieldType::kString>("path", kRequired, &AddFile::path),
    Field<FieldType::kStringMap>("partitionValues", kRequired, &AddFile::partition_values),
    Field<FieldType::kLong>("size", kRequired, &AddFile::size),
    Field<FieldType::kLong>("modificationTime", kRequired, &AddFile::modification_time),
    Field<FieldType::kBoolean>("dataChange", kRequired, &AddFile::data_change),
    Field<FieldType::kString>("stats", kOptional, &AddFile::stats),
    Field<FieldType::kStringMap>("tags", kOptional, &AddFile::tags),
    Pointer("deletionVector", kOptional, &AddFile::deletion_vector, kDeletionVector),
    Field<FieldType::kLong>("baseRowId", kOptional, &AddFile::base_row_id),
    Field<FieldType::kLong>("defaultRowCommitVersion", kOptional,
                            &AddFile::default_row_commit_version),
    Field<FieldType::kString>("clusteringProvider", kOptional, &AddFile::clustering_provider));

// extendedFileMetadata promises partitionValues, size and tags are present.
inline constexpr bool RemoveHasExtendedMetadata(const RemoveFile& r) {
  return r.extended_file_metadata;
}

inline constexpr auto kRemove = MakeSchema<RemoveFile>(
    "remove", Field<FieldType::kString>("path", kRequired, &RemoveFile::path),
    Field<FieldType::kLong>("deletionTimestamp", kOptional, &RemoveFile::deletion_timestamp),
    Field<FieldType::kBoolean>("dataChange", kRequired, &RemoveFile::data_change),
    Field<FieldType::kBoolean>("extendedFileMetadata", kOptional,
                               &RemoveFile::extended_file_metadata),
    Field<FieldType::kStringMap>("partitionValues", kOptional, &RemoveFile::partition_values,
                                 &RemoveHasExtendedMetadata),
    Field<FieldType::kLong>("size", kOptional, &RemoveFile::size),
    Field<FieldType::kString>("stats", kOptional, &RemoveFile::stats),
    Field<FieldType::kStringMap>("tags", kOptional, &RemoveFile::tags),
    Pointer("deletionVector", kOptional, &RemoveFile::deletion_vector, kDeletionVector),
    Field<FieldType::kLong>("baseRowId", kOptional, &RemoveFile::base_row_id),
    Field<FieldType::kLong>("defaultRowCommitVersion", kOptional,
                            &RemoveFile::default_row_commit_version));

inline constexpr auto kCdc = MakeSchema<AddCdcFile>(
    "cdc", Field<FieldType::kString>("path", kRequired, &AddCdcFile::path),
    Field<FieldType::kStringMap>("partitionValues", kRequired, &AddCdcFile::partition_values),
    Field<FieldType::kLong>("size", kRequired, &AddCdcFile::size),
    Field<FieldType::kBoolean>("dataChange", kRequired, &AddCdcFile::data_change),
    Field<FieldType::kStringMap>("tags", kOptional, &AddCdcFile::tags));

/// A `keep_empty` for optional fields that reference writers always write (format.options,
/// checkpointMetadata.tags), which some readers expect.
template <typename T>
constexpr bool Always(const T&) {
  return true;
}

inline constexpr auto kMetadata = MakeSchema<Metadata>(
    "metaData", Field<FieldType::kString>("id", kRequired, &Metadata::id),
    Field<FieldType::kString>("name", kOptional, &Metadata::name),
    Field<FieldType::kString>("description", kOptional, &Metadata::description),
    Inline("format", kRequired,
           Field<FieldType::kString>("provider", kRequired, &Metadata::format_provider),
           Field<FieldType::kStringMap>("options", kOptional, &Metadata::format_options,
                                        &Always<Metadata>)),
    Field<FieldType::kString>("schemaString", kRequired, &Metadata::schema_string),
    Field<FieldType::kStringList>("partitionColumns", kRequired, &Metadata::partition_columns),
    Field<FieldType::kStringMap>("configuration", kRequired, &Metadata::configuration),
    Field<FieldType::kLong>("createdTime", kOptional, &Metadata::created_time));

inline constexpr auto kProtocol = MakeSchema<Protocol>(
    "protocol",
    Field<FieldType::kInt>("minReaderVersion", kRequired, &Protocol::min_reader_version),
    Field<FieldType::kInt>("minWriterVersion", kRequired, &Protocol::min_writer_version),
    Field<FieldType::kStringList>("readerFeatures", kOptional, &Protocol::reader_features),
    Field<FieldType::kStringList>("writerFeatures", kOptional, &Protocol::writer_features));

inline constexpr auto kTxn = MakeSchema<SetTransaction>(
    "txn", Field<FieldType::kString>("appId", kRequired, &SetTransaction::app_id),
    Field<FieldType::kLong>("version", kRequired, &SetTransaction::version),
    Field<FieldType::kLong>("lastUpdated", kOptional, &SetTransaction::last_updated));

inline constexpr auto kDomainMetadata = MakeSchema<DomainMetadata>(
    "domainMetadata", Field<FieldType::kString>("domain", kRequired, &DomainMetadata::domain),
    Field<FieldType::kString>("configuration", kRequired, &DomainMetadata::configuration),
    Field<FieldType::kBoolean>("removed", kRequired, &DomainMetadata::removed));

inline constexpr auto kCheckpointMetadata = MakeSchema<CheckpointMetadata>(
    "checkpointMetadata",
    Field<FieldType::kLong>("version", kRequired, &CheckpointMetadata::version),
    Field<FieldType::kStringMap>("tags", kOptional, &CheckpointMetadata::tags,
                                 &Always<CheckpointMetadata>));

inline constexpr auto kSidecar = MakeSchema<SidecarFile>(
    "sidecar", Field<FieldType::kString>("path", kRequired, &SidecarFile::path),
    Field<FieldType::kLong>("sizeInBytes", kRequired, &SidecarFile::size_in_bytes),
    Field<FieldType::kLong>("modificationTime", kRequired, &SidecarFile::modification_time),
    UnmappedField{"tags", FieldType::kStringMap, kOptional, /*write_empty=*/true});

// commitInfo is free-form: these are the fields the kernel types (CommitInfo::json keeps the
// rest). Only the encoder uses this table; the decoder is deliberately lenient
// (ParseCommitInfoJson).
inline constexpr auto kCommitInfo = MakeSchema<CommitInfo>(
    "commitInfo", Field<FieldType::kLong>("timestamp", kOptional, &CommitInfo::timestamp),
    Field<FieldType::kLong>("inCommitTimestamp", kOptional, &CommitInfo::in_commit_timestamp),
    Field<FieldType::kString>("operation", kOptional, &CommitInfo::operation),
    Field<FieldType::kStringMap>("operationParameters", kOptional,
                                 &CommitInfo::operation_parameters),
    Field<FieldType::kLong>("readVersion", kOptional, &CommitInfo::read_version),
    Field<FieldType::kString>("isolationLevel", kOptional, &CommitInfo::isolation_level),
    Field<FieldType::kBoolean>("isBlindAppend", kOptional, &CommitInfo::is_blind_append),
    Field<FieldType::kString>("engineInfo", kOptional, &CommitInfo::engine_info));

/// Calls `fn` with each action table that a checkpoint may hold, in the checkpoint's column
/// order (that of the reference writer).
template <typename Fn>
constexpr void ForEachCheckpointAction(Fn&& fn) {
  fn(kTxn);
  fn(kAdd);
  fn(kRemove);
  fn(kMetadata);
  fn(kProtocol);
  fn(kDomainMetadata);
  fn(kCheckpointMetadata);
  fn(kSidecar);
}

// --- what a writer writes (the JSON encoder and checkpoint writers alike) -------------------

template <typename T>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;

/// Whether a writer writes field `f` of `o`: an optional<> member when set (nullopt is absent
/// whatever the protocol says); otherwise required fields always, optional ones when not empty
/// (not their default, for a number or flag) or when `keep_empty` asks for them.
template <typename Owner, typename M>
constexpr bool IsWritten(const MemberField<Owner, M>& f, const Owner& o) {
  const M& m = o.*f.member;
  if constexpr (kIsOptional<M>) {
    return m.has_value();
  } else if constexpr (std::is_arithmetic_v<M>) {
    return f.required || m != M{};  // an optional flag's default (false) is its absence
  } else {
    return f.required || !m.empty() || (f.keep_empty != nullptr && f.keep_empty(o));
  }
}

/// The deletion vector as its table describes it (storageType as a one-letter string that
/// views `dv`).
inline RawDeletionVectorDescriptor RawOf(const DeletionVectorDescriptor& dv) {
  RawDeletionVectorDescriptor raw;
  raw.storage_type = std::string_view(&dv.storage_type, 1);
  raw.path_or_inline = dv.path_or_inline;
  raw.offset = dv.offset;
  raw.size_in_bytes = dv.size_in_bytes;
  raw.cardinality = dv.cardinality;
  return raw;
}

// --- compile-time lookups ------------------------------------------------------------------

/// Bit i of a codec's "seen" mask is field i of the table. The bit of the field `name`;
/// a name not in the table does not compile.
template <typename S>
consteval uint32_t FieldBit(const S& schema, std::string_view name) {
  uint32_t bit = 0;
  size_t i = 0;
  std::apply([&](const auto&... f) { ((f.name == name ? (bit = uint32_t{1} << i) : 0, ++i), ...); },
             schema.fields);
  if (bit == 0) throw "no such field in the action schema";
  return bit;
}

/// The mask of the table's required fields.
template <typename S>
consteval uint32_t RequiredBits(const S& schema) {
  uint32_t bits = 0;
  size_t i = 0;
  std::apply([&](const auto&... f) { ((bits |= f.required ? uint32_t{1} << i : 0, ++i), ...); },
             schema.fields);
  return bits;
}

namespace internal {

template <auto kMember, typename F>
constexpr void FindName(const F& f, std::string_view* out) {
  if constexpr (requires { f.member; }) {
    if constexpr (std::is_same_v<decltype(f.member), decltype(kMember)>) {
      if (f.member == kMember) *out = f.name;
    }
  } else if constexpr (requires { f.fields; }) {
    std::apply([&](const auto&... g) { (FindName<kMember>(g, out), ...); }, f.fields);
  }
}

constexpr const auto& SchemaOf(std::type_identity<AddFile>) { return kAdd; }
constexpr const auto& SchemaOf(std::type_identity<RemoveFile>) { return kRemove; }
constexpr const auto& SchemaOf(std::type_identity<AddCdcFile>) { return kCdc; }
constexpr const auto& SchemaOf(std::type_identity<Metadata>) { return kMetadata; }
constexpr const auto& SchemaOf(std::type_identity<Protocol>) { return kProtocol; }
constexpr const auto& SchemaOf(std::type_identity<SetTransaction>) { return kTxn; }
constexpr const auto& SchemaOf(std::type_identity<DomainMetadata>) { return kDomainMetadata; }
constexpr const auto& SchemaOf(std::type_identity<CheckpointMetadata>) {
  return kCheckpointMetadata;
}
constexpr const auto& SchemaOf(std::type_identity<SidecarFile>) { return kSidecar; }
constexpr const auto& SchemaOf(std::type_identity<RawDv>) { return kDeletionVector; }

template <typename>
struct MemberOwner;
template <typename Owner, typename Member>
struct MemberOwner<Member Owner::*> {
  using type = Owner;
};

}  // namespace internal

/// The protocol name of the field held in `kMember` (e.g. FieldName<&AddFile::path>() is
/// "path"); a member no table maps does not compile.
template <auto kMember>
consteval std::string_view FieldName() {
  using Owner = typename internal::MemberOwner<decltype(kMember)>::type;
  std::string_view name;
  std::apply([&](const auto&... f) { (internal::FindName<kMember>(f, &name), ...); },
             internal::SchemaOf(std::type_identity<Owner>{}).fields);
  if (name.empty()) throw "no field of the action schema maps this member";
  return name;
}

/// `name` itself, checked at compile time to be a field of `schema` (for fields no member
/// holds, such as a nested struct's own name).
template <typename S>
consteval std::string_view CheckedName(const S& schema, std::string_view name) {
  return FieldBit(schema, name) != 0 ? name : std::string_view();
}

}  // namespace delta::action_schema
