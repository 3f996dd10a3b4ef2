"""Batch extraction on Dask: sharded JSONL or Parquet in, one output shard per input shard.

>>> from peristiwa.batch import run_batch
>>> report = run_batch(["archive/*.jsonl"], "out", workers=2)     # doctest: +SKIP
>>> report.done, report.skipped, report.errors                     # doctest: +SKIP

Output directory: ``<shard>.jsonl`` or ``<shard>.parquet`` (contract results; the Parquet
shards hold each result as JSON in ``result`` plus ``doc_id`` and ``n_events``), ``_done/``
(one marker per finished shard: a rerun skips those), ``errors.jsonl`` (one line per failed
document: ``doc_id``, ``shard``, ``input``, ``message``, ``ordinal``) and ``_manifest.json``.
"""

from peristiwa.batch.results import read_contract_results, read_result_file, read_results, result_files
from peristiwa.batch.runner import BatchReport, dask_client, default_workers, run_batch
from peristiwa.batch.shards import BatchError, ShardSpec, expand_inputs, plan_shards, read_shard
from peristiwa.batch.tasks import OUTPUT_FORMATS, ShardResult, peak_rss_mb, prepare, run_shard

__all__ = [
    "OUTPUT_FORMATS", "BatchError", "BatchReport", "ShardResult", "ShardSpec", "dask_client", "default_workers",
    "expand_inputs", "peak_rss_mb", "plan_shards", "prepare", "read_contract_results", "read_result_file", "read_results", "read_shard",
    "result_files", "run_batch", "run_shard",
]
