/* The C ABI of delta-kernel-cpp: read and write Delta tables from C (or any language with a C
 * FFI).
 *
 * ---------------------------------------------------------------------------------------------
 * Conventions (they hold for every function below unless its comment says otherwise)
 * ---------------------------------------------------------------------------------------------
 * Handles. Every object is an opaque handle (`delta_table*`, `delta_snapshot*`, ...). A
 *   function whose comment says "Owned" returns a new handle that the caller must release with
 *   the matching `delta_<type>_free`, exactly once. Every `*_free` accepts NULL. Handles keep
 *   alive whatever they need: a snapshot outlives the table it came from, a scan outlives its
 *   snapshot, and so on, so handles may be freed in any order.
 *
 * Borrowed pointers. Strings and arrays marked "Borrowed" point into the handle they were read
 *   from and stay valid, unchanged, until that handle is freed; never free them. Strings are
 *   NUL-terminated UTF-8. Functions marked "Owned string" return a `char*` the caller frees
 *   with `delta_string_free`.
 *
 * Inputs. Pointer arguments are borrowed for the duration of the call only (the library copies
 *   what it keeps). Passing NULL where a handle or string is required is an InvalidArgument
 *   error, never a crash.
 *
 * Errors. Fallible functions take `delta_error** error` as their last argument. On failure they
 *   return NULL (functions returning a pointer) or a nonzero `delta_error_code` (functions
 *   returning `delta_error_code`), and, when `error` is not NULL, store in `*error` a new error
 *   object (Owned: free with `delta_error_free`) that holds the kind and a message naming the
 *   table, version and file involved. On success `*error` is not touched. Passing NULL for
 *   `error` is allowed when the caller does not want the message.
 *
 * No exceptions cross this boundary and no C++ type appears in it. Bulk data crosses as the
 * Arrow C Data Interface / C Stream Interface (delta/arrow_c.h): ABI-stable, consumable by
 * Arrow C++, arrow-rs, nanoarrow, pyarrow, DuckDB, ... An ArrowSchema or ArrowArrayStream
 * filled by this library is owned by the caller, who calls its `release` callback; streams
 * keep the table data they need alive on their own.
 *
 * Threads. Handles are immutable once built and may be used from several threads at once,
 * except iterators (`delta_scan_file_iter`), builders (`delta_scan_builder`,
 * `delta_write_options`) and transactions (`delta_transaction`), which must be used by one
 * thread at a time. Error objects are per call.
 *
 * Compatibility. Symbols are only ever added within one ABI version; `delta_abi_version()`
 * returns DELTA_C_ABI_VERSION of the library actually loaded.
 */
#ifndef DELTA_C_DELTA_KERNEL_H_
#define DELTA_C_DELTA_KERNEL_H_

#include <stddef.h>
#include <stdint.h>

#include "delta/arrow_c.h"

#if defined(_WIN32)
#if defined(DELTA_C_BUILDING)
#define DELTA_C_API __declspec(dllexport)
#else
#define DELTA_C_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define DELTA_C_API __attribute__((visibility("default")))
#else
#define DELTA_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes (also the shared library's SONAME version). */
#define DELTA_C_ABI_VERSION 1

/* ============================================================================================
 * Library and errors
 * ========================================================================================== */

/** DELTA_C_ABI_VERSION of the loaded library; compare with the header's to detect a mismatch. */
DELTA_C_API uint32_t delta_abi_version(void);

/** The library's release version, e.g. "0.1.0". Static string. */
DELTA_C_API const char* delta_library_version(void);

/** What went wrong, phrased as what the caller can do about it. */
typedef enum delta_error_code {
  DELTA_OK = 0,
  DELTA_ERROR_NOT_FOUND = 1,         /**< table, version, file or key does not exist */
  DELTA_ERROR_INVALID_TABLE = 2,     /**< corrupt or inconsistent log or data */
  DELTA_ERROR_UNSUPPORTED = 3,       /**< a feature this kernel does not implement (named) */
  DELTA_ERROR_CONFLICT = 4,          /**< a concurrent commit won; retryable */
  DELTA_ERROR_IO = 5,                /**< storage failed (may be transient) */
  DELTA_ERROR_INVALID_ARGUMENT = 6,  /**< the caller passed something wrong */
  DELTA_ERROR_PERMISSION_DENIED = 7, /**< storage or the location policy refused access */
  DELTA_ERROR_CANCELLED = 8,         /**< the operation was cancelled */
  DELTA_ERROR_INTERNAL = 9,          /**< a bug in this library */
  /** out of memory or threads; the message names what was being read */
  DELTA_ERROR_RESOURCE_EXHAUSTED = 10,
  /** Not a code: makes every int a value of the type, so an out-of-range value passed in
   *  is rejected rather than undefined behaviour in the C++ implementation. */
  DELTA_ERROR_CODE_FORCE_INT_ = 0x7fffffff
} delta_error_code;

/** An error: a kind, a message and, for some, a detail (delta_error_detail_kind). */
typedef struct delta_error delta_error;

/** The error's kind. DELTA_ERROR_INVALID_ARGUMENT for a NULL error. */
DELTA_C_API delta_error_code delta_error_kind(const delta_error* error);
/** The message, without the kind. Borrowed (valid until the error is freed); "" for NULL. */
DELTA_C_API const char* delta_error_message(const delta_error* error);
/** Frees an error. Accepts NULL. */
DELTA_C_API void delta_error_free(delta_error* error);
/** The stable name of a kind: "NotFound", "InvalidTable", ... Static string. */
DELTA_C_API const char* delta_error_code_name(delta_error_code code);

/** The finer reason some errors carry besides their kind: which concurrent change a
 *  DELTA_ERROR_CONFLICT lost to, or that a commit's outcome is unknown. */
typedef enum delta_error_detail_code {
  DELTA_DETAIL_NONE = 0,
  DELTA_DETAIL_ALREADY_EXISTS = 1,    /**< CONFLICT: create-if-absent found the name taken */
  DELTA_DETAIL_PROTOCOL_CHANGED = 2,  /**< CONFLICT: a concurrent commit changed the protocol */
  DELTA_DETAIL_METADATA_CHANGED = 3,  /**< CONFLICT: ... changed the metadata */
  DELTA_DETAIL_CONCURRENT_APPEND = 4, /**< CONFLICT: ... added files this one would have read */
  DELTA_DETAIL_CONCURRENT_DELETE_READ = 5,     /**< CONFLICT: ... removed a file this one read */
  DELTA_DETAIL_CONCURRENT_DELETE_DELETE = 6,   /**< CONFLICT: ... removed a file this one removes */
  DELTA_DETAIL_CONCURRENT_TRANSACTION = 7,     /**< CONFLICT: ... a txn for the same app id */
  DELTA_DETAIL_CONCURRENT_DOMAIN_METADATA = 8, /**< CONFLICT: ... changed the same domain */
  DELTA_DETAIL_CONCURRENT_WRITE = 9,           /**< CONFLICT: any other concurrent change */
  /** IO: the reply to a conditional put was lost: the commit may or may not have landed */
  DELTA_DETAIL_COMMIT_STATE_UNKNOWN = 10,
  /** Not a code (see DELTA_ERROR_CODE_FORCE_INT_). */
  DELTA_DETAIL_CODE_FORCE_INT_ = 0x7fffffff
} delta_error_detail_code;

/** The error's detail; DELTA_DETAIL_NONE when it has none or is NULL. */
DELTA_C_API delta_error_detail_code delta_error_detail_kind(const delta_error* error);
/** The version of the detail: the winning commit's (a conflict) or the one whose outcome is
 *  unknown; -1 when not known, when there is no detail or for NULL. */
DELTA_C_API int64_t delta_error_detail_version(const delta_error* error);
/** What the detail names (a file, predicate, domain or app id); "" when nothing. Borrowed
 *  (valid until the error is freed). */
DELTA_C_API const char* delta_error_detail_subject(const delta_error* error);
/** The stable name of a detail: "None", "AlreadyExists", "ConcurrentAppend", ... Static
 *  string; "Unknown" for a value out of range. */
DELTA_C_API const char* delta_error_detail_name(delta_error_detail_code code);

/** Frees a string returned as "Owned string". Accepts NULL. */
DELTA_C_API void delta_string_free(char* s);

/* ============================================================================================
 * Engine and table
 * ========================================================================================== */

/** The default engine: local storage, Parquet reading, a CPU thread pool. */
typedef struct delta_engine delta_engine;

/** Owned. The default engine. `option_keys` / `option_values` hold `num_options` settings:
 *  "cpu_threads" (default: one per hardware thread), "io_concurrency" (default 16),
 *  "external_locations" ("same-store", the default, lets a table's log point at absolute
 *  locations on the table's own storage; "none" refuses every location outside the table),
 *  "allow_location" (a further directory or URI prefix a table may point at; repeatable); any
 *  other key is a storage option (credentials, region, ...) for object stores. Both arrays may
 *  be NULL when `num_options` is 0. InvalidArgument for a malformed value. A location the
 *  policy refuses fails the read that needs it with DELTA_ERROR_PERMISSION_DENIED. */
DELTA_C_API delta_engine* delta_engine_new_default(const char* const* option_keys,
                                                   const char* const* option_values,
                                                   size_t num_options, delta_error** error);
DELTA_C_API void delta_engine_free(delta_engine* engine);

/** A Delta table at a location. */
typedef struct delta_table delta_table;

/** Owned. The table at `location` (a local path, relative or absolute, or a file: URI;
 *  file:rel/path is relative to the working directory), read through `engine` (which the
 *  table keeps alive). Nothing is read yet: a missing table is reported by the first
 *  snapshot. */
DELTA_C_API delta_table* delta_table_open(const char* location, const delta_engine* engine,
                                          delta_error** error);
