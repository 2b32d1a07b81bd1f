// Typed actions as rows of Arrow struct builders laid out by the kernel's checkpoint write
// schema (log/checkpoint_schema.h). Both come from protocol/action_schema.h: field i of an
// action's table is child i of its struct, so no field list is repeated here. (This is the
// shape the kernel's own checkpoint writer will take.)
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <arrow/api.h>

#include "protocol/action_schema.h"

namespace delta::gen {

namespace rows {

namespace as = delta::action_schema;

template <typename Entries>
arrow::Status AppendEntries(const Entries& entries, arrow::ArrayBuilder* b) {
  auto* map = static_cast<arrow::MapBuilder*>(b);
  ARROW_RETURN_NOT_OK(map->Append());
  auto* keys = static_cast<arrow::StringBuilder*>(map->key_builder());
  auto* items = static_cast<arrow::StringBuilder*>(map->item_builder());
  for (const auto& e : entries) {
    if constexpr (std::is_same_v<std::decay_t<decltype(e)>, PartitionValue>) {
      ARROW_RETURN_NOT_OK(keys->Append(e.column.data(), static_cast<int32_t>(e.column.size())));
    } else if constexpr (std::is_same_v<std::decay_t<decltype(e)>, KeyValue>) {
      ARROW_RETURN_NOT_OK(keys->Append(e.key.data(), static_cast<int32_t>(e.key.size())));
    } else {
      ARROW_RETURN_NOT_OK(keys->Append(e.first));
    }
    if constexpr (requires { e.value; }) {
      ARROW_RETURN_NOT_OK(
          e.value ? items->Append(e.value->data(), static_cast<int32_t>(e.value->size()))
                  : items->AppendNull());
    } else {
      ARROW_RETURN_NOT_OK(items->Append(e.second));
    }
  }
  return arrow::Status::OK();
}

template <typename M>
arrow::Status AppendValue(as::FieldType type, const M& m, arrow::ArrayBuilder* b) {
  if constexpr (as::kIsOptional<M>) {
    return AppendValue(type, *m, b);
  } else if constexpr (std::is_same_v<M, std::string_view> || std::is_same_v<M, std::string>) {
    return static_cast<arrow::StringBuilder*>(b)->Append(m.data(), static_cast<int32_t>(m.size()));
  } else if constexpr (std::is_same_v<M, bool>) {
    return static_cast<arrow::BooleanBuilder*>(b)->Append(m);
  } else if constexpr (std::is_integral_v<M>) {
    if (type == as::FieldType::kInt) {
      return static_cast<arrow::Int32Builder*>(b)->Append(static_cast<int32_t>(m));
    }
    return static_cast<arrow::Int64Builder*>(b)->Append(m);
  } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
    auto* list = static_cast<arrow::ListBuilder*>(b);
    ARROW_RETURN_NOT_OK(list->Append());
    auto* values = static_cast<arrow::StringBuilder*>(list->value_builder());
    for (const std::string& s : m) ARROW_RETURN_NOT_OK(values->Append(s));
    return arrow::Status::OK();
  } else {
    return AppendEntries(m, b);  // partition values, tags, string maps
  }
}

template <typename Owner, typename... Fields>
arrow::Status AppendFields(const std::tuple<Fields...>& fields, const Owner& o,
                           arrow::StructBuilder* b);

template <typename Owner, typename M>
arrow::Status AppendField(const as::MemberField<Owner, M>& f, const Owner& o,
                          arrow::ArrayBuilder* b) {
  if (!as::IsWritten(f, o)) return b->AppendNull();
  return AppendValue(f.type, o.*f.member, b);
}

template <typename Owner>
arrow::Status AppendField(const as::UnmappedField& f, const Owner&, arrow::ArrayBuilder* b) {
  return f.write_empty ? static_cast<arrow::MapBuilder*>(b)->Append() : b->AppendNull();
}

template <typename Owner, typename... Fields>
arrow::Status AppendField(const as::InlineStruct<Fields...>& f, const Owner& o,
                          arrow::ArrayBuilder* b) {
  auto* s = static_cast<arrow::StructBuilder*>(b);
  ARROW_RETURN_NOT_OK(s->Append());
  return AppendFields(f.fields, o, s);
}

template <typename Owner, typename Nested>
arrow::Status AppendField(
    const as::PointerStruct<Owner, const DeletionVectorDescriptor*, Nested>& f, const Owner& o,
    arrow::ArrayBuilder* b) {
  const DeletionVectorDescriptor* dv = o.*f.member;
  if (dv == nullptr) return b->AppendNull();
  auto* s = static_cast<arrow::StructBuilder*>(b);
  ARROW_RETURN_NOT_OK(s->Append());
  return AppendFields(f.nested.fields, as::RawOf(*dv), s);
}

template <typename Owner, typename... Fields>
arrow::Status AppendFields(const std::tuple<Fields...>& fields, const Owner& o,
                           arrow::StructBuilder* b) {
  return [&]<size_t... I>(std::index_sequence<I...>) {
    arrow::Status st;
    ((st.ok() ? (st = AppendField(std::get<I>(fields), o, b->field_builder(static_cast<int>(I))), 0)
              : 0),
     ...);
    return st;
  }
  (std::index_sequence_for<Fields...>{});
}

}  // namespace rows

/// Appends `action` as one non-null value of `builder`, the struct builder of `schema`'s column.
template <typename S>
arrow::Status AppendActionRow(const S& schema, const typename S::Type& action,
                              arrow::StructBuilder* builder) {
  ARROW_RETURN_NOT_OK(builder->Append());
  return rows::AppendFields(schema.fields, action, builder);
}

}  // namespace delta::gen
