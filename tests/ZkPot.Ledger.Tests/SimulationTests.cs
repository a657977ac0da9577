using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Simulation;

namespace ZkPot.Ledger.Tests;

public sealed class SimulationTests
{
    [Fact]
    public void Same_seed_gives_the_same_run()
    {
        var options = new SimulationOptions { Nodes = 7, Byzantine = 2, Rounds = 3 };
        var a = ConsensusSimulation.RunSeed(options, 11);
        var b = ConsensusSimulation.RunSeed(options, 11);
        Assert.Equal(a.ReferenceChain.Select(x => x.Hash), b.ReferenceChain.Select(x => x.Hash));
        Assert.Equal((a.EndedAtMs, a.ViewChanges, a.EvidenceRecorded), (b.EndedAtMs, b.ViewChanges, b.EvidenceRecorded));
        var c = ConsensusSimulation.RunSeed(options, 12);
        Assert.NotEqual(a.ReferenceChain[1].Hash, c.ReferenceChain[1].Hash);
    }

    [Fact]
    public void Small_cluster_within_the_bound_commits_every_round_safely()
    {
        var s = ConsensusSimulation.Run(new SimulationOptions { Nodes = 4, Byzantine = 1, Rounds = 3 }, 10);
        Assert.Equal(0, s.SafetyViolations);
        Assert.Equal(s.RoundsExpected, s.RoundsCommitted);
        Assert.Equal(0, s.ByzantineClaimsAccepted);
    }

    /// <summary>
    /// Each attack kind as its own code speaking the protocol (the engine's Byzantine nodes, not a flag in an honest
    /// node), alone at 4 nodes and twice at 7, over seeds with drops, reordering and a healed partition.
    /// </summary>
    [Theory]
    [InlineData(ByzantineRole.InvalidProof)]
    [InlineData(ByzantineRole.InflatedClaim)]
    [InlineData(ByzantineRole.ReplayedClaim)]
    [InlineData(ByzantineRole.EquivocatingLeader)]
    [InlineData(ByzantineRole.NoiseAggregate)]
    [InlineData(ByzantineRole.ClaimEquivocator)]
    [InlineData(ByzantineRole.Flooder)]
    public void Every_attack_kind_at_4_and_7_nodes_is_safe_commits_every_height_and_gets_no_forged_claim_in(ByzantineRole role)
    {
        foreach (var (nodes, byzantine) in new[] { (4, 1), (7, 2) })
        {
            var s = ConsensusSimulation.Run(new SimulationOptions { Nodes = nodes, Byzantine = byzantine, Rounds = 3, Roles = [role] }, 6);
            Assert.All(s.Runs, r => Assert.All(r.Roles, x => Assert.Equal(role, x)));
            Assert.Equal(0, s.SafetyViolations);
            Assert.Equal(s.RoundsExpected, s.RoundsCommitted);
            Assert.Equal(0, s.ByzantineClaimsAccepted);
            if (role is ByzantineRole.ClaimEquivocator or ByzantineRole.EquivocatingLeader)
                Assert.True(s.Runs.Sum(r => r.EvidenceRecorded) > 0, $"{role} at n={nodes}: no evidence recorded");
        }
    }

    [Fact]
    public void Simulated_chain_passes_chain_verification()
    {
        var run = ConsensusSimulation.RunSeed(new SimulationOptions { Nodes = 7, Byzantine = 2, Rounds = 4 }, 3);
        Assert.Equal(5, run.ReferenceChain.Count);
        var verdict = ChainVerifier.Verify(run.ReferenceChain, run.Validators, new ClaimVerifier(run.ProofVerifier));
        Assert.True(verdict.Ok, verdict.Problem);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Ten_nodes_three_byzantine_200_seeds_are_safe_live_after_healing_and_accept_no_forged_claim()
    {
        var s = ConsensusSimulation.Run(new SimulationOptions { Nodes = 10, Byzantine = 3, Rounds = 5 }, 200);
        Assert.Equal(0, s.SafetyViolations);
        Assert.Equal(1000, s.RoundsCommitted);
        Assert.Equal(0, s.ByzantineClaimsAccepted);
        Assert.True(s.ByzantineClaimsSubmitted > 0, "the adversary submitted no forged claim");
        // Seeds whose coalition has an equivocating leader must leave evidence on the chain.
        Assert.All(s.Runs.Where(r => r.Roles.Contains(ByzantineRole.EquivocatingLeader)), r => Assert.True(r.EvidenceRecorded > 0, $"seed {r.Seed} recorded no evidence"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Ten_nodes_four_byzantine_break_safety_by_equivocation_and_liveness_by_withheld_votes()
    {
        var s = ConsensusSimulation.Run(new SimulationOptions { Nodes = 10, Byzantine = 4, Rounds = 5, MaxSimulatedMs = 60_000 }, 40);
        // 4 Byzantine + 3 honest = 7 = quorum on each side of an equivocation: two blocks commit at one height.
        Assert.True(s.SafetyViolations > 0, "expected forks with f = 4 of 10");
        Assert.All(s.Runs.Where(r => r.SafetyViolations > 0), r => Assert.Contains(ByzantineRole.EquivocatingLeader, r.Roles));
        // 6 honest votes never reach the quorum of 7 when the coalition withholds its votes.
        Assert.True(s.RoundsCommitted < s.RoundsExpected / 2, $"{s.RoundsCommitted} of {s.RoundsExpected} rounds committed");
        Assert.All(s.Runs.Where(r => !r.Roles.Contains(ByzantineRole.EquivocatingLeader)), r => Assert.Equal(0, r.RoundsCommitted));
        // Forged claims still never get in: proofs are checked by every honest validator whatever f is.
        Assert.Equal(0, s.ByzantineClaimsAccepted);
    }
}
