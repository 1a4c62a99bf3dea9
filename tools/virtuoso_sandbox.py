"""A throwaway Virtuoso on this machine only, to try `jjjkg push` against: Debian's `virtuoso-t`
(package virtuoso-opensource) with its own database in a folder of its own, bound to 127.0.0.1.
The README's Virtuoso instructions and tests/test_push_virtuoso.py both use this file.

    python tools/virtuoso_sandbox.py start --dir /tmp/jjjkg-virtuoso --port 8890 --sql-port 1111 \\
        --user jjjkg --password change-me
    python tools/virtuoso_sandbox.py stop --dir /tmp/jjjkg-virtuoso

`start` writes virtuoso.ini into the folder, starts the server (in the background, its process id
in virtuoso.pid), waits until it answers SPARQL, and creates the user with the SPARQL_UPDATE
role that Virtuoso's Graph Store endpoint with login (/sparql-graph-crud-auth, HTTP Digest)
needs to write. A fresh database's administrator is dba with password dba: fine on loopback
only, never on a shared address. `stop` ends the server and waits for it.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

STARTUP_S = 120
INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}/vsp
ServerThreads = 4
Charset = UTF-8
"""


class SandboxError(Exception):
    """The server could not be set up; the message says why."""


def start(folder: Path, http_port: int, sql_port: int) -> subprocess.Popen[bytes]:
    """Write the configuration into folder (made if missing) and start virtuoso-t in its own
    session, so it outlives this process; its output goes to folder/console.log."""
    binary = shutil.which("virtuoso-t")
    if binary is None or shutil.which("isql-vt") is None:
        raise SandboxError("virtuoso-t is not installed (Debian: apt-get install -y virtuoso-opensource)")
    folder = folder.resolve()
    (folder / "vsp").mkdir(parents=True, exist_ok=True)
    (folder / "virtuoso.ini").write_text(INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    with open(folder / "console.log", "wb") as console:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                                   stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    (folder / "virtuoso.pid").write_text(str(process.pid))
    return process


def wait_until_ready(process: subprocess.Popen[bytes], folder: Path, http_port: int) -> None:
    """Until SPARQL answers at http://127.0.0.1:PORT/sparql (at most STARTUP_S seconds)."""
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SandboxError(f"virtuoso-t exited with {process.returncode}: {_log_tail(folder)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", timeout=5) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    raise SandboxError(f"virtuoso-t did not answer within {STARTUP_S} s: {_log_tail(folder)}")


def isql(sql_port: int, statements: str) -> None:
    """Run SQL as dba (password dba in a fresh database) with Debian's isql-vt."""
    result = subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={statements}"],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
        raise SandboxError(f"isql-vt: {' '.join((result.stdout + result.stderr).split())[:300]}")


def add_user(sql_port: int, user: str, password: str, may_write: bool = True) -> None:
    """A user who may log in; with may_write, one who may also write through the Graph Store."""
    grant = f' GRANT SPARQL_UPDATE TO "{user}";' if may_write else ""
    isql(sql_port, f"DB.DBA.USER_CREATE('{user}', '{password}');{grant}")


def stop(folder: Path, process: subprocess.Popen[bytes] | None = None) -> None:
    """End the server that `start` left in folder, and wait for it (SIGKILL after 30 s)."""
    pid_file = folder / "virtuoso.pid"
    if process is None and not pid_file.is_file():
        raise SandboxError(f"no server was started in {folder}")
    pid = process.pid if process is not None else int(pid_file.read_text())
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if (process.poll() is not None) if process is not None else not _alive(pid):
            pid_file.unlink(missing_ok=True)
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)  # reaps it if it is our child
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _log_tail(folder: Path) -> str:
    log = folder / "console.log"
    return " ".join(log.read_text(errors="replace").split()[-60:]) if log.is_file() else "(no log)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", type=Path, required=True, help="the server's own folder (database, log, ini)")
    parser.add_argument("--port", type=int, default=8890, help="HTTP port on 127.0.0.1 (default 8890)")
    parser.add_argument("--sql-port", type=int, default=1111, help="SQL port on 127.0.0.1 (default 1111)")
    parser.add_argument("--user", default="jjjkg", help="the user to create, who may write (default jjjkg)")
    parser.add_argument("--password", default=None, help="that user's password (start needs one)")
    args = parser.parse_args(argv)
    try:
        if args.action == "stop":
            stop(args.dir)
            print(f"stopped the Virtuoso in {args.dir}")
            return 0
        if not args.password:
            raise SandboxError("start: give --password for the user")
        process = start(args.dir, args.port, args.sql_port)
        try:
            wait_until_ready(process, args.dir, args.port)
            add_user(args.sql_port, args.user, args.password)
        except SandboxError:
            stop(args.dir, process)
            raise
    except SandboxError as exc:
        print(f"virtuoso_sandbox: error: {exc}", file=sys.stderr)
        return 2
    print(f"Virtuoso at http://127.0.0.1:{args.port}/ (SQL on 127.0.0.1:{args.sql_port}); "
          f"user {args.user} may write through /sparql-graph-crud-auth")
    return 0


if __name__ == "__main__":
    sys.exit(main())
