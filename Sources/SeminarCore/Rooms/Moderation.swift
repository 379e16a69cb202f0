/// Moderation limits.
public enum Moderation {
    public static func muteMinutes(_ minutes: Int?) throws(DomainError) -> Int {
        guard let minutes, (0...1_440).contains(minutes) else {
            throw .invalid("minutes", "minutes must be between 0 (unmute) and 1440")
        }
        return minutes
    }
}
