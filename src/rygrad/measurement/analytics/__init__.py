"""Survey analytics in DuckDB, split by concern:

- `scores`: each respondent's indicator scores (reverse-coding, the half-answered rule);
- `stats`: intervals, tests and Benjamini-Hochberg on whole columns;
- `cube`: a year's additive totals for every grouping, from one scan;
- `protection`: primary suppression and the hypercube method over the linked tables;
- `groups`: the indicator table of one grouping, sliced from the protected cube;
- `changes`: change between two years per group, with tests and q-values.
"""

from .changes import CHANGE_COLUMNS, YearsOutOfOrder, indicator_changes
from .cube import cube_build
from .groups import GROUP_COLUMNS, PooledYears, indicator_table
from .protection import ProtectionError, protect

__all__ = ["CHANGE_COLUMNS", "GROUP_COLUMNS", "PooledYears", "ProtectionError",
           "YearsOutOfOrder", "cube_build", "indicator_changes", "indicator_table", "protect"]
