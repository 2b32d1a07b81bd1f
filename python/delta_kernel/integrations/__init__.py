"""Distributed reads of Delta tables on existing engines, planned by this kernel: the driver
plans the scan (filters and columns pushed into planning: partition pruning, data skipping)
and splits it into serialisable tasks (:meth:`delta_kernel.Scan.tasks`); each worker reads its
tasks with :func:`delta_kernel.read_task`, without the table's log.

- :mod:`delta_kernel.integrations.ray`: ``ray.data.read_datasource(DeltaDatasource(path))``
- :mod:`delta_kernel.integrations.dask`: ``read_delta(path)`` -> ``dask.dataframe``
- :mod:`delta_kernel.integrations.spark`: ``spark.read.format("delta_kernel")`` after
  ``register(spark)``

Each engine's package is optional (``scripts/setup-distrib.sh`` installs Ray and Dask; PySpark
4 comes with the interop peers); importing a module here does not import its engine until it is
used. See docs/distributed.md.
"""

from __future__ import annotations

from ._plan import plan_tasks

__all__ = ["plan_tasks"]
