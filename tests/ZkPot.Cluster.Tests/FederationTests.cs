using Xunit.Abstractions;
using ZkPot.Grains;
using ZkPot.Grains.Federation;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// Members as separate trust domains: each its own cluster, storage and key store, meeting only over the federation
/// link, on their own clocks, with no relay. The Byzantine ones run their own code (ZkPot.Grains.Adversary).
/// </summary>
public sealed class FederationTests(ITestOutputHelper output)
{
    /// <summary>Short clocks for a small task (a 4-unit model proves in well under a second).</summary>
    internal static FederationOptions Fast(LinkFaults? faults = null) => new()
    {
        Timing = new ConsensusTiming { ClaimWindowMs = 4_000, ViewTimeoutMs = 2_500, ViewGrowthMs = 1_000, MaxViewTimeoutMs = 8_000 },
        Faults = faults ?? LinkFaults.None, TickMs = 25, HeightTimeout = TimeSpan.FromSeconds(90),
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Honest_members_commit_every_height_over_a_lossy_link()
    {
        var settings = SmallSimulation.Settings(4, 0, "none", 3, 1);
        var faults = new LinkFaults { DropRate = 0.05, DuplicateRate = 0.1, MaxDelayMs = 40, Seed = 3 };
        string dir = SmallSimulation.ChainDirectory();
        var result = await new FederationSimulation(settings, Fast(faults)).RunAsync(dir);
        foreach (var r in result.Simulation.Rounds) output.WriteLine($"height {r.Round}: leader {r.Leader} view {r.View} included {string.Join(",", r.Aggregated)}");
        foreach (var m in result.Members) output.WriteLine($"member at {m.ChainHeight}: refused {m.Refused}, dropped {m.Dropped}; {string.Join(" | ", m.Problems.TakeLast(3))}");
        Assert.True(result.Agreed);
        Assert.Equal(3, result.Simulation.Rounds.Count);
        Assert.All(result.BytesSent.Values, b => Assert.True(b > 0));
        Assert.Equal(4, ExportedChain.Verify(dir, result.Simulation.GenesisHash).Count);
    }
}
