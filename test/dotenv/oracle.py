"""Reads every `*.env` file of a directory with the real libraries; prints one JSON document.

Run with Debian's python3 and PYTHONPATH holding python-dotenv (scripts/install-env-oracle.sh)
and django-environ + python-decouple (scripts/install-django-oracle.sh, Django 5.2 from sid):
    python3 oracle.py DIR > results.json
For each file, in name order: python-dotenv's bindings (parse_stream, with the line of each key),
dotenv_values with and without interpolation, load_dotenv's resolution (override=False),
django-environ's read_env with and without parse_comments (and the lines it warns about), and
python-decouple's RepositoryEnv.
"""

import io
import json
import logging
import os
import re
import sys

import decouple
import dotenv.version
import environ
from dotenv import dotenv_values
from dotenv.main import DotEnv
from dotenv.parser import parse_stream

NEWLINE = re.compile(r"\r\n|\n|\r")


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def bindings(path):
    # As DotEnv reads it: open() in text mode (universal newlines).
    with open(path, encoding="utf-8") as stream:
        out = []
        for b in parse_stream(stream):
            lead = re.match(r"\s*", b.original.string).group(0)
            key_line = b.original.line + len(NEWLINE.findall(lead))
            out.append([b.key, b.value, key_line, b.original.line, b.error])
        return out


def read_env(path, parse_comments):
    recorder = Recorder()
    logger = logging.getLogger("environ.environ")
    logger.addHandler(recorder)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    environ.Env.ENVIRON = {}
    try:
        environ.Env.read_env(path, overwrite=True, parse_comments=parse_comments)
    finally:
        logger.removeHandler(recorder)
    invalid = [m[len("Invalid line: "):] for m in recorder.messages if m.startswith("Invalid line: ")]
    return {"values": dict(environ.Env.ENVIRON), "invalid": invalid}


def main(directory):
    cases = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".env"):
            continue
        path = os.path.join(directory, name)
        cases[name] = {
            "bindings": bindings(path),
            "dotenv": dotenv_values(path),
            "dotenvRaw": dotenv_values(path, interpolate=False),
            "loadDotenv": DotEnv(path, interpolate=True, override=False).dict(),
            "environ": read_env(path, False),
            "environComments": read_env(path, True),
            "decouple": decouple.RepositoryEnv(path).data,
        }
    json.dump(
        {
            "versions": {"python-dotenv": dotenv.version.__version__},
            "environment": dict(os.environ),
            "cases": cases,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(sys.argv[1])
