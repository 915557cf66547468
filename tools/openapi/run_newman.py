"""tools/openapi/run_newman.py COLLECTION - runs a Postman collection with
newman against a real orderd, started as the end-to-end tests start one
(tests/e2e/harness.py: a fresh database on the private PostgreSQL, migrated,
`orderd serve` on a free port, the private Redis), then stops it and drops
the database. Called by scripts/openapi-check.sh; needs the private services
(scripts/services.sh start) and $ORDERD (default build/orderd). Exits with
newman's status.
"""

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "e2e"))

import harness  # noqa: E402


def main(argv):
    if len(argv) != 1:
        print("usage: run_newman.py COLLECTION", file=sys.stderr)
        return 2
    stack = harness.Stack("newman")
    stack.setup()
    try:
        base_url = "http://127.0.0.1:%d" % stack.server.port
        newman = os.path.join(HERE, "node_modules", ".bin", "newman")
        return subprocess.call([newman, "run", argv[0], "--env-var", "baseUrl=" + base_url,
                                "--bail", "--color", "off", "--disable-unicode"])
    finally:
        stack.teardown()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
