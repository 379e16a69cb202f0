import Foundation
import SeminarCore

/// The target of an audited request, read from its data: the ids it names (`roomId=4 userId=12`).
extension AuditTarget {
    static func describe(_ dataJSON: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(dataJSON.utf8))) as? [String: Any] else { return "" }
        return text(object.compactMap { key, value in
            guard isIdKey(key), let number = value as? NSNumber else { return nil }
            return Ref(key: key, id: number.int64Value)
        })
    }
}
