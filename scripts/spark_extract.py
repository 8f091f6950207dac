#!/usr/bin/env python3
"""Extract claims from a large corpus with Spark: the binary reads the inputs, Spark runs it
on consecutive runs of them.

Usage:

    scripts/spark_extract.py INPUT OUTPUT [--master URL] [--binary PATH] [--partitions N]
                             [--rules DIR] [--timeout SECONDS] [--overwrite]

INPUT is a folder, an article file (`.txt`, `.md`, `.jsonl`), or a glob of them in quotes
(`'data/*.jsonl'`, expanded here as the shell would, in byte order). The driver lists the
article files with `newsclaims files -0` (for a folder: in the run's order, each named
relative to it; hidden, ignored and non-article files left out, FIFOs, devices, dangling
links and loops skipped with their reason), splits the list into N runs of consecutive
files, and each task feeds its run to one `newsclaims extract --files0-from -`, in INPUT
for a folder (so ids are the names relative to it) and in the driver's working folder
otherwise. The binary reads every file, JSON Lines files whole: a JSON Lines file is never
split across tasks (give a glob of several to spread them). One limit: a single process
renames a document id that repeats an earlier one (with a warning); here only repeats
within a partition are renamed, so ids repeated across partitions stay repeated.

INPUT, OUTPUT and the binary are local paths: use local mode, or a mount shared by the
driver and the workers at the same path (no `hdfs://` or `s3a://`).

OUTPUT is a new folder that receives the claims as JSON Lines shards
`OUTPUT/part-00000.jsonl`, `part-00001.jsonl`... (one per partition, an empty one for a run
without articles) and a `_SUCCESS` marker. Read in name order, the shards hold the claims
of `newsclaims extract INPUT`, in the same order. Cross-check them with

    newsclaims check --claims OUTPUT/part-*.jsonl --format json -o report.json

Run locally (`local[2]` unless --master or spark-submit says otherwise):

    cargo build --release
    python3 scripts/spark_extract.py fixtures/articles /tmp/claims

Run on a cluster (shared mount at /mnt/news): the driver runs the binary to list the files;
on the workers the script falls back to a shipped copy (`--files`, `SparkFiles.get`) when
the --binary path does not exist there:

    spark-submit --master yarn --files target/release/newsclaims \\
        scripts/spark_extract.py /mnt/news/2024 /mnt/claims/2024 \\
        --binary target/release/newsclaims --partitions 64

A --rules folder must be at the same path on every worker, or be shipped as an archive
(`--archives rules.zip#rules` with `--rules rules`, relative to the executors' folder).

The binary is --binary PATH, else $NEWSCLAIMS_BIN, else `newsclaims` on the PATH, else
target/release/newsclaims in the repository holding this script. Each run of it gets
RAYON_NUM_THREADS = spark.task.cpus (unless set already).

The skips and warnings of the listing and of every run (named as the binary names them:
file, file:line, or document id) are listed on stderr at the end, the first 1000 of each,
and all counted. The job fails, naming the partition and its first and last file, when a
run cannot start, exits with an error, runs longer than --timeout, or writes a line that is
not a claim (a JSON object with the claim fields); OUTPUT is then removed.
"""

import argparse
import ctypes
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from pyspark import SparkConf, SparkContext, SparkFiles

BINARY_NAME = "newsclaims"
CLAIM_FIELDS = ("id", "doc", "lang", "subject", "predicate", "value", "evidence")
NOTES_SHOWN = 1000  # as the binary's summary (batch::LISTED_SKIPS)
DEFAULT_TIMEOUT = 3600


class UserError(Exception):
    """A problem to report in one line, without a traceback."""


class PartitionError(RuntimeError):
    """A run of the binary failed on a partition."""


# ---------------------------------------------------------------------------------------
# Command line and set-up (driver).


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Extract claims with Spark: one `newsclaims extract` per partition.",
        epilog="See the module docstring for local and cluster usage.",
    )
    p.add_argument("input", help="folder of articles, article file, or glob of them")
    p.add_argument("output", help="new folder for the claim shards part-NNNNN.jsonl")
    p.add_argument("--master", help="Spark master (default: as configured, else local[2])")
    p.add_argument("--binary", help="the newsclaims binary (default: see the docstring)")
    p.add_argument("--partitions", type=int,
                   help="partitions, i.e. runs of the binary (default: the parallelism, "
                        "at most one per file)")
    p.add_argument("--rules", help="rule folder passed to newsclaims --rules")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help="stop a partition's run of the binary after this long and fail "
                        f"the job (default {DEFAULT_TIMEOUT})")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    args = p.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    if args.timeout <= 0:
        p.error("--timeout must be positive")
    for path in (args.input, args.output):
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path):
            p.error(f"{path}: only local (or shared-mount) paths are supported")
    return args


