#!/usr/bin/env python3
"""Fails when the language files disagree or lack a key that is used.

  lang_keys.py [--root DIR]     check DIR (default: the repository)
  lang_keys.py --self-test      prove the check fails on a missing key, a key in one file only,
                                and a key used by a template or by C that no file has

Checked:
  - html/lang/fa.hdf, en.hdf and tr.hdf hold the same set of keys;
  - every Lang.x.y a template names (html/templates/**/*.cs) is a key or a subtree of each;
  - every string literal in cgi/**/*.{c,h} that starts with a top-level section of the
    language files (e.g. "admin.err.required", "parties.col") is a key or a subtree of each;
  - the keys C builds at run time with snprintf: menu.<module> and module.<module>
    (conf/modules), admin.action.<action> (conf/modules), parties.col.<column>
    (cgi/parties/party_columns.c) and the error pages' fallbacks error.e400 / error.e500.
Keys looked up with a computed part in templates (Lang.parties.icon[icon]) are checked only
up to the computed part.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

LANGS = ("fa", "en", "tr")


def parse_hdf(path):
    """The keys of an HDF file of the simple form the language files use (name { }, name = value)."""
    keys, stack = set(), []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if s == "}":
                if not stack:
                    raise SystemExit(f"{path}:{n}: '}}' without '{{'")
                stack.pop()
                continue
            m = re.match(r"([A-Za-z0-9_.]+)\s*\{$", s)
            if m:
                stack.append(m.group(1))
                continue
            m = re.match(r"([A-Za-z0-9_.]+)\s*=", s)
            if not m:
                raise SystemExit(f"{path}:{n}: not a form this check reads: {s}")
            keys.add(".".join(stack + [m.group(1)]))
    if stack:
        raise SystemExit(f"{path}: unclosed {'.'.join(stack)}")
    return keys


def subtrees(keys):
    out = set()
    for k in keys:
        parts = k.split(".")
        for i in range(1, len(parts)):
            out.add(".".join(parts[:i]))
    return out


def files_under(d, exts):
    for base, _, names in os.walk(d):
        for name in sorted(names):
            if name.endswith(exts):
                yield os.path.join(base, name)


def template_refs(root):
    refs = []
    for path in files_under(os.path.join(root, "html/templates"), (".cs",)):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for cmd in re.findall(r"<\?cs(.*?)\?>", text, re.S):
            cmd = re.sub(r'"(\\.|[^"\\])*"', '""', cmd)  # not inside string literals
            for m in re.finditer(r"(?<![A-Za-z0-9_.])Lang((?:\.[A-Za-z0-9_]+)+)", cmd):
                refs.append((m.group(1)[1:], os.path.relpath(path, root)))
    return refs


def c_refs(root, sections):
    refs = []
    lit = re.compile(r'"((?:%s)(?:\.[A-Za-z0-9_]+)+)"' % "|".join(map(re.escape, sorted(sections))))
    for path in files_under(os.path.join(root, "cgi"), (".c", ".h")):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                for m in lit.finditer(line):
                    key = m.group(1)
                    if re.search(r"\.(c|h|cs|hdf|tsv|csv|sql|txt|json|xml|xlsx|html|js|css|log|pid|sock)$", key):
                        continue  # a file name ("admin.h", "parties.tsv"), not a key
                    refs.append((key, f"{os.path.relpath(path, root)}:{n}"))
    return refs


def built_refs(root):
    """Keys C puts together at run time, from the tables they come from."""
    refs = []
    with open(os.path.join(root, "conf/modules"), encoding="utf-8") as f:
        for line in f:
            w = line.split()
            if not w or w[0].startswith("#"):
                continue
            name, menu = w[0], w[1]
            actions = [a for a in w[3:] if "=" not in a]
            # new=<name>:<path> and panel=<name>:<path>: the header's and the start page's labels
            for a in w[3:]:
                kind, _, value = a.partition("=")
                if kind in ("new", "panel"):
                    key = "quick" if kind == "new" else "panel"
                    refs.append((f"{key}.{value.split(':')[0]}", f"conf/modules ({a})"))
            if menu != "-":
                refs.append((f"menu.{name}", "conf/modules (the menu)"))
            if actions and actions != ["-"]:
                refs.append((f"module.{name}", "conf/modules (the roles matrix)"))
                refs += [(f"admin.action.{a}", "conf/modules (the roles matrix)") for a in actions]
    cols = os.path.join(root, "cgi/parties/party_columns.c")
    if os.path.exists(cols):
        with open(cols, encoding="utf-8") as f:
            for key in re.findall(r'^\s*\{ "([a-z0-9_]+)", EXPORT_', f.read(), re.M):
                refs.append((f"parties.col.{key}", "cgi/parties/party_columns.c"))
    refs += [("error.e400.title", "render.c fallback"), ("error.e500.title", "render.c fallback")]
    return refs


def check(root):
    keys = {l: parse_hdf(os.path.join(root, f"html/lang/{l}.hdf")) for l in LANGS}
    problems = []
    every = set().union(*keys.values())
    for l in LANGS:
        for k in sorted(every - keys[l]):
            problems.append(f"html/lang/{l}.hdf lacks {k} (the other files have it)")
    sections = {k.split(".")[0] for k in every if "." in k}
    refs = template_refs(root) + c_refs(root, sections) + built_refs(root)
    for l in LANGS:
        known = keys[l] | subtrees(keys[l])
        for key, where in refs:
            if key not in known:
                problems.append(f"html/lang/{l}.hdf lacks {key} (used by {where})")
    for p in dict.fromkeys(problems):
        print(p)
    return 0 if not problems else 1


def self_test():
    """Each damage must make the check fail; the undamaged copy must pass."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    script = os.path.abspath(__file__)

    def run(d):
        return subprocess.run([sys.executable, script, "--root", d], capture_output=True, text=True)

    def copy():
        d = tempfile.mkdtemp()
        for sub in ("html/lang", "html/templates", "cgi", "conf"):
            shutil.copytree(os.path.join(root, sub), os.path.join(d, sub),
                            ignore=shutil.ignore_patterns("*.o", "*.d"))
        return d

    def drop_line(path, pattern):
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
        i = next(i for i, s in enumerate(lines) if re.match(pattern, s))
        del lines[i]
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)

    def append(path, text):
        with open(path, "a", encoding="utf-8") as f:
            f.write(text)

    damages = {
        "a key C uses gone from all three files": lambda d: [drop_line(os.path.join(d, f"html/lang/{l}.hdf"),
                                                                        r"\s+failed\s*=")
                                                              for l in LANGS],
        "a key only in en.hdf": lambda d: append(os.path.join(d, "html/lang/en.hdf"), "selftest_only_here = x\n"),
        "a template names a key none has": lambda d: append(os.path.join(d, "html/templates/error.cs"),
                                                            "<?cs var:Lang.error.selftest_missing ?>\n"),
        "C names a key none has": lambda d: append(os.path.join(d, "cgi/auth/login.c"),
                                                   '/* lang_str(r, "login.selftest_missing") */\n'),
        "a module without its menu label": lambda d: append(os.path.join(d, "conf/modules"),
                                                            "selftest    30    /selftest/    view\n"),
        "a quick-create item without its label": lambda d: append(os.path.join(d, "conf/modules"),
                                                                "selftest    -    -    -    new=selftest_item:/selftest/new\n"),
    }
    ok = True
    d = copy()
    if run(d).returncode != 0:
        print("self-test: the undamaged copy fails:\n" + run(d).stdout)
        ok = False
    shutil.rmtree(d)
    for name, damage in damages.items():
        d = copy()
        damage(d)
        r = run(d)
        shutil.rmtree(d)
        if os.environ.get("LANG_KEYS_SHOW"):
            print(f"-- {name}:\n{r.stdout}", end="")
        if r.returncode == 0:
            print(f"self-test: the check missed {name}")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if len(sys.argv) == 3 and sys.argv[1] == "--root":
        root = sys.argv[2]
    elif len(sys.argv) > 1:
        sys.exit(__doc__)
    sys.exit(check(root))
