using Xunit.Abstractions;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Simulation;

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

    /// <summary>
    /// Two Byzantine members of seven (the would-be leaders below; an inflated count and a forged proof in the mixed test):
    /// every height commits, every honest replica agrees, nothing of the attack gets in, and both attackers deviated.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("claim-equivocation,late-blob", 2)]
    [InlineData("withhold-votes,late-blob", 2)]
    [InlineData("vote-flood,replayed-proof", 2)]
    [InlineData("label-flip,sign-flip", 1)]
    [InlineData("noise-update,poison-scale", 1)]
    public async Task Two_Byzantine_members_of_seven_do_not_stop_or_corrupt_the_chain(string attacks, int heights)
    {
        var result = await Run(7, 2, attacks, heights);
        Assert.True(result.Agreed);
        Assert.Equal(heights, result.Simulation.Rounds.Count);
        Assert.All(result.Simulation.Rounds, r => Assert.Equal(0, r.ByzantineAccepted));
        Assert.All(result.Acted, a => Assert.True(a.Value > 0, $"{a.Key} ({result.Simulation.Attacks[a.Key]}) never deviated"));
    }

    /// <summary>
    /// Two would-be Byzantine leaders of seven (the lying aggregates; an equivocation): each fits its model to the public
    /// batch, so the two top the ranking and lead views 0 and 1 in turn. The claim window lets every claim in first, so
    /// that every member ranks the same claims. Neither view commits: the height commits in a later view under an honest
    /// leader, every honest replica agrees, and both attackers deviated.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("leader-substitute,leader-drop")]
    [InlineData("noise-leader,equivocation")]
    public async Task Two_would_be_leaders_of_seven_lead_in_turn_and_an_honest_leader_commits(string attacks)
    {
        var result = await Run(7, 2, attacks, heights: 1, null, Patient(10_000));
        var attackers = result.Simulation.Attacks.Where(a => a.Value != AttackKind.None).Select(a => a.Key).ToList();
        Assert.True(result.Agreed);
        var round = Assert.Single(result.Simulation.Rounds);
        Assert.Equal(0, round.ByzantineAccepted);
        Assert.DoesNotContain(round.Leader, attackers);
        Assert.True(round.View >= 2, $"the height committed in view {round.View}: a would-be leader's view committed, or it did not lead");
        Assert.All(result.Acted, a => Assert.True(a.Value > 0, $"{a.Key} ({result.Simulation.Attacks[a.Key]}) never deviated"));
    }

    /// <summary>
    /// A leader lying about the aggregate (a model of its own, or an included update left out of the sum): every honest
    /// member refuses its proposal, the height commits in a later view under an honest leader, and the exported chain
    /// verifies.
    /// </summary>
    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("leader-substitute")]
    [InlineData("leader-drop")]
    public async Task A_lying_leader_is_refused_and_the_height_commits_in_a_later_view_under_an_honest_leader(string attack)
    {
        string dir = SmallSimulation.ChainDirectory();
        var result = await Run(4, 1, attack, heights: 3, dir);
        string attacker = result.Simulation.Attacks.Single(a => a.Value != AttackKind.None).Key;
        Assert.True(result.Agreed);
        Assert.Equal(3, result.Simulation.Rounds.Count);
        Assert.All(result.Simulation.Rounds, r =>
        {
            Assert.Equal(0, r.ByzantineAccepted);
            Assert.NotEqual(attacker, r.Leader);
        });
        // The honest members are the first three; each refusal names its height and view.
        var refused = result.Members.Take(3).SelectMany(m => m.Problems).Where(p => p.Contains("aggregate rejected", StringComparison.Ordinal))
            .Select(p => System.Text.RegularExpressions.Regex.Match(p, @"^height (\d+) view (\d+) "))
            .Select(m => (Height: long.Parse(m.Groups[1].Value), View: int.Parse(m.Groups[2].Value))).Distinct().ToList();
        Assert.True(refused.Count > 0, $"no honest member refused a {attack} proposal in {result.Simulation.Rounds.Count} heights: the attack was not exercised");
        foreach (var (height, view) in refused)
        {
            var round = result.Simulation.Rounds.Single(r => r.Round == height);
            Assert.True(round.View > view, $"height {height}: the aggregate of view {view} was refused, yet the block committed in view {round.View}");
        }
        Assert.Equal(4, ExportedChain.Verify(dir, result.Simulation.GenesisHash).Count);
    }

    /// <summary>
    /// The largest Byzantine minority below a third of seven, the attacks dealt in turn (an inflated count, a forged
    /// proof), against the honest federation with the same seed: every height commits, no attacker's claim or update
    /// gets in, every attacker deviated, and the final accuracy moves less than two points. The claim window leaves every
    /// honest member time to train and prove, so that both runs average every honest model.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Two_mixed_attackers_of_seven_get_nothing_in_and_move_final_accuracy_less_than_two_points()
    {
        const int Members = 7, Byzantine = 2, Heights = 3;
        var honest = await Run(Members, 0, "none", Heights, null, Patient(20_000));
        string dir = SmallSimulation.ChainDirectory();
        var attacked = await Run(Members, Byzantine, AttackNames.Mixed, Heights, dir, Patient(20_000));

        Assert.True(honest.Agreed);
        Assert.All(honest.Simulation.Rounds, r => Assert.Equal(Members, r.Accepted.Count));
        // The comparison only means something if the honest federation learns: ten classes, so chance is 10 %.
        Assert.True(honest.Simulation.FinalAccuracy > 0.5, $"honest final accuracy {honest.Simulation.FinalAccuracy:P1} is not above 50 %");

        var attackers = AttackersOf(attacked, Byzantine, Heights);
        Assert.All(attacked.Simulation.Rounds, r => Assert.Equal(Members - Byzantine, r.Accepted.Count));
        double gap = Math.Abs(attacked.Simulation.FinalAccuracy - honest.Simulation.FinalAccuracy);
        Assert.True(gap <= 0.02, $"final accuracy {attacked.Simulation.FinalAccuracy:P2} under attack, {honest.Simulation.FinalAccuracy:P2} honest: {gap * 100:F2} points apart");
        Assert.Equal(Heights + 1, ExportedChain.Verify(dir, attacked.Simulation.GenesisHash).Count);
        Assert.Equal(Byzantine, attackers.Count);
    }

    /// <summary>The largest Byzantine minority below a third of ten (an inflated count, a forged proof, a replayed proof): every height commits, nothing of theirs gets in.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Three_mixed_attackers_of_ten_get_nothing_in()
    {
        var attacked = await Run(10, 3, AttackNames.Mixed, heights: 2, null, Patient(12_000));
        Assert.Equal(3, AttackersOf(attacked, 3, 2).Count);
    }

    /// <summary>
    /// The Byzantine members of a run after checking what holds whatever the attack: every honest replica agrees, every
    /// height committed, no attacker's claim is in a block or its update in the sum, and each attacker's code deviated.
    /// </summary>
    static HashSet<string> AttackersOf(FederationResult run, int byzantine, int heights)
    {
        var attackers = run.Simulation.Attacks.Where(a => a.Value != AttackKind.None).Select(a => a.Key).ToHashSet();
        Assert.Equal(byzantine, attackers.Count);
        Assert.True(run.Agreed);
        Assert.Equal(heights, run.Simulation.Rounds.Count);
        foreach (var round in run.Simulation.Rounds)
        {
            Assert.Equal(0, round.ByzantineAccepted);
            Assert.DoesNotContain(round.Accepted, c => attackers.Contains(c.Participant));
            Assert.DoesNotContain(round.Aggregated, attackers.Contains);
        }
        Assert.All(run.Acted, a => Assert.True(a.Value > 0, $"{a.Key} ({run.Simulation.Attacks[a.Key]}) never deviated"));
        return attackers;
    }

    /// <summary><see cref="Fast"/> with a claim window long enough for every member's training and proof, several members proving on two cores at once.</summary>
    static FederationOptions Patient(long claimWindowMs) => Fast() with
    {
        Timing = new ConsensusTiming { ClaimWindowMs = claimWindowMs, ViewTimeoutMs = 4_000, ViewGrowthMs = 2_000, MaxViewTimeoutMs = 16_000 },
        HeightTimeout = TimeSpan.FromMinutes(3),
    };

    /// <summary>
    /// Attacks on the model train harder (1,500 samples, three epochs), so that an honest model is clearly
    /// better than a poisoned one and the half-the-best rule has something to tell apart.
    /// </summary>
    async Task<FederationResult> Run(int members, int byzantine, string attack, int heights, string? export = null, FederationOptions? options = null)
    {
        var settings = SmallSimulation.Settings(members, byzantine, attack, heights, 1) with { TrainSamplesPerParticipant = 1500, LocalEpochs = 3 };
        var result = await new FederationSimulation(settings, options ?? Fast()).RunAsync(export);
        foreach (var r in result.Simulation.Rounds)
            output.WriteLine($"height {r.Round}: leader {r.Leader} view {r.View} evidence {r.Evidence} in block (correct) {string.Join(",", r.Accepted.Select(c => $"{c.Participant} ({c.Correct})"))} included {string.Join(",", r.Aggregated)}");
        foreach (var m in result.Members) output.WriteLine($"member at {m.ChainHeight}: refused {m.Refused}, dropped {m.Dropped}; {string.Join(" | ", m.Problems.TakeLast(2))}");
        foreach (var a in result.Acted) output.WriteLine($"{a.Key} ({result.Simulation.Attacks[a.Key]}) deviated {a.Value} times");
        return result;
    }
}
