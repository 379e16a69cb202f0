/// What a display name may hold. A name stands for a person wherever they speak, so it must show something, and
/// must not move the text around it: a name of zero-width characters looks like nobody, and a right-to-left
/// override can make a name (and the badge or words after it) read as something else.
public enum DisplayName {
    /// Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the marks
    /// U+200E, U+200F and U+061C.
    public static func reordersText(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Characters that draw nothing by themselves: white space and separators, controls and format characters
    /// (zero-width spaces and joiners, U+2060, U+FEFF, soft hyphens…), default-ignorable ones (variation selectors,
    /// Hangul fillers), combining marks (they draw only on a base) and the blank Braille pattern.
    public static func drawsNothing(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint || scalar.value == 0x2800 { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .nonspacingMark, .spacingMark, .enclosingMark, .spaceSeparator, .lineSeparator,
             .paragraphSeparator:
            return true
        default:
            return false
        }
    }

    /// A line break, tab or other control: a name is one line.
    public static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}

extension Validate {
    /// A person's name, as they sign up, edit their profile, are imported or added on the command line: trimmed,
    /// 1–120 characters, one line, at least one visible character, and no bidirectional control. `field` names
    /// the field in the error (`displayName` on the wire, `name` in an import file).
    public static func displayName(_ value: String?, field: String = "displayName") throws(DomainError) -> String {
        let name = try text(value, field: field, max: TextLimits.name)
        if name.unicodeScalars.contains(where: DisplayName.reordersText) {
            throw .invalid(field, "\(field) contains a character that changes the direction of text (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C)")
        }
        if name.unicodeScalars.contains(where: DisplayName.breaksLine) {
            throw .invalid(field, "\(field) must be one line, without tabs or control characters")
        }
        if name.unicodeScalars.allSatisfy(DisplayName.drawsNothing) {
            throw .invalid(field, "\(field) has no visible character")
        }
        return name
    }
}