DELTA_C_API void delta_table_free(delta_table* table);
/** Borrowed. The table root as a normalised URI. */
DELTA_C_API const char* delta_table_location(const delta_table* table);

/* ============================================================================================
 * Snapshots: the table at one version
 * ========================================================================================== */

typedef struct delta_snapshot delta_snapshot;

/** Owned. The newest snapshot. NotFound naming the location when there is no table there. */
DELTA_C_API delta_snapshot* delta_table_latest_snapshot(const delta_table* table,
                                                        delta_error** error);
/** Owned. The snapshot at exactly `version`; NotFound when the log does not hold it. */
DELTA_C_API delta_snapshot* delta_table_snapshot_at_version(const delta_table* table,
                                                            int64_t version, delta_error** error);
/** Owned. The snapshot current at `timestamp_ms` (ms since the epoch): the newest commit at or
 *  before it. NotFound for a time before the earliest or after the newest commit. */
DELTA_C_API delta_snapshot* delta_table_snapshot_at_timestamp(const delta_table* table,
                                                              int64_t timestamp_ms,
                                                              delta_error** error);
/** How a snapshot holds the table's live files (FileListMode in delta/snapshot.h). */
typedef enum delta_file_list_mode {
  /** Every live file is replayed into the snapshot while loading (the default elsewhere). */
  DELTA_FILE_LIST_IN_MEMORY = 0,
  /** Only the commits after the checkpoint and the checkpoint's non-file actions are read;
   *  each scan streams the checkpoint's files in parallel and keeps none: for one scan of a
   *  large table, far less time and memory. */
  DELTA_FILE_LIST_STREAMED = 1,
  DELTA_FILE_LIST_FORCE_INT_ = 0x7fffffff
} delta_file_list_mode;

/** Owned. The snapshot at `version` (-1: latest) holding its files as `mode` says.
 *  InvalidArgument for an unknown mode or a version below -1; NotFound as above. */
DELTA_C_API delta_snapshot* delta_table_snapshot(const delta_table* table, int64_t version,
                                                 delta_file_list_mode mode, delta_error** error);
/** Owned. A snapshot at `version` (-1: latest) built from `snapshot`, reading only the newer
 *  commits; it holds its files the way `snapshot` does. */
DELTA_C_API delta_snapshot* delta_snapshot_refresh(const delta_snapshot* snapshot, int64_t version,
                                                   delta_error** error);
DELTA_C_API void delta_snapshot_free(delta_snapshot* snapshot);

/** The snapshot's version; -1 for NULL. */
DELTA_C_API int64_t delta_snapshot_version(const delta_snapshot* snapshot);
/** Commit timestamp of this version in ms since the epoch (in-commit timestamp when enabled,
 *  else the commit file's modification time). */
DELTA_C_API int64_t delta_snapshot_timestamp(const delta_snapshot* snapshot);
/** Borrowed. The table root URI. */
DELTA_C_API const char* delta_snapshot_table_location(const delta_snapshot* snapshot);
/** 1 when the snapshot holds its file list; 0 for a DELTA_FILE_LIST_STREAMED snapshot whose
 *  checkpoint's files are left to its scans; -1 for NULL. */
DELTA_C_API int delta_snapshot_has_file_list(const delta_snapshot* snapshot);
/** Number of live data files; -1 for NULL or without a file list (scan to count them). */
DELTA_C_API int64_t delta_snapshot_num_files(const delta_snapshot* snapshot);
/** Sum of the live files' sizes in bytes; -1 for NULL or without a file list. */
DELTA_C_API int64_t delta_snapshot_total_bytes(const delta_snapshot* snapshot);
/** Version of the checkpoint the snapshot was built from, or -1 when none. */
DELTA_C_API int64_t delta_snapshot_checkpoint_version(const delta_snapshot* snapshot);

/* --- schema --------------------------------------------------------------------------------- */

/** Borrowed. The logical schema in the protocol's JSON form ({"type":"struct","fields":...}). */
DELTA_C_API const char* delta_snapshot_schema_json(const delta_snapshot* snapshot);
/** Fills `out` (caller-owned afterwards: call out->release) with the logical schema as an Arrow
 *  struct schema: timestamp = timestamp[us, UTC], timestamp_ntz = timestamp[us], decimal =
 *  decimal128, variant = struct<value, metadata>. Unsupported for a table the scan cannot read. */
DELTA_C_API delta_error_code delta_snapshot_arrow_schema(const delta_snapshot* snapshot,
                                                         struct ArrowSchema* out,
                                                         delta_error** error);
/** Number of partition columns. */
DELTA_C_API size_t delta_snapshot_num_partition_columns(const delta_snapshot* snapshot);
/** Borrowed. Partition column `i` (logical name), or NULL when out of range. */
DELTA_C_API const char* delta_snapshot_partition_column(const delta_snapshot* snapshot, size_t i);

/* --- protocol ------------------------------------------------------------------------------- */

DELTA_C_API int32_t delta_snapshot_min_reader_version(const delta_snapshot* snapshot);
DELTA_C_API int32_t delta_snapshot_min_writer_version(const delta_snapshot* snapshot);
/** Number of reader features (0 when the protocol has no feature list). */
DELTA_C_API size_t delta_snapshot_num_reader_features(const delta_snapshot* snapshot);
/** Borrowed. Reader feature `i`, or NULL when out of range. */
DELTA_C_API const char* delta_snapshot_reader_feature(const delta_snapshot* snapshot, size_t i);
DELTA_C_API size_t delta_snapshot_num_writer_features(const delta_snapshot* snapshot);
DELTA_C_API const char* delta_snapshot_writer_feature(const delta_snapshot* snapshot, size_t i);

/* --- metadata ------------------------------------------------------------------------------- */

/** Borrowed. metaData.id. */
DELTA_C_API const char* delta_snapshot_table_id(const delta_snapshot* snapshot);
/** Borrowed. metaData.name, or NULL when absent. */
DELTA_C_API const char* delta_snapshot_table_name(const delta_snapshot* snapshot);
/** Borrowed. metaData.description, or NULL when absent. */
DELTA_C_API const char* delta_snapshot_table_description(const delta_snapshot* snapshot);
/** Borrowed. metaData.format.provider ("parquet"). */
DELTA_C_API const char* delta_snapshot_format_provider(const delta_snapshot* snapshot);
/** metaData.createdTime in ms, or -1 when absent. */
DELTA_C_API int64_t delta_snapshot_created_time(const delta_snapshot* snapshot);

/* --- table properties (metaData.configuration) ---------------------------------------------- */

/** Number of table properties (every key of metaData.configuration). */
DELTA_C_API size_t delta_snapshot_num_properties(const delta_snapshot* snapshot);
/** Borrowed. Property `i` in key order: sets `*key` and `*value`; returns 0 when `i` is out of
 *  range (then both are set to NULL), 1 otherwise. */
DELTA_C_API int delta_snapshot_property_at(const delta_snapshot* snapshot, size_t i,
                                           const char** key, const char** value);
/** Borrowed. The value of property `key` as written, or NULL when absent. */
DELTA_C_API const char* delta_snapshot_property(const delta_snapshot* snapshot, const char* key);

/** The delta.* properties the kernel acts on, validated and with the protocol's defaults. */
typedef struct delta_table_properties delta_table_properties;

/** Owned. The typed table properties. InvalidTable naming the key and value when a known
 *  property has a malformed value. */
DELTA_C_API delta_table_properties* delta_snapshot_table_properties(const delta_snapshot* snapshot,
                                                                    delta_error** error);
DELTA_C_API void delta_table_properties_free(delta_table_properties* props);
/** delta.appendOnly (default 0). */
DELTA_C_API int delta_table_properties_append_only(const delta_table_properties* props);
/** delta.enableChangeDataFeed (default 0). */
DELTA_C_API int delta_table_properties_change_data_feed(const delta_table_properties* props);
/** delta.enableDeletionVectors (default 0). */
DELTA_C_API int delta_table_properties_deletion_vectors(const delta_table_properties* props);
/** delta.enableInCommitTimestamps (default 0). */
DELTA_C_API int delta_table_properties_in_commit_timestamps(const delta_table_properties* props);
/** delta.enableRowTracking (default 0). */
DELTA_C_API int delta_table_properties_row_tracking(const delta_table_properties* props);
/** Static string. delta.columnMapping.mode: "none", "id" or "name". */
DELTA_C_API const char* delta_table_properties_column_mapping_mode(
    const delta_table_properties* props);
/** delta.checkpointInterval (default 10). */
DELTA_C_API int64_t delta_table_properties_checkpoint_interval(const delta_table_properties* props);
/** delta.logRetentionDuration in ms (default 30 days). */
DELTA_C_API int64_t delta_table_properties_log_retention_ms(const delta_table_properties* props);
/** delta.deletedFileRetentionDuration in ms (default 7 days). */
DELTA_C_API int64_t
delta_table_properties_deleted_file_retention_ms(const delta_table_properties* props);
/** delta.dataSkippingNumIndexedCols (default 32; -1 means every column). */
DELTA_C_API int32_t
delta_table_properties_data_skipping_num_indexed_cols(const delta_table_properties* props);

/* ============================================================================================
 * Expressions: predicates for scans
 * ========================================================================================== */

/** An immutable expression tree. Semantics are SQL's (three-valued logic). */
typedef struct delta_expr delta_expr;

/** Comparison operators. DELTA_CMP_NULL_SAFE_EQ is `<=>`. */
typedef enum delta_compare_op {
  DELTA_CMP_EQ = 0,
  DELTA_CMP_NE = 1,
  DELTA_CMP_LT = 2,
  DELTA_CMP_LE = 3,
  DELTA_CMP_GT = 4,
  DELTA_CMP_GE = 5,
  DELTA_CMP_NULL_SAFE_EQ = 6,
  /** Not an operator (see DELTA_ERROR_CODE_FORCE_INT_). */
  DELTA_CMP_FORCE_INT_ = 0x7fffffff
} delta_compare_op;

