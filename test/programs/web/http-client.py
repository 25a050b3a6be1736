import http.client
import json

connection = http.client.HTTPConnection("httpbin.org")
connection.request("GET", "/get?kept=alive")
response = connection.getresponse()
print(response.status, response.reason, response.getheader("Content-Type"))
print(json.loads(response.read())["args"])
# The same connection again (keep-alive).
connection.request("POST", "/post", body="hello", headers={"Content-Type": "text/plain"})
response = connection.getresponse()
print(json.loads(response.read())["data"])
connection.request("HEAD", "/bytes/64")
response = connection.getresponse()
print(response.status, response.getheader("Content-Length"), response.read())
connection.close()
