import threading

# Two threads that compute without waiting: CPython may switch between them every 5 ms, so only
# the totals are deterministic; in the browser each runs until it ends (a tip says so).
totals = {}


def count(name):
    total = 0
    for i in range(300_000):
        total += i % 7
    totals[name] = total


ts = [threading.Thread(target=count, args=(name,)) for name in "ab"]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(totals)
