using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>
/// A dealer's share of its self mask for one neighbour, signed by the dealer and then sealed to the holder, so that a
/// holder who reveals it proves what the dealer dealt. Encoding: context[32] | dealer[20] | holder[20] | x u32 | share[32] | signature[64].
/// </summary>
public sealed record ShareNote(Hash32 Context, NodeId Dealer, NodeId Holder, long X, Fr Share, byte[] Bytes)
{
    public const string Tag = "zkpot/secagg/share/v1";
    const int PayloadSize = 32 + NodeId.Size * 2 + 4 + 32;
    public const int Size = PayloadSize + MaskSignature.Size;

    public static byte[] Create(NodeIdentity dealer, MaskContext context, NodeId holder, Fr share) =>
        MaskSignature.Signed(dealer, Tag, new MaskWriter().Hash(context.Id).Id(dealer.Id).Id(holder).U32(context.ShareX(holder)).Scalar(share).ToArray());

    /// <summary>A note signed by its dealer for this attempt, at the holder's x; InvalidDataException otherwise.</summary>
    public static ShareNote Parse(ReadOnlySpan<byte> bytes, MaskContext context)
    {
        if (bytes.Length != Size) throw new InvalidDataException($"share note: expected {Size} bytes, got {bytes.Length}");
        var r = new MaskReader(bytes[..PayloadSize], "share note");
        var (ctx, dealer, holder, x, share) = (r.Hash(), r.Id(), r.Id(), r.U32(), r.Scalar());
        if (ctx != context.Id) throw new InvalidDataException("share note: another attempt's");
        if (!context.Contains(dealer) || !context.Contains(holder)) throw new InvalidDataException("share note: dealer or holder outside the attempt's set");
        if (x != context.ShareX(holder)) throw new InvalidDataException($"share note: x {x} is not the holder's");
        MaskSignature.Check(bytes, PayloadSize, context[dealer].SigningKey, Tag, $"share note of {dealer}");
        return new ShareNote(ctx, dealer, holder, x, share, bytes.ToArray());
    }
}

/// <summary>What a dealer's advert says about one neighbour: the commitment to their pairwise seed and the sealed share note.</summary>
public sealed record AdvertEdge(NodeId Holder, Hash32 SeedCommitment, byte[] SealedShare);

/// <summary>
/// Phase 1, participant to leader: the hash of its self mask secret, and for every graph neighbour the commitment
/// H(s) to their pairwise seed and a share note sealed to it. Encoding: context | dealer | self hash | u16 count |
/// (holder[20] | seed commitment[32] | u32 length | sealed note) per neighbour, in id order | signature.
/// </summary>
public sealed record MaskAdvert(Hash32 Context, NodeId Dealer, Hash32 SelfHash, IReadOnlyList<AdvertEdge> Edges, byte[] Bytes)
{
    public const string Tag = "zkpot/secagg/advert/v1";

    public static byte[] Create(NodeIdentity dealer, MaskContext context, Hash32 selfHash, IReadOnlyList<AdvertEdge> edges)
    {
        var w = new MaskWriter().Hash(context.Id).Id(dealer.Id).Hash(selfHash).U16(edges.Count);
        foreach (var e in edges) w.Id(e.Holder).Hash(e.SeedCommitment).Blob(e.SealedShare);
        return MaskSignature.Signed(dealer, Tag, w.ToArray());
    }

