import requests

response = requests.get("http://httpbin.org/get", params={"page": 2})
print(response.status_code, response.reason, response.json()["args"])
response = requests.post("http://httpbin.org/post", json={"ok": True})
print(response.json()["json"])
response = requests.get("http://httpbin.org/status/500")
print(response.status_code, response.ok)
