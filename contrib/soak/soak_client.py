#!/usr/bin/env python3
"""soak_client.py - the sending side of the soak (contrib/soak/soak.sh).

Sends a mixed stream of messages over SMTP at a set rate and behaves like a
real MTA: a 4xx reply, a dropped connection or a timeout means "try again
later", so every message is retried until it gets a 2xx (accepted) or a 5xx
(refused), or until the drain deadline passes (then it is "unfinished", a
violation). Each message has a unique id, in the Message-ID, in the body
and in the envelope sender, so soak_account.py can find every copy and
every held message again.

Every attempt and the final outcome go to a journal (one JSON object a
line). With --measure it sends as fast as it can for the given time and
prints the messages completed per second (the "maximum" the rate is taken
from).
"""

import argparse
import json
import os
import random
import smtplib
import socket
import threading
import time

# The kinds of message, their recipients and weight in the mix. Domains as
# the soak configures them: kommune.example internal, partner.example
# trusted, citizen.example untrusted with keys (alice, bob: S/MIME; grace:
# OpenPGP, her S/MIME certificate is from another CA), borger.example
# diverted to the secure mailbox, nobody.example untrusted without key.
KINDS = {
    "clean": (["boss@kommune.example", "someone@nobody.example"], 25),
    "cpr-refuse": (["someone@nobody.example"], 10),
    "smime": (["alice@citizen.example", "bob@citizen.example"], 15),
    "pgp": (["grace@citizen.example"], 10),
    "split": (["boss@kommune.example", "friend@partner.example",
               "alice@citizen.example", "grace@citizen.example"], 15),
    "divert": (["citizen@borger.example"], 10),
    "hold": (["someone@nobody.example"], 8),
    "unscannable": (["someone@nobody.example"], 7),
}

# Synthetic CPR numbers (tests/data/vectors.tsv), one per message in turn.
NUMBERS = ["170583-1889", "151005-0815", "020537-1389"]

SENSITIVE = """Kære Jens Hansen,

tak for din henvendelse af 27. maj om din misbrugsbehandling på
Rusmiddelcenteret. Vi har talt med din behandler, og dit forløb med
ambulant behandling fortsætter som aftalt. Din næste samtale er
tirsdag den 9. juni kl. 10.00.

Med venlig hilsen
Mette Sørensen
Socialforvaltningen, Rusmiddelcenteret
"""


