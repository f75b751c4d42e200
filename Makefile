# The two commands of the quick start. Each installs what it needs first.
.PHONY: site test golden bench bench-analytics install theme fuzz spdx

PREFIX ?= /usr/local

# Build the bundled sample course into site/ (release build of mika, as `make install` builds it).
site:
	scripts/bootstrap.sh build
	swift build -c release --product mika --static-swift-stdlib
	.build/release/mika build --content content --out site

# Run the whole test suite: Swift unit, golden-file and CLI tests, then the browser tests.
test:
	scripts/bootstrap.sh test
	swift build --product mika
	swift test
	python3 -m pytest -q Tests/Python

# Re-record the golden files after an intended change to the output (the run then fails on purpose).
golden:
	RECORD_SNAPSHOTS=1 swift test --filter "GoldenSiteTests|PackageTests.testManifestsMatchTheirGoldenFiles" || true
	@echo "Golden files re-recorded: review them with git diff, then run make test."

# Benchmark: N synthetic modules, mika vs Hugo (see scripts/bench.sh).
bench:
	scripts/bootstrap.sh bench
	swift build -c release --product mika --static-swift-stdlib
	scripts/bench.sh 1000 10000

# Benchmark: mika analytics on a generated access log of LINES lines (default 10M, about 3.8 GB in bench-work/)
# vs GoAccess, a Python regex counter and zcat (see scripts/bench-analytics.sh). Quick try: make bench-analytics LINES=200000
bench-analytics: site
	scripts/bootstrap.sh bench
	scripts/bench-analytics.sh $(or $(LINES),10000000)

# Install mika into $(PREFIX)/bin: a release build with the Swift runtime linked in, so it runs without Swift
# (it needs the system libraries libcmark-gfm, libxml2 and mimalloc). The default theme is built into the binary.
install:
	scripts/bootstrap.sh build
	swift build -c release --product mika --static-swift-stdlib
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 .build/release/mika "$(DESTDIR)$(PREFIX)/bin/mika"

# Embed themes/default into the binary again after changing it (a test fails while they differ).
theme:
	python3 scripts/embed-theme.py

# Fuzz each target for FUZZ_SECONDS (default 60) with libFuzzer and AddressSanitizer.
fuzz:
	scripts/fuzz.sh $(or $(FUZZ_SECONDS),60)

# Embed data/spdx/licenses.json (the SPDX License List) into the binary again after updating it.
spdx:
	python3 scripts/embed-spdx.py
