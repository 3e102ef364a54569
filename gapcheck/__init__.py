"""gapcheck: compare national cybercrime law with the Budapest Convention and write gap reports.

The pipeline runs one way: read XML -> model -> match -> apply overrides -> assess -> render.
`gapcheck.analysis.analyze` runs it end to end; each step is its own module.
"""

__version__ = "0.1.0"
