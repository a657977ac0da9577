using ZkPot.Circuits.SecureAggregation;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>
/// What the leader learns (PROTOCOL §12): the survivors' sum exactly and nothing about a single update. The attacks are
/// a leader's own code; each is shown to recover an update where the participants' unmasking rule is absent (a memory
/// that permits everything) and to fail where it is present.
/// </summary>
public sealed class LeaderPrivacyTests
{
    /// <summary>A participant memory with the rule removed: it answers every unmasking request.</summary>
    sealed class Forgetful : UnmaskMemory
    {
        public override string? Permit(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds, IReadOnlyList<G1Affine> bases) => null;
    }

    /// <summary>
    /// A leader that has every masked update and asks for two survivor sets in one attempt: all of S (so threshold
    /// holders hand over the victim's self mask shares) and S without the victim (so its neighbours reveal their pair
    /// seeds with it). With both, y_victim minus its self mask minus its pair masks is its model.
    /// </summary>
    static long[]? EquivocatingLeader(MaskFixture f, Dictionary<NodeId, IMaskParty> parties, NodeId victim)
    {
        var context = f.Context();
        var adverts = f.Members.Select(m => parties[m.Id].Advert(context)!).ToList();
        var updates = f.Members.ToDictionary(m => m.Id, m => MaskedUpdate.Parse(parties[m.Id].Mask(context, adverts)!, context));
        var all = f.Members.Select(m => m.Id).ToList();
        var notes = new List<ShareNote>();
        foreach (var k in context.Neighbours(victim))
            if (parties[k.Id].Unmask(context, all, []) is { } reply) notes.AddRange(UnmaskReply.Parse(reply, context).Shares.Where(n => n.Dealer == victim));
        var withoutVictim = all.Where(id => id != victim).ToList();
        var seeds = new List<SeedReveal>();
        foreach (var k in context.Neighbours(victim))
            if (parties[k.Id].Unmask(context, withoutVictim, []) is { } reply) seeds.AddRange(UnmaskReply.Parse(reply, context).Seeds.Where(s => s.Other == victim));
        if (notes.Count < context.Threshold || seeds.Count < context.Degree) return null;
        int length = f.Values + 1;
        var b = Shamir.Interpolate(notes.Take(context.Threshold).Select(n => (n.X, n.Share)).ToList());
        var x = (Fr[])updates[victim].Vector!.Clone();
        var self = MaskSecrets.SelfMask(b, length);
        for (int i = 0; i < length; i++) x[i] -= self[i];
        foreach (var s in seeds)
        {
            var mask = MaskSecrets.PairMask(s.Seed, length);
            for (int i = 0; i < length; i++) x[i] = MaskContext.Sign(victim, s.Sender) > 0 ? x[i] - mask[i] : x[i] + mask[i];
        }
        return x[..^1].Select(v => { var big = v.ToBigInteger(); return (long)(big > Fr.Modulus / 2 ? big - Fr.Modulus : big); }).ToArray();
    }

    [Fact]
    public void A_leader_asking_for_two_survivor_sets_recovers_an_update_only_where_participants_answer_both()
    {
        var f = new MaskFixture(7);
        var victim = f.Members[2].Id;
        var stolen = EquivocatingLeader(f, f.Identities.ToDictionary(i => i.Id, i => (IMaskParty)f.Honest(i.Id, new Forgetful())), victim);
        Assert.Equal(f.Openings[victim].Values, stolen);
        Assert.Null(EquivocatingLeader(f, f.Parties(), victim));
    }

    /// <summary>
    /// A leader that completes one attempt (the sum over S) and then starts another without the victim, claiming it
    /// dropped: the difference of the two sums is the victim's model. Honest participants unmask the second attempt
    /// only with evidence that each participant left out cheated.
    /// </summary>
    static long[]? DifferencingLeader(MaskFixture f, Dictionary<NodeId, IMaskParty> parties, NodeId victim)
    {
        var first = MaskRound.Run(f.Task, MaskFixture.Round, f.Members, f.Values, parties, f.Bases);
        var rest = f.Members.Where(m => m.Id != victim).ToList();
        var second = new MaskLeader(new MaskContext(f.Task, MaskFixture.Round, 1, rest, f.Values), f.Bases);
        var context = second.Context;
        foreach (var m in rest) second.AcceptAdvert(parties[m.Id].Advert(context)!);
        foreach (var m in rest) second.AcceptMasked(parties[m.Id].Mask(context, second.Adverts)!);
        second.CheckUpdates();
        foreach (var m in rest)
            if (parties[m.Id].Unmask(context, second.Survivors, []) is { } reply) second.AcceptUnmask(reply);
        var sum = second.Finish().Sum;
        return sum is null ? null : first.Outcome.Sum!.Sums.Zip(sum.Sums, (a, b) => a - b).ToArray();
    }

