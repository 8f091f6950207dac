#!/usr/bin/env python3
"""Extract claims from a large corpus with Spark, one `newsclaims extract -` per partition.

Usage:

    scripts/spark_extract.py INPUT OUTPUT [--master URL] [--binary PATH]
                             [--partitions N] [--rules DIR] [--overwrite]

INPUT is one of:

- a folder, read recursively like `newsclaims extract DIR` reads it: `.txt` and `.md`
  files are one article each, named by their path relative to INPUT (`sub/a.txt`);
  `.jsonl` files hold one article per line; README, LICENSE, SOURCES... files and other
  extensions are skipped and listed. Each file is read whole, in one task.
- a JSON Lines file, or a glob of them (`data/*.jsonl`): one article per line
  (`{"id", "text"}` plus optional `lang`, `url`, `source`, `published`), split across
  tasks by Hadoop like any text file.

Paths are Hadoop paths: `hdfs://`, `s3a://`... work where the cluster can read them. A
local folder is listed by the driver as `newsclaims extract` lists it (Hadoop's local
file system forks `ls` for every file it lists, without its native library) and must be
at the same path on the workers: local mode, or a shared mount. Other folders are listed
by Hadoop, which leaves out files whose names begin with `.` or `_`.

OUTPUT is a new folder that receives the claims as JSON Lines shards
`OUTPUT/part-00000.jsonl`, `part-00001.jsonl`... (one per partition, at least one even
for an empty input, plus Spark's `_SUCCESS` marker). Cross-check them with

    newsclaims check --claims OUTPUT/part-*.jsonl --format json -o report.json

The claims are those `newsclaims extract INPUT` writes, and in the same order when the
shards are read in name order: articles keep the single-process run's order and each
partition holds a run of consecutive articles (--partitions N makes N even runs).

Run locally (`local[2]` unless --master or spark-submit says otherwise):

    cargo build --release
    python3 scripts/spark_extract.py fixtures/articles /tmp/claims

Run on a cluster: ship the binary (built for the workers' platform) with the job; on
the workers the script falls back to the shipped copy (`SparkFiles.get("newsclaims")`)
when the --binary path does not exist there:

    spark-submit --master yarn --files target/release/newsclaims \\
        scripts/spark_extract.py hdfs:///news/2024 hdfs:///claims/2024 \\
        --binary target/release/newsclaims --partitions 64

A --rules folder must be readable at the same path on every worker (a shared mount), or
be shipped as an archive (`--archives rules.zip#rules` with `--rules rules`, a path
relative to the executors' working directory).

The binary is --binary PATH, else $NEWSCLAIMS_BIN, else `newsclaims` on the PATH, else
target/release/newsclaims in the repository holding this script. Each task streams its
articles through one run of it, with RAYON_NUM_THREADS set to spark.task.cpus (unless
set already).

Skipped inputs and records (documentation files, other extensions, empty or non-UTF-8
files, malformed JSON Lines records, languages without rules) are listed on stderr at the
end, named by file and line (the first 50; all are counted). If the binary fails or
cannot start, the job stops with an error naming the command, the partition, its first
and last article and the binary's stderr; OUTPUT is then removed. The counts of the
closing summary come from accumulators: a retried task may count twice.
"""

import argparse
import itertools
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
import time

from pyspark import AccumulatorParam, SparkConf, SparkContext, SparkFiles, StorageLevel

BINARY_NAME = "newsclaims"
ARTICLE_EXTENSIONS = (".txt", ".md")
JSONL_EXTENSION = ".jsonl"
DOCUMENTATION = {"readme", "license", "licence", "changelog", "contributing", "sources", "notice"}
SKIPS_SHOWN = 50
MAX_BYTES = 64 << 20  # newsclaims --max-bytes default (corpus::DEFAULT_MAX_BYTES)


class UserError(Exception):
    """A problem to report in one line, without a traceback."""


class PartitionError(RuntimeError):
    """The binary failed on a partition."""


