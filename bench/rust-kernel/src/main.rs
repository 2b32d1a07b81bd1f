//! Peer measurement for bench/run.sh: delta-kernel-rs (published crate) with its default
//! Arrow/Tokio engine on a multi-threaded runtime. Loads the latest snapshot and iterates every
//! scan file (scan metadata), like `delta-kernel-bench` does for this project.
//!
//! Usage: delta-kernel-rs-bench <table-path-or-url> [--threads N] [--repeat R] [--read]
//!                              [--option KEY=VALUE ...]
//! A table given as a URL (s3://bucket/path) is opened through object_store with the options
//! (e.g. aws_endpoint=http://127.0.0.1:9000, aws_allow_http=true, aws_access_key_id=...;
//! object_store also reads the AWS_* environment variables). --read then reads every row of the
//! scan (Scan::execute) and reports "rows".
//! Prints one JSON object per line: {"rep":i,"snapshot_s":..,"files_s":..,"total_s":..,"files":n}
//! and a final {"peak_rss_kb":..} read from /proc/self/status (VmHWM).
//!
//! --checkpoint instead writes a checkpoint of the latest version with the crate's all-in-one
//! `Snapshot::checkpoint(engine, None)` (the default engine's Parquet writer; classic V1, or a
//! classic-named V2 without sidecars when the table has v2Checkpoint) and `_last_checkpoint`,
//! and prints {"snapshot_s":..,"checkpoint_s":..,"total_s":..,"version":v,"written":bool}
//! (bench/checkpoint_harness.py). Use --repeat 1: a second checkpoint of a version is a no-op.

use std::sync::Arc;
use std::time::Instant;

use delta_kernel::snapshot::{CheckpointWriteResult, Snapshot};
use delta_kernel::try_parse_uri;
use delta_kernel_default_engine::executor::tokio::TokioMultiThreadExecutor;
use delta_kernel_default_engine::storage::store_from_url_opts;
use delta_kernel_default_engine::DefaultEngineBuilder;

struct Count {
    files: u64,
    bytes: i64,
}

fn visit(ctx: &mut Count, f: delta_kernel::scan::state::ScanFile) {
    ctx.files += 1;
    ctx.bytes += f.size;
    // Keep the stats alive as far as the callback; they are what skipping would use.
    if let Some(s) = f.stats {
        ctx.bytes += (s.num_records as i64) & 0;
    }
}

fn peak_rss_kb() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 2 {
        eprintln!("usage: {} <table-path> [--threads N] [--repeat R]", args[0]);
        std::process::exit(2);
    }
    let mut threads: Option<usize> = None;
    let mut repeat = 1usize;
    let mut read = false;
    let mut checkpoint = false;
    let mut options: Vec<(String, String)> = Vec::new();
    let mut i = 2;
    while i < args.len() {
        match args[i].as_str() {
            "--threads" => {
                threads = Some(args[i + 1].parse().expect("--threads N"));
                i += 2;
            }
            "--repeat" => {
                repeat = args[i + 1].parse().expect("--repeat R");
                i += 2;
            }
            "--read" => {
                read = true;
                i += 1;
            }
            "--checkpoint" => {
                checkpoint = true;
                i += 1;
            }
            "--option" => {
                let (k, v) = args[i + 1].split_once('=').expect("--option KEY=VALUE");
                options.push((k.to_string(), v.to_string()));
                i += 2;
            }
            other => panic!("unknown argument {other}"),
        }
    }
    let url = if args[1].contains("://") {
        url::Url::parse(&args[1]).expect("table url")
    } else {
        let table = std::fs::canonicalize(&args[1]).expect("table path");
        try_parse_uri(table.to_str().unwrap()).expect("table url")
    };
    let store = store_from_url_opts(&url, options).expect("object store");
    let executor =
        Arc::new(TokioMultiThreadExecutor::new_owned_runtime(threads, None).expect("runtime"));
    let engine: Arc<dyn delta_kernel::Engine> =
        Arc::new(DefaultEngineBuilder::new(store).with_task_executor(executor).build());

    if checkpoint {
        let t0 = Instant::now();
        let snapshot = Snapshot::builder_for(url.clone()).build(engine.as_ref()).expect("snapshot");
        let t1 = Instant::now();
        let (result, _) = snapshot.checkpoint(engine.as_ref(), None).expect("checkpoint");
        let t2 = Instant::now();
        println!(
            "{{\"snapshot_s\":{:.6},\"checkpoint_s\":{:.6},\"total_s\":{:.6},\"version\":{},\"written\":{}}}",
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            (t2 - t0).as_secs_f64(),
            snapshot.version(),
            matches!(result, CheckpointWriteResult::Written)
        );
        println!("{{\"peak_rss_kb\":{}}}", peak_rss_kb());
        return;
    }

    for rep in 0..repeat {
        let t0 = Instant::now();
        let snapshot = Snapshot::builder_for(url.clone()).build(engine.as_ref()).expect("snapshot");
        let t1 = Instant::now();
        let scan = snapshot.scan_builder().build().expect("scan");
        let mut count = Count { files: 0, bytes: 0 };
        for meta in scan.scan_metadata(engine.as_ref()).expect("scan metadata") {
            let meta = meta.expect("scan metadata batch");
            count = meta.visit_scan_files(count, visit).expect("visit");
        }
        let mut rows = String::new();
        if read {
            let mut n = 0usize;
            for data in scan.execute(engine.clone()).expect("execute") {
                n += data.expect("scan batch").len();
            }
            rows = format!(",\"rows\":{n}");
        }
        let t2 = Instant::now();
        println!(
            "{{\"rep\":{},\"snapshot_s\":{:.6},\"files_s\":{:.6},\"total_s\":{:.6},\"files\":{},\"bytes\":{}{}}}",
            rep,
            (t1 - t0).as_secs_f64(),
            (t2 - t1).as_secs_f64(),
            (t2 - t0).as_secs_f64(),
            count.files,
            count.bytes,
            rows
        );
    }
    println!("{{\"peak_rss_kb\":{}}}", peak_rss_kb());
}
