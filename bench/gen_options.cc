#include "gen_options.h"

#include <charconv>
#include <string>

#include "gen_time.h"

namespace delta::gen {
namespace {

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

Status ParseCheckpointSpec(std::string_view spec, GenOptions* options) {
  options->multipart_parts = 0;
  if (spec == "none") {
    options->checkpoint = CheckpointKind::kNone;
  } else if (spec == "classic") {
    options->checkpoint = CheckpointKind::kClassic;
  } else if (spec == "v2-json") {
    options->checkpoint = CheckpointKind::kV2Json;
  } else if (spec == "v2-parquet") {
    options->checkpoint = CheckpointKind::kV2Parquet;
  } else if (spec.starts_with("multipart:")) {
    int64_t parts = 0;
    if (!ParseInt(spec.substr(10), &parts) || parts < 2 || parts > 9'999'999'999) {
      return Status::InvalidArgument("--checkpoint multipart:K needs an integer K >= 2, got '" +
                                     std::string(spec) + "'");
    }
    options->checkpoint = CheckpointKind::kMultiPart;
    options->multipart_parts = static_cast<int>(parts);
  } else {
    return Status::InvalidArgument(
        "--checkpoint must be none, classic, multipart:K, v2-json or v2-parquet, got '" +
        std::string(spec) + "'");
  }
  return Status::OK();
}

Result<int64_t> ParseStartTime(std::string_view text) {
  int64_t ms = 0;
  if (ParseInt(text, &ms)) {
    if (ms < 0) return Status::InvalidArgument("--start-time must not be negative");
    return ms;
  }
  // YYYY-MM-DD[THH:MM:SS[.fff]][Z], always UTC.
  std::string_view s = text;
  if (s.ends_with('Z')) s.remove_suffix(1);
  auto num = [&](size_t pos, size_t len, int64_t* v) {
    return pos + len <= s.size() && ParseInt(s.substr(pos, len), v);
  };
  int64_t y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, frac = 0;
  bool ok = s.size() >= 10 && s[4] == '-' && s[7] == '-' && num(0, 4, &y) && num(5, 2, &mo) &&
            num(8, 2, &d) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
  if (ok && s.size() > 10) {
    ok = s.size() >= 19 && (s[10] == 'T' || s[10] == ' ') && s[13] == ':' && s[16] == ':' &&
         num(11, 2, &h) && num(14, 2, &mi) && num(17, 2, &sec) && h < 24 && mi < 60 && sec < 60;
    if (ok && s.size() > 19) {
      ok = s[19] == '.' && s.size() == 23 && num(20, 3, &frac);
    }
  }
  if (!ok || y < 1970) {
    return Status::InvalidArgument(
        "--start-time must be milliseconds since the epoch or "
        "YYYY-MM-DDTHH:MM:SS[.fff]Z (UTC, from 1970), got '" +
        std::string(text) + "'");
  }
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60'000 + sec * 1000 + frac;
}

Status ValidateOptions(const GenOptions& o) {
  if (o.output.empty()) return Status::InvalidArgument("the output directory must not be empty");
  if (o.files < 0 || o.files > 1'000'000'000) {
    return Status::InvalidArgument("--files must be in [0, 10^9]");
  }
  if (o.commits < 1) return Status::InvalidArgument("--commits must be >= 1");
  if (o.commits > 2'000'000'000) return Status::InvalidArgument("--commits is too large");
  if (o.removes_percent < 0 || o.removes_percent > 100) {
    return Status::InvalidArgument("--removes must be a percentage in [0, 100]");
  }
  if (o.removes_percent > 0 && o.commits < 2) {
    return Status::InvalidArgument(
        "--removes needs --commits >= 2 (files are removed in later "
        "commits than the ones adding them)");
  }
  if (o.sidecars < 0) return Status::InvalidArgument("--sidecars must be >= 0");
  if (o.checkpoint_interval < 0)
    return Status::InvalidArgument("--checkpoint-interval must be >= 0");
  if (o.partitions < 0) return Status::InvalidArgument("--partitioned must be >= 0");
  if (o.columns < 1) return Status::InvalidArgument("--columns must be >= 1");
  if (o.rows_per_file < 1) return Status::InvalidArgument("--rows-per-file must be >= 1");
  if (o.threads < 0) return Status::InvalidArgument("--threads must be >= 0");
  if (o.commit_interval_ms < 0) return Status::InvalidArgument("--commit-interval must be >= 0");
  return Status::OK();
}

}  // namespace delta::gen
