#include "protocol/action_batch.h"

#include <iterator>
#include <string>
#include <utility>

namespace delta {

namespace {

template <typename T>
void AppendAll(std::vector<T>& from, std::vector<T>* into) {
  if (into->empty()) {
    *into = std::move(from);
    return;
  }
  into->insert(into->end(), std::make_move_iterator(from.begin()),
               std::make_move_iterator(from.end()));
}

}  // namespace

Status AppendActionBatch(ActionBatch&& from, std::string_view file, ActionBatch* into) {
  if (from.protocol && into->protocol) {
    return Status::InvalidTable("more than one protocol action in one version (" +
                                std::string(file) + ")");
  }
  if (from.metadata && into->metadata) {
    return Status::InvalidTable("more than one metaData action in one version (" +
                                std::string(file) + ")");
  }
  // File order: adds are numbered i >= 0, removes -i - 1; shift `from`'s past `into`'s.
  const auto adds = static_cast<int32_t>(into->adds.size());
  const auto removes = static_cast<int32_t>(into->removes.size());
  into->file_action_order.reserve(into->file_action_order.size() + from.file_action_order.size());
  for (int32_t e : from.file_action_order) {
    into->file_action_order.push_back(e >= 0 ? e + adds : e - removes);
  }
  AppendAll(from.adds, &into->adds);
  AppendAll(from.removes, &into->removes);
  AppendAll(from.cdcs, &into->cdcs);
  AppendAll(from.txns, &into->txns);
  AppendAll(from.domain_metadata, &into->domain_metadata);
  AppendAll(from.sidecars, &into->sidecars);
  if (from.protocol) into->protocol = std::move(from.protocol);
  if (from.metadata) into->metadata = std::move(from.metadata);
  if (from.commit_info) into->commit_info = std::move(from.commit_info);
  if (from.checkpoint_metadata) into->checkpoint_metadata = std::move(from.checkpoint_metadata);
  into->arena.Absorb(std::move(from.arena));
  return Status::OK();
}

}  // namespace delta
