#!/usr/bin/python3
"""pg_cut_proxy.py - a TCP relay in front of PostgreSQL that can lose a
connection at the worst moment: after the server has been sent a COMMIT and
before its answer comes back, so that the transaction is stored although the
client sees an error (what a server restart or a network cut can do).

usage: pg_cut_proxy.py LISTEN_PORT SERVER_PORT ARM_FILE
While ARM_FILE exists, the next transaction that stores a held message
(INSERT INTO held) has its COMMIT passed on, the server given time to carry it out, and then both sides
closed without the answer; ARM_FILE is removed and "cut" logged on stdout.
"""
import os
import socket
import sys
import threading
import time

LISTEN, SERVER, ARM = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
arm_lock = threading.Lock()


def take_arm():
    with arm_lock:
        if os.path.exists(ARM):
            os.unlink(ARM)
            return True
    return False


def close(*socks):
    for s in socks:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


def server_to_client(srv, cli, done):
    try:
        while not done.is_set():
            data = srv.recv(65536)
            if not data:
                break
            if done.is_set():
                break
            cli.sendall(data)
    except OSError:
        pass
    finally:
        if not done.is_set():
            done.set()
            close(srv, cli)


def client_to_server(cli, srv, done):
    holding = False    # this transaction stores a held message
    try:
        while True:
            data = cli.recv(65536)
            if not data:
                break
            holding = holding or b"INSERT INTO held (" in data
            commit = b"COMMIT\x00" in data
            if commit and holding and os.path.exists(ARM) and take_arm():
                # The answer must not reach the client: stop relaying first.
                done.set()
                srv.sendall(data)
                time.sleep(0.5)
                print("cut", flush=True)
                break
            srv.sendall(data)
            if commit:
                holding = False
    except OSError:
        pass
    finally:
        done.set()
        close(cli, srv)


def main():
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", LISTEN))
    ls.listen(64)
    print("listening", flush=True)
    while True:
        cli, _ = ls.accept()
        try:
            srv = socket.create_connection(("127.0.0.1", SERVER))
        except OSError:
            cli.close()
            continue
        done = threading.Event()
        threading.Thread(target=server_to_client, args=(srv, cli, done), daemon=True).start()
        threading.Thread(target=client_to_server, args=(cli, srv, done), daemon=True).start()


if __name__ == "__main__":
    main()
