"""Survey analytics in DuckDB, split by concern:

- `scores`: each respondent's indicator scores (reverse-coding, the half-answered rule);
- `stats`: intervals, tests and Benjamini-Hochberg on whole columns;
- `disclosure`: primary and complementary suppression of small groups;
- `groups`: the indicator table by any grouping, with all of the above applied;
- `changes`: change between two years per group, with tests and q-values.
"""

from .changes import CHANGE_COLUMNS, indicator_changes
from .groups import GROUP_COLUMNS, indicator_table

__all__ = ["CHANGE_COLUMNS", "GROUP_COLUMNS", "indicator_changes", "indicator_table"]
