using ZkPot.Circuits.SecureAggregation;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.Tests.SecureAggregation;

/// <summary>A round's participants with random small models, their identities, D and a random commitment key.</summary>
sealed class MaskFixture
{
    public readonly Hash32 Task = Hash32.Sha256("secagg test task"u8);
    public const long Round = 3;
    public readonly int Values;
    public readonly G1Affine[] Bases;
    public readonly List<NodeIdentity> Identities;
    public readonly Dictionary<NodeId, ModelOpening> Openings = [];
    public readonly List<MaskMember> Members;

    public MaskFixture(int participants, int values = 24, int seed = 1)
    {
        var rng = new Random(seed);
        Values = values;
        Bases = Enumerable.Range(0, values + 1).Select(_ => G1Jacobian.Infinity.AddMixed(ZkPot.Crypto.G1.Generator).Multiply(Fr.Random(rng)).ToAffine()).ToArray();
        Identities = Enumerable.Range(0, participants).Select(i => NodeIdentity.FromSeed(Hash32.Sha256(BitConverter.GetBytes(seed * 1000 + i)).ToArray())).ToList();
        Members = [];
        foreach (var id in Identities)
        {
            var opening = new ModelOpening(Enumerable.Range(0, values).Select(_ => (long)rng.Next(-127, 128)).ToArray(), Fr.Random(rng));
            Openings[id.Id] = opening;
            Members.Add(new MaskMember(id.Id, id.SigningPublicKey, id.AgreementPublicKey, MaskSecrets.Commit(Bases, MaskSecrets.Vector(opening))));
        }
    }

    public NodeIdentity Identity(NodeId id) => Identities.Single(i => i.Id == id);

    public MaskParticipant Honest(NodeId id, UnmaskMemory? memory = null) => new(Identity(id), Openings[id], Bases, memory ?? new UnmaskMemory());

    /// <summary>Every participant honest, except those <paramref name="replace"/> swaps for its own code.</summary>
    public Dictionary<NodeId, IMaskParty> Parties(Func<NodeId, IMaskParty?>? replace = null) =>
        Identities.ToDictionary(i => i.Id, i => replace?.Invoke(i.Id) ?? Honest(i.Id));

    public MaskResult Run(Dictionary<NodeId, IMaskParty> parties, IMaskTranscript? transcript = null) =>
        MaskRound.Run(Task, Round, Members, Values, parties, Bases, transcript);

    public MaskContext Context(int attempt = 0, IEnumerable<MaskMember>? members = null) => new(Task, Round, attempt, members ?? Members, Values);

    /// <summary>The exact element-wise sum of the named participants' models and masks.</summary>
    public (long[] Sums, Fr Mask) SumOf(IEnumerable<NodeId> ids)
    {
        var sums = new long[Values];
        var mask = Fr.Zero;
        foreach (var id in ids)
        {
            for (int i = 0; i < Values; i++) sums[i] += Openings[id].Values[i];
            mask += Openings[id].Mask;
        }
        return (sums, mask);
    }

    public void AssertSumOf(MaskResult result, IEnumerable<NodeId> ids)
    {
        var (sums, mask) = SumOf(ids);
        Assert.NotNull(result.Outcome.Sum);
        Assert.Equal(sums, result.Outcome.Sum!.Sums);
        Assert.Equal(mask, result.Outcome.Sum.MaskSum);
        Assert.Equal(ids.Order(), result.Outcome.Included.Order());
    }
}
