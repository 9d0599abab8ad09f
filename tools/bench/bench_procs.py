"""Processes of one bench run: every server, load generator and build step it starts.

Each child gets its own session (so its own process group) and is remembered until it has
been waited for. A terminal's Ctrl+C reaches only the runner then, and the runner's handler
for SIGINT, SIGTERM and SIGHUP raises Interrupted; stop_all() ends every remembered group.
"""
import os, re, signal, socket, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KIT = os.path.join(ROOT, "target", "bench-kit")
LOGS = os.path.join(ROOT, "target", "bench-run", "logs")
LOADGEN = os.path.join(KIT, "loadgen")
SERVER_CPU, CLIENT_CPU = "1", "0"

CHILDREN = {}  # pid (= process group id) -> Popen, until waited for
_state = {"critical": False, "pending": None}


class Interrupted(Exception):
    def __init__(self, signum):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def log(*a):
    print("[bench %s]" % time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def _on_signal(signum, frame):
    # Raising inside Popen could lose the pid of a child that already runs: defer it.
    if _state["critical"]:
        _state["pending"] = signum
        return
    raise Interrupted(signum)


def install_signal_handlers():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, _on_signal)


def spawn(argv, **kw):
    _state["critical"] = True
    try:
        p = subprocess.Popen([str(a) for a in argv], start_new_session=True, **kw)
        CHILDREN[p.pid] = p
    finally:
        _state["critical"] = False
    if _state["pending"]:
        raise Interrupted(_state["pending"])
    return p


def forget(p):
    CHILDREN.pop(p.pid, None)


def killpg(p, sig):
    # Only while the leader is not yet reaped: until then its pid, the group id, cannot be reused.
    if p.returncode is not None:
        return
    try:
        os.killpg(p.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def stop(p, grace):
    """SIGTERM to the child's group, SIGKILL after grace seconds."""
    killpg(p, signal.SIGTERM)
    try:
        p.wait(grace)
    except subprocess.TimeoutExpired:
        killpg(p, signal.SIGKILL)
        p.wait(5)
    forget(p)


def stop_all():
    """Ends every group this run started; a second signal meanwhile is ignored so the
    clean-up itself cannot be cut short."""
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_IGN)
    procs = list(CHILDREN.values())
    for p in procs:
        killpg(p, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for p in procs:
        try:
            p.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            killpg(p, signal.SIGKILL)
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                log("process group %d did not end" % p.pid)
        forget(p)
    return len(procs)


def run_checked(argv, cwd, output=None):
    """Runs a build step to its end; its output goes to the file output, if given, and its
    last lines into the error when it fails."""
    out = open(output, "w") if output else None
    try:
        p = spawn(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT if out else None)
        rc = p.wait()
        forget(p)
    finally:
        if out:
            out.close()
    if rc != 0:
        tail = ""
        if output:
            with open(output, errors="replace") as f:
                tail = "\n" + "\n".join(f.read().splitlines()[-15:]) + "\n(all of it in %s)" % output
        raise RuntimeError("%s failed with status %d%s" % (" ".join(str(a) for a in argv), rc, tail))


def run_capture(argv, timeout, cpu=None):
    """Runs a short-lived child; returns (status, stdout, stderr); killed at timeout."""
    argv = (["taskset", "-c", cpu] if cpu else []) + list(argv)
    p = spawn(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(p, 2)
        out, err = p.communicate()
        err += "\n(killed after %ss)" % timeout
    forget(p)
    return p.returncode, out, err


def connectable(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False


class ServerFailed(RuntimeError):
    def __init__(self, message, said):
        super().__init__(message)
        self.said = said


class Server:
    """A server pinned to SERVER_CPU; ready once every port accepts a TCP connection."""

    def __init__(self, name, argv, ports):
        self.name, self.argv, self.ports = name, argv, ports
        os.makedirs(LOGS, exist_ok=True)
        self.log_path = os.path.join(LOGS, "%s-%d.log" % (name, ports[0]))
        with open(self.log_path, "w") as out:
            self.t0 = time.perf_counter()
            self.proc = spawn(["taskset", "-c", SERVER_CPU] + argv, stdout=out, stderr=subprocess.STDOUT)
        while not all(connectable(p) for p in ports):
            if self.proc.poll() is not None or time.perf_counter() - self.t0 > 30:
                self.stop()
                said = self.output_tail()
                raise ServerFailed("%s did not start (%s); it said: %s" % (name, " ".join(str(a) for a in argv), said),
                                   said)
            time.sleep(0.002)
        self.startup_ms = (time.perf_counter() - self.t0) * 1000

    def output_tail(self, lines=3):
        with open(self.log_path, errors="replace") as f:
            return " | ".join(line.strip() for line in f.read().strip().splitlines()[-lines:]) or "(nothing)"

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def stop(self):
        stop(self.proc, 15)


def number(text):
    try:
        return float(text)
    except ValueError:
        return text


def loadgen(args, timeout):
    """One closed-loop measurement; the key=value fields of loadgen's last stdout line."""
    rc, out, err = run_capture([LOADGEN] + [str(a) for a in args], timeout, CLIENT_CPU)
    lines = out.strip().splitlines()
    kv = dict(t.split("=", 1) for t in (lines[-1].split() if lines else []) if "=" in t)
    res = {k: number(v) for k, v in kv.items()}
    if rc != 0:
        res.update(rc=rc, stderr=err.strip()[-400:])
    return res


def hold_idle(port, n, seconds, extra=()):
    """Starts loadgen holding n idle connections; returns it and the count once all are up."""
    lg = spawn(["taskset", "-c", CLIENT_CPU, LOADGEN, "-m", "idle", "-p", port, "-c", n, "-d", seconds,
                "-B", "4"] + list(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    connected = 0
    for line in lg.stderr:
        m = re.search(r"connect phase done connected=(\d+)", line)
        if m:
            connected = int(m.group(1))
            break
    return lg, connected


def finish(lg, timeout):
    try:
        lg.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        pass
    stop(lg, 2)


def live_heap_bytes(pid):
    """Bytes of live Java objects (jcmd's class histogram runs a full GC first)."""
    try:
        rc, out, _ = run_capture(["jcmd", pid, "GC.class_histogram"], 60)
    except OSError:
        return None
    m = re.search(r"^Total\s+\d+\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else None