def find_binary(given):
    """The binary's path as the driver sees it (absolute when it exists here)."""
    explicit = given or os.environ.get("NEWSCLAIMS_BIN")
    if explicit:
        return os.path.abspath(explicit) if os.path.isfile(explicit) else explicit
    repo_build = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                              "target", "release", BINARY_NAME)
    return shutil.which(BINARY_NAME) or os.path.normpath(repo_build)


def make_context(master):
    SparkContext._ensure_initialized()  # loads spark-submit's settings into SparkConf
    conf = SparkConf().setAppName("newsclaims extract")
    if master:
        conf.setMaster(master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[2]")
    conf.set("spark.ui.showConsoleProgress", "false")  # the launcher turns it on
    conf.setIfMissing("spark.log.level", "WARN")  # from start-up on
    if conf.get("spark.master").startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        conf.setIfMissing("spark.ui.enabled", "false")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    quiet_task_failures(sc)
    return sc


TASK_FAILURE_LOGGERS = (
    "org.apache.spark.executor.Executor",
    "org.apache.spark.scheduler.TaskSetManager",
    "org.apache.spark.util.Utils",
)


def quiet_task_failures(sc):
    """A failing task is logged with its stack trace by several loggers; main() reports
    it once, in a few lines."""
    log4j = sc._jvm.org.apache.logging.log4j
    for name in TASK_FAILURE_LOGGERS:
        log4j.core.config.Configurator.setLevel(name, log4j.Level.FATAL)


# ---------------------------------------------------------------------------------------
# Listing the input (driver): `newsclaims files -0`.


def list_inputs(binary, source):
    """(folder, names, skips): the folder the runs work in, the article files (bytes,
    relative to it) in the single-process run's order, and the listing's skip lines."""
    raw = os.fsencode(source)
    if os.path.isdir(raw):
        folder, paths = os.path.abspath(raw), [b"."]
    elif os.path.lexists(raw):
        folder, paths = os.getcwdb(), [raw]
    else:
        paths = sorted(glob.glob(raw))
        if not paths:
            raise UserError(f"{source}: no such file, folder or files matching")
        folders = [p for p in paths if os.path.isdir(p)]
        if folders:
            raise UserError(f"{source} matches folder {shown(folders[0])}: "
                            "give a folder as INPUT, or a glob of files")
        folder = os.getcwdb()
    try:
        done = subprocess.run([binary, "files", "-0", "--"] + paths, cwd=folder,
                              stdin=subprocess.DEVNULL, capture_output=True)
    except OSError as e:
        raise UserError(f"cannot run {binary}: {e} (give --binary PATH)") from None
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        raise UserError(f"`{binary} files -0` on {source} failed (exit status "
                        f"{done.returncode}):\n{stderr.rstrip()}")
    skips = []
    for line in stderr.splitlines():
        if line.startswith("  skipped "):
            name = line[len("  skipped "):]
            skips.append(name[2:] if paths == [b"."] and name.startswith("./") else name)
        elif line.strip():
            print(f"spark_extract: {line}", file=sys.stderr)
    names = done.stdout.split(b"\0")
    if names[-1] == b"":
        names.pop()
    return folder, names, skips


def shown(name):
    """A file name (bytes) to print: undecodable bytes and control characters escaped."""
    text = name.decode("utf-8", "backslashreplace") if isinstance(name, bytes) else name
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode()
                   for c in text)


# ---------------------------------------------------------------------------------------
# Running the binary on a partition (executors).


def worker_binary(binary):
    """The binary's path on this worker: as given, else the copy shipped with --files."""
    if os.path.isfile(binary) or os.sep not in binary and shutil.which(binary):
        return binary
    try:
        shipped = SparkFiles.get(os.path.basename(binary))
    except Exception:  # no SparkFiles outside a Spark worker
        return binary
    if os.path.isfile(shipped):
        if not os.access(shipped, os.X_OK):
            os.chmod(shipped, 0o755)
        return shipped
    return binary


