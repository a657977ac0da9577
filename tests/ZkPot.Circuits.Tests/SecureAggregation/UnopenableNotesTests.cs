using ZkPot.Circuits.SecureAggregation;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// Review finding: a dealer whose sealed notes do not open left its neighbours without notes of its self mask; the
/// leader counted it a survivor, could not interpolate its b at the end, named no one, and the round ended without a
/// sum, every round, for one Byzantine participant. Headers now say which neighbours' notes their sender holds, and U
/// leaves out anyone fewer than t of whose neighbours in U hold its note.
/// </summary>
public sealed class UnopenableNotesTests
{
    [Fact]
    public void A_dealer_whose_notes_do_not_open_is_left_out_and_the_round_sums_the_others()
    {
        var f = new MaskFixture(7);
        var dealer = f.Members[1].Id;
        var result = f.Run(f.Parties(id => id == dealer ? new GarbageDealer(f.Identity(id), f.Honest(id)) : null));
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != dealer));
    }
}
