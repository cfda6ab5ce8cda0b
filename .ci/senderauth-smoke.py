#!/usr/bin/env python3
"""Hand check of the sender-authentication targets (issue 19): one raw SMTP transaction to a
published port on 127.0.0.1, every reply printed. Nothing else is ever connected to.

  python3 .ci/senderauth-smoke.py PORT MAIL_FROM RCPT_TO [--from HEADER_FROM] [--helo NAME]
                                  [--dkim-key PEM --dkim-domain D --dkim-selector S] [--tamper]
                                  [--header 'Name: value']...

--dkim-key signs the message (rsa-sha256, relaxed/relaxed, From:To:Subject:Date:Message-ID) with the
`cryptography` package; --tamper changes the body after signing (a broken signature).
"""
import argparse, base64, hashlib, re, socket, sys, time, uuid
from email.utils import formatdate


def relaxed_header(name, value):
    # RFC 6376 §3.4.2: lower-case name, unfold, collapse WSP, trim.
    value = re.sub(r"\r\n", "", value)
    value = re.sub(r"[ \t]+", " ", value).strip()
    return f"{name.lower().strip()}:{value}"


def relaxed_body(body):
    # RFC 6376 §3.4.4: collapse WSP, strip trailing WSP, drop trailing empty lines, end in CRLF.
    lines = [re.sub(r"[ \t]+", " ", l).rstrip(" \t") for l in body.split("\r\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return ("\r\n".join(lines) + "\r\n") if lines else ""


def dkim_sign(headers, body, key_pem, domain, selector):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    key = serialization.load_pem_private_key(open(key_pem, "rb").read(), password=None)
    bh = base64.b64encode(hashlib.sha256(relaxed_body(body).encode()).digest()).decode()
    names = [n for n, _ in headers]
    tags = (f"v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s={selector}; "
            f"t={int(time.time())}; h={':'.join(names)}; bh={bh}; b=")
    data = "".join(relaxed_header(n, v) + "\r\n" for n, v in headers)
    data += relaxed_header("DKIM-Signature", tags)
    sig = base64.b64encode(key.sign(data.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    return ("DKIM-Signature", tags + sig)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("mail_from")
    p.add_argument("rcpt_to")
    p.add_argument("--from", dest="header_from")
    p.add_argument("--helo", default="client.harness.test")
    p.add_argument("--subject", default="sender authentication check")
    p.add_argument("--dkim-key"); p.add_argument("--dkim-domain"); p.add_argument("--dkim-selector", default="sel")
    p.add_argument("--tamper", action="store_true")
    p.add_argument("--header", action="append", default=[], help="an extra 'Name: value' header, e.g. a forged Authentication-Results")
    a = p.parse_args()

    headers = [("From", f"<{a.header_from or a.mail_from}>"), ("To", f"<{a.rcpt_to}>"),
               ("Subject", a.subject), ("Date", formatdate(localtime=False)),
               ("Message-ID", f"<{uuid.uuid4()}@harness.test>")]
    headers += [tuple(h.split(": ", 1)) for h in a.header]
    body = "Hello Alice,\r\nthis message checks sender authentication.\r\n"
    if a.dkim_key:
        headers.insert(0, dkim_sign(headers, body, a.dkim_key, a.dkim_domain, a.dkim_selector))
    if a.tamper:
        body += "A line added after signing.\r\n"
    message = "".join(f"{n}: {v}\r\n" for n, v in headers) + "\r\n" + body

    s = socket.create_connection(("127.0.0.1", a.port), timeout=30)
    f = s.makefile("rb")

    def reply():
        lines = []
        while True:
            line = f.readline().decode("utf-8", "replace").rstrip("\r\n")
            print("S: " + line)
            lines.append(line)
            if len(line) < 4 or line[3] != "-":
                return int(line[:3]) if line[:3].isdigit() else 0

    def cmd(text):
        print("C: " + text)
        s.sendall(text.encode() + b"\r\n")
        return reply()

    reply()
    cmd(f"EHLO {a.helo}")
    if cmd(f"MAIL FROM:<{a.mail_from}>") == 250 and cmd(f"RCPT TO:<{a.rcpt_to}>") == 250 and cmd("DATA") == 354:
        print(f"C: <message, {len(message)} octets, From: {headers[0 if not a.dkim_key else 1][1]}"
              f"{', DKIM-signed d=' + a.dkim_domain if a.dkim_key else ''}{', body altered after signing' if a.tamper else ''}>")
        s.sendall(message.replace("\r\n.", "\r\n..").encode() + b".\r\n")
        reply()
    cmd("QUIT")


if __name__ == "__main__":
    sys.exit(main())
