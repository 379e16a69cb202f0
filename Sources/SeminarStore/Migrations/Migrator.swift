import GRDB

extension AppDatabase {
    /// The migrations, in order. A landed migration is never edited: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation", migrate: Migration1.migrate)
        migrator.registerMigration("v2-program", migrate: Migration2.migrate)
        migrator.registerMigration("v3-rooms", migrate: Migration3.migrate)
        migrator.registerMigration("v4-reminders", migrate: Migration4.migrate)
        migrator.registerMigration("v5-breakouts-channel", migrate: Migration5.migrate)
        migrator.registerMigration("v6-people", migrate: Migration6.migrate)
        migrator.registerMigration("v7-meetings", migrate: Migration7.migrate)
        migrator.registerMigration("v8-meeting-reminders", migrate: Migration8.migrate)
        migrator.registerMigration("v9-desk-hub", migrate: Migration9.migrate)
        migrator.registerMigration("v10-console", migrate: Migration10.migrate)
        migrator.registerMigration("v11-post-excerpts", migrate: Migration11.migrate)
        migrator.registerMigration("v12-announcement-lang", migrate: Migration12.migrate)
        migrator.registerMigration("v13-mail", migrate: Migration13.migrate)
        migrator.registerMigration("v14-stage", migrate: Migration14.migrate)
        migrator.registerMigration("v15-mail-notices", migrate: Migration15.migrate)
        migrator.registerMigration("v16-read-marks", migrate: Migration16.migrate)
        migrator.registerMigration("v17-recordings", migrate: Migration17.migrate)
        migrator.registerMigration("v18-session-expiry", migrate: Migration18.migrate)
        return migrator
    }
}
