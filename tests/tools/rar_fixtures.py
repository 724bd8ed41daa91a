"""rar_fixtures.py - what gen_rar.py (RAR 4) and gen_rar5.py (RAR 5) write
alike: the same two members in each archive (note.txt, with or without a
synthetic CPR number, vector dk-006 of tests/data/vectors.tsv, and
readme.txt without one), the command line (one argument, OUTDIR) and the
files: OUTDIR/cpr{SUFFIX}.rar and OUTDIR/clean{SUFFIX}.rar, each made by
the caller's archive(files) from [(name, bytes), ...]. Python 3 stdlib only.
"""
import os
import sys

README = b"Bilag til sagen.\nIngen personoplysninger i denne fil.\n"
NOTES = {
    "cpr": b"Journal for borgeren\nCPR-nr.: 060868-2430\n",
    "clean": b"Journal for borgeren\nIngen numre\n",
}


def members(note):
    """The files of one archive: note.txt holding note, and readme.txt."""
    return [("note.txt", note), ("readme.txt", README)]


def write_all(prog, archive, suffix):
    """Checks the command line, writes cpr and clean archives; returns OUTDIR."""
    if len(sys.argv) != 2:
        sys.exit("usage: %s OUTDIR" % prog)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    for name, note in NOTES.items():
        with open(os.path.join(outdir, "%s%s.rar" % (name, suffix)), "wb") as f:
            f.write(archive(members(note)))
    return outdir