/* Builders. Each returns an Owned expression (free with delta_expr_free). Operand expressions
 * are borrowed: the new tree shares them, so the caller frees its operands independently.
 * Builders fail (return NULL) only for a NULL or invalid argument or when memory runs out. */

/** Owned. A column by dotted path ("a.b" is field b of struct a), resolved case-insensitively
 *  when the scan binds the predicate. */
DELTA_C_API delta_expr* delta_expr_column(const char* dotted_path);
/** Owned. A column by explicit name path (for names containing dots). */
DELTA_C_API delta_expr* delta_expr_column_path(const char* const* names, size_t num_names);
DELTA_C_API delta_expr* delta_expr_bool(int value);
DELTA_C_API delta_expr* delta_expr_int32(int32_t value);
DELTA_C_API delta_expr* delta_expr_int64(int64_t value);
DELTA_C_API delta_expr* delta_expr_float(float value);
DELTA_C_API delta_expr* delta_expr_double(double value);
/** Owned. A string literal (`value` is NUL-terminated UTF-8). */
DELTA_C_API delta_expr* delta_expr_string(const char* value);
/** Owned. A binary literal of `size` bytes (data may be NULL when size is 0). */
DELTA_C_API delta_expr* delta_expr_binary(const uint8_t* data, size_t size);
/** Owned. A date: days since 1970-01-01. */
DELTA_C_API delta_expr* delta_expr_date(int32_t days);
/** Owned. A timestamp: microseconds since 1970-01-01T00:00:00Z. */
DELTA_C_API delta_expr* delta_expr_timestamp(int64_t micros);
/** Owned. A timestamp_ntz: microseconds of a zone-less wall-clock time. */
DELTA_C_API delta_expr* delta_expr_timestamp_ntz(int64_t micros);
/** Owned. decimal(precision, scale) whose unscaled value is the two's complement 128-bit
 *  integer high:low. NULL when precision/scale are out of range or the value does not fit. */
DELTA_C_API delta_expr* delta_expr_decimal(int64_t unscaled_high, uint64_t unscaled_low,
                                           int32_t precision, int32_t scale);
/** Owned. An untyped NULL literal. */
DELTA_C_API delta_expr* delta_expr_null(void);
/** Owned. `left op right`. */
DELTA_C_API delta_expr* delta_expr_compare(delta_compare_op op, const delta_expr* left,
                                           const delta_expr* right);
/** Owned. Conjunction of `num_operands` operands (one: itself; none: TRUE). */
DELTA_C_API delta_expr* delta_expr_and(const delta_expr* const* operands, size_t num_operands);
/** Owned. Disjunction of `num_operands` operands (one: itself; none: FALSE). */
DELTA_C_API delta_expr* delta_expr_or(const delta_expr* const* operands, size_t num_operands);
DELTA_C_API delta_expr* delta_expr_not(const delta_expr* operand);
DELTA_C_API delta_expr* delta_expr_is_null(const delta_expr* operand);
DELTA_C_API delta_expr* delta_expr_is_not_null(const delta_expr* operand);
/** Owned. `value IN (list...)`; the list must hold literals (checked when the scan binds). */
DELTA_C_API delta_expr* delta_expr_in(const delta_expr* value, const delta_expr* const* list,
                                      size_t list_size);

/** Owned. Parses the SQL-like predicate syntax, e.g. "region = 'us' AND qty > 5 OR x IS NULL"
 *  (see include/delta/expression.h for the grammar). InvalidArgument naming the 1-based
 *  character position and what was expected. */
DELTA_C_API delta_expr* delta_expr_parse(const char* text, delta_error** error);
/** Owned string. SQL text of the expression that delta_expr_parse reads back. */
DELTA_C_API char* delta_expr_to_string(const delta_expr* expr);
DELTA_C_API void delta_expr_free(delta_expr* expr);

/* ============================================================================================
 * Scans
 * ========================================================================================== */

/** Collects the options of a scan; not thread-safe. */
typedef struct delta_scan_builder delta_scan_builder;
/** A planned read of a snapshot. */
typedef struct delta_scan delta_scan;

/** Owned. A builder reading every column and row of `snapshot`. NULL when snapshot is NULL. */
DELTA_C_API delta_scan_builder* delta_scan_builder_new(const delta_snapshot* snapshot);
DELTA_C_API void delta_scan_builder_free(delta_scan_builder* builder);
/** Selects columns in this order: top-level names or dotted paths into structs, and metadata
 *  columns "_file_path", "_row_index", "_row_id", "_row_commit_version". Replaces an earlier
 *  selection; `num_columns` 0 with NULL `columns` selects every column again. */
DELTA_C_API delta_error_code delta_scan_builder_set_columns(delta_scan_builder* builder,
                                                            const char* const* columns,
                                                            size_t num_columns,
                                                            delta_error** error);
/** Keeps only rows for which `predicate` is TRUE (NULL: all rows). The builder shares it. */
DELTA_C_API delta_error_code delta_scan_builder_set_predicate(delta_scan_builder* builder,
                                                              const delta_expr* predicate,
                                                              delta_error** error);
/** Parses `text` (delta_expr_parse) and sets it as the predicate. */
DELTA_C_API delta_error_code delta_scan_builder_set_predicate_text(delta_scan_builder* builder,
                                                                   const char* text,
                                                                   delta_error** error);
/** Returns at most `limit` rows (-1: no limit). */
DELTA_C_API delta_error_code delta_scan_builder_set_limit(delta_scan_builder* builder,
                                                          int64_t limit, delta_error** error);
/** Enables (1, the default) or disables (0) skipping files by partition values and by column
 *  statistics. The rows returned are the same either way. */
DELTA_C_API delta_error_code delta_scan_builder_set_skipping(delta_scan_builder* builder,
                                                             int enabled, delta_error** error);
/** Owned. Validates the options against the snapshot and plans the scan: InvalidArgument naming
 *  an unknown column or a mistyped comparison; Unsupported for a table the scan cannot read.
 *  The builder stays usable. */
DELTA_C_API delta_scan* delta_scan_builder_build(const delta_scan_builder* builder,
                                                 delta_error** error);
DELTA_C_API void delta_scan_free(delta_scan* scan);

/** Fills `out` (caller-owned afterwards) with the Arrow schema of the rows the scan returns. */
DELTA_C_API delta_error_code delta_scan_output_schema(const delta_scan* scan,
                                                      struct ArrowSchema* out, delta_error** error);
/** Fills `out` with the columns to read from each data file: the names as stored in the files
 *  (physical names under column mapping, "PARQUET:field_id" metadata in id mode). For engines
 *  that read files themselves. */
DELTA_C_API delta_error_code delta_scan_physical_schema(const delta_scan* scan,
                                                        struct ArrowSchema* out,
                                                        delta_error** error);
/** Owned string. The predicate bound to the table schema as SQL text, or NULL without one. */
DELTA_C_API char* delta_scan_predicate_string(const delta_scan* scan);

/** Where one output column of a scan comes from (for engines that read files themselves). */
typedef enum delta_column_source {
  DELTA_COLUMN_PHYSICAL = 0,  /**< a column of the data file: physical schema field `index` */
  DELTA_COLUMN_PARTITION = 1, /**< the file's value of partition column `name` */
  DELTA_COLUMN_METADATA = 2,  /**< a metadata column (_file_path, _row_index, ...) */
  DELTA_COLUMN_NULL = 3,      /**< always null */
  /** Not a source (see DELTA_ERROR_CODE_FORCE_INT_). */
  DELTA_COLUMN_SOURCE_FORCE_INT_ = 0x7fffffff
} delta_column_source;

/** Number of output columns. */
DELTA_C_API size_t delta_scan_num_columns(const delta_scan* scan);
/** Output column `i`: sets its source, `*name` (Borrowed: the logical output name) and
 *  `*physical_index` (index into the physical schema, or -1). Returns 0 when `i` is out of
 *  range, 1 otherwise. Any out-pointer may be NULL. */
DELTA_C_API int delta_scan_column(const delta_scan* scan, size_t i, delta_column_source* source,
                                  const char** name, int32_t* physical_index);

/** Runs the scan on the table's engine and fills `out` (caller-owned afterwards: call
 *  out->release) with the rows as struct arrays shaped like delta_scan_output_schema():
 *  deletion vectors applied, the predicate evaluated exactly, partition values filled in.
 *  Batches come in no particular order. Stream errors (get_next returning EIO for storage
 *  kinds, EINVAL for the others) carry a message from get_last_error, "<Arrow code>: <Kind>:
 *  <message>", naming the table, the version and the file. */
DELTA_C_API delta_error_code delta_scan_execute(const delta_scan* scan,
                                                struct ArrowArrayStream* out, delta_error** error);

/* --- change data feed --------------------------------------------------------------------- */

/** The change data feed of versions [start_version, end_version] (end_version < 0: up to the
 *  latest) as rows in `out` (caller-owned afterwards: call out->release): the end version's
 *  columns, then _change_type (string: insert, delete, update_preimage, update_postimage),
 *  _commit_version (int64) and _commit_timestamp (timestamp us UTC). `predicate` (Borrowed, may
 *  be NULL) keeps the rows for which it is true and may name the three change columns.
 *  DELTA_ERROR_UNSUPPORTED (naming the version) when delta.enableChangeDataFeed was not true
 *  over the whole range or the schema changed incompatibly; DELTA_ERROR_NOT_FOUND when a
 *  bound is after the latest version; DELTA_ERROR_INVALID_ARGUMENT when start > end. */