    public static MaskAdvert Parse(ReadOnlySpan<byte> bytes, MaskContext context)
    {
        if (bytes.Length < MaskSignature.Size) throw new InvalidDataException("advert: shorter than a signature");
        var r = new MaskReader(bytes[..^MaskSignature.Size], "advert");
        var (ctx, dealer, selfHash) = (r.Hash(), r.Id(), r.Hash());
        if (ctx != context.Id) throw new InvalidDataException("advert: another attempt's");
        if (!context.Contains(dealer)) throw new InvalidDataException($"advert: {dealer} is not in the attempt's set");
        var neighbours = context.Neighbours(dealer);
        int count = r.U16();
        if (count != neighbours.Count) throw new InvalidDataException($"advert of {dealer}: {count} edges, the graph gives it {neighbours.Count}");
        var edges = new List<AdvertEdge>(count);
        for (int i = 0; i < count; i++)
        {
            var (holder, commitment, sealedNote) = (r.Id(), r.Hash(), r.Blob(1024).ToArray());
            if (holder != neighbours[i].Id) throw new InvalidDataException($"advert of {dealer}: edge {i} names {holder}, not its neighbour {neighbours[i].Id}");
            edges.Add(new AdvertEdge(holder, commitment, sealedNote));
        }
        r.End();
        MaskSignature.Check(bytes, bytes.Length - MaskSignature.Size, context[dealer].SigningKey, Tag, $"advert of {dealer}");
        return new MaskAdvert(ctx, dealer, selfHash, edges, bytes.ToArray());
    }

    public AdvertEdge EdgeTo(NodeId holder) => Edges.Single(e => e.Holder == holder);
}

