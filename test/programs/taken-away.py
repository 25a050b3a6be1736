# A program cannot reach the origin's storage, service workers, scripts or nested workers (worker-sandbox.ts).
# Checked through JavaScript itself: Python's attribute access is one way in, code run by JS another.
import js

names = ["caches", "indexedDB", "importScripts", "Worker", "SharedWorker", "BroadcastChannel", "postMessage", "close"]
print([n for n in names if js.eval(f"typeof self.{n}") != "undefined"])
print([n for n in ["serviceWorker", "storage", "locks"] if js.eval(f"typeof navigator.{n}") != "undefined"])
print(js.eval("typeof fetch"), js.eval("typeof setTimeout"))
