import Foundation

/// The nodes of a cluster a scenario drives, and which of them each simulated person talks to: person `i` on node
/// `i mod n`, as a round-robin load balancer would place them.
struct NodeSpread: Sendable {
    let targets: [BenchTarget]
    /// Process ids in the order of `targets` (may be empty or shorter: then nothing is reported for those nodes).
    let pids: [Int32]

    init(urls: [String], pids: [String] = []) throws {
        guard !urls.isEmpty else { throw BenchError("no node given") }
        targets = try urls.map { try BenchTarget(url: $0) }
        self.pids = try pids.map { text in
            guard let pid = Int32(text) else { throw BenchError("not a process id: \(text)") }
            return pid
        }
    }

    var urls: [String] { targets.map(\.http) }
    var count: Int { targets.count }

    /// The node of person `person`.
    func node(of person: Int) -> Int { person % targets.count }

    /// Where a load balancer sends person `person` when the nodes in `down` are gone: the nodes still up, in turn;
    /// nil when every node is down.
    func survivor(for person: Int, down: Set<Int>) -> Int? {
        let up = targets.indices.filter { !down.contains($0) }
        return up.isEmpty ? nil : up[person % up.count]
    }

    /// `a,b, c` → `["a", "b", "c"]`.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Each node's peak resident memory in MiB, for the nodes whose pid is known and still running.
    func peakRssMiB() -> [Double] { pids.compactMap { BenchOutput.rssMiB(pid: $0, peak: true) } }
}
