using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cluster.Tests;

public sealed class RoundTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Honest_round_commits_a_block_whose_real_proofs_pass_chain_verification()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(2, SharedStores.Content, new SharedStateStore());
        var settings = SmallSimulation.Settings(4, 0, "none", 1, 2);
        string dir = SmallSimulation.ChainDirectory();
        var result = await new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(dir);

        var report = Assert.Single(result.Rounds);
        Assert.True(report.Committed, string.Join("\n", report.Problems) + $" submissions after {report.TrainProveSeconds:F1} s");
        Assert.Equal(4, report.Accepted.Count);
        Assert.Empty(report.Rejected);
        Assert.Equal(2, ExportedChain.Verify(dir, result.GenesisHash).Count);
    }
}
