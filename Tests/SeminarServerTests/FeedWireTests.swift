import Foundation
import SeminarCore
import SeminarProtocol
import Testing

/// The hub's feed on the wire: posts, comments and files keep their numbers both ways.
struct FeedWireTests {
    static let at = Timestamp(milliseconds: 1_700_000_000_000)

    @Test func commentsAndDeletionsKeepTheirTypesAndData() throws {
        let comment = PostComment(id: CommentID(8), author: Author(id: UserID(7), displayName: "Ana"), text: "Merci", at: Self.at)
        try MeetingWireTests.expect(.feed(.postCommented(postId: PostID(5), comment: comment, comments: 2)), "post.commented",
                                    #"{"postId":5,"comment":{"id":8,"author":{"id":7,"displayName":"Ana"},"text":"Merci","at":"\#(Self.at.iso8601)"},"# +
                                    #""comments":2}"#)
        try MeetingWireTests.expect(.feed(.postDeleted(id: PostID(5))), "post.deleted", #"{"postId":5}"#)
    }

    @Test func requestsNamePostsAndFilesByTheirNumbers() throws {
        let post = try JSONDecoder().decode(FeedPostRequest.self, from: Data(#"{"kind":"report","attachmentIds":[3,4]}"#.utf8))
        #expect(post.attachmentIds == [FileID(3), FileID(4)])
        #expect(try JSONDecoder().decode(FeedGetRequest.self, from: Data(#"{"postId":5}"#.utf8)).postId == PostID(5))
    }
}
