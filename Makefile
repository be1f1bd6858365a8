# The two commands: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export LANG := C.UTF-8
export LC_ALL := C.UTF-8

# Debian packages Qt needs offscreen (tests) and PostgreSQL for the sync tests.
# fonts-hanazono: the fallback font (HanaMinB) for CJK Extension B name characters on notices
TEST_DEBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 postgresql-15 fonts-hanazono
# A real window on a desktop (make run).
RUN_DEBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 \
	libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0

DIST_STAMP := $(VENV)/.installed-dist
BUNDLE := dist/lxp-desktop

.PHONY: run test bench lint translations sysdeps-test sysdeps-run venv clean dist dist-test

run: sysdeps-run $(STAMP)
	$(PY) -m lxp_desktop $(ARGS)

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py $(BENCH_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check lxp_desktop tests benchmarks
	$(PY) -m mypy lxp_desktop/domain lxp_desktop/store

translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate $$(find lxp_desktop -name '*.py' | sort) -ts resources/translations/lxp_en.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/lxp_en.ts -qm resources/translations/lxp_en.qm

# The one-folder application (PyInstaller) for the machine this runs on: dist/lxp-desktop/.
# sysdeps-run: the X11 libraries Qt links to are then found and bundled too.
dist: sysdeps-run $(DIST_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller installers/pyinstaller/lxp-desktop.spec
	@du -sh $(BUNDLE)

# Build, then run the bundle's self-test headless with an empty environment (no venv, no
# PYTHONPATH): what an office PC without Python would run.
dist-test: dist
	env -i HOME="$$HOME" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
	  $(BUNDLE)/lxp-desktop self-test

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

$(DIST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,dev,dist]'
	touch $(DIST_STAMP)

# Install only what is missing, only as root (a developer laptop without root is left alone).
define install_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  else echo "Missing system packages (install them as root):$$missing"; fi; \
	fi
endef

sysdeps-test:
	$(call install_debs,$(TEST_DEBS))

sysdeps-run:
	$(call install_debs,$(RUN_DEBS))

clean:
	rm -rf $(VENV) build dist *.egg-info
