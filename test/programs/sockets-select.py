# select.select and selectors over sockets a program drives itself, without asyncio.
import select
import selectors
import socket

server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
client = socket.create_connection(("127.0.0.1", port))
conn, _ = server.accept()

print(select.select([conn], [], [], 0))
client.sendall(b"line one\nline two\n")
readable, writable, _ = select.select([conn, server], [client], [], 1)
print(readable == [conn], writable == [client])

with conn.makefile("rb") as f:
    print(f.readline())
    print(f.readline())

sel = selectors.DefaultSelector()
sel.register(conn, selectors.EVENT_READ, data="conn")
sel.register(server, selectors.EVENT_READ, data="server")
print(sel.select(timeout=0))
other = socket.create_connection(("127.0.0.1", port))
client.send(b"x")
events = sorted(key.data for key, mask in sel.select(timeout=1))
print(events)
new, _ = server.accept()
print(conn.recv(1))
sel.close()
for s in (client, conn, server, other, new):
    s.close()
print("done")