DELTA_C_API delta_error_code delta_table_changes(const delta_table* table, int64_t start_version,
                                                 int64_t end_version, const delta_expr* predicate,
                                                 struct ArrowArrayStream* out, delta_error** error);

/* --- scan tasks: the files to read, for engines that read files themselves ------------------ */

typedef struct delta_scan_file_iter delta_scan_file_iter;
/** One data file to read. */
typedef struct delta_scan_file delta_scan_file;

/** Owned. Iterates the files the scan selects (pruned, skipped), in no particular order: the
 *  selected rows of delta_scan_metadata's batches, one at a time, planned ahead in parallel. */
DELTA_C_API delta_scan_file_iter* delta_scan_files(const delta_scan* scan, delta_error** error);
/** Advances: on success returns DELTA_OK and sets `*file` to the next file (Owned: free with
 *  delta_scan_file_free) or to NULL when there are no more. */
DELTA_C_API delta_error_code delta_scan_file_iter_next(delta_scan_file_iter* iter,
                                                       delta_scan_file** file, delta_error** error);
/** Planning counts over the files looked at so far (final once next returned NULL). Any
 *  out-pointer may be NULL. */
DELTA_C_API void delta_scan_file_iter_counts(const delta_scan_file_iter* iter, int64_t* total_files,
                                             int64_t* pruned_by_partition,
                                             int64_t* skipped_by_stats, int64_t* selected_files);
DELTA_C_API void delta_scan_file_iter_free(delta_scan_file_iter* iter);

/** The same plan as Arrow batches, with no per-file handle: fills `out` (caller-owned
 *  afterwards: call out->release) with struct rows, one per live file of the snapshot, of
 *  these columns: path (utf8, as in the log), size and modificationTime (int64), stats (utf8,
 *  the JSON statistics; null when absent), deletionVector (struct<storageType: utf8,
 *  pathOrInlineDv: utf8, offset: int32, sizeInBytes: int32, cardinality: int64>; null when
 *  none), baseRowId and defaultRowCommitVersion (int64, row tracking), partitionValues (a struct
 *  with one column per partition column, named by its logical name and typed as in
 *  delta_scan_output_schema; empty for unpartitioned tables), and selected (bool, never null):
 *  the selection vector, true for the files the scan reads, false for those partition pruning
 *  or data skipping dropped. Planning runs as the stream is pulled, ahead in parallel; a
 *  planning error makes get_next fail (EIO) with get_last_error naming the file. */
DELTA_C_API delta_error_code delta_scan_metadata(const delta_scan* scan,
                                                 struct ArrowArrayStream* out, delta_error** error);

DELTA_C_API void delta_scan_file_free(delta_scan_file* file);
/** Borrowed. Absolute URI of the data file. */
DELTA_C_API const char* delta_scan_file_location(const delta_scan_file* file);
/** Borrowed. The path as written in the log (relative and URI-encoded, or absolute). */
DELTA_C_API const char* delta_scan_file_path(const delta_scan_file* file);
/** Size in bytes. */
DELTA_C_API int64_t delta_scan_file_size(const delta_scan_file* file);
DELTA_C_API int64_t delta_scan_file_modification_time(const delta_scan_file* file);
/** Number of records from the file's statistics (before deletion vectors), or -1 unknown. */
DELTA_C_API int64_t delta_scan_file_num_records(const delta_scan_file* file);
/** Number of partition values (one per partition column of the table). */
DELTA_C_API size_t delta_scan_file_num_partition_values(const delta_scan_file* file);
/** Borrowed. Partition value `i`: `*column` gets the logical column name and `*value` the value
 *  as text, or NULL for a null value. Text forms: integers and decimals in plain decimal
 *  ("-12", "3.50"), booleans "true"/"false", floats as the shortest round-trip text (NaN,
 *  Infinity, -Infinity), dates "YYYY-MM-DD", timestamps "YYYY-MM-DD HH:MM:SS[.ffffff]" (UTC
 *  for timestamp, wall clock for timestamp_ntz), strings and binaries as their bytes. Returns 0
 *  when `i` is out of range, 1 otherwise. */
DELTA_C_API int delta_scan_file_partition_value(const delta_scan_file* file, size_t i,
                                                const char** column, const char** value);
/** Borrowed. The text of partition column `column` (exact logical name), or NULL when it is
 *  null or not a partition column. */
DELTA_C_API const char* delta_scan_file_partition_value_of(const delta_scan_file* file,
                                                           const char* column);
/** Row tracking: base row id, or -1 when absent. */
DELTA_C_API int64_t delta_scan_file_base_row_id(const delta_scan_file* file);
/** Number of rows the file's deletion vector deletes; 0 when it has none. */
DELTA_C_API int64_t delta_scan_file_deleted_row_count(const delta_scan_file* file);

/** The deleted rows of one data file: 0-based row indexes into the Parquet file. */
typedef struct delta_deletion_vector delta_deletion_vector;

/** Owned. Loads the file's deletion vector (from the log or its DV file, checked) through the
 *  engine; an empty one when the file has none. InvalidTable for a missing or corrupt DV. */
DELTA_C_API delta_deletion_vector* delta_scan_file_deletion_vector(const delta_scan_file* file,
                                                                   delta_error** error);
DELTA_C_API void delta_deletion_vector_free(delta_deletion_vector* dv);
/** Number of deleted rows. */
DELTA_C_API uint64_t delta_deletion_vector_cardinality(const delta_deletion_vector* dv);
/** Borrowed. The deleted row indexes, ascending; `*count` gets their number. */
DELTA_C_API const uint64_t* delta_deletion_vector_row_indexes(const delta_deletion_vector* dv,
                                                              size_t* count);
/** 1 when row `row_index` is deleted. */
DELTA_C_API int delta_deletion_vector_contains(const delta_deletion_vector* dv, uint64_t row_index);
/** A selection vector for rows [first_row, first_row + num_rows): writes keep[i] = 0 when row
 *  first_row + i is deleted and 1 otherwise into the caller's `num_rows` bytes. */
DELTA_C_API void delta_deletion_vector_fill_selection(const delta_deletion_vector* dv,
                                                      uint64_t first_row, uint64_t num_rows,
                                                      uint8_t* keep);

/* ============================================================================================
 * Writing: create a table, write Arrow data to it, and transactions
 * ========================================================================================== */

/** What a commit did (filled by delta_create_table, delta_write_table and
 *  delta_transaction_commit on success). */
typedef struct delta_commit_result {
  /** The version committed; when nothing was committed (committed == 0), the table version
   *  that was read and found to need no commit. */
  int64_t version;
  /** 1 when a new version was written; 0 when the write was skipped: the table already holds
   *  the transaction's (app id, version), or a create/write in "ignore" mode found the table. */
  int32_t committed;
  /** Put attempts made (1 when the first one won the race; 0 when nothing was written). */
  int32_t attempts;
  /** Number of concurrent commits this one was checked against and rebased onto. */
  int32_t num_rebases;
  /** commitInfo.timestamp written (ms since the epoch); 0 when nothing was committed. */
  int64_t timestamp;
  /** The in-commit timestamp written, or -1 when the table has none. */
  int64_t in_commit_timestamp;
} delta_commit_result;

/** What delta_create_table does when a table exists at the location. */
typedef enum delta_create_mode {
  /** DELTA_ERROR_CONFLICT with detail DELTA_DETAIL_ALREADY_EXISTS naming the location. */
  DELTA_CREATE_ERROR_IF_EXISTS = 0,
  DELTA_CREATE_IGNORE = 1, /**< leave it; the result's committed is 0 */
  /** a new version with the new schema, partitioning and properties; every file removed */
  DELTA_CREATE_REPLACE = 2,
  DELTA_CREATE_MODE_FORCE_INT_ = 0x7fffffff
} delta_create_mode;

/** Creates the table at `location` through `engine` with the schema given as
 *  the protocol's JSON form (what delta_snapshot_schema_json returns: {"type":"struct",
 *  "fields":[...]}, field metadata such as comments and column mapping kept), the
 *  `num_partition_columns` partition columns (top-level column names) and the `num_properties`
 *  table properties (`property_keys[i]` = `property_values[i]`). Features are asked for by
 *  their properties (delta.enableDeletionVectors=true, delta.columnMapping.mode=name, ...) or
 *  as delta.feature.<name>=supported; the protocol is derived from them and from the schema.
 *  Arrays may be NULL when their count is 0. Fills `*result` (may be NULL). Errors:
 *  InvalidArgument for malformed schema JSON or a partition column the schema lacks (named);
 *  Unsupported naming a feature this kernel cannot write; CONFLICT/ALREADY_EXISTS (see
 *  delta_create_mode). Nothing is written on failure. */
DELTA_C_API delta_error_code delta_create_table(
    const char* location, const delta_engine* engine, const char* schema_json,
    const char* const* partition_columns, size_t num_partition_columns,
    const char* const* property_keys, const char* const* property_values, size_t num_properties,
    delta_create_mode mode, delta_commit_result* result, delta_error** error);

/** delta_create_table with the schema as an Arrow struct schema (Borrowed; e.g. the schema of
 *  the stream to be written): bool, int8-64, float32/64, utf8 (large, view), binary (large,
 *  view, fixed size), date32, timestamp with a time zone (timestamp) or without
 *  (timestamp_ntz), decimal128 (precision <= 38), struct, list, map; nullability from
 *  ARROW_FLAG_NULLABLE; field metadata is not carried over. Unsupported naming the field and
 *  its Arrow format for any other type (unsigned integers, float16, time, duration, ...). */
DELTA_C_API delta_error_code delta_create_table_arrow(
    const char* location, const delta_engine* engine, const struct ArrowSchema* schema,
    const char* const* partition_columns, size_t num_partition_columns,
    const char* const* property_keys, const char* const* property_values, size_t num_properties,
    delta_create_mode mode, delta_commit_result* result, delta_error** error);

