#include "txn/commit_loop.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>
#include <utility>

#include "log/checksum_writer.h"
#include "log/commit_range.h"
#include "log/log_path.h"
#include "protocol/action_json.h"
#include "txn/commit_info_json.h"
#include "txn/compaction_rebase.h"
#include "txn/rebase_metrics.h"
#include "txn/row_level_rebase.h"
#include "util/clock.h"

namespace delta {
namespace {

int64_t NowMs(const TransactionOptions& options) {
  return options.clock_ms ? *options.clock_ms : WallClockMillis();
}

bool IsOurs(const ActionBatch& commit, const std::string& txn_id) {
  if (!commit.commit_info) return false;
  const std::string needle = "\"txnId\":\"" + txn_id + "\"";
  return commit.commit_info->json.find(needle) != std::string::npos;
}

// Whether `commit` records every (app id, version) of `ours` at that version or later.
bool HoldsAppVersions(const ActionBatch& commit, const std::vector<SetTransaction>& ours) {
  if (ours.empty()) return false;
  for (const SetTransaction& t : ours) {
    bool found = false;
    for (const SetTransaction& c : commit.txns) {
      if (c.app_id == t.app_id && c.version >= t.version) found = true;
    }
    if (!found) return false;
  }
  return true;
}

Status CreatedConcurrently(const std::string& table_root) {
  return Status::AlreadyExists("a Delta table was created concurrently at " + table_root,
                               table_root);
}

// Fills the staged batch for an attempt at plan.version, made at `now`, and encodes it.
Result<std::string> BuildAttempt(TransactionState& s, const CommitPlan& plan, int64_t now,
                                 CommitResult* result) {
  const int64_t version = plan.version;
  std::optional<int64_t> ict;
  if (plan.in_commit_timestamps) {
    ict = plan.previous_ict ? std::max(now, *plan.previous_ict + 1) : now;
  }
  result->timestamp = now;
  result->in_commit_timestamp = ict;

  CommitInfoFields info;
  info.timestamp = now;
  info.in_commit_timestamp = ict;
  info.operation = s.operation;
  info.operation_parameters = s.operation_parameters;
  if (!plan.creating) info.read_version = s.read_version;
  info.isolation_level = plan.isolation;
  info.is_blind_append = plan.blind_append;
  info.operation_metrics = plan.metrics;
  info.tags = s.commit_tags;
  info.engine_info = plan.engine_info;
  info.txn_id = s.txn_id;
  s.staged.commit_info = MakeCommitInfo(info);

  s.staged.protocol.reset();
  if (s.protocol_changed) s.staged.protocol = s.protocol;
  s.staged.metadata.reset();
  if (s.metadata_changed) {
    Metadata m = s.metadata;
    if (plan.in_commit_timestamps && !plan.in_commit_timestamps_before && !plan.creating) {
      // In-commit timestamps start at this commit: readers date older ones by file time.
      m.configuration["delta.inCommitTimestampEnablementVersion"] = std::to_string(version);
      m.configuration["delta.inCommitTimestampEnablementTimestamp"] = std::to_string(*ict);
    }
    if (plan.creating && !m.created_time) m.created_time = now;
    s.staged.metadata = std::move(m);
  }
  s.staged.txns = s.txns;
  for (SetTransaction& t : s.staged.txns) t.last_updated = now;
  s.staged.domain_metadata = s.domains;
  if (plan.row_tracking) {
    int64_t hwm = plan.row_id_high_water_mark;
    bool assigned = false;
    for (size_t i = 0; i < s.staged.adds.size(); ++i) {
      if (!s.assign_row_tracking[i]) continue;
      AddFile& a = s.staged.adds[i];
      a.base_row_id = hwm + 1;
      a.default_row_commit_version = version;
      hwm += a.NumRecords().value_or(0);
      assigned = true;
    }
    if (assigned) {
      s.staged.domain_metadata.push_back(
          DomainMetadata{std::string(kRowTrackingDomain),
                         "{\"rowIdHighWaterMark\":" + std::to_string(hwm) + "}", false});
    }
  }
  for (RemoveFile& r : s.staged.removes) r.deletion_timestamp = now;
  std::string json;
  DELTA_RETURN_NOT_OK(WriteJsonActions(s.staged, &json));
  return json;
}

// Writes the version checksum (.crc) of the commit just made. A checksum that cannot be
// computed or written never fails the commit: readers fall back to the log. It is reported.
void WriteChecksum(TransactionState& s, int64_t version, CommitResult* result) {
  FileSystem& fs = s.engine->file_system();
  Result<VersionChecksum> crc =
      ChecksumAfterCommit(fs, s.table_root, version, s.staged, s.snapshot.get());
  Status written = crc.ok() ? WriteVersionChecksum(fs, s.table_root, version, *crc) : crc.status();
  if (!written.ok()) {
    result->warnings.push_back("version checksum " + std::to_string(version) +
                               ".crc not written: " + written.ToString());
  }
}

// The outcome of checking the winners after a lost race.
struct WinnersOutcome {
  std::optional<Result<CommitResult>> done;  ///< set when the commit ends here
  std::vector<int64_t> checked;              ///< winners rebased over in this round
};

}  // namespace

Result<CommitResult> RunCommitAttempts(TransactionState& s, const ConflictChecker& checker,
                                       CommitPlan plan) {
  FileSystem& fs = s.engine->file_system();
  const Metadata& metadata_read = plan.creating ? s.metadata : s.snapshot->metadata();
  int64_t checked_through = s.read_version;  // winners up to here are checked
  int64_t ambiguous_version = -1;            // a put whose outcome we do not know (-1: none)
  std::mt19937_64 rng(std::random_device{}());
  const int64_t max_backoff = std::max<int64_t>(1, s.options.max_backoff_ms);
  int64_t backoff = std::clamp<int64_t>(s.options.initial_backoff_ms, 1, max_backoff);
  const int max_attempts = std::max(1, s.options.max_attempts);
  CommitResult result;
  RowLevelRebase row_level(s);
  CompactionRebase compaction(s);

  auto unknown = [&](const std::string& why) {
    return Status::CommitStateUnknown(
        "commit to " + s.table_root + ": the outcome of the put of version " +
            std::to_string(ambiguous_version) + " is unknown (" + why +
            "); read the log for txnId " + s.txn_id + " before retrying",
        ambiguous_version);
  };

  // Checks the commits after checked_through: ours (a put we lost track of), a no-op, a
  // conflict, or winners to rebase onto.
  auto check_winners = [&]() -> WinnersOutcome {
    WinnersOutcome out;
    auto fail = [&](Status st) {
      out.done = ambiguous_version >= 0 ? Result<CommitResult>(unknown(st.ToString()))
                                        : Result<CommitResult>(std::move(st));
      return out;
    };
    Result<CommitRange> range = CommitRange::After(fs, s.table_root, checked_through);
    if (!range.ok()) return fail(range.status().WithContext("reading concurrent commits"));
    Result<std::vector<LogCommit>> winners = range->ReadAll(*s.engine, metadata_read);
    if (!winners.ok()) return fail(winners.status().WithContext("reading concurrent commits"));
    for (LogCommit& w : *winners) {
      // Any commit carrying our txnId is ours, not only the one whose put failed: a store
      // that repeated a create itself (a 503 after the object landed, then the repeat found
      // it) reports AlreadyExists for our own commit, and rebasing over it would commit twice.
      if (IsOurs(*w.actions, s.txn_id)) {
        result.version = w.version;
        result.recovered_lost_response = true;
        WriteChecksum(s, w.version, &result);
        out.done = result;
        return out;
      }
      if (plan.creating && w.version == 0) {
        out.done = Result<CommitResult>(CreatedConcurrently(s.table_root));
        return out;
      }
      // A winner that committed our app's version makes ours a no-op, whatever else it did.
      if (HoldsAppVersions(*w.actions, s.txns)) {
        result.version = w.version;
        result.committed = false;
        out.done = result;
        return out;
      }
      Result<RebaseInfo> rebase = checker.Check(w.version, *w.actions);
      if (rebase.ok()) {
        if (Status st = compaction.CheckTargets(w.version, *w.actions); !st.ok()) rebase = st;
      }
      if (!rebase.ok()) {
        out.done = Result<CommitResult>(rebase.status());
        return out;
      }
      if (Status st = compaction.Map(w.version, *w.actions, rebase->compacted_files, &plan.metrics);
          !st.ok()) {
        return fail(std::move(st));
      }
      for (const std::string& path : rebase->row_level_files) {
        for (const AddFile& add : w.actions->adds) {
          if (add.path != path) continue;
          if (Status st = row_level.Absorb(w.version, add); !st.ok()) {
            out.done = Result<CommitResult>(std::move(st));
            return out;
          }
        }
      }
      if (rebase->in_commit_timestamp) {
        plan.previous_ict = std::max(plan.previous_ict.value_or(*rebase->in_commit_timestamp),
                                     *rebase->in_commit_timestamp);
      }
      if (rebase->row_id_high_water_mark) {
        plan.row_id_high_water_mark =
            std::max(plan.row_id_high_water_mark, *rebase->row_id_high_water_mark);
      }
      result.rebased_over.push_back(w.version);
      out.checked.push_back(w.version);
      checked_through = w.version;
    }
    const StagedDvActions before = CountStagedDvActions(s.staged);
    if (Status st = row_level.Apply(); !st.ok()) return fail(std::move(st));
    FollowRestage(before, CountStagedDvActions(s.staged), s.staged, s.operation_metrics.empty(),
                  &plan.metrics);
    plan.version = checked_through + 1;
    // An ambiguous put whose version a winner holds never landed (puts are exclusive).
    if (ambiguous_version >= 0 && ambiguous_version < plan.version) ambiguous_version = -1;
    return out;
  };

  std::vector<int64_t> caught_up;  // winners read after a backoff, reported with the next round
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    result.attempts = attempt;
    const int64_t version = plan.version;
    DELTA_ASSIGN_OR_RETURN(std::string json, BuildAttempt(s, plan, NowMs(s.options), &result));
    const std::string location = s.table_root + "/_delta_log/" + FormatVersion(version) + ".json";
    Status put = fs.PutIfAbsent(location, json);
    if (put.ok()) {
      result.version = version;
      WriteChecksum(s, version, &result);
      return result;
    }
    bool lost_race = put.detail_kind() == ErrorDetailKind::kAlreadyExists;
    if (!lost_race) {
      if (put.code() != StatusCode::kIoError) return put.WithContext("commit " + location);
      // The request may have landed: read the name back before anything else.
      ambiguous_version = version;
      Result<std::string> existing = fs.ReadFile(location);
      if (existing.ok()) {
        lost_race = true;  // checked as a winner below; it may be our own
      } else if (existing.status().code() != StatusCode::kNotFound) {
        return unknown(put.ToString() + "; reading it back: " + existing.status().ToString());
      }
      // Not there (yet): the same version is tried again. A late landing of the first put
      // makes that fail with AlreadyExists, and reading the log back then finds our txnId.
    }
    // A create that finds version 0 taken is read back like any lost race: the commit there
    // may be our own (libcurl resends a request whose reused connection closed before any
    // answer, and the resend finds what the first one wrote); check_winners tells.

    // Winners read after the last backoff belong to this round.
    std::vector<int64_t> round = std::exchange(caught_up, {});
    if (lost_race) {
      WinnersOutcome outcome = check_winners();
      if (outcome.done) return std::move(*outcome.done);
      round.insert(round.end(), outcome.checked.begin(), outcome.checked.end());
    }
    if (attempt == max_attempts) break;
    // The first retry after a lost race is immediate; later ones back off with jitter.
    int64_t wait = 0;
    if (!lost_race || attempt > 1) {
      wait = std::uniform_int_distribution<int64_t>(lost_race ? 0 : backoff / 2, backoff)(rng);
      backoff = std::min(backoff * 2, max_backoff);
    }
    if (s.options.on_retry) s.options.on_retry(CommitRetry{attempt, version, round, wait});
    if (wait > 0) std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    if (lost_race && attempt > 1) {
      // Others kept committing during the backoff: aiming at the version read before it would
      // lose again for sure (under 8 racing writers, commits then ran out of attempts).
      WinnersOutcome outcome = check_winners();
      if (outcome.done) return std::move(*outcome.done);
      caught_up = std::move(outcome.checked);
    }
  }
  if (ambiguous_version >= 0) {
    return unknown("no attempt of " + std::to_string(max_attempts) + " settled it");
  }
  return Status::Conflict("commit to " + s.table_root + " gave up after " +
                              std::to_string(max_attempts) +
                              " attempts, each losing the race for a version to another writer",
                          ErrorDetail{ErrorDetailKind::kAlreadyExists, plan.version - 1, ""});
}

}  // namespace delta
