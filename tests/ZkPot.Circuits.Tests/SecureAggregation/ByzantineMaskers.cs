using ZkPot.Circuits.SecureAggregation;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.Tests.SecureAggregation;

// Byzantine participants, each its own implementation of the protocol's interface: they reuse the honest code for
// the parts they do not cheat in and sign what they change with their own key.

/// <summary>Advertises, then goes silent once the set is fixed (drop-after-set).</summary>
sealed class DropsAfterAdvert(IMaskParty honest) : IMaskParty
{
    public NodeId Id => honest.Id;
    public byte[]? Advert(MaskContext context) => honest.Advert(context);
    public byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts) => null;
    public byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader) => null;
    public byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) => null;
}

/// <summary>Base for a participant that rewrites its masked update: (vector, self commitment, pairs) to what it sends instead.</summary>
abstract class RewritingMasker(NodeIdentity identity, IMaskParty honest) : IMaskParty
{
    public int Cheated { get; private set; }
    public NodeId Id => honest.Id;
    public byte[]? Advert(MaskContext context) => honest.Advert(context);
    public virtual byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader) => null;
    public byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) => honest.Unmask(context, survivors, grounds);

    public byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts)
    {
        if (honest.Mask(context, adverts) is not { } bytes) return null;
        var u = MaskedUpdate.Parse(bytes, context);
        var (vector, self, pairs) = Rewrite(context, u.Vector!, u.SelfCommitment, u.Pairs.ToList());
        Cheated++;
        return MaskedUpdate.Create(identity, context, vector, self, pairs, u.Used, u.Holding);
    }

    protected abstract (Fr[] Vector, G1Affine Self, List<(NodeId, G1Affine)> Pairs) Rewrite(MaskContext context, Fr[] vector, G1Affine self, List<(NodeId, G1Affine)> pairs);

    protected static Fr[] Shift(Fr[] vector, Fr[] delta, int sign) => vector.Select((v, i) => sign > 0 ? v + delta[i] : v - delta[i]).ToArray();
}

/// <summary>Adds a model of its choosing to its masked vector and changes nothing else (mask-cheat): the vector no longer opens its commitments.</summary>
sealed class InconsistentMasker(NodeIdentity identity, IMaskParty honest, long shift) : RewritingMasker(identity, honest)
{
    protected override (Fr[], G1Affine, List<(NodeId, G1Affine)>) Rewrite(MaskContext context, Fr[] vector, G1Affine self, List<(NodeId, G1Affine)> pairs)
    {
        var v = (Fr[])vector.Clone();
        for (int i = 0; i < context.ValueCount; i++) v[i] += SignedField.Of(shift);
        return (v, self, pairs);
    }
}

/// <summary>
/// Hides a shift inside one pair mask: replaces the true pair mask with a neighbour by mask + delta and signs the
/// commitment to that, so its own equation holds; only the pair's other end, which signs the true commitment, disagrees.
/// </summary>
sealed class PairLiar(NodeIdentity identity, IMaskParty honest, Fr[] delta, IReadOnlyList<G1Affine> bases) : RewritingMasker(identity, honest)
{
    public NodeId? Victim { get; private set; }

    protected override (Fr[], G1Affine, List<(NodeId, G1Affine)>) Rewrite(MaskContext context, Fr[] vector, G1Affine self, List<(NodeId, G1Affine)> pairs)
    {
        int at = pairs.FindIndex(p => !p.Item2.IsInfinity);
        var (k, p) = pairs[at];
        Victim = k;
        var forged = p.ToJacobian().Add(MaskSecrets.Commit(bases, delta).ToJacobian()).ToAffine();
        pairs[at] = (k, forged);
        return (Shift(vector, delta, MaskContext.Sign(Id, k)), self, pairs);
    }
}

/// <summary>Adds delta to its vector and the commitment to delta to its self mask commitment B: consistent, but B is not its shared secret's mask.</summary>
sealed class SelfMaskLiar(NodeIdentity identity, IMaskParty honest, Fr[] delta, IReadOnlyList<G1Affine> bases) : RewritingMasker(identity, honest)
{
    protected override (Fr[], G1Affine, List<(NodeId, G1Affine)>) Rewrite(MaskContext context, Fr[] vector, G1Affine self, List<(NodeId, G1Affine)> pairs) =>
        (Shift(vector, delta, 1), self.ToJacobian().Add(MaskSecrets.Commit(bases, delta).ToJacobian()).ToAffine(), pairs);
}

/// <summary>Deals its neighbours sealed notes that do not open (garbage of the right length), signing the advert itself; otherwise honest.</summary>
sealed class GarbageDealer(NodeIdentity identity, IMaskParty honest) : IMaskParty
{
    public NodeId Id => honest.Id;
    public byte[]? Advert(MaskContext context)
    {
        var a = MaskAdvert.Parse(honest.Advert(context)!, context);
        var rng = new Random(42);
        return MaskAdvert.Create(identity, context, a.SelfHash, a.Edges.Select(e =>
        {
            var junk = new byte[e.SealedShare.Length];
            rng.NextBytes(junk);
            junk[0] = e.SealedShare[0];
            return e with { SealedShare = junk };
        }).ToList());
    }
    public byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts) => honest.Mask(context, adverts);
    public byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader) => honest.RevealSeed(context, neighbourHeader);
    public byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds) => honest.Unmask(context, survivors, grounds);
}
