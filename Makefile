# Two commands: `make lab` opens the course, `make test` runs the tests.
# Both set up .venv first; the stamp makes the second run start in seconds.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8888
# `make lab COURSE_LANG=ko` opens the Korean start page (not LANG/LANGUAGE: the shell's locale owns those).
COURSE_LANG ?= en
START = my-course/$(if $(filter-out en ko,$(COURSE_LANG)),$(error COURSE_LANG is en or ko, not '$(COURSE_LANG)'),$(if $(filter ko,$(COURSE_LANG)),ko/,))00-start-here.ipynb
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "aws-course-kit needs Python 3.11 or newer; found " + sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[test]'
	$(PY) -m labs.kernel install
	@# JupyterHub's proxy, for the multi-user class test (tests/test_jupyterhub_class.py).
	@command -v npm >/dev/null || { echo "npm is missing (JupyterHub's proxy comes from npm): sudo apt-get install -y nodejs npm"; exit 1; }
	npm install --prefix $(VENV)/node --no-audit --no-fund --loglevel=error configurable-http-proxy@5
	@touch $(STAMP)

# Learners work in my-course/ and my-labs/ (their copies); the server's log goes to logs/.
lab: setup
	@$(PY) -m autograder learner-copies
	@$(PY) -m course.fonts
	@$(PY) -m autograder.lab --port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/$(START)

# One worker more than cores: many tests spend seconds waiting on kernels, browsers, hubs and
# timeouts, and a spare worker fills that time. A test file stays on one worker (--dist loadfile).
WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))

# The browser tests need Debian's chromium: installed here if missing (root or sudo).
test: setup
	@sh tests/browser/ensure_chromium.sh
	$(PY) -m pytest -n $(WORKERS) --dist loadfile

bench: setup
	$(PY) -m tests.bench

clean:
	rm -rf $(VENV) classroom .pytest_cache .hypothesis .pytest-artifacts logs
