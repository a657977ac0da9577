using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Chain;

/// <summary>A block header; its hash (SHA-256 over tag "zkpot/header/v1" and the encoding) is the block's identity and what votes sign.</summary>
/// <remarks>
/// Encoding (216 bytes): task_id[32] | height u64 | previous_hash[32] | round u64 | view u32 | transactions_root[32] |
/// model_cid (u32 length + 36 CID bytes) | model_commitment[32] | global_correct u32 | global_samples u32 | leader[20].
/// View is the view in which the block was first proposed; a later view may re-propose it unchanged.
/// </remarks>
public sealed class BlockHeader
{
    public const int EncodedSize = 32 + 8 + 32 + 8 + 4 + 32 + 4 + Cid.EncodedSize + 32 + 4 + 4 + 20;

    Hash32? _hash;

    public BlockHeader(Hash32 taskId, long height, Hash32 previousHash, long round, int view, Hash32 transactionsRoot,
                       Cid modelCid, Hash32 modelCommitment, int globalCorrect, int globalSamples, NodeId leader)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfNegative(view);
        ArgumentOutOfRangeException.ThrowIfNegative(globalSamples);
        if (globalCorrect < 0 || globalCorrect > globalSamples)
            throw new ArgumentOutOfRangeException(nameof(globalCorrect), $"global correct count {globalCorrect} is outside [0, {globalSamples}]");
        TaskId = taskId;
        Height = height;
        PreviousHash = previousHash;
        Round = round;
        View = view;
        TransactionsRoot = transactionsRoot;
        ModelCid = modelCid;
        ModelCommitment = modelCommitment;
        GlobalCorrect = globalCorrect;
        GlobalSamples = globalSamples;
        Leader = leader;
    }

    public Hash32 TaskId { get; }
    public long Height { get; }
    public Hash32 PreviousHash { get; }
    public long Round { get; }
    public int View { get; }
    public Hash32 TransactionsRoot { get; }
    public Cid ModelCid { get; }
    public Hash32 ModelCommitment { get; }
    public int GlobalCorrect { get; }
    public int GlobalSamples { get; }
    public NodeId Leader { get; }

    public Hash32 Hash => _hash ??= Hash32.Tagged(DomainTag.Header, Encode());

    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncodedSize);
        Write(w);
        return w.ToArray();
    }

    internal void Write(CanonicalWriter w) =>
        w.Hash(TaskId).Height(Height).Hash(PreviousHash).Height(Round).Count(View).Hash(TransactionsRoot)
         .Bytes(ModelCid.ToBytes()).Hash(ModelCommitment).Count(GlobalCorrect).Count(GlobalSamples).Node(Leader);

    public static BlockHeader Decode(ReadOnlySpan<byte> data)
    {
        var r = new CanonicalReader(data, "block header");
        var header = Read(ref r);
        r.End();
        return header;
    }

    internal static BlockHeader Read(ref CanonicalReader r)
    {
        var task = r.Hash("task_id");
        long height = r.Height("height");
        var previous = r.Hash("previous_hash");
        long round = r.Height("round");
        int view = r.Count("view");
        var root = r.Hash("transactions_root");
        int at = r.Position;
        Cid cid;
        try { cid = Cid.FromBytes(r.Bytes("model_cid", Cid.EncodedSize)); }
        catch (FormatException e) { throw r.Error("model_cid", at, e.Message); }
        var commitment = r.Hash("model_commitment");
        at = r.Position;
        int correct = r.Count("global_correct");
        int samples = r.Count("global_samples");
        if (correct > samples) throw r.Error("global_correct", at, $"{correct} correct of {samples} samples");
        var leader = r.Node("leader");
        return new BlockHeader(task, height, previous, round, view, root, cid, commitment, correct, samples, leader);
    }
}
