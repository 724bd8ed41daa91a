#!/usr/bin/env python3
"""soak_account.py - accounts for every message soak_client.py sent.

Reads the client's journal, every file smtp-sink wrote, and the held
messages (sealctl quarantine list --json --all), and checks each message
against what its kind must give:

  delivered  to exactly the expected recipients, each in the expected form:
             cleartext only to internal or trusted recipients (and the
             secure mailbox), S/MIME or OpenPGP to the others, every
             encrypted copy decrypted with openssl cms / gpg and found to
             hold this message's reference and number;
  held       in the store, nothing delivered;
  refused    a 5xx to the client, nothing delivered.

Any delivered file to an untrusted recipient with a number in cleartext is
a violation, whatever message it belongs to. A (message, recipient) pair
delivered twice, or a message held twice, is a duplicate: explained when the
client had to retry that message after handing over its data (the server
may have acted before the reply was lost: SMTP's at-least-once semantics),
else a violation. Prints a table; exit status 1 on any violation.
"""

import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

INTERNAL = ("kommune.example", "partner.example")
SMIME_KEYS = {"alice@citizen.example": "alice", "bob@citizen.example": "bob"}
PGP_RCPTS = {"grace@citizen.example"}
DIVERT_BOX = "sikkerpost@kommune.example"

# kind -> (outcome, {recipient: form}); form clear|smime|pgp|divert
EXPECT = {
    "clean": ("delivered", {"boss@kommune.example": "clear",
                            "someone@nobody.example": "clear"}),
    "cpr-refuse": ("refused", {}),
    "smime": ("delivered", {"alice@citizen.example": "smime",
                            "bob@citizen.example": "smime"}),
    "pgp": ("delivered", {"grace@citizen.example": "pgp"}),
    "split": ("delivered", {"boss@kommune.example": "clear",
                            "friend@partner.example": "clear",
                            "alice@citizen.example": "smime",
                            "grace@citizen.example": "pgp"}),
    "divert": ("delivered", {DIVERT_BOX: "divert"}),
    "hold": ("held", {}),
    "unscannable": ("held", {}),
}
NUMBERS = ["170583-1889", "151005-0815", "020537-1389"]


def number_re(n):
    a, b = n.split("-")
    return re.compile(a + r"[-+ ]?" + b)


NUMBER_RES = [number_re(n) for n in NUMBERS]


def trusted(addr):
    return addr.lower().rsplit("@", 1)[-1] in INTERNAL


def parse_sink(path):
    """(recipients, headers dict lower-case -> first value, raw text)."""
    with open(path, "rb") as f:
        raw = f.read().decode("utf-8", "replace").replace("\r", "")
    rcpts, headers = [], {}
    head = raw.split("\n\n", 1)[0]
    cur = None
    for line in head.split("\n"):
        if line[:1] in (" ", "\t") and cur:
            headers[cur] += " " + line.strip()
            continue
        k, _, v = line.partition(":")
        k = k.lower()
        if k == "x-rcpt-args":
            m = re.search(r"<([^>]*)>", v)
            if m:
                rcpts.append(m.group(1).lower())
            cur = None
            continue
        cur = k
        headers.setdefault(k, v.strip())
    return rcpts, headers, raw


def form_of(headers):
    ct = headers.get("content-type", "").lower()
    if "application/pkcs7-mime" in ct:
        return "smime"
    if "multipart/encrypted" in ct and "pgp-encrypted" in ct:
        return "pgp"
    return "clear"


def decrypt(form, raw, rcpt, pki, gnupg):
    """The decrypted text, or None."""
    with tempfile.NamedTemporaryFile("w", suffix=".eml", delete=False) as t:
        t.write(strip_sink(raw))
        name = t.name
    try:
        if form == "smime":
            who = SMIME_KEYS.get(rcpt)
            if who is None:
                return None
            p = subprocess.run(["openssl", "cms", "-decrypt", "-in", name,
                                "-recip", os.path.join(pki, "keys", who + ".pem"),
                                "-inkey", os.path.join(pki, "keys", who + ".key")],
                               capture_output=True)
        else:
            with open(name) as f:
                m = re.search(r"-----BEGIN PGP MESSAGE-----.*?-----END PGP MESSAGE-----",
                              f.read(), re.S)
            if not m:
                return None
            p = subprocess.run(["gpg", "--homedir", gnupg, "--batch", "--quiet",
                                "--no-tty", "--pinentry-mode", "loopback",
                                "--passphrase", "", "--decrypt"], input=m.group(0).encode(),
                               capture_output=True)
        if p.returncode != 0:
            return None
        return p.stdout.decode("utf-8", "replace")
    finally:
        os.unlink(name)


