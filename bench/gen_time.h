// Date and time text for the generator, on the kernel's calendar arithmetic (util/calendar.h).
#pragma once

#include <cstdint>
#include <string>

#include "util/calendar.h"

namespace delta::gen {

using delta::CivilFromDays;
using delta::DaysFromCivil;

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
