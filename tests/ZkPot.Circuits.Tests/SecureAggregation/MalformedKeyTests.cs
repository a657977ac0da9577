using ZkPot.Circuits.SecureAggregation;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// Review finding: a member whose genesis X25519 key is a low-order point (nothing in genesis refuses one) made every
/// honest neighbour's Advert throw while deriving the pair seed, so the exception escaped the round.
/// </summary>
public sealed class MalformedKeyTests
{
    [Fact]
    public void A_member_with_a_low_order_agreement_key_is_left_out_and_the_round_sums_the_others()
    {
        var f = new MaskFixture(7);
        var bad = f.Members[3];
        var set = f.Members.Select(m => m == bad ? m with { AgreementKey = new byte[32] } : m).ToList();
        var result = MaskRound.Run(f.Task, MaskFixture.Round, set, f.Values, f.Parties(), f.Bases);
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != bad.Id));
        Assert.Throws<ArgumentException>(() => new MaskContext(f.Task, MaskFixture.Round, 0, set, f.Values));
    }
}
