using ZkPot.Circuits.SecureAggregation;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>Masked sums (PROTOCOL §12): the leader recovers exactly the survivors' sum, cheaters are named with evidence anyone can check, dropouts do not stop the round.</summary>
public sealed class SecureAggregationTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(24)]
    public void Honest_participants_sum_exactly_and_the_sum_opens_their_commitments(int n)
    {
        var f = new MaskFixture(n);
        var result = f.Run(f.Parties());
        f.AssertSumOf(result, f.Members.Select(m => m.Id));
        Assert.Empty(result.Named);
        Assert.Equal(1, result.Attempts);
        var sumOfD = f.Members.Aggregate(G1Jacobian.Infinity, (acc, m) => acc.AddMixed(m.Commitment));
        Assert.True(sumOfD.IsSamePoint(MaskSecrets.Commit(f.Bases, [.. result.Outcome.Sum!.Sums.Select(SignedField.Of), result.Outcome.Sum.MaskSum]).ToJacobian()));
    }

    [Fact]
    public void The_graph_is_symmetric_and_its_degree_grows_with_log_n()
    {
        Assert.Equal(9, MaskContext.DegreeFor(10));
        Assert.Equal(16, MaskContext.DegreeFor(30));
        Assert.Equal(22, MaskContext.DegreeFor(100));
        Assert.Equal(30, MaskContext.DegreeFor(1000));
        var f = new MaskFixture(40, values: 2);
        var c = f.Context();
        Assert.Equal(18, c.Degree);
        Assert.Equal(10, c.Threshold);
        foreach (var m in c.Members)
        {
            var neighbours = c.Neighbours(m.Id);
            Assert.Equal(c.Degree, neighbours.Count);
            Assert.DoesNotContain(m, neighbours);
            Assert.All(neighbours, k => Assert.True(c.AreNeighbours(k.Id, m.Id)));
        }
        // Another attempt draws another graph.
        var other = f.Context(attempt: 1);
        Assert.NotEqual(c.Members.Select(m => c.Neighbours(m.Id).Count(k => other.AreNeighbours(m.Id, k.Id))).Sum(), c.Members.Count * c.Degree);
    }

    [Fact]
    public void A_participant_that_drops_after_the_set_is_fixed_is_left_out_and_the_round_sums_the_others()
    {
        var f = new MaskFixture(10);
        var dropped = f.Members[3].Id;
        var result = f.Run(f.Parties(id => id == dropped ? new DropsAfterAdvert(f.Honest(id)) : null));
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != dropped));
        Assert.Empty(result.Named);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public void Two_dropouts_in_a_sparse_graph_are_left_out_too()
    {
        var f = new MaskFixture(30, values: 8);
        var dropped = new[] { f.Members[5].Id, f.Members[17].Id };
        var result = f.Run(f.Parties(id => dropped.Contains(id) ? new DropsAfterAdvert(f.Honest(id)) : null));
        Assert.True(f.Context().Degree < 29);
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Except(dropped));
    }

    [Fact]
    public void A_participant_whose_masked_vector_does_not_open_its_commitment_is_named_and_the_round_sums_the_honest()
    {
        var f = new MaskFixture(7);
        var cheater = f.Members[2].Id;
        InconsistentMasker? masker = null;
        var result = f.Run(f.Parties(id => id == cheater ? masker = new InconsistentMasker(f.Identity(id), f.Honest(id), shift: 1000) : null));
        Assert.True(masker!.Cheated > 0);
        var evidence = Assert.Single(result.Named);
        Assert.Equal((MaskOffence.InconsistentUpdate, cheater), (evidence.Offence, evidence.Offender));
        Assert.Null(evidence.Problem(result.Last, f.Bases));
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != cheater));
    }

    [Fact]
    public void A_participant_that_hides_a_shift_in_a_pair_mask_is_named_by_the_seed_its_honest_neighbour_reveals()
    {
        var f = new MaskFixture(7);
        var cheater = f.Members[4].Id;
        var delta = Enumerable.Range(0, f.Values + 1).Select(i => Fr.FromUInt64((ulong)(i + 5))).ToArray();
        PairLiar? liar = null;
        var result = f.Run(f.Parties(id => id == cheater ? liar = new PairLiar(f.Identity(id), f.Honest(id), delta, f.Bases) : null));
        Assert.NotNull(liar!.Victim);
        var evidence = Assert.Single(result.Named);
        Assert.Equal((MaskOffence.PairLie, cheater), (evidence.Offence, evidence.Offender));
        Assert.Null(evidence.Problem(result.Last, f.Bases));
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != cheater));
    }

    [Fact]
    public void A_lying_self_mask_commitment_is_named_and_a_second_attempt_without_the_liar_sums_the_honest()
    {
        var f = new MaskFixture(7);
        var cheater = f.Members[0].Id;
        var delta = Enumerable.Range(0, f.Values + 1).Select(i => Fr.FromUInt64(3)).ToArray();
        var result = f.Run(f.Parties(id => id == cheater ? new SelfMaskLiar(f.Identity(id), f.Honest(id), delta, f.Bases) : null));
        var evidence = Assert.Single(result.Named);
        Assert.Equal((MaskOffence.SelfMaskLie, cheater), (evidence.Offence, evidence.Offender));
        Assert.Equal(2, result.Attempts);
        Assert.Null(evidence.Problem(f.Context(attempt: 0), f.Bases));
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != cheater));
    }

    [Fact]
    public void Evidence_decoded_from_its_bytes_still_proves_the_offence_and_malformed_bytes_are_refused()
    {
        var f = new MaskFixture(7);
        var cheater = f.Members[2].Id;
        var result = f.Run(f.Parties(id => id == cheater ? new InconsistentMasker(f.Identity(id), f.Honest(id), shift: 7) : null));
        byte[] bytes = Assert.Single(result.Named).Encode();
        var decoded = MaskEvidence.Decode(bytes);
        Assert.Equal((MaskOffence.InconsistentUpdate, cheater), (decoded.Offence, decoded.Offender));
        Assert.Null(decoded.Problem(result.Last, f.Bases));
        Assert.Throws<InvalidDataException>(() => MaskEvidence.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        var unknown = (byte[])bytes.Clone();
        unknown[0] = 99;
        Assert.Contains("unknown offence", Assert.Throws<InvalidDataException>(() => MaskEvidence.Decode(unknown)).Message);
        // Pinned to another offender, the same items prove nothing.
        Assert.NotNull((decoded with { Offender = f.Members[3].Id }).Problem(result.Last, f.Bases));
    }

    [Fact]
    public void Evidence_does_not_convict_an_honest_participant()
    {
        var f = new MaskFixture(5);
        var transcript = new Recorder();
        var result = f.Run(f.Parties(), transcript);
        var context = result.Last;
        var honest = f.Members[1].Id;
        byte[] masked = transcript.Of(honest, "masked").Single();
        var header = MaskedUpdate.Parse(masked, context).Header;
        var adverts = transcript.Messages.Where(m => m.Kind == "advert").ToDictionary(m => m.From, m => m.Bytes);
        var neighbour = context.Neighbours(honest)[0].Id;
        Assert.NotNull(new MaskEvidence(MaskOffence.InconsistentUpdate, honest, [masked]).Problem(context, f.Bases));
        Assert.NotNull(new MaskEvidence(MaskOffence.PairLie, honest, [header, adverts[honest], adverts[neighbour]]).Problem(context, f.Bases));
        // Someone else's update passed off as the honest participant's.
        Assert.NotNull(new MaskEvidence(MaskOffence.InconsistentUpdate, honest, [transcript.Of(neighbour, "masked").Single()]).Problem(context, f.Bases));
    }

    [Fact]
    public void Tampered_or_misaddressed_messages_are_refused_by_the_leader_and_change_nothing()
    {
        var f = new MaskFixture(4);
        var context = f.Context();
        var leader = new MaskLeader(context, f.Bases);
        var party = f.Honest(f.Members[0].Id);
        byte[] advert = party.Advert(context)!;
        var tampered = (byte[])advert.Clone();
        tampered[60] ^= 1; // inside the self mask hash
        Assert.Contains("signature", leader.AcceptAdvert(tampered));
        Assert.Contains("another attempt", leader.AcceptAdvert(party.Advert(f.Context(attempt: 5))!));
        Assert.Equal(4, leader.MissingAdverts.Count);
        Assert.Null(leader.AcceptAdvert(advert));
        Assert.Equal(3, leader.MissingAdverts.Count);
        Assert.Contains("after every advert", leader.AcceptMasked(new byte[10]));
    }
}

