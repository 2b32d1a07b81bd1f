#include "log/checkpoint_rows.h"

#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "protocol/action_schema.h"

namespace delta {
namespace {

namespace as = action_schema;

template <typename Entries>
void AppendEntries(ArrowArrayBuilder& map, const Entries& entries) {
  ArrowArrayBuilder& kv = map.child(0);
  for (const auto& e : entries) {
    if constexpr (std::is_same_v<std::decay_t<decltype(e)>, PartitionValue>) {
      kv.child(0).AppendString(e.column);
    } else {
      kv.child(0).AppendString(e.key);
    }
    if (e.value) {
      kv.child(1).AppendString(*e.value);
    } else {
      kv.child(1).AppendNull();
    }
    kv.AppendValid();
  }
  map.AppendValid();
}

template <typename M>
void AppendValue(ArrowArrayBuilder& b, const M& m) {
  if constexpr (as::kIsOptional<M>) {
    AppendValue(b, *m);
  } else if constexpr (std::is_same_v<M, std::string_view> || std::is_same_v<M, std::string>) {
    b.AppendString(m);
  } else if constexpr (std::is_same_v<M, bool>) {
    b.AppendBool(m);
  } else if constexpr (std::is_integral_v<M>) {
    b.AppendInteger(static_cast<int64_t>(m));  // at the column's width (int or long)
  } else if constexpr (std::is_same_v<M, std::map<std::string, std::string>>) {
    ArrowArrayBuilder& kv = b.child(0);
    for (const auto& [k, v] : m) {
      kv.child(0).AppendString(k);
      kv.child(1).AppendString(v);
      kv.AppendValid();
    }
    b.AppendValid();
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    for (const std::string& s : m) b.child(0).AppendString(s);
    b.AppendValid();
  } else {
    AppendEntries(b, m);  // partition values or tags
  }
}

template <typename Owner, typename... Fields>
void AppendFields(ArrowArrayBuilder& b, const std::tuple<Fields...>& fields, const Owner& o);

template <typename Owner, typename M>
void AppendField(ArrowArrayBuilder& b, const as::MemberField<Owner, M>& f, const Owner& o) {
  if (!as::IsWritten(f, o)) return b.AppendNull();
  AppendValue(b, o.*f.member);
}

template <typename Owner>
void AppendField(ArrowArrayBuilder& b, const as::UnmappedField& f, const Owner&) {
  if (f.write_empty && f.type == as::FieldType::kStringMap) return b.AppendValid();
  b.AppendNull();
}

template <typename Owner, typename... Fields>
void AppendField(ArrowArrayBuilder& b, const as::InlineStruct<Fields...>& f, const Owner& o) {
  AppendFields(b, f.fields, o);
  b.AppendValid();
}

template <typename Owner, typename Nested>
void AppendField(ArrowArrayBuilder& b,
                 const as::PointerStruct<Owner, const DeletionVectorDescriptor*, Nested>& f,
                 const Owner& o) {
  const DeletionVectorDescriptor* dv = o.*f.member;
  if (dv == nullptr) return b.AppendNull();
  AppendFields(b, f.nested.fields, as::RawOf(*dv));
  b.AppendValid();
}

template <typename Owner, typename... Fields>
void AppendFields(ArrowArrayBuilder& b, const std::tuple<Fields...>& fields, const Owner& o) {
  size_t i = 0;
  std::apply([&](const auto&... f) { (AppendField(b.child(i++), f, o), ...); }, fields);
}

}  // namespace

namespace {

ArrowField WithParsedColumns(ArrowField schema, const CheckpointParsedColumns* parsed) {
  if (parsed == nullptr) return schema;
  for (ArrowField& column : schema.children) {
    if (column.name != as::kAdd.name) continue;
    for (const ArrowField& f : parsed->fields()) column.children.push_back(f);
  }
  return schema;
}

}  // namespace

CheckpointRowBuilder::CheckpointRowBuilder(const CheckpointActionSet& actions,
                                           std::shared_ptr<const CheckpointParsedColumns> parsed)
    : parsed_(std::move(parsed)),
      schema_(WithParsedColumns(CheckpointWriteSchema(actions), parsed_.get())),
      root_(std::make_unique<ArrowArrayBuilder>(schema_)) {}

template <typename S>
void CheckpointRowBuilder::AppendRow(const S& schema, const typename S::Type& action,
                                     const AddFile* parsed_from) {
  size_t c = last_column_;
  if (c >= root_->num_children() || root_->child(c).field().name != schema.name) {
    for (c = 0; c < root_->num_children(); ++c) {
      if (root_->child(c).field().name == schema.name) break;
    }
  }
  if (c < root_->num_children()) {
    last_column_ = c;
    ArrowArrayBuilder& column = root_->child(c);
    column.AppendNulls(rows_ - column.length());
    AppendFields(column, schema.fields, action);
    if constexpr (std::is_same_v<typename S::Type, AddFile>) {
      if (parsed_ != nullptr) {
        std::vector<ArrowArrayBuilder*> extra;
        for (size_t i = S::kSize; i < column.num_children(); ++i) extra.push_back(&column.child(i));
        parsed_->Append(*parsed_from, extra.data());
      }
    }
    column.AppendValid();
  }
  ++rows_;
}

void CheckpointRowBuilder::CatchUp() {
  for (size_t c = 0; c < root_->num_children(); ++c) {
    ArrowArrayBuilder& column = root_->child(c);
    column.AppendNulls(rows_ - column.length());
  }
  root_->AppendValids(rows_ - root_->length());
}

void CheckpointRowBuilder::Append(const AddFile& a, bool json_stats) {
  if (json_stats) return AppendRow(as::kAdd, a, &a);
  AddFile without = a;
  without.stats = {};
  AppendRow(as::kAdd, without, &a);  // the struct statistics still come from the JSON
}
void CheckpointRowBuilder::Append(const RemoveFile& r) {
  RemoveFile tombstone = r;
  tombstone.stats = {};
  tombstone.tags = {};
  AppendRow(as::kRemove, tombstone);
}
void CheckpointRowBuilder::Append(const Metadata& m) { AppendRow(as::kMetadata, m); }
void CheckpointRowBuilder::Append(const Protocol& p) { AppendRow(as::kProtocol, p); }
void CheckpointRowBuilder::Append(const SetTransaction& t) { AppendRow(as::kTxn, t); }
void CheckpointRowBuilder::Append(const DomainMetadata& d) { AppendRow(as::kDomainMetadata, d); }
void CheckpointRowBuilder::Append(const CheckpointMetadata& c) {
  AppendRow(as::kCheckpointMetadata, c);
}
void CheckpointRowBuilder::Append(const SidecarFile& s) { AppendRow(as::kSidecar, s); }

void CheckpointRowBuilder::TakeBatch(ArrowArray* out) {
  CatchUp();
  root_->Finish(out);
  rows_ = 0;
}

}  // namespace delta