    [Fact]
    public void A_leader_restarting_without_an_honest_participant_recovers_its_update_only_where_participants_unmask_twice()
    {
        var f = new MaskFixture(7);
        var victim = f.Members[5].Id;
        Assert.Equal(f.Openings[victim].Values, DifferencingLeader(f, f.Identities.ToDictionary(i => i.Id, i => (IMaskParty)f.Honest(i.Id, new Forgetful())), victim));
        Assert.Null(DifferencingLeader(f, f.Parties(), victim));
    }

    /// <summary>
    /// Every byte the leader receives in a round with a dropout: replayed into a fresh leader they give the sum exactly,
    /// while each survivor's vector, with everything the leader can remove from it removed (its self mask, its pair
    /// masks with the dropout), has low bytes as uniform as random scalars' and no value equal to the model's.
    /// </summary>
    [Fact]
    public void What_the_leader_saw_gives_the_sum_exactly_and_no_single_update()
    {
        var f = new MaskFixture(8, values: 1500, seed: 7);
        var dropped = f.Members[6].Id;
        var transcript = new Recorder();
        var result = f.Run(f.Parties(id => id == dropped ? new DropsAfterAdvert(f.Honest(id)) : null), transcript);
        var survivors = f.Members.Select(m => m.Id).Where(id => id != dropped).ToList();
        f.AssertSumOf(result, survivors);

        // The same bytes, replayed: the sum is a function of what the leader received.
        var context = result.Last;
        var replay = new MaskLeader(context, f.Bases);
        foreach (var (_, kind, bytes) in transcript.Messages.Where(m => m.Kind == "advert")) Assert.Null(replay.AcceptAdvert(bytes));
        foreach (var (_, kind, bytes) in transcript.Messages.Where(m => m.Kind == "masked")) Assert.Null(replay.AcceptMasked(bytes));
        Assert.Empty(replay.CheckUpdates());
        foreach (var (_, kind, bytes) in transcript.Messages.Where(m => m.Kind == "unmask")) Assert.Null(replay.AcceptUnmask(bytes));
        Assert.Equal(result.Outcome.Sum!.Sums, replay.Finish().Sum!.Sums);

        // Strip from each survivor's vector all the leader can: the self mask (threshold notes) and revealed seeds.
        var replies = transcript.Messages.Where(m => m.Kind == "unmask").Select(m => UnmaskReply.Parse(m.Bytes, context)).ToList();
        var residues = new List<Fr>();
        var models = new List<Fr>();
        int equal = 0;
        foreach (var id in survivors)
        {
            var y = MaskedUpdate.Parse(transcript.Of(id, "masked").Single(), context).Vector!;
            var notes = replies.SelectMany(r => r.Shares).Where(n => n.Dealer == id).Take(context.Threshold).ToList();
            var self = MaskSecrets.SelfMask(Shamir.Interpolate(notes.Select(n => (n.X, n.Share)).ToList()), y.Length);
            var w = y.Select((v, i) => v - self[i]).ToArray();
            foreach (var s in replies.SelectMany(r => r.Seeds).Where(s => s.Sender == id))
            {
                var mask = MaskSecrets.PairMask(s.Seed, y.Length);
                for (int i = 0; i < y.Length; i++) w[i] = MaskContext.Sign(id, s.Other) > 0 ? w[i] - mask[i] : w[i] + mask[i];
            }
            var x = MaskSecrets.Vector(f.Openings[id]);
            equal += w.Zip(x).Count(p => p.First == p.Second);
            residues.AddRange(w);
            models.AddRange(x);
        }
        Assert.Equal(0, equal);
        // Chi-square of the low byte over 256 cells (255 degrees of freedom; 340 is exceeded with probability about 3e-4).
        Assert.True(LowByteChiSquare(residues) < 340, $"residues' low bytes are not uniform: chi-square {LowByteChiSquare(residues):F0}");
        var rng = new Random(11);
        Assert.True(LowByteChiSquare(models) > 340, "the statistic cannot tell small integers from uniform scalars");
        Assert.True(LowByteChiSquare(Enumerable.Range(0, residues.Count).Select(_ => Fr.Random(rng)).ToList()) < 340);
    }

    static double LowByteChiSquare(List<Fr> values)
    {
        var counts = new int[256];
        Span<byte> b = stackalloc byte[32];
        foreach (var v in values) { v.WriteBigEndian(b); counts[b[31]]++; }
        double expected = values.Count / 256.0;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
