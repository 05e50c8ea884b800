"""Ingestion: read sources (seed text, JSON/JSONL, CSV, RSS/Atom feeds, web pages, directories) into the store.

sources ──sources.py──▶ leaves (files, URLs) ──readers.py──▶ raw articles (seedtext, jsonfile, feeds,
webpage; fetch.py for URLs) ──normalise.py──▶ clean Articles (+ extraction), in workers.py for large batches
──pipeline.py──▶ saved, one transaction per leaf, one ingest run per named source
"""
