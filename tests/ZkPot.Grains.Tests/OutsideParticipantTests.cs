using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;

namespace ZkPot.Grains.Tests;

public sealed class OutsideParticipantTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_participant_outside_the_cluster_trains_and_proves_itself_and_its_claim_is_accepted()
    {
        var settings = new SimulationSettings
        {
            Participants = 4, Rounds = 1, Silos = 2, Hidden = 4, TestSamples = 8, Seed = 11, TrainSamplesPerParticipant = 600,
            DevSetup = true, Outside = new HashSet<int> { 3 },
        };
        await using var cluster = await EmbeddedCluster.StartAsync(2, ZkPotStorage.SharedMemory(new SharedStateStore()));
        string key = FederatedSimulation.KeyOf(3, settings.Silos);
        var worker = new OutsideParticipant(key, cluster.Content);
        var claims = new List<ClaimSubmission>();
        worker.Claimed += s => { lock (claims) claims.Add(s); };
        var reference = cluster.Cluster.Client.CreateObjectReference<IParticipantWorker>(worker);

        var run = new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(null);
        var grain = cluster.Grains.GetGrain<IParticipantGrain>(key);
        while (!run.IsCompleted)
        {
            try
            {
                // The process is its member's: it reads its keys from the member's key store, not from the cluster.
                worker.Configure(await grain.Attach(reference), cluster.Keys.Get(key));
                break;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("not initialized", StringComparison.Ordinal))
            {
                await Task.Delay(200);
            }
        }
        var result = await run;

        var round = Assert.Single(result.Rounds);
        Assert.True(round.Committed, string.Join("\n", round.Problems));
        var made = Assert.Single(claims);
        Assert.Equal(1, made.Round);
        Assert.StartsWith("external:", made.ProverSilo);
        var accepted = Assert.Single(round.Accepted, a => a.Participant == key);
        Assert.StartsWith("external:", accepted.ProvedOn);
        Assert.All(round.Accepted.Where(a => a.Participant != key), a => Assert.DoesNotContain("external", a.ProvedOn));
        Assert.True(await grain.IsAttached());
    }

    [Fact]
    public async Task Attaching_before_the_coordinator_set_the_participant_up_is_refused()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(1);
        var worker = new OutsideParticipant("owner0/p9", cluster.Content);
        var reference = cluster.Cluster.Client.CreateObjectReference<IParticipantWorker>(worker);
        var grain = cluster.Grains.GetGrain<IParticipantGrain>("owner0/p9");
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Attach(reference));
        Assert.Contains("not initialized", e.Message);
        Assert.False(await grain.IsAttached());
    }
}