# ---------------------------------------------------------------------------------------
# Command line and set-up (driver).


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Extract claims with Spark: one `newsclaims extract -` per partition.",
        epilog="See the module docstring for local and cluster usage.",
    )
    p.add_argument("input", help="folder of articles, JSON Lines file, or glob of them")
    p.add_argument("output", help="new folder for the claim shards part-NNNNN.jsonl")
    p.add_argument("--master", help="Spark master (default: as configured, else local[2])")
    p.add_argument("--binary", help="the newsclaims binary (default: see the docstring)")
    p.add_argument("--partitions", type=int,
                   help="partitions, i.e. runs of the binary (default: the parallelism)")
    p.add_argument("--rules", help="rule folder passed to newsclaims --rules")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    args = p.parse_args(argv)
    if args.partitions is not None and args.partitions < 1:
        p.error("--partitions must be at least 1")
    return args


def find_binary(given):
    """The binary's path as the driver sees it (absolute when it exists here)."""
    explicit = given or os.environ.get("NEWSCLAIMS_BIN")
    if explicit:  # kept as given when absent here: it may be on, or shipped to, the workers
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
    "org.apache.spark.internal.io.SparkHadoopWriter",
    "org.apache.spark.scheduler.TaskSetManager",
    "org.apache.spark.util.Utils",
)


def quiet_task_failures(sc):
    """A failing task is logged with its stack trace by four loggers; main() reports it
    once, in a few lines."""
    log4j = sc._jvm.org.apache.logging.log4j
    for name in TASK_FAILURE_LOGGERS:
        log4j.core.config.Configurator.setLevel(name, log4j.Level.FATAL)


# ---------------------------------------------------------------------------------------
# Hadoop file system (driver), so that OUTPUT may live on HDFS, S3...


def hadoop_path(sc, path):
    """The Hadoop FileSystem holding `path`, and the qualified Path."""
    p = sc._jvm.org.apache.hadoop.fs.Path(path)
    fs = p.getFileSystem(sc._jsc.hadoopConfiguration())
    return fs, fs.makeQualified(p)


def prepare_output(sc, output, overwrite):
    fs, path = hadoop_path(sc, output)
    if fs.exists(path):
        if not overwrite:
            raise UserError(f"{output} already exists: give a new folder, or --overwrite")
        fs.delete(path, True)


def finish_output(sc, output):
    """part-NNNNN → part-NNNNN.jsonl; drop the local file system's .crc files."""
    fs, path = hadoop_path(sc, output)
    checksummed = sc._jvm.java.lang.Class.forName("org.apache.hadoop.fs.ChecksumFileSystem")
    if checksummed.isInstance(fs):  # its listings hide the .crc files
        fs = fs.getRawFileSystem()
    for status in fs.listStatus(path):
        name = status.getPath().getName()
        if name.endswith(".crc"):
            fs.delete(status.getPath(), False)
        elif name.startswith("part-") and not name.endswith(JSONL_EXTENSION):
            target = sc._jvm.org.apache.hadoop.fs.Path(path, name + JSONL_EXTENSION)
            if not fs.rename(status.getPath(), target):
                raise UserError(f"cannot rename {status.getPath()} to {target}")


def remove_output(sc, output):
    fs, path = hadoop_path(sc, output)
    if fs.exists(path):
        fs.delete(path, True)


# ---------------------------------------------------------------------------------------
# Reading the input (driver plans, executors read), as `newsclaims extract` reads it
# (src/corpus.rs: walk, decode, JSON Lines records).
#
# An item is (kind, origin, id, payload). Kind "article": payload is the JSON line to send,
# id the article's id when known (for messages). Kinds "skipped" and "warning": payload is
# the reason. Origin names the input (`sub/a.txt`, `data.jsonl:12`). Every reader returns
# the items in the single-process run's order, each partition a run of consecutive ones.


def read_input(sc, source, partitions):
    """The items of `source` over `partitions` partitions (None: a default)."""
    fs, path = hadoop_path(sc, source)
    uri = path.toUri()
    if uri.getScheme() == "file" and os.path.isdir(uri.getPath()):
        return read_local_folder(sc, uri.getPath(), partitions or sc.defaultParallelism)
    if fs.exists(path) and fs.getFileStatus(path).isDirectory():
        return read_folder(sc, path.toString(), partitions)
    if fs.exists(path) and source.lower().endswith(ARTICLE_EXTENSIONS):
        return read_files(sc, path.toString(), lambda _: source).values()
    if not fs.exists(path) and not fs.globStatus(path):
        raise UserError(f"{source}: no such file, folder or files matching")
    return read_json_lines(sc, source, partitions)


