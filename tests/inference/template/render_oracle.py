#!/usr/bin/env python3
"""Renders chat templates with Jinja2 the way Hugging Face's apply_chat_template does, as the
reference the C++ renderer is compared with (template_oracle_test.cpp).

Input (argv[1]): a JSON list of cases {"template": str, "vars": {...}, "now": seconds since epoch}.
Output (argv[2]): a JSON list of {"ok": true, "text": str} or {"ok": false, "error": str}.

The environment mirrors transformers.utils.chat_template_utils._compile_jinja_template:
ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols]),
tojson as json.dumps(ensure_ascii=False, ...), raise_exception and strftime_now as globals
(strftime_now formats the case's fixed "now" in UTC instead of the wall clock).
"""
import datetime
import json
import sys

import jinja2
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


def make_env(now):
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(fmt):
        return datetime.datetime.fromtimestamp(now, tz=datetime.timezone.utc).strftime(fmt)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)
    results = []
    for case in cases:
        try:
            env = make_env(case.get("now", 0))
            text = env.from_string(case["template"]).render(**case["vars"])
            results.append({"ok": True, "text": text})
        except Exception as e:  # the C++ side must fail too; the message may differ
            results.append({"ok": False, "error": f"{type(e).__name__}: {e}"})
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
