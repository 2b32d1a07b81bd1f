// One fuzz target per parser of untrusted bytes. Each source defines its entry point with
// DELTA_FUZZ_TARGET(name): in the libFuzzer build (DELTA_BUILD_FUZZ) that is
// LLVMFuzzerTestOneInput; in the replay build (DELTA_FUZZ_REPLAY, part of the normal tests) it
// registers the function with delta_fuzz_replay, which runs the checked-in seeds and the
// regression inputs of every target through it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace delta::fuzz {

using FuzzFn = int (*)(const uint8_t* data, size_t size);

/// Adds a target to the replay registry (replay build only); returns true.
bool RegisterTarget(const char* name, FuzzFn fn);

/// The input as text.
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// An invariant the parser must keep (a round trip, two paths agreeing): a violation is a bug
/// just like a crash, so it aborts and the fuzzer keeps the input.
[[noreturn]] inline void Fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz invariant violated at %s:%d: %s\n", file, line, what);
  std::abort();
}

}  // namespace delta::fuzz

#define DELTA_FUZZ_CHECK(cond) ((cond) ? (void)0 : ::delta::fuzz::Fail(#cond, __FILE__, __LINE__))

#ifdef DELTA_FUZZ_REPLAY
#define DELTA_FUZZ_TARGET(name)                                    \
  static int DeltaFuzz_##name(const uint8_t* data, size_t size);   \
  [[maybe_unused]] static const bool kDeltaFuzzRegistered_##name = \
      ::delta::fuzz::RegisterTarget(#name, DeltaFuzz_##name);      \
  static int DeltaFuzz_##name(const uint8_t* data, size_t size)
#else
#define DELTA_FUZZ_TARGET(name) \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
#endif
