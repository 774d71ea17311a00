# A student's nbgrader: the assignment list fetches from and submits to the shared exchange.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import configure  # noqa: E402

c = get_config()  # noqa: F821
configure(c)
