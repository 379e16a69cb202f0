/// A configuration value that must never be shown (the TURN relay's shared secret): printing it, interpolating it,
/// dumping it or the settings that hold it gives `<redacted>`; only ``reveal`` gives the value, where it is used.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let reveal: String

    public init(_ value: String) { self.reveal = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