/** What delta_write_table does when the table exists (a missing table is created in every
 *  mode, with the data's schema). */
typedef enum delta_save_mode {
  /** DELTA_ERROR_CONFLICT with detail DELTA_DETAIL_ALREADY_EXISTS naming the location. */
  DELTA_SAVE_ERROR_IF_EXISTS = 0,
  DELTA_SAVE_APPEND = 1,    /**< add the rows */
  DELTA_SAVE_OVERWRITE = 2, /**< replace every row, or with a predicate the rows matching it */
  DELTA_SAVE_IGNORE = 3,    /**< write nothing; the result's committed is 0 */
  DELTA_SAVE_MODE_FORCE_INT_ = 0x7fffffff
} delta_save_mode;

/** What happens when the data's schema differs from the table's. */
typedef enum delta_schema_mode {
  DELTA_SCHEMA_STRICT = 0,    /**< InvalidArgument naming the first column that differs */
  DELTA_SCHEMA_MERGE = 1,     /**< add new columns and nested fields, widen types Delta allows */
  DELTA_SCHEMA_OVERWRITE = 2, /**< replace the schema (overwrite without predicate only) */
  DELTA_SCHEMA_MODE_FORCE_INT_ = 0x7fffffff
} delta_schema_mode;

/** How delta_write_table writes: a builder, used by one thread at a time. */
typedef struct delta_write_options delta_write_options;

/** Owned. Default options: DELTA_SAVE_ERROR_IF_EXISTS, strict schema, no predicate. NULL only
 *  when out of memory. */
DELTA_C_API delta_write_options* delta_write_options_new(void);
DELTA_C_API void delta_write_options_free(delta_write_options* options);
/** InvalidArgument for a value outside delta_save_mode. */
DELTA_C_API delta_error_code delta_write_options_set_mode(delta_write_options* options,
                                                          delta_save_mode mode,
                                                          delta_error** error);
/** InvalidArgument for a value outside delta_schema_mode. */
DELTA_C_API delta_error_code delta_write_options_set_schema_mode(delta_write_options* options,
                                                                 delta_schema_mode mode,
                                                                 delta_error** error);
/** Partition columns of a table the write creates; for an existing table, when given, they
 *  must be its partition columns (InvalidArgument otherwise). Replaces earlier ones. */
DELTA_C_API delta_error_code delta_write_options_set_partition_columns(delta_write_options* options,
                                                                       const char* const* columns,
                                                                       size_t num_columns,
                                                                       delta_error** error);
/** With DELTA_SAVE_OVERWRITE: replace only the rows matching `predicate` (replaceWhere, in
 *  delta_expr_parse's syntax, checked here: InvalidArgument naming the position). The files
 *  replaced are chosen by their partition values: a predicate over other columns fails the
 *  write with DELTA_ERROR_UNSUPPORTED. A written row outside the predicate fails it with
 *  DELTA_ERROR_INVALID_ARGUMENT, nothing committed. NULL clears it. */
DELTA_C_API delta_error_code delta_write_options_set_predicate(delta_write_options* options,
                                                               const char* predicate,
                                                               delta_error** error);
/** An idempotency token: the write commits nothing (committed = 0) when the table already
 *  holds `version` or later for `app_id`; otherwise it records (app_id, version). */
DELTA_C_API delta_error_code delta_write_options_set_app_transaction(delta_write_options* options,
                                                                     const char* app_id,
                                                                     int64_t version,
                                                                     delta_error** error);
/** A table property of a table the write creates (repeatable; a key set twice keeps the
 *  last value). */
DELTA_C_API delta_error_code delta_write_options_set_property(delta_write_options* options,
                                                              const char* key, const char* value,
                                                              delta_error** error);

/** Writes every batch of `data` (struct batches; the table's logical columns) to the table at
 *  `location`, creating it when missing, as `options` says (NULL: defaults), and fills
 *  `*result` (may be NULL). Takes the stream: on return, success or not, it has been released
 *  (data->release is NULL). InvalidArgument naming the column for data that does not match
 *  the table (missing, extra or mistyped columns, nulls in a non-nullable column); the data
 *  files of a failed write stay unreferenced and the log is unchanged. */
DELTA_C_API delta_error_code delta_write_table(const char* location, const delta_engine* engine,
                                               struct ArrowArrayStream* data,
                                               const delta_write_options* options,
                                               delta_commit_result* result, delta_error** error);

/* --- delete ------------------------------------------------------------------------------ */

/** What delta_delete did (Delta Spark's DELETE metrics). */
typedef struct delta_delete_result {
  /** The commit; commit.committed is 0 when no row matched (nothing is written). */
  delta_commit_result commit;
  int64_t num_deleted_rows;
  /** Files removed: whole, or replaced by a rewritten file or one with a deletion vector. */
  int64_t num_removed_files;
  /** Files written with the rows that stay (tables without deletion vectors). */
  int64_t num_added_files;
  int64_t num_copied_rows;
  int64_t num_deletion_vectors_added;
  int64_t num_deletion_vectors_removed;
  /** _change_data/ files of the deleted rows (tables with the change data feed). */
  int64_t num_added_change_files;
} delta_delete_result;

/** Deletes the rows of the table at `location` for which `predicate` (the scan filter syntax;
 *  NULL or "" = every row) is true, in one commit; rows where it is NULL stay. Partly matching
 *  files get deletion vectors when the table has delta.enableDeletionVectors, otherwise their
 *  other rows are rewritten. Fills `*result` (may be NULL). InvalidArgument naming the column
 *  for a predicate that does not parse or names none of the table's; a conflict with a
 *  concurrent writer is DELTA_ERROR_CONFLICT as for delta_transaction_commit. */
DELTA_C_API delta_error_code delta_delete(const char* location, const delta_engine* engine,
                                          const char* predicate, delta_delete_result* result,
                                          delta_error** error);

/* --- update ------------------------------------------------------------------------------ */

/** What delta_update did (Delta Spark's UPDATE metrics). */
typedef struct delta_update_result {
  /** The commit; commit.committed is 0 when no row matched (nothing is written). */
  delta_commit_result commit;
  int64_t num_updated_rows;
  /** Unchanged rows carried into rewritten files (tables without deletion vectors). */
  int64_t num_copied_rows;
  /** Files written: the updated rows, and rewritten files. */
  int64_t num_added_files;
  int64_t num_removed_files;
  int64_t num_deletion_vectors_added;
  int64_t num_deletion_vectors_removed;
  /** _change_data/ files of the pre- and post-images (tables with the change data feed). */
  int64_t num_added_change_files;
} delta_update_result;

/** Sets, in the rows of the table at `location` for which `predicate` (the scan filter syntax;
 *  NULL or "" = every row) is true, column `columns[i]` to the SQL expression `expressions[i]`
 *  (over the row's current values, cast to the column's type) for i < n, in one commit; rows
 *  where the predicate is NULL stay. Fills `*result` (may be NULL). InvalidArgument naming the
 *  column for an unknown or repeated column, an expression that does not parse or bind, NULL
 *  in a non-nullable column or a CHECK constraint violated; a conflict with a concurrent
 *  writer is DELTA_ERROR_CONFLICT. Under row tracking the updated rows keep their row ids. */
DELTA_C_API delta_error_code delta_update(const char* location, const delta_engine* engine,
                                          const char* predicate, const char* const* columns,
                                          const char* const* expressions, size_t n,
                                          delta_update_result* result, delta_error** error);
/* --- merge ------------------------------------------------------------------------------- */

/** Which rows a merge clause applies to. */
typedef enum delta_merge_clause_kind {
  DELTA_MERGE_MATCHED = 0,                /**< WHEN MATCHED */
  DELTA_MERGE_NOT_MATCHED = 1,            /**< WHEN NOT MATCHED [BY TARGET] */
  DELTA_MERGE_NOT_MATCHED_BY_SOURCE = 2,  /**< WHEN NOT MATCHED BY SOURCE */
  DELTA_MERGE_CLAUSE_KIND_FORCE_INT_ = 0x7fffffff
} delta_merge_clause_kind;

/** What a merge clause does. */
typedef enum delta_merge_action {
  DELTA_MERGE_UPDATE = 0,
  DELTA_MERGE_DELETE = 1,
  DELTA_MERGE_INSERT = 2,
  DELTA_MERGE_ACTION_FORCE_INT_ = 0x7fffffff
} delta_merge_action;

/** A MERGE statement being built: the ON condition, the aliases and ordered clauses. */
typedef struct delta_merge delta_merge;

/** What delta_merge_execute did (Delta Spark's MERGE metrics). */
typedef struct delta_merge_result {
  /** The commit; commit.committed is 0 when no row changed (nothing is written). */
  delta_commit_result commit;
  int64_t num_source_rows;
  int64_t num_target_rows_inserted;
  int64_t num_target_rows_updated;
  int64_t num_target_rows_deleted;
  /** Unchanged rows carried into rewritten files (tables without deletion vectors). */
  int64_t num_target_rows_copied;
  int64_t num_target_files_added;
  int64_t num_target_files_removed;
  int64_t num_target_deletion_vectors_added;
  int64_t num_target_change_files_added;
} delta_merge_result;

/** Owned. A merge ON `on` (delta_expr_parse's syntax, columns qualified by the aliases:
 *  "target.id = source.id"); NULL aliases are "source" and "target". Free with
 *  delta_merge_free. */
DELTA_C_API delta_merge* delta_merge_new(const char* on, const char* source_alias,
                                         const char* target_alias, delta_error** error);
DELTA_C_API void delta_merge_free(delta_merge* merge);
/** Appends a clause: `condition` (NULL or "" = always), and for UPDATE / INSERT either
 *  `star` = 1 (SET * / INSERT *) or `count` pairs of target column and expression. Clauses of
 *  a kind apply in the order added, the first whose condition holds. */
