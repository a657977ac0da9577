using ZkPot.Circuits.SecureAggregation;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// Review findings on restarts (PROTOCOL §12, rule (c)): two sums an honest participant helps reveal in one round must
/// differ only by proven cheaters' models. A leader's own code runs two attempts whose survivor sets differ by an honest
/// victim and subtracts the sums.
/// </summary>
public sealed class RestartDifferencingTests
{
    /// <summary>One attempt run by a leader of its own: survivors are those whose masked update it chooses to take.</summary>
    static (ModelSum? Sum, IReadOnlyList<MaskEvidence> Named) Attempt(MaskFixture f, Dictionary<NodeId, IMaskParty> parties, int attempt,
        IReadOnlyList<MaskMember> members, NodeId? ignored, IReadOnlyList<MaskEvidence> grounds)
    {
        var context = new MaskContext(f.Task, MaskFixture.Round, attempt, members, f.Values);
        var leader = new MaskLeader(context, f.Bases);
        foreach (var m in members) leader.AcceptAdvert(parties[m.Id].Advert(context)!);
        var adverts = leader.Adverts;
        foreach (var m in members)
            if (m.Id != ignored && parties[m.Id].Mask(context, adverts) is { } masked) leader.AcceptMasked(masked);
        Assert.Empty(leader.CheckUpdates());
        var survivors = leader.Survivors;
        foreach (var id in survivors)
            if (parties[id].Unmask(context, survivors, grounds) is { } reply) leader.AcceptUnmask(reply);
        var outcome = leader.Finish();
        return (outcome.Sum, leader.Named);
    }

    /// <summary>
    /// "same-set": attempt 0 over S claims the victim dropped (its masked update is ignored); attempt 1 over the same S
    /// with everyone in. No participant left S, so rule (c) as written (the set less proven cheaters) lets it through.
    /// "cheater-removed": a colluder sends an update that does not open (named, with real evidence) in attempt 0, where
    /// the victim is also claimed dropped; attempt 1 is S less the colluder, with the victim in. Σ U1 − Σ U0 = x_victim.
    /// </summary>
    [Theory]
    [InlineData("same-set")]
    [InlineData("cheater-removed")]
    public void A_leader_cannot_difference_two_attempts_whose_survivors_differ_by_an_honest_participant(string strategy)
    {
        var f = new MaskFixture(7);
        var victim = f.Members[3].Id;
        var colluder = f.Members[5].Id;
        var parties = f.Parties(id => strategy == "cheater-removed" && id == colluder ? new InconsistentMasker(f.Identity(id), f.Honest(id), shift: 1) : null);

        var (first, named) = Attempt(f, parties, 0, f.Members, victim, []);
        Assert.NotNull(first);
        var second = strategy == "same-set" ? f.Members : f.Members.Where(m => !named.Any(n => n.Offender == m.Id)).ToList();
        if (strategy == "cheater-removed") Assert.Equal(colluder, Assert.Single(named).Offender);
        var (sum, _) = Attempt(f, parties, 1, second, null, named);

        long[]? stolen = sum is null ? null : sum.Sums.Zip(first!.Sums, (a, b) => a - b).ToArray();
        Assert.NotEqual(f.Openings[victim].Values, stolen);
        Assert.Null(sum);
    }

    /// <summary>The memory is per task and round: a participant in two tasks that share a round number answers both.</summary>
    [Fact]
    public void A_participant_in_two_tasks_with_the_same_round_number_unmasks_both()
    {
        var f = new MaskFixture(4);
        var memory = new UnmaskMemory();
        var self = f.Members[0].Id;
        var all = f.Members.Select(m => m.Id).ToList();
        var first = new MaskContext(f.Task, MaskFixture.Round, 0, f.Members, f.Values);
        var other = new MaskContext(Hash32.Sha256("another task"u8), MaskFixture.Round, 0, f.Members.Take(3), f.Values);
        Assert.Null(memory.Permit(self, first, all, [], f.Bases));
        Assert.Null(memory.Permit(self, other, all.Take(3).ToList(), [], f.Bases));
    }

    /// <summary>Advertises in the first attempt only, then is gone for good (it drops after the set is fixed and never comes back).</summary>
    sealed class GoneAfterFirstAdvert(IMaskParty honest) : IMaskParty
    {
        public NodeId Id => honest.Id;
        public byte[]? Advert(MaskContext context) => context.Attempt == 0 ? honest.Advert(context) : null;
        public byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts) => null;
        public byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader) => null;
        public byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) => null;
    }

    /// <summary>
    /// Liveness of the honest round: a self mask liar forces a restart, and a participant that dropped in the first
    /// attempt's phase 2 is silent in the next one's phase 1, so the set loses it without evidence. It was never a
    /// survivor, so the participants' rule must let it go; comparing sets S stalled the round here.
    /// </summary>
    [Fact]
    public void A_restart_after_a_cheater_sums_the_honest_even_when_a_first_attempt_dropout_never_returns()
    {
        var f = new MaskFixture(8);
        var cheater = f.Members[0].Id;
        var gone = f.Members[4].Id;
        var delta = Enumerable.Range(0, f.Values + 1).Select(i => Fr.FromUInt64(3)).ToArray();
        var result = f.Run(f.Parties(id => id == cheater ? new SelfMaskLiar(f.Identity(id), f.Honest(id), delta, f.Bases)
                                          : id == gone ? new GoneAfterFirstAdvert(f.Honest(id)) : null));
        Assert.Equal(cheater, Assert.Single(result.Named).Offender);
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != cheater && id != gone));
    }
}
