using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>2f+1 precommit signatures for one block hash at one height and view: the proof that the block is committed.</summary>
/// <remarks>Encoding: view u32 | count u32 | count x (voter[20] | signature[64]), voters strictly ascending (so no voter counts twice).</remarks>
public sealed class QuorumCertificate
{
    const int MaxSignatures = 4096;

    public QuorumCertificate(int view, IEnumerable<(NodeId Voter, byte[] Signature)> signatures)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(view);
        View = view;
        Signatures = signatures.OrderBy(s => s.Voter).ToList();
        for (int i = 0; i < Signatures.Count; i++)
        {
            if (Signatures[i].Signature.Length != Ed25519Verifier.SignatureSize) throw new ArgumentException($"signature {i} has {Signatures[i].Signature.Length} bytes, expected 64", nameof(signatures));
            if (i > 0 && Signatures[i].Voter == Signatures[i - 1].Voter) throw new ArgumentException($"voter {Signatures[i].Voter} signs twice", nameof(signatures));
        }
    }

    /// <summary>Collects precommits for one block (all must agree on task, height, view and hash).</summary>
    public static QuorumCertificate FromPrecommits(IEnumerable<Vote> precommits)
    {
        var list = precommits.ToList();
        if (list.Count == 0) throw new ArgumentException("a certificate needs at least one precommit", nameof(precommits));
        var first = list[0];
        foreach (var v in list)
            if (v.Kind != VoteKind.Precommit || v.Height != first.Height || v.View != first.View || v.BlockHash != first.BlockHash || v.TaskId != first.TaskId)
                throw new ArgumentException($"vote of {v.Voter} is not a precommit for the same block, height and view", nameof(precommits));
        return new QuorumCertificate(first.View, list.Select(v => (v.Voter, v.Signature)));
    }

    public int View { get; }

    public IReadOnlyList<(NodeId Voter, byte[] Signature)> Signatures { get; }

    /// <summary>Null when at least a quorum of distinct known validators validly precommitted this block; otherwise the first problem found.</summary>
    public string? Check(Hash32 taskId, long height, Hash32 blockHash, ValidatorSet validators, ISignatureVerifier verifier)
    {
        if (Signatures.Count < validators.Quorum) return $"{Signatures.Count} signature(s), a quorum needs {validators.Quorum}";
        for (int i = 0; i < Signatures.Count; i++)
        {
            var (voter, signature) = Signatures[i];
            if (!validators.TryGet(voter, out var info)) return $"signature {i} is from {voter}, not a validator";
            byte[] payload = Vote.Payload(taskId, VoteKind.Precommit, height, View, blockHash, voter);
            if (!verifier.Verify(info.SigningPublicKey, DomainTag.Vote, payload, signature)) return $"signature {i} (validator {voter}) is invalid";
        }
        return null;
    }

    internal void Write(CanonicalWriter w)
    {
        w.Count(View).Count(Signatures.Count);
        foreach (var (voter, signature) in Signatures) w.Node(voter).Fixed(signature);
    }

    internal static QuorumCertificate Read(ref CanonicalReader r)
    {
        int view = r.Count("certificate.view");
        int count = r.Count("certificate.count", MaxSignatures);
        var list = new List<(NodeId, byte[])>(count);
        int at = r.Position;
        for (int i = 0; i < count; i++)
        {
            var voter = r.Node($"certificate.voter[{i}]");
            if (i > 0 && voter.CompareTo(list[i - 1].Item1) <= 0) throw r.Error($"certificate.voter[{i}]", at, "voters are not strictly ascending");
            list.Add((voter, r.Fixed(64, $"certificate.signature[{i}]").ToArray()));
        }
        return new QuorumCertificate(view, list);
    }
}
