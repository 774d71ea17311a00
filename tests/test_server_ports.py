"""The sandbox server's port: a port taken between choosing and binding never swallows requests.

Once, in a full test run, a kernel's sandbox server was handed the port Jupyter had promised
to the kernel's own shell socket. The server could not bind it and exited; the kernel's first
AWS call then went to its own ZeroMQ socket and hung. These tests replay that.
"""

import json
import subprocess
import sys
import urllib.request

from labs.kernel import _connection_ports

TAKEN_FIRST = r'''
import json, socket, urllib.request
from labs import server

squatter = socket.socket()
squatter.bind(("127.0.0.1", 0))
squatter.listen()  # accepts connections, never answers: like a kernel's ZeroMQ socket
port = squatter.getsockname()[1]
real, calls = server._free_port, []

def first_pick_is_taken(avoid=frozenset()):
    calls.append(avoid)
    return port if len(calls) == 1 else real(avoid)

server._free_port = first_pick_is_taken
launched = server.launch(avoid=frozenset({1}))  # a port the kernel was promised
serving = server.confirmed(launched)
print(json.dumps({"launched": launched, "serving": serving, "port": port,
                  "avoided": [sorted(a) for a in calls]}))
with urllib.request.urlopen(urllib.request.Request(serving + "/moto-api/reset", method="POST"), timeout=60) as r:
    print(json.dumps({"status": r.status}))
'''


def test_a_port_taken_before_the_server_binds_it_gets_a_new_server():
    run = subprocess.run([sys.executable, "-c", TAKEN_FIRST], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    first, answer = (json.loads(line) for line in run.stdout.splitlines())
    assert first["launched"].endswith(f":{first['port']}"), "the first server was given the taken port"
    assert first["serving"] != first["launched"], "a new server on another port serves the sandbox"
    assert first["avoided"] == [[1], [1]], "the second pick still avoids the kernel's ports"
    assert answer["status"] == 200


def test_the_kernel_keeps_its_server_off_the_ports_jupyter_promised_it(tmp_path):
    conn = tmp_path / "kernel.json"
    conn.write_text(json.dumps({"shell_port": 55079, "iopub_port": 54747, "stdin_port": 40643,
                                "control_port": 43695, "hb_port": 55701, "ip": "127.0.0.1", "key": "k"}))
    assert _connection_ports(["-f", str(conn)]) == {55079, 54747, 40643, 43695, 55701}
    assert _connection_ports(["-f", str(tmp_path / "missing.json")]) == frozenset()
    assert _connection_ports([]) == frozenset()


def test_the_server_finds_each_service_as_moto_does():
    # labs.server lists moto's service folders once instead of on every request.
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    from labs.server import _dispatcher

    ours, stock = _dispatcher(), DomainDispatcherApplication(create_backend_app)
    for host in ("s3", "ec2", "iam", "moto_api", "s3.ap-northeast-2.amazonaws.com",
                 "ec2.us-east-1.amazonaws.com", "bucket.s3.amazonaws.com", "127.0.0.1:5000", None):
        assert ours.get_backend_for_host(host) == stock.get_backend_for_host(host), host
