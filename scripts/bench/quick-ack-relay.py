#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""
The bench's link between the virtual YubiKey and pcscd's vpcd driver, which acknowledges every
TCP segment at once (TCP_QUICKACK, which Node cannot set).

vpcd sends each message as two writes, the 2-byte length and then the payload. On a
request/response connection Linux delays the ACK of the length by up to 40 ms, and Nagle's
algorithm in vpcd holds the payload until that ACK: ~43 ms per APDU on loopback, against a few
ms on a YubiKey over USB. This relay connects to vpcd for each card that connects to it and
copies bytes both ways, acknowledging vpcd's segments at once and sending without Nagle.

Usage: quickack-relay.py <vpcd-port>. Prints the port it listens on (127.0.0.1), then relays
until stdin closes (the bench ends it by closing its stdin or by SIGTERM).
"""
import socket
import sys
import threading

VPCD_HOST = "127.0.0.1"


def quickack(sock):
    # Linux clears the flag after it acts on it: set it again before every read.
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)


def pump(src, dst, ack):
    try:
        while True:
            if ack:
                quickack(src)
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        # One side gone: so is the card (vpcd sees the socket close and reports the reader empty).
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(card, vpcd_port):
    vpcd = socket.create_connection((VPCD_HOST, vpcd_port))
    for s in (card, vpcd):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    threading.Thread(target=pump, args=(vpcd, card, True), daemon=True).start()
    threading.Thread(target=pump, args=(card, vpcd, True), daemon=True).start()


def main():
    vpcd_port = int(sys.argv[1])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    print(listener.getsockname()[1], flush=True)

    def accept():
        while True:
            card, _ = listener.accept()
            try:
                serve(card, vpcd_port)
            except OSError:
                card.close()

    threading.Thread(target=accept, daemon=True).start()
    sys.stdin.read()  # until the bench closes stdin (or exits)


if __name__ == "__main__":
    main()
