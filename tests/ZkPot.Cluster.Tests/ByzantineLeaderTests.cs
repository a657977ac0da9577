using Xunit.Abstractions;
using ZkPot.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// A Byzantine leader (one of four, trained harder so that it leads) proposes a model of its own or leaves one included
/// update out of the sum. Every honest validator refuses the aggregate, the height commits under an honest leader in a
/// later view, and nothing of the attack gets into the chain.
/// </summary>
public sealed class ByzantineLeaderTests(ITestOutputHelper output)
{
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("leader-substitute")]
    [InlineData("leader-drop")]
    public async Task A_leader_lying_about_the_aggregate_is_refused_and_the_round_commits_under_an_honest_leader(string attack)
    {
        await using var cluster = await EmbeddedCluster.StartAsync(2, SharedStores.Content, new SharedStateStore());
        var settings = SmallSimulation.Settings(4, 1, attack, 3, 2) with { TrainSamplesPerParticipant = 1000 };
        string dir = SmallSimulation.ChainDirectory();
        var result = await new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(dir);
        string attacker = result.Attacks.Single(a => a.Value != AttackKind.None).Key;

        int refused = 0;
        foreach (var round in result.Rounds)
        {
            output.WriteLine($"{attack} round {round.Round}: leader {round.Leader} view {round.View}; {string.Join(" | ", round.Problems)}");
            Assert.True(round.Committed, string.Join("\n", round.Problems));
            Assert.Equal(0, round.ByzantineAccepted);
            Assert.NotEqual(attacker, round.Leader);
            if (round.Problems.Any(p => p.Contains("aggregate rejected", StringComparison.Ordinal)))
            {
                refused++;
                Assert.True(round.View > 0, $"round {round.Round}: a refused aggregate, yet committed in view 0");
            }
        }
        Assert.True(refused > 0, $"the {attack} leader never led a view in {result.Rounds.Count} rounds: the attack was not exercised");
        Assert.Equal(settings.Rounds + 1, ExportedChain.Verify(dir, result.GenesisHash).Count);
    }
}
