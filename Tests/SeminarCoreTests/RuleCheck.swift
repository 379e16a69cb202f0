import SeminarCore

/// The code of the refusal `body` throws, or nil when it is allowed.
func refusal(_ body: () throws -> Void) -> ErrorCode? {
    do { try body(); return nil } catch let error as DomainError { return error.code } catch { return .internal }
}
