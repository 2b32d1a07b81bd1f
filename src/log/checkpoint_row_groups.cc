#include "log/checkpoint_row_groups.h"

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "protocol/action_schema.h"

namespace delta {
namespace {

TypeKind KindOf(action_schema::FieldType t) {
  switch (t) {
    case action_schema::FieldType::kLong:
      return TypeKind::kLong;
    case action_schema::FieldType::kInt:
      return TypeKind::kInteger;
    default:
      return TypeKind::kString;
  }
}

// `<action>.<first field> IS NOT NULL`, bound: the first field of every action is required, so
// it is null exactly where the action is.
template <typename S>
ExprPtr KeyNotNull(const S& schema) {
  const auto& key = std::get<0>(schema.fields);
  static_assert(S::kSize > 0);
  auto column = std::make_shared<Expression>();
  column->kind = ExprKind::kColumn;
  column->path = {std::string(schema.name), std::string(key.name)};
  column->physical_path = column->path;
  column->type = PrimitiveType::Make(KindOf(key.type));
  return expr::IsNotNull(std::move(column));
}

}  // namespace

ExprPtr CheckpointRowGroupPredicate(const CheckpointActionSet& a) {
  namespace s = action_schema;
  std::vector<ExprPtr> any;
  if (a.add) any.push_back(KeyNotNull(s::kAdd));
  if (a.remove) any.push_back(KeyNotNull(s::kRemove));
  if (a.metadata) any.push_back(KeyNotNull(s::kMetadata));
  if (a.protocol) any.push_back(KeyNotNull(s::kProtocol));
  if (a.txn) any.push_back(KeyNotNull(s::kTxn));
  if (a.domain_metadata) any.push_back(KeyNotNull(s::kDomainMetadata));
  if (a.checkpoint_metadata) any.push_back(KeyNotNull(s::kCheckpointMetadata));
  if (a.sidecar) any.push_back(KeyNotNull(s::kSidecar));
  if (any.size() == 8) return nullptr;
  return expr::Or(std::move(any));
}

}  // namespace delta
