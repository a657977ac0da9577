using Xunit.Abstractions;
using ZkPot.Grains.Federation;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// The embedded federation over a bad network: one in ten messages lost, some duplicated, every one delayed up to
/// 80 ms (so reordered), and the members split two against two at the start, with no quorum on either side, until the
/// partition heals. Safety must hold throughout and every height must commit once it heals.
/// </summary>
public sealed class FaultyLinkTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Members_split_two_against_two_commit_every_height_once_the_partition_heals()
    {
        var settings = SmallSimulation.Settings(4, 0, "none", 2, 1);
        var faults = new LinkFaults
        {
            DropRate = 0.1, DuplicateRate = 0.05, MaxDelayMs = 80, Seed = 11,
            PartitionedOff = new HashSet<string> { FederationSimulation.OwnerOf(2), FederationSimulation.OwnerOf(3) },
            PartitionFrom = TimeSpan.Zero, PartitionUntil = TimeSpan.FromSeconds(15),
        };
        string dir = SmallSimulation.ChainDirectory();
        var result = await new FederationSimulation(settings, FederationTests.Fast(faults) with { HeightTimeout = TimeSpan.FromMinutes(3) }).RunAsync(dir);
        foreach (var r in result.Simulation.Rounds) output.WriteLine($"height {r.Round}: leader {r.Leader} view {r.View} included {string.Join(",", r.Aggregated)}");
        output.WriteLine($"cut by the partition: {result.Cut} messages");
        // The partition stood between members while they worked (else this test would be the lossy one again).
        Assert.True(result.Cut > 0, "the partition cut nothing");
        Assert.True(result.Agreed);
        Assert.Equal(2, result.Simulation.Rounds.Count);
        Assert.Equal(3, ExportedChain.Verify(dir, result.Simulation.GenesisHash).Count);
    }
}
