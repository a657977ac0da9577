using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Chain;

/// <summary>A block: header, transactions (claims in ascending participant order, then evidence in ascending id order) and, once committed, its quorum certificate.</summary>
/// <remarks>
/// Encoding: header | claim count u32 | claims (u32 length + bytes) | evidence count u32 | evidence (u32 length + bytes) |
/// has_certificate u8 | certificate. Merkle leaves: 0x01 || claim encoding, then 0x02 || evidence encoding.
/// The certificate is not covered by the block hash (it signs the hash).
/// </remarks>
public sealed class Block
{
    public const int MaxTransactions = 100_000;
    const int MaxTransactionSize = 1 << 16;

    public Block(BlockHeader header, IReadOnlyList<AccuracyClaim> claims, IReadOnlyList<EquivocationEvidence> evidence, QuorumCertificate? certificate)
    {
        Header = header;
        Claims = claims.ToList();
        Evidence = evidence.ToList();
        Certificate = certificate;
    }

    /// <summary>Builds a block body in canonical order and a header over it.</summary>
    public static Block Assemble(Hash32 taskId, long height, Hash32 previousHash, int view, Cid modelCid, Hash32 modelCommitment,
                                 int globalCorrect, int globalSamples, NodeId leader,
                                 IEnumerable<AccuracyClaim> claims, IEnumerable<EquivocationEvidence> evidence)
    {
        var sortedClaims = claims.OrderBy(c => c.Participant).ToList();
        var sortedEvidence = evidence.OrderBy(e => e.Id).ToList();
        var header = new BlockHeader(taskId, height, previousHash, height, view, TransactionsRoot(sortedClaims, sortedEvidence),
                                     modelCid, modelCommitment, globalCorrect, globalSamples, leader);
        return new Block(header, sortedClaims, sortedEvidence, null);
    }

    public BlockHeader Header { get; }
    public IReadOnlyList<AccuracyClaim> Claims { get; }
    public IReadOnlyList<EquivocationEvidence> Evidence { get; }
    public QuorumCertificate? Certificate { get; }

    public Hash32 Hash => Header.Hash;

    public long Height => Header.Height;

    public Block WithCertificate(QuorumCertificate certificate) => new(Header, Claims, Evidence, certificate);

    public static Hash32 TransactionsRoot(IReadOnlyList<AccuracyClaim> claims, IReadOnlyList<EquivocationEvidence> evidence)
    {
        var leaves = new List<byte[]>(claims.Count + evidence.Count);
        foreach (var c in claims) leaves.Add([0x01, .. c.Encode()]);
        foreach (var e in evidence) leaves.Add([0x02, .. e.Encode()]);
        return MerkleTree.Root(leaves);
    }

    /// <summary>Null when the body is in canonical order (no participant twice, no evidence twice) and matches the header's Merkle root.</summary>
    public string? CheckBody()
    {
        for (int i = 1; i < Claims.Count; i++)
            if (Claims[i].Participant.CompareTo(Claims[i - 1].Participant) <= 0)
                return $"claim {i} ({Claims[i].Participant}) is out of order or repeats a participant";
        for (int i = 1; i < Evidence.Count; i++)
            if (Evidence[i].Id.CompareTo(Evidence[i - 1].Id) <= 0)
                return $"evidence {i} is out of order or repeated";
        var root = TransactionsRoot(Claims, Evidence);
        return root == Header.TransactionsRoot ? null : $"transactions root {Header.TransactionsRoot} does not match the body ({root})";
    }

    /// <summary>
    /// Null when the body matches the header and a quorum of <paramref name="validators"/> precommitted this block (its
    /// own task, height and hash); otherwise why not. What anyone holding a committed block checks before taking it.
    /// </summary>
    public string? CommitProblem(ValidatorSet validators, ISignatureVerifier signatures)
    {
        if (CheckBody() is { } body) return body;
        if (Certificate is null) return "no quorum certificate";
        return Certificate.Check(Header.TaskId, Height, Hash, validators, signatures) is { } problem ? "quorum certificate: " + problem : null;
    }

    public byte[] Encode(bool includeCertificate = true)
    {
        var w = new CanonicalWriter(BlockHeader.EncodedSize + 300 * Claims.Count + 64);
        Header.Write(w);
        w.Count(Claims.Count);
        foreach (var c in Claims) w.Bytes(c.Encode());
        w.Count(Evidence.Count);
        foreach (var e in Evidence) w.Bytes(e.Encode());
        if (includeCertificate && Certificate is not null)
        {
            w.U8(1);
            Certificate.Write(w);
        }
        else w.U8(0);
        return w.ToArray();
    }

    public static Block Decode(ReadOnlySpan<byte> data)
    {
        var r = new CanonicalReader(data, "block");
        var header = BlockHeader.Read(ref r);
        int claimCount = r.Count("claim_count", MaxTransactions);
        var claims = new List<AccuracyClaim>(claimCount);
        for (int i = 0; i < claimCount; i++) claims.Add(AccuracyClaim.Decode(r.Bytes($"claim[{i}]", MaxTransactionSize)));
        int evidenceCount = r.Count("evidence_count", MaxTransactions);
        var evidence = new List<EquivocationEvidence>(evidenceCount);
        for (int i = 0; i < evidenceCount; i++) evidence.Add(EquivocationEvidence.Decode(r.Bytes($"evidence[{i}]", MaxTransactionSize)));
        int at = r.Position;
        byte hasCertificate = r.U8("has_certificate");
        QuorumCertificate? certificate = hasCertificate switch
        {
            0 => null,
            1 => QuorumCertificate.Read(ref r),
            _ => throw r.Error("has_certificate", at, $"expected 0 or 1, got {hasCertificate}"),
        };
        r.End();
        return new Block(header, claims, evidence, certificate);
    }
}
