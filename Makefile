# The default target runs what CI runs.
.PHONY: test lint sample fuzz
test:
	bash .ci/run

lint:
	.venv/bin/ruff check .
	.venv/bin/mypy peristiwa tools benchmarks tests

sample:
	.venv/bin/peristiwa extract --sample

# Fuzz the readers and extract() for 10 minutes (atheris, x86_64); crashes go to fuzz-crashes.jsonl.
fuzz:
	mkdir -p tmp/fuzz-corpus
	nice .venv/bin/python tools/fuzz_extract.py --keep-going=fuzz-crashes.jsonl tmp/fuzz-corpus tools/fuzz_seeds \
		-dict=tools/fuzz_extract.dict -max_total_time=600 -timeout=60 -max_len=16384 -print_final_stats=1
