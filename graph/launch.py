"""The `jjjkg` command's entry point. It imports nothing heavy itself, so that Ctrl-C at any
moment, even while rdflib, networkx and pyoxigraph are still being imported, ends the command with
one line ("jjjkg: interrupted") and exit code 130, never a KeyboardInterrupt traceback. (Only the
Python interpreter's own start-up, before this module runs, is out of its reach.)"""
from __future__ import annotations

import os
import signal
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import FrameType

INTERRUPTED = 130  # 128 + SIGINT, as shells report it
MESSAGE = b"jjjkg: interrupted\n"


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGINT while nothing needs cleaning up (modules importing, the process exiting): stop now."""
    os.write(2, MESSAGE)
    os._exit(INTERRUPTED)


def run() -> None:
    """Run the command line (graph.cli.main); exit with its code, or 130 when interrupted."""
    handled = signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # a background job keeps ignoring it
    if handled:
        signal.signal(signal.SIGINT, _stop)
    from .cli import main  # the slow part: every library the commands use

    if handled:  # from here a KeyboardInterrupt, so that commands remove their temporary files
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code = main()
    except KeyboardInterrupt:  # after main's own handler (while it prints, say)
        os.write(2, MESSAGE)
        code = INTERRUPTED
    if handled:
        signal.signal(signal.SIGINT, _stop)
    if code == INTERRUPTED:
        # CPython flags a KeyboardInterrupt that ends code run through PyRun_* (an extension module's
        # import may run such code) and, at exit, ends the process by SIGINT (status -2, not 130) even
        # though the interrupt was caught later; seen once in CI, Ctrl-C 0.2 s into `validate`.
        # Every command has cleaned up by now: leave directly.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(INTERRUPTED)
    sys.exit(code)
