import concurrent.futures
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed, wait


DELAYS = [0.8, 0.6, 0.2, 0.4]


def slow_square(n):
    time.sleep(DELAYS[n])
    return n * n, threading.current_thread().name


with ThreadPoolExecutor(max_workers=4) as pool:
    futures = {pool.submit(slow_square, n): n for n in range(4)}
    done_order = [futures[f] for f in as_completed(futures)]
    print("as_completed order:", done_order)
    print("results:", sorted(f.result()[0] for f in futures))
    print("map:", list(pool.map(lambda n: n + 1, range(5))))

with ThreadPoolExecutor(max_workers=2) as pool:
    names = sorted({name for _, name in pool.map(slow_square, range(4))})
    print("worker names:", names)
    fast = pool.submit(time.sleep, 0.01)
    slow = pool.submit(time.sleep, 0.2)
    done, not_done = wait([fast, slow], return_when=concurrent.futures.FIRST_COMPLETED)
    print("first completed:", fast in done, slow in not_done)
    try:
        slow.result(timeout=0.01)
    except TimeoutError:
        print("result timed out")
    print("slow result:", slow.result())


def broken():
    raise KeyError("missing")


pool = ThreadPoolExecutor(thread_name_prefix="Helper")
future = pool.submit(broken)
print("exception:", repr(future.exception()))
print("prefix:", pool.submit(lambda: threading.current_thread().name).result())
pool.shutdown(wait=True)
try:
    pool.submit(print, "late")
except RuntimeError as exc:
    print("after shutdown:", exc)
print("threads left:", threading.active_count())
