namespace ZkPot.Grains.Federation;

/// <summary>
/// What the in-process link does to traffic, drawn from a seeded generator: each message is dropped, duplicated and
/// delayed (so reordered) at these rates; a partition cuts every message between its two sides while it lasts.
/// </summary>
public sealed record LinkFaults
{
    public double DropRate { get; init; }
    public double DuplicateRate { get; init; }
    public int MaxDelayMs { get; init; }
    public ulong Seed { get; init; } = 1;

    /// <summary>Members cut off from the rest, from and until these times after the link's first message (empty: no partition).</summary>
    public IReadOnlySet<string> PartitionedOff { get; init; } = new HashSet<string>();
    public TimeSpan PartitionFrom { get; init; }
    public TimeSpan PartitionUntil { get; init; }

    public static LinkFaults None { get; } = new();

    public void Validate()
    {
        if (DropRate is < 0 or >= 1) throw new ArgumentException($"drop rate must be in [0, 1), got {DropRate}");
        if (DuplicateRate is < 0 or > 1) throw new ArgumentException($"duplicate rate must be in [0, 1], got {DuplicateRate}");
        if (MaxDelayMs < 0) throw new ArgumentException($"the delay must not be negative, got {MaxDelayMs} ms");
        if (PartitionUntil < PartitionFrom) throw new ArgumentException("a partition must end after it starts");
    }
}
