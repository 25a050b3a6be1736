import _thread
import itertools
import threading
import time


def spin(msg, done):
    frames = []
    for char in itertools.cycle(r"\|/-"):
        frames.append(f"{char} {msg}")
        if done.wait(0.1):
            break
    print("spinner frames:", frames)


def slow():
    time.sleep(0.35)  # blocks the main thread only: the spinner goes on
    return 42


done = threading.Event()
spinner = threading.Thread(target=spin, args=("thinking!", done))
print(f"spinner object: {spinner}")
spinner.start()
result = slow()
done.set()
spinner.join()
print(f"Answer: {result}")

# The legacy API: a thread without a handle, an uncaught error reported as CPython does.
finished = threading.Event()


def legacy(a, b):
    print("legacy thread got", a + b, "in", threading.current_thread().name.startswith("Dummy"))
    finished.set()


_thread.start_new_thread(legacy, (1, 2))
finished.wait()
print("Hello from the main thread, after the thread")
