"""Reads file paths (one per line) on stdin; prints {path: null | "SyntaxError: ..."} as JSON.

CPython's own verdict for the parser-conformance test: ast.parse on the file's bytes (so the
coding cookie is honoured), run once for the whole batch.
"""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")
verdicts = {}
for line in sys.stdin:
    path = line.rstrip("\n")
    if not path:
        continue
    try:
        with open(path, "rb") as handle:
            ast.parse(handle.read(), path)
        verdicts[path] = None
    except (SyntaxError, ValueError) as error:
        verdicts[path] = f"{type(error).__name__}: {error}"
json.dump(verdicts, sys.stdout)
