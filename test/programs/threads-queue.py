import queue
import threading
import time

q = queue.Queue(maxsize=2)


puts = []


def producer():
    for i in range(5):
        q.put(i)
        puts.append(i)
    q.put(None)


def consumer():
    while (item := q.get()) is not None:
        time.sleep(0.01)
        print("got", item, "after puts", puts)
        q.task_done()
    q.task_done()


threading.Thread(target=consumer).start()
threading.Thread(target=producer).start()
q.join()
print("queue joined, empty:", q.empty())

for kind in (queue.LifoQueue, queue.PriorityQueue, queue.SimpleQueue):
    box = kind()
    for n in (3, 1, 2):
        box.put(n)
    print(kind.__name__, [box.get() for _ in range(3)])

try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("empty after timeout")
full = queue.Queue(maxsize=1)
full.put("x")
try:
    full.put("y", timeout=0.01)
except queue.Full:
    print("full after timeout")

results = queue.SimpleQueue()


def square(n):
    time.sleep(0.1 * (3 - n))
    results.put((n, n * n))


ts = [threading.Thread(target=square, args=(n,)) for n in range(3)]
for t in ts:
    t.start()
print("squares:", [results.get() for _ in range(3)])
