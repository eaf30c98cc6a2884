#!/usr/bin/env python3
"""End-to-end benchmark of the local pipeline; run through bench/pipeline.sh, which documents the arguments.

One fresh `./docpipe start`, then:
  1. throughput: N documents moved into the inbox at once; seconds until all N are searchable; twice, with other
     documents of the same corpus: cold (the fresh stack's JIT compiles while they flow) and warm (what a running
     pipeline sustains), each with the CPU time of every process and thread group of the stack (from /proc);
  2. latency: M other documents dropped at a fixed rate; per document, from its drop (the rename into the inbox)
     to the moment a search finds it (polled every 50 ms);
  3. the resident memory of the whole stack (the launcher JVM and its child JVMs), sampled throughout.
The enrich-only rate on the same documents comes from EnrichBenchmark (one thread), run before the stack starts.

The corpus is built from files in the project (so it runs in a clean clone): wikigold's 145 Wikipedia articles
(CC-BY 4.0, detokenized) as small items, runs of twelve articles as multi-page extracts, and the five sample
documents. Each file gets a unique first line (a bulletin number), so that no two files are the same bytes.
"""
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIKIGOLD = os.path.join(ROOT, "enrich-service/src/test/resources/wikigold/wikigold.conll.txt")
SAMPLES = os.path.join(ROOT, "all-in-one/src/test/resources/samples")
SEARCH = "http://localhost:9200/docpipe-documents"


