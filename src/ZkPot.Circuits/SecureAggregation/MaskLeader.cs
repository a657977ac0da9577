using System.Numerics;
using System.Security.Cryptography;
using ZkPot.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>How an attempt ended: the sum of the survivors' models, or why not; the cheaters named, each with evidence.</summary>
public sealed record MaskOutcome(ModelSum? Sum, IReadOnlyList<NodeId> Included, IReadOnlyList<MaskEvidence> Named, string? Failure);

/// <summary>
/// The leader's side of one attempt (PROTOCOL §12). It learns the masked vectors, which are uniform, and from the
/// unmasking the self mask secrets of the survivors and the pair seeds between survivors and the others, which
/// together cancel every mask in the survivors' sum and in no single vector.
/// </summary>
public sealed class MaskLeader(MaskContext context, IReadOnlyList<G1Affine> bases)
{
    readonly Dictionary<NodeId, MaskAdvert> _adverts = [];
    readonly Dictionary<NodeId, MaskedUpdate> _updates = [];
    readonly Dictionary<NodeId, UnmaskReply> _replies = [];
    readonly List<MaskEvidence> _named = [];
    readonly HashSet<NodeId> _unsettled = [];
    readonly G1Affine[] _bases = bases.ToArray();
    bool _checked;

    public MaskContext Context => context;
    public IReadOnlyList<MaskEvidence> Named => _named;

    /// <summary>Null when the advert is taken; otherwise why not (and nothing changes).</summary>
    public string? AcceptAdvert(byte[] bytes) => Accept(() => { var a = MaskAdvert.Parse(bytes, context); _adverts.TryAdd(a.Dealer, a); });

    public IReadOnlyList<NodeId> MissingAdverts => context.Members.Select(m => m.Id).Where(id => !_adverts.ContainsKey(id)).ToList();

    /// <summary>Every advert, for phase 2 (each participant needs its neighbours').</summary>
    public IReadOnlyList<byte[]> Adverts => _adverts.Values.Select(a => a.Bytes).ToList();

    public string? AcceptMasked(byte[] bytes) => Accept(() =>
    {
        if (MissingAdverts.Count > 0) throw new InvalidOperationException("masked updates come after every advert");
        // One taken after the checks would be counted a survivor without ever being checked.
        if (_checked) throw new InvalidOperationException("masked updates come before the checks; this one is late");
        var u = MaskedUpdate.Parse(bytes, context);
        _updates.TryAdd(u.Sender, u);
    });

    /// <summary>
    /// Checks every masked update against its D (one batched multi-exponentiation; one per update only when the batch
    /// fails) and every edge's two pair commitments. Names inconsistent updates and lies about unused edges; returns the
    /// edges in use whose ends disagree, for <see cref="Settle"/>.
    /// </summary>
    public IReadOnlyList<(MaskedUpdate A, MaskedUpdate B)> CheckUpdates()
    {
        if (_checked) throw new InvalidOperationException("the updates are checked once");
        _checked = true;
        var updates = _updates.Values.ToList();
        if (!BatchOpens(updates))
            foreach (var u in updates.Where(u => !MaskChecks.Opens(context, _bases, u)))
                Name(MaskOffence.InconsistentUpdate, u.Sender, [Bytes(u)]);
        // An update that signs another view of an edge than the adverts held here was masked against other adverts
        // (its neighbour signed two, or it lies): it cannot be held to these, nor cancel against its neighbour; it leaves U.
        foreach (var u in updates.Where(u => !IsNamed(u.Sender)))
            if (u.Pairs.Any(p => u.Uses(p.Neighbour) != MaskChecks.InUse(_adverts[u.Sender], _adverts[p.Neighbour])))
                _unsettled.Add(u.Sender);
        var disputes = new List<(MaskedUpdate, MaskedUpdate)>();
        foreach (var a in updates.Where(u => !IsNamed(u.Sender) && !_unsettled.Contains(u.Sender)))
            foreach (var (k, pa) in a.Pairs)
            {
                if (a.Sender.CompareTo(k) > 0 || !_updates.TryGetValue(k, out var b) || IsNamed(k) || _unsettled.Contains(k)) continue;
                if (pa == b.PairWith(a.Sender)) continue;
                var (adA, adB) = (_adverts[a.Sender], _adverts[k]);
                if (MaskChecks.InUse(adA, adB)) { disputes.Add((a, b)); continue; }
                // Unused edge: the true commitment is the identity, and the adverts prove it.
                if (!pa.IsInfinity) Name(MaskOffence.PairLie, a.Sender, [a.Header, adA.Bytes, adB.Bytes]);
                if (!b.PairWith(a.Sender).IsInfinity) Name(MaskOffence.PairLie, k, [b.Header, adB.Bytes, adA.Bytes]);
            }
        return disputes;
    }

