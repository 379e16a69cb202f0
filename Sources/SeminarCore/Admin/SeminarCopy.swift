/// `seminar copy` moves an embedded seminar into a cluster's database only when that database holds no seminar yet
/// (no account, no program, no event): a copy never mixes two seminars nor writes over one.
public enum SeminarCopy {
    public static func mayCopy(targetHoldsSeminar: Bool) throws(DomainError) {
        if targetHoldsSeminar {
            throw DomainError(.conflict, "The database already holds a seminar: copy into an empty database", field: "to")
        }
    }
}