def detokenize(tokens):
    text = " ".join(tokens)
    text = re.sub(r" ([.,;:!?%)\]'])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return re.sub(r" (n't|'s|'re|'ve|'ll|'d)\b", r"\1", text)


def wikigold_articles():
    articles, sentences, tokens = [], [], []
    with open(WIKIGOLD, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-") or not line.strip():
                if tokens:
                    sentences.append(detokenize(tokens))
                    tokens = []
                if line.startswith("-DOCSTART-") and sentences:
                    articles.append(sentences)
                    sentences = []
                continue
            tokens.append(line.rsplit(" ", 1)[0])
    if tokens:
        sentences.append(detokenize(tokens))
    if sentences:
        articles.append(sentences)
    # paragraphs of three sentences, the first sentence as a title line
    texts = []
    for sentences in articles:
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(1, len(sentences), 3)]
        texts.append(sentences[0] + "\n\n" + "\n\n".join(paragraphs) + "\n")
    return texts


def corpus():
    small = wikigold_articles()
    extracts = ["\n".join(small[i:i + 12]) for i in range(0, len(small) - 11, 12)]
    samples = []
    for name in sorted(os.listdir(SAMPLES)):
        if name.endswith(".txt"):
            with open(os.path.join(SAMPLES, name), encoding="utf-8") as f:
                samples.append(f.read())
    return small + extracts + samples


def write_set(folder, bodies, count, tag):
    os.makedirs(folder, exist_ok=True)
    names, chars = [], 0
    for i in range(count):
        text = "Bulletin %s-%d\n\n%s" % (tag, i, bodies[i % len(bodies)])
        name = "%s-%04d.txt" % (tag, i)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
        names.append(name)
        chars += len(text)
    return names, chars


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def count():
    try:
        return http("GET", SEARCH + "/_count")["count"]
    except Exception:
        return -1


def found(names):
    """The given files that a search finds now, with the times their records say they were ingested and enriched."""
    body = {"size": len(names), "_source": ["source.file_name", "ingest_time", "enrich_time"],
            "query": {"terms": {"source.file_name": sorted(names)}}}
    try:
        hits = http("POST", SEARCH + "/_search", body)["hits"]["hits"]
    except Exception:
        return {}
    return {hit["_source"]["source"]["file_name"]: (epoch(hit["_source"].get("ingest_time")),
                                                    epoch(hit["_source"].get("enrich_time"))) for hit in hits}


def epoch(iso):
    if not iso:
        return None
    iso = iso.replace("Z", "+00:00")
    if "." in iso:  # Python's fromisoformat takes at most 6 fraction digits
        head, rest = iso.split(".", 1)
        digits = "".join(c for c in rest if c.isdigit())
        iso = head + "." + (digits[:6].ljust(6, "0")) + rest[len(digits):]
    return datetime.datetime.fromisoformat(iso).timestamp()


def rss_mib(pid):
    pids = stack_pids(pid)
    out = subprocess.run(["ps", "-o", "rss=", "-p", ",".join(pids)], capture_output=True, text=True).stdout
    return sum(int(x) for x in out.split()) / 1024


def stack_pids(pid):
    pids = [str(pid)]
    for _ in range(3):  # the launcher's children and theirs
        out = subprocess.run(["pgrep", "-P", ",".join(pids)], capture_output=True, text=True).stdout.split()
        pids = sorted(set(pids) | set(out))
    return pids


def process_label(pid, launcher):
    if pid == str(launcher):
        return "launcher"
    try:
        cmdline = open("/proc/%s/cmdline" % pid, "rb").read().decode(errors="replace").lower()
    except OSError:
        return None
    if "java" not in cmdline:
        return None
    return "opensearch" if "opensearch" in cmdline else "registry"


THREAD_GROUPS = [  # (prefix of /proc's 15-character thread name, group), first match wins
    ("enrich-worker", "enrich: text enrichment"), ("docpipe-enrich", "enrich: stream thread"),
    ("C2 CompilerThre", "JIT (C2)"), ("C1 CompilerThre", "JIT (C1)"), ("VM Thread", "GC and safepoints"),
    ("GC Thread", "GC and safepoints"), ("G1 ", "GC and safepoints"),
    ("data-plane-kafk", "broker"), ("kafka-", "broker"), ("broker-", "broker"), ("controller-", "broker"),
    ("quorum", "broker"), ("raft", "broker"), ("ExpirationReap", "broker"), ("LogDirFailureH", "broker"),
    ("ingest", "ingest"), ("inbox", "ingest"), ("index-loop", "index"), ("bulk-slice", "index"),
    ("kafka-producer-", "Kafka clients"), ("docpipe-index", "Kafka clients"),
]


def thread_cpu(launcher):
    """CPU seconds per (process, thread group) of the given processes, from /proc (user + system)."""
    ticks = os.sysconf("SC_CLK_TCK")
    totals = {}
    for pid in stack_pids(launcher):
        label = process_label(pid, launcher)
        if label is None:
            continue
        try:
            tids = os.listdir("/proc/%s/task" % pid)
        except OSError:
            continue
        for tid in tids:
            try:
                stat = open("/proc/%s/task/%s/stat" % (pid, tid)).read()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            seconds = (int(fields[11]) + int(fields[12])) / ticks
            group = "other"
            if label == "launcher":
                group = next((g for prefix, g in THREAD_GROUPS if name.startswith(prefix)), "other")
            key = (label, group)
            totals[key] = totals.get(key, 0) + seconds
    return totals


def cpu_report(before, after, elapsed):
    keys = sorted(set(before) | set(after), key=lambda k: -(after.get(k, 0) - before.get(k, 0)))
    spent = {k: after.get(k, 0) - before.get(k, 0) for k in keys}
    total = sum(spent.values())
    lines = ["  CPU: %.1f core-seconds in %.1f s (%.2f cores busy)" % (
        total, elapsed, total / elapsed)]
    for k in keys:
        if spent[k] >= 0.05:
            lines.append("  %-10s %-26s %6.1f s  %4.1f%%" % (k[0], k[1], spent[k], 100 * spent[k] / total))
    return "\n".join(lines)


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def enrich_only(folder, seconds):
    classpath = subprocess.run([os.path.join(ROOT, "bench/test-classpath.sh"), "enrich-service"], check=True,
                               capture_output=True, text=True).stdout.strip()
    out = subprocess.run(["java", "-Xmx512m", "-XX:+UseSerialGC", "-XX:ActiveProcessorCount=1", "-cp", classpath,
                          "io.docpipe.enrich.EnrichBenchmark", str(seconds), folder],
                         check=True, capture_output=True, text=True).stdout
    measured = [line for line in out.splitlines() if line.startswith("measured")][0]
    return float(re.search(r"([\d,]+) chars/s", measured).group(1).replace(",", ""))


def main():
    n, m, rate = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    bodies = corpus()
    work = tempfile.mkdtemp(prefix="docpipe-bench-")
    throughput_names, throughput_chars = {}, {}
    for phase, tag in (("cold", "c"), ("warm", "t")):
        throughput_names[phase], throughput_chars[phase] = write_set(os.path.join(work, phase), bodies, n, tag)
    # the latency set is news-sized: wikigold's articles alone (39 chars to 5 KB, as the 0.4-5 KB items)
    latency_names, _ = write_set(os.path.join(work, "latency"), wikigold_articles()[::-1], m, "l")
    print("corpus: %d documents, %s chars for throughput; %d for latency at %.1f files/s" % (
        n, format(throughput_chars["warm"], ","), m, rate), flush=True)
    enrich_rate = enrich_only(os.path.join(work, "warm"), 10)
    print("enrich only (EnrichBenchmark, one thread, same documents): %s chars/s" % format(round(enrich_rate), ","),
          flush=True)

    data = os.path.join(work, "data")
    env = dict(os.environ, DOCPIPE_LOCAL_DATA_DIR=data)
    log = open(os.path.join(work, "start.log"), "w")
    t0 = time.time()
    launcher = subprocess.Popen([os.path.join(ROOT, "docpipe"), "start"], stdout=log, stderr=subprocess.STDOUT,
                                env=env)
    try:
        while "docpipe is running" not in open(os.path.join(work, "start.log")).read():
            if launcher.poll() is not None:
                sys.exit("docpipe start failed: see " + os.path.join(work, "start.log"))
            time.sleep(0.1)
        print("cold start: %.1f s" % (time.time() - t0), flush=True)
        peak = [rss_mib(launcher.pid)]
        stop = threading.Event()

        def sample():
            while not stop.wait(0.5):
                peak[0] = max(peak[0], rss_mib(launcher.pid))
        threading.Thread(target=sample, daemon=True).start()
        inbox = os.path.join(data, "inbox")
        staging = os.path.join(data, "staging")
        os.makedirs(staging, exist_ok=True)

        # 1. throughput: one move of N files into the fresh stack (cold: the JIT compiles as the documents flow),
        # then one move of N other files (warm: what a running pipeline sustains)
        searchable = 0
        for phase in ("cold", "warm"):
            names = throughput_names[phase]
            for name in names:
                shutil.copy(os.path.join(work, phase, name), os.path.join(staging, name))
            cpu_before = thread_cpu(launcher.pid)
            start = time.time()
            for name in names:
                os.rename(os.path.join(staging, name), os.path.join(inbox, name))
            searchable += n
            while count() < searchable:
                time.sleep(0.05)
            elapsed = time.time() - start
            cpu_after = thread_cpu(launcher.pid)
            e2e = throughput_chars[phase] / elapsed
            print("throughput (%s): %d documents searchable after %.1f s: %.1f docs/s, %s chars/s, %.2fx the "
                  "enrich-only rate" % (phase, n, elapsed, n / elapsed, format(round(e2e), ","), e2e / enrich_rate),
                  flush=True)
            print(cpu_report(cpu_before, cpu_after, elapsed), flush=True)

        # 2. latency at a fixed arrival rate, per document
        for name in latency_names:
            shutil.copy(os.path.join(work, "latency", name), os.path.join(staging, name))
        dropped, seen, stamps = {}, {}, {}
        done = threading.Event()

        def poll():
            while not done.is_set():
                pending = [x for x in dropped if x not in seen]
                if pending:
                    now = time.time()
                    for name, times in found(pending).items():
                        seen.setdefault(name, now)
                        stamps.setdefault(name, times)
                if len(seen) == m:
                    return
                time.sleep(0.05)
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        begin = time.time()
        for i, name in enumerate(latency_names):
            delay = begin + i / rate - time.time()
            if delay > 0:
                time.sleep(delay)
            dropped[name] = time.time()
            os.rename(os.path.join(staging, name), os.path.join(inbox, name))
        poller.join(timeout=120)
        done.set()
        latencies = [seen[x] - dropped[x] for x in latency_names if x in seen]
        if len(latencies) < m:
            print("latency: only %d of %d documents became searchable within 120 s" % (len(latencies), m))
        print("latency at %.1f files/s, %d documents, drop to searchable: p50 %.2f s, p90 %.2f s, p99 %.2f s, "
              "max %.2f s" % (rate, len(latencies), percentile(latencies, 50), percentile(latencies, 90),
                              percentile(latencies, 99), max(latencies)), flush=True)
        stages = [(stamps[x][0] - dropped[x], stamps[x][1] - stamps[x][0], seen[x] - stamps[x][1])
                  for x in latency_names if x in seen and None not in stamps[x]]
        slowest = sorted((seen[x] - dropped[x], i, x) for i, x in enumerate(latency_names) if x in seen)[-5:]
        print("  slowest: " + ", ".join("#%d %.2f s" % (i, t) for t, i, x in reversed(slowest)), flush=True)
        if stages:
            print("  by stage, p50 / p90: drop to ingested %.2f / %.2f s; ingested to enriched %.2f / %.2f s; "
                  "enriched to searchable %.2f / %.2f s" % tuple(
                      v for i in range(3) for v in (percentile([t[i] for t in stages], 50),
                                                    percentile([t[i] for t in stages], 90))), flush=True)
        stop.set()
        print("RSS of the whole stack (launcher + registry + OpenSearch): peak %.0f MiB, now %.0f MiB" % (
            peak[0], rss_mib(launcher.pid)), flush=True)
    finally:
        launcher.terminate()
        launcher.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
