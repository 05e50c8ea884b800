"""Briefbot's edges: the CLI, and later the chat adapters, command table, config and scheduler."""
