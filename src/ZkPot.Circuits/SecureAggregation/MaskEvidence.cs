using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

public enum MaskOffence : byte
{
    /// <summary>Its masked vector does not open D + B + Σ ± P under its own signed header.</summary>
    InconsistentUpdate = 1,
    /// <summary>It signed a pairwise commitment P other than the commitment to the pair's mask (the seed, or an unused edge, proves which).</summary>
    PairLie = 2,
    /// <summary>Threshold share notes it signed do not interpolate to the self mask secret its advert hashes.</summary>
    BadDealing = 3,
    /// <summary>Its self mask secret (from its share notes) does not give the self mask commitment B it signed.</summary>
    SelfMaskLie = 4,
    /// <summary>It revealed a pairwise seed that is not the one its advert committed to.</summary>
    BadReveal = 5,
}

/// <summary>
/// Proof that a participant cheated in an attempt, made only of messages it signed (and seeds or notes that the other
/// end of an edge signed), so anyone holding the attempt's context and the commitment key can check it.
/// </summary>
public sealed record MaskEvidence(MaskOffence Offence, NodeId Offender, IReadOnlyList<byte[]> Items)
{
    /// <summary>At most this many items (threshold notes and a header or advert) and bytes in all (an update's vector).</summary>
    public const int MaxItems = 1024, MaxSize = 64 << 20;

    /// <summary>Encoding, for the link and for blocks: offence u8 | offender[20] | u16 count | (u32 length | bytes) per item.</summary>
    public byte[] Encode()
    {
        var w = new MaskWriter().U8((byte)Offence).Id(Offender).U16(Items.Count);
        foreach (var item in Items) w.Blob(item);
        return w.ToArray();
    }

    /// <summary>InvalidDataException when the bytes are not evidence of a known offence within the bounds; whether it proves anything is <see cref="Problem"/>'s to say.</summary>
    public static MaskEvidence Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxSize) throw new InvalidDataException($"mask evidence: {bytes.Length} bytes is over the {MaxSize}-byte bound");
        var r = new MaskReader(bytes, "mask evidence");
        var offence = (MaskOffence)r.U8();
        if (!Enum.IsDefined(offence)) throw new InvalidDataException($"mask evidence: unknown offence {(byte)offence}");
        var offender = r.Id();
        int count = r.U16();
        if (count > MaxItems) throw new InvalidDataException($"mask evidence: {count} items is over the bound of {MaxItems}");
        var items = new List<byte[]>(count);
        for (int i = 0; i < count; i++) items.Add(r.Blob(MaxSize).ToArray());
        r.End();
        return new MaskEvidence(offence, offender, items);
    }

    /// <summary>Null when the evidence proves the offence in <paramref name="context"/>; otherwise why it does not.</summary>
    public string? Problem(MaskContext context, IReadOnlyList<G1Affine> bases)
    {
        try
        {
            return Offence switch
            {
                MaskOffence.InconsistentUpdate => Inconsistent(context, bases),
                MaskOffence.PairLie => PairLie(context, bases),
                MaskOffence.BadDealing => Dealing(context, selfLie: false, bases),
                MaskOffence.SelfMaskLie => Dealing(context, selfLie: true, bases),
                MaskOffence.BadReveal => Reveal(context),
                _ => $"unknown offence {Offence}",
            };
        }
        catch (Exception e) when (e is InvalidDataException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return $"{Offence} evidence against {Offender}: {e.Message}";
        }
    }

    string? Inconsistent(MaskContext context, IReadOnlyList<G1Affine> bases)
    {
        var update = MaskedUpdate.Parse(Items.Single(), context);
        if (update.Sender != Offender) return "the update is not the offender's";
        return MaskChecks.Opens(context, bases, update) ? "the update is consistent" : null;
    }

    string? PairLie(MaskContext context, IReadOnlyList<G1Affine> bases)
    {
        var header = MaskedUpdate.ParseHeader(Items[0], context);
        var own = MaskAdvert.Parse(Items[1], context);
        var other = MaskAdvert.Parse(Items[2], context);
        if (header.Sender != Offender || own.Dealer != Offender) return "header or advert is not the offender's";
        // The offender answers for the view it signed: shown another advert of the other end (which a Byzantine end can
        // sign), it is not held to this one.
        if (header.Uses(other.Dealer) != MaskChecks.InUse(own, other)) return "the offender's header signs another view of whether the edge is in use";
        var seed = Items.Count > 3 ? SeedReveal.Parse(Items[3], context) : null;
        var truth = MaskChecks.TruePair(context, bases, own, other, seed);
        if (truth is null) return "the edge is in use and no seed matching its commitment was given";
        return header.PairWith(other.Dealer) == truth.Value ? "the offender's pair commitment is the true one" : null;
    }

    string? Dealing(MaskContext context, bool selfLie, IReadOnlyList<G1Affine> bases)
    {
        int first = selfLie ? 2 : 1;
        var advert = MaskAdvert.Parse(Items[first - 1], context);
        if (advert.Dealer != Offender) return "the advert is not the offender's";
        var notes = Items.Skip(first).Select(n => ShareNote.Parse(n, context)).ToList();
        if (notes.Count != context.Threshold || notes.Any(n => n.Dealer != Offender) || notes.Select(n => n.Holder).Distinct().Count() != notes.Count)
            return $"needs {context.Threshold} notes the offender dealt to distinct holders";
        var b = Shamir.Interpolate(notes.Select(n => (n.X, n.Share)).ToList());
        bool hashMatches = MaskSecrets.SelfHash(b) == advert.SelfHash;
        if (!selfLie) return hashMatches ? "the notes interpolate to the advertised secret" : null;
        if (!hashMatches) return "the notes do not give the advertised secret (that is bad dealing)";
        var header = MaskedUpdate.ParseHeader(Items[0], context);
        if (header.Sender != Offender) return "the header is not the offender's";
        return MaskSecrets.Commit(bases, MaskSecrets.SelfMask(b, context.ValueCount + 1)) == header.SelfCommitment ? "the self mask commitment is true" : null;
    }

    string? Reveal(MaskContext context)
    {
        var reply = UnmaskReply.Parse(Items[0], context);
        var advert = MaskAdvert.Parse(Items[1], context);
        if (reply.Sender != Offender || advert.Dealer != Offender) return "reply or advert is not the offender's";
        return reply.Seeds.Any(s => MaskSecrets.SeedCommitment(s.Seed) != advert.EdgeTo(s.Other).SeedCommitment) ? null : "every revealed seed matches its commitment";
    }
}

