// Calendar arithmetic for the generator (proleptic Gregorian, UTC), without <chrono> time
// zones so output never depends on the machine's locale or TZ.
#pragma once

#include <cstdint>
#include <string>

namespace delta::gen {

/// Days since 1970-01-01 of a civil date.
inline int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

/// The civil date of a day number.
inline void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

/// Appends `v` >= 0 in decimal, zero-padded to at least `width` digits.
inline void AppendDigits(std::string* out, int64_t v, int width) {
  char buf[24];
  int n = 24;
  do {
    buf[--n] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (24 - n < width) buf[--n] = '0';
  out->append(buf + n, static_cast<size_t>(24 - n));
}

/// Appends "YYYY-MM-DD" (years 0..9999).
inline void AppendDate(std::string* out, int64_t days) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  AppendDigits(out, y, 4);
  out->push_back('-');
  AppendDigits(out, m, 2);
  out->push_back('-');
  AppendDigits(out, d, 2);
}

/// Appends "YYYY-MM-DDTHH:MM:SS.mmmZ" for a non-negative time in milliseconds.
inline void AppendTimestampMillis(std::string* out, int64_t ms) {
  const int64_t days = ms / 86'400'000;
  int64_t rest = ms % 86'400'000;
  AppendDate(out, days);
  out->push_back('T');
  AppendDigits(out, rest / 3'600'000, 2);
  rest %= 3'600'000;
  out->push_back(':');
  AppendDigits(out, rest / 60'000, 2);
  rest %= 60'000;
  out->push_back(':');
  AppendDigits(out, rest / 1000, 2);
  out->push_back('.');
  AppendDigits(out, rest % 1000, 3);
  out->push_back('Z');
}

}  // namespace delta::gen
