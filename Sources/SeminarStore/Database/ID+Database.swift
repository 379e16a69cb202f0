import GRDB
import SeminarCore

/// A typed id goes into SQL and comes out of a row as its number: `arguments: [ticket]`, `row["id"] as TicketID`.
extension ID: SQLExpressible, StatementBinding, DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> ID? {
        Int64.fromDatabaseValue(dbValue).map(ID.init)
    }
}
