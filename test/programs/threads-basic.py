import threading
import time


def worker(n):
    name = threading.current_thread().name
    time.sleep(0.1 * n)
    print(f"{name} done {n}")


print("active at start:", threading.active_count())
threads = [threading.Thread(target=worker, args=(n,)) for n in (2, 1, 3)]
for t in threads:
    t.start()
print("started:", [t.name for t in threads])
print("active:", threading.active_count(), "alive:", [t.is_alive() for t in threads])
threads[0].join(timeout=0.01)
print("after short join, alive:", threads[0].is_alive())
for t in threads:
    t.join()
print("joined, alive:", [t.is_alive() for t in threads])
print("main:", threading.current_thread() is threading.main_thread(), threading.current_thread().name)

idents = {}


def who():
    idents[threading.current_thread().name] = threading.get_ident() == threading.current_thread().ident


t = threading.Thread(target=who, name="Custom")
t.start()
t.join()
print("ident matches:", idents)

data = threading.local()
data.value = "main"


def set_local(v):
    data.value = v
    time.sleep(0.01)
    print("local in thread:", data.value)


ts = [threading.Thread(target=set_local, args=(f"t{i}",)) for i in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("local in main:", data.value)


def fail():
    raise ValueError("boom")


t = threading.Thread(target=fail)
t.start()
t.join()
print("after failing thread")


class Counter(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.count = 0

    def run(self):
        while True:
            self.count += 1
            time.sleep(0.01)


c = Counter()
c.start()
print(c.name, c.daemon)
time.sleep(0.2)
print("daemon counted:", c.count > 2)
print("enumerate:", sorted(t.name for t in threading.enumerate()))
print("end, active:", threading.active_count())
