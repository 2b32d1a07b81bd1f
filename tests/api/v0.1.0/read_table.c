/* Reads a Delta table through the C API and prints it.
 *
 *   read_table TABLE [PREDICATE]          version, schema, then the rows (matching PREDICATE)
 *   read_table --files TABLE [PREDICATE]  the scan tasks: the files an engine would read
 *
 * PREDICATE uses the SQL-like syntax, e.g. "region = 'us-east' AND quantity > 500".
 * Rows come from the ArrowArrayStream the library returns; this prints the simple Arrow types
 * (integers, floats, booleans, strings, dates, timestamps, decimals) and "?" for others. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "delta/c/delta_kernel.h"

static int fail(const char* what, delta_error* error) {
  fprintf(stderr, "error: %s: %s: %s\n", what, delta_error_code_name(delta_error_kind(error)),
          delta_error_message(error));
  delta_error_free(error);
  return 1;
}

static int is_null(const struct ArrowArray* a, int64_t i) {
  const uint8_t* validity = (const uint8_t*)a->buffers[0];
  int64_t j = a->offset + i;
  return a->null_count != 0 && validity != NULL && !(validity[j / 8] & (1 << (j % 8)));
}

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void print_date(int64_t days) {
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2);
  printf("%04" PRId64 "-%02" PRId64 "-%02" PRId64, y, m, d);
}

static void print_timestamp_micros(int64_t micros, int utc) {
  int64_t secs = micros >= 0 ? micros / 1000000 : -((-micros + 999999) / 1000000);
  int64_t frac = micros - secs * 1000000;
  int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  int64_t rem = secs - days * 86400;
  print_date(days);
  printf("T%02" PRId64 ":%02" PRId64 ":%02" PRId64, rem / 3600, rem % 3600 / 60, rem % 60);
  if (frac != 0) printf(".%06" PRId64, frac);
  if (utc) printf("Z");
}

/* A decimal128 whose unscaled value fits in 64 bits, at `scale`. */
static void print_decimal(const uint8_t* p, int scale) {
  uint64_t lo;
  int64_t hi;
  memcpy(&lo, p, 8);
  memcpy(&hi, p + 8, 8);
  if (!((hi == 0 && lo <= INT64_MAX) || (hi == -1 && lo > (uint64_t)INT64_MAX))) {
    printf("?");
    return;
  }
  int64_t v = (int64_t)lo;
  uint64_t mag = v < 0 ? (uint64_t)(-(v + 1)) + 1 : (uint64_t)v;
  uint64_t pow = 1;
  for (int i = 0; i < scale; ++i) pow *= 10;
  printf("%s%" PRIu64, v < 0 ? "-" : "", mag / pow);
  if (scale > 0) printf(".%0*" PRIu64, scale, mag % pow);
}

static void print_value(const struct ArrowSchema* s, const struct ArrowArray* a, int64_t i) {
  const char* f = s->format;
  int64_t j = a->offset + i;
  if (is_null(a, i)) {
    printf("NULL");
  } else if (strcmp(f, "b") == 0) {
    const uint8_t* bits = (const uint8_t*)a->buffers[1];
    printf("%s", (bits[j / 8] & (1 << (j % 8))) ? "true" : "false");
  } else if (strcmp(f, "c") == 0) {
    printf("%d", ((const int8_t*)a->buffers[1])[j]);
  } else if (strcmp(f, "s") == 0) {
    printf("%d", ((const int16_t*)a->buffers[1])[j]);
  } else if (strcmp(f, "i") == 0) {
    printf("%" PRId32, ((const int32_t*)a->buffers[1])[j]);
  } else if (strcmp(f, "l") == 0) {
    printf("%" PRId64, ((const int64_t*)a->buffers[1])[j]);
  } else if (strcmp(f, "f") == 0) {
    printf("%g", ((const float*)a->buffers[1])[j]);
  } else if (strcmp(f, "g") == 0) {
    printf("%g", ((const double*)a->buffers[1])[j]);
  } else if (strcmp(f, "u") == 0) {
    const int32_t* offsets = (const int32_t*)a->buffers[1];
    printf("%.*s", (int)(offsets[j + 1] - offsets[j]), (const char*)a->buffers[2] + offsets[j]);
  } else if (strcmp(f, "U") == 0) {
    const int64_t* offsets = (const int64_t*)a->buffers[1];
    printf("%.*s", (int)(offsets[j + 1] - offsets[j]), (const char*)a->buffers[2] + offsets[j]);
  } else if (strcmp(f, "tdD") == 0) {
    print_date(((const int32_t*)a->buffers[1])[j]);
  } else if (strncmp(f, "tsu:", 4) == 0) {
    print_timestamp_micros(((const int64_t*)a->buffers[1])[j], f[4] != '\0');
  } else if (strncmp(f, "d:", 2) == 0) {
    const char* comma = strchr(f, ',');
    print_decimal((const uint8_t*)a->buffers[1] + 16 * j, comma ? atoi(comma + 1) : 0);
  } else {
    printf("?");
  }
}

