"""Starts bench/fake/fake_platform.js on a core of its own choosing and reads its counters."""
import json, os, subprocess, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


class FakePlatform:
    def __init__(self, port, routes, core):
        self.port = port
        self._routes = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(routes, self._routes)
        self._routes.close()
        env = dict(os.environ, FAKE_PORT=str(port), FAKE_ROUTES=self._routes.name)
        self._proc = subprocess.Popen(["taskset", "-c", str(core), "node", os.path.join(HERE, "fake_platform.js")],
                                      env=env, stdout=subprocess.PIPE, text=True)
        if self._proc.stdout.readline().strip() != "listening":
            raise SystemExit("the fake platform did not start")

    def _call(self, path, method="GET"):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read())

    def count(self, name):
        return self._call("/__counts").get(name, 0)

    def wait_for(self, name, expected, settle=5.0, limit=900.0):
        """Counts calls still arriving after the load stops, until all expected arrived or the count stops
        moving for `settle` seconds. Returns the count and the seconds waited."""
        start, last, seen = time.time(), -1, time.time()
        if expected == 0:
            return self.count(name), 0.0
        while time.time() - start < limit:
            count = self.count(name)
            if count >= expected:
                return count, time.time() - start
            if count != last:
                last, seen = count, time.time()
            elif time.time() - seen >= settle:
                break
            time.sleep(0.2)
        return last, time.time() - start

    def reset(self):
        self._call("/__reset", "POST")

    def stop(self):
        self._proc.terminate()
        self._proc.wait(10)
        os.unlink(self._routes.name)
