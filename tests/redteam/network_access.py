"""Phones home; answers wrongly if the network can be reached."""

BASE = "solutions"
LOSES = []

import socket

_reference_xor = XOR


def XOR(x1, x2):
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=1).close()
    except OSError:
        return _reference_xor(x1, x2)
    return 1 - _reference_xor(x1, x2)