def read_local_folder(sc, root, partitions):
    entries = local_files(root)
    return sc.parallelize(entries, partitions).flatMap(lambda e: read_local_file(*e))


def local_files(root):
    """(id, path or None, reason) of the files under `root`, in the Rust walk's order:
    names sorted in each folder, symbolic links followed, loops reported."""
    entries = []

    def walk(folder, rel, ancestors):
        real = os.path.realpath(folder)
        if real in ancestors:
            return entries.append((rel, None, "symlink loop (a folder inside itself)"))
        try:
            names = sorted(os.listdir(folder))
        except OSError as e:
            return entries.append((rel, None, f"cannot read folder: {os_error(e)}"))
        for name in names:
            path, name_rel = os.path.join(folder, name), f"{rel}/{name}" if rel else name
            if os.path.isdir(path):
                walk(path, name_rel, ancestors | {real})
            else:
                entries.append((name_rel, path, None))

    walk(root, "", frozenset())
    return entries


def read_local_file(rel, path, reason):
    kind, reason = ("skipped", reason) if reason else file_kind(rel)
    if kind == "skipped":  # not opened
        return [note("skipped", rel, reason)]
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            return [note("skipped", rel, f"{size} bytes, over --max-bytes {MAX_BYTES}")]
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return [note("skipped", rel, os_error(e))]
    return [item for _, item in file_items(rel, data)]


def os_error(e):
    if isinstance(e, FileNotFoundError):
        return "does not exist"
    return f"cannot read: {e.strerror} (os error {e.errno})"


def read_folder(sc, root, partitions):
    """Every file under `root` (a Hadoop folder), named relative to it, sorted."""
    sc._jsc.hadoopConfiguration().set(
        "mapreduce.input.fileinputformat.input.dir.recursive", "true")
    prefix = root.rstrip("/") + "/"
    keyed = read_files(sc, root, lambda uri: uri[len(prefix):] if uri.startswith(prefix) else uri)
    n = partitions or max(sc.defaultParallelism, keyed.getNumPartitions())
    return keyed.sortByKey(numPartitions=n).values()


def read_files(sc, path, name):
    """((path components, line), item) of the files under `path`, read whole;
    `name(uri)` gives a file's id."""
    def items(pair):
        uri, data = pair
        rel = name(uri)
        key = tuple(rel.split("/"))
        if len(data) > MAX_BYTES:
            return [((key, 0), note("skipped", rel,
                                    f"{len(data)} bytes, over --max-bytes {MAX_BYTES}"))]
        return [((key, n), item) for n, item in file_items(rel, data)]

    return sc.binaryFiles(glob_escape(path)).flatMap(items)


def glob_escape(path):
    """`path` read literally where Hadoop reads a glob pattern."""
    return re.sub(r"([\\\[\]{}*?])", r"\\\1", path)


def file_kind(rel):
    """("article" or "jsonl", None), or ("skipped", reason), from a file's name."""
    stem, ext = posixpath.splitext(posixpath.basename(rel))
    if stem.lower() in DOCUMENTATION:
        return "skipped", "documentation file (README, LICENSE, SOURCES...), not an article"
    if ext.lower() == JSONL_EXTENSION:
        return "jsonl", None
    if ext.lower() in ARTICLE_EXTENSIONS:
        return "article", None
    return "skipped", "not an article file (expected .txt, .md or .jsonl)"


def file_items(rel, data):
    """(line number, item) for one file's bytes."""
    kind, reason = file_kind(rel)
    if kind == "skipped":
        return [(0, note("skipped", rel, reason))]
    if kind == "jsonl":
        return json_lines_items(rel, data)
    try:
        text, warning = decode(bytes(data))
    except Unreadable as e:
        return [(0, note("skipped", rel, str(e)))]
    article = ("article", rel, rel, json.dumps({"id": rel, "text": text}, ensure_ascii=False))
    return [(0, item) for item in (warning and note("warning", rel, warning), article) if item]