def die_with_task():
    """In the binary's process (Linux): be killed when the task's process dies, so that
    a cancelled task leaves no run behind."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Partition:
    """One partition's run of the binary: its command, files and output shard."""

    def __init__(self, job, index, names):
        self.job, self.index, self.names = job, index, names

    def describe(self):
        if not self.names:
            return f"partition {self.index} (no files)"
        files = f"{len(self.names)} file{'s' if len(self.names) > 1 else ''}"
        return (f"partition {self.index} ({files}, first "
                f"{shown(self.names[0])}, last {shown(self.names[-1])})")

    def fail(self, what):
        raise PartitionError(f"{self.describe()}: {what}")

    def run(self):
        """Write the shard; the run's summary (the binary's --summary JSON)."""
        job = self.job
        shard = os.path.join(job["output"], f"part-{self.index:05d}.jsonl")
        temporary = os.path.join(job["output"], "_temporary")
        os.makedirs(temporary, exist_ok=True)
        part = os.path.join(temporary, f"{os.path.basename(shard)}.{uuid.uuid4().hex}")
        try:
            with open(part, "xb") as out:
                summary = self.extract(out) if self.names else {}
            os.replace(part, shard)  # a retried or speculative attempt writes the same
        finally:
            if os.path.exists(part):
                os.unlink(part)
        return summary

    def extract(self, out):
        job = self.job
        rules = ["--rules", os.path.abspath(job["rules"])] if job["rules"] else []
        with tempfile.TemporaryDirectory(prefix="spark_extract.") as scratch:
            summary_file = os.path.join(scratch, "summary.json")
            cmd = ([worker_binary(job["binary"]), "extract", "--files0-from", "-", "-q",
                    "--summary", summary_file] + rules)
            self.command = " ".join(cmd[:4] + rules)  # for messages
            claims = self.stream(cmd, out)
            try:
                with open(summary_file, encoding="utf-8") as f:
                    summary = json.load(f)
            except (OSError, ValueError) as e:
                self.fail(f"`{self.command}` exited 0 but wrote no run summary: {e}")
        if summary.get("items") != claims:
            self.fail(f"the binary wrote {claims} claims, its summary says "
                      f"{summary.get('items')}")
        return summary

    def stream(self, cmd, out):
        """Feed the names to `cmd`, check and write its claim lines; how many."""
        env = dict(os.environ)
        env.setdefault("RAYON_NUM_THREADS", str(self.job["task_cpus"]))
        try:
            proc = subprocess.Popen(cmd, cwd=self.job["folder"], env=env,
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, start_new_session=True,
                                    preexec_fn=die_with_task)
        except OSError as e:
            self.fail(f"cannot start `{self.command}`: {e}")
        timed_out = threading.Event()

        def kill():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        def on_timeout():
            timed_out.set()
            kill()

        stderr = []
        timer = threading.Timer(self.job["timeout"], on_timeout)
        threads = [threading.Thread(target=feed, args=(proc.stdin, self.names)),
                   threading.Thread(target=lambda: stderr.append(proc.stderr.read()))]
        for t in threads + [timer]:
            t.daemon = True
            t.start()
        claims, bad = 0, None
        try:
            for line in proc.stdout:
                claims += 1
                if not (line.endswith(b"\n") and is_claim(line)):
                    bad = line
                    kill()
                    break
                out.write(line)
        finally:
            proc.stdout.close()
            proc.wait()
            timer.cancel()
            for t in threads:
                t.join()
        if timed_out.is_set():
            self.fail(f"`{self.command}` ran longer than --timeout "
                      f"{self.job['timeout']:g} s: killed")
        if bad is not None:
            line = shown(bad[:300].rstrip(b"\n"))
            self.fail(f"`{self.command}` wrote a line that is not a claim (line {claims} "
                      f"of its output): {line}")
        err = stderr[0].decode("utf-8", "replace").rstrip() if stderr else ""
        if proc.returncode != 0:
            self.fail(f"`{self.command}` failed (exit status {proc.returncode}); its "
                      f"stderr:\n{err}")
        for line in err.splitlines():  # -q: errors only, if any
            print(f"spark_extract: partition {self.index}: {line}", file=sys.stderr)
        return claims


def feed(stdin, names):
    """Write the names NUL-terminated, and close; quietly if the binary has died (its exit
    status tells)."""
    try:
        for name in names:
            stdin.write(name + b"\0")
    except BrokenPipeError:
        pass
    finally:
        try:
            stdin.close()
        except BrokenPipeError:
            pass


def is_claim(line):
    """Whether an output line is a JSON object with the claim fields."""
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and all(field in value for field in CLAIM_FIELDS)


def run_partition(job):
    """A map function over (index, names): the partition's run summary."""
    return lambda item: Partition(job, *item).run()


# ---------------------------------------------------------------------------------------
# The job (driver).


