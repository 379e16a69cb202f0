/// Places the demo week around the moment it is loaded.
public enum DemoSchedule {
    /// The shift, in seconds, to add to every demo time so that the anchor session, which starts at
    /// `anchorStart` (seconds since 1970), has started 30 to 60 minutes before `now`, on a half-hour mark.
    public static func shift(anchorStart: Int64, now: Int64) -> Int64 {
        let halfHour: Int64 = 1_800
        let floored = now - ((now % halfHour) + halfHour) % halfHour
        let target = floored - halfHour
        return target - anchorStart
    }
}
