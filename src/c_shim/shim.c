/* libdelta_kernel_c.so as a loader: it links no Arrow and holds only the delta_* entry points,
 * each a jump through a slot (trampolines generated from src/c/exported_symbols.txt by
 * cmake/DeltaCApiShim.cmake). When the library is loaded, it dlopen()s the implementation,
 * libdelta_kernel_c_impl.so.1 from its own directory, with RTLD_LOCAL | RTLD_DEEPBIND: the
 * implementation and its private Arrow C++ copies then resolve their symbols among themselves
 * first, so a host's own Arrow (another version, loaded globally) neither interposes on them nor
 * is interposed by them. If the implementation cannot be loaded, every entry point reports why
 * on stderr and aborts: without the signatures there is no error value to return. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shim_slots.h"

static char shim_failure[1024] = "libdelta_kernel_c_impl.so.1 was not loaded";

void dk_shim_unavailable(void) {
  fprintf(stderr, "libdelta_kernel_c: %s\n", shim_failure);
  abort();
}

__attribute__((constructor)) static void dk_shim_load(void) {
  Dl_info self;
  if (dladdr((void*)&dk_shim_unavailable, &self) == 0 || self.dli_fname == NULL) {
    snprintf(shim_failure, sizeof shim_failure, "cannot find its own location (dladdr)");
    return;
  }
  char path[4096];
  const char* slash = strrchr(self.dli_fname, '/');
  int dir_len = slash == NULL ? 1 : (int)(slash - self.dli_fname);
  const char* dir = slash == NULL ? "." : self.dli_fname;
  if (snprintf(path, sizeof path, "%.*s/%s", dir_len, dir, DK_SHIM_IMPL) >= (int)sizeof path) {
    snprintf(shim_failure, sizeof shim_failure, "path too long: %s", self.dli_fname);
    return;
  }
  void* impl = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
  if (impl == NULL) {
    snprintf(shim_failure, sizeof shim_failure, "cannot load %s: %s", path, dlerror());
    return;
  }
  for (unsigned i = 0; i < DK_SHIM_COUNT; ++i) {
    void* fn = dlsym(impl, dk_shim_names[i]);
    if (fn == NULL) {
      /* An implementation older than this loader: only the missing functions fail. */
      snprintf(shim_failure, sizeof shim_failure, "%s lacks %s", path, dk_shim_names[i]);
      continue;
    }
    dk_shim_slots[i] = fn;
  }
}