/* Prints every row of a struct batch as "name=value, ...". */
static void print_batch(const struct ArrowSchema* schema, const struct ArrowArray* batch) {
  for (int64_t row = 0; row < batch->length; ++row) {
    for (int64_t c = 0; c < schema->n_children; ++c) {
      printf("%s%s=", c ? ", " : "", schema->children[c]->name);
      print_value(schema->children[c], batch->children[c], batch->offset + row);
    }
    printf("\n");
  }
}

static int print_rows(const delta_scan* scan) {
  delta_error* error = NULL;
  struct ArrowArrayStream stream;
  if (delta_scan_execute(scan, &stream, &error) != DELTA_OK) return fail("execute", error);
  struct ArrowSchema schema;
  int rc = stream.get_schema(&stream, &schema);
  int have_schema = rc == 0;
  int64_t rows = 0;
  while (rc == 0) {
    struct ArrowArray batch;
    rc = stream.get_next(&stream, &batch);
    if (rc != 0 || batch.release == NULL) break; /* error, or end of stream */
    print_batch(&schema, &batch);
    rows += batch.length;
    batch.release(&batch);
  }
  if (rc != 0)
    fprintf(stderr, "error: reading rows: %s\n", stream.get_last_error(&stream));
  else
    printf("%" PRId64 " rows\n", rows);
  if (have_schema) schema.release(&schema);
  stream.release(&stream);
  return rc == 0 ? 0 : 1;
}

static int list_files(const delta_scan* scan) {
  delta_error* error = NULL;
  delta_scan_file_iter* iter = delta_scan_files(scan, &error);
  if (iter == NULL) return fail("listing files", error);
  delta_scan_file* file = NULL;
  while (delta_scan_file_iter_next(iter, &file, &error) == DELTA_OK && file != NULL) {
    printf("%s size=%" PRId64 " records=%" PRId64, delta_scan_file_path(file),
           delta_scan_file_size(file), delta_scan_file_num_records(file));
    const char* column;
    const char* value;
    for (size_t i = 0; delta_scan_file_partition_value(file, i, &column, &value); ++i) {
      printf(" %s=%s", column, value ? value : "NULL");
    }
    if (delta_scan_file_deleted_row_count(file) > 0) {
      delta_deletion_vector* dv = delta_scan_file_deletion_vector(file, &error);
      if (dv == NULL) {
        delta_scan_file_free(file);
        break;
      }
      size_t n = 0;
      const uint64_t* deleted = delta_deletion_vector_row_indexes(dv, &n);
      printf(" deleted=[");
      for (size_t i = 0; i < n; ++i) printf("%s%" PRIu64, i ? "," : "", deleted[i]);
      printf("]");
      delta_deletion_vector_free(dv);
    }
    printf("\n");
    delta_scan_file_free(file);
  }
  int64_t total, pruned, skipped, selected;
  delta_scan_file_iter_counts(iter, &total, &pruned, &skipped, &selected);
  delta_scan_file_iter_free(iter);
  if (error != NULL) return fail("listing files", error);
  printf("%" PRId64 " of %" PRId64 " files (%" PRId64 " pruned by partition, %" PRId64
         " skipped by stats)\n",
         selected, total, pruned, skipped);
  return 0;
}

int main(int argc, char** argv) {
  int files_mode = argc > 1 && strcmp(argv[1], "--files") == 0;
  if (argc - files_mode < 2 || argc - files_mode > 3) {
    fprintf(stderr, "usage: %s [--files] TABLE [PREDICATE]\n", argv[0]);
    return 2;
  }
  const char* location = argv[1 + files_mode];
  const char* predicate = argc - files_mode == 3 ? argv[2 + files_mode] : NULL;

  delta_error* error = NULL;
  delta_engine* engine = delta_engine_new_default(NULL, NULL, 0, &error);
  if (engine == NULL) return fail("engine", error);
  delta_table* table = delta_table_open(location, engine, &error);
  delta_engine_free(engine); /* the table keeps the engine alive */
  if (table == NULL) return fail("open", error);
  delta_snapshot* snapshot = delta_table_latest_snapshot(table, &error);
  delta_table_free(table);
  if (snapshot == NULL) return fail("snapshot", error);

  printf("version %" PRId64 "\n", delta_snapshot_version(snapshot));
  struct ArrowSchema schema;
  if (delta_snapshot_arrow_schema(snapshot, &schema, &error) != DELTA_OK) {
    delta_snapshot_free(snapshot);
    return fail("schema", error);
  }
  printf("schema:");
  for (int64_t i = 0; i < schema.n_children; ++i) {
    printf(" %s:%s", schema.children[i]->name, schema.children[i]->format);
  }
  printf("\n");
  schema.release(&schema);

  delta_scan_builder* builder = delta_scan_builder_new(snapshot);
  delta_snapshot_free(snapshot);
  if (predicate != NULL && delta_scan_builder_set_predicate_text(builder, predicate, &error)) {
    delta_scan_builder_free(builder);
    return fail("predicate", error);
  }
  delta_scan* scan = delta_scan_builder_build(builder, &error);
  delta_scan_builder_free(builder);
  if (scan == NULL) return fail("scan", error);
  int rc = files_mode ? list_files(scan) : print_rows(scan);
  delta_scan_free(scan);
  return rc;
}
