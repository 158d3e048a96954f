"""The console script ``score``: no traceback reaches the user unless SCORING_DEBUG is set.

A plain ``score FILE… [OPTIONS]`` is read from the option table (``options.read``) and run without
importing typer; everything else (help, the other commands, a mistake in the arguments) goes to the
typer app in ``cli.py``, which answers as always.
"""

import os
import signal
import sys
from typing import NoReturn

from .command import EXIT_INTERNAL, run
from .i18n import LANGUAGES, language_from_environment
from .options import read
from .wording import INTERNAL_ERROR, INTERRUPTED, filled


def _argv_language() -> str:
    """The language for a message outside any command (an interrupt, an internal error)."""
    args = sys.argv[1:]
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args) and args[i + 1] in LANGUAGES:
            return args[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return language_from_environment()


def _terminated(signum: int, frame: object) -> NoReturn:
    """A batch stopped by its scheduler unwinds like Ctrl-C: no half-written report is left behind."""
    raise SystemExit(128 + signum)


def _dispatch(args: list[str]) -> None:
    values = read(args)
    if values is None:
        from .cli import app_for

        return app_for(args)()  # typer answers, and exits
    raise SystemExit(run(**values))


def main() -> None:
    """Entry point of the console script."""
    lang = _argv_language()
    signal.signal(signal.SIGTERM, _terminated)
    try:
        _dispatch(sys.argv[1:])
    except SystemExit:
        raise
    except BrokenPipeError:  # the reader stopped reading (`score … | head`): as typer does, exit 1 quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush must not fail again
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED.word(lang))
        sys.exit(130)
    except Exception as exc:  # a bug in scoring: say so briefly; figures stay out of it
        if os.environ.get("SCORING_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            sys.stderr.write(filled(INTERNAL_ERROR, error=type(exc).__name__).word(lang))
        sys.exit(EXIT_INTERNAL)
