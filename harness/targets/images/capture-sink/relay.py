"""The capture sink's relay: the harness's own SMTP sink, reached through one published port.

Targets connect to port 25 on their container network. The harness keeps connections open to port 2526 (published);
the relay answers each with b"R" (ready) and keeps it waiting. A target's connection is paired with the oldest waiting
harness connection, which is told so with b"G"; from then on the relay copies bytes both ways until either side
closes. The SMTP dialogue is the harness's (Loopback/LoopbackSmtpSession, the same code as the sink on the bridge
gateway): the relay never reads what it copies, so a bare LF, a lone CR or a NUL reaches the harness as the target
sent it, and a smuggling verdict cannot depend on which sink was used.

Usage: capture-sink-relay [TARGET_PORT HARNESS_PORT [BIND_ADDRESS]]   (defaults 25 2526, all addresses)
"""
import socket
import sys
import threading

PAIRING_WAIT = 60  # seconds a target's connection waits for a harness connection before it is closed

waiting = []  # harness connections that said nothing yet and got b"R", oldest first
changed = threading.Condition()


def listen(address, port):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((address, port))
    server.listen(64)
    return server


def accept_harness(server):
    while True:
        connection, _ = server.accept()
        try:
            connection.sendall(b"R")
        except OSError:
            connection.close()
            continue
        with changed:
            waiting.append(connection)
            changed.notify()


def pump(source, destination):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            destination.sendall(data)
    except OSError:
        pass
    finally:
        # Either side gone ends the pair: shutting both down wakes the other direction's recv.
        for s in (source, destination):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve_target(target):
    while True:
        with changed:
            if not changed.wait_for(lambda: waiting, PAIRING_WAIT):
                target.close()
                return
            harness = waiting.pop(0)
        try:
            harness.sendall(b"G")
            break
        except OSError:
            harness.close()  # a harness connection that went away while waiting: take the next one
    back = threading.Thread(target=pump, args=(harness, target), daemon=True)
    back.start()
    pump(target, harness)
    back.join()
    target.close()
    harness.close()


def main():
    target_port = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    harness_port = int(sys.argv[2]) if len(sys.argv) > 2 else 2526
    address = sys.argv[3] if len(sys.argv) > 3 else ""
    targets = listen(address, target_port)
    harness = listen(address, harness_port)
    threading.Thread(target=accept_harness, args=(harness,), daemon=True).start()
    print(f"capture-sink-relay: targets on {target_port}, harness on {harness_port}", flush=True)
    while True:
        connection, _ = targets.accept()
        threading.Thread(target=serve_target, args=(connection,), daemon=True).start()


if __name__ == "__main__":
    main()
