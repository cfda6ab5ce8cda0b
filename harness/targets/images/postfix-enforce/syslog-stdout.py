#!/usr/bin/python3
# A container has no syslog daemon: OpenDKIM, OpenDMARC and policyd-spf log only to syslog(3).
# Read /dev/log and print each message to stdout so `docker logs` shows their verdicts.
import os, socket, sys
path = "/dev/log"
try:
    os.unlink(path)
except FileNotFoundError:
    pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
while True:
    data = s.recv(65536)
    text = data.decode("utf-8", "replace").rstrip("\n\0")
    # Drop the "<PRI>" prefix.
    if text.startswith("<") and ">" in text[:5]:
        text = text[text.index(">") + 1:]
    print(text, flush=True)
