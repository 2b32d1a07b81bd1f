// Typed table properties over Metadata::configuration.
#include "delta/table_properties.h"

#include <charconv>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "util/ascii.h"

namespace delta {

namespace {

template <typename T>
bool ParseInteger(std::string_view s, T* out) {
  s = AsciiTrim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::optional<bool> ParseBool(std::string_view s) {
  std::string v = AsciiLower(AsciiTrim(s));
  if (v == "true") return true;
  if (v == "false") return false;
  return std::nullopt;
}

// Splits "a, b.`c.d`, `e``f`" into column paths {{a}, {b, c.d}, {e`f}}.
std::optional<std::vector<std::vector<std::string>>> ParseColumnList(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  if (AsciiTrim(text).empty()) return out;
  std::vector<std::string> path;
  std::string part;
  bool quoted = false;       // the current part was written in backticks
  bool after_quote = false;  // a closing backtick was seen; only spaces, '.' or ',' may follow
  auto end_part = [&]() -> bool {
    std::string_view p = quoted ? std::string_view(part) : AsciiTrim(part);
    if (p.empty() && !quoted) return false;
    path.emplace_back(p);
    part.clear();
    quoted = after_quote = false;
    return true;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '`') {
      if (after_quote || !AsciiTrim(part).empty()) return std::nullopt;
      part.clear();
      // A quoted identifier; "``" inside stands for one backtick.
      bool closed = false;
      for (++i; i < text.size(); ++i) {
        if (text[i] == '`') {
          if (i + 1 < text.size() && text[i + 1] == '`') {
            part.push_back('`');
            ++i;
          } else {
            closed = true;
            break;
          }
        } else {
          part.push_back(text[i]);
        }
      }
      if (!closed) return std::nullopt;
      quoted = after_quote = true;
    } else if (c == '.' || c == ',') {
      if (!end_part()) return std::nullopt;
      if (c == ',') {
        out.push_back(std::move(path));
        path.clear();
      }
    } else if (after_quote) {
      if (!IsAsciiSpace(c)) return std::nullopt;
    } else {
      part.push_back(c);
    }
  }
  if (!end_part()) return std::nullopt;
  out.push_back(std::move(path));
  return out;
}

Status BadValue(std::string_view key, std::string_view value, std::string_view expected) {
  return Status::InvalidTable("invalid table property " + std::string(key) + "=" +
                              std::string(value) + ": " + std::string(expected));
}

}  // namespace

std::string_view ColumnMappingModeName(ColumnMappingMode mode) {
  switch (mode) {
    case ColumnMappingMode::kNone:
      return "none";
    case ColumnMappingMode::kId:
      return "id";
    case ColumnMappingMode::kName:
      return "name";
  }
  return "none";
}

std::string_view IsolationLevelName(IsolationLevel level) {
  switch (level) {
    case IsolationLevel::kSerializable:
      return "Serializable";
    case IsolationLevel::kWriteSerializable:
      return "WriteSerializable";
    case IsolationLevel::kSnapshotIsolation:
      return "SnapshotIsolation";
  }
  return "Serializable";
}

Result<IsolationLevel> ParseIsolationLevel(std::string_view text) {
  std::string level = AsciiLower(AsciiTrim(text));
  for (IsolationLevel l : {IsolationLevel::kSerializable, IsolationLevel::kWriteSerializable,
                           IsolationLevel::kSnapshotIsolation}) {
    if (level == AsciiLower(IsolationLevelName(l))) return l;
  }
  return Status::InvalidArgument("invalid isolation level '" + std::string(text) +
                                 "': expected Serializable, WriteSerializable or "
                                 "SnapshotIsolation");
}

Result<int64_t> ParseIntervalMillis(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("invalid interval '" + std::string(text) +
                                   "': " + std::string(why));
  };
  std::string lower = AsciiLower(AsciiTrim(text));
  std::vector<std::string_view> tokens;
  std::string_view rest = lower;
  while (true) {
    rest = AsciiTrim(rest);
    if (rest.empty()) break;
    size_t end = 0;
    while (end < rest.size() && !IsAsciiSpace(rest[end])) ++end;
    tokens.push_back(rest.substr(0, end));
    rest.remove_prefix(end);
  }
  size_t i = 0;
  if (i < tokens.size() && tokens[i] == "interval") ++i;
  if (i == tokens.size()) return bad("no value");

