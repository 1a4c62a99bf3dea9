"""Analyses of the built graph that answer a researcher's question in one table: the inter-regional
flow matrix (flows.py), the hubs of the linkage network (hubs.py), and others beside them. Each
module takes a built graph or an import's store and returns plain rows; the CLI (graph/cli_analysis.py)
only prints them."""
