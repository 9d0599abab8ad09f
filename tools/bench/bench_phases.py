"""The servers, workloads and phases of tools/bench/run.

Every phase keeps the servers it compares up at once and runs them one after the other
within each repeat: a slow stretch of this shared VM then hits every server alike instead
of all the repeats of one (once seen as bulk at 0.55x Netty when runs were not interleaved).
"""
import json, os, re, statistics, time
from bench_procs import KIT, Server, ServerFailed, finish, hold_idle, live_heap_bytes, loadgen, log

ROOT = os.path.dirname(os.path.dirname(KIT))
JAR = os.path.join(ROOT, "target", "switchboard.jar")
NETTY = os.path.join(KIT, "netty-echo", "netty-echo.jar")
CERT = os.path.join(KIT, "certs", "server.crt")
KEY = os.path.join(KIT, "certs", "server.key")
SB_PORTS = [9301, 9302, 9303, 9304, 9305]
SB_TLS_PORT = 9306
TLS_ARGS = ["-S", "-k"]  # loadgen speaks TLS and skips verifying the throwaway certificate
ORDER = ["switchboard", "netty-nio-1t", "netty-epoll-1t", "c-epoll"]


def netty(main, port, transport, *more):
    head = ["java", "-jar", NETTY] if main is None else ["java", "-cp", NETTY, main]
    return head + [str(port), transport, "1"] + list(more)


# server -> protocol -> (port, argv); Switchboard serves every protocol from one process.
SERVERS = {
    "switchboard": {"echo": (9301, None), "frame5": (9302, None), "h128": (9303, None), "tls": (SB_TLS_PORT, None)},
    "netty-nio-1t": {"echo": (9311, netty(None, 9311, "nio")),
                     "frame5": (9312, netty("bench.NettyFrame5", 9312, "nio")),
                     "h128": (9313, netty("bench.NettyHeader128", 9313, "nio")),
                     "tls": (9314, netty("bench.NettyTlsEcho", 9314, "nio", CERT, KEY))},
    "netty-epoll-1t": {"echo": (9321, netty(None, 9321, "epoll")),
                       "frame5": (9322, netty("bench.NettyFrame5", 9322, "epoll")),
                       "h128": (9323, netty("bench.NettyHeader128", 9323, "epoll")),
                       "tls": (9324, netty("bench.NettyTlsEcho", 9324, "epoll", CERT, KEY))},
    "c-epoll": {"echo": (9331, [os.path.join(KIT, "epoll_echo"), "9331"]),
                "tls": (9334, [os.path.join(KIT, "tls_echo"), "9334", CERT, KEY])},
}

# (label, connections, depth, payload bytes, extra loadgen arguments)
PLAIN = [("c1", 1, 1, 64, []), ("c50", 50, 1, 64, []), ("c1000", 1000, 1, 64, ["-B", "4"]),
         ("c5000", 5000, 1, 64, ["-B", "4", "-T", "60"]), ("p16c50", 50, 16, 64, []), ("bulk64k", 8, 1, 65536, [])]
H128 = [(label, c, d, s, extra + ["-L", "12"]) for label, c, d, s, extra in PLAIN if label != "bulk64k"]
WORKLOADS = {"echo": PLAIN, "frame5": list(PLAIN), "h128": H128,
             "tls": [("c50", 50, 1, 64, []), ("bulk64k", 8, 1, 65536, [])]}
# connect, full handshake, one 64 B echo, close, again; -B 4: the client's ports sit in TIME_WAIT
HANDSHAKE = ("hs-c16", 16, 1, 64, ["-B", "4"])


class Run:
    """Options of this run and the file its JSON lines go to."""

    def __init__(self, out, repeats, duration, prewarm, prewarm_max):
        self.out, self.repeats, self.duration = out, repeats, duration
        self.prewarm, self.prewarm_max = prewarm, prewarm_max
        self.tls_refused = None  # why Switchboard cannot serve TLS, once it said so

    def record(self, obj):
        obj["ts"] = time.strftime("%Y-%m-%dT%H:%M:%S")
        self.out.write(json.dumps(obj) + "\n")
        self.out.flush()


