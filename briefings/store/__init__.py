"""The only place with SQL: connections, migrations, and one module of queries per table group.

``open_store(path)`` gives a :class:`Store` (one connection, for the calling thread); ``ThreadStores`` keeps one per
thread. See ``briefings.store.database`` for the table groups.
"""

from briefings.store.database import DEFAULT_PATH, Store, ThreadStores, open_store
from briefings.store.quoting import fts_query

__all__ = ["DEFAULT_PATH", "Store", "ThreadStores", "fts_query", "open_store"]
