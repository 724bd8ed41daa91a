#!/usr/bin/env python3
"""check_dicts.py - validate sealmilter dictionary files and the category test table.

Usage: check_dicts.py [--cases FILE.tsv] DIR_OR_FILE...

Checks every KIND.LANG.txt against the grammar of the shared design
(conf/dictionaries/README, doc/DETECTION.md), so a broken shipped file fails
CI before the C parser sees it, and prints every problem as FILE:LINE: reason.
It is stricter than the daemon on purpose (duplicates, stray capitals, missing
source header): those are editing mistakes in a shipped file, not in the
grammar. Exit status 0 when clean, 1 on any error, 2 on usage errors.
"""

import os
import re
import sys

CATEGORIES = ("health", "substance", "social", "criminal", "ethnicity",
              "religion", "political", "union", "sexual")
KINDS = CATEGORIES + ("person", "general")
LANGS = ("da", "sv", "nb", "nn", "en", "fi")
# Letters the matcher folds case for; a letter outside this set would match
# only in the exact case written, which is never what a word list means.
LOWER = set("abcdefghijklmnopqrstuvwxyzæøåäöéü")
UPPER = set("ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÄÖÉÜ")
LETTERS = LOWER | UPPER
# Characters allowed inside a word besides letters and digits (CPR-nr,
# j.nr, i/s): anything else is most likely a typo or a stray marker.
WORD_PUNCT = set("-./'&")
MARKERS = set("*~#^")


def is_digits(tok):
    return tok != "" and all("0" <= c <= "9" for c in tok)


def check_term_words(term, errs):
    """Check the words of a term stripped of its edge markers."""
    if term == "":
        errs.append("empty term")
        return
    if term != term.strip() or "  " in term or "\t" in term:
        errs.append("words must be separated by single spaces")
        return
    for ch in term:
        if ch in MARKERS:
            errs.append("marker '%s' in the middle of the term" % ch)
            return
    nletters = 0
    for word in term.split(" "):
        for ch in word:
            if ch in LETTERS:
                nletters += 1
            elif ch.isalpha():
                errs.append("letter '%s' outside the case-folded set "
                            "(a-z, æøåäöéü)" % ch)
                return
            elif not ("0" <= ch <= "9") and ch not in WORD_PUNCT:
                errs.append("character %r not allowed in a term" % ch)
                return
        if not any(c in LETTERS or "0" <= c <= "9" for c in word):
            errs.append("word '%s' has no letter or digit" % word)
            return
    if nletters < 2:
        errs.append("term under 2 letters")


def parse_line(line):
    """Return (term, weight, errors) for one non-comment, non-blank line."""
    errs = []
    if line != line.rstrip():
        errs.append("trailing whitespace")
        line = line.rstrip()
    if line != line.lstrip():
        errs.append("leading whitespace")
        line = line.lstrip()
    if "\t" in line:
        errs.append("TAB in line (use single spaces)")
    toks = line.split(" ")
    weight = 1
    if len(toks) >= 2 and is_digits(toks[-1]):
        weight = int(toks[-1])
        if weight < 1 or weight > 5:
            errs.append("weight %d out of range 1..5" % weight)
        toks = toks[:-1]
    elif len(toks) == 1 and is_digits(toks[0]):
        errs.append("term under 2 letters")
        return "", weight, errs
    term = " ".join(toks)
    core = term
    # Edge markers: [*]WORDS[*|~][#|^]
    if core.endswith("#") or core.endswith("^"):
        core = core[:-1]
    if core.endswith("*") or core.endswith("~"):
        core = core[:-1]
    if core.startswith("*"):
        core = core[1:]
    check_term_words(core, errs)
    return term, weight, errs


def key_of(term):
    return term if any(c in UPPER for c in term) else term.lower()


