using Xunit.Abstractions;
using ZkPot.Grains;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Simulation;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Cluster.Tests;

/// <summary>The largest Byzantine minority below a third (2 of 7, 3 of 10), mixing the attack kinds, against the honest run with the same seed.</summary>
public sealed class ByzantineTests(ITestOutputHelper output)
{
    const int Rounds = 3, Silos = 2;

    /// <summary>
    /// The small cluster settings, trained harder: with 600 samples, one epoch and two rounds the 4-unit model stays
    /// near 27 % on the full test set, where a two-point comparison says nothing. 1,500 samples, three epochs and three
    /// rounds reach about 74 % with the mean of the committed integer models (73-75 % in the runs of this test) at the cost
    /// of training, not proving.
    /// </summary>
    static SimulationSettings Learning(int participants, int byzantine, string attack) =>
        SmallSimulation.Settings(participants, byzantine, attack, Rounds, Silos) with { TrainSamplesPerParticipant = 1500, LocalEpochs = 3, LearningRate = 0.01f };

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData(7, 2)]
    [InlineData(10, 3)]
    public async Task Mixed_attackers_below_a_third_get_no_claim_accepted_and_move_final_accuracy_less_than_two_points(int participants, int byzantine)
    {
        var honest = await Simulate(Learning(participants, 0, "none"), null);
        string dir = SmallSimulation.ChainDirectory();
        var attacked = await Simulate(Learning(participants, byzantine, AttackNames.Mixed), dir);

        Assert.All(honest.Rounds, r =>
        {
            Assert.True(r.Committed, $"honest round {r.Round}: " + string.Join("; ", r.Problems));
            Assert.Equal(participants, r.Accepted.Count);
        });
        // The comparison only means something if the honest federation learns: ten classes, so chance is 10 %.
        Assert.True(honest.FinalAccuracy > 0.5, $"honest final accuracy {honest.FinalAccuracy:P1} is not above 50 %");

        var attackers = attacked.Attacks.Where(a => a.Value != AttackKind.None).Select(a => a.Key).ToHashSet();
        Assert.Equal(byzantine, attackers.Count);
        Assert.Equal(Rounds, attacked.Rounds.Count);
        foreach (var round in attacked.Rounds)
        {
            Assert.True(round.Committed, $"attacked round {round.Round}: " + string.Join("; ", round.Problems));
            Assert.Equal(0, round.ByzantineAccepted);
            Assert.DoesNotContain(round.Accepted, c => attackers.Contains(c.Participant));
            Assert.DoesNotContain(round.Aggregated, attackers.Contains);
            Assert.Equal(participants - byzantine, round.Accepted.Count);
            foreach (string attacker in attackers)
            {
                var rejected = Assert.Single(round.Rejected, c => c.Participant == attacker);
                // Rejected by verification (a named ledger rejection), not merely left out of the block or late.
                Assert.True(Enum.TryParse<ClaimRejection>(rejected.Reason, out var reason) && reason != ClaimRejection.None,
                    $"round {round.Round}: {attacker} ({attacked.Attacks[attacker]}) rejected as '{rejected.Reason}'");
            }
        }
        double gap = Math.Abs(attacked.FinalAccuracy - honest.FinalAccuracy);
        Assert.True(gap <= 0.02, $"final accuracy {attacked.FinalAccuracy:P2} under attack, {honest.FinalAccuracy:P2} honest: {gap * 100:F2} points apart");
        Assert.Equal(Rounds + 1, ExportedChain.Verify(dir, attacked.GenesisHash).Count);
    }

    async Task<SimulationResult> Simulate(SimulationSettings settings, string? exportDirectory)
    {
        // A fresh grain-state store per run: round grains are keyed by round number alone, so runs must not share one.
        await using var cluster = await EmbeddedCluster.StartAsync(Silos, SharedStores.Content, new SharedStateStore());
        var result = await new FederatedSimulation(cluster.Grains, cluster.Content, settings).RunAsync(exportDirectory);
        foreach (var r in result.Rounds)
            output.WriteLine($"N={settings.Participants} F={settings.Byzantine} round {r.Round}: committed={r.Committed} accepted={r.Accepted.Count} " +
                             $"rejected=[{string.Join(", ", r.Rejected.Select(c => $"{c.Participant}:{c.Reason}"))}] global={r.GlobalAccuracy:P1} view={r.View}");
        output.WriteLine($"N={settings.Participants} F={settings.Byzantine}: final accuracy {result.FinalAccuracy:P2}, setup {result.SetupSeconds:F1} s, total {result.TotalSeconds:F1} s");
        return result;
    }
}
