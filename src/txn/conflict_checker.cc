#include "txn/conflict_checker.h"

#include <simdjson.h>

#include <algorithm>
#include <set>
#include <span>
#include <utility>

#include "scan/data_skipping.h"
#include "scan/partition_pruning.h"
#include "scan/partition_values.h"
#include "util/printable.h"

namespace delta {

// A read predicate, bound once, with the stats columns data skipping needs.
struct ConflictChecker::Predicate {
  ExprPtr original;
  DataSkippingFilter filter;
};

namespace {

Status MakeConflict(ErrorDetailKind kind, int64_t version, std::string subject,
                    const std::string& what) {
  std::string message = "concurrent commit " + std::to_string(version) + " " + what;
  return Status::Conflict(std::move(message), ErrorDetail{kind, version, std::move(subject)});
}

// The isolation Spark checks with: a commit that changes no data (compaction) cannot make a
// concurrent reader's result wrong, so it is checked as SnapshotIsolation.
IsolationLevel EffectiveIsolation(const TransactionFootprint& footprint) {
  if (!footprint.writes.data_change) return IsolationLevel::kSnapshotIsolation;
  return footprint.isolation_level;
}

// Whether the winner's dataChange adds are checked against what we read. WriteSerializable
// lets blind appends through unless we changed the metadata (then our result depends on every
// file); SnapshotIsolation lets every append through.
bool ChecksAppends(const TransactionFootprint& footprint, const ActionBatch& winner) {
  switch (EffectiveIsolation(footprint)) {
    case IsolationLevel::kSerializable:
      return true;
    case IsolationLevel::kWriteSerializable: {
      bool blind = winner.commit_info && winner.commit_info->is_blind_append.value_or(false);
      return !blind || footprint.writes.metadata_changed;
    }
    case IsolationLevel::kSnapshotIsolation:
      return false;
  }
  return true;
}

}  // namespace

Result<ConflictChecker> ConflictChecker::Make(TransactionFootprint footprint,
                                              std::shared_ptr<const StructType> schema,
                                              std::vector<std::string> partition_columns) {
  if (!schema) return Status::InvalidArgument("conflict checker: no table schema");
  ConflictChecker checker;
  for (const ExprPtr& p : footprint.reads.predicates) {
    if (!p) return Status::InvalidArgument("conflict checker: null read predicate");
    Result<ExprPtr> bound = BindExpression(p, *schema);
    if (!bound.ok()) return bound.status().WithContext("read predicate " + Quoted(p->ToString()));
    checker.predicates_.push_back(
        std::make_shared<const Predicate>(Predicate{p, DataSkippingFilter(*bound)}));
  }
  checker.footprint_ = std::move(footprint);
  checker.schema_ = std::move(schema);
  checker.partition_columns_ = std::move(partition_columns);
  return checker;
}

namespace {

// The first read predicate a file of the winner may hold rows for (its partition values do not
// prune it and its statistics do not rule it out), or null.
template <typename PredicateList>
Result<const ExprPtr*> MatchingPredicate(const PredicateList& predicates,
                                         std::span<const PartitionValue> values,
                                         std::string_view stats, const StructType& schema,
                                         const std::vector<std::string>& partition_columns) {
  if (predicates.empty()) return static_cast<const ExprPtr*>(nullptr);
  // A remove written without extended metadata carries no partition values: unknown, not null.
  bool values_known = !values.empty() || partition_columns.empty();
  PartitionValueMap parsed;
  if (values_known) {
    DELTA_ASSIGN_OR_RETURN(parsed, ParsePartitionValues(values, schema, partition_columns));
  }
  for (const auto& p : predicates) {
    const ExprPtr& bound = p->filter.predicate();
    if (values_known && CanPrunePartition(*bound, parsed)) continue;
    if (!p->filter.MayMatch(stats, values_known ? &parsed : nullptr)) continue;
    return &p->original;
  }
  return static_cast<const ExprPtr*>(nullptr);
}

}  // namespace

namespace {

// The files the winner removed and re-added with a deletion vector (only deleting rows, if its
// new DV holds the old one: the rebase checks that) that we read row by row and either keep
// or re-add ourselves: those are checked row by row at rebase, not here.
std::set<std::string_view> RowLevelFiles(const TransactionFootprint& footprint,
                                         const ActionBatch& winner) {
  std::set<std::string_view> out;
  const std::set<std::string, std::less<>>& declared = footprint.reads.row_level_files;
  if (declared.empty()) return out;
  std::set<std::string_view> removed;
  for (const RemoveFile& r : winner.removes) {
    if (declared.count(r.path) > 0) removed.insert(r.path);
  }
  if (removed.empty()) return out;
  std::set<std::string_view> our_removes, our_adds;
  for (const FootprintRemove& r : footprint.writes.removes) our_removes.insert(r.path);
  for (const FootprintAdd& a : footprint.writes.adds) our_adds.insert(a.path);
  for (const AddFile& a : winner.adds) {
    if (a.deletion_vector == nullptr || removed.count(a.path) == 0) continue;
    // A file we remove without re-adding it (every row gone, or rewritten) stays a conflict.
    if (our_removes.count(a.path) > 0 && our_adds.count(a.path) == 0) continue;
    out.insert(a.path);
  }
  return out;
}

// Whether the winner only rearranged rows: file actions, every one dataChange=false.
bool IsPureCompaction(const ActionBatch& winner) {
  if (winner.adds.empty() || winner.removes.empty() || !winner.cdcs.empty()) return false;
  auto rearranges = [](const auto& a) { return !a.data_change; };
  return std::all_of(winner.adds.begin(), winner.adds.end(), rearranges) &&
         std::all_of(winner.removes.begin(), winner.removes.end(), rearranges);
}

}  // namespace

Result<RebaseInfo> ConflictChecker::Check(int64_t version, const ActionBatch& winner) const {
  const TransactionReads& reads = footprint_.reads;
  const TransactionWrites& writes = footprint_.writes;
  const std::set<std::string_view> row_level = RowLevelFiles(footprint_, winner);

  // 1. Protocol and metadata: any change by the winner invalidates what we validated against.
  if (winner.protocol) {
    return MakeConflict(ErrorDetailKind::kProtocolChanged, version, "protocol",
                        writes.protocol_changed
                            ? "changed the protocol, which this transaction also changes"
                            : "changed the protocol of the table");
  }
  if (winner.metadata) {
    return MakeConflict(ErrorDetailKind::kMetadataChanged, version, "metadata",
                        writes.metadata_changed
                            ? "changed the metadata, which this transaction also changes"
                            : "changed the metadata (schema, partitioning or properties) of "
                              "the table this transaction read");
  }

  // 2. Concurrent appends: files this transaction would have read had it started later.
  if (ChecksAppends(footprint_, winner) && (reads.whole_table || !predicates_.empty())) {
    for (const AddFile& add : winner.adds) {
      if (!add.data_change) continue;               // rearranged rows, already read
      if (row_level.count(add.path) > 0) continue;  // the same rows, fewer of them
      if (reads.whole_table) {
        return MakeConflict(
            ErrorDetailKind::kConcurrentAppend, version, std::string(add.path),
            "added file " + Quoted(add.path) + " to the table this transaction read whole");
      }
      DELTA_ASSIGN_OR_RETURN(const ExprPtr* p,
                             MatchingPredicate(predicates_, add.partition_values, add.stats,
                                               *schema_, partition_columns_));
      if (p) {
        return MakeConflict(ErrorDetailKind::kConcurrentAppend, version, std::string(add.path),
                            "added file " + Quoted(add.path) +
                                " matching this transaction's read predicate " +
                                Quoted((*p)->ToString()));
      }
    }
  }

  // 3. Deletes of files we read: by path, by a predicate they match, or any with a whole read.
  for (const RemoveFile& remove : winner.removes) {
    if (!remove.data_change || row_level.count(remove.path) > 0) continue;
    std::string path(remove.path);
    if (reads.files.count(remove.path) > 0 || reads.whole_table) {
      return MakeConflict(ErrorDetailKind::kConcurrentDeleteRead, version, path,
                          "removed file " + Quoted(path) + " that this transaction read");
    }
    DELTA_ASSIGN_OR_RETURN(const ExprPtr* p,
                           MatchingPredicate(predicates_, remove.partition_values, remove.stats,
                                             *schema_, partition_columns_));
    if (p) {
      return MakeConflict(ErrorDetailKind::kConcurrentDeleteRead, version, path,
                          "removed file " + Quoted(path) +
                              " matching this transaction's read predicate " +
                              Quoted((*p)->ToString()));
    }
  }

  // 4. Deletes of files we delete (dataChange or not: both rewrite the same rows). A pure
  // compaction moved the rows we delete: with row ids, the rebase maps them instead.
  std::vector<std::string> compacted;
  if (!writes.removes.empty()) {
    std::set<std::string_view> ours;
    for (const FootprintRemove& r : writes.removes) ours.insert(r.path);
    const bool compaction = IsPureCompaction(winner);
    for (const RemoveFile& remove : winner.removes) {
      if (ours.count(remove.path) > 0 && row_level.count(remove.path) == 0) {
        if (compaction && writes.rows_mappable) {
          compacted.emplace_back(remove.path);
          continue;
        }
        return MakeConflict(ErrorDetailKind::kConcurrentDeleteDelete, version,
                            std::string(remove.path),
                            (compaction ? "compacted file " : "removed file ") +
                                Quoted(remove.path) + " that this transaction also removes" +
                                (compaction && !writes.rows_unmappable_reason.empty()
                                     ? " (its rows cannot be mapped to the compacted files: " +
                                           writes.rows_unmappable_reason + ")"
                                     : std::string()));
      }
    }
  }
  // Two commits adding the same path would leave one file under two adds.
  if (!writes.adds.empty()) {
    std::set<std::string_view> ours;
    for (const FootprintAdd& a : writes.adds) ours.insert(a.path);
    for (const AddFile& add : winner.adds) {
      if (ours.count(add.path) > 0 && row_level.count(add.path) == 0) {
        return MakeConflict(ErrorDetailKind::kConcurrentWrite, version, std::string(add.path),
                            "added file " + Quoted(add.path) + " that this transaction also adds");
      }
    }
  }

  // 5. App transactions: our idempotency check read a version the winner moved.
  for (const SetTransaction& txn : winner.txns) {
    if (reads.app_ids.count(txn.app_id) > 0 || writes.app_ids.count(txn.app_id) > 0) {
      return MakeConflict(ErrorDetailKind::kConcurrentTransaction, version, txn.app_id,
                          "committed a transaction for app id " + Quoted(txn.app_id) +
                              " that this transaction also depends on");
    }
  }

  // 6. Domain metadata: conflicts, except row tracking whose high-water marks merge.
  RebaseInfo info;
  info.version = version;
  info.row_level_files.assign(row_level.begin(), row_level.end());
  info.compacted_files = std::move(compacted);
  if (winner.commit_info) info.in_commit_timestamp = winner.commit_info->in_commit_timestamp;
  for (const DomainMetadata& d : winner.domain_metadata) {
    if (d.domain == kRowTrackingDomain) {
      if (!d.removed) {
        Result<int64_t> mark = ParseRowIdHighWaterMark(d.configuration);
        if (!mark.ok()) {
          return mark.status().WithContext("commit " + std::to_string(version));
        }
        info.row_id_high_water_mark = *mark;
      }
      if (writes.domains.count(d.domain) > 0) info.merged_domains.push_back(d.domain);
      continue;
    }
    bool wrote = writes.domains.count(d.domain) > 0;
    if (wrote || reads.domains.count(d.domain) > 0) {
      return MakeConflict(ErrorDetailKind::kConcurrentDomainMetadata, version, d.domain,
                          "changed domain " + Quoted(d.domain) + " that this transaction " +
                              (wrote ? "also changes" : "read"));
    }
  }
  return info;
}

Result<RebaseInfo> CheckConflict(const TransactionFootprint& footprint,
                                 std::shared_ptr<const StructType> schema,
                                 const std::vector<std::string>& partition_columns, int64_t version,
                                 const ActionBatch& winner) {
  DELTA_ASSIGN_OR_RETURN(ConflictChecker checker,
                         ConflictChecker::Make(footprint, std::move(schema), partition_columns));
  return checker.Check(version, winner);
}

Result<int64_t> ParseRowIdHighWaterMark(std::string_view configuration) {
  auto bad = [&] {
    return Status::InvalidTable("domain " + Quoted(kRowTrackingDomain) + " configuration " +
                                Quoted(configuration) + " has no integer rowIdHighWaterMark");
  };
  simdjson::padded_string padded(configuration);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return bad();
  simdjson::ondemand::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return bad();
  int64_t mark = 0;
  if (object.find_field_unordered("rowIdHighWaterMark").get_int64().get(mark) !=
      simdjson::SUCCESS) {
    return bad();
  }
  return mark;
}

}  // namespace delta
