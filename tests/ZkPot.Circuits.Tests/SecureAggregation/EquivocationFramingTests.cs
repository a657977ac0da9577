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
}
