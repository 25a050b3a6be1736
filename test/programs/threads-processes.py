import concurrent.futures
import multiprocessing
import os


def cube(n):
    return n**3


def greet(name, results):
    results.put(f"hello {name}")


if __name__ == "__main__":
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        print("process pool:", list(pool.map(cube, range(5))))
        print("submit:", pool.submit(cube, 7).result())

    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=greet, args=(name, results)) for name in ("ada", "bob")]
    for p in workers:
        p.start()
    for p in workers:
        p.join()
    print("processes:", sorted(results.get() for _ in workers), [p.exitcode for p in workers])

    with multiprocessing.Pool(2) as pool:
        print("pool map:", pool.map(cube, [1, 2, 3]))
        print("apply_async:", pool.apply_async(cube, (4,)).get(timeout=5))
