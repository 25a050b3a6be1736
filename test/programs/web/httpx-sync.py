import httpx

with httpx.Client() as client:
    response = client.get("http://httpbin.org/get", params={"q": "sync"})
    print(response.status_code, response.json()["args"])
    response = client.get("http://httpbin.org/status/418")
    print(response.status_code, response.reason_phrase)
