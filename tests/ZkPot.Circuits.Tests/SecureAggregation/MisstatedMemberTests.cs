using ZkPot.Circuits.SecureAggregation;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// Review finding: the leader hands participants the attempt's set, and an honest participant masked in a set that
/// misstated its own D. Its update then fails check 1, and the leader names it InconsistentUpdate with evidence that
/// checks in that context, the one every other participant was given too. A participant now refuses a set that
/// misstates its own entry (D or keys).
/// </summary>
public sealed class MisstatedMemberTests
{
    [Fact]
    public void An_honest_participant_given_a_set_that_misstates_its_commitment_refuses_it_and_is_not_named()
    {
        var f = new MaskFixture(7);
        var victim = f.Members[4];
        var other = f.Members[5];
        var set = f.Members.Select(m => m == victim ? m with { Commitment = other.Commitment } : m).ToList();
        var result = MaskRound.Run(f.Task, MaskFixture.Round, set, f.Values, f.Parties(), f.Bases);
        Assert.DoesNotContain(result.Named, e => e.Offender == victim.Id);
        Assert.Null(f.Honest(victim.Id).Advert(new MaskContext(f.Task, MaskFixture.Round, 0, set, f.Values)));
        Assert.Null(f.Honest(victim.Id).Advert(new MaskContext(f.Task, MaskFixture.Round, 0,
            f.Members.Select(m => m == victim ? m with { SigningKey = other.SigningKey } : m), f.Values)));
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != victim.Id));
    }
}
