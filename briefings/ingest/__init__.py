"""Ingestion: read sources (seed text, JSON/JSONL, RSS/Atom feeds, web pages, directories) into the store."""
