using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>
/// A participant's side of secure aggregation, as the leader reaches it. Each method returns the bytes to send back,
/// or null for no answer (an honest participant that refuses, a silent or Byzantine one). A Byzantine participant is
/// its own implementation of this interface.
/// </summary>
public interface IMaskParty
{
    NodeId Id { get; }
    /// <summary>Phase 1: the signed advert (seed commitments and sealed share notes).</summary>
    byte[]? Advert(MaskContext context);
    /// <summary>Phase 2, given every advert of the attempt: the masked update.</summary>
    byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts);
    /// <summary>A dispute: a neighbour's signed header whose pair commitment differs from this participant's; the pair's seed, signed.</summary>
    byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader);
    /// <summary>Phase 3: for the survivors, the share notes of surviving neighbours and the seeds of the others.</summary>
    byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds);
}

/// <summary>The honest participant: masks its model opening for one attempt and answers the unmasking under <see cref="UnmaskMemory"/>'s rule.</summary>
public sealed class MaskParticipant(NodeIdentity identity, ModelOpening opening, IReadOnlyList<G1Affine> bases, UnmaskMemory memory) : IMaskParty
{
    /// <summary>What this participant holds for an attempt after masking: its edges in use, its pair commitments and the notes dealt to it.</summary>
    sealed record Held(Dictionary<NodeId, bool> InUse, Dictionary<NodeId, G1Affine> Pairs, Dictionary<NodeId, byte[]> Notes);

    readonly Dictionary<Hash32, Held> _held = [];
    readonly Lazy<G1Affine> _commitment = new(() => MaskSecrets.Commit(bases, MaskSecrets.Vector(opening)));

    /// <summary>
    /// Whether the set states this participant as it is: its keys and the commitment D of its own model. The leader
    /// hands out the set; masked in one that misstates D, an honest update would fail check 1 and be named with
    /// evidence that checks in that set.
    /// </summary>
    bool EntryIsMine(MaskContext context)
    {
        if (!context.Contains(Id)) return false;
        var me = context[Id];
        return me.SigningKey.AsSpan().SequenceEqual(identity.SigningPublicKey) && me.AgreementKey.AsSpan().SequenceEqual(identity.AgreementPublicKey)
            && opening.Values.Length == context.ValueCount && me.Commitment == _commitment.Value;
    }

    public NodeId Id => identity.Id;

    public byte[]? Advert(MaskContext context)
    {
        if (!EntryIsMine(context)) return null;
        var poly = MaskSecrets.SelfPolynomial(identity, context);
        var edges = context.Neighbours(Id).Select(k =>
        {
            byte[] note = ShareNote.Create(identity, context, k.Id, Shamir.Evaluate(poly, context.ShareX(k.Id)));
            return new AdvertEdge(k.Id, MaskSecrets.SeedCommitment(MaskSecrets.PairSeed(identity, context, k.Id)),
                                  UpdateEnvelope.Seal(k.AgreementKey, context.TaskId, context.Round, Id, note));
        }).ToList();
        return MaskAdvert.Create(identity, context, MaskSecrets.SelfHash(poly[0]), edges);
    }

    public byte[]? Mask(MaskContext context, IReadOnlyList<byte[]> adverts)
    {
        if (!EntryIsMine(context)) return null;
        var byDealer = new Dictionary<NodeId, MaskAdvert>();
        foreach (var bytes in adverts)
        {
            try { var a = MaskAdvert.Parse(bytes, context); byDealer[a.Dealer] = a; }
            catch (InvalidDataException) { }
        }
        var neighbours = context.Neighbours(Id);
        // The leader forwards every neighbour's advert before anyone masks; without one, the masks could not cancel.
        if (!byDealer.ContainsKey(Id) || neighbours.Any(k => !byDealer.ContainsKey(k.Id))) return null;
        int length = context.ValueCount + 1;
        var b = MaskSecrets.SelfPolynomial(identity, context)[0];
        var self = MaskSecrets.SelfMask(b, length);
        var y = MaskSecrets.Vector(opening);
        for (int j = 0; j < length; j++) y[j] += self[j];
        var held = new Held([], [], []);
        foreach (var k in neighbours)
        {
            var theirs = byDealer[k.Id];
            held.InUse[k.Id] = MaskChecks.InUse(byDealer[Id], theirs);
            held.Pairs[k.Id] = G1Affine.Infinity;
            if (held.InUse[k.Id])
            {
                var mask = MaskSecrets.PairMask(MaskSecrets.PairSeed(identity, context, k.Id), length);
                if (MaskContext.Sign(Id, k.Id) > 0) for (int j = 0; j < length; j++) y[j] += mask[j];
                else for (int j = 0; j < length; j++) y[j] -= mask[j];
                held.Pairs[k.Id] = MaskSecrets.Commit(bases, mask);
            }
            try
            {
                byte[] note = UpdateEnvelope.Open(identity, context.TaskId, context.Round, k.Id, theirs.EdgeTo(Id).SealedShare);
                var parsed = ShareNote.Parse(note, context);
                if (parsed.Dealer == k.Id && parsed.Holder == Id) held.Notes[k.Id] = note;
            }
            catch (InvalidDataException)
            {
                // A note that does not open is the dealer's loss: with fewer than threshold notes its update cannot be summed.
            }
        }
        _held[context.Id] = held;
        return MaskedUpdate.Create(identity, context, y, MaskSecrets.Commit(bases, self), neighbours.Select(k => (k.Id, held.Pairs[k.Id])).ToList(),
                                    neighbours.Select(k => held.InUse[k.Id]).ToList(), neighbours.Select(k => held.Notes.ContainsKey(k.Id)).ToList());
    }

    public byte[]? RevealSeed(MaskContext context, byte[] neighbourHeader)
    {
        if (!_held.TryGetValue(context.Id, out var held)) return null;
        MaskedUpdate theirs;
        try { theirs = MaskedUpdate.ParseHeader(neighbourHeader, context); }
        catch (InvalidDataException) { return null; }
        // Only a real dispute: the other end signed a different commitment for this edge. An honest neighbour never
        // does, so no honest pair's mask is ever revealed this way.
        if (!held.Pairs.TryGetValue(theirs.Sender, out var mine) || !held.InUse[theirs.Sender] || theirs.PairWith(Id) == mine) return null;
        return SeedReveal.Create(identity, context, theirs.Sender, MaskSecrets.PairSeed(identity, context, theirs.Sender));
    }

    public byte[]? Unmask(MaskContext context, IReadOnlyList<NodeId> survivors, IReadOnlyList<MaskEvidence> grounds)
    {
        if (!_held.TryGetValue(context.Id, out var held) || !survivors.Contains(Id) || survivors.Any(s => !context.Contains(s))) return null;
        if (memory.Permit(Id, context, survivors, grounds, bases) is not null) return null;
        var notes = new List<byte[]>();
        var reveals = new List<byte[]>();
        foreach (var k in context.Neighbours(Id))
        {
            // One of the two per neighbour, never both: its share for a survivor, the pair's seed for one that is not.
            if (survivors.Contains(k.Id)) { if (held.Notes.TryGetValue(k.Id, out var note)) notes.Add(note); }
            else if (held.InUse[k.Id]) reveals.Add(SeedReveal.Create(identity, context, k.Id, MaskSecrets.PairSeed(identity, context, k.Id)));
        }
        return UnmaskReply.Create(identity, context, notes, reveals);
    }
}
