using ZkPot.Circuits.SecureAggregation;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// Review finding: whether an edge is in use was decided from the two ends' adverts, but the header of a masked update
/// did not say which advert of the other end its sender had seen. A Byzantine neighbour signs a second advert with
/// another seed commitment for the edge, and a leader builds PairLie evidence against the honest end from that advert.
/// </summary>
public sealed class EquivocationFramingTests
{
    /// <summary>The Byzantine neighbour's own second advert: the same, but with <paramref name="commitment"/> for its edge to <paramref name="target"/>.</summary>
    static byte[] Equivocate(NodeIdentity byzantine, MaskContext context, MaskAdvert advert, NodeId target, Hash32 commitment) =>
        MaskAdvert.Create(byzantine, context, advert.SelfHash,
            advert.Edges.Select(e => e.Holder == target ? e with { SeedCommitment = commitment } : e).ToList());

    [Fact]
    public void A_Byzantine_neighbour_signing_two_adverts_cannot_have_an_honest_participant_convicted_of_a_pair_lie()
    {
        var f = new MaskFixture(7);
        var context = f.Context();
        var honest = f.Members[1].Id;
        var byzantine = context.Neighbours(honest)[0].Id;
        var parties = f.Parties();
        var adverts = f.Members.ToDictionary(m => m.Id, m => parties[m.Id].Advert(context)!);
        var own = MaskAdvert.Parse(adverts[honest], context);
        var real = MaskAdvert.Parse(adverts[byzantine], context);
        var seed = MaskSecrets.PairSeed(f.Identity(byzantine), context, honest);

        // 1. The honest participant sees the real advert (edge in use, P = commitment to the mask); the evidence
        //    shows a second advert with another seed commitment (edge "unused", so the truth would be the identity).
        var header = MaskedUpdate.Parse(parties[honest].Mask(context, [.. adverts.Values])!, context).Header;
        var unusedView = Equivocate(f.Identity(byzantine), context, real, honest, Hash32.Sha256("not the seed"u8));
        Assert.NotNull(new MaskEvidence(MaskOffence.PairLie, honest, [header, own.Bytes, unusedView]).Problem(context, f.Bases));

        // 2. The other way: it is shown the odd advert (edge unused, P = identity); the evidence shows the real one
        //    and the seed, revealed by the Byzantine end, which knows it.
        var odd = Equivocate(f.Identity(byzantine), context, real, honest, Hash32.Sha256("not the seed"u8));
        var shown = adverts.Select(a => a.Key == byzantine ? odd : a.Value).ToList();
        var header2 = MaskedUpdate.Parse(f.Honest(honest).Mask(context, shown)!, context).Header;
        Assert.True(MaskedUpdate.ParseHeader(header2, context).PairWith(byzantine).IsInfinity);
        var reveal = SeedReveal.Create(f.Identity(byzantine), context, honest, seed);
        Assert.NotNull(new MaskEvidence(MaskOffence.PairLie, honest, [header2, own.Bytes, real.Bytes, reveal]).Problem(context, f.Bases));

        // 3. A leader holding the real adverts and an update masked against the odd one names no one: its sender leaves U.
        var leader = new MaskLeader(context, f.Bases);
        foreach (var a in adverts.Values) Assert.Null(leader.AcceptAdvert(a));
        foreach (var m in f.Members)
            Assert.Null(leader.AcceptMasked(m.Id == honest ? f.Honest(honest).Mask(context, shown)! : parties[m.Id].Mask(context, leader.Adverts)!));
        Assert.Empty(leader.CheckUpdates());
        Assert.Empty(leader.Named);
        Assert.DoesNotContain(honest, leader.Survivors);
    }

    /// <summary>
    /// What framing bought: with PairLie evidence that checked against an honest participant, rule (c) let a restart
    /// drop it from the survivors as a proven cheater, and the two sums differ by its model (one Byzantine neighbour,
    /// where the table claims to withstand one).
    /// </summary>
    [Fact]
    public void A_framed_participant_cannot_be_dropped_from_a_restart_to_difference_its_model()
    {
        var f = new MaskFixture(7);
        var victim = f.Members[1].Id;
        var parties = f.Parties();
        ModelSum? Attempt(int attempt, IReadOnlyList<MaskMember> members, IReadOnlyList<MaskEvidence> grounds, out MaskContext context, out Dictionary<NodeId, byte[]> adverts, out Dictionary<NodeId, byte[]> headers)
        {
            context = new MaskContext(f.Task, MaskFixture.Round, attempt, members, f.Values);
            var leader = new MaskLeader(context, f.Bases);
            var c = context;
            adverts = members.ToDictionary(m => m.Id, m => parties[m.Id].Advert(c)!);
            foreach (var a in adverts.Values) leader.AcceptAdvert(a);
            var masked = members.ToDictionary(m => m.Id, m => parties[m.Id].Mask(c, leader.Adverts)!);
            headers = masked.ToDictionary(p => p.Key, p => MaskedUpdate.Parse(p.Value, c).Header);
            foreach (var m in masked.Values) leader.AcceptMasked(m);
            leader.CheckUpdates();
            foreach (var id in leader.Survivors)
                if (parties[id].Unmask(context, leader.Survivors, grounds) is { } reply) leader.AcceptUnmask(reply);
            return leader.Finish().Sum;
        }
        var first = Attempt(0, f.Members, [], out var context0, out var adverts0, out var headers0);
        Assert.NotNull(first);
        var byzantine = context0.Neighbours(victim)[0].Id;
        var odd = Equivocate(f.Identity(byzantine), context0, MaskAdvert.Parse(adverts0[byzantine], context0), victim, Hash32.Sha256("not the seed"u8));
        var framed = new MaskEvidence(MaskOffence.PairLie, victim, [headers0[victim], adverts0[victim], odd]);
        var second = Attempt(1, f.Members.Where(m => m.Id != victim).ToList(), [framed], out _, out _, out _);
        long[]? stolen = second is null ? null : first!.Sums.Zip(second.Sums, (a, b) => a - b).ToArray();
        Assert.NotEqual(f.Openings[victim].Values, stolen);
        Assert.Null(second);
    }
}
