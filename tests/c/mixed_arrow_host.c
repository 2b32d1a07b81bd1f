/* A host with its own Arrow C++ (another version, e.g. pyarrow 26's libarrow.so.2600, linked
 * before libdelta_kernel_c.so, so it is in the global scope) that uses the C library too:
 * tests/c/mixed_arrow_test.sh. Calls its Arrow, reads a table through delta_*, consuming the
 * ArrowArrayStream, and calls its Arrow again; prints what each side reported.
 *
 *   mixed_arrow_host TABLE PREDICATE  -> "host arrow N", the ids and names, "host arrow N" */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "delta/c/delta_kernel.h"

/* arrow::GetBuildInfo() (a reference to a struct starting with int version, version_major)
 * and arrow::GetCpuThreadPoolCapacity(), called by their C++ names from C. */
extern const int* _ZN5arrow12GetBuildInfoEv(void);
extern int _ZN5arrow24GetCpuThreadPoolCapacityEv(void);

static void host_arrow(void) {
  const int* info = _ZN5arrow12GetBuildInfoEv();
  printf("host arrow %d (threads > 0: %d)\n", info[1], _ZN5arrow24GetCpuThreadPoolCapacityEv() > 0);
}

static int fail(const char* what, delta_error* error) {
  fprintf(stderr, "error: %s: %s\n", what, delta_error_message(error));
  delta_error_free(error);
  return 1;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s TABLE PREDICATE\n", argv[0]);
    return 2;
  }
  host_arrow();
  delta_error* error = NULL;
  delta_engine* engine = delta_engine_new_default(NULL, NULL, 0, &error);
  if (engine == NULL) return fail("engine", error);
  delta_table* table = delta_table_open(argv[1], engine, &error);
  delta_engine_free(engine);
  if (table == NULL) return fail("open", error);
  delta_snapshot* snapshot = delta_table_latest_snapshot(table, &error);
  delta_table_free(table);
  if (snapshot == NULL) return fail("snapshot", error);
  delta_scan_builder* builder = delta_scan_builder_new(snapshot);
  delta_snapshot_free(snapshot);
  const char* columns[] = {"id", "name"};
  if (delta_scan_builder_set_columns(builder, columns, 2, &error) != DELTA_OK ||
      delta_scan_builder_set_predicate_text(builder, argv[2], &error) != DELTA_OK) {
    delta_scan_builder_free(builder);
    return fail("scan options", error);
  }
  delta_scan* scan = delta_scan_builder_build(builder, &error);
  delta_scan_builder_free(builder);
  if (scan == NULL) return fail("scan", error);
  struct ArrowArrayStream stream;
  if (delta_scan_execute(scan, &stream, &error) != DELTA_OK) {
    delta_scan_free(scan);
    return fail("execute", error);
  }
  struct ArrowSchema schema;
  int rc = stream.get_schema(&stream, &schema);
  if (rc == 0) {
    printf("columns %s:%s %s:%s\n", schema.children[0]->name, schema.children[0]->format,
           schema.children[1]->name, schema.children[1]->format);
    schema.release(&schema);
  }
  while (rc == 0) {
    struct ArrowArray batch;
    rc = stream.get_next(&stream, &batch);
    if (rc != 0 || batch.release == NULL) break;
    const struct ArrowArray* ids = batch.children[0];
    const struct ArrowArray* names = batch.children[1];
    const int64_t* id = (const int64_t*)ids->buffers[1] + ids->offset;
    const int32_t* offsets = (const int32_t*)names->buffers[1] + names->offset;
    const char* chars = (const char*)names->buffers[2];
    for (int64_t i = 0; i < batch.length; ++i) {
      printf("row %" PRId64 " %.*s\n", id[i], (int)(offsets[i + 1] - offsets[i]),
             chars + offsets[i]);
    }
    batch.release(&batch);
  }
  if (rc != 0) fprintf(stderr, "error: reading rows: %s\n", stream.get_last_error(&stream));
  stream.release(&stream);
  delta_scan_free(scan);
  host_arrow();
  return rc == 0 ? 0 : 1;
}