DELTA_C_API delta_error_code delta_merge_add_clause(delta_merge* merge,
                                                    delta_merge_clause_kind kind,
                                                    delta_merge_action action,
                                                    const char* condition,
                                                    const char* const* columns,
                                                    const char* const* expressions, size_t count,
                                                    int star, delta_error** error);
/** Runs the merge of `source` (taken, as delta_write_table takes its stream) into the table at
 *  `location` in one commit. Fills `*result` (may be NULL). InvalidArgument, nothing written,
 *  for bad expressions or a target row several source rows would change. */
DELTA_C_API delta_error_code delta_merge_execute(const delta_merge* merge, const char* location,
                                                 const delta_engine* engine,
                                                 struct ArrowArrayStream* source,
                                                 delta_merge_result* result, delta_error** error);

/* --- transactions ------------------------------------------------------------------------- */

/** Actions staged against one snapshot and committed as one new version. Used by one thread
 *  at a time; delta_transaction_commit may be called once, after which only
 *  delta_transaction_free and delta_transaction_read_version are allowed (others fail with
 *  InvalidArgument). */
typedef struct delta_transaction delta_transaction;

/** The isolation level a transaction's conflicts are checked at. */
typedef enum delta_isolation_level {
  DELTA_ISOLATION_TABLE_DEFAULT = 0, /**< delta.isolationLevel, Serializable when unset */
  DELTA_ISOLATION_SERIALIZABLE = 1,
  DELTA_ISOLATION_WRITE_SERIALIZABLE = 2,
  /** only for commits that change no data (dataChange = false everywhere) */
  DELTA_ISOLATION_SNAPSHOT = 3,
  DELTA_ISOLATION_LEVEL_FORCE_INT_ = 0x7fffffff
} delta_isolation_level;

/** Owned. A transaction on the table `snapshot` shows: it commits snapshot version + 1 or,
 *  after losing races to commits that do not conflict with it, a later one. `max_attempts`
 *  bounds the put attempts (0: the default, 20). Unsupported naming the feature when the table
 *  needs a writer feature this kernel does not honour. */
DELTA_C_API delta_transaction* delta_transaction_begin(const delta_snapshot* snapshot,
                                                       delta_isolation_level isolation,
                                                       int32_t max_attempts, delta_error** error);
DELTA_C_API void delta_transaction_free(delta_transaction* txn);
/** The version the transaction read; -1 for NULL. */
DELTA_C_API int64_t delta_transaction_read_version(const delta_transaction* txn);

/* What the transaction read. Declaring nothing makes it a blind append, which no concurrent
 * append conflicts with. */

/** The result depends on every file of the table. */
DELTA_C_API delta_error_code delta_transaction_read_whole_table(delta_transaction* txn,
                                                                delta_error** error);
/** The result depends on the rows matching `predicate` (delta_expr_parse's syntax, over the
 *  table's logical columns). InvalidArgument naming the position or the unknown column. */
DELTA_C_API delta_error_code delta_transaction_read_predicate(delta_transaction* txn,
                                                              const char* predicate,
                                                              delta_error** error);
/** The result depends on the data file `path` (as in the log: delta_scan_file_path). */
DELTA_C_API delta_error_code delta_transaction_read_file(delta_transaction* txn, const char* path,
                                                         delta_error** error);
/** Sets `*version` to the latest txn version the snapshot holds for `app_id`, or -1 when it
 *  holds none, and records the app id as read (a concurrent commit for it then conflicts). */
DELTA_C_API delta_error_code delta_transaction_read_app_version(delta_transaction* txn,
                                                                const char* app_id,
                                                                int64_t* version,
                                                                delta_error** error);

/* What it writes. */

/** Writes the batches of `data` (the table's logical columns) as Parquet data files with the
 *  engine's writer, laid out as the table's metadata says (partition folders, column mapping,
 *  statistics), and adds them to the transaction (dataChange = true). Takes the stream, as
 *  delta_write_table does. `*num_files` (may be NULL) gets the number of files written.
 *  InvalidArgument naming the column for data that does not match the table. */
DELTA_C_API delta_error_code delta_transaction_write_files(delta_transaction* txn,
                                                           struct ArrowArrayStream* data,
                                                           int64_t* num_files, delta_error** error);
/** Adds a data file the caller wrote: `path` relative to the table root and percent-encoded
 *  (or an absolute URI), one value per partition column (`partition_columns[i]` = logical
 *  name, `partition_values[i]` = the protocol's text form, NULL for null), its `size` in bytes,
 *  `modification_time` (ms since the epoch), `stats_json` (the protocol's statistics JSON with
 *  numRecords, minValues, maxValues, nullCount; NULL when none) and `data_change` (0 for files
 *  that only rearrange existing rows). InvalidArgument naming the column when a partition
 *  column is missing, repeated or not a partition column of the table, or for a negative
 *  size. */
DELTA_C_API delta_error_code delta_transaction_add_file(
    delta_transaction* txn, const char* path, const char* const* partition_columns,
    const char* const* partition_values, size_t num_partition_values, int64_t size,
    int64_t modification_time, const char* stats_json, int data_change, delta_error** error);
/** Removes the live file `path` (as in the log) of the transaction's snapshot, with its
 *  partition values, size, stats and deletion vector as the log has them. NotFound naming the
 *  path when the snapshot has no such live file; InvalidArgument for a snapshot loaded with
 *  DELTA_FILE_LIST_STREAMED (it holds no file list). */
DELTA_C_API delta_error_code delta_transaction_remove_file(delta_transaction* txn, const char* path,
                                                           int data_change, delta_error** error);
/** Records that application `app_id` committed its `version` here (a txn action). When the
 *  table already holds `version` or later for it, the commit writes nothing (committed = 0). */
DELTA_C_API delta_error_code delta_transaction_set_app_transaction(delta_transaction* txn,
                                                                   const char* app_id,
                                                                   int64_t version,
                                                                   delta_error** error);
/** commitInfo.operation (e.g. "WRITE", "DELETE") and operationParameters: `parameter_values`
 *  are JSON texts ("\"Append\"", "[]", "true"). Default: "WRITE" without parameters. */
DELTA_C_API delta_error_code delta_transaction_set_operation(
    delta_transaction* txn, const char* operation, const char* const* parameter_keys,
    const char* const* parameter_values, size_t num_parameters, delta_error** error);
/** Commits: writes the next version atomically (put-if-absent), rebasing over concurrent
 *  commits that do not conflict, and fills `*result` (may be NULL). A logical conflict fails
 *  with DELTA_ERROR_CONFLICT whose detail names the rule (delta_error_detail_kind), the winning
 *  version (delta_error_detail_version) and the file, predicate, domain or app id involved
 *  (delta_error_detail_subject); nothing is written then. An IO error with detail
 *  DELTA_DETAIL_COMMIT_STATE_UNKNOWN means the outcome could not be decided. */
DELTA_C_API delta_error_code delta_transaction_commit(delta_transaction* txn,
                                                      delta_commit_result* result,
                                                      delta_error** error);

/* --- optimize ------------------------------------------------------------------------------ */

/** What delta_optimize did. */
typedef struct delta_optimize_result {
  /** 1 when a version was committed; 0 when there was nothing to rewrite (no commit). */
  int32_t committed;
  int64_t version;                  /**< the version committed, or -1 */
  int64_t files_considered;         /**< live files the predicate selected */
  int64_t files_removed;            /**< files rewritten (removed with dataChange=false) */
  int64_t files_added;              /**< files written */
  int64_t bytes_removed;            /**< sizes of the files removed */
  int64_t bytes_added;              /**< sizes of the files written */
  int64_t partitions_optimized;     /**< partitions with at least one bin */
  int64_t bins;                     /**< groups of files rewritten together */
  int64_t deletion_vectors_removed; /**< rewritten files that carried a deletion vector */
  int64_t rows_written;
} delta_optimize_result;

/** Compacts the small files of the table at `location` (bin-packing per partition, bins up to
 *  `target_size` bytes; <= 0 means delta.targetFileSize, else 1 GiB) and, with
 *  `num_zorder_columns` > 0, sorts every file of each selected partition along a Z-order curve
 *  over those columns. `predicate` (NULL or "": the whole table) selects partitions, in
 *  delta_expr_parse's syntax over partition columns only (InvalidArgument naming any other
 *  column). Commits adds and removes with dataChange=false, so concurrent appends do not
 *  conflict; a concurrent delete of a rewritten file is DELTA_ERROR_CONFLICT. Rows deleted by
 *  deletion vectors stay deleted; under row tracking the rows keep their row ids. Fills
 *  `*result` (may be NULL). */
DELTA_C_API delta_error_code delta_optimize(const char* location, const delta_engine* engine,
                                            const char* predicate,
                                            const char* const* zorder_columns,
                                            size_t num_zorder_columns, int64_t target_size,
                                            delta_optimize_result* result, delta_error** error);
/* ============================================================================================
 * Maintenance: vacuum and restore (docs/maintenance.md)
 * ========================================================================================== */

/** What delta_vacuum deleted (or, for a dry run, would delete). Owned; free it with
 *  delta_vacuum_result_free. */
typedef struct delta_vacuum_result delta_vacuum_result;

/** Deletes the files under `table` that its latest version and every version inside the
 *  retention no longer need: unreferenced data, deletion vector and change data files whose
 *  modification time is older than the retention. `retention_ms` < 0 means the table's
 *  delta.deletedFileRetentionDuration (7 days by default); with `enforce_retention` (1), a
 *  shorter one is InvalidArgument naming both. `dry_run` (1) lists and deletes nothing. `lite`
 *  (1) takes the candidates from the log's removes instead of listing every file (it misses
 *  files no commit referenced). Files a commit made after the vacuum's snapshot references are
 *  never deleted. Unsupported naming the feature when this kernel cannot write the table.
 *  `*result` (may be NULL) gets what was deleted. */
