using ZkPot.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Cluster.Tests;

public sealed class RoundTests
{
    static SimulationSettings Small(int participants, int byzantine, string attack, int rounds, int silos) => new()
    {
        Participants = participants, Byzantine = byzantine, Attack = attack, Rounds = rounds, Silos = silos,
        Hidden = 4, TestSamples = 8, Seed = 7, TrainSamplesPerParticipant = 600, CeremonyContributors = 0,
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Honest_round_commits_a_block_whose_real_proofs_pass_chain_verification()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(2, SharedStores.Content, new SharedStateStore());
        var settings = Small(4, 0, "none", 1, 2);
        string dir = Path.Combine(Path.GetTempPath(), "zkpot-cluster-" + Guid.NewGuid().ToString("N"));
        var result = await new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(dir);

        var report = Assert.Single(result.Rounds);
        Assert.True(report.Committed, string.Join("\n", report.Problems) + $" submissions after {report.TrainProveSeconds:F1} s");
        Assert.Equal(4, report.Accepted.Count);
        Assert.Empty(report.Rejected);

        var (manifest, blocks) = ChainDirectory.Load(dir);
        var registry = ProofVerifierRegistry.WithBuiltIns();
        Groth16ProofVerifier.Register(registry);
        var proofs = registry.Create(manifest.ProofScheme, manifest.ProofParameters, dir);
        var verdict = ChainVerifier.Verify(blocks, manifest.Validators, new ClaimVerifier(proofs), expectedGenesis: manifest.GenesisHash);
        Assert.True(verdict.Ok, verdict.Problem);
        Assert.Equal(2, verdict.BlocksChecked);
    }
}