  struct Unit {
    std::string_view name;
    int64_t micros;
  };
  static constexpr Unit kUnits[] = {
      {"week", 7LL * 24 * 3600 * 1000000},
      {"day", 24LL * 3600 * 1000000},
      {"hour", 3600LL * 1000000},
      {"minute", 60LL * 1000000},
      {"second", 1000000},
      {"millisecond", 1000},
      {"microsecond", 1},
  };
  int64_t total = 0;
  for (; i < tokens.size(); i += 2) {
    if (i + 1 >= tokens.size()) return bad("a number must be followed by a unit");
    std::string_view number = tokens[i];
    std::string_view unit = tokens[i + 1];
    if (unit.size() > 1 && unit.back() == 's') unit.remove_suffix(1);
    if (unit == "month" || unit == "year") {
      return bad("months and years are not accepted; use days (e.g. 365 days)");
    }
    const Unit* u = nullptr;
    for (const Unit& candidate : kUnits) {
      if (candidate.name == unit) u = &candidate;
    }
    if (!u) return bad("unknown unit '" + std::string(tokens[i + 1]) + "'");

    bool negative = false;
    if (!number.empty() && (number.front() == '-' || number.front() == '+')) {
      negative = number.front() == '-';
      number.remove_prefix(1);
    }
    std::string_view whole = number;
    std::string_view fraction;
    if (size_t dot = number.find('.'); dot != std::string_view::npos) {
      whole = number.substr(0, dot);
      fraction = number.substr(dot + 1);
      // Like Spark, only seconds take a fraction (up to nanoseconds; kept to microseconds).
      if (u->micros != 1000000 || fraction.empty() || fraction.size() > 9) {
        return bad("unexpected fraction in '" + std::string(tokens[i]) + "'");
      }
    }
    int64_t count = 0;
    if (!ParseInteger(whole, &count) || whole.front() == '-' || whole.front() == '+') {
      return bad("'" + std::string(tokens[i]) + "' is not a number");
    }
    int64_t micros = 0;
    if (__builtin_mul_overflow(count, u->micros, &micros)) return bad("out of range");
    if (!fraction.empty()) {
      int64_t frac = 0;
      for (size_t d = 0; d < 6; ++d) {
        char c = d < fraction.size() ? fraction[d] : '0';
        if (c < '0' || c > '9') return bad("'" + std::string(tokens[i]) + "' is not a number");
        frac = frac * 10 + (c - '0');
      }
      for (size_t d = 6; d < fraction.size(); ++d) {
        if (fraction[d] < '0' || fraction[d] > '9') {
          return bad("'" + std::string(tokens[i]) + "' is not a number");
        }
      }
      if (__builtin_add_overflow(micros, frac, &micros)) return bad("out of range");
    }
    if (negative) micros = -micros;
    if (__builtin_add_overflow(total, micros, &total)) return bad("out of range");
  }
  if (total < 0) return bad("negative durations are not accepted");
  return total / 1000;
}

std::optional<std::string_view> TableProperties::Get(std::string_view key) const {
  auto it = raw_.find(std::string(key));
  if (it == raw_.end()) return std::nullopt;
  return std::string_view(it->second);
}

