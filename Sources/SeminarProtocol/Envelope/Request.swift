import Foundation
import SeminarCore

/// The fields every client request carries, read before its `data`.
public struct RequestHeader: Decodable, Sendable {
    /// The client's request id, unique per socket, echoed as `re` in the reply; nil when the frame has none.
    public let id: Int64?
    /// The message type (`chat.send`…); nil when missing.
    public let type: String?
    /// The optional idempotency key (1–128 characters) of a creating request.
    public let key: String?
}

private struct RequestBody<Payload: Decodable>: Decodable {
    let data: Payload?
}

/// A request frame, parsed once for its header; its `data` is decoded on demand for the type's payload.
public struct IncomingRequest: Sendable {
    /// The frame's header fields.
    public let header: RequestHeader
    /// The frame's bytes, as received.
    public let bytes: Data

    /// Parses a text frame. Throws a `DomainError` (`invalid`) for anything that is not a JSON object.
    public init(frame: String) throws(DomainError) {
        self.bytes = Data(frame.utf8)
        do {
            self.header = try JSONDecoder().decode(RequestHeader.self, from: bytes)
        } catch {
            throw DomainError(.invalid, "The frame is not a JSON request object")
        }
    }

    /// Decodes `data` as `Payload`; a missing `data` decodes as `{}`.
    public func payload<Payload: Decodable>(_ type: Payload.Type) throws(DomainError) -> Payload {
        do {
            if let payload = try JSONDecoder().decode(RequestBody<Payload>.self, from: bytes).data {
                return payload
            }
            return try JSONDecoder().decode(Payload.self, from: Data("{}".utf8))
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw Self.invalid(context)
        } catch let DecodingError.keyNotFound(key, _) {
            throw DomainError.invalid(key.stringValue, "\(key.stringValue) is required")
        } catch let DecodingError.dataCorrupted(context) {
            // A number that fits no Swift number type is reported without a path: find the field by its value.
            if context.codingPath.filter({ $0.stringValue != "data" }).isEmpty, let field = unrepresentableNumberField {
                throw DomainError(.invalid, "\(field) is not a number the seminar can use", field: field)
            }
            throw Self.invalid(context)
        } catch {
            throw DomainError(.invalid, "data does not fit \(header.type ?? "the request")")
        }
    }

    /// The first field of `data` holding a number that is not a whole number within 64 bits (`1e308`, `2^63`, `1.5`).
    var unrepresentableNumberField: String? {
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
              let data = object["data"] as? [String: Any] else { return nil }
        for key in data.keys.sorted() {
            guard let number = data[key] as? NSNumber, !(data[key] is Bool) else { continue }
            let value = number.doubleValue
            if value != value.rounded() || value >= 9.223372036854775807e18 || value < -9.223372036854775808e18 { return key }
        }
        return nil
    }

    /// The request's `data` as compact JSON with sorted keys (`{}` when absent), e.g. for the audit log.
    public var dataJSON: String {
        guard let object = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any], let data = object["data"],
              JSONSerialization.isValidJSONObject([data]),
              let encoded = try? JSONSerialization.data(withJSONObject: data, options: [.sortedKeys, .fragmentsAllowed]) else { return "{}" }
        return String(decoding: encoded, as: UTF8.self)
    }

    private static func invalid(_ context: DecodingError.Context) -> DomainError {
        let field = context.codingPath.filter { $0.stringValue != "data" }.map(\.stringValue).joined(separator: ".")
        return DomainError(.invalid, field.isEmpty ? "data has the wrong shape" : "\(field) has the wrong type", field: field.isEmpty ? nil : field)
    }
}
