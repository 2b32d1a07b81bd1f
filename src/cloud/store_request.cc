#include "cloud/store_request.h"

#include <chrono>
#include <cstdlib>

#include "util/calendar.h"

namespace delta::cloud {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

void AppendEscaped(std::string* out, unsigned char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out->push_back('%');
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 15]);
}

constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Reads `n` digits at `*pos`; false when they are not all digits.
bool ReadDigits(std::string_view s, size_t* pos, size_t n, int64_t* value) {
  if (*pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *value = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

}  // namespace

std::optional<FoundSetting> FindSetting(const StorageOptions& options,
                                        const std::vector<std::string_view>& keys,
                                        const std::vector<std::string_view>& env_vars) {
  for (std::string_view key : keys) {
    for (const auto& [name, value] : options) {
      if (EqualsIgnoreCase(name, key)) return FoundSetting{value, "option " + std::string(key)};
    }
  }
  for (std::string_view var : env_vars) {
    const char* v = std::getenv(std::string(var).c_str());
    if (v != nullptr && *v != '\0') {
      return FoundSetting{v, "environment variable " + std::string(var)};
    }
  }
  return std::nullopt;
}

Result<bool> ParseBoolSetting(std::string_view name, std::string_view value) {
  for (std::string_view t : {"true", "1", "yes", "on"}) {
    if (EqualsIgnoreCase(value, t)) return true;
  }
  for (std::string_view f : {"false", "0", "no", "off", ""}) {
    if (EqualsIgnoreCase(value, f)) return false;
  }
  return Status::InvalidArgument("storage option " + std::string(name) +
                                 " must be true or false, not '" + std::string(value) + "'");
}

std::string QueryEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (IsUnreserved(c)) {
      out.push_back(static_cast<char>(c));
    } else {
      AppendEscaped(&out, c);
    }
  }
  return out;
}

std::string KeyPathEscape(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (unsigned char c : key) {
    bool literal = IsUnreserved(c) || c == '/' || c == '=' || c == '@' || c == ':' || c == '!' ||
                   c == '$' || c == '\'' || c == '(' || c == ')' || c == '*' || c == ',' ||
                   c == ';';
    if (literal) {
      out.push_back(static_cast<char>(c));
    } else {
      AppendEscaped(&out, c);
    }
  }
  return out;
}

std::string FormatHttpDate(int64_t epoch_seconds) {
  int64_t days = FloorDiv(epoch_seconds, 86400);
  int64_t secs = epoch_seconds - days * 86400;
  int64_t year;
  unsigned month, day;
  CivilFromDays(days, &year, &month, &day);
  int64_t weekday = ((days % 7) + 7) % 7;  // 1970-01-01 was a Thursday
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02lld:%02lld:%02lld GMT", kDays[weekday], day,
                kMonths[month - 1], static_cast<long long>(year),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::optional<int64_t> ParseHttpDateMillis(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  if (s.size() != 29 || s.substr(3, 2) != ", " || s.substr(25) != " GMT") return std::nullopt;
  size_t pos = 5;
  int64_t day, year, h, m, sec;
  if (!ReadDigits(s, &pos, 2, &day) || !Expect(s, &pos, ' ')) return std::nullopt;
  std::string_view mon = s.substr(pos, 3);
  unsigned month = 0;
  for (unsigned i = 0; i < 12; ++i) {
    if (mon == kMonths[i]) month = i + 1;
  }
  pos += 3;
  if (month == 0 || !Expect(s, &pos, ' ') || !ReadDigits(s, &pos, 4, &year) ||
      !Expect(s, &pos, ' ') || !ReadDigits(s, &pos, 2, &h) || !Expect(s, &pos, ':') ||
      !ReadDigits(s, &pos, 2, &m) || !Expect(s, &pos, ':') || !ReadDigits(s, &pos, 2, &sec)) {
    return std::nullopt;
  }
  if (day < 1 || day > DaysInMonth(year, month) || h > 23 || m > 59 || sec > 60) {
    return std::nullopt;
  }
  return ((DaysFromCivil(year, month, static_cast<unsigned>(day)) * 24 + h) * 60 + m) * 60000 +
         sec * 1000;
}

std::optional<int64_t> ParseRfc3339Millis(std::string_view s) {
  size_t pos = 0;
  int64_t year, month, day, h, m, sec, millis = 0;
  if (!ReadDigits(s, &pos, 4, &year) || !Expect(s, &pos, '-') || !ReadDigits(s, &pos, 2, &month) ||
      !Expect(s, &pos, '-') || !ReadDigits(s, &pos, 2, &day) || pos >= s.size() ||
      (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) {
    return std::nullopt;
  }
  ++pos;
  if (!ReadDigits(s, &pos, 2, &h) || !Expect(s, &pos, ':') || !ReadDigits(s, &pos, 2, &m) ||
      !Expect(s, &pos, ':') || !ReadDigits(s, &pos, 2, &sec)) {
    return std::nullopt;
  }
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (s[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int d = digits; d < 3; ++d) millis *= 10;
  }
  int64_t offset_minutes = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int64_t oh, om;
    if (!ReadDigits(s, &pos, 2, &oh) || !Expect(s, &pos, ':') || !ReadDigits(s, &pos, 2, &om)) {
      return std::nullopt;
    }
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  if (pos != s.size() || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, static_cast<unsigned>(month)) || h > 23 || m > 59 || sec > 60) {
    return std::nullopt;
  }
  int64_t minutes =
      (DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 24 + h) *
          60 +
      m - offset_minutes;
  return minutes * 60000 + sec * 1000 + millis;
}

bool IsLoopbackUrl(std::string_view url) {
  size_t scheme_end = url.find("://");
  std::string_view host = url.substr(scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  return host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]");
}

Status CheckEndpoint(std::string_view store, std::string_view endpoint, bool allow_http,
                     std::string_view allow_option) {
  if (endpoint.starts_with("https://") || (allow_http && endpoint.starts_with("http://"))) {
    return Status::OK();
  }
  std::string what = std::string(store) + " endpoint '" + std::string(endpoint) + "'";
  if (endpoint.starts_with("http://")) {
    return Status::InvalidArgument(what + " is plain HTTP; set " + std::string(allow_option) +
                                   "=true to allow it");
  }
  return Status::InvalidArgument(what + " must start with https:// (or http://)");
}

std::string ByteRange(int64_t offset, int64_t length) {
  if (offset <= 0 && length < 0) return {};
  std::string range = "bytes=" + std::to_string(offset) + "-";
  if (length > 0) range += std::to_string(offset + length - 1);
  return range;
}

bool RetryCreate(const Result<HttpResponse>& outcome) {
  return outcome.ok() && (outcome->status == 429 || outcome->status == 503);
}

int64_t SystemEpochSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace delta::cloud
