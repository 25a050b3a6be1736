import threading
import time

# Lock: increments that sleep inside the lock still add up.
lock = threading.Lock()
total = 0


def add(n):
    global total
    for _ in range(n):
        with lock:
            value = total
            time.sleep(0.001)
            total = value + 1


ts = [threading.Thread(target=add, args=(5,)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("total:", total)
print(type(lock), repr(lock).startswith("<unlocked _thread.lock object at 0x"), lock.locked())
print("non-blocking:", lock.acquire(False), lock.acquire(False), lock.acquire(timeout=0.01))
lock.release()

# RLock: reentrant for its owner, exclusive for the others.
rlock = threading.RLock()
order = []


def nested(tag):
    with rlock:
        with rlock:
            order.append(f"{tag} in")
            time.sleep(0.01)
            order.append(f"{tag} out")


ts = [threading.Thread(target=nested, args=(tag,)) for tag in "ab"]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("rlock:", order)

# Condition: a consumer waits until the producer notifies.
cond = threading.Condition()
items = []


def consumer():
    with cond:
        while not items:
            cond.wait()
        print("consumer got", items.pop())


c = threading.Thread(target=consumer)
c.start()
time.sleep(0.02)
with cond:
    items.append("apple")
    cond.notify()
c.join()
with cond:
    print("wait_for timeout:", cond.wait_for(lambda: items, timeout=0.02))

# Semaphore: at most two at a time.
sem = threading.Semaphore(2)
running = 0
peak = 0


def limited(i):
    global running, peak
    with sem:
        running += 1
        peak = max(peak, running)
        time.sleep(0.02)
        running -= 1


ts = [threading.Thread(target=limited, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("semaphore peak:", peak)
bounded = threading.BoundedSemaphore(1)
bounded.acquire()
bounded.release()
try:
    bounded.release()
except ValueError as exc:
    print("bounded:", exc)

# Event: threads wait until it is set.
event = threading.Event()


seen = []


def waiter(i):
    event.wait()
    seen.append(i)


ts = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
time.sleep(0.02)
print("setting the event")
event.set()
for t in ts:
    t.join()
print("waiters that saw it:", sorted(seen))
print("wait with timeout:", threading.Event().wait(0.01))

# Barrier: all meet, then go on.
barrier = threading.Barrier(3, action=lambda: print("all three arrived"))


def meet(i):
    time.sleep(0.01 * i)
    index = barrier.wait()
    return index


ts = [threading.Thread(target=meet, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier broken:", barrier.broken)

# Timer: runs once after its interval, unless cancelled.
fired = []
timer = threading.Timer(0.02, lambda: fired.append("fired"))
timer.start()
cancelled = threading.Timer(0.02, lambda: fired.append("cancelled one"))
cancelled.start()
cancelled.cancel()
timer.join()
cancelled.join()
print("timers:", fired)