/// <summary>Every byte the leader receives.</summary>
sealed class Recorder : IMaskTranscript
{
    public readonly List<(NodeId From, string Kind, byte[] Bytes)> Messages = [];
    public void Received(NodeId from, string kind, byte[] bytes) => Messages.Add((from, kind, bytes));
    public IEnumerable<byte[]> Of(NodeId from, string kind) => Messages.Where(m => m.From == from && m.Kind == kind).Select(m => m.Bytes);
    public long Bytes => Messages.Sum(m => (long)m.Bytes.Length);
}

/// <summary>Participants reached over a link answer late and in any order: the leader's run is the same.</summary>
public sealed class AsyncMaskRoundTests
{
    sealed class Late(IMaskParty party, int seed) : IAsyncMaskParty
    {
        readonly Random _rng = new(seed);
        public NodeId Id => party.Id;
        async Task<byte[]?> After(Func<byte[]?> answer)
        {
            await Task.Delay(_rng.Next(0, 15));
            return answer();
        }
        public Task<byte[]?> Advert(MaskContext context) => After(() => party.Advert(context));
        public Task<byte[]?> Mask(MaskContext context, IReadOnlyList<byte[]> adverts) => After(() => party.Mask(context, adverts));
        public Task<byte[]?> RevealSeed(MaskContext context, byte[] neighbourHeader) => After(() => party.RevealSeed(context, neighbourHeader));
        public Task<byte[]?> Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) => After(() => party.Unmask(context, survivors, grounds));
    }

    [Fact]
    public async Task Late_answers_in_any_order_give_the_same_sum_and_name_the_same_cheater()
    {
        var f = new MaskFixture(10);
        var (cheater, dropped) = (f.Members[1].Id, f.Members[8].Id);
        IMaskParty Party(NodeId id) => id == cheater ? new InconsistentMasker(f.Identity(id), f.Honest(id), shift: 3)
            : id == dropped ? new DropsAfterAdvert(f.Honest(id)) : f.Honest(id);
        var parties = f.Identities.Select((i, n) => (IAsyncMaskParty)new Late(Party(i.Id), n)).ToDictionary(p => p.Id);
        var result = await MaskRound.RunAsync(f.Task, MaskFixture.Round, f.Members, f.Values, parties, f.Bases);
        f.AssertSumOf(result, f.Members.Select(m => m.Id).Where(id => id != cheater && id != dropped));
        Assert.Equal(cheater, Assert.Single(result.Named).Offender);
    }
}
