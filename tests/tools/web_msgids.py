#!/usr/bin/env python3
"""web_msgids.py - the texts sealweb's pages translate, and its catalogue.

  web_msgids.py used FILE.c...   the English texts the files pass to web_t,
                                 web_t_append, N_ and web_resp_error (one a
                                 line, C escapes kept as written)
  web_msgids.py catalogue FILE   the English keys of the catalogue: i18n.c's
                                 table, or the entries file it includes

Adjacent string literals are joined as the compiler joins them. A text
chosen by a condition (web_t(req, x ? "a" : "b")) gives both.
"""
import re
import sys

LIT = r'"(?:[^"\\\n]|\\.)*"'
CALL = re.compile(r'\b(web_t|web_t_append|N_|web_resp_error)\s*\(')


def strip_comments(src):
    return re.sub(r'/\*.*?\*/', ' ', src, flags=re.S)


def call_args(src, start):
    """The text between the '(' at start-1 and its matching ')'."""
    depth, i = 1, start
    while i < len(src) and depth > 0:
        c = src[i]
        if c == '"':
            m = re.compile(LIT).match(src, i)
            i = m.end()
            continue
        if c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
        i += 1
    return src[start:i - 1]


def literal_runs(text):
    """Adjacent literals joined; runs separated by anything but blanks."""
    runs = []
    for m in re.finditer(r'(?:%s\s*)+' % LIT, text):
        parts = re.findall(LIT, m.group(0))
        runs.append(''.join(p[1:-1] for p in parts))
    return runs


def used(files):
    out = set()
    for f in files:
        src = strip_comments(open(f, encoding='utf-8').read())
        for m in CALL.finditer(src):
            args = call_args(src, m.end())
            # a nested web_t( is found on its own; take this call's own literals
            for run in literal_runs(re.sub(r'\bweb_t\s*\(.*', '', args, flags=re.S)
                                    if m.group(1) == 'web_resp_error' else args):
                if run and re.search(r'[A-Za-z]', run):
                    out.add(run)
    return out


def catalogue(path):
    src = strip_comments(open(path, encoding='utf-8').read())
    # i18n.c's table itself, or an entries file included into it (no head)
    body = src[src.index('catalogue[] = {'):] if 'catalogue[] = {' in src else src
    return [run for run in (literal_runs(m.group(1))[0]
            for m in re.finditer(r'\{\s*((?:%s\s*)+),' % LIT, body))]


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'used':
        print('\n'.join(sorted(used(sys.argv[2:]))))
    elif len(sys.argv) == 3 and sys.argv[1] == 'catalogue':
        print('\n'.join(catalogue(sys.argv[2])))
    else:
        sys.exit(__doc__)
