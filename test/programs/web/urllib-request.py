import json
import urllib.error
import urllib.request

with urllib.request.urlopen("http://httpbin.org/get?lang=python") as response:
    print(response.status, response.reason)
    print(json.load(response)["args"])

request = urllib.request.Request(
    "http://httpbin.org/post", data=b'{"x": 1}', headers={"Content-Type": "application/json"}
)
with urllib.request.urlopen(request) as response:
    print(json.load(response)["json"])

try:
    urllib.request.urlopen("http://httpbin.org/status/418")
except urllib.error.HTTPError as error:
    print(error.code, error.reason)
