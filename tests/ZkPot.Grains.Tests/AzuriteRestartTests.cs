using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Grains.Tests;

public sealed class AzuriteRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    static readonly SimulationSettings Settings = new()
    {
        Participants = 4, Rounds = 1, Silos = 2, Hidden = 4, TestSamples = 8, Seed = 11, TrainSamplesPerParticipant = 600, DevSetup = true,
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_cluster_restarted_on_Azurite_finds_its_chain_intact_and_extends_it()
    {
        string taskHex;
        List<string> before;
        // The members' keys outlive the cluster in their key store (a local folder), as the chain does in storage.
        var keys = new KeyStore(Directory.CreateTempSubdirectory("zkpot-keys-").FullName);
        await using (var first = await EmbeddedCluster.StartAsync(2, ZkPotStorage.AzureBlob(azurite.Blobs), keys: keys))
        {
            var simulation = new FederatedSimulation(first.Grains, first.Content, Settings);
            taskHex = Convert.ToHexStringLower(simulation.Task.TaskId);
            var result = await simulation.RunAsync(null);
            Assert.True(Assert.Single(result.Rounds).Committed);
            before = await Hashes(first.Grains, taskHex);
            Assert.Equal(2, before.Count);
        }
        Assert.NotEmpty(azurite.Blobs.GetBlobContainerClient(ZkPotStorage.StateContainer).GetBlobs());
        Assert.NotEmpty(azurite.Blobs.GetBlobContainerClient(ZkPotStorage.ContentContainer).GetBlobs());

        string dir = Path.Combine(Path.GetTempPath(), "zkpot-restart-" + Guid.NewGuid().ToString("N"));
        await using (var second = await EmbeddedCluster.StartAsync(2, ZkPotStorage.AzureBlob(azurite.Blobs), keys: keys))
        {
            Assert.Equal(before, await Hashes(second.Grains, taskHex));
            var result = await new FederatedSimulation(second.Grains, second.Content, Settings).RunAsync(dir);
            var round = Assert.Single(result.Rounds);
            Assert.Equal(2, round.Round);
            Assert.True(round.Committed, string.Join("\n", round.Problems));
            var after = await Hashes(second.Grains, taskHex);
            Assert.Equal(3, after.Count);
            Assert.Equal(before, after.Take(2));
        }

        var chain = ChainDirectory.Load(dir);
        var genesis = ZkPot.Ledger.Crypto.Hash32.Parse(before[0]);
        Assert.Null(chain.AnchorProblem(genesis));
        var registry = ProofVerifierRegistry.WithBuiltIns();
        Groth16ProofVerifier.Register(registry);
        var verdict = ChainVerifier.Verify(chain.Blocks, chain.Genesis.Validators,
                                           new ClaimVerifier(registry.Create(chain.Genesis.ProofScheme, chain.Genesis.ProofParameters, chain.Files)),
                                           expectedGenesis: genesis);
        Assert.True(verdict.Ok, verdict.Problem);
        Assert.Equal(3, verdict.BlocksChecked);
    }

    static async Task<List<string>> Hashes(IGrainFactory grains, string taskHex) =>
        (await grains.GetGrain<IChainGrain>(taskHex).Blocks()).Select(b => Block.Decode(b).Hash.ToString()).ToList();
}
