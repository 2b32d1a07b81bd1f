#include "protocol/action_batch.h"

#include <iterator>
#include <span>
#include <string>
#include <type_traits>
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

// Copies of file-action views into `arena`: partition values or tags.
template <typename Entry>
std::span<const Entry> Copy(std::span<const Entry> from, Arena& arena) {
  std::span<Entry> to = arena.AllocateArray<Entry>(from.size());
  for (size_t i = 0; i < from.size(); ++i) {
    if constexpr (std::is_same_v<Entry, PartitionValue>) {
      to[i].column = arena.Copy(from[i].column);
    } else {
      to[i].key = arena.Copy(from[i].key);
    }
    if (from[i].value) to[i].value = arena.Copy(*from[i].value);
  }
  return to;
}

const DeletionVectorDescriptor* Copy(const DeletionVectorDescriptor* from, Arena& arena) {
  if (from == nullptr) return nullptr;
  auto* to = arena.New<DeletionVectorDescriptor>(*from);
  to->path_or_inline = arena.Copy(from->path_or_inline);
  return to;
}

// The views add and remove share (path, partition values, stats, tags, DV), copied into `arena`.
template <typename FileAction>
FileAction CopyFileViews(const FileAction& from, Arena& arena) {
  FileAction f = from;
  f.path = arena.Copy(from.path);
  f.partition_values = Copy(from.partition_values, arena);
  f.stats = arena.Copy(from.stats);
  f.tags = Copy(from.tags, arena);
  f.deletion_vector = Copy(from.deletion_vector, arena);
  return f;
}

}  // namespace

AddFile& ActionBatch::AppendAdd(const AddFile& add) {
  AddFile f = CopyFileViews(add, arena);
  f.clustering_provider = arena.Copy(add.clustering_provider);
  file_action_order.push_back(static_cast<int32_t>(adds.size()));
  return adds.emplace_back(f);
}

RemoveFile& ActionBatch::AppendRemove(const RemoveFile& remove) {
  RemoveFile f = CopyFileViews(remove, arena);
  file_action_order.push_back(-static_cast<int32_t>(removes.size()) - 1);
  return removes.emplace_back(f);
}

AddCdcFile& ActionBatch::AppendCdc(const AddCdcFile& cdc) {
  AddCdcFile f = cdc;
  f.path = arena.Copy(cdc.path);
  f.partition_values = Copy(cdc.partition_values, arena);
  f.tags = Copy(cdc.tags, arena);
  return cdcs.emplace_back(f);
}

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
