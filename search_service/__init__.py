"""The SEND Handbook search service: reads the index that build_index.py writes and serves the site."""
