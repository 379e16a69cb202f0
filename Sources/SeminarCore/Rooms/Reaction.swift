/// The fixed set of reactions.
public enum Reaction {
    public static let allowed: [String] = ["👏", "❤️", "😂", "🎉", "🤔", "👍"]

    public static func validate(_ emoji: String?) throws(DomainError) -> String {
        guard let emoji, allowed.contains(emoji) else {
            throw .invalid("emoji", "emoji must be one of \(allowed.joined(separator: " "))")
        }
        return emoji
    }
}
