using ZkPot.Circuits.SecureAggregation;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// Review finding: the leader took a masked update after <see cref="MaskLeader.CheckUpdates"/> had run, and so never
/// checked it against D or its neighbours' pair commitments, yet counted it a survivor; a late update that does not
/// open its commitments then broke the sum with no one named. Messages arrive asynchronously on a real network, so a
/// late one must be refused, as must an unmask reply before the checks have fixed U.
/// </summary>
public sealed class LeaderPhaseOrderTests
{
    [Fact]
    public void A_masked_update_after_the_checks_and_an_unmask_reply_before_them_are_refused()
    {
        var f = new MaskFixture(7);
        var context = f.Context();
        var late = f.Members[2].Id;
        var parties = f.Parties(id => id == late ? new InconsistentMasker(f.Identity(id), f.Honest(id), shift: 1000) : null);
        var leader = new MaskLeader(context, f.Bases);
        foreach (var m in f.Members) Assert.Null(leader.AcceptAdvert(parties[m.Id].Advert(context)!));
        var masked = f.Members.ToDictionary(m => m.Id, m => parties[m.Id].Mask(context, leader.Adverts)!);
        foreach (var m in f.Members.Where(m => m.Id != late)) Assert.Null(leader.AcceptMasked(masked[m.Id]));

        var early = f.Members[0].Id;
        Assert.NotNull(leader.AcceptUnmask(parties[early].Unmask(context, f.Members.Select(m => m.Id).Where(id => id != late).ToList(), [])!));

        Assert.Empty(leader.CheckUpdates());
        Assert.NotNull(leader.AcceptMasked(masked[late]));
        Assert.DoesNotContain(late, leader.Survivors);
    }
}
