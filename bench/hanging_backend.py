#!/usr/bin/env python3
"""A backend that hangs: it accepts every connection and reads whatever comes, but never answers.

Usage: hanging_backend.py PORT   (listens on 127.0.0.1 until stopped)
The proxy in front of it waits for its activity timeout, then answers 504; its connection is then closed, which
ends the reader here.
"""
import asyncio
import sys


async def hold(reader, writer):
    try:
        while await reader.read(65536):
            pass
    except ConnectionError:
        pass
    finally:
        writer.close()


async def main(port):
    server = await asyncio.start_server(hold, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
