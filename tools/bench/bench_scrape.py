"""The scrape phase: echo at 50 connections with /metrics read ten times a second vs not.

A Prometheus server scrapes every few seconds; ten a second is a hard upper case. The two modes
take turns on one Switchboard process within each repeat, so a slow stretch of the VM hits both.
"""
import os, statistics, threading, time, urllib.request
from bench_phases import SB_PORTS, Server, log, loadgen, switchboard

ADMIN_PORT = 9309


def scraper(stop, counts):
    """GET /metrics every 100 ms until stop is set; counts the replies and the failures."""
    url = "http://127.0.0.1:%d/metrics" % ADMIN_PORT
    os.sched_setaffinity(0, {0})  # this thread beside loadgen, off the server's CPU
    while not stop.wait(0.1):
        try:
            with urllib.request.urlopen(url, timeout=5) as reply:
                reply.read()
            counts["ok"] += 1
        except OSError:
            counts["failed"] += 1


def run_scrape(run):
    server = Server("switchboard", switchboard(["--admin-port", str(ADMIN_PORT)]), SB_PORTS + [ADMIN_PORT])
    rps = {"quiet": [], "scraped": []}
    try:
        for rep in range(run.repeats):
            for mode in ("quiet", "scraped"):
                stop, counts = threading.Event(), {"ok": 0, "failed": 0}
                thread = threading.Thread(target=scraper, args=(stop, counts), daemon=True)
                if mode == "scraped":
                    thread.start()
                res = loadgen(["-m", "echo", "-p", SB_PORTS[0], "-c", 50, "-P", 1, "-s", 64, "-d", run.duration,
                               "-w", 1], run.duration + 120)
                stop.set()
                if mode == "scraped":
                    thread.join()
                res.update(phase="scrape", server="switchboard", mode=mode, rep=rep,
                           scrapes=counts["ok"], scrapes_failed=counts["failed"])
                run.record(res)
                rps[mode].append(res.get("rps") or 0)
                log("switchboard scrape", mode, "rps=%s scrapes=%d failed=%d" % (
                    res.get("rps"), counts["ok"], counts["failed"]))
                time.sleep(0.5)
    finally:
        server.stop()
    # Each repeat's two runs are neighbours in time; the median of their ratios shrugs off a slow stretch.
    pairs = [s / q for q, s in zip(rps["quiet"], rps["scraped"]) if q]
    if pairs:
        ratio = statistics.median(pairs)
        run.record(dict(phase="scrape-summary", ratio=ratio, pairs=pairs))
        log("scrape: scraped / quiet, median of %d interleaved pairs = %.3f (%s)" % (
            len(pairs), ratio, " ".join("%.2f" % p for p in pairs)))