def strip_sink(raw):
    """The message without smtp-sink's X- envelope lines."""
    lines = raw.split("\n")
    i = 0
    while i < len(lines) and re.match(r"X-(Client-Addr|Helo-Args|Mail-Args|Rcpt-Args|"
                                      r"Client-Proto):", lines[i]):
        i += 1
    return "\n".join(lines[i:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--journal", required=True)
    ap.add_argument("--sink", required=True)
    ap.add_argument("--held", required=True, help="sealctl quarantine list --json --all")
    ap.add_argument("--pki", required=True)
    ap.add_argument("--gnupg", required=True)
    ap.add_argument("--faults", help="the fault log, for the table")
    ap.add_argument("--milter-log", help="sealmilter's log: which transactions it tempfailed")
    ap.add_argument("--allow", default="", help="known defects not counted: stale-hold")
    a = ap.parse_args()

    msgs, tries = {}, collections.defaultdict(list)
    done, unfinished = {}, set()
    with open(a.journal) as f:
        for line in f:
            r = json.loads(line)
            if r["ev"] == "new":
                msgs[r["id"]] = r
            elif r["ev"] == "try":
                tries[r["id"]].append(r)
            elif r["ev"] == "done":
                done[r["id"]] = r
            elif r["ev"] == "unfinished":
                unfinished.add(r["id"])

    violations = []

    def violate(what):
        violations.append(what)

    # ---- deliveries
    deliveries = collections.defaultdict(list)   # (id, rcpt) -> [form]
    notices = collections.Counter()
    foreign = 0
    decrypted = collections.Counter()
    idre = re.compile(r"<([^@>]+)@kommune\.example>")
    for path in sorted(glob.glob(os.path.join(a.sink, "*"))):
        rcpts, headers, raw = parse_sink(path)
        m = idre.search(headers.get("message-id", ""))
        mid = m.group(1) if m and m.group(1) in msgs else None
        untrusted = [r for r in rcpts if not trusted(r)]
        if untrusted and any(x.search(raw) for x in NUMBER_RES):
            violate("CLEARTEXT number to untrusted %s in %s" % (",".join(untrusted),
                                                                os.path.basename(path)))
        if mid is None:
            # Notices (divert, hold, DSN) have their own Message-ID.
            if "sealmilter" in raw.lower() or headers.get("auto-submitted"):
                notices[headers.get("subject", "?")[:40]] += 1
            else:
                foreign += 1
                violate("delivered file with no known id: %s" % os.path.basename(path))
            continue
        form = form_of(headers)
        if form == "clear" and headers.get("x-sealmilter-original-recipient"):
            form = "divert"
        for r in rcpts:
            got = form
            if form in ("smime", "pgp"):
                text = decrypt(form, raw, r, a.pki, a.gnupg)
                num = NUMBERS[msgs[mid]["number_index"]]
                if text is None or ("Soak reference: " + mid) not in text or \
                        not number_re(num).search(text):
                    violate("%s: %s copy for %s does not decrypt to the message"
                            % (mid, form, r))
                    got = form + "-bad"
                else:
                    decrypted[form] += 1
            elif not trusted(r):
                if form != "clear" or msgs[mid]["kind"] != "clean":
                    violate("%s: cleartext copy of a %s message to untrusted %s"
                            % (mid, msgs[mid]["kind"], r))
            deliveries[(mid, r)].append(got)

    # ---- held
    with open(a.held) as f:
        held_list = json.load(f)
    if isinstance(held_list, dict):
        held_list = held_list.get("messages", held_list.get("held", []))
    # Queue IDs of the transactions sealmilter itself tempfailed.
    tempfailed = set()
    if a.milter_log:
        qre = re.compile(r"sealmilter\[\d+\]: ([0-9A-Za-z]+): .*tempfail")
        with open(a.milter_log, errors="replace") as f:
            for line in f:
                m = qre.search(line)
                if m:
                    tempfailed.add(m.group(1))
    held = collections.Counter()
    stale = []
    for h in held_list:
        s = (h.get("sender") or "").lower()
        mid = s.split("@")[0]
        if mid not in msgs or h.get("state") == "deleted":
            # Withdrawn by sealmilter itself after a later step failed.
            continue
        if h.get("queue_id") in tempfailed:
            # Stored, then the message was tempfailed and the withdrawal
            # failed too: an officer would see a message Postfix never took.
            stale.append((mid, h.get("queue_id")))
            continue
        held[mid] += 1
    for mid, qid in stale:
        what = ("%s: held record %s left in state held although sealmilter "
                "tempfailed that transaction" % (mid, qid))
        if "stale-hold" in a.allow:
            print("known defect: " + what)
        else:
            violate(what)

    # ---- per message
    outcome = collections.Counter()
    per_kind = collections.defaultdict(collections.Counter)
    dups = collections.Counter()
    dup_unexplained = 0
    retried = 0
    for mid, m in msgs.items():
        kind = m["kind"]
        want, forms = EXPECT[kind]
        t = tries.get(mid, [])
        if len(t) > 1:
            retried += 1
        # A retry after the data went over: the server may have acted.
        after_data = any(x["res"] == "temp" and x["stage"] == "data" for x in t)
        d = done.get(mid)
        per_kind[kind]["sent"] += 1
        if mid in unfinished or d is None:
            violate("%s (%s): never finished (%d attempts)" % (mid, kind, len(t)))
            per_kind[kind]["unfinished"] += 1
            outcome["unfinished"] += 1
            continue
        got_rcpts = {r for (i, r) in deliveries if i == mid}
        if d["res"] == "refused":
            res = "refused"
        elif held[mid] > 0:
            res = "held"
        elif got_rcpts:
            res = "delivered"
        else:
            res = "lost"
        per_kind[kind][res] += 1
        outcome[res] += 1
        if res != want:
            violate("%s (%s): %s, expected %s (reply %s)" % (mid, kind, res, want, d["code"]))
        if res in ("refused", "held") and got_rcpts:
            violate("%s (%s): %s but delivered to %s" % (mid, kind, res, sorted(got_rcpts)))
        if res == "delivered":
            if got_rcpts != set(forms):
                violate("%s (%s): delivered to %s, expected %s"
                        % (mid, kind, sorted(got_rcpts), sorted(forms)))
            for r in got_rcpts:
                fs = deliveries[(mid, r)]
                if any(f != forms.get(r) for f in fs):
                    violate("%s (%s): %s got %s, expected %s" % (mid, kind, r, fs, forms.get(r)))
                if len(fs) > 1:
                    dups["delivery " + forms.get(r, "?")] += len(fs) - 1
                    if not after_data:
                        dup_unexplained += 1
                        violate("%s (%s): %d copies to %s without a retry after data"
                                % (mid, kind, len(fs), r))
        if held[mid] > 1:
            dups["held"] += held[mid] - 1
            if not after_data:
                dup_unexplained += 1
                violate("%s (%s): held %d times without a retry after data"
                        % (mid, kind, held[mid]))

    # ---- table
    cols = ["sent", "delivered", "held", "refused", "lost", "unfinished"]
    print("%-12s" % "kind" + "".join("%11s" % c for c in cols))
    tot = collections.Counter()
    for kind in EXPECT:
        c = per_kind[kind]
        tot.update(c)
        print("%-12s" % kind + "".join("%11d" % c[x] for x in cols))
    print("%-12s" % "total" + "".join("%11d" % tot[x] for x in cols))
    print()
    print("messages retried by the client: %d; tries in all: %d"
          % (retried, sum(len(v) for v in tries.values())))
    print("encrypted copies decrypted: S/MIME %d, OpenPGP %d" % (decrypted["smime"],
                                                                 decrypted["pgp"]))
    print("notices (divert, hold, DSN): %d" % sum(notices.values()))
    for s, n in sorted(notices.items()):
        print("    %5d  %s" % (n, s))
    print("held records left after a tempfail (stale holds): %d" % len(stale))
    print("duplicates: %d (unexplained %d)" % (sum(dups.values()), dup_unexplained))
    for k, n in sorted(dups.items()):
        print("    %5d  %s (retry after the data were handed over)" % (n, k))
    if a.faults and os.path.exists(a.faults):
        fc = collections.Counter()
        with open(a.faults) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2 and parts[1] == "start":
                    fc[parts[2]] += 1
        print("faults injected: %d" % sum(fc.values()))
        for k, n in sorted(fc.items()):
            print("    %5d  %s" % (n, k))
    print()
    if violations:
        print("VIOLATIONS: %d" % len(violations))
        for v in violations[:50]:
            print("  " + v)
        if len(violations) > 50:
            print("  ... and %d more" % (len(violations) - 50))
        return 1
    print("no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
