// Untrusted text shown in an error message: control bytes and NULs escaped, so a message stays
// one readable line and survives the C ABI's NUL-terminated strings.
#pragma once

#include <string>
#include <string_view>

namespace delta {

/// `s` with bytes below 0x20 and 0x7f written as \0, \n, \t or \xNN, and '\\' as "\\\\";
/// other bytes (UTF-8 included) unchanged.
std::string Printable(std::string_view s);

/// 'Printable(s)', in single quotes: how messages name a file, column, predicate or domain.
std::string Quoted(std::string_view s);

}  // namespace delta
