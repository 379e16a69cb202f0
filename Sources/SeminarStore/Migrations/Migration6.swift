import GRDB

/// People: profiles, the organisers' list of interests, blocks, direct messages, and accent-insensitive people search.
enum Migration6 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE profiles (
                user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                data TEXT NOT NULL
            );
            CREATE TABLE interests (
                key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                position INTEGER NOT NULL
            );
            CREATE TABLE blocks (
                blocker_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                blocked_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (blocker_id, blocked_id)
            ) WITHOUT ROWID;
            CREATE TABLE direct_messages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                from_id INTEGER NOT NULL REFERENCES users(id),
                to_id INTEGER NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                at INTEGER NOT NULL,
                read INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX direct_messages_pair ON direct_messages(from_id, to_id, id);
            CREATE INDEX direct_messages_unread ON direct_messages(to_id, read);
            CREATE VIRTUAL TABLE people_fts USING fts5(
                user_id UNINDEXED, name, organisation, city, tokenize = 'unicode61 remove_diacritics 2'
            );
            INSERT INTO people_fts(user_id, name, organisation, city) SELECT id, display_name, '', '' FROM users;
            INSERT INTO interests(key, name, position) VALUES
                ('climate', '{"fr":"climat","en":"climate","es":"clima"}', 1),
                ('housing', '{"fr":"logement","en":"housing","es":"vivienda"}', 2),
                ('culture', '{"fr":"culture","en":"culture","es":"cultura"}', 3),
                ('mobility', '{"fr":"mobilité","en":"mobility","es":"movilidad"}', 4),
                ('finance', '{"fr":"finances locales","en":"local finance","es":"finanzas locales"}', 5),
                ('gender-equality', '{"fr":"égalité de genre","en":"gender equality","es":"igualdad de género"}', 6),
                ('migration', '{"fr":"migrations","en":"migration","es":"migraciones"}', 7),
                ('health', '{"fr":"santé","en":"health","es":"salud"}', 8),
                ('decentralised-cooperation', '{"fr":"coopération décentralisée","en":"decentralised cooperation","es":"cooperación descentralizada"}', 9);
            """)
    }
}
