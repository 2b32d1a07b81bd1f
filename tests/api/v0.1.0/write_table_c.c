/* Writes Delta tables through the C API.
 *
 *   write_table SOURCE TARGET
 *
 * Copies the rows of SOURCE for region 'eu-west' into a new table TARGET (created by the write,
 * partitioned by region), appends the 'us-east' rows, then runs two transactions that both
 * remove the same file of TARGET from the same snapshot: the first commits, the second fails
 * with a conflict whose detail names the rule and the winning version. Prints one line per
 * step. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "delta/c/delta_kernel.h"

static int fail(const char* what, delta_error* error) {
  fprintf(stderr, "error: %s: %s: %s\n", what, delta_error_code_name(delta_error_kind(error)),
          delta_error_message(error));
  delta_error_free(error);
  return 1;
}

/* The rows of `table` matching `predicate`, as a stream (`out`). */
static delta_error_code scan_rows(const delta_table* table, const char* predicate,
                                  struct ArrowArrayStream* out, delta_error** error) {
  delta_error_code code = DELTA_ERROR_INVALID_ARGUMENT;
  delta_snapshot* snapshot = delta_table_latest_snapshot(table, error);
  if (snapshot == NULL) return delta_error_kind(*error);
  delta_scan_builder* builder = delta_scan_builder_new(snapshot);
  delta_scan* scan = NULL;
  code = delta_scan_builder_set_predicate_text(builder, predicate, error);
  if (code == DELTA_OK) {
    scan = delta_scan_builder_build(builder, error);
    code = scan == NULL ? delta_error_kind(*error) : delta_scan_execute(scan, out, error);
  }
  delta_scan_free(scan);
  delta_scan_builder_free(builder);
  delta_snapshot_free(snapshot);
  return code;
}

/* Appends the rows of `source` matching `predicate` to the table at `target`. */
static int copy_rows(const delta_engine* engine, const delta_table* source, const char* target,
                     const char* predicate, delta_save_mode mode) {
  delta_error* error = NULL;
  struct ArrowArrayStream rows;
  if (scan_rows(source, predicate, &rows, &error) != DELTA_OK) return fail("scan", error);
  delta_write_options* options = delta_write_options_new();
  const char* partition_by[] = {"region"};
  delta_commit_result result;
  if (delta_write_options_set_mode(options, mode, &error) != DELTA_OK ||
      delta_write_options_set_partition_columns(options, partition_by, 1, &error) != DELTA_OK ||
      delta_write_table(target, engine, &rows, options, &result, &error) != DELTA_OK) {
    delta_write_options_free(options);
    return fail("write", error);
  }
  delta_write_options_free(options);
  printf("wrote %s: version %" PRId64 " (attempts %d)\n", predicate, result.version,
         (int)result.attempts);
  return 0;
}

/* Removes `path` in a transaction begun from `snapshot`. */
static delta_transaction* remove_in_transaction(const delta_snapshot* snapshot, const char* path,
                                                delta_error** error) {
  delta_transaction* txn =
      delta_transaction_begin(snapshot, DELTA_ISOLATION_TABLE_DEFAULT, 0, error);
  if (txn == NULL) return NULL;
  if (delta_transaction_read_file(txn, path, error) != DELTA_OK ||
      delta_transaction_remove_file(txn, path, 1, error) != DELTA_OK) {
    delta_transaction_free(txn);
    return NULL;
  }
  return txn;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: write_table SOURCE TARGET\n");
    return 2;
  }
  int rc = 1;
  delta_error* error = NULL;
  delta_engine* engine = delta_engine_new_default(NULL, NULL, 0, &error);
  if (engine == NULL) return fail("engine", error);
  delta_table* source = delta_table_open(argv[1], engine, &error);
  delta_table* target = NULL;
  delta_snapshot* snapshot = NULL;
  delta_scan_builder* builder = NULL;
  delta_scan* scan = NULL;
  delta_scan_file_iter* files = NULL;
  delta_scan_file* file = NULL;
  delta_transaction* first = NULL;
  delta_transaction* second = NULL;
  if (source == NULL) {
    rc = fail("open", error);
    goto done;
  }
  /* The target does not exist yet: the first write creates it. */
  if (copy_rows(engine, source, argv[2], "region = 'eu-west'", DELTA_SAVE_ERROR_IF_EXISTS) != 0 ||
      copy_rows(engine, source, argv[2], "region = 'us-east'", DELTA_SAVE_APPEND) != 0) {
    goto done;
  }

  /* One live file of the target, to remove twice. */
  target = delta_table_open(argv[2], engine, &error);
  if (target == NULL || (snapshot = delta_table_latest_snapshot(target, &error)) == NULL) {
    rc = fail("target", error);
    goto done;
  }
  printf("target: version %" PRId64 ", %" PRId64 " files\n", delta_snapshot_version(snapshot),
         delta_snapshot_num_files(snapshot));
  builder = delta_scan_builder_new(snapshot);
  if (delta_scan_builder_set_predicate_text(builder, "region = 'us-east'", &error) != DELTA_OK ||
      (scan = delta_scan_builder_build(builder, &error)) == NULL ||
      (files = delta_scan_files(scan, &error)) == NULL ||
      delta_scan_file_iter_next(files, &file, &error) != DELTA_OK || file == NULL) {
    rc = error != NULL ? fail("files", error) : 1;
    goto done;
  }

  first = remove_in_transaction(snapshot, delta_scan_file_path(file), &error);
  second =
      first == NULL ? NULL : remove_in_transaction(snapshot, delta_scan_file_path(file), &error);
  if (second == NULL) {
    rc = fail("transaction", error);
    goto done;
  }
  delta_commit_result result;
  if (delta_transaction_commit(first, &result, &error) != DELTA_OK) {
    rc = fail("commit", error);
    goto done;
  }
  printf("first remove: version %" PRId64 "\n", result.version);
  if (delta_transaction_commit(second, &result, &error) == DELTA_OK) {
    fprintf(stderr, "error: the second remove of the same file committed\n");
    goto done;
  }
  printf("second remove: %s, %s at version %" PRId64 "\n",
         delta_error_code_name(delta_error_kind(error)),
         delta_error_detail_name(delta_error_detail_kind(error)),
         delta_error_detail_version(error));
  delta_error_free(error);
  rc = 0;

done:
  delta_transaction_free(second);
  delta_transaction_free(first);
  delta_scan_file_free(file);
  delta_scan_file_iter_free(files);
  delta_scan_free(scan);
  delta_scan_builder_free(builder);
  delta_snapshot_free(snapshot);
  delta_table_free(target);
  delta_table_free(source);
  delta_engine_free(engine);
  return rc;
}
