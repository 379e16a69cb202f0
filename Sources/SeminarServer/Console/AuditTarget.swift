import Foundation

/// What an audited action was done to, read from its request's data: the ids it names (`roomId=4 userId=12`).
enum AuditTarget {
    static func describe(_ dataJSON: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(dataJSON.utf8))) as? [String: Any] else { return "" }
        let ids = object.keys.filter { $0 == "id" || $0.hasSuffix("Id") }.sorted().compactMap { key -> String? in
            guard let value = object[key] as? NSNumber else { return nil }
            return "\(key)=\(value.int64Value)"
        }
        return ids.joined(separator: " ")
    }
}
