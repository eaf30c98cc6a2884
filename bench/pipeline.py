#!/usr/bin/env python3
"""End-to-end benchmark of the local pipeline; run through bench/pipeline.sh, which documents the arguments.

One fresh `./docpipe start`, then:
  1. throughput: N documents moved into the inbox at once; seconds until all N are searchable;
  2. latency: M other documents dropped at a fixed rate; per document, from its drop (the rename into the inbox)
     to the moment a search finds it (polled every 50 ms);
  3. the resident memory of the whole stack (the launcher JVM and its child JVMs), sampled throughout.
The enrich-only rate on the same documents comes from EnrichBenchmark (one thread), run before the stack starts.

The corpus is built from files in the project (so it runs in a clean clone): wikigold's 145 Wikipedia articles
(CC-BY 4.0, detokenized) as small items, runs of twelve articles as multi-page extracts, and the five sample
documents. Each file gets a unique first line (a bulletin number), so that no two files are the same bytes.
"""
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
    body = {"size": len(names), "_source": ["source.file_name"],
            "query": {"terms": {"source.file_name": sorted(names)}}}
    try:
        hits = http("POST", SEARCH + "/_search", body)["hits"]["hits"]
    except Exception:
        return set()
    return {hit["_source"]["source"]["file_name"] for hit in hits}


def rss_mib(pid):
    pids = [str(pid)]
    for _ in range(3):  # the launcher's children and theirs
        out = subprocess.run(["pgrep", "-P", ",".join(pids)], capture_output=True, text=True).stdout.split()
        pids = sorted(set(pids) | set(out))
    out = subprocess.run(["ps", "-o", "rss=", "-p", ",".join(pids)], capture_output=True, text=True).stdout
    return sum(int(x) for x in out.split()) / 1024


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
    throughput_names, throughput_chars = write_set(os.path.join(work, "throughput"), bodies, n, "t")
    latency_names, _ = write_set(os.path.join(work, "latency"), bodies[::-1], m, "l")
    print("corpus: %d documents, %s chars for throughput; %d for latency at %.1f files/s" % (
        n, format(throughput_chars, ","), m, rate), flush=True)
    enrich_rate = enrich_only(os.path.join(work, "throughput"), 10)
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

        # 1. throughput: one move of N files
        for name in throughput_names:
            shutil.copy(os.path.join(work, "throughput", name), os.path.join(staging, name))
        start = time.time()
        for name in throughput_names:
            os.rename(os.path.join(staging, name), os.path.join(inbox, name))
        while count() < n:
            time.sleep(0.05)
        elapsed = time.time() - start
        e2e = throughput_chars / elapsed
        print("throughput: %d documents searchable after %.1f s: %.1f docs/s, %s chars/s, %.2fx the enrich-only rate"
              % (n, elapsed, n / elapsed, format(round(e2e), ","), e2e / enrich_rate), flush=True)

        # 2. latency at a fixed arrival rate, per document
        for name in latency_names:
            shutil.copy(os.path.join(work, "latency", name), os.path.join(staging, name))
        dropped, seen = {}, {}
        done = threading.Event()

        def poll():
            while not done.is_set():
                pending = [x for x in dropped if x not in seen]
                if pending:
                    now = time.time()
                    for name in found(pending):
                        seen.setdefault(name, now)
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
        stop.set()
        print("RSS of the whole stack (launcher + registry + OpenSearch): peak %.0f MiB, now %.0f MiB" % (
            peak[0], rss_mib(launcher.pid)), flush=True)
    finally:
        launcher.terminate()
        launcher.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