def build(kind, mid, rcpts, number, zip_b64):
    head = (
        "From: Sagsbehandler <sagsbehandler@kommune.example>\r\n"
        "To: %s\r\n"
        "Subject: Soak %s\r\n"
        "Date: Mon, 01 Jun 2026 10:00:00 +0200\r\n"
        "Message-ID: <%s@kommune.example>\r\n"
        "MIME-Version: 1.0\r\n" % (", ".join(rcpts), kind, mid))
    ref = "Soak reference: %s\r\n" % mid
    if kind == "clean":
        body = ("Dear citizen,\r\n\r\nyour appointment is on 12 June 2026 "
                "at 10:00, room 1.05.\r\n" + ref)
    elif kind == "hold":
        body = SENSITIVE.replace("\n", "\r\n") + ref
    elif kind == "unscannable":
        b = "soak-boundary-" + mid
        return (head + "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
                "--%s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                "The papers are attached (password by phone).\r\n%s"
                "--%s\r\nContent-Type: application/zip; name=\"papers.zip\"\r\n"
                "Content-Transfer-Encoding: base64\r\n"
                "Content-Disposition: attachment; filename=\"papers.zip\"\r\n\r\n"
                "%s\r\n--%s--\r\n" % (b, b, ref, b, zip_b64, b))
    else:
        body = ("Dear citizen,\r\n\r\nregarding your case, CPR-nr.: %s, we "
                "need one more document.\r\n%s" % (number, ref))
    return (head + "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + body)


class Journal:
    def __init__(self, path):
        self.f = open(path, "a", buffering=1)
        self.lock = threading.Lock()

    def write(self, **rec):
        rec["t"] = round(time.time(), 3)
        with self.lock:
            self.f.write(json.dumps(rec, sort_keys=True) + "\n")


def attempt(host, port, sender, rcpts, data, timeout):
    """One SMTP transaction: ("ok"|"refused"|"temp", code, stage, text)."""
    stage = "connect"
    try:
        with smtplib.SMTP(host, port, timeout=timeout,
                          local_hostname="client.kommune.example") as s:
            stage = "envelope"
            code, msg = s.ehlo()
            if code != 250:
                return ("temp" if code < 500 else "refused", code, "ehlo", msg)
            code, msg = s.mail(sender)
            if code != 250:
                return ("temp" if code < 500 else "refused", code, "mail", msg)
            for r in rcpts:
                code, msg = s.rcpt(r)
                if code not in (250, 251):
                    return ("temp" if code < 500 else "refused", code, "rcpt", msg)
            stage = "data"
            code, msg = s.data(data.encode("utf-8"))
            if code == 250:
                return ("ok", code, "data", msg)
            return ("temp" if code < 500 else "refused", code, "data", msg)
    except smtplib.SMTPResponseException as e:
        c = e.smtp_code
        return ("temp" if c < 500 else "refused", c, stage, e.smtp_error)
    except (smtplib.SMTPException, OSError, socket.timeout) as e:
        # A connection lost after the data were sent is the case that may
        # legitimately duplicate: the server may have taken the message.
        return ("temp", 0, stage, repr(e).encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--journal", required=True)
    ap.add_argument("--duration", type=float, required=True, help="seconds of new messages")
    ap.add_argument("--rate", type=float, default=0, help="messages/s (0: as fast as possible)")
    ap.add_argument("--drain", type=float, default=600, help="seconds to finish retries")
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--max-open", type=int, default=64,
                    help="unfinished messages at most before sending is paused")
    ap.add_argument("--prefix", default="soak")
    ap.add_argument("--zip", required=True, help="an encrypted zip file (unscannable)")
    ap.add_argument("--stop-file", help="stop sending new messages when this file exists")
    ap.add_argument("--measure", action="store_true")
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args()

    rnd = random.Random(a.seed)
    import base64
    with open(a.zip, "rb") as f:
        zb = base64.b64encode(f.read()).decode()
    zip_b64 = "\r\n".join(zb[i:i + 76] for i in range(0, len(zb), 76))
    journal = Journal(a.journal)
    names = list(KINDS)
    weights = [KINDS[k][1] for k in names]

    queue = []                       # (due time, seq, msg dict) retries and new
    cv = threading.Condition()
    state = {"seq": 0, "open": 0, "done": 0, "producing": True}
    t_start = time.time()
    t_stop_new = t_start + a.duration
    t_deadline = t_stop_new + a.drain

    def produce():
        n = 0
        behind = 0.0        # seconds the schedule was pushed back
        while True:
            now = time.time()
            if now >= t_stop_new or (a.stop_file and os.path.exists(a.stop_file)):
                break
            if a.rate > 0 and state["open"] >= a.max_open:
                # The server takes less than the rate (a fault, or the
                # machine is busier than when the maximum was measured):
                # like an MTA with a full active queue, wait instead of
                # piling up messages the drain could not finish.
                time.sleep(0.2)
                behind += 0.2
                continue
            if a.rate > 0:
                due = t_start + behind + n / a.rate
                if due > now:
                    time.sleep(min(due - now, 0.5))
                    continue
            else:
                with cv:
                    while len(queue) >= a.workers and time.time() < t_stop_new:
                        cv.wait(0.2)
            kind = rnd.choices(names, weights)[0]
            mid = "%s-%s-%06d" % (a.prefix, kind, n)
            rcpts = KINDS[kind][0]
            number = NUMBERS[n % len(NUMBERS)]
            msg = {"id": mid, "kind": kind, "rcpts": rcpts,
                   "sender": "%s@kommune.example" % mid, "attempts": 0,
                   "data": build(kind, mid, rcpts, number, zip_b64)}
            journal.write(ev="new", id=mid, kind=kind, rcpts=rcpts,
                          sender=msg["sender"], number_index=n % len(NUMBERS))
            with cv:
                state["open"] += 1
                queue.append((time.time(), msg))
                cv.notify()
            n += 1
        with cv:
            state["producing"] = False
            cv.notify_all()

    def work():
        while True:
            with cv:
                while True:
                    now = time.time()
                    if now > t_deadline:
                        return      # what is left is reported unfinished
                    ready = [i for i, (due, _) in enumerate(queue) if due <= now]
                    if ready:
                        _, msg = queue.pop(ready[0])
                        break
                    if not state["producing"] and state["open"] == 0:
                        return
                    cv.wait(0.2)
            msg["attempts"] += 1
            res, code, stage, text = attempt("127.0.0.1", a.port, msg["sender"],
                                             msg["rcpts"], msg["data"], 120)
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            journal.write(ev="try", id=msg["id"], n=msg["attempts"], res=res,
                          code=code, stage=stage, text=text[:200])
            with cv:
                if res == "temp":
                    # Back off like an MTA's queue, but in seconds.
                    queue.append((time.time() + rnd.uniform(1, 4), msg))
                else:
                    state["open"] -= 1
                    state["done"] += 1
                    journal.write(ev="done", id=msg["id"], res=res, code=code,
                                  attempts=msg["attempts"])
                cv.notify_all()

    threads = [threading.Thread(target=work) for _ in range(a.workers)]
    for t in threads:
        t.start()
    produce()
    for t in threads:
        t.join()
    with cv:
        for _, msg in queue:
            journal.write(ev="unfinished", id=msg["id"], attempts=msg["attempts"])
    elapsed = time.time() - t_start
    if a.measure:
        print("%.2f" % (state["done"] / max(elapsed, 1e-3)))
    else:
        print("sent %d messages (%.2f/s over %.0f s), finished %d, unfinished %d in %.0f s"
              % (state["done"] + state["open"], (state["done"] + state["open"]) / a.duration,
                 a.duration, state["done"], state["open"], elapsed))


if __name__ == "__main__":
    main()
