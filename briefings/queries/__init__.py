"""Lookups the commands make: actors by any name they go by and their profiles, timelines, source health."""
