import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's open-files limit (`ulimit -n`): every socket is one file.
enum OpenFiles {
    /// Files the process needs beyond its sockets (the runtime, URLSession, the event loops).
    static let spare = 256

    static func limit() -> (soft: UInt64, hard: UInt64) {
        var limit = rlimit()
        #if canImport(Glibc)
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return (0, 0) }
        #else
        guard getrlimit(RLIMIT_NOFILE, &limit) == 0 else { return (0, 0) }
        #endif
        return (UInt64(limit.rlim_cur), UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to `target` (never past the hard limit); the soft limit in force afterwards.
    @discardableResult
    static func raise(to target: UInt64) -> UInt64 {
        let (soft, hard) = limit()
        guard soft < target else { return soft }
        var raised = rlimit(rlim_cur: rlim_t(min(target, hard)), rlim_max: rlim_t(hard))
        #if canImport(Glibc)
        let status = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &raised)
        #else
        let status = setrlimit(RLIMIT_NOFILE, &raised)
        #endif
        return status == 0 ? UInt64(raised.rlim_cur) : soft
    }

    /// Refuses up front a number of sockets that cannot fit in the limit, raising the soft limit when that is enough.
    static func ensure(sockets: Int, option: String) throws {
        let needed = UInt64(sockets + spare)
        let hard = limit().hard
        guard hard >= needed else {
            throw ValidationError("\(option) \(sockets) needs about \(needed) open files (one socket per client + \(spare)), but this "
                                  + "process may open at most \(hard) (ulimit -n): use \(option) \(Int(hard) - spare) or less")
        }
        let soft = raise(to: needed)
        guard soft >= needed else { throw ValidationError("\(option) \(sockets) needs about \(needed) open files; the limit is \(soft) and could not be raised") }
    }
}
