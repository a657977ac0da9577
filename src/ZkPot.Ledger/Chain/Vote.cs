using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>A validator's signed prevote or precommit for a block hash (or for nil: the zero hash) at one height and view.</summary>
/// <remarks>Encoding (161 bytes): task_id[32] | kind u8 | height u64 | view u32 | block_hash[32] | voter[20] | signature[64]; signed with tag "zkpot/vote/v1".</remarks>
public sealed class Vote
{
    public const int EncodedSize = 32 + 1 + 8 + 4 + 32 + 20 + 64;

    public Vote(Hash32 taskId, VoteKind kind, long height, int view, Hash32 blockHash, NodeId voter, byte[] signature)
    {
        if (kind is not (VoteKind.Prevote or VoteKind.Precommit)) throw new ArgumentOutOfRangeException(nameof(kind), $"unknown vote kind {(int)kind}");
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(view);
        if (signature.Length != Ed25519Verifier.SignatureSize) throw new ArgumentException($"signature has {signature.Length} bytes, expected 64", nameof(signature));
        TaskId = taskId;
        Kind = kind;
        Height = height;
        View = view;
        BlockHash = blockHash;
        Voter = voter;
        Signature = (byte[])signature.Clone();
    }

    public static Vote Create(Hash32 taskId, VoteKind kind, long height, int view, Hash32 blockHash, NodeIdentity voter)
    {
        byte[] payload = Payload(taskId, kind, height, view, blockHash, voter.Id);
        return new Vote(taskId, kind, height, view, blockHash, voter.Id, voter.Sign(DomainTag.Vote, payload));
    }

    public Hash32 TaskId { get; }
    public VoteKind Kind { get; }
    public long Height { get; }
    public int View { get; }
    public Hash32 BlockHash { get; }
    public NodeId Voter { get; }
    public byte[] Signature { get; }

    public bool IsNil => BlockHash.IsZero;

    public byte[] SigningPayload() => Payload(TaskId, Kind, Height, View, BlockHash, Voter);

    public static byte[] Payload(Hash32 taskId, VoteKind kind, long height, int view, Hash32 blockHash, NodeId voter) =>
        new CanonicalWriter(EncodedSize).Hash(taskId).U8((byte)kind).Height(height).Count(view).Hash(blockHash).Node(voter).ToArray();

    public bool VerifySignature(ValidatorSet validators, ISignatureVerifier verifier) =>
        validators.TryGet(Voter, out var info) && verifier.Verify(info.SigningPublicKey, DomainTag.Vote, SigningPayload(), Signature);

    public byte[] Encode() => new CanonicalWriter(EncodedSize).Fixed(SigningPayload()).Fixed(Signature).ToArray();

    public static Vote Decode(ReadOnlySpan<byte> data)
    {
        var r = new CanonicalReader(data, "vote");
        var task = r.Hash("task_id");
        int at = r.Position;
        byte kind = r.U8("kind");
        if (kind is not ((byte)VoteKind.Prevote or (byte)VoteKind.Precommit)) throw r.Error("kind", at, $"unknown vote kind {kind}");
        long height = r.Height("height");
        int view = r.Count("view");
        var hash = r.Hash("block_hash");
        var voter = r.Node("voter");
        byte[] signature = r.Fixed(64, "signature").ToArray();
        r.End();
        return new Vote(task, (VoteKind)kind, height, view, hash, voter, signature);
    }
}