/// <summary>The checks the leader and evidence share.</summary>
public static class MaskChecks
{
    /// <summary>Whether the edge between two advertisers is in use: both committed to the same seed.</summary>
    public static bool InUse(MaskAdvert a, MaskAdvert b) => a.EdgeTo(b.Dealer).SeedCommitment == b.EdgeTo(a.Dealer).SeedCommitment;

    /// <summary>The true pair commitment of an edge: the identity when unused, else the commitment to the revealed seed's mask (null without a seed that matches).</summary>
    public static G1Affine? TruePair(MaskContext context, IReadOnlyList<G1Affine> bases, MaskAdvert a, MaskAdvert b, SeedReveal? seed)
    {
        if (!InUse(a, b)) return G1Affine.Infinity;
        if (seed is null || !((seed.Sender == a.Dealer && seed.Other == b.Dealer) || (seed.Sender == b.Dealer && seed.Other == a.Dealer))) return null;
        if (MaskSecrets.SeedCommitment(seed.Seed) != a.EdgeTo(b.Dealer).SeedCommitment) return null;
        return MaskSecrets.Commit(bases, MaskSecrets.PairMask(seed.Seed, context.ValueCount + 1));
    }

    /// <summary>The right side of an update's equation: D + B + Σ ± P.</summary>
    public static G1Jacobian Expected(MaskContext context, MaskedUpdate update)
    {
        var total = context[update.Sender].Commitment.ToJacobian().AddMixed(update.SelfCommitment);
        foreach (var (k, p) in update.Pairs)
            total = total.AddMixed(MaskContext.Sign(update.Sender, k) > 0 ? p : p.Negate());
        return total;
    }

    /// <summary>Commit(y) = D + B + Σ ± P for one update (its vector must be present).</summary>
    public static bool Opens(MaskContext context, IReadOnlyList<G1Affine> bases, MaskedUpdate update) =>
        Expected(context, update).IsSamePoint(MaskSecrets.Commit(bases, update.Vector!).ToJacobian());
}
