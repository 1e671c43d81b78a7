"""CPython's side of the differential test: reads a JSON list of program sources on stdin and
prints, for each, the upper-case module names it binds (what Django's Settings keeps) as
canonical values: ["int", "12"], ["str", "x"], ["list", [...]], ["other", "type name"] ...

The evaluator's promise is about settings that import: when the module raises, Django does not
start and no value matters, so such a run reports only the exception (the test counts them).
One process runs the whole batch.
"""
import ast
import warnings
import json
import sys

sys.setrecursionlimit(200)
warnings.simplefilter("ignore")


def canon(value, depth=0):
    if depth > 20:
        return ["other", "deep"]
    if value is None:
        return ["none"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["str", value]
    if isinstance(value, bytes):
        return ["bytes", value.hex()]
    if isinstance(value, list):
        return ["list", [canon(v, depth + 1) for v in value]]
    if isinstance(value, tuple):
        return ["tuple", [canon(v, depth + 1) for v in value]]
    if isinstance(value, (set, frozenset)):
        return ["set", sorted((canon(v, depth + 1) for v in value), key=json.dumps)]
    if isinstance(value, dict):
        return ["dict", [[canon(k, depth + 1), canon(v, depth + 1)] for k, v in value.items()]]
    return ["other", type(value).__name__]


def run(source):
    namespace = {"__name__": "settings", "__file__": "/repo/settings.py"}
    code = compile(ast.parse(source, "settings.py"), "settings.py", "exec")
    try:
        exec(code, namespace)
    except Exception as error:  # noqa: BLE001 - any exception of the program is data
        return {"raised": f"{type(error).__name__}: {error}"}
    names = {
        name: canon(value)
        for name, value in namespace.items()
        if name.isupper() and not isinstance(value, type)
    }
    return {"names": names}


results = []
for source in json.load(sys.stdin):
    try:
        results.append(run(source))
    except Exception as error:  # noqa: BLE001 - a generator bug, reported by the test
        results.append({"error": f"{type(error).__name__}: {error}"})
json.dump(results, sys.stdout)
