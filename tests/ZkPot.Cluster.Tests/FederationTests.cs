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
        Timing = new ConsensusTiming { ClaimWindowMs = 2_500, ViewTimeoutMs = 2_000, ViewGrowthMs = 1_000, MaxViewTimeoutMs = 8_000 },
        Faults = faults ?? LinkFaults.None, TickMs = 25, HeightTimeout = TimeSpan.FromSeconds(90),
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Honest_members_commit_every_height_over_a_lossy_link()
    {
        var settings = SmallSimulation.Settings(4, 0, "none", 2, 1);
        var faults = new LinkFaults { DropRate = 0.05, DuplicateRate = 0.1, MaxDelayMs = 40, Seed = 3 };
        string dir = SmallSimulation.ChainDirectory();
        var result = await new FederationSimulation(settings, Fast(faults)).RunAsync(dir);
        foreach (var r in result.Simulation.Rounds) output.WriteLine($"height {r.Round}: leader {r.Leader} view {r.View} included {string.Join(",", r.Aggregated)}");
        foreach (var m in result.Members) output.WriteLine($"member at {m.ChainHeight}: refused {m.Refused}, dropped {m.Dropped}; {string.Join(" | ", m.Problems.TakeLast(3))}");
        Assert.True(result.Agreed);
        Assert.Equal(2, result.Simulation.Rounds.Count);
        Assert.All(result.BytesSent.Values, b => Assert.True(b > 0));
        Assert.Equal(3, ExportedChain.Verify(dir, result.Simulation.GenesisHash).Count);
    }

    /// <summary>Every attack a member can make, each by one Byzantine member of four: every height commits, every honest replica agrees, nothing of the attack gets in.</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("withhold-votes")]
    [InlineData("equivocation")]
    [InlineData("vote-flood")]
    [InlineData("late-blob")]
    [InlineData("claim-equivocation")]
    [InlineData("forged-proof")]
    [InlineData("inflated-claim")]
    [InlineData("replayed-proof")]
    [InlineData("leader-substitute")]
    [InlineData("leader-drop")]
    [InlineData("noise-leader")]
    [InlineData("label-flip")]
    [InlineData("sign-flip")]
    [InlineData("noise-update")]
    [InlineData("poison-scale")]
    public async Task A_Byzantine_member_of_four_does_not_stop_or_corrupt_the_chain(string attack)
    {
        var result = await Run(4, 1, attack, heights: 1);
        Assert.True(result.Agreed);
        Assert.Single(result.Simulation.Rounds);
        Assert.All(result.Simulation.Rounds, r => Assert.Equal(0, r.ByzantineAccepted));
        Assert.True(result.Acted.Values.Single() > 0, $"the {attack} member never deviated: the attack was not made");
    }

    /// <summary>Two Byzantine members of seven: attacks that act whatever the ranking (a would-be leader is tested at four, where its chosen key wins the ties).</summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("claim-equivocation,late-blob")]
    [InlineData("withhold-votes,late-blob")]
    [InlineData("vote-flood,replayed-proof")]
    public async Task Two_Byzantine_members_of_seven_do_not_stop_or_corrupt_the_chain(string attacks)
    {
        var result = await Run(7, 2, attacks, heights: 2);
        Assert.True(result.Agreed);
        Assert.Equal(2, result.Simulation.Rounds.Count);
        Assert.All(result.Simulation.Rounds, r => Assert.Equal(0, r.ByzantineAccepted));
        Assert.All(result.Acted, a => Assert.True(a.Value > 0, $"{a.Key} ({result.Simulation.Attacks[a.Key]}) never deviated"));
    }

    /// <summary>
    /// Attacks on the model train harder (1,500 samples, three epochs), so that an honest model is clearly
    /// better than a poisoned one and the half-the-best rule has something to tell apart.
    /// </summary>
    async Task<FederationResult> Run(int members, int byzantine, string attack, int heights)
    {
        var settings = SmallSimulation.Settings(members, byzantine, attack, heights, 1) with { TrainSamplesPerParticipant = 1500, LocalEpochs = 3 };
        var result = await new FederationSimulation(settings, Fast()).RunAsync(null);
        foreach (var r in result.Simulation.Rounds) output.WriteLine($"height {r.Round}: leader {r.Leader} view {r.View} evidence {r.Evidence} included {string.Join(",", r.Aggregated)}");
        foreach (var m in result.Members) output.WriteLine($"member at {m.ChainHeight}: refused {m.Refused}, dropped {m.Dropped}; {string.Join(" | ", m.Problems.TakeLast(2))}");
        foreach (var a in result.Acted) output.WriteLine($"{a.Key} ({result.Simulation.Attacks[a.Key]}) deviated {a.Value} times");
        return result;
    }
}
