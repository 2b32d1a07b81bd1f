#include "timestamp.h"

#include <chrono>

#include "scan/partition_values.h"

namespace delta::cli {
namespace {

// A tiny cursor over the input; every Read* consumes only on success.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return pos_ == s_.size(); }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool Accept(char c) {
    if (!Peek(c)) return false;
    ++pos_;
    return true;
  }
  // Exactly `n` ASCII digits.
  bool ReadDigits(size_t n, int* out) {
    if (s_.size() - pos_ < n) return false;
    int v = 0;
    for (size_t i = 0; i < n; ++i) {
      const char c = s_[pos_ + i];
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    pos_ += n;
    *out = v;
    return true;
  }
  // One or more digits of a decimal fraction; returns the first three as milliseconds.
  bool ReadFractionMillis(int* ms) {
    size_t n = 0;
    int v = 0;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      if (n < 3) v = v * 10 + (s_[pos_] - '0');
      ++n;
      ++pos_;
    }
    if (n == 0) return false;
    for (size_t i = n; i < 3; ++i) v *= 10;
    *ms = v;
    return true;
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

Status Bad(std::string_view text, std::string_view why) {
  return Status::InvalidArgument("invalid timestamp '" + std::string(text) +
                                 "': " + std::string(why) +
                                 " (expected e.g. 2024-01-02T03:04:05Z, "
                                 "2024-01-02 03:04:05.123+01:00 or 2024-01-02)");
}

}  // namespace

Result<int64_t> ParseTimestamp(std::string_view text) {
  using namespace std::chrono;
  Cursor c(text);
  int y = 0, mo = 0, d = 0;
  if (!c.ReadDigits(4, &y) || !c.Accept('-') || !c.ReadDigits(2, &mo) || !c.Accept('-') ||
      !c.ReadDigits(2, &d)) {
    return Bad(text, "no YYYY-MM-DD date");
  }
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                           day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return Bad(text, "no such date");
  int64_t ms = duration_cast<milliseconds>(sys_days{ymd}.time_since_epoch()).count();
  if (c.done()) return ms;

  if (!c.Accept('T') && !c.Accept('t') && !c.Accept(' ')) {
    return Bad(text, "expected 'T' or ' ' after the date");
  }
  int hh = 0, mi = 0, ss = 0, frac = 0;
  if (!c.ReadDigits(2, &hh) || !c.Accept(':') || !c.ReadDigits(2, &mi) || !c.Accept(':') ||
      !c.ReadDigits(2, &ss)) {
    return Bad(text, "no HH:MM:SS time");
  }
  if (hh > 23 || mi > 59 || ss > 59) return Bad(text, "time out of range");
  if (c.Accept('.') && !c.ReadFractionMillis(&frac)) return Bad(text, "empty fraction");
  ms += ((hh * 60 + mi) * 60 + ss) * int64_t{1000} + frac;

  if (c.Accept('Z') || c.Accept('z')) {
    // UTC
  } else if (c.Peek('+') || c.Peek('-')) {
    int sign = 1;
    if (c.Accept('-')) {
      sign = -1;
    } else {
      c.Accept('+');
    }
    int oh = 0, om = 0;
    if (!c.ReadDigits(2, &oh)) return Bad(text, "bad UTC offset");
    c.Accept(':');
    if (!c.ReadDigits(2, &om)) return Bad(text, "bad UTC offset");
    if (oh > 23 || om > 59) return Bad(text, "UTC offset out of range");
    // Local time = UTC + offset, so UTC = local - offset.
    ms -= sign * (oh * 60 + om) * int64_t{60'000};
  }
  if (!c.done()) return Bad(text, "unexpected trailing characters");
  return ms;
}

std::string FormatTimestamp(int64_t epoch_ms) { return FormatEpochMillis(epoch_ms); }

}  // namespace delta::cli