/// <summary>
/// Phase 2, participant to leader: the masked vector y = x + self mask + Σ ± pairwise masks (the model's values and its
/// commitment mask ν last, all mod r) with a signed header: the vector's hash, the commitment B to the self mask and, for
/// every graph neighbour, the commitment P to their pairwise mask (the identity when the edge is not in use) and whether
/// the sender took the edge to be in use: the adverts it was shown decide that, and a Byzantine neighbour may have signed
/// two, so evidence about the edge holds the sender only to the view it signed; and whether it holds the neighbour's
/// share note (one that did not open is the dealer's fault, and the leader leaves out a dealer too few hold notes of).
/// Encoding: u32 header length | header (context | sender | vector hash | B | u16 count | (neighbour | P | flags u8: 1 in use, 2 holds the note) each | signature) | vector (32 bytes each).
/// </summary>
public sealed record MaskedUpdate(Hash32 Context, NodeId Sender, Hash32 VectorHash, G1Affine SelfCommitment,
                                  IReadOnlyList<(NodeId Neighbour, G1Affine Pair)> Pairs, IReadOnlyList<bool> Used, IReadOnlyList<bool> Holding, byte[] Header, Fr[]? Vector)
{
    public const string Tag = "zkpot/secagg/masked/v2";

    public static byte[] Create(NodeIdentity sender, MaskContext context, Fr[] vector, G1Affine selfCommitment, IReadOnlyList<(NodeId, G1Affine)> pairs, IReadOnlyList<bool> used, IReadOnlyList<bool> holding)
    {
        if (used.Count != pairs.Count || holding.Count != pairs.Count) throw new ArgumentException($"{used.Count} in-use and {holding.Count} note flags for {pairs.Count} pairs", nameof(used));
        var body = new MaskWriter();
        foreach (var v in vector) body.Scalar(v);
        byte[] vectorBytes = body.ToArray();
        var w = new MaskWriter().Hash(context.Id).Id(sender.Id).Hash(Hash32.Tagged("zkpot/secagg/vector/v1", vectorBytes)).Point(selfCommitment).U16(pairs.Count);
        for (int i = 0; i < pairs.Count; i++) w.Id(pairs[i].Item1).Point(pairs[i].Item2).U8((byte)((used[i] ? 1 : 0) | (holding[i] ? 2 : 0)));
        byte[] header = MaskSignature.Signed(sender, Tag, w.ToArray());
        return new MaskWriter().Blob(header).Raw(vectorBytes).ToArray();
    }

    /// <summary>A signed header alone (what evidence about pairwise commitments carries).</summary>
    public static MaskedUpdate ParseHeader(ReadOnlySpan<byte> header, MaskContext context)
    {
        if (header.Length < MaskSignature.Size) throw new InvalidDataException("masked update header: shorter than a signature");
        var r = new MaskReader(header[..^MaskSignature.Size], "masked update header");
        var (ctx, sender, vectorHash, self) = (r.Hash(), r.Id(), r.Hash(), r.Point());
        if (ctx != context.Id) throw new InvalidDataException("masked update: another attempt's");
        if (!context.Contains(sender)) throw new InvalidDataException($"masked update: {sender} is not in the attempt's set");
        var neighbours = context.Neighbours(sender);
        int count = r.U16();
        if (count != neighbours.Count) throw new InvalidDataException($"masked update of {sender}: {count} pair commitments for {neighbours.Count} neighbours");
        var pairs = new List<(NodeId, G1Affine)>(count);
        var used = new List<bool>(count);
        var holding = new List<bool>(count);
        for (int i = 0; i < count; i++)
        {
            var (k, p, flag) = (r.Id(), r.Point(), r.U8());
            if (k != neighbours[i].Id) throw new InvalidDataException($"masked update of {sender}: pair {i} names {k}, not its neighbour {neighbours[i].Id}");
            if (flag > 3) throw new InvalidDataException($"masked update of {sender}: flags {flag} for {k}");
            pairs.Add((k, p));
            used.Add((flag & 1) != 0);
            holding.Add((flag & 2) != 0);
        }
        r.End();
        MaskSignature.Check(header, header.Length - MaskSignature.Size, context[sender].SigningKey, Tag, $"masked update of {sender}");
        return new MaskedUpdate(ctx, sender, vectorHash, self, pairs, used, holding, header.ToArray(), null);
    }

    public static MaskedUpdate Parse(ReadOnlySpan<byte> bytes, MaskContext context)
    {
        var r = new MaskReader(bytes, "masked update");
        var header = ParseHeader(r.Blob(64 * 1024), context);
        var vectorBytes = r.Raw(32 * (context.ValueCount + 1));
        r.End();
        if (Hash32.Tagged("zkpot/secagg/vector/v1", vectorBytes) != header.VectorHash) throw new InvalidDataException($"masked update of {header.Sender}: the vector is not the one its header signs");
        var vector = new Fr[context.ValueCount + 1];
        for (int i = 0; i < vector.Length; i++) vector[i] = FieldBytes.Read(vectorBytes.Slice(32 * i, 32), $"masked update of {header.Sender}: value {i}");
        return header with { Vector = vector };
    }

    public G1Affine PairWith(NodeId neighbour) => Pairs.Single(p => p.Neighbour == neighbour).Pair;

    /// <summary>Whether the sender signed that it took its edge with <paramref name="neighbour"/> to be in use.</summary>
    public bool Uses(NodeId neighbour)
    {
        for (int i = 0; i < Pairs.Count; i++) if (Pairs[i].Neighbour == neighbour) return Used[i];
        throw new InvalidOperationException($"{neighbour} is not a neighbour of {Sender}");
    }

    /// <summary>Whether the sender signed that it holds the share note <paramref name="neighbour"/> dealt it.</summary>
    public bool Holds(NodeId neighbour)
    {
        for (int i = 0; i < Pairs.Count; i++) if (Pairs[i].Neighbour == neighbour) return Holding[i];
        throw new InvalidOperationException($"{neighbour} is not a neighbour of {Sender}");
    }
}

/// <summary>A pairwise seed, revealed signed by one end of its edge (in a dispute, or for a dropped neighbour). Encoding: context | sender | other | seed[32] | signature.</summary>
public sealed record SeedReveal(Hash32 Context, NodeId Sender, NodeId Other, byte[] Seed, byte[] Bytes)
{
    public const string Tag = "zkpot/secagg/seed/v1";
    const int PayloadSize = 32 + 2 * NodeId.Size + 32;

    public static byte[] Create(NodeIdentity sender, MaskContext context, NodeId other, byte[] seed) =>
        MaskSignature.Signed(sender, Tag, new MaskWriter().Hash(context.Id).Id(sender.Id).Id(other).Raw(seed).ToArray());

