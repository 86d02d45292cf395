#!/usr/bin/python3
"""smtp-sink.py PORTFILE MAILDIR: an SMTP server on 127.0.0.1 for tests.

Listens on a free port the kernel picks (port 0, so two test runs never
race for one), writes that port number to PORTFILE once it accepts
connections, and saves each message it receives, byte for byte as it
came (CRLF line ends), as MAILDIR/N.eml, with its envelope recipients in
MAILDIR/N.rcpt, N counting from 1.  Each file is written beside and
renamed into place, so a reader never sees half a message.  Runs until
killed (SIGTERM).

Debian's python3-aiosmtpd, for /usr/bin/python3.
"""
import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


def put(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class Sink:
    def __init__(self, maildir):
        self.maildir = maildir
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        base = os.path.join(self.maildir, str(self.n))
        put(base + ".rcpt", "".join(r + "\n" for r in envelope.rcpt_tos)
            .encode())
        put(base + ".eml", envelope.original_content)
        return "250 OK"


async def main(portfile, maildir):
    os.makedirs(maildir, exist_ok=True)
    sink = Sink(maildir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="sink.test", decode_data=False),
        host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    put(portfile, b"%d\n" % port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: smtp-sink.py PORTFILE MAILDIR")
    asyncio.run(main(sys.argv[1], sys.argv[2]))
