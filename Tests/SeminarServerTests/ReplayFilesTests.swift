@testable import SeminarServer
import Testing

@Suite("replays: Janus's recording files and the byte ranges a player asks for")
struct ReplayFilesTests {
    @Test("a VideoRoom recording's file name gives its feed and media; other files are not recordings")
    func fileNames() {
        #expect(StageRecorder.parse("videoroom-12-user-3344556677-1765000000000000-video-1.mjr")! == (3344556677, "video"))
        #expect(StageRecorder.parse("videoroom-12-user-3344556677-1765000000000000-audio-0.mjr")! == (3344556677, "audio"))
        #expect(StageRecorder.parse("videoroom-12-user-3344556677-1765000000000000-data-2.mjr") == nil)
        #expect(StageRecorder.parse("3344556677.webm") == nil)
        #expect(StageRecorder.parse("videoroom-12-user-x-1-video-1.mjr") == nil)
    }

    @Test("Range: bytes=a-b, a- and -n, clamped to the file; nothing there is nil")
    func ranges() {
        #expect(ReplaysController.range("bytes=0-", size: 1000) == 0...999)
        #expect(ReplaysController.range("bytes=100-199", size: 1000) == 100...199)
        #expect(ReplaysController.range("bytes=900-5000", size: 1000) == 900...999)
        #expect(ReplaysController.range("bytes=-100", size: 1000) == 900...999)
        #expect(ReplaysController.range("bytes=0-9, 20-29", size: 1000) == 0...9)
        #expect(ReplaysController.range("bytes=1000-", size: 1000) == nil)
        #expect(ReplaysController.range("bytes=5-4", size: 1000) == nil)
        #expect(ReplaysController.range("items=0-9", size: 1000) == nil)
        #expect(ReplaysController.range("bytes=a-b", size: 1000) == nil)
    }
}