    /// <summary>Settles a disputed edge with a seed either end revealed: whoever signed another commitment is named. Without a seed that matches, both ends leave the sum.</summary>
    public void Settle(MaskedUpdate a, MaskedUpdate b, IEnumerable<byte[]?> reveals)
    {
        foreach (var bytes in reveals)
        {
            if (bytes is null) continue;
            SeedReveal seed;
            try { seed = SeedReveal.Parse(bytes, context); }
            catch (InvalidDataException) { continue; }
            var (adA, adB) = (_adverts[a.Sender], _adverts[b.Sender]);
            if (MaskChecks.TruePair(context, _bases, adA, adB, seed) is not { } truth) continue;
            if (a.PairWith(b.Sender) != truth) Name(MaskOffence.PairLie, a.Sender, [a.Header, adA.Bytes, adB.Bytes, seed.Bytes]);
            if (b.PairWith(a.Sender) != truth) Name(MaskOffence.PairLie, b.Sender, [b.Header, adB.Bytes, adA.Bytes, seed.Bytes]);
            return;
        }
        _unsettled.Add(a.Sender);
        _unsettled.Add(b.Sender);
    }

    /// <summary>
    /// U: those whose masked update came and holds, less (repeatedly) any left with fewer than R neighbours in U, who
    /// would not unmask, or with fewer than t neighbours in U holding its share note; in id order.
    /// </summary>
    public IReadOnlyList<NodeId> Survivors
    {
        get
        {
            var u = context.Members.Select(m => m.Id).Where(id => _updates.ContainsKey(id) && !IsNamed(id) && !_unsettled.Contains(id)).ToHashSet();
            // Out, until none is left: whoever has fewer than R neighbours in U (it would not unmask), and whoever fewer
            // than t neighbours in U say they hold a note of (its self mask could not be removed).
            bool Thin(NodeId id) =>
                context.Neighbours(id).Count(k => u.Contains(k.Id)) < context.Required ||
                context.Neighbours(id).Count(k => u.Contains(k.Id) && _updates[k.Id].Holds(id)) < context.Threshold;
            while (u.FirstOrDefault(Thin) is var thin && u.Contains(thin))
                u.Remove(thin);
            return context.Members.Select(m => m.Id).Where(u.Contains).ToList();
        }
    }

    public string? AcceptUnmask(byte[] bytes) => Accept(() =>
    {
        if (!_checked) throw new InvalidOperationException("unmask replies come after the checks fix the survivors");
        var r = UnmaskReply.Parse(bytes, context);
        if (!Survivors.Contains(r.Sender)) throw new InvalidDataException($"unmask reply of {r.Sender}, not a survivor");
        _replies.TryAdd(r.Sender, r);
    });

