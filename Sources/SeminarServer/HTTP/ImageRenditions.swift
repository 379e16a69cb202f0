import CVipsShim
import Foundation
import SeminarCore

/// Smaller renditions of uploaded images, made with libvips when it is installed (Debian's `libvips42`, loaded at
/// run time); without it, images are served as uploaded.
enum ImageRenditions {
    static var available: Bool { seminar_vips_available() == 1 }

    /// A WebP at most `width` wide (a hub image's `FileKind.renditionWidth`, a profile photo's `ProfilePhoto.width`),
    /// or nil (no libvips, an image it cannot read, or nothing saved: a rendition no smaller than the original is not
    /// kept). Runs off the cooperative pool: it takes a while.
    static func make(_ bytes: [UInt8], width: Int = FileKind.renditionWidth) async -> [UInt8]? {
        await withCheckedContinuation { (done: CheckedContinuation<[UInt8]?, Never>) in
            DispatchQueue.global().async {
                done.resume(returning: render(bytes, width: width))
            }
        }
    }

    private static func render(_ bytes: [UInt8], width: Int) -> [UInt8]? {
        var output: UnsafeMutableRawPointer?
        var length = 0
        let status = bytes.withUnsafeBytes { input in
            seminar_vips_thumbnail(input.baseAddress, input.count, Int32(width), ".webp[Q=75]", &output, &length)
        }
        guard status == 0, let output else { return nil }
        defer { seminar_vips_free(output) }
        guard length > 0, length < bytes.count else { return nil }
        return Array(UnsafeRawBufferPointer(start: output, count: length))
    }
}
