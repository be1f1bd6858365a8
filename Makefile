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

# The Windows installer, compiled and exercised under Wine (make installer-test).
# Debian's Wine (ISCC.exe is a 32-bit program: wine32 from the i386 architecture), Xvfb for the
# silent setup (it fails without a display), and Inno Setup's compiler from the npm package
# `innosetup` 6.4.1, pinned with its hash in installers/windows/innosetup/package-lock.json and
# installed into build/ with `npm ci` (never globally).
WINE_DEBS := wine wine64 wine32:i386 xvfb xauth
INNOSETUP_PIN := installers/windows/innosetup
INNOSETUP_DIR := build/innosetup
INNOSETUP_STAMP := $(INNOSETUP_DIR)/.installed
ISCC := $(INNOSETUP_DIR)/node_modules/innosetup/bin/ISCC.exe
INSTALLER_WORK := build/installer-test

.PHONY: run test bench lint layering translations translations-check sysdeps-test sysdeps-run sysdeps-wine venv clean dist dist-test \
	installer-test

run: sysdeps-run $(STAMP)
	$(PY) -m lxp_desktop $(ARGS)

test: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: sysdeps-test $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py $(BENCH_ARGS)

# ruff over all our Python; mypy over the whole package (strict but for the modules listed in
# pyproject.toml, a list that only shrinks). The layering contract is a test:
# tests/unit/test_layering.py (run by `make test`, and alone by `make layering`).
lint: $(STAMP)
	$(PY) -m ruff check lxp_desktop tests benchmarks tools installers
	$(PY) -m mypy lxp_desktop
	$(PY) tools/mypy_ratchet.py

layering: $(STAMP)
	$(PY) -m pytest -q -p no:cacheprovider tests/unit/test_layering.py

# The English translation: resources/translations/lxp_en.ts and .qm from en.json and the code.
# (Not pyside6-lupdate: it does not see our tr() helpers and would mark live entries obsolete.)
translations: $(STAMP)
	$(PY) tools/translations.py

# Fails when a visible string has no English or the committed .ts/.qm are not what the code
# and en.json make (run `make translations` and commit).
translations-check: sysdeps-test $(STAMP)
	$(PY) tools/translations.py --check

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

# wine32 is an i386 package: the architecture is added first (once, as root), then the
# packages are installed as above.
sysdeps-wine:
	@if [ "$$(id -u)" = 0 ] && command -v dpkg >/dev/null \
	    && ! dpkg --print-foreign-architectures | grep -qx i386; then \
	  echo "Adding the i386 architecture (for wine32)"; dpkg --add-architecture i386; \
	fi
	$(call install_debs,$(WINE_DEBS))

$(INNOSETUP_STAMP): $(INNOSETUP_PIN)/package.json $(INNOSETUP_PIN)/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to fetch Inno Setup (npm package innosetup)"; exit 1; }
	mkdir -p $(INNOSETUP_DIR)
	cp $(INNOSETUP_PIN)/package.json $(INNOSETUP_PIN)/package-lock.json $(INNOSETUP_DIR)/
	cd $(INNOSETUP_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	test -f $(ISCC)
	touch $(INNOSETUP_STAMP)

# The Windows installer compiled from installers/windows/lxp-desktop.iss under Wine (any
# compiler warning fails), then installed, upgraded and uninstalled silently in a fresh Wine
# prefix under Xvfb: installers/windows/wine_test.py says what is checked. The Linux bundle
# stands in for the Windows one; nothing of it is run. Measured: 11 min with the 2 cores shared
# (load 10), 8 of them the one lzma2/max compile; a fresh machine adds ~70 s (Wine from apt).
# Time limits: each Wine step in the script, the whole under `timeout`; Wine's processes are
# ended at the end whatever happened.
installer-test: sysdeps-wine $(INNOSETUP_STAMP) $(STAMP)
	test -x $(BUNDLE)/lxp-desktop || $(MAKE) dist
	@status=0; \
	timeout --kill-after=60 2700 xvfb-run -a -s "-screen 0 1280x1024x24" \
	  $(PY) installers/windows/wine_test.py --iscc $(ISCC) --bundle $(BUNDLE) \
	  --work $(INSTALLER_WORK) || status=$$?; \
	WINEPREFIX="$(CURDIR)/$(INSTALLER_WORK)/prefix" wineserver -k >/dev/null 2>&1 || true; \
	exit $$status

clean:
	rm -rf $(VENV) build dist *.egg-info