    /// <summary>
    /// Removes every mask from the survivors' sum: each survivor's self mask (its secret interpolated from threshold
    /// notes, checked against its advert's hash) and each pair mask between a survivor and a neighbour outside U (the
    /// survivor's revealed seed, checked against its advert). The sum must open Σ D over U; when it does not, the
    /// survivor whose self mask commitment lied is named.
    /// </summary>
    public MaskOutcome Finish()
    {
        if (!_checked) return Failed([], "the updates were not checked");
        var survivors = Survivors;
        int length = context.ValueCount + 1;
        if (survivors.Count == 0) return Failed(survivors, "no masked update survived");
        var sum = new Fr[length];
        var selfMasks = new Dictionary<NodeId, (Fr B, List<ShareNote> Notes)>();
        foreach (var j in survivors)
        {
            var notes = _replies.Values.SelectMany(r => r.Shares).Where(n => n.Dealer == j).OrderBy(n => n.Holder).Take(context.Threshold).ToList();
            if (notes.Count < context.Threshold) return Failed(survivors, $"only {notes.Count} of {context.Threshold} share notes of {j} came");
            var b = Shamir.Interpolate(notes.Select(n => (n.X, n.Share)).ToList());
            if (MaskSecrets.SelfHash(b) != _adverts[j].SelfHash)
            {
                Name(MaskOffence.BadDealing, j, [_adverts[j].Bytes, .. notes.Select(n => n.Bytes)]);
                return Failed(survivors, $"{j} dealt share notes of another secret than it advertised");
            }
            selfMasks[j] = (b, notes);
            var self = MaskSecrets.SelfMask(b, length);
            var y = _updates[j].Vector!;
            for (int i = 0; i < length; i++) sum[i] += y[i] - self[i];
        }
        foreach (var k in survivors)
            foreach (var j in context.Neighbours(k).Select(n => n.Id).Where(j => !survivors.Contains(j) && MaskChecks.InUse(_adverts[k], _adverts[j])))
            {
                if (!_replies.TryGetValue(k, out var reply)) return Failed(survivors, $"{k} did not unmask, so its pair mask with {j} cannot be removed");
                var seed = reply.Seeds.FirstOrDefault(s => s.Other == j);
                if (seed is null) return Failed(survivors, $"{k} did not reveal its seed with {j}");
                if (MaskSecrets.SeedCommitment(seed.Seed) != _adverts[k].EdgeTo(j).SeedCommitment)
                {
                    Name(MaskOffence.BadReveal, k, [reply.Bytes, _adverts[k].Bytes]);
                    return Failed(survivors, $"{k} revealed a seed with {j} other than the one it committed to");
                }
                var mask = MaskSecrets.PairMask(seed.Seed, length);
                if (MaskContext.Sign(k, j) > 0) for (int i = 0; i < length; i++) sum[i] -= mask[i];
                else for (int i = 0; i < length; i++) sum[i] += mask[i];
            }
        var expected = G1Jacobian.Infinity;
        foreach (var j in survivors) expected = expected.AddMixed(context[j].Commitment);
        if (!expected.IsSamePoint(MaskSecrets.Commit(_bases, sum).ToJacobian()))
        {
            foreach (var j in survivors)
                if (MaskSecrets.Commit(_bases, MaskSecrets.SelfMask(selfMasks[j].B, length)) != _updates[j].SelfCommitment)
                    Name(MaskOffence.SelfMaskLie, j, [_updates[j].Header, _adverts[j].Bytes, .. selfMasks[j].Notes.Select(n => n.Bytes)]);
            // A survivor may also have lied about a pair with a neighbour outside U (no one cross-checked it): its seed settles it.
            foreach (var k in survivors)
                foreach (var seed in _replies.TryGetValue(k, out var reply) ? reply.Seeds : [])
                    if (MaskChecks.TruePair(context, _bases, _adverts[k], _adverts[seed.Other], seed) is { } truth && _updates[k].PairWith(seed.Other) != truth)
                        Name(MaskOffence.PairLie, k, [_updates[k].Header, _adverts[k].Bytes, _adverts[seed.Other].Bytes, seed.Bytes]);
            return Failed(survivors, "the unmasked sum does not open the survivors' commitments");
        }
        return new MaskOutcome(new ModelSum(survivors.Count, sum[..^1].Select(v => SignedField.ToInt64(v)).ToArray(), sum[^1]), survivors, _named, null);
    }

    MaskOutcome Failed(IReadOnlyList<NodeId> survivors, string why) => new(null, survivors, _named, why);

    bool BatchOpens(List<MaskedUpdate> updates)
    {
        if (updates.Count == 0) return true;
        int length = context.ValueCount + 1;
        var combined = new Fr[length];
        var points = new List<G1Affine>();
        var scalars = new List<Fr>();
        foreach (var u in updates)
        {
            // A random 128-bit weight per update: a cheater's error survives the combination but with probability 2^-128.
            var rho = Fr.FromBigInteger(new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true));
            for (int i = 0; i < length; i++) combined[i] += rho * u.Vector![i];
            points.Add(context[u.Sender].Commitment); scalars.Add(rho);
            points.Add(u.SelfCommitment); scalars.Add(rho);
            foreach (var (k, p) in u.Pairs) { points.Add(p); scalars.Add(MaskContext.Sign(u.Sender, k) > 0 ? rho : -rho); }
        }
        var right = CpuMsm.Shared.MultiExp(points.ToArray(), scalars.ToArray());
        return right.IsSamePoint(MaskSecrets.Commit(_bases, combined).ToJacobian());
    }

    static byte[] Bytes(MaskedUpdate u)
    {
        var w = new MaskWriter().Blob(u.Header);
        foreach (var v in u.Vector!) w.Scalar(v);
        return w.ToArray();
    }

    bool IsNamed(NodeId id) => _named.Any(e => e.Offender == id);

    void Name(MaskOffence offence, NodeId offender, IReadOnlyList<byte[]> items)
    {
        if (!IsNamed(offender)) _named.Add(new MaskEvidence(offence, offender, items));
    }

    static string? Accept(Action take)
    {
        try { take(); return null; }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException) { return e.Message; }
    }
}
