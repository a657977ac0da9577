namespace ZkPot.Ledger.Simulation;

/// <summary>Size, adversary and network of a simulated run; times in simulated milliseconds.</summary>
public sealed record SimulationOptions
{
    public int Nodes { get; init; } = 10;
    public int Byzantine { get; init; } = 3;
    public int Rounds { get; init; } = 5;
    public int TestSamples { get; init; } = 1000;

    /// <summary>The coalition's roles, dealt in turn; null deals every role, starting at an offset that varies with the seed.</summary>
    public IReadOnlyList<ByzantineRole>? Roles { get; init; }

    /// <summary>Before the heal time: messages are delayed in [MinDelay, MaxDelay), dropped with DropRate, and cut between the two sides of a partition.</summary>
    public long MinDelayMs { get; init; } = 5;
    public long MaxDelayMs { get; init; } = 400;
    public double DropRate { get; init; } = 0.15;

    /// <summary>The heal time is drawn per seed in [HealMinMs, HealMaxMs); the partition lasts from 0 to a point before it.</summary>
    public long HealMinMs { get; init; } = 2000;
    public long HealMaxMs { get; init; } = 8000;

    /// <summary>After healing: no drops, no partition, delays in [MinDelay, HealedMaxDelay).</summary>
    public long HealedMaxDelayMs { get; init; } = 60;

    /// <summary>Simulated proving time after a node enters a round, drawn in [ProveMinMs, ProveMaxMs).</summary>
    public long ProveMinMs { get; init; } = 50;
    public long ProveMaxMs { get; init; } = 400;

    public long ClaimWindowMs { get; init; } = 1000;
    public long ViewTimeoutMs { get; init; } = 1500;
    public long ViewTimeoutGrowthMs { get; init; } = 500;
    public long MaxViewTimeoutMs { get; init; } = 8000;

    /// <summary>A run stops here even if rounds are missing (liveness lost).</summary>
    public long MaxSimulatedMs { get; init; } = 120_000;
}
