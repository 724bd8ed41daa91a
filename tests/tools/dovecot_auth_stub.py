#!/usr/bin/env python3
"""dovecot_auth_stub.py PORT USER PASSWORD - a stand-in for Dovecot's
authentication service, so that a test Postfix (smtpd_sasl_type = dovecot,
smtpd_sasl_path = inet:127.0.0.1:PORT) can offer SMTP AUTH without a mail
server or a SASL database installed. Speaks the server side of the Dovecot
auth-client protocol version 1 (https://doc.dovecot.org/developer_manual/
design/auth_protocol/): the handshake (VERSION, MECH, SPID, CUID, COOKIE,
DONE), then AUTH with mechanism PLAIN (initial response or CONT), answered
OK with user=USER when the credentials match, FAIL otherwise. Test use only.
"""
import base64
import os
import socketserver
import sys


class Handler(socketserver.StreamRequestHandler):
    def send(self, line):
        self.wfile.write((line + "\n").encode())
        self.wfile.flush()

    def check(self, req_id, b64):
        try:
            parts = base64.b64decode(b64).split(b"\0")
        except ValueError:
            parts = []
        if len(parts) == 3 and parts[1].decode() == USER and parts[2].decode() == PASSWORD:
            self.send("OK\t%s\tuser=%s" % (req_id, USER))
        else:
            self.send("FAIL\t%s" % req_id)

    def handle(self):
        self.send("VERSION\t1\t2")
        self.send("MECH\tPLAIN\tplaintext")
        self.send("SPID\t%d" % os.getpid())
        self.send("CUID\t1")
        self.send("COOKIE\t" + "0" * 32)
        self.send("DONE")
        for raw in self.rfile:
            f = raw.decode(errors="replace").rstrip("\n").split("\t")
            if f[0] == "AUTH" and len(f) >= 3:
                resp = [a[5:] for a in f[3:] if a.startswith("resp=")]
                if f[2].upper() != "PLAIN":
                    self.send("FAIL\t%s" % f[1])
                elif resp:
                    self.check(f[1], resp[0])
                else:
                    self.send("CONT\t%s\t" % f[1])
            elif f[0] == "CONT" and len(f) >= 3:
                self.check(f[1], f[2])


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


if __name__ == "__main__":
    PORT, USER, PASSWORD = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    Server(("127.0.0.1", PORT), Handler).serve_forever()