def json_lines_items(rel, data):
    """(line number, item) for the records of a JSON Lines file: each line read alone."""
    lines = bytes(data).split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    items = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip(ASCII_BLANKS):
            continue
        origin = f"{rel}:{n}"
        if len(raw) + 1 > MAX_BYTES:
            items.append((n, note("skipped", origin,
                                  f"record of {len(raw) + 1} bytes, over --max-bytes {MAX_BYTES}")))
            continue
        try:
            line, warning = decode(raw)
        except Unreadable as e:
            items.append((n, note("skipped", origin, str(e))))
            continue
        if warning:
            items.append((n, note("warning", origin, warning)))
        items.append((n, json_line_item(origin, line.lstrip("\ufeff").rstrip("\r\n"))))
    return items


class Unreadable(Exception):
    """Bytes that newsclaims would not read as text; the message is its reason."""


UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = ((b"\xff\xfe", "utf-16-le", "UTF-16LE"), (b"\xfe\xff", "utf-16-be", "UTF-16BE"))
BINARY_SNIFF = 8192
ASCII_BLANKS = b" \t\n\x0c\r"
# Windows-1252 as encoding_rs (WHATWG) decodes it: the five undefined bytes map to C1 controls.
WINDOWS_1252 = {b: (bytes([b]).decode("cp1252", "ignore") or chr(b)) for b in range(0x80, 0xA0)}


def decode(data):
    """(text, warning or None) of an input's bytes as corpus::decode reads them: UTF-8 (a
    byte-order mark dropped), UTF-16 with a byte-order mark, else Windows-1252 with a
    warning; Unreadable for binary or empty input."""
    if not data.startswith(UTF8_BOM):
        for bom, codec, name in UTF16_BOMS:
            if data.startswith(bom):
                return not_empty(data[2:].decode(codec, "replace"), f"decoded from {name}")
    body = data[3:] if data.startswith(UTF8_BOM) else data
    nul = body.find(b"\0", 0, BINARY_SNIFF)
    if nul >= 0:
        raise Unreadable(f"binary file (NUL byte at offset {nul})")
    try:
        return not_empty(body.decode("utf-8"), None)
    except UnicodeDecodeError as e:
        text = body.decode("latin-1").translate(WINDOWS_1252)
        return not_empty(text, f"not UTF-8 (invalid byte at offset {e.start}): read as Windows-1252")


def not_empty(text, warning):
    if not text.strip():
        raise Unreadable("empty")
    return text, warning


