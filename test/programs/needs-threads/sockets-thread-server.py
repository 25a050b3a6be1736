# A blocking socket server in a thread, a blocking client in the main thread.
import socket
import threading

ready = threading.Event()
port = None


def serve():
    global port
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        ready.set()
        for _ in range(2):
            conn, _ = server.accept()
            with conn, conn.makefile("rwb") as f:
                for line in f:
                    f.write(b"echo " + line)
                    f.flush()


thread = threading.Thread(target=serve)
thread.start()
ready.wait()
for n in range(2):
    with socket.create_connection(("127.0.0.1", port)) as sock, sock.makefile("rwb") as f:
        for word in (b"one", b"two"):
            f.write(word + b"\n")
            f.flush()
            print(n, f.readline())
thread.join()
print("server done:", not thread.is_alive())
