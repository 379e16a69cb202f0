/// What happens in the knowledge hub, told on the `feed` topic.
public enum FeedEvent: Sendable, Equatable {
    case postCreated(Post)
    /// Its author edited it.
    case postUpdated(Post)
    case postDeleted(id: PostID)
    /// A comment, with the post's comment count after it.
    case postCommented(postId: PostID, comment: PostComment, comments: Int)
    /// The post's reactions by emoji after someone reacted.
    case postReacted(postId: PostID, reactions: [String: Int])
}
