"""The database schema, as sqlite-utils migrations: one function per change, never edited once released."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("briefbot")


@migrations()
def m001_articles(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            url TEXT,
            guid TEXT,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            source TEXT,
            published_at TEXT NOT NULL,
            fetched_at TEXT NOT NULL,
            updated_at TEXT,
            content_hash TEXT NOT NULL,
            language TEXT,
            flags TEXT NOT NULL DEFAULT '',
            duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL,
            origin TEXT
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL")
    db.execute("CREATE INDEX articles_guid ON articles(guid, source) WHERE guid IS NOT NULL")
    db.execute("CREATE INDEX articles_content_hash ON articles(content_hash)")
    db.execute("CREATE INDEX articles_published ON articles(published_at)")
    db.execute("CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL")


@migrations()
def m002_articles_fts(db: Database) -> None:
    # Written out rather than enable_fts(): executescript() would commit the migration's transaction.
    db.execute(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
          INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
        END
        """
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


@migrations()
def m003_near_duplicates(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE article_minhash (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL,
            shingles INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE article_lsh (
            key INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (key, article_id)
        ) WITHOUT ROWID
        """
    )


@migrations()
def m004_ingest_runs(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE ingest_runs (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            kind TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            near_duplicates INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            error TEXT
        )
        """
    )
    db.execute("CREATE INDEX ingest_runs_source ON ingest_runs(source, id)")


@migrations()
def m005_feed_state(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE feed_state (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            checked_at TEXT NOT NULL
        )
        """
    )
