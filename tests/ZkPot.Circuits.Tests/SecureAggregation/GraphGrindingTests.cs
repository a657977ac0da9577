using ZkPot.Circuits.SecureAggregation;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// Review finding (documented, not fixed): the graph is drawn from the attempt id, but the leader picks the attempt
/// number (and, by claiming silences in phase 1, the set), and participants take any. A leader grinds offline for an
/// attempt whose graph puts its colluders around a victim, and presents it as the round's first attempt.
/// </summary>
public sealed class GraphGrindingTests
{
    [Fact]
    public void A_leader_can_choose_an_attempt_number_that_puts_more_than_Colluders_of_its_colluders_next_to_a_victim()
    {
        var f = new MaskFixture(30, values: 1);
        var colluders = f.Members.Take(9).Select(m => m.Id).ToHashSet(); // f < n/3
        var victim = f.Members[20].Id;
        int best = 0, chosen = -1;
        for (int attempt = 0; attempt < 3000 && best < 8; attempt++)
        {
            var c = f.Context(attempt);
            int around = c.Neighbours(victim).Count(k => colluders.Contains(k.Id));
            if (around > best) (best, chosen) = (around, attempt);
        }
        var context = f.Context(chosen);
        Assert.True(best > context.Colluders + 2, $"best {best} colluding neighbours, Colluders = {context.Colluders}");
        // The victim and everyone else take part in it as in any first attempt.
        Assert.NotNull(f.Honest(victim).Advert(context));
    }
}
