namespace ZkPot.Grains;

/// <summary>
/// A validator's clock settings, in wall-clock milliseconds, for members that run on their own timers (no relay): how
/// long claims are collected after a height is entered, and how long view v lasts (base + v * growth, capped).
/// </summary>
[GenerateSerializer, Immutable, Alias("zkpot.consensus-timing")]
public sealed class ConsensusTiming
{
    [Id(0)] public long ClaimWindowMs { get; set; } = 30_000;
    [Id(1)] public long ViewTimeoutMs { get; set; } = 4_000;
    [Id(2)] public long ViewGrowthMs { get; set; } = 2_000;
    [Id(3)] public long MaxViewTimeoutMs { get; set; } = 30_000;
}