def switchboard(extra=()):
    return ["java", "-jar", JAR, "serve", "--echo-port", "9301", "--frame5-port", "9302",
            "--header128-port", "9303", "--command-port", "9304", "--chat-port", "9305", "--web-port", "off",
            "--max-connections", "20000", "--log-level", "warn"] + list(extra)


def switchboard_tls(extra=()):
    return switchboard(["--echo-tls-port", str(SB_TLS_PORT), "--tls-cert", CERT, "--tls-key", KEY] + list(extra))


def start(name, protocol):
    if name == "switchboard":
        if protocol == "tls":
            return Server(name, switchboard_tls(), SB_PORTS + [SB_TLS_PORT])
        return Server(name, switchboard(), SB_PORTS)
    port, argv = SERVERS[name][protocol]
    return Server(name, argv, [port])


def start_tls(run, name):
    """A TLS server, or None when Switchboard refuses its TLS options (not built yet)."""
    if name == "switchboard" and run.tls_refused:
        return None
    try:
        return start(name, "tls")
    except ServerFailed as e:
        if name != "switchboard":
            raise
        run.tls_refused = e.said
        log("skipping Switchboard over TLS, the daemon refused `%s`: %s" % (" ".join(switchboard_tls()[-6:]), e.said))
        run.record(dict(phase="skip", server=name, what="tls", reason=e.said))
        return None


def mode(phase, protocol):
    return "handshake" if phase == "handshake" else "echo" if protocol == "tls" else protocol


def measure(run, phase, name, protocol, workload, rep, tls):
    label, conns, depth, size, extra = workload
    port = SERVERS[name][protocol][0]
    args = ["-m", mode(phase, protocol), "-p", port, "-c", conns, "-P", depth, "-s", size, "-d", run.duration, "-w", 1] + extra
    res = loadgen(args + (TLS_ARGS if tls else []), run.duration + 120)
    res.update(phase=phase, server=name, protocol=protocol, workload=label, rep=rep)
    run.record(res)
    log(name, phase, protocol, label, "rps=%s p99=%s errors=%s%s" % (
        res.get("rps"), res.get("p99_us"), res.get("errors"), " rc=%s %s" % (res["rc"], res.get("stderr", ""))
        if "rc" in res else ""))
    time.sleep(0.5)


def interleave(run, phase, protocol, servers, workloads, tls=False):
    for workload in workloads:
        for rep in range(run.repeats):
            for name in servers:
                measure(run, phase, name, protocol, workload, rep, tls)


def run_throughput(run, protocols):
    """Every server of a protocol is up at once (idle ones cost nothing)."""
    sb = start("switchboard", None) if "switchboard" in ORDER else None
    try:
        for protocol in protocols:
            names = [n for n in ORDER if protocol in SERVERS[n]]
            servers = {n: sb if n == "switchboard" else start(n, protocol) for n in names}
            try:
                interleave(run, "throughput", protocol, names, WORKLOADS[protocol])
            finally:
                for server in servers.values():
                    if server is not sb:
                        server.stop()
    finally:
        if sb:
            sb.stop()


def prewarm(run, name, workloads):
    """Unrecorded runs right after start until two in a row agree within 10 %: a JVM's TLS
    path needs tens of seconds of JIT here (Netty's handshakes climb from ~80/s to ~400/s)."""
    port = SERVERS[name]["tls"][0]
    for phase, (label, conns, depth, size, extra) in workloads:
        last = None
        for i in range(run.prewarm_max):
            args = ["-m", mode(phase, "tls"), "-p", port, "-c", conns, "-P", depth, "-s", size, "-d", run.prewarm, "-w", 0]
            res = loadgen(args + extra + TLS_ARGS, run.prewarm + 120)
            rps = res.get("rps") or 0
            log(name, "prewarm", label, i, "rps=%s" % rps)
            if "rc" in res or (last and abs(rps - last) <= 0.1 * max(rps, last)):
                break
            last = rps


