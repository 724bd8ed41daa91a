#!/usr/bin/env python3
"""sealweb_browser.py - drives a real headless Chromium through the DevTools
protocol (python3-websocket; no npm) through the console: sign in, open the
list of held messages, open one held message, release it with a reason
(accepting the page's confirmation dialog), and save a screenshot of each
page, then the overview and an audit search by the number (typed into the
form, posted; the result shows it masked only), with a screenshot each.
Prints one line per step; exits 0 when every step saw what it must,
1 otherwise.

usage: sealweb_browser.py URL NAME PASSWORD HELD_ID SHOTS_DIR MASKED NUMBER
  MASKED  a text the message page must show (the masked finding)
  NUMBER  a text no page may show (the identity number in clear)
"""
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="sealweb-chromium.")
        self.port = free_port()
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if exe is None:
            raise SystemExit("Bail out! chromium not installed (contrib/install-deps.sh)")
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--no-first-run", "--no-default-browser-check",
             "--remote-debugging-address=127.0.0.1",
             "--remote-debugging-port=%d" % self.port,
             "--user-data-dir=" + self.profile, "--window-size=1280,900",
             "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ws = None
        self.next_id = 0
        self.events = []
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:%d/json/list" % self.port,
                                            timeout=5) as r:
                    pages = [t for t in json.load(r) if t.get("type") == "page"]
                if pages:
                    break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.3)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.next_id += 1
        my = self.next_id
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            self.on_event(msg)

    def on_event(self, msg):
        if msg.get("method") == "Page.javascriptDialogOpening":
            # The console asks before a decision; the officer says yes.
            self.ws.send(json.dumps({"id": 0, "method": "Page.handleJavaScriptDialog",
                                     "params": {"accept": True}}))
        self.events.append(msg.get("method"))

    def wait_load(self, timeout=60):
        deadline = time.time() + timeout
        while "Page.loadEventFired" not in self.events:
            if time.time() > deadline:
                raise RuntimeError("page did not load")
            msg = json.loads(self.ws.recv())
            if "id" not in msg or msg.get("id") == 0:
                self.on_event(msg)
        self.events.clear()

    def goto(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_load()

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return r.get("result", {}).get("value")

    def click_and_wait(self, selector):
        self.events.clear()
        # The click is sent from a timer, so that evaluate returns before the
        # confirmation dialog (if any) blocks the page.
        self.js("setTimeout(function(){document.querySelector(%s).click();}, 50); true"
                % json.dumps(selector))
        self.wait_load()

    def shot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            if self.ws is not None:
                self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def main():
    if len(sys.argv) != 8:
        print(__doc__, file=sys.stderr)
        return 2
    url, name, password, held, shots, masked, number = sys.argv[1:]
    os.makedirs(shots, exist_ok=True)
    failed = 0

    def step(ok, what):
        nonlocal failed
        print("%s - %s" % ("ok" if ok else "FAILED", what))
        failed += 0 if ok else 1

    b = Browser()
    try:
        b.goto(url + "/login")
        b.js("document.querySelector('input[name=name]').value = %s;"
             "document.querySelector('input[name=password]').value = %s; true"
             % (json.dumps(name), json.dumps(password)))
        b.shot(os.path.join(shots, "01-login.png"))
        b.click_and_wait("form button[type=submit]")
        body = b.js("document.body.innerText") or ""
        step("Signed in as" in body, "sign in")
        b.goto(url + "/quarantine")
        b.shot(os.path.join(shots, "02-list.png"))
        html = b.js("document.documentElement.outerHTML") or ""
        step(("id=" + held) in html and number not in html, "the list shows the held message")
        b.goto(url + "/quarantine/message?id=" + held)
        b.shot(os.path.join(shots, "03-message.png"))
        html = b.js("document.documentElement.outerHTML") or ""
        step(masked in html and number not in html,
             "the message page shows the finding masked, not the number")
        b.js("document.querySelector('#r-release').value = 'Checked with the citizen'; true")
        b.click_and_wait("form.decide button[value=release]")
        b.shot(os.path.join(shots, "04-released.png"))
        body = b.js("document.body.innerText") or ""
        step("released to 1 recipient" in body, "release (the confirmation accepted)")
        b.goto(url + "/overview?days=30")
        b.shot(os.path.join(shots, "05-overview.png"))
        html = b.js("document.documentElement.outerHTML") or ""
        step("<svg" in html and 'id="n-held"' in html, "the overview draws its charts")
        b.goto(url + "/audit")
        b.js("document.querySelector('#a-number').value = %s; true" % json.dumps(number))
        b.click_and_wait("form.audit button[type=submit]")
        b.shot(os.path.join(shots, "06-audit.png"))
        html = b.js("document.documentElement.outerHTML") or ""
        step('id="searched"' in html and masked in html and number not in html
             and "hold" in html,
             "the audit search by number finds the hold, shows the number masked only")
    finally:
        b.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
