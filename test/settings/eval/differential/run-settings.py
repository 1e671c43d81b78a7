"""Imports a real project's settings module under CPython and prints its upper-case names as
canonical values (run-programs.py's format), for the real-project comparison (real-projects.ts).

usage: run-settings.py <repository root> <module> <env json> [sys.path entries...]

Third-party packages that are not installed are replaced by stub modules whose values are
"other" (never compared); a stub used in a condition raises, so the import fails rather than
taking a branch the real package would not.
"""
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import types

root, module_name, env_json, *extra = sys.argv[1:]
sys.path[:0] = extra
os.environ.clear()
os.environ.update(json.loads(env_json))
stubbed = set()


class StubBase:
    def __init__(self, *args, **kwargs):
        pass

    def __init_subclass__(cls, **kwargs):
        pass


class Stub:
    def __getattr__(self, name):
        return Stub()

    def __call__(self, *args, **kwargs):
        return Stub()

    def __bool__(self):
        raise TypeError("a stubbed third-party value used as a condition")

    def __iter__(self):
        return iter(())

    def __getitem__(self, key):
        return Stub()

    def __or__(self, other):
        return Stub()

    __ror__ = __add__ = __radd__ = __or__

    def __mro_entries__(self, bases):
        return (StubBase,)


class StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return Stub()


class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, fullname, path, target=None):
        top = fullname.split(".")[0]
        if top in sys.stdlib_module_names:
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            try:
                if finder.find_spec(fullname, path, target) is not None:
                    return None
            except Exception:  # noqa: BLE001
                continue
        stubbed.add(top)
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec):
        module = StubModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


sys.meta_path.append(StubFinder())
sys.argv = ["gunicorn", "wsgi:application"]

from importlib import import_module  # noqa: E402


try:
    settings = import_module(module_name)
except BaseException as error:  # noqa: BLE001 - any failure is data
    json.dump({"raised": f"{type(error).__name__}: {error}", "stubbed": sorted(stubbed)}, sys.stdout)
    sys.exit(0)


def canon(value, depth=0):
    if depth > 20:
        return ["other", "deep"]
    if isinstance(value, Stub):
        return ["other", "stub"]
    if value is None:
        return ["none"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", str(value)]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, str):
        return ["str", value.replace(os.path.abspath(root), "/repo")]
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
    if isinstance(value, os.PathLike):
        return ["str", os.fspath(value).replace(os.path.abspath(root), "/repo")]
    return ["other", type(value).__name__]


names = {
    name: canon(getattr(settings, name))
    for name in dir(settings)
    if name.isupper() and not isinstance(getattr(settings, name), (type, types.ModuleType))
}
json.dump({"names": names, "stubbed": sorted(stubbed)}, sys.stdout)