def run_tls(run, throughput, handshake):
    """TLS echo and handshakes against the TLS twin of each server, all up at once."""
    servers = {}
    try:
        for name in ORDER:
            server = start_tls(run, name)
            if server:
                servers[name] = server
        names = [n for n in ORDER if n in servers]
        warm = [("tls", w) for w in WORKLOADS["tls"] if throughput] + ([("handshake", HANDSHAKE)] if handshake else [])
        if run.prewarm:
            for name in names:
                if name != "c-epoll":  # native code: nothing to warm up
                    prewarm(run, name, warm)
        if throughput:
            interleave(run, "tls", "tls", names, WORKLOADS["tls"], tls=True)
        if handshake:
            interleave(run, "handshake", "tls", names, [HANDSHAKE], tls=True)
    finally:
        for server in servers.values():
            server.stop()


def run_idle(run, levels, tls=False):
    """Memory per idle connection, each in a fresh server. "kit": RSS growth from the fresh
    server, the kit's own method. "settled": RSS growth after one full GC at the start (Java
    servers), so heap pages that start-up garbage touched are not counted as the connections'
    memory, with the growth of the live Java heap beside it. TLS: settled only, and loadgen
    completes a full handshake on every connection before it counts as up."""
    phase, protocol = ("idle-tls", "tls") if tls else ("idle", "echo")
    extra = ["-T", "90", "-R", "200"] + TLS_ARGS if tls else ["-T", "60", "-r", "5000"]
    for name in ORDER:
        for n in levels:
            for method in ("settled",) if tls else ("kit", "settled"):
                server = start_tls(run, name) if tls else start(name, protocol)
                if server is None:
                    continue
                try:
                    time.sleep(1)
                    heap_before = None
                    if method == "settled" and name != "c-epoll":
                        heap_before = live_heap_bytes(server.proc.pid)
                        time.sleep(1)
                    before = server.rss_kib()
                    lg, connected = hold_idle(SERVERS[name][protocol][0], n, 6, extra)
                    time.sleep(2)
                    after = server.rss_kib()
                    heap_after = live_heap_bytes(server.proc.pid) if heap_before is not None else None
                    finish(lg, 120)
                    per = max(1, connected)
                    res = dict(phase=phase, method=method, server=name, connections=n, connected=connected,
                               rss_before_kib=before, rss_after_kib=after, kib_per_conn=(after - before) / per,
                               live_bytes_per_conn=(heap_after - heap_before) / per if heap_after else None)
                    run.record(res)
                    log(name, phase, method, n, "%d up, %.2f KiB/conn RSS, live heap %s B/conn" % (
                        connected, res["kib_per_conn"], res["live_bytes_per_conn"]))
                finally:
                    server.stop()
                    time.sleep(1)


def run_startup(run, repeats):
    for name in ORDER:
        for rep in range(repeats):
            server = start(name, "echo")
            run.record(dict(phase="startup", server=name, rep=rep, ms=server.startup_ms))
            log(name, "startup", "%.0f ms" % server.startup_ms)
            server.stop()
            time.sleep(0.5)


def run_alloc(run, duration):
    """Bytes the loop thread allocates per request, from Switchboard's own --stats-interval."""
    for protocol, label, conns, depth, extra in (("echo", "c50", 50, 1, []), ("echo", "p16c50", 50, 16, []),
                                                 ("frame5", "c50", 50, 1, []), ("h128", "c50", 50, 1, ["-L", "12"])):
        server = Server("switchboard", switchboard(["--stats-interval", "1", "--log-level", "info"]), SB_PORTS)
        try:
            port = SERVERS["switchboard"][protocol][0]
            loadgen(["-m", protocol, "-p", port, "-c", conns, "-P", depth, "-s", 64, "-d", duration, "-w", 1] + extra,
                    duration + 60)
        finally:
            server.stop()
        with open(server.log_path) as f:
            per = [float(m.group(2)) for m in re.finditer(r"stats: (\d+) messages .*?\(([0-9.]+) per message\)", f.read())
                   if int(m.group(1)) > 20000]
        # The first seconds include JIT warm-up; steady state is the median of the rest.
        value = statistics.median(per[2:] if len(per) > 4 else per) if per else None
        run.record(dict(phase="alloc", protocol=protocol, workload=label, bytes_per_message=value, samples=per))
        log("alloc", protocol, label, value)