DELTA_C_API delta_error_code delta_vacuum(const delta_table* table, int64_t retention_ms,
                                          int enforce_retention, int dry_run, int lite,
                                          delta_vacuum_result** result, delta_error** error);
/** Number of files deleted (dry run: to delete). */
DELTA_C_API size_t delta_vacuum_result_num_files(const delta_vacuum_result* result);
/** Borrowed. The absolute URI of file `i` (sorted), or NULL when out of range. */
DELTA_C_API const char* delta_vacuum_result_file(const delta_vacuum_result* result, size_t i);
/** Their total size in bytes. */
DELTA_C_API int64_t delta_vacuum_result_bytes(const delta_vacuum_result* result);
/** 1 for a dry run. */
DELTA_C_API int delta_vacuum_result_dry_run(const delta_vacuum_result* result);
/** The retention applied, in ms. */
DELTA_C_API int64_t delta_vacuum_result_retention_ms(const delta_vacuum_result* result);
DELTA_C_API void delta_vacuum_result_free(delta_vacuum_result* result);

/** What delta_restore committed: the commit, and the RESTORE commit's metrics. */
typedef struct delta_restore_result {
  delta_commit_result commit;
  int64_t restored_version;    /**< the version whose state the table now has */
  int64_t num_restored_files;  /**< files added back */
  int64_t restored_files_size; /**< their bytes */
  int64_t num_removed_files;   /**< files live before, removed */
  int64_t removed_files_size;  /**< their bytes */
  int64_t num_files_after;     /**< live files after the restore */
  int64_t table_size_after;    /**< their bytes */
} delta_restore_result;

/** Restores `table` to `version` in one commit (operation RESTORE): files live now but not
 *  then are removed, files live then but not now are added back, the metadata is that
 *  version's and the protocol is never lowered. InvalidArgument when `version` is not older
 *  than the latest; NotFound when the log no longer holds it, or naming the files to add back
 *  that are gone from storage (nothing is committed then). Fills `*result` (may be NULL). */
DELTA_C_API delta_error_code delta_restore(const delta_table* table, int64_t version,
                                           delta_restore_result* result, delta_error** error);
/** delta_restore to the version current at `timestamp_ms` (ms since the epoch), as
 *  delta_table_snapshot_at_timestamp chooses it. */
DELTA_C_API delta_error_code delta_restore_to_timestamp(const delta_table* table,
                                                        int64_t timestamp_ms,
                                                        delta_restore_result* result,
                                                        delta_error** error);

/* ============================================================================================
 * Checkpoints
 * ========================================================================================== */

/** What delta_checkpoint wrote (filled on success). */
typedef struct delta_checkpoint_result {
  /** The version checkpointed. */
  int64_t version;
  /** 0 for a classic checkpoint (<v>.checkpoint.parquet), 1 for a v2 checkpoint (UUID-named,
   *  with sidecars). */
  int32_t kind;
  /** Files written: the checkpoint and its sidecars. */
  int32_t num_files;
  /** Live files (add actions) and tombstones (remove actions) written. */
  int64_t num_of_add_files;
  int64_t num_of_tombstones;
  /** Every action written, and the bytes of every file. */
  int64_t actions;
  int64_t size_in_bytes;
  /** 1 when _delta_log/_last_checkpoint now points at this checkpoint. */
  int32_t last_checkpoint_updated;
} delta_checkpoint_result;

/** Writes a checkpoint of the table's latest version (or of `version` when it is >= 0) and then
 *  _delta_log/_last_checkpoint; fills `*result` (may be NULL). Every file is published whole, so
 *  a failure leaves the table as it was. A checkpoint of that version that exists already is
 *  DELTA_ERROR_CONFLICT with detail DELTA_DETAIL_ALREADY_EXISTS. */
DELTA_C_API delta_error_code delta_checkpoint(const delta_table* table, int64_t version,
                                              delta_checkpoint_result* result,
                                              delta_error** error);

/** Where a running checkpoint is (delta/checkpoint.h CheckpointProgress). */
typedef struct delta_checkpoint_progress {
  /** Actions handed to the Parquet writer so far. */
  int64_t actions_written;
  /** Actions the checkpoint will hold; 0 while unknown. */
  int64_t actions_total;
  /** Files published so far. */
  int64_t files_written;
} delta_checkpoint_progress;

/** Called after each batch and each file. V2 sidecars are written in parallel, so calls may come
 *  from the library's threads, one at a time. `progress` is borrowed for the call. */
typedef void (*delta_checkpoint_progress_fn)(const delta_checkpoint_progress* progress,
                                             void* user_data);

/** How delta_checkpoint_with_options writes. Fill it with delta_checkpoint_options_init first:
 *  the fields below are its defaults; new fields are only ever added at the end, and the init
 *  function sets `struct_size` so that the library reads only what the caller has. */
typedef struct delta_checkpoint_options {
  /** sizeof(delta_checkpoint_options) as the caller compiled it (set by the init function). */
  size_t struct_size;
  /** Classic checkpoints: at most this many actions per file (a multi-part checkpoint when
   *  there are more); 0 = one file (default). */
  int64_t part_size;
  /** V2 checkpoints: 1 = the top-level file as JSON lines (<v>.checkpoint.<uuid>.json);
   *  0 = Parquet (default). */
  int32_t json_manifest;
  /** V2 checkpoints: 1 = add and remove actions in sidecar files (default); 0 = in the
   *  checkpoint itself. */
  int32_t v2_sidecars;
  /** Called with progress when not NULL (default NULL), with `progress_user_data`. */
  delta_checkpoint_progress_fn progress;
  void* progress_user_data;
} delta_checkpoint_options;

/** Fills `*options` with the defaults (NULL is ignored). */
DELTA_C_API void delta_checkpoint_options_init(delta_checkpoint_options* options);

/** delta_checkpoint with `options` (NULL = the defaults). A negative part_size, or a struct_size
 *  smaller than the first version of the struct, is DELTA_ERROR_INVALID_ARGUMENT. */
DELTA_C_API delta_error_code delta_checkpoint_with_options(const delta_table* table,
                                                           int64_t version,
                                                           const delta_checkpoint_options* options,
                                                           delta_checkpoint_result* result,
                                                           delta_error** error);

/* ============================================================================================
 * Log cleanup (docs/maintenance.md)
 * ========================================================================================== */

/** What delta_cleanup_expired_logs deleted (or, for a dry run, would delete). Owned; free it
 *  with delta_log_cleanup_result_free. */
typedef struct delta_log_cleanup_result delta_log_cleanup_result;

/** Deletes the log files no version inside delta.logRetentionDuration needs: everything older
 *  than the newest checkpoint dated at or before the cutoff (commits, .crc, checkpoints,
 *  compactions) and v2 sidecars no remaining checkpoint names; with the checkpointProtection
 *  feature, nothing unless the log can be cut past delta.requireCheckpointProtectionBeforeVersion.
 *  `dry_run` != 0 only lists. `now_ms` >= 0 replaces the wall clock (tests). `*result` (may be
 *  NULL) receives the result. */
DELTA_C_API delta_error_code delta_cleanup_expired_logs(const delta_table* table, int dry_run,
                                                        int64_t now_ms,
                                                        delta_log_cleanup_result** result,
                                                        delta_error** error);
/** Files deleted (dry run: to delete), sorted; NULL past the end. */
DELTA_C_API size_t delta_log_cleanup_result_num_files(const delta_log_cleanup_result* result);
DELTA_C_API const char* delta_log_cleanup_result_file(const delta_log_cleanup_result* result,
                                                      size_t i);
/** Their total size in bytes. */
DELTA_C_API int64_t delta_log_cleanup_result_bytes(const delta_log_cleanup_result* result);
/** 1 for a dry run. */
DELTA_C_API int delta_log_cleanup_result_dry_run(const delta_log_cleanup_result* result);
/** Versions dated at or before this time (ms since the epoch) are out of the retention. */
DELTA_C_API int64_t delta_log_cleanup_result_cutoff_ms(const delta_log_cleanup_result* result);
/** The checkpoint version the log now starts from, or -1 when nothing was cut. */
DELTA_C_API int64_t
delta_log_cleanup_result_earliest_version(const delta_log_cleanup_result* result);
/** Why nothing was deleted although files had expired, or "" (valid until freed). */
DELTA_C_API const char* delta_log_cleanup_result_skipped(const delta_log_cleanup_result* result);
DELTA_C_API void delta_log_cleanup_result_free(delta_log_cleanup_result* result);

/** What delta_compact_log wrote (filled on success). */
typedef struct delta_log_compaction_result {
  int64_t start_version;
  int64_t end_version;
  /** Size of _delta_log/<start>.<end>.compacted.json, and its actions (lines). */
  int64_t size_in_bytes;
  int64_t actions;
} delta_log_compaction_result;

/** Writes the log compaction file of commits [start_version, end_version]: their reconciled
 *  actions, which readers use instead of those commits. InvalidArgument unless
 *  0 <= start_version < end_version; NotFound for a missing commit; DELTA_ERROR_CONFLICT with
 *  DELTA_DETAIL_ALREADY_EXISTS when that compaction exists. `result` may be NULL. */
DELTA_C_API delta_error_code delta_compact_log(const delta_table* table, int64_t start_version,
                                               int64_t end_version,
                                               delta_log_compaction_result* result,
                                               delta_error** error);

/* ============================================================================================
 * Options of DML and maintenance (the C++ options structs' fields the plain calls above fix).
 * Each struct is filled by its init function first: the fields below are its defaults; new
 * fields are only ever added at the end, and `struct_size` lets the library read only what the
 * caller has. A struct_size smaller than the struct's first version is InvalidArgument.
 * ========================================================================================== */

