import NIOCore
import PostgresNIO
import SeminarCore

/// A typed id goes into a query and comes out of a row as its number (a `BIGINT` column): `\(session)` in a query,
/// `decode((SessionID, String).self)` for a row.
extension ID: PostgresEncodable, PostgresNonThrowingEncodable, PostgresDecodable {
    public static var psqlType: PostgresDataType { Int64.psqlType }
    public static var psqlFormat: PostgresFormat { Int64.psqlFormat }

    public func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        rawValue.encode(into: &byteBuffer, context: context)
    }

    public init<JSONDecoder: PostgresJSONDecoder>(from byteBuffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
                                                  context: PostgresDecodingContext<JSONDecoder>) throws {
        self.init(try Int64(from: &byteBuffer, type: type, format: format, context: context))
    }
}
