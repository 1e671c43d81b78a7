"""Run real `django-admin check --deploy` for a settings module and report the check ids as JSON.

Two modes, same code path (the TS wrapper test/parity/oracle.ts builds both calls):

  One run, one fresh interpreter (the reference; record-expected.ts uses it):
    cd <case dir>; PYTHONPATH=<case dir>:<oracle dist-packages> /usr/bin/python3 -s oracle.py <module>

  A fork server for many runs of one Django version (the drift test uses it):
    PYTHONPATH=<oracle dist-packages> /usr/bin/python3 -s oracle.py --serve
  reads one JSON request per line on stdin,
    {"dir": "<case dir>", "module": "...", "env": {...}, "pythonPath": ["<abs dir>", ...]}
  and answers each in a forked child. The parent only pre-imports Django modules whose import
  does not read settings (verified: settings stay unconfigured), so each child starts from the
  same state as a fresh `python3 -m django` and the expensive imports are paid once.

Both run exactly what `python3 -m django check --deploy --settings=<module>` runs
(django/__main__.py calls management.execute_from_command_line), in-process only so that the
output can be captured and a crash told apart from a SystemCheckError. Each run answers with one
line `ORACLE-RESULT <json>` on stdout:
    {"django": "5.2.18", "rc": 0|1, "ids": [...all ids, with multiplicity, in output order],
     "crash": null | "ExceptionType: message", "output": "<stdout+stderr of the command>"}
"""

import contextlib
import io
import json
import os
import re
import sys
import traceback

# `?: (security.W004) message` or `<obj>: (corsheaders.E013) message`; hints start with a tab.
# Format from django/core/checks/messages.py CheckMessage.__str__: "%s: (%s) %s" % (obj, id, msg).
CHECK_LINE = re.compile(r"^\S.*?: \(([A-Za-z0-9_]+\.[A-Z]\d{3})\) ", re.MULTILINE)

# Imported once by the fork server. None of them reads settings at import time.
PRELOAD = (
    "django.core.management",
    "django.core.management.base",
    "django.core.management.commands.check",
    "django.core.checks",
    "django.db.models",
    "django.http",
    "django.urls",
    "django.template",
    "django.forms",
)

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))


def load_settings_error():
    from django.conf import settings

    try:
        settings.INSTALLED_APPS
    except BaseException as exc:  # noqa: BLE001
        return "%s: %s" % (type(exc).__name__, exc)
    return None


def check_deploy(module):
    """Run `check --deploy` for `module` in this process and return the result dict."""
    import django
    from django.core.management import execute_from_command_line

    out = io.StringIO()
    err = io.StringIO()
    rc = 0
    crash = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            execute_from_command_line(
                ["django-admin", "check", "--deploy", "--settings=" + module]
            )
        except SystemExit as exc:
            # BaseCommand.run_from_argv prints "SystemCheckError: ..." and exits 1.
            rc = exc.code if isinstance(exc.code, int) else 1
        except BaseException as exc:  # noqa: BLE001 - any other exception is a Django crash
            rc = 1
            crash = "%s: %s" % (type(exc).__name__, exc)
            traceback.print_exc(file=err)
            # ManagementUtility.execute swallows a settings-loading error, so the exception that
            # escapes depends on which check runs first (the registry is a set, ordered by id()).
            # Report the root cause instead: loading the settings again raises it deterministically.
            settings_error = load_settings_error()
            if settings_error is not None:
                crash = settings_error
    output = out.getvalue() + err.getvalue()
    if crash is None and rc != 0 and "SystemCheckError:" not in output:
        crash = "exit %s without SystemCheckError" % rc
    return {
        "django": django.get_version(),
        "rc": rc,
        "ids": CHECK_LINE.findall(output),
        "crash": crash,
        "output": output,
    }


def use_case_path(case_dir, extra):
    """sys.path as `python3 -m django` run in the case dir would have it (cwd first)."""
    rest = [p for p in sys.path if p not in ("", SCRIPT_DIR, case_dir) and p not in extra]
    sys.path[:] = [case_dir, *extra, *rest]


def write_result(result, stream):
    stream.write("ORACLE-RESULT " + json.dumps(result) + "\n")
    stream.flush()


def settings_untouched():
    from django.conf import settings
    from django.utils.functional import empty

    return settings._wrapped is empty


def serve():
    for name in PRELOAD:
        try:
            __import__(name)
        except ImportError:
            pass  # not in every Django version
    if not settings_untouched():
        sys.stderr.write("oracle.py: pre-importing Django configured settings; refusing to serve\n")
        return 1
    base_modules = set(sys.modules)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if not settings_untouched() or set(sys.modules) != base_modules:
            sys.stderr.write("oracle.py: server state changed between runs\n")
            return 1
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: become a fresh `django-admin check --deploy` for this case
            os.close(read_fd)
            try:
                os.environ.clear()
                os.environ.update(request["env"])
                os.chdir(request["dir"])
                use_case_path(request["dir"], request.get("pythonPath", []))
                result = check_deploy(request["module"])
            except BaseException as exc:  # noqa: BLE001
                result = {"error": "%s: %s" % (type(exc).__name__, exc)}
            with os.fdopen(write_fd, "w") as pipe:
                pipe.write(json.dumps(result))
            os._exit(0)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not payload:
            payload = json.dumps({"error": "oracle child died (wait status %d)" % status})
        sys.stdout.write("ORACLE-RESULT " + payload + "\n")
        sys.stdout.flush()
    return 0


def main():
    sys.dont_write_bytecode = True  # never leave __pycache__ in the fixtures
    if sys.argv[1:] == ["--serve"]:
        return serve()
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        print("usage: oracle.py <settings.module> | oracle.py --serve", file=sys.stderr)
        return 2
    use_case_path(os.getcwd(), [])
    write_result(check_deploy(sys.argv[1]), sys.__stdout__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