/** How an operation commits (delta/transaction.h TransactionOptions). */
typedef struct delta_commit_options {
  /** sizeof(delta_commit_options) as the caller compiled it (set by the init function). */
  size_t struct_size;
  /** The isolation level conflicts are checked at (default: the table's). */
  delta_isolation_level isolation;
  /** Put attempts at most, the first included (default 20; must be >= 1). */
  int32_t max_attempts;
  /** Row-level concurrency: 1 (default) = a concurrent delete or update of other rows of a file
   *  this operation reads row by row is no conflict (the deletion vectors are united); 0 = any
   *  concurrent change of such a file is DELTA_ERROR_CONFLICT, as in Delta Spark. */
  int32_t row_level_concurrency;
  /** Deletion vectors of at most this many serialized bytes are stored inline in the log
   *  (default 64); 0 writes every one to a DV file. */
  int32_t max_inline_deletion_vector_bytes;
  /** 1 (default) = a checkpoint after a commit whose version is a multiple of
   *  delta.checkpointInterval; 0 leaves checkpoints to the caller. */
  int32_t checkpoint_on_interval;
  /** commitInfo.engineInfo; NULL (default) = "delta-kernel-cpp/<version>". Copied. */
  const char* engine_info;
  /** The commit timestamp (ms since the epoch) instead of the clock; -1 (default) = the clock. */
  int64_t clock_ms;
} delta_commit_options;

/** Fills `*options` with the defaults (NULL is ignored). */
DELTA_C_API void delta_commit_options_init(delta_commit_options* options);

/** How delta_delete_with_options, delta_update_with_options and
 *  delta_merge_execute_with_options commit (delta/delete.h DeleteOptions, UpdateOptions,
 *  MergeOptions). */
typedef struct delta_dml_options {
  /** sizeof(delta_dml_options) as the caller compiled it (set by the init function). */
  size_t struct_size;
  /** An idempotency token, as delta_write_options_set_app_transaction: nothing is committed
   *  (commit.committed = 0) when the table holds `app_version` or later for `app_id`. NULL
   *  (default) = none. */
  const char* app_id;
  int64_t app_version;
  /** How the commit is made; NULL (default) = delta_commit_options_init's defaults. */
  const delta_commit_options* commit;
} delta_dml_options;

/** Fills `*options` with the defaults (NULL is ignored). */
DELTA_C_API void delta_dml_options_init(delta_dml_options* options);

/** delta_delete with `options` (NULL = the defaults). */
DELTA_C_API delta_error_code delta_delete_with_options(
    const char* location, const delta_engine* engine, const char* predicate,
    const delta_dml_options* options, delta_delete_result* result, delta_error** error);
/** delta_update with `options` (NULL = the defaults). */
DELTA_C_API delta_error_code delta_update_with_options(
    const char* location, const delta_engine* engine, const char* predicate,
    const char* const* columns, const char* const* expressions, size_t n,
    const delta_dml_options* options, delta_update_result* result, delta_error** error);
/** delta_merge_execute with `options` (NULL = the defaults). */
DELTA_C_API delta_error_code delta_merge_execute_with_options(
    const delta_merge* merge, const char* location, const delta_engine* engine,
    struct ArrowArrayStream* source, const delta_dml_options* options, delta_merge_result* result,
    delta_error** error);

/** Where a running optimize is (delta/optimize.h OptimizeProgress). */
typedef struct delta_optimize_progress {
  int64_t bins_total;  /**< bins planned */
  int64_t bins_done;   /**< bins written */
  int64_t files_total; /**< files the bins rewrite */
  int64_t files_done;  /**< of those, files rewritten so far */
  int64_t bytes_total; /**< their sizes */
  int64_t bytes_done;
  int32_t committing; /**< 1: every bin is written and the commit is being made */
} delta_optimize_progress;

/** Called after planning, after each bin and before the commit, on the calling thread.
 *  `progress` is borrowed for the call. */
typedef void (*delta_optimize_progress_fn)(const delta_optimize_progress* progress,
                                           void* user_data);

/** How delta_optimize_with_options compacts (delta/optimize.h OptimizeOptions). */
typedef struct delta_optimize_options {
  /** sizeof(delta_optimize_options) as the caller compiled it (set by the init function). */
  size_t struct_size;
  /** Partitions to optimize, over partition columns only; NULL or "" (default) = all. */
  const char* predicate;
  /** Z-order columns (`num_zorder_columns` of them); none by default. */
  const char* const* zorder_columns;
  size_t num_zorder_columns;
  /** Largest bin and file size in bytes; 0 (default) = delta.targetFileSize, else 1 GiB. */
  int64_t target_size;
  /** Files of at least this many bytes are left alone (unless too many of their rows are
   *  deleted); -1 (default) = the target size. */
  int64_t min_file_size;
  /** Files whose deletion vector removes more than this fraction of their rows are compacted
   *  whatever their size (default 0.05; 0 to 1). */
  double max_deleted_rows_ratio;
  /** Called with progress when not NULL (default NULL), with `progress_user_data`. */
  delta_optimize_progress_fn progress;
  void* progress_user_data;
  /** How the commit is made (always checked as snapshot isolation: it changes no data); NULL
   *  (default) = the defaults. */
  const delta_commit_options* commit;
} delta_optimize_options;

/** Fills `*options` with the defaults (NULL is ignored). */
DELTA_C_API void delta_optimize_options_init(delta_optimize_options* options);

/** delta_optimize with `options` (NULL = the defaults). A negative target_size, a
 *  min_file_size below -1 or a max_deleted_rows_ratio outside [0, 1] is InvalidArgument. */
DELTA_C_API delta_error_code delta_optimize_with_options(const char* location,
                                                         const delta_engine* engine,
                                                         const delta_optimize_options* options,
                                                         delta_optimize_result* result,
                                                         delta_error** error);

/** The phase of a running vacuum. */
typedef enum delta_vacuum_phase {
  DELTA_VACUUM_LISTING = 0,  /**< listing candidate files */
  DELTA_VACUUM_DELETING = 1, /**< deleting them */
  DELTA_VACUUM_PHASE_FORCE_INT_ = 0x7fffffff
} delta_vacuum_phase;

/** Where a running vacuum is (delta/vacuum.h VacuumProgress). */
typedef struct delta_vacuum_progress {
  delta_vacuum_phase phase;
  int64_t done;  /**< files listed (LISTING) or deleted (DELETING) so far */
  int64_t total; /**< files to delete (DELETING); 0 while listing */
} delta_vacuum_progress;

/** Called from the calling thread or the library's threads, never concurrently. `progress` is
 *  borrowed for the call. */
typedef void (*delta_vacuum_progress_fn)(const delta_vacuum_progress* progress, void* user_data);

/** How delta_vacuum_with_options deletes (delta/vacuum.h VacuumOptions). */
typedef struct delta_vacuum_options {
  /** sizeof(delta_vacuum_options) as the caller compiled it (set by the init function). */
  size_t struct_size;
  /** As delta_vacuum's arguments: -1 (default) = the table's retention; enforce_retention 1
   *  (default); dry_run 0 (default); lite 0 (default). */
  int64_t retention_ms;
  int32_t enforce_retention;
  int32_t dry_run;
  int32_t lite;
  /** Record VACUUM START / END commits in the history: 1, 0, or -1 (default) = as Delta Spark
   *  decides for the location's scheme (on for file:, off for s3). */
  int32_t log_to_history;
  /** "Now" in ms since the epoch instead of the wall clock; -1 (default) = the clock. */
  int64_t now_ms;
  /** Called with progress when not NULL (default NULL), with `progress_user_data`. */
  delta_vacuum_progress_fn progress;
  void* progress_user_data;
  /** How the VACUUM START / END commits are made; NULL (default) = the defaults. */
  const delta_commit_options* commit;
} delta_vacuum_options;

/** Fills `*options` with the defaults (NULL is ignored). */
DELTA_C_API void delta_vacuum_options_init(delta_vacuum_options* options);

/** delta_vacuum with `options` (NULL = the defaults, a real run). */
DELTA_C_API delta_error_code delta_vacuum_with_options(const delta_table* table,
                                                       const delta_vacuum_options* options,
                                                       delta_vacuum_result** result,
                                                       delta_error** error);
/** The version whose references the vacuum kept. */
DELTA_C_API int64_t delta_vacuum_result_snapshot_version(const delta_vacuum_result* result);
/** Files older than this (ms since the epoch) could be deleted. */
DELTA_C_API int64_t delta_vacuum_result_cutoff_ms(const delta_vacuum_result* result);
/** Expired files kept because a commit after the snapshot version references them. */
DELTA_C_API int64_t delta_vacuum_result_kept_for_newer_commits(const delta_vacuum_result* result);
/** Versions of the VACUUM START and END commits, or -1 when the run was not logged (a dry run,
 *  or log_to_history off). */
DELTA_C_API int64_t delta_vacuum_result_start_version(const delta_vacuum_result* result);
DELTA_C_API int64_t delta_vacuum_result_end_version(const delta_vacuum_result* result);

/** delta_restore and delta_restore_to_timestamp with `commit` (NULL = the defaults). */
DELTA_C_API delta_error_code delta_restore_with_options(const delta_table* table, int64_t version,
                                                        const delta_commit_options* commit,
                                                        delta_restore_result* result,
                                                        delta_error** error);
DELTA_C_API delta_error_code delta_restore_to_timestamp_with_options(
    const delta_table* table, int64_t timestamp_ms, const delta_commit_options* commit,
    delta_restore_result* result, delta_error** error);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // DELTA_C_DELTA_KERNEL_H_
