/* Reads every row of a table through the C ABI, for the hostile-table tests.
 *
 *   delta_read_all [-o KEY=VALUE]... TABLE
 *
 * Engine options as delta_engine_new_default takes them. Prints "rows: N" and exits 0, or
 * prints "KIND: message" on stderr and exits with the error code (1 for a stream error). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "delta/c/delta_kernel.h"

#define MAX_OPTIONS 16

static int fail(delta_error* error) {
  int code = (int)delta_error_kind(error);
  fprintf(stderr, "%s: %s\n", delta_error_code_name(delta_error_kind(error)),
          delta_error_message(error));
  delta_error_free(error);
  return code;
}

int main(int argc, char** argv) {
  const char* keys[MAX_OPTIONS] = {0};
  const char* values[MAX_OPTIONS] = {0};
  char* owned[MAX_OPTIONS];
  size_t n = 0;
  int i = 1;
  for (; i + 1 < argc && strcmp(argv[i], "-o") == 0 && n < MAX_OPTIONS; i += 2) {
    char* kv = strdup(argv[i + 1]);
    char* eq = strchr(kv, '=');
    if (eq == NULL) {
      fprintf(stderr, "usage: option %s is not KEY=VALUE\n", kv);
      return 2;
    }
    *eq = '\0';
    owned[n] = kv;
    keys[n] = kv;
    values[n] = eq + 1;
    ++n;
  }
  if (i + 1 != argc) {
    fprintf(stderr, "usage: delta_read_all [-o KEY=VALUE]... TABLE\n");
    return 2;
  }
  delta_error* error = NULL;
  delta_engine* engine = delta_engine_new_default(keys, values, n, &error);
  for (size_t k = 0; k < n; ++k) free(owned[k]);
  if (engine == NULL) return fail(error);
  int rc = 0;
  delta_table* table = NULL;
  delta_snapshot* snapshot = NULL;
  delta_scan_builder* builder = NULL;
  delta_scan* scan = NULL;
  struct ArrowArrayStream stream;
  memset(&stream, 0, sizeof stream);
  table = delta_table_open(argv[i], engine, &error);
  if (table == NULL) goto error;
  snapshot = delta_table_latest_snapshot(table, &error);
  if (snapshot == NULL) goto error;
  builder = delta_scan_builder_new(snapshot);
  scan = delta_scan_builder_build(builder, &error);
  if (scan == NULL) goto error;
  if (delta_scan_execute(scan, &stream, &error) != DELTA_OK) goto error;
  int64_t rows = 0;
  for (;;) {
    struct ArrowArray batch;
    int err = stream.get_next(&stream, &batch);
    if (err != 0) {
      const char* msg = stream.get_last_error(&stream);
      fprintf(stderr, "StreamError(%s): %s\n", err == EINVAL ? "EINVAL" : "EIO",
              msg ? msg : "(no message)");
      rc = 1;
      break;
    }
    if (batch.release == NULL) break;
    rows += batch.length;
    batch.release(&batch);
  }
  if (rc == 0) printf("rows: %" PRId64 "\n", rows);
  goto done;
error:
  rc = fail(error);
done:
  if (stream.release != NULL) stream.release(&stream);
  delta_scan_free(scan);
  delta_scan_builder_free(builder);
  delta_snapshot_free(snapshot);
  delta_table_free(table);
  delta_engine_free(engine);
  return rc;
}
