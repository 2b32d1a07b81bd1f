// The delta-kernel subcommands. Each Add*Command registers its options on `app` and, when its
// subcommand is the one given, sets `*action` to the work to run after parsing.
#pragma once

#include <CLI/CLI.hpp>

#include "cli_common.h"

namespace delta::cli {

/// `info TABLE [--version N | --timestamp T] [--json]`: version, protocol, metadata, schema.
void AddInfoCommand(CLI::App& app, Action* action);

/// `files TABLE [--version N | --timestamp T] [--json]`: the live files.
void AddFilesCommand(CLI::App& app, Action* action);

/// `history TABLE [--limit N] [--json]`: commits, newest first.
void AddHistoryCommand(CLI::App& app, Action* action);

/// `scan TABLE [--version N | --timestamp T] [--columns a,b.c] [--where EXPR] [--limit N]
/// [--format table|csv|jsonl|parquet] [--output FILE] [--explain]`: the table's rows.
void AddScanCommand(CLI::App& app, Action* action);

/// `changes TABLE (--from V | --from-timestamp T) [--to V | --to-timestamp T] [--columns ..]
/// [--where EXPR] [--limit N] [--format ..] [--output FILE]`: the change data feed.
void AddChangesCommand(CLI::App& app, Action* action);

/// `create TABLE --schema JSON|FILE [--partition-by C].. [--property K=V].. [--mode
/// error|ignore|replace] [--json]`: a new table; prints the version committed.
void AddCreateCommand(CLI::App& app, Action* action);

/// `append TABLE FILES.. [--partition-by C].. [--schema-mode strict|merge] [--format
/// auto|parquet|csv] [--json]`: appends the rows of Parquet or CSV files.
void AddAppendCommand(CLI::App& app, Action* action);

/// `overwrite TABLE FILES.. [--where EXPR] [--schema-mode ..] [--format ..] [--json]`: replaces
/// every row, or the rows matching --where, with the files' rows.
void AddOverwriteCommand(CLI::App& app, Action* action);

/// `delete TABLE (--where EXPR | --all) [--json]`: removes the matching rows; prints the
/// version and what it did.
void AddDeleteCommand(CLI::App& app, Action* action);
/// `update TABLE --set COL=EXPR [--set ...] [--where EXPR] [--json]`: sets columns of the
/// matching rows; prints the version and what it did.
void AddUpdateCommand(CLI::App& app, Action* action);
/// `merge TABLE SOURCE_FILE --on COND [--when CLAUSE].. [--when-...].. [--json]`: MERGE INTO
/// (upsert) with SQL clauses in the order given; prints the version and the rows inserted,
/// updated and deleted.
void AddMergeCommand(CLI::App& app, Action* action);
/// `optimize TABLE [--where P] [--zorder-by a,b] [--target-size BYTES] [--min-file-size BYTES]
/// [--progress] [--json]`: compacts small files (Z-ordered on request); prints what it rewrote.
void AddOptimizeCommand(CLI::App& app, Action* action);
/// `vacuum TABLE [--dry-run] [--retention-hours H] [--no-enforce-retention] [--lite] [--json]`:
/// deletes files the table no longer needs; prints them.
void AddVacuumCommand(CLI::App& app, Action* action);

/// `restore TABLE (--version N | --timestamp T) [--json]`: commits the old version's state.
void AddRestoreCommand(CLI::App& app, Action* action);

/// `cleanup-log TABLE [--dry-run] [--json]`: deletes the expired log files; prints them.
void AddCleanupLogCommand(CLI::App& app, Action* action);

/// `compact-log TABLE --from X --to Y [--json]`: writes the log compaction file of commits X-Y.
void AddCompactLogCommand(CLI::App& app, Action* action);

/// `checkpoint TABLE [--version N | --timestamp T] [--json]`: writes a checkpoint and prints
/// the files it wrote.
void AddCheckpointCommand(CLI::App& app, Action* action);

}  // namespace delta::cli
