"""Extraction: actors (people, organisations, places, groups, with aliases) and events, with their evidence."""
