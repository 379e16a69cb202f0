import SeminarCore

/// The refusal's code, or nil when `body` succeeded.
func refusal(_ body: () async throws -> some Any) async -> ErrorCode? {
    do { _ = try await body(); return nil } catch let error as DomainError { return error.code } catch { return .internal }
}
