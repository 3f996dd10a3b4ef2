# The default target runs what CI runs.
.PHONY: test lint sample
test:
	bash .ci/run

lint:
	.venv/bin/ruff check peristiwa tools tests benchmarks
	.venv/bin/mypy peristiwa

sample:
	.venv/bin/peristiwa extract --sample