    public static SeedReveal Parse(ReadOnlySpan<byte> bytes, MaskContext context)
    {
        if (bytes.Length != PayloadSize + MaskSignature.Size) throw new InvalidDataException($"seed reveal: expected {PayloadSize + MaskSignature.Size} bytes, got {bytes.Length}");
        var r = new MaskReader(bytes[..PayloadSize], "seed reveal");
        var (ctx, sender, other, seed) = (r.Hash(), r.Id(), r.Id(), r.Raw(32).ToArray());
        if (ctx != context.Id) throw new InvalidDataException("seed reveal: another attempt's");
        if (!context.Contains(sender) || !context.Contains(other) || !context.AreNeighbours(sender, other)) throw new InvalidDataException("seed reveal: not an edge of the attempt's graph");
        MaskSignature.Check(bytes, PayloadSize, context[sender].SigningKey, Tag, $"seed reveal of {sender}");
        return new SeedReveal(ctx, sender, other, seed, bytes.ToArray());
    }
}

/// <summary>
/// Phase 3, participant to leader, for the survivors U the leader named: for each graph neighbour in U the share note
/// it dealt this participant, for each neighbour not in U the pairwise seed (as a signed <see cref="SeedReveal"/>);
/// never both for one neighbour. Encoding: context | sender | u16 count | (kind u8: 1 note, 2 seed reveal | u32 length | bytes) each | signature.
/// </summary>
public sealed record UnmaskReply(Hash32 Context, NodeId Sender, IReadOnlyList<ShareNote> Shares, IReadOnlyList<SeedReveal> Seeds, byte[] Bytes)
{
    public const string Tag = "zkpot/secagg/unmask/v1";

    public static byte[] Create(NodeIdentity sender, MaskContext context, IReadOnlyList<byte[]> notes, IReadOnlyList<byte[]> reveals)
    {
        var w = new MaskWriter().Hash(context.Id).Id(sender.Id).U16(notes.Count + reveals.Count);
        foreach (var n in notes) w.U8(1).Blob(n);
        foreach (var s in reveals) w.U8(2).Blob(s);
        return MaskSignature.Signed(sender, Tag, w.ToArray());
    }

    public static UnmaskReply Parse(ReadOnlySpan<byte> bytes, MaskContext context)
    {
        if (bytes.Length < MaskSignature.Size) throw new InvalidDataException("unmask reply: shorter than a signature");
        var r = new MaskReader(bytes[..^MaskSignature.Size], "unmask reply");
        var (ctx, sender) = (r.Hash(), r.Id());
        if (ctx != context.Id) throw new InvalidDataException("unmask reply: another attempt's");
        if (!context.Contains(sender)) throw new InvalidDataException($"unmask reply: {sender} is not in the attempt's set");
        MaskSignature.Check(bytes, bytes.Length - MaskSignature.Size, context[sender].SigningKey, Tag, $"unmask reply of {sender}");
        int count = r.U16();
        var shares = new List<ShareNote>();
        var seeds = new List<SeedReveal>();
        for (int i = 0; i < count; i++)
        {
            byte kind = r.U8();
            var item = r.Blob(1024);
            if (kind == 1)
            {
                var note = ShareNote.Parse(item, context);
                if (note.Holder != sender) throw new InvalidDataException($"unmask reply of {sender}: a note held by {note.Holder}");
                shares.Add(note);
            }
            else if (kind == 2)
            {
                var seed = SeedReveal.Parse(item, context);
                if (seed.Sender != sender) throw new InvalidDataException($"unmask reply of {sender}: a seed revealed by {seed.Sender}");
                seeds.Add(seed);
            }
            else throw new InvalidDataException($"unmask reply of {sender}: unknown entry kind {kind}");
        }
        r.End();
        var about = shares.Select(s => s.Dealer).Concat(seeds.Select(s => s.Other)).ToList();
        if (about.Distinct().Count() != about.Count) throw new InvalidDataException($"unmask reply of {sender}: two entries about one neighbour");
        return new UnmaskReply(ctx, sender, shares, seeds, bytes.ToArray());
    }
}