def extract(sc, args, binary):
    """Run the job; the figures for the closing summary."""
    folder, names, listing_skips = list_inputs(binary, args.input)
    n = args.partitions or max(1, min(sc.defaultParallelism, len(names)))
    runs = [(i, names[len(names) * i // n:len(names) * (i + 1) // n]) for i in range(n)]
    job = {"binary": binary, "folder": folder, "output": os.path.abspath(args.output),
           "rules": args.rules, "timeout": args.timeout,
           "task_cpus": int(sc.getConf().get("spark.task.cpus", "1"))}
    summaries = sc.parallelize(runs, n).map(run_partition(job)).collect()
    missing = [f"part-{i:05d}.jsonl" for i in range(n)
               if not os.path.isfile(os.path.join(args.output, f"part-{i:05d}.jsonl"))]
    if missing:
        raise UserError(f"shards missing in {args.output}: {', '.join(missing)} (is "
                        "OUTPUT on a mount shared by the driver and the workers?)")
    shutil.rmtree(os.path.join(args.output, "_temporary"), ignore_errors=True)
    open(os.path.join(args.output, "_SUCCESS"), "wb").close()
    skips = [f"skipped {s}" for s in listing_skips]
    warnings = []
    unlisted = {"skipped": 0, "warnings": 0}
    for s in summaries:
        skips += [f"skipped {shown(x['input'])}: {shown(x['reason'])}"
                  for x in s.get("skipped", [])]
        warnings += [f"warning {shown(x['input'])}: {shown(x['warning'])}"
                     for x in s.get("warnings", [])]
        unlisted["skipped"] += s.get("skipped_unlisted", 0)
        unlisted["warnings"] += s.get("warnings_unlisted", 0)
    return {"articles": sum(s.get("docs", 0) for s in summaries),
            "claims": sum(s.get("items", 0) for s in summaries),
            "files": len(names), "partitions": n, "skips": skips, "warnings": warnings,
            "skipped": len(skips) + unlisted["skipped"],
            "warned": len(warnings) + unlisted["warnings"]}


def print_summary(figures, seconds, startup):
    for notes, total in ((figures["skips"], figures["skipped"]),
                         (figures["warnings"], figures["warned"])):
        for line in notes[:NOTES_SHOWN]:
            print(f"  {line}", file=sys.stderr)
        if total > min(len(notes), NOTES_SHOWN):
            print(f"  ... and {total - min(len(notes), NOTES_SHOWN)} more, not listed",
                  file=sys.stderr)
    rate = figures["articles"] / seconds if seconds > 0 else 0.0
    print(f"spark_extract: {figures['files']} files, {figures['articles']} articles read, "
          f"{figures['partitions']} partitions, {figures['claims']} claims written, "
          f"{figures['skipped']} skipped, {figures['warned']} warnings, {seconds:.1f} s "
          f"({rate:.1f} articles/s; Spark start-up {startup:.1f} s more)", file=sys.stderr)


def error_text(e):
    """The PartitionError message inside a Spark failure, else the whole failure."""
    text = str(e)
    marker = "PartitionError: "
    if marker in text:
        message = text[text.rindex(marker) + len(marker):]
        return re.split(r"\n\s*at |\n\n\tat ", message)[0].rstrip()
    return text.strip() or repr(e)


def prepare_output(output, overwrite):
    if os.path.lexists(output):
        if not overwrite:
            raise UserError(f"{output} already exists: give a new folder, or --overwrite")
        remove_output(output)
    os.makedirs(output)


def remove_output(output):
    if os.path.isdir(output) and not os.path.islink(output):
        shutil.rmtree(output, ignore_errors=True)
    elif os.path.lexists(output):
        os.unlink(output)


def main(argv=None):
    args = parse_args(argv)
    binary = find_binary(args.binary)
    if not os.path.isfile(binary) and not shutil.which(binary):
        print(f"spark_extract: newsclaims binary not found: {binary} (give --binary PATH)",
              file=sys.stderr)
        return 1
    if args.rules and os.path.exists(args.rules):
        args.rules = os.path.abspath(args.rules)
    start = time.monotonic()
    sc = make_context(args.master)
    created = done = False
    try:
        prepare_output(args.output, args.overwrite)
        created = True
        began = time.monotonic()
        print_summary(extract(sc, args, binary), time.monotonic() - began, began - start)
        done = True
    except UserError as e:
        print(f"spark_extract: {e}", file=sys.stderr)
    except Exception as e:  # a Spark job failure: the cause, not the JVM's stack
        print(f"spark_extract: {error_text(e)}", file=sys.stderr)
    finally:
        sc.stop()
        if created and not done:  # after sc.stop(): no task writes into it any more
            remove_output(args.output)
            print(f"spark_extract: {args.output} removed", file=sys.stderr)
    return 0 if done else 1


if __name__ == "__main__":
    sys.exit(main())