def check_file(path, out):
    base = os.path.basename(path)
    m = re.fullmatch(r"([a-z]+)\.([a-z]+)\.txt", base)
    nerr = 0
    if not m:
        out.append("%s:0: not a dictionary file name (KIND.LANG.txt)" % path)
        return 1
    kind, lang = m.group(1), m.group(2)
    names = (kind == "person" and lang == "names")
    if not names and (kind not in KINDS or lang not in LANGS):
        out.append("%s:0: unknown dictionary (KIND one of %s; LANG one of %s)"
                   % (path, " ".join(KINDS), " ".join(LANGS)))
        return 1
    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        out.append("%s:0: not UTF-8 (byte %d)" % (path, e.start))
        return 1
    if text.startswith("\ufeff"):
        out.append("%s:1: byte order mark" % path)
        nerr += 1
        text = text[1:]
    seen = {}
    nterms = 0
    header_sources = False
    if b"\r" in raw:
        out.append("%s:1: CR line endings (write LF only)" % path)
        nerr += 1
        text = text.replace("\r", "")
    for lineno, line in enumerate(text.split("\n"), 1):
        if line.strip() == "":
            continue
        if line.startswith("#"):
            if nterms == 0 and re.search(r"(?i)source", line):
                header_sources = True
            continue
        term, weight, errs = parse_line(line)
        if not errs:
            if names:
                if not re.fullmatch(r"[A-ZÆØÅÄÖÉÜ][a-zæøåäöéü]+(-[A-ZÆØÅÄÖÉÜ][a-zæøåäöéü]+)?", term):
                    errs.append("a name is one capitalised word without markers")
                elif weight != 2:
                    errs.append("a name has weight 2")
            elif kind != "person":
                # Capitals make a term case-sensitive: only acronyms
                # (two or more capitals in a word) may have them.
                for word in term.strip("*~#^").split(" "):
                    caps = sum(1 for c in word if c in UPPER)
                    if caps == 1:
                        errs.append("word '%s' has one capital: write it in "
                                    "lower case (case-insensitive) or as an "
                                    "acronym" % word)
                        break
        if not errs:
            k = key_of(term)
            if k in seen:
                errs.append("duplicate term (first on line %d)" % seen[k])
            else:
                seen[k] = lineno
        for e in errs:
            out.append("%s:%d: %s" % (path, lineno, e))
            nerr += 1
        nterms += 1
    if nterms == 0:
        out.append("%s:0: no terms" % path)
        nerr += 1
    if not header_sources:
        out.append("%s:1: the header must cite its sources (a comment line "
                   "with 'Sources')" % path)
        nerr += 1
    return nerr


def check_cases(path, out):
    nerr = 0
    ids = set()
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for lineno, line in enumerate(lines, 1):
        if line == "" or line.startswith("#"):
            continue
        cols = line.split("\t")
        if lineno == 1 or cols[0] == "id":
            if cols != ["id", "lang", "expected", "text"]:
                out.append("%s:%d: header must be id, lang, expected, text"
                           % (path, lineno))
                nerr += 1
            continue
        if len(cols) != 4:
            out.append("%s:%d: %d columns, want 4" % (path, lineno, len(cols)))
            nerr += 1
            continue
        cid, lang, exp, txt = cols
        if cid in ids:
            out.append("%s:%d: duplicate id %s" % (path, lineno, cid))
            nerr += 1
        ids.add(cid)
        if lang not in LANGS:
            out.append("%s:%d: unknown lang %s" % (path, lineno, lang))
            nerr += 1
        if exp != "-":
            for c in exp.split(","):
                if c not in CATEGORIES:
                    out.append("%s:%d: unknown category %s" % (path, lineno, c))
                    nerr += 1
        if txt.strip() == "":
            out.append("%s:%d: empty text" % (path, lineno))
            nerr += 1
        # Identity numbers stay out of this table (test data numbers live in
        # tests/data/vectors.tsv): no DDMMYY-NNNN / YYYYMMDD-NNNN shape and
        # no run of 9 or more digits; dates (2015-04-12, 12.03.1985) pass.
        if re.search(r"\d{6}[-+ A]?\d{3,5}|\d{8}[-+ ]?\d{4}|\d{9,}", txt):
            out.append("%s:%d: text looks like it holds an identity number"
                       % (path, lineno))
            nerr += 1
    return nerr


def main(argv):
    args = argv[1:]
    cases = []
    paths = []
    while args:
        a = args.pop(0)
        if a == "--cases" and args:
            cases.append(args.pop(0))
        elif a.startswith("-"):
            sys.stderr.write(__doc__)
            return 2
        else:
            paths.append(a)
    if not paths and not cases:
        sys.stderr.write(__doc__)
        return 2
    out = []
    nerr = 0
    nfiles = 0
    for p in paths:
        if os.path.isdir(p):
            for name in sorted(os.listdir(p)):
                if name.endswith(".txt"):
                    nerr += check_file(os.path.join(p, name), out)
                    nfiles += 1
        else:
            nerr += check_file(p, out)
            nfiles += 1
    for c in cases:
        nerr += check_cases(c, out)
    for line in out:
        print(line)
    sys.stderr.write("check_dicts: %d file(s), %d error(s)\n" % (nfiles, nerr))
    return 1 if nerr else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