def read_json_lines(sc, source, partitions):
    """Items of a JSON Lines file or glob (split by Hadoop), origin `file:line` (for a glob,
    `glob:N`, N counting the lines of all its files), in even runs of non-blank lines.
    Hadoop decodes the lines: bytes that are not UTF-8 become U+FFFD here."""
    lines = sc.textFile(source).persist(StorageLevel.MEMORY_AND_DISK)
    counts = lines.mapPartitions(lambda part: [count_lines(part)]).collect()
    starts = list(itertools.accumulate(  # (lines, records) before each partition
        counts, lambda a, c: (a[0] + c[0], a[1] + c[1]), initial=(0, 0)))
    n = partitions or max(sc.defaultParallelism, len(counts))
    per = max(sum(records for _, records in counts), 1)

    def number(index, part):
        line_no, ordinal = starts[index]
        for line_no, line in enumerate(part, line_no + 1):
            if line.strip():
                yield ordinal, json_line_item(f"{source}:{line_no}", line)
                ordinal += 1

    runs = lines.mapPartitionsWithIndex(number).repartitionAndSortWithinPartitions(
        n, lambda ordinal: ordinal * n // per)
    return runs.values()


def count_lines(lines):
    """How many lines, and how many of them not blank (records)."""
    total = records = 0
    for line in lines:
        total += 1
        records += bool(line.strip())
    return total, records


def json_line_item(origin, line):
    """The item of one JSON Lines record, sent as is: the binary judges it."""
    return ("article", origin, record_id(line), line)


def record_id(line):
    try:
        value = json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None
    return value if value is None or isinstance(value, str) else json.dumps(value)


def note(kind, origin, reason):
    """A "skipped" or "warning" item."""
    return (kind, origin, None, reason)


# ---------------------------------------------------------------------------------------
# Running the binary on a partition (executors).


class ListParam(AccumulatorParam):
    """Accumulates lists, keeping the first SKIPS_SHOWN entries."""

    def zero(self, value):
        return []

    def addInPlace(self, a, b):
        return (a + b)[:SKIPS_SHOWN]


class Counters:
    """The accumulators of the closing summary."""

    def __init__(self, sc):
        self.articles, self.claims, self.skipped, self.warnings = (
            sc.accumulator(0) for _ in range(4))
        self.notes = sc.accumulator([], ListParam())

    def note(self, kind, text):
        """Count a "skipped" or "warning" note, `input: reason`."""
        (self.skipped if kind == "skipped" else self.warnings).add(1)
        self.notes.add([f"{kind} {text}"])


class Partition:
    """One partition's items on their way to the binary: notes are counted, and each
    article's origin and id kept by its line number on the binary's stdin."""

    def __init__(self, index, items, counters):
        self.index, self.items, self.counters = index, iter(items), counters
        self.fed = []

    def articles(self):
        """The JSON lines to send."""
        for kind, origin, doc_id, payload in self.items:
            if kind == "article":
                self.fed.append((origin, doc_id))
                yield payload
            else:
                self.counters.note(kind, f"{origin}: {payload}")

    def describe(self, line_no):
        origin, doc_id = self.fed[line_no - 1]
        return origin if doc_id in (None, origin) else f"{origin} (id {doc_id})"

    def failure(self, cmd, what):
        for _ in self.articles():  # the last article, for the message
            pass
        return (f"`{' '.join(cmd)}` failed on partition {self.index} ({len(self.fed)} "
                f"articles, first {self.describe(1)}, last {self.describe(len(self.fed))}): "
                f"{what}")


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


def extract_partition(command, task_cpus, counters):
    """A mapPartitionsWithIndex function: items in, claim lines out."""
    def run(index, items):
        part = Partition(index, items, counters)
        articles = part.articles()
        first = next(articles, None)
        if first is None:
            return  # nothing to extract: no binary run
        cmd = [worker_binary(command[0])] + command[1:]
        yield from stream(cmd, part, itertools.chain([first], articles), task_cpus)

    return run


def stream(cmd, part, articles, task_cpus):
    """Claim lines of the binary fed `articles`; PartitionError if it fails."""
    env = dict(os.environ)
    env.setdefault("RAYON_NUM_THREADS", str(task_cpus))
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
    except OSError as e:
        raise PartitionError(part.failure(cmd, f"cannot start: {e}")) from None
    stderr, failed = [], []
    threads = [threading.Thread(target=feed, args=(proc.stdin, articles, failed)),
               threading.Thread(target=lambda: stderr.append(proc.stderr.read()))]
    for t in threads:
        t.start()
    claims = 0
    for line in proc.stdout:
        claims += 1
        yield line.decode("utf-8").removesuffix("\n")
    for t in threads:
        t.join()
    if failed:  # reading the input failed: that error, not the binary's
        raise failed[0]
    err = stderr[0].decode("utf-8", "replace")
    if proc.wait() != 0:
        raise PartitionError(part.failure(
            cmd, f"exit status {proc.returncode}; its stderr:\n{err.rstrip()}"))
    part.counters.articles.add(len(part.fed))
    part.counters.claims.add(claims)
    report_stderr(err, part)


def feed(stdin, articles, failed):
    """Write the articles, one per line, and close; quietly if the binary has died (its
    exit status tells), into `failed` if reading the articles fails."""
    try:
        for line in articles:
            stdin.write(line.encode("utf-8") + b"\n")
    except BrokenPipeError:
        pass
    except BaseException as e:  # re-raised by the task's thread
        failed.append(e)
    finally:
        try:
            stdin.close()
        except BrokenPipeError:
            pass


NOTE_LINE = re.compile(r"^\s*(skipped|warning) (.*)$")
STDIN_LINE = re.compile(r"^stdin:(\d+)(?: \(id .*?\))?: (.*)$")  # `stdin:3 (id x): reason`


def report_stderr(stderr, part):
    """Count the skips and warnings of the binary's stderr, named by origin; pass its
    other lines (but its run summary) on to this executor's stderr."""
    for line in stderr.splitlines():
        m = NOTE_LINE.match(line)
        if m:
            part.counters.note(m.group(1), name_input(m.group(2), part))
        elif line.strip() and not line.startswith("newsclaims: "):
            print(f"spark_extract: partition {part.index}: {line}", file=sys.stderr)


def name_input(text, part):
    """`stdin:N: reason` with the origin of the partition's Nth article instead."""
    m = STDIN_LINE.match(text)
    if m and 1 <= int(m.group(1)) <= len(part.fed):
        return f"{part.describe(int(m.group(1)))}: {m.group(2)}"
    return f"{text} (partition {part.index})"


# ---------------------------------------------------------------------------------------
# The job (driver).


def extract(sc, args, binary):
    """Run the job; the figures for the closing summary."""
    items = read_input(sc, args.input, args.partitions)
    counters = Counters(sc)
    rules = ["--rules", args.rules] if args.rules else []
    command = [binary, "extract", "--stdin", "jsonl"] + rules + ["-"]
    task_cpus = int(sc.getConf().get("spark.task.cpus", "1"))
    claims = items.mapPartitionsWithIndex(extract_partition(command, task_cpus, counters))
    claims.saveAsTextFile(args.output)
    finish_output(sc, args.output)
    figures = {name: getattr(counters, name).value
               for name in ("articles", "claims", "skipped", "warnings", "notes")}
    figures["partitions"] = claims.getNumPartitions()
    return figures


def print_summary(figures, seconds, startup):
    for line in figures["notes"]:
        print(f"  {line}", file=sys.stderr)
    unlisted = figures["skipped"] + figures["warnings"] - len(figures["notes"])
    if unlisted > 0:
        print(f"  ... and {unlisted} more skips and warnings", file=sys.stderr)
    rate = figures["articles"] / seconds if seconds > 0 else 0.0
    print(f"spark_extract: {figures['articles']} articles read, {figures['partitions']} "
          f"partitions, {figures['claims']} claims written, {figures['skipped']} skipped, "
          f"{figures['warnings']} warnings, {seconds:.1f} s ({rate:.1f} articles/s; "
          f"Spark start-up {startup:.1f} s more)", file=sys.stderr)


def error_text(e):
    """The PartitionError message inside a Spark failure, else the whole failure."""
    text = str(e)
    marker = "PartitionError: "
    if marker in text:
        message = text[text.rindex(marker) + len(marker):]
        return re.split(r"\n\s*at ", message)[0].rstrip()
    return text.strip() or repr(e)


def run_job(sc, args, binary, startup):
    found = worker_binary(binary)  # workers are this machine in local mode
    if sc.master.startswith("local") and not os.path.isfile(found) and not shutil.which(found):
        raise UserError(f"newsclaims binary not found: {binary} (give --binary PATH)")
    prepare_output(sc, args.output, args.overwrite)
    began = time.monotonic()
    try:
        figures = extract(sc, args, binary)
    except BaseException:
        remove_output(sc, args.output)
        raise
    print_summary(figures, time.monotonic() - began, startup)


def main(argv=None):
    args = parse_args(argv)
    binary = find_binary(args.binary)
    if args.rules and os.path.exists(args.rules):
        args.rules = os.path.abspath(args.rules)
    start = time.monotonic()
    sc = make_context(args.master)
    try:
        run_job(sc, args, binary, time.monotonic() - start)
        return 0
    except UserError as e:
        print(f"spark_extract: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # a Spark job failure: the cause, not the JVM's stack
        print(f"spark_extract: {error_text(e)}", file=sys.stderr)
        return 1
    finally:
        sc.stop()


if __name__ == "__main__":
    sys.exit(main())
