"""The database schema, as sqlite-utils migrations: one function per change, never edited once released."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from briefings.text.initials import middle_initial_positions

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


@migrations()
def m006_actors_and_events(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE actors (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            role TEXT,
            country TEXT
        )
        """
    )
    db.execute("CREATE INDEX actors_key ON actors(key, kind)")
    db.execute(
        """
        CREATE TABLE aliases (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            confidence REAL NOT NULL,
            conflict TEXT
        )
        """
    )
    db.execute("CREATE INDEX aliases_key ON aliases(key)")
    db.execute("CREATE INDEX aliases_actor ON aliases(actor_id)")
    db.execute("CREATE INDEX aliases_article ON aliases(article_id) WHERE article_id IS NOT NULL")
    db.execute(
        """
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            sentence INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            via TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX mentions_actor ON mentions(actor_id, article_id)")
    db.execute("CREATE INDEX mentions_article ON mentions(article_id)")
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            subtype TEXT,
            trigger TEXT NOT NULL,
            source_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
            target_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
            location_actor_id INTEGER REFERENCES actors(id) ON DELETE SET NULL,
            date TEXT NOT NULL,
            date_precision TEXT NOT NULL,
            date_source TEXT NOT NULL,
            background INTEGER NOT NULL DEFAULT 0,
            numbers TEXT NOT NULL DEFAULT '[]',
            sentence TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX events_date ON events(date)")
    db.execute("CREATE INDEX events_article ON events(article_id)")
    db.execute("CREATE INDEX events_source ON events(source_actor_id) WHERE source_actor_id IS NOT NULL")
    db.execute("CREATE INDEX events_target ON events(target_actor_id) WHERE target_actor_id IS NOT NULL")
    db.execute("CREATE INDEX events_location ON events(location_actor_id) WHERE location_actor_id IS NOT NULL")
    db.execute(
        """
        CREATE TABLE extractions (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            model TEXT NOT NULL,
            extracted_at TEXT NOT NULL
        )
        """
    )


@migrations()
def m007_stories_and_briefings(db: Database) -> None:
    # A story's id is the id of the article that founded it, so a dry run can name a story it does not store.
    db.execute(
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            headline TEXT NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE story_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            published_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX story_articles_story ON story_articles(story_id)")
    db.execute("CREATE INDEX story_articles_published ON story_articles(published_at)")
    db.execute(
        """
        CREATE TABLE briefings (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            created_at TEXT NOT NULL,
            since TEXT NOT NULL,
            until TEXT NOT NULL,
            items INTEGER NOT NULL,
            payload TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX briefings_channel ON briefings(channel, until)")
    db.execute(
        """
        CREATE TABLE channel_stories (
            channel TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
            sent_at TEXT NOT NULL,
            articles TEXT NOT NULL,
            sentences TEXT NOT NULL,
            PRIMARY KEY (channel, story_id)
        )
        """
    )


@migrations()
def m008_actor_stats_and_event_order(db: Database) -> None:
    # Per-actor counts kept by triggers, so a profile of an actor with a million mentions is one row read.
    # first_seen/last_seen only widen: after deletions they still say when the actor was first and last seen.
    db.execute(
        """
        CREATE TABLE actor_stats (
            actor_id INTEGER PRIMARY KEY REFERENCES actors(id) ON DELETE CASCADE,
            mentions INTEGER NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_seen TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TRIGGER mentions_stats_ai AFTER INSERT ON mentions BEGIN
          INSERT INTO actor_stats (actor_id) VALUES (new.actor_id) ON CONFLICT(actor_id) DO NOTHING;
          UPDATE actor_stats SET
            mentions = mentions + 1,
            articles = articles + NOT EXISTS (
              SELECT 1 FROM mentions WHERE actor_id = new.actor_id AND article_id = new.article_id AND id != new.id),
            first_seen = min(coalesce(first_seen, '9999'),
                             (SELECT published_at FROM articles WHERE id = new.article_id)),
            last_seen = max(coalesce(last_seen, ''), (SELECT published_at FROM articles WHERE id = new.article_id))
          WHERE actor_id = new.actor_id;
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER mentions_stats_ad AFTER DELETE ON mentions BEGIN
          UPDATE actor_stats SET
            mentions = mentions - 1,
            articles = articles - NOT EXISTS (
              SELECT 1 FROM mentions WHERE actor_id = old.actor_id AND article_id = old.article_id)
          WHERE actor_id = old.actor_id;
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER mentions_stats_au AFTER UPDATE OF actor_id, article_id ON mentions BEGIN
          UPDATE actor_stats SET
            mentions = mentions - 1,
            articles = articles - NOT EXISTS (
              SELECT 1 FROM mentions WHERE actor_id = old.actor_id AND article_id = old.article_id)
          WHERE actor_id = old.actor_id;
          INSERT INTO actor_stats (actor_id) VALUES (new.actor_id) ON CONFLICT(actor_id) DO NOTHING;
          UPDATE actor_stats SET
            mentions = mentions + 1,
            articles = articles + NOT EXISTS (
              SELECT 1 FROM mentions WHERE actor_id = new.actor_id AND article_id = new.article_id AND id != new.id),
            first_seen = min(coalesce(first_seen, '9999'),
                             (SELECT published_at FROM articles WHERE id = new.article_id)),
            last_seen = max(coalesce(last_seen, ''), (SELECT published_at FROM articles WHERE id = new.article_id))
          WHERE actor_id = new.actor_id;
        END
        """
    )
    db.execute(
        """
        INSERT INTO actor_stats (actor_id, mentions, articles, first_seen, last_seen)
        SELECT m.actor_id, count(*), count(DISTINCT m.article_id), min(a.published_at), max(a.published_at)
        FROM mentions m JOIN articles a ON a.id = m.article_id GROUP BY m.actor_id
        """
    )
    # The newest events of an actor, in any role, without sorting all of them.
    for column in ("source_actor_id", "target_actor_id", "location_actor_id"):
        db.execute(f"CREATE INDEX events_{column}_date ON events({column}, date) WHERE {column} IS NOT NULL")
    db.execute("CREATE INDEX events_type_date ON events(type, date)")


@migrations()
def m009_search_rank(db: Database) -> None:
    # Titles weigh four times the body in the index's own rank, so "ORDER BY rank" (the fast plan) ranks well.
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")


@migrations()
def m010_briefing_slots(db: Database) -> None:
    # The truth of scheduled posting: one row per channel and channel-local scheduled time. A slot is claimed
    # (INSERT succeeds for one process only), built, sent and confirmed; "sending" left by a crash is never resent
    # blindly.
    db.execute(
        """
        CREATE TABLE briefing_slots (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            slot_key TEXT NOT NULL,
            scheduled_at TEXT NOT NULL,
            status TEXT NOT NULL,
            owner TEXT,
            claimed_at TEXT,
            sent_at TEXT,
            message_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            reported INTEGER NOT NULL DEFAULT 0,
            UNIQUE (channel, slot_key)
        )
        """
    )
    db.execute("CREATE INDEX briefing_slots_status ON briefing_slots(channel, status)")


@migrations()
def m011_meta(db: Database) -> None:
    # Facts about the store as a whole, e.g. which extraction profile built its actor keys. Before profiles,
    # extraction always used the Ukraine/Russia given names and places that are now the "ukraine-russia" profile:
    # a store extracted then keeps that profile, so lookups compute keys the way its actors were keyed.
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        "INSERT INTO meta (key, value) SELECT 'extract_profile', 'ukraine-russia'"
        " WHERE EXISTS (SELECT 1 FROM extractions)"
    )


@migrations()
def m012_articles_fts_declared_for_tools(db: Database) -> None:
    # Datasette's ?_search= and `sqlite-utils search` find a table's full-text index by the declaration sqlite-utils
    # writes, content="articles" (or [articles]); m002 wrote content='articles', which neither recognises. The index
    # is declared again as sqlite-utils would (same columns, tokenizer and rank; the rowid is the article id) and
    # rebuilt from the articles, which stay as they are.
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE articles_fts")
    db.execute(
        """
        CREATE VIRTUAL TABLE "articles_fts" USING FTS5 (
            "title", "body",
            tokenize='unicode61 remove_diacritics 2',
            content="articles"
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
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


@migrations()
def m013_stories_kept_as_articles_arrive(db: Database) -> None:
    # Stories are assigned as articles are stored (briefings.stories.online). A story keeps its centroid (the
    # summed TF-IDF vector of its members' headlines and leads, and of the actors they name) and is found again
    # through its strongest keys; story_terms holds the document frequency of each term over the assigned
    # articles. Stories recorded before this (built by briefings) have no centroid: new articles start new stories.
    db.execute("ALTER TABLE stories ADD COLUMN size INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE stories ADD COLUMN centroid TEXT")
    db.execute("UPDATE stories SET size = (SELECT count(*) FROM story_articles s WHERE s.story_id = stories.id)")
    db.execute(
        """
        CREATE TABLE story_keys (
            key TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            PRIMARY KEY (key, last_seen, story_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX story_keys_story ON story_keys(story_id)")
    db.execute("CREATE TABLE story_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("CREATE INDEX stories_last_seen ON stories(last_seen)")


@migrations()
def m014_actor_reversed_keys(db: Database) -> None:
    # "People whose key ends with this surname" ran `key LIKE '%surname'`, a scan of the whole actors table for
    # every person an article names. The key reversed turns the suffix into a prefix: an index range.
    db.execute("ALTER TABLE actors ADD COLUMN rkey TEXT")
    rows = db.execute("SELECT id, key FROM actors WHERE kind = 'person'").fetchall()
    db.conn.executemany("UPDATE actors SET rkey = ? WHERE id = ?", [(key[::-1], i) for i, key in rows])
    db.execute("CREATE INDEX actors_person_rkey ON actors(rkey) WHERE kind = 'person'")


@migrations()
def m015_alias_reversed_keys(db: Database) -> None:
    # A one-word lookup ("Umerov") finds people and multi-word aliases by their last word. That was an in-memory
    # index of every person and alias, rebuilt after each ingest that added one (264 ms cold at 1M articles);
    # reversed keys make both an index range: people's since m014, aliases' here (multi-word keys only).
    db.execute("ALTER TABLE aliases ADD COLUMN rkey TEXT")
    rows = db.execute("SELECT id, key FROM aliases WHERE key LIKE '% %'").fetchall()
    db.conn.executemany("UPDATE aliases SET rkey = ? WHERE id = ?", [(key[::-1], i) for i, key in rows])
    db.execute("CREATE INDEX aliases_rkey ON aliases(rkey) WHERE rkey IS NOT NULL")


@migrations()
def m016_alias_keys_by_actor(db: Database) -> None:
    # An alias row is kept per article that uses it, so a much-used key ("us", "ukraine") holds a row for every
    # article naming the actor that way, growing with the store. "Which actors have this alias key" walked them
    # all (80-150 ms at 370k articles, on every such name extraction meets); with the actor in the index, the
    # distinct actors of a key are found by skipping from one actor to the next (store/actors.py).
    db.execute("CREATE INDEX aliases_key_actor ON aliases(key, actor_id, kind, article_id)")
    db.execute("DROP INDEX aliases_key")


@migrations()
def m017_actor_names_folded(db: Database) -> None:
    # Autocomplete ("names starting with what was typed") ran `name LIKE 'x%'`: a scan of every actor per
    # keystroke (240 ms for one letter at 150k actors). SQLite's LIKE folds ASCII case only, as lower() does, so an
    # index on lower(name) answers the same prefixes as a range.
    db.execute("CREATE INDEX actors_name_folded ON actors(lower(name))")


@migrations()
def m018_lone_surnames_are_surname_aliases(db: Database) -> None:
    # A lone surname joined to the one full name ending in it ("John" to Elton John) was kept as a firm alias
    # (a spelling), so every later "John", "Sir John" included, was that person without the surname rules weighing
    # it. Such aliases become surname aliases, as extraction now records them.
    rows = db.execute(
        "SELECT s.id, s.key, a.key FROM aliases s JOIN actors a ON a.id = s.actor_id"
        " WHERE a.kind = 'person' AND a.key LIKE '% %' AND s.kind IN ('name', 'transliteration')"
        " AND s.key NOT LIKE '% %'"
    ).fetchall()
    surnames = [(alias_id,) for alias_id, key, actor_key in rows if key == actor_key.rsplit(" ", 1)[-1]]
    db.conn.executemany("UPDATE aliases SET kind = 'surname' WHERE id = ?", surnames)


@migrations()
def m019_mentions_read_as(db: Database) -> None:
    # The model reads one name as a person in one article and as an organisation in another ("Kremlin",
    # "Ryanair"). Each mention keeps the kind its article read it as, so that the actor's kind is the reading
    # most of its mentions have, not the first article's (resolve.py, ``settle_kinds``). Mentions written before
    # stay NULL and count for no kind until their article is extracted again.
    db.execute("ALTER TABLE mentions ADD COLUMN kind TEXT")


@migrations()
def m020_mentions_cue(db: Database) -> None:
    # The kind a classifying noun beside a mention gave its name ("Deutsche Boerse shareholders", "Lib Dem
    # chairman"): stronger evidence of an actor's kind than the model's reading, which for names of several words
    # varies from article to article ("Deutsche Boerse" a person in one, an organisation in another). The actor
    # takes the kind most such cues give (resolve.py, ``settle_kinds``). Mentions written before stay NULL.
    db.execute("ALTER TABLE mentions ADD COLUMN cue TEXT")
    # An actor's cues are read whenever an article reads its name otherwise: a seek, not a scan of its mentions
    # (an actor may have tens of thousands).
    db.execute("CREATE INDEX mentions_cue ON mentions(actor_id, cue) WHERE cue IS NOT NULL")


def _rekeyed(name: str, key: str) -> str:
    """``key`` (of the person or alias ``name``) without the words the name's middle initials wrote; as it is
    when the name no longer gives the key's words (an actor renamed to another spelling)."""
    dropped, count = middle_initial_positions(name)
    words = key.split()
    if not dropped or len(words) != count:
        return key
    return " ".join(w for i, w in enumerate(words) if i not in dropped)


@migrations()
def m021_person_keys_without_middle_initials(db: Database) -> None:
    # A middle initial names no one apart ("Vladimir V. Putin" is the Vladimir Putin other papers name), and a
    # person's key now leaves it out (names.person_key): 71 of Putin's 1,589 mentions in the 2023 feed store were a
    # second actor. Stored keys are made so; a person whose new key another already has is merged into that one (the
    # older), as resolve.py merges actors (store/actors.py, ``absorb``).
    people = db.execute("SELECT id, name, key FROM actors WHERE kind = 'person' AND name LIKE '% % %' ORDER BY id")
    for actor_id, name, key in people.fetchall():
        new = _rekeyed(name, key)
        if new == key:
            continue
        other = db.execute(
            "SELECT id FROM actors WHERE kind = 'person' AND key = ? AND id != ? ORDER BY id LIMIT 1", (new, actor_id)
        ).fetchone()
        if other is None:
            db.execute("UPDATE actors SET key = ?, rkey = ? WHERE id = ?", (new, new[::-1], actor_id))
            continue
        db.execute("UPDATE mentions SET actor_id = ? WHERE actor_id = ?", (other[0], actor_id))
        db.execute("UPDATE aliases SET actor_id = ? WHERE actor_id = ?", (other[0], actor_id))
        for role in ("source_actor_id", "target_actor_id", "location_actor_id"):
            db.execute(f"UPDATE events SET {role} = ? WHERE {role} = ?", (other[0], actor_id))
        db.execute("DELETE FROM actors WHERE id = ?", (actor_id,))
    aliases = db.execute(
        "SELECT s.id, s.alias, s.key FROM aliases s JOIN actors a ON a.id = s.actor_id"
        " WHERE a.kind = 'person' AND s.alias LIKE '% % %'"
    )
    for alias_id, alias, key in aliases.fetchall():
        new = _rekeyed(alias, key)
        if new != key:
            db.execute("UPDATE aliases SET key = ?, rkey = ? WHERE id = ?", (new, new[::-1], alias_id))
