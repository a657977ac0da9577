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
        public override string? Permit(NodeId self, MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds, IReadOnlyList<G1Affine> bases) => null;
    }

    /// <summary>
    /// A leader with every masked update that tells each participant its own survivor sets (as many as it likes) and
    /// puts together whatever comes back about the victim: threshold share notes of its self mask, and the seed of each
    /// of its pairs (revealed by either end). With all of them, y minus the masks is the victim's model.
    /// </summary>
    static long[]? SplitViewLeader(MaskFixture f, Dictionary<NodeId, IMaskParty> parties, NodeId victim, Func<MaskContext, NodeId, IEnumerable<IReadOnlyList<NodeId>>> told)
    {
        var context = f.Context();
        var adverts = f.Members.Select(m => parties[m.Id].Advert(context)!).ToList();
        var updates = f.Members.ToDictionary(m => m.Id, m => MaskedUpdate.Parse(parties[m.Id].Mask(context, adverts)!, context));
        var notes = new List<ShareNote>();
        var seeds = new Dictionary<NodeId, byte[]>();
        foreach (var m in f.Members)
            foreach (var survivors in told(context, m.Id))
                if (parties[m.Id].Unmask(context, survivors, []) is { } bytes)
                {
                    var reply = UnmaskReply.Parse(bytes, context);
                    notes.AddRange(reply.Shares.Where(n => n.Dealer == victim));
                    foreach (var s in reply.Seeds.Where(s => s.Sender == victim || s.Other == victim)) seeds[s.Sender == victim ? s.Other : s.Sender] = s.Seed;
                }
        notes = notes.DistinctBy(n => n.Holder).ToList();
        if (notes.Count < context.Threshold || seeds.Count < context.Degree) return null;
        int length = f.Values + 1;
        var b = Shamir.Interpolate(notes.Take(context.Threshold).Select(n => (n.X, n.Share)).ToList());
        var x = (Fr[])updates[victim].Vector!.Clone();
        var self = MaskSecrets.SelfMask(b, length);
        for (int i = 0; i < length; i++) x[i] -= self[i];
        foreach (var (k, seed) in seeds)
        {
            var mask = MaskSecrets.PairMask(seed, length);
            for (int i = 0; i < length; i++) x[i] = MaskContext.Sign(victim, k) > 0 ? x[i] - mask[i] : x[i] + mask[i];
        }
        return x[..^1].Select(v => SignedField.ToInt64(v)).ToArray();
    }

    public static TheoryData<string> Strategies => ["ask-neighbours-twice", "victim-alone", "split-neighbours"];

    /// <summary>
    /// Three ways to split the participants' views, each recovering the victim's model where participants answer
    /// anything, and nothing where they keep the rule: asking its neighbours twice (the victim in, then out); telling
    /// the victim all its neighbours dropped (it would reveal every pair seed) and the neighbours that it survived (they
    /// hand over its self mask shares); and the sharpest split, t neighbours told the victim survived (self mask
    /// shares), the others that it dropped (their seeds), the victim that the first t dropped (its seeds with them).
    /// </summary>
    [Theory]
    [MemberData(nameof(Strategies))]
    public void A_leader_splitting_the_participants_views_recovers_an_update_only_where_they_drop_the_unmasking_rule(string strategy)
    {
        var f = new MaskFixture(7);
        var victim = f.Members[2].Id;
        var all = f.Members.Select(m => m.Id).ToList();
        IEnumerable<IReadOnlyList<NodeId>> Told(MaskContext c, NodeId who)
        {
            var neighbours = c.Neighbours(victim).Select(k => k.Id).ToList();
            var first = neighbours.Take(c.Threshold).ToList();
            var without = all.Where(id => id != victim).ToList();
            return strategy switch
            {
                "ask-neighbours-twice" => who == victim ? [all] : [all, without],
                "victim-alone" => who == victim ? [[victim]] : [all],
                _ => who == victim ? [all.Except(first).ToList()] : first.Contains(who) ? [all] : [without],
            };
        }
        var stolen = SplitViewLeader(f, f.Identities.ToDictionary(i => i.Id, i => (IMaskParty)f.Honest(i.Id, new Forgetful())), victim, Told);
        Assert.Equal(f.Openings[victim].Values, stolen);
        Assert.Null(SplitViewLeader(f, f.Parties(), victim, Told));
    }

    [Fact]
    public void The_parameters_trade_colluders_for_dropouts_as_documented()
    {
        var rows = new[] { 4, 7, 10, 30, 100 }.Select(n => new MaskFixture(n, values: 1).Context()).Select(c => (c.Members.Count, c.Degree, c.Threshold, c.Required, c.Colluders, c.Dropouts)).ToList();
        Assert.Equal([(4, 3, 2, 2, 0, 1), (7, 6, 4, 4, 1, 2), (10, 9, 5, 7, 2, 2), (30, 16, 9, 12, 4, 4), (100, 22, 12, 16, 5, 6)], rows);
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

    /// <summary>A participant whose process restarts before each new attempt, keeping its memory only if its host stored it.</summary>
    sealed class Restarting(MaskFixture f, NodeId id, bool stored) : IMaskParty
    {
        UnmaskMemory _memory = new();
        MaskParticipant? _current;
        int _attempt = -1;

        public NodeId Id => id;
        public byte[]? Advert(MaskContext context)
        {
            if (context.Attempt != _attempt)
            {
                _memory = stored ? UnmaskMemory.Import(_memory.Export()) : new UnmaskMemory();
                _current = f.Honest(id, _memory);
                _attempt = context.Attempt;
            }
            return _current!.Advert(context);
        }
        public byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts) => _current!.Mask(context, adverts);
        public byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader) => _current!.RevealSeed(context, neighbourHeader);
        public byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) => _current!.Unmask(context, survivors, grounds);
    }

    [Fact]
    public void The_unmasking_rule_survives_a_restart_only_through_the_stored_memory()
    {
        var f = new MaskFixture(7);
        var victim = f.Members[5].Id;
        Assert.Equal(f.Openings[victim].Values, DifferencingLeader(f, f.Identities.ToDictionary(i => i.Id, i => (IMaskParty)new Restarting(f, i.Id, stored: false)), victim));
        Assert.Null(DifferencingLeader(f, f.Identities.ToDictionary(i => i.Id, i => (IMaskParty)new Restarting(f, i.Id, stored: true)), victim));
    }

    [Fact]
    public void A_stored_memory_that_is_not_one_is_refused()
    {
        var f = new MaskFixture(4);
        var memory = new UnmaskMemory();
        var party = f.Honest(f.Members[0].Id, memory);
        var context = f.Context();
        var adverts = f.Members.Select(m => f.Honest(m.Id).Advert(context)!).ToList();
        party.Mask(context, adverts);
        Assert.NotNull(party.Unmask(context, f.Members.Select(m => m.Id).ToList(), []));
        byte[] bytes = memory.Export();
        Assert.Equal(bytes, UnmaskMemory.Import(bytes).Export());
        Assert.Throws<InvalidDataException>(() => UnmaskMemory.Import(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<InvalidDataException>(() => UnmaskMemory.Import([.. bytes, 0]));
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
