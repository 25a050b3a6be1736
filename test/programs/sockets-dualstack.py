# A dual-stack IPv6 server reached over IPv4 and IPv6, socket.sendfile, errno names with Linux's numbers.
import errno
import io
import socket

print(socket.has_ipv6, errno.errorcode[111], errno.errorcode[11])
srv = socket.create_server(("", 0), family=socket.AF_INET6, dualstack_ipv6=True)
port = srv.getsockname()[1]
c4 = socket.create_connection(("127.0.0.1", port))
conn, addr = srv.accept()
print(addr[0], len(addr))
print(c4.sendfile(io.BytesIO(b"abc" * 1000)))
data = b""
while len(data) < 3000: data += conn.recv(4096)
print(len(data))
c6 = socket.create_connection(("::1", port))
conn6, addr6 = srv.accept()
print(addr6[0], c6.getpeername()[:2] == ("::1", port))
for s in (srv, c4, conn, c6, conn6): s.close()
