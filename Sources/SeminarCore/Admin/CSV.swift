/// RFC 4180 CSV: reading (quotes, commas and new lines inside quoted cells, CRLF or LF, a UTF-8 BOM) and writing.
public enum CSV {
    /// A CSV problem at a line (1-based, counting the header).
    public struct Problem: Error, Sendable, Equatable {
        public let line: Int
        public let field: String?
        public let message: String
        public init(line: Int, field: String?, message: String) {
            self.line = line
            self.field = field
            self.message = message
        }
    }

    /// A parsed record with the line it starts on.
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let cells: [String]
    }

    /// Parses the whole text. Blank lines are skipped; an unclosed quote is a problem at the line where it opened.
    public static func parse(_ text: String, maxCells: Int = 100, maxCellLength: Int = 10_000) throws(Problem) -> [Record] {
        var scalars = Substring(text).unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var records: [Record] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false
        var quoteOpenedAt = 0
        var afterQuote = false
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endCell() throws(Problem) {
            guard cell.count <= maxCellLength else { throw Problem(line: recordLine, field: nil, message: "a cell is longer than \(maxCellLength) characters") }
            cells.append(String(cell))
            cell = String.UnicodeScalarView()
            afterQuote = false
            guard cells.count <= maxCells else { throw Problem(line: recordLine, field: nil, message: "more than \(maxCells) cells") }
        }
        func endRecord() throws(Problem) {
            try endCell()
            if !(cells.count == 1 && cells[0].isEmpty) { records.append(Record(line: recordLine, cells: cells)) }
            cells = []
        }

        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        cell.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where cell.isEmpty && !afterQuote:
                quoted = true
                quoteOpenedAt = line
            case ",":
                try endCell()
            case "\r":
                let next = iterator.next()
                if next != "\n" { pending = next }
                try endRecord()
                line += 1
                recordLine = line
            case "\n":
                try endRecord()
                line += 1
                recordLine = line
            default:
                guard !afterQuote else { throw Problem(line: line, field: nil, message: "text after a closing quote") }
                cell.append(scalar)
            }
        }
        if quoted { throw Problem(line: quoteOpenedAt, field: nil, message: "a quote is never closed") }
        if !cell.isEmpty || !cells.isEmpty || afterQuote { try endRecord() }
        return records
    }

    /// One row, each cell quoted when it holds a comma, a quote, a new line, or starts with a character a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`: prefixed with `'`).
    public static func row(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\r\n"
    }

    public static func escape(_ value: String) -> String {
        var cell = value
        if let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { cell = "'" + cell }
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }

    /// A whole document: the header, the rows, and the BOM spreadsheets want when asked.
    public static func document(header: [String], rows: [[String]], bom: Bool) -> String {
        (bom ? "\u{FEFF}" : "") + row(header) + rows.map(row).joined()
    }
}
