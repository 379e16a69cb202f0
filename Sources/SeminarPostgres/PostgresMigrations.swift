import Logging
import PostgresNIO

/// The cluster's schema, versioned like the SQLite migrations: each version runs once, in order, in one transaction
/// under an advisory lock, so nodes started together migrate once (the others wait, then find it done).
enum PostgresMigrations {
    /// Every version, in order. Never edit one that has shipped: add the next.
    static let versions: [(version: Int, statements: [String])] = [
        (1, [
            """
            CREATE TABLE topics (
                name TEXT PRIMARY KEY,
                last_seq BIGINT NOT NULL,
                pruned_through BIGINT NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE events (
                topic TEXT NOT NULL,
                seq BIGINT NOT NULL,
                type TEXT NOT NULL,
                at BIGINT NOT NULL,
                data TEXT NOT NULL,
                PRIMARY KEY (topic, seq)
            )
            """,
            "CREATE INDEX events_at ON events(at)",
        ]),
        // Accounts and sign-in sessions (as SQLite's Migration1: an email is one account however it is cased).
        (2, [
            """
            CREATE TABLE users (
                id BIGSERIAL PRIMARY KEY,
                email TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                display_name TEXT NOT NULL,
                locale TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX users_email ON users(lower(email))",
            """
            CREATE TABLE auth_sessions (
                token_hash BYTEA PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX auth_sessions_user ON auth_sessions(user_id)",
        ]),
        // The mail outbox and the topics each person turned off (as SQLite's Migrations 13 and 15).
        (3, [
            """
            CREATE TABLE mail_outbox (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL,
                recipient TEXT NOT NULL,
                user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
                lang TEXT NOT NULL,
                from_name TEXT NOT NULL,
                subject TEXT NOT NULL,
                body_text TEXT NOT NULL,
                body_html TEXT NOT NULL,
                headers TEXT NOT NULL DEFAULT '[]',
                attachments TEXT NOT NULL DEFAULT '[]',
                created_at BIGINT NOT NULL,
                status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                sent_at BIGINT,
                last_error TEXT
            )
            """,
            "CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at, id) WHERE status IN ('queued', 'sending')",
            """
            CREATE TABLE mail_preferences (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                PRIMARY KEY (user_id, topic)
            )
            """,
        ]),
        // People (as SQLite's Migration 6) and idempotency keys (as its Migration 1).
        (4, [
            "CREATE TABLE profiles (user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE, data TEXT NOT NULL)",
            "CREATE TABLE interests (key TEXT PRIMARY KEY, name TEXT NOT NULL, position INTEGER NOT NULL)",
            """
            CREATE TABLE blocks (
                blocker_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                blocked_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (blocker_id, blocked_id)
            )
            """,
            """
            CREATE TABLE direct_messages (
                id BIGSERIAL PRIMARY KEY,
                from_id BIGINT NOT NULL REFERENCES users(id),
                to_id BIGINT NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                at BIGINT NOT NULL,
                read BOOLEAN NOT NULL DEFAULT false
            )
            """,
            "CREATE INDEX direct_messages_pair ON direct_messages(from_id, to_id, id)",
            "CREATE INDEX direct_messages_unread ON direct_messages(to_id, read)",
            """
            CREATE TABLE idempotency_keys (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                type TEXT NOT NULL,
                reply TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, key)
            )
            """,
        ]),
        // The program and its rooms (as SQLite's Migrations 1, 2, 3, 5 and 17): sessions, hosts, revisions, bookmarks;
        // rooms with their chat, questions, moderation, attendance, breakout groups and recordings.
        (5, [
            """
            CREATE TABLE seminar (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                name TEXT NOT NULL,
                tagline TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL
            )
            """,
            "CREATE TABLE tracks (id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL)",
            """
            CREATE TABLE sessions (
                id BIGSERIAL PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                track_id BIGINT REFERENCES tracks(id),
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                title TEXT NOT NULL,
                description TEXT NOT NULL,
                details TEXT NOT NULL,
                revision BIGINT NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX sessions_time ON sessions(starts_at, ends_at)",
            """
            CREATE TABLE session_hosts (
                session_id BIGINT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (session_id, user_id)
            )
            """,
            """
            CREATE TABLE session_revisions (
                id BIGSERIAL PRIMARY KEY,
                session_id BIGINT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                author_id BIGINT REFERENCES users(id),
                at BIGINT NOT NULL,
                changes TEXT NOT NULL
            )
            """,
            "CREATE INDEX session_revisions_session ON session_revisions(session_id, id)",
            """
            CREATE TABLE agenda_items (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                session_id BIGINT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                added_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, session_id)
            )
            """,
            "CREATE INDEX agenda_items_session ON agenda_items(session_id)",
            """
            CREATE TABLE rooms (
                id BIGSERIAL PRIMARY KEY,
                session_id BIGINT UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                state TEXT NOT NULL,
                locked BOOLEAN NOT NULL DEFAULT false,
                capacity INTEGER,
                streams TEXT NOT NULL DEFAULT '{}',
                pinned_message_id BIGINT,
                parent_room_id BIGINT REFERENCES rooms(id) ON DELETE CASCADE,
                name TEXT,
                ends_at BIGINT
            )
            """,
            "CREATE INDEX rooms_parent ON rooms(parent_room_id) WHERE parent_room_id IS NOT NULL",
            """
            CREATE TABLE channel_programmes (
                id BIGSERIAL PRIMARY KEY,
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                starts_at BIGINT NOT NULL,
                ends_at BIGINT NOT NULL,
                title TEXT NOT NULL
            )
            """,
            "CREATE INDEX channel_programmes_time ON channel_programmes(room_id, starts_at)",
            """
            CREATE TABLE chat_messages (
                id BIGSERIAL PRIMARY KEY,
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                author_id BIGINT NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                reply_to BIGINT,
                at BIGINT NOT NULL,
                deleted BOOLEAN NOT NULL DEFAULT false
            )
            """,
            "CREATE INDEX chat_messages_room ON chat_messages(room_id, id)",
            """
            CREATE TABLE questions (
                id BIGSERIAL PRIMARY KEY,
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                author_id BIGINT NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                votes INTEGER NOT NULL DEFAULT 0,
                answered BOOLEAN NOT NULL DEFAULT false,
                hidden BOOLEAN NOT NULL DEFAULT false,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX questions_room ON questions(room_id)",
            """
            CREATE TABLE question_votes (
                question_id BIGINT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id),
                PRIMARY KEY (question_id, user_id)
            )
            """,
            """
            CREATE TABLE room_moderation (
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id),
                muted_until BIGINT,
                removed BOOLEAN NOT NULL DEFAULT false,
                PRIMARY KEY (room_id, user_id)
            )
            """,
            """
            CREATE TABLE attendance (
                id BIGSERIAL PRIMARY KEY,
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id),
                joined_at BIGINT NOT NULL,
                left_at BIGINT
            )
            """,
            "CREATE INDEX attendance_room ON attendance(room_id, joined_at)",
            """
            CREATE TABLE breakout_members (
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (room_id, user_id)
            )
            """,
            """
            CREATE TABLE recordings (
                id BIGSERIAL PRIMARY KEY,
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                speaker_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
                speaker TEXT NOT NULL,
                kind TEXT NOT NULL,
                file TEXT NOT NULL UNIQUE,
                media_type TEXT NOT NULL,
                bytes BIGINT NOT NULL,
                started_at BIGINT NOT NULL,
                ended_at BIGINT NOT NULL,
                recorded_by BIGINT REFERENCES users(id) ON DELETE SET NULL
            )
            """,
            "CREATE INDEX recordings_room ON recordings(room_id, started_at)",
        ]),
        // The welcome desk (as SQLite's Migrations 9 and 16): tickets, their conversations and each reader's mark. One open
        // ticket per person holds across nodes by a unique index, not only by the use case's check.
        (6, [
            """
            CREATE TABLE tickets (
                id BIGSERIAL PRIMARY KEY,
                asker_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                page TEXT,
                room_id BIGINT,
                state TEXT NOT NULL CHECK (state IN ('waiting', 'claimed', 'resolved')),
                agent_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
                queued_at BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                claimed_at BIGINT,
                resolved_at BIGINT,
                resolved_by BIGINT REFERENCES users(id) ON DELETE SET NULL
            )
            """,
            "CREATE INDEX tickets_state ON tickets(state, queued_at, id)",
            "CREATE UNIQUE INDEX tickets_open_asker ON tickets(asker_id) WHERE state <> 'resolved'",
            "CREATE INDEX tickets_asker ON tickets(asker_id, id)",
            "CREATE INDEX tickets_agent ON tickets(agent_id, state)",
            """
            CREATE TABLE ticket_messages (
                id BIGSERIAL PRIMARY KEY,
                ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
                author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                link TEXT,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ticket_messages_ticket ON ticket_messages(ticket_id, id)",
            """
            CREATE TABLE read_marks (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                thread TEXT NOT NULL,
                read_up_to BIGINT NOT NULL,
                PRIMARY KEY (user_id, thread)
            )
            """,
        ]),
        // Announcements (as SQLite's Migrations 1, 10, 12 and 15): seq 0 until published.
        (7, [
            """
            CREATE TABLE announcements (
                id BIGSERIAL PRIMARY KEY,
                author_id BIGINT NOT NULL REFERENCES users(id),
                text TEXT NOT NULL,
                level TEXT NOT NULL,
                lang TEXT,
                seq BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                expires_at BIGINT,
                publish_at BIGINT,
                by_mail BOOLEAN NOT NULL DEFAULT false
            )
            """,
            "CREATE INDEX announcements_due ON announcements(publish_at) WHERE seq = 0 AND publish_at IS NOT NULL",
        ]),
        // The knowledge hub (as SQLite's Migrations 9 and 11): files, posts with their tags, attachments, comments and
        // reactions. Search: each post keeps its body as plain text (`plain`, for snippets) and its tags as words, and a
        // generated `tsvector` of them, the title weighing most, then tags, then the body (as SQLite's bm25(10, 1, 4)),
        // in a GIN index. The `seminar_search` configuration folds case and accents as SQLite's `unicode61
        // remove_diacritics 2` does ("economia" finds "economía"): `simple` words through `unaccent` (a trusted
        // extension: the database's owner may create it).
        (8, [
            "CREATE EXTENSION IF NOT EXISTS unaccent",
            "CREATE TEXT SEARCH CONFIGURATION seminar_search (COPY = simple)",
            "ALTER TEXT SEARCH CONFIGURATION seminar_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
            """
            CREATE TABLE files (
                id BIGSERIAL PRIMARY KEY,
                sha256 TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                size BIGINT NOT NULL,
                uploader_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX files_sha ON files(sha256)",
            """
            CREATE TABLE posts (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                excerpt TEXT NOT NULL,
                lang TEXT NOT NULL,
                tags TEXT NOT NULL,
                author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                organisation TEXT NOT NULL,
                session_id BIGINT REFERENCES sessions(id) ON DELETE SET NULL,
                created_at BIGINT NOT NULL,
                comments BIGINT NOT NULL DEFAULT 0,
                plain TEXT NOT NULL,
                tag_words TEXT NOT NULL,
                search TSVECTOR GENERATED ALWAYS AS (
                    setweight(to_tsvector('seminar_search', title), 'A') || setweight(to_tsvector('seminar_search', tag_words), 'B')
                    || setweight(to_tsvector('seminar_search', plain), 'D')
                ) STORED
            )
            """,
            "CREATE INDEX posts_session ON posts(session_id)",
            "CREATE INDEX posts_search ON posts USING GIN (search)",
            """
            CREATE TABLE post_tags (
                post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                tag TEXT NOT NULL,
                PRIMARY KEY (tag, post_id)
            )
            """,
            "CREATE INDEX post_tags_post ON post_tags(post_id)",
            """
            CREATE TABLE post_attachments (
                post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                file_id BIGINT NOT NULL REFERENCES files(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (post_id, file_id)
            )
            """,
            """
            CREATE TABLE post_comments (
                id BIGSERIAL PRIMARY KEY,
                post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                author_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX post_comments_post ON post_comments(post_id, id)",
            """
            CREATE TABLE post_reactions (
                post_id BIGINT NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                emoji TEXT NOT NULL,
                PRIMARY KEY (post_id, user_id, emoji)
            )
            """,
        ]),
        // Bilateral meetings (as SQLite's Migration 7): the grid, availability, requests and their slots, meetings. A table
        // of a slot is booked once, by a unique index as well as by the use case.
        (9, [
            "CREATE TABLE meeting_slots (id BIGSERIAL PRIMARY KEY, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, tables INTEGER NOT NULL)",
            """
            CREATE TABLE availability (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                slot_id BIGINT NOT NULL REFERENCES meeting_slots(id) ON DELETE CASCADE,
                PRIMARY KEY (user_id, slot_id)
            )
            """,
            """
            CREATE TABLE meeting_requests (
                id BIGSERIAL PRIMARY KEY,
                from_id BIGINT NOT NULL REFERENCES users(id),
                to_id BIGINT NOT NULL REFERENCES users(id),
                message TEXT NOT NULL,
                status TEXT NOT NULL,
                reason TEXT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX meeting_requests_to ON meeting_requests(to_id, status)",
            "CREATE INDEX meeting_requests_from ON meeting_requests(from_id, status)",
            """
            CREATE TABLE meeting_request_slots (
                request_id BIGINT NOT NULL REFERENCES meeting_requests(id) ON DELETE CASCADE,
                slot_id BIGINT NOT NULL REFERENCES meeting_slots(id) ON DELETE CASCADE,
                PRIMARY KEY (request_id, slot_id)
            )
            """,
            """
            CREATE TABLE meetings (
                id BIGSERIAL PRIMARY KEY,
                request_id BIGINT REFERENCES meeting_requests(id),
                slot_id BIGINT NOT NULL REFERENCES meeting_slots(id),
                table_no INTEGER NOT NULL,
                a_id BIGINT NOT NULL REFERENCES users(id),
                b_id BIGINT NOT NULL REFERENCES users(id),
                room_id BIGINT REFERENCES rooms(id),
                status TEXT NOT NULL,
                a_checked_in BOOLEAN NOT NULL DEFAULT false,
                b_checked_in BOOLEAN NOT NULL DEFAULT false,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX meetings_slot ON meetings(slot_id, status)",
            "CREATE INDEX meetings_a ON meetings(a_id, status)",
            "CREATE INDEX meetings_b ON meetings(b_id, status)",
            "CREATE UNIQUE INDEX meetings_table ON meetings(slot_id, table_no) WHERE status = 'booked'",
        ]),
        // Polls and the stage's invitations (as SQLite's Migrations 3 and 14).
        (10, [
            """
            CREATE TABLE polls (
                id BIGSERIAL PRIMARY KEY,
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                author_id BIGINT NOT NULL REFERENCES users(id),
                question TEXT NOT NULL,
                kind TEXT NOT NULL,
                options TEXT NOT NULL,
                closed BOOLEAN NOT NULL DEFAULT false,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX polls_room ON polls(room_id)",
            """
            CREATE TABLE poll_votes (
                poll_id BIGINT NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id),
                option INTEGER,
                words TEXT,
                PRIMARY KEY (poll_id, user_id)
            )
            """,
            """
            CREATE TABLE stage_invitations (
                room_id BIGINT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                invited_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
                invited_at BIGINT NOT NULL,
                PRIMARY KEY (room_id, user_id)
            )
            """,
        ]),
        // Calendar keys (as SQLite's Migration 2): a person's private address for their agenda's feed.
        (11, [
            """
            CREATE TABLE calendar_keys (
                user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
                key TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL
            )
            """,
        ]),
        // Uploaded files' bytes (on SQLite's nodes a folder on disk, `FileStore`): one row per content, named by its
        // SHA-256 in lowercase hex, with the smaller rendition of an image once made. Kept out of line uncompressed
        // (`EXTERNAL`): uploads are mostly compressed already (images, PDF, video), so compressing them again is wasted.
        (12, [
            """
            CREATE TABLE blobs (
                sha256 TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
                bytes BYTEA NOT NULL,
                rendition BYTEA
            )
            """,
            "ALTER TABLE blobs ALTER COLUMN bytes SET STORAGE EXTERNAL, ALTER COLUMN rendition SET STORAGE EXTERNAL",
        ]),
        // The console and recovery (as SQLite's Migrations 10, 13 and 15): each person's last visit, the audit log, one-time
        // sign-in links and password resets (by their token's hash), the days whose digest was queued, the server's keys, and
        // a person's mails by kind (for the invitations' report).
        // A digest day and a key name are primary keys, so two nodes queue a day once and make a key once.
        (13, [
            "ALTER TABLE users ADD COLUMN last_seen_at BIGINT",
            "CREATE INDEX users_last_seen ON users(last_seen_at)",
            """
            CREATE TABLE audit_log (
                id BIGSERIAL PRIMARY KEY,
                at BIGINT NOT NULL,
                actor_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                detail TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE signin_links (
                token_hash BYTEA PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX signin_links_user ON signin_links(user_id)",
            """
            CREATE TABLE password_resets (
                token_hash BYTEA PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                used_at BIGINT
            )
            """,
            "CREATE INDEX password_resets_user ON password_resets(user_id)",
            "CREATE TABLE mail_digests (day TEXT PRIMARY KEY, queued_at BIGINT NOT NULL)",
            "CREATE TABLE server_keys (name TEXT PRIMARY KEY, key BYTEA NOT NULL)",
            "CREATE INDEX mail_outbox_user_kind ON mail_outbox(user_id, kind)",
        ]),
        // The welcome desk's FAQ (as SQLite's Migration 9), and the organisers' first list of interests (as SQLite's
        // Migration 6 has it; only into an empty list).
        (14, [
            """
            CREATE TABLE faq_entries (
                id BIGSERIAL PRIMARY KEY,
                position INTEGER NOT NULL,
                question TEXT NOT NULL,
                answer TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            INSERT INTO interests(key, name, position) SELECT key, name, position FROM (VALUES
                ('climate', '{"fr":"climat","en":"climate","es":"clima"}', 1),
                ('housing', '{"fr":"logement","en":"housing","es":"vivienda"}', 2),
                ('culture', '{"fr":"culture","en":"culture","es":"cultura"}', 3),
                ('mobility', '{"fr":"mobilité","en":"mobility","es":"movilidad"}', 4),
                ('finance', '{"fr":"finances locales","en":"local finance","es":"finanzas locales"}', 5),
                ('gender-equality', '{"fr":"égalité de genre","en":"gender equality","es":"igualdad de género"}', 6),
                ('migration', '{"fr":"migrations","en":"migration","es":"migraciones"}', 7),
                ('health', '{"fr":"santé","en":"health","es":"salud"}', 8),
                ('decentralised-cooperation', '{"fr":"coopération décentralisée","en":"decentralised cooperation","es":"cooperación descentralizada"}', 9)
            ) AS first(key, name, position) WHERE NOT EXISTS (SELECT 1 FROM interests)
            """,
        ]),
        // Reminders sent (as SQLite's Migrations 4 and 8): a bookmarked session's start and a meeting are reminded once
        // per person, however many nodes' clocks find them due at once.
        (15, [
            """
            CREATE TABLE reminders_sent (
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                session_id BIGINT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
                starts_at BIGINT NOT NULL,
                PRIMARY KEY (user_id, session_id, starts_at)
            )
            """,
            """
            CREATE TABLE meeting_reminders_sent (
                meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
                user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                PRIMARY KEY (meeting_id, user_id)
            )
            """,
        ]),
        // Presence across nodes: each live node's heartbeat, and who follows a room, the lounge or the desk on it (a
        // node's rows go with it); a room's raised hands, whichever node they were raised on.
        (16, [
            "CREATE TABLE cluster_nodes (node TEXT PRIMARY KEY, seen_at TIMESTAMPTZ NOT NULL, version BIGINT NOT NULL)",
            """
            CREATE TABLE cluster_presence (
                node TEXT NOT NULL REFERENCES cluster_nodes(node) ON DELETE CASCADE,
                topic TEXT NOT NULL,
                user_id BIGINT NOT NULL,
                PRIMARY KEY (node, topic, user_id)
            )
            """,
            """
            CREATE TABLE room_hands (
                room_id BIGINT NOT NULL,
                user_id BIGINT NOT NULL,
                display_name TEXT NOT NULL,
                raised_at BIGINT NOT NULL,
                place BIGSERIAL NOT NULL,
                PRIMARY KEY (room_id, user_id)
            )
            """,
            "CREATE TABLE room_hand_grants (room_id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL)",
        ]),
        // The token buckets every node takes from (PostgresRateBuckets): `tokens` as of `at`
        // (seconds), full again at `full_at`, after which a row may go. Unlogged: after a crash the table is empty, every
        // bucket full, which is how a restarted node's memory used to start; a row is not worth a WAL record.
        (17, [
            """
            CREATE UNLOGGED TABLE rate_buckets (
                key TEXT PRIMARY KEY,
                tokens DOUBLE PRECISION NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                full_at DOUBLE PRECISION NOT NULL
            )
            """,
            "CREATE INDEX rate_buckets_full_at ON rate_buckets(full_at)",
        ]),
        // Sign-in sessions by when they expire (as SQLite's Migration 18): each sign-in deletes the expired ones.
        (18, ["CREATE INDEX auth_sessions_expires ON auth_sessions(expires_at)"]),
    ]

    /// The advisory lock's key (any constant the nodes agree on).
    static let lockKey: Int64 = 0x5345_4D49_4E41_52

    static func run(on client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS seminar_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM seminar_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in versions where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO seminar_migrations(version) VALUES (\(migration.version))", logger: logger)
                logger.info("database migrated", metadata: ["version": "\(migration.version)"])
            }
        }
    }
}