Result<TableProperties> TableProperties::Parse(
    const std::map<std::string, std::string>& configuration) {
  TableProperties t;
  t.raw_ = configuration;
  auto find = [&](std::string_view key) -> const std::string* {
    auto it = configuration.find(std::string(key));
    return it == configuration.end() ? nullptr : &it->second;
  };
  auto read_bool = [&](std::string_view key, bool* out) -> Status {
    const std::string* v = find(key);
    if (!v) return Status::OK();
    auto b = ParseBool(*v);
    if (!b) return BadValue(key, *v, "expected true or false");
    *out = *b;
    return Status::OK();
  };
  auto read_long = [&](std::string_view key, int64_t min, std::string_view expected,
                       auto* out) -> Status {
    const std::string* v = find(key);
    if (!v) return Status::OK();
    int64_t n = 0;
    if (!ParseInteger(*v, &n) || n < min) return BadValue(key, *v, expected);
    using T = std::remove_pointer_t<decltype(out)>;
    if constexpr (std::is_same_v<T, int32_t>) {
      if (n > std::numeric_limits<int32_t>::max()) return BadValue(key, *v, expected);
    }
    *out = static_cast<T>(n);
    return Status::OK();
  };
  auto read_optional_long = [&](std::string_view key, std::optional<int64_t>* out) -> Status {
    const std::string* v = find(key);
    if (!v) return Status::OK();
    int64_t n = 0;
    if (!ParseInteger(*v, &n)) return BadValue(key, *v, "expected an integer");
    *out = n;
    return Status::OK();
  };
  auto read_interval = [&](std::string_view key, int64_t* out) -> Status {
    const std::string* v = find(key);
    if (!v) return Status::OK();
    auto ms = ParseIntervalMillis(*v);
    if (!ms.ok()) {
      return BadValue(key, *v,
                      "expected a calendar interval such as 'interval 2 weeks' (" +
                          ms.status().message() + ")");
    }
    *out = *ms;
    return Status::OK();
  };

  DELTA_RETURN_NOT_OK(read_bool(kAppendOnly, &t.append_only_));
  if (find(kEnableChangeDataFeed)) {
    DELTA_RETURN_NOT_OK(read_bool(kEnableChangeDataFeed, &t.enable_change_data_feed_));
  } else {
    DELTA_RETURN_NOT_OK(read_bool(kEnableChangeDataCaptureLegacy, &t.enable_change_data_feed_));
  }
  if (const std::string* v = find(kColumnMappingMode)) {
    std::string mode = AsciiLower(AsciiTrim(*v));
    if (mode == "none") {
      t.column_mapping_mode_ = ColumnMappingMode::kNone;
    } else if (mode == "id") {
      t.column_mapping_mode_ = ColumnMappingMode::kId;
    } else if (mode == "name") {
      t.column_mapping_mode_ = ColumnMappingMode::kName;
    } else {
      return BadValue(kColumnMappingMode, *v, "expected none, id or name");
    }
  }
  DELTA_RETURN_NOT_OK(read_long(kColumnMappingMaxColumnId, 0, "expected a non-negative integer",
                                &t.column_mapping_max_column_id_));
  DELTA_RETURN_NOT_OK(read_bool(kEnableDeletionVectors, &t.enable_deletion_vectors_));
  DELTA_RETURN_NOT_OK(read_bool(kEnableInCommitTimestamps, &t.enable_in_commit_timestamps_));
  DELTA_RETURN_NOT_OK(read_optional_long(kInCommitTimestampEnablementVersion,
                                         &t.in_commit_timestamp_enablement_version_));
  DELTA_RETURN_NOT_OK(read_optional_long(kInCommitTimestampEnablementTimestamp,
                                         &t.in_commit_timestamp_enablement_timestamp_));
  DELTA_RETURN_NOT_OK(
      read_long(kCheckpointInterval, 1, "expected a positive integer", &t.checkpoint_interval_));
  if (const std::string* v = find(kCheckpointPolicy)) {
    std::string policy = AsciiLower(AsciiTrim(*v));
    if (policy == "classic") {
      t.checkpoint_policy_ = CheckpointPolicy::kClassic;
    } else if (policy == "v2") {
      t.checkpoint_policy_ = CheckpointPolicy::kV2;
    } else {
      return BadValue(kCheckpointPolicy, *v, "expected classic or v2");
    }
  }
  DELTA_RETURN_NOT_OK(read_interval(kLogRetentionDuration, &t.log_retention_duration_ms_));
  DELTA_RETURN_NOT_OK(
      read_interval(kDeletedFileRetentionDuration, &t.deleted_file_retention_duration_ms_));
  DELTA_RETURN_NOT_OK(
      read_interval(kCheckpointRetentionDuration, &t.checkpoint_retention_duration_ms_));
  if (find(kSetTransactionRetentionDuration)) {
    int64_t ms = 0;
    DELTA_RETURN_NOT_OK(read_interval(kSetTransactionRetentionDuration, &ms));
    t.set_transaction_retention_duration_ms_ = ms;
  }
  DELTA_RETURN_NOT_OK(read_long(kDataSkippingNumIndexedCols, -1, "expected an integer >= -1",
                                &t.data_skipping_num_indexed_cols_));
  if (const std::string* v = find(kDataSkippingStatsColumns)) {
    auto cols = ParseColumnList(*v);
    if (!cols) {
      return BadValue(kDataSkippingStatsColumns, *v,
                      "expected a comma-separated list of column names (quote special "
                      "characters with backticks)");
    }
    t.data_skipping_stats_columns_ = std::move(*cols);
  }
  DELTA_RETURN_NOT_OK(read_bool(kEnableRowTracking, &t.enable_row_tracking_));
  if (const std::string* v = find(kMaterializedRowIdColumnName)) {
    t.materialized_row_id_column_name_ = *v;
  }
  if (const std::string* v = find(kMaterializedRowCommitVersionColumnName)) {
    t.materialized_row_commit_version_column_name_ = *v;
  }
  DELTA_RETURN_NOT_OK(read_bool(kCheckpointWriteStatsAsJson, &t.checkpoint_write_stats_as_json_));
  DELTA_RETURN_NOT_OK(
      read_bool(kCheckpointWriteStatsAsStruct, &t.checkpoint_write_stats_as_struct_));
  if (const std::string* v = find(kIsolationLevel)) {
    Result<IsolationLevel> level = ParseIsolationLevel(*v);
    if (!level.ok()) {
      return BadValue(kIsolationLevel, *v,
                      "expected Serializable, WriteSerializable or SnapshotIsolation");
    }
    t.isolation_level_ = *level;
  }
  DELTA_RETURN_NOT_OK(read_bool(kRandomizeFilePrefixes, &t.randomize_file_prefixes_));
  DELTA_RETURN_NOT_OK(
      read_long(kRandomPrefixLength, 1, "expected a positive integer", &t.random_prefix_length_));
  DELTA_RETURN_NOT_OK(read_bool(kEnableTypeWidening, &t.enable_type_widening_));
  return t;
}

}  // namespace delta
