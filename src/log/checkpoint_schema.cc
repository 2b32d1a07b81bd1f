#include "log/checkpoint_schema.h"

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "delta/schema.h"
#include "delta/schema_from_arrow.h"
#include "protocol/action_schema.h"

namespace delta {
namespace {

namespace as = action_schema;
using F = ArrowField;

// How a field's nullability is chosen: a read schema accepts anything (a checkpoint row holds
// one action, and writers may omit optional columns); a write schema says what the protocol
// requires.
enum class Mode { kRead, kWrite };

bool Nullable(bool required, Mode mode) { return mode == Mode::kRead || !required; }

ArrowField Leaf(std::string name, as::FieldType type, bool nullable) {
  switch (type) {
    case as::FieldType::kString:
      return F::String(std::move(name), nullable);
    case as::FieldType::kLong:
      return F::Int64(std::move(name), nullable);
    case as::FieldType::kInt:
      return F::Int32(std::move(name), nullable);
    case as::FieldType::kBoolean:
      return F::Bool(std::move(name), nullable);
    case as::FieldType::kStringMap:
      return F::StringMap(std::move(name), nullable);
    case as::FieldType::kStringList:
      return F::List(std::move(name), F::String("element"), nullable);
    case as::FieldType::kStruct:
      break;  // structs are built from their fields below
  }
  return F::Struct(std::move(name), {}, nullable);
}

template <typename Fields>
std::vector<ArrowField> Children(const Fields& fields, Mode mode);

template <typename Field>
ArrowField ToArrow(const Field& f, Mode mode) {
  const bool nullable = Nullable(f.required, mode);
  if constexpr (requires { f.nested; }) {
    return F::Struct(std::string(f.name), Children(f.nested.fields, mode), nullable);
  } else if constexpr (requires { f.fields; }) {
    return F::Struct(std::string(f.name), Children(f.fields, mode), nullable);
  } else {
    return Leaf(std::string(f.name), f.type, nullable);
  }
}

template <typename Fields>
std::vector<ArrowField> Children(const Fields& fields, Mode mode) {
  std::vector<ArrowField> out;
  std::apply([&](const auto&... f) { (out.push_back(ToArrow(f, mode)), ...); }, fields);
  return out;
}

bool Wanted(const CheckpointActionSet& actions, std::string_view column) {
  if (column == kCheckpointTxnColumn) return actions.txn;
  if (column == kCheckpointAddColumn) return actions.add;
  if (column == kCheckpointRemoveColumn) return actions.remove;
  if (column == kCheckpointMetadataColumn) return actions.metadata;
  if (column == kCheckpointProtocolColumn) return actions.protocol;
  if (column == kCheckpointDomainMetadataColumn) return actions.domain_metadata;
  if (column == kCheckpointCheckpointMetadataColumn) return actions.checkpoint_metadata;
  if (column == kCheckpointSidecarColumn) return actions.sidecar;
  return false;
}

ArrowField Build(const CheckpointActionSet& actions, Mode mode) {
  std::vector<ArrowField> columns;
  as::ForEachCheckpointAction([&](const auto& schema) {
    if (!Wanted(actions, schema.name)) return;
    // An action column is null in every row that holds another action.
    columns.push_back(F::Struct(std::string(schema.name), Children(schema.fields, mode)));
  });
  // The top level is a record batch: a non-nullable, unnamed struct.
  return F::Struct("", std::move(columns), /*nullable=*/false);
}

}  // namespace

ArrowField CheckpointReadSchema(const CheckpointActionSet& actions) {
  return Build(actions, Mode::kRead);
}

ArrowField CheckpointWriteSchema(const CheckpointActionSet& actions) {
  return Build(actions, Mode::kWrite);
}

Result<std::string> CheckpointSchemaJson(const ArrowField& schema) {
  ArrowSchemaHandle exported = schema.Export();
  DELTA_ASSIGN_OR_RETURN(std::shared_ptr<const StructType> type, SchemaFromArrow(*exported.get()));
  return type->ToJson();
}

}  // namespace delta
