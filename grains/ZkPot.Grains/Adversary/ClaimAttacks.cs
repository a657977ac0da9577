using System.Security.Cryptography;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Learning;

namespace ZkPot.Grains.Adversary;

/// <summary>Sends, in place of its member's claim, one stating a perfect score on the same commitment with random bytes for a proof.</summary>
sealed class ForgedProof : Adversary
{
    public override AttackKind Kind => AttackKind.ForgedProof;

    protected internal override Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame) =>
        Task.FromResult<IReadOnlyList<byte[]>>(Frames.Claim(frame) is { } claim && claim.Participant == Identity.Id
            ? [Forged(claim)]
            : [frame]);

    byte[] Forged(AccuracyClaim claim)
    {
        Act();
        return Frames.Of(Frames.Resign(claim, Identity, correct: claim.TestSamples, proof: RandomNumberGenerator.GetBytes(ProofCodec.Size)));
    }
}

/// <summary>Sends its member's claim with the count raised by half the batch: the proof is of the true count, and no proof of the false one exists.</summary>
sealed class InflatedClaim : Adversary
{
    public override AttackKind Kind => AttackKind.InflatedClaim;

    protected internal override Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame)
    {
        if (Frames.Claim(frame) is not { } claim || claim.Participant != Identity.Id || claim.CorrectCount >= claim.TestSamples)
            return Task.FromResult<IReadOnlyList<byte[]>>([frame]);
        Act();
        int inflated = InflatedAccuracyClaim.Create(claim.CorrectCount, claim.TestSamples, Math.Max(1, claim.TestSamples / 2)).ClaimedCorrect;
        return Task.FromResult<IReadOnlyList<byte[]>>([Frames.Of(Frames.Resign(claim, Identity, correct: inflated))]);
    }
}

/// <summary>Waits for another member's claim of the round and sends its proof, commitment and count, signed as its own, in place of its member's claim.</summary>
sealed class ReplayedProof : Adversary
{
    readonly Dictionary<long, AccuracyClaim> _seen = [];

    public override AttackKind Kind => AttackKind.ReplayedProof;

    protected internal override void Incoming(byte[] frame)
    {
        if (Frames.Claim(frame) is { } claim)
            lock (_seen) _seen.TryAdd(claim.Round, claim);
    }

    protected internal override async Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame)
    {
        if (Frames.Claim(frame) is not { } own || own.Participant != Identity.Id) return [frame];
        for (int wait = 0; wait < 100; wait++)
        {
            AccuracyClaim? other;
            lock (_seen) _seen.TryGetValue(own.Round, out other);
            if (other is not null && other.Participant != Identity.Id)
            {
                Act();
                return [Frames.Of(Frames.Resign(other, Identity))];
            }
            await Task.Delay(100);
        }
        return [frame];
    }
}

/// <summary>
/// Sends its honest claim to everyone; then, once another member votes for a block that carries it, a second valid
/// claim (the same model, its proof re-randomized: a proof costs nothing to re-randomize) to one member only, hoping
/// that member's ranking, and so its leader, differs from the others' for the rest of the height.
/// </summary>
sealed class ClaimEquivocator : Adversary
{
    readonly Dictionary<ZkPot.Ledger.Crypto.Hash32, AccuracyClaim> _carrying = [];
    readonly HashSet<long> _sent = [];
    AccuracyClaim? _own;
    string? _target;

    public override AttackKind Kind => AttackKind.ClaimEquivocation;

    protected internal override Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame)
    {
        if (Frames.Claim(frame) is { } claim && claim.Participant == Identity.Id)
            lock (_sent)
            {
                _own = claim;
                _target ??= to;
            }
        return Task.FromResult<IReadOnlyList<byte[]>>([frame]);
    }

    protected internal override void Incoming(byte[] frame)
    {
        if (Frames.Consensus(frame) is not ({ } envelope, var message)) return;
        AccuracyClaim? second = null;
        string? target;
        lock (_sent)
        {
            target = _target;
            if (_own is not { } own) return;
            if (message is ProposalMessage p && p.Proposal.Block.Claims.Any(c => c.Id == own.Id)) _carrying[p.Proposal.Block.Hash] = own;
            if (message is VoteMessage v && v.Vote.Voter != Identity.Id && _carrying.ContainsKey(v.Vote.BlockHash) && _sent.Add(own.Round))
                second = Frames.Resign(own, Identity, proof: Rerandomized(own.Proof));
        }
        if (second is null || target is null || Link is null) return;
        Act();
        Link.Post(target, Frames.Of(second));
    }

    /// <summary>
    /// The same statement, another proof: A/r, r B + r s delta, C + s A. Both pairings of the check change by e(s A,
    /// delta), so it still verifies; D and its proof of knowledge are untouched.
    /// </summary>
    byte[] Rerandomized(byte[] proofBytes)
    {
        var proof = ProofCodec.Decode(proofBytes);
        var delta = TaskContext.VerifyingKey(Store, Setup.Validator.ZKeyCid).Delta;
        var r = Fr.Random();
        var s = Fr.Random();
        var a = proof.A.ToJacobian().Multiply(r.Inverse()).ToAffine();
        var b = proof.B.ToJacobian().Multiply(r).Add(delta.ToJacobian().Multiply(r * s)).ToAffine();
        var c = proof.C.ToJacobian().Add(proof.A.ToJacobian().Multiply(s)).ToAffine();
        return ProofCodec.Encode(proof with { A = a, B = b, C = c });
    }
}
