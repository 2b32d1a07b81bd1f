// Hands memory the allocator holds free back to the operating system, between the phases of a
// long operation: glibc keeps what log replay freed (in the pool threads' arenas, and below a
// mmap threshold that big frees raise to 32 MB) and serves a later phase on the calling thread
// with fresh pages, so the process's resident set is the sum of both phases, not the larger.
#pragma once

namespace delta {

/// malloc_trim(0) where the C library is glibc; nothing elsewhere. Costs a walk of the
/// allocator's free lists (milliseconds), so call it between phases, not in loops.
void ReleaseFreedMemory();

}  // namespace delta
