using ZkPot.Ledger.Crypto;

namespace ZkPot.Ledger.Chain;

/// <summary>A chain directory as read: the genesis record (and its exact bytes), the raw block files, and the directory's files for the proof scheme.</summary>
/// <remarks>Nothing here is trusted until <see cref="AnchorProblem"/> has tied the record to a genesis hash the reader got elsewhere.</remarks>
public sealed record LoadedChain(GenesisRecord Genesis, byte[] GenesisBytes, IReadOnlyList<byte[]> Blocks, ChainFiles Files)
{
    /// <summary>
    /// Null when block 0 has the trusted hash and commits to this genesis record (its previous-hash field is the record's
    /// SHA-256, and the task ids agree); otherwise why not. Only then do the record's validators and proof scheme count.
    /// </summary>
    public string? AnchorProblem(Hash32 trustedGenesis)
    {
        Block genesis;
        try { genesis = Block.Decode(Blocks[0]); }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException) { return "the genesis block is malformed: " + e.Message; }
        if (genesis.Hash != trustedGenesis) return $"the genesis block's hash is {genesis.Hash}, not the trusted {trustedGenesis}";
        var recordHash = Hash32.Sha256(GenesisBytes);
        if (genesis.Header.PreviousHash != recordHash)
            return $"{GenesisRecord.FileName} (SHA-256 {recordHash}) is not the record the genesis block commits to ({genesis.Header.PreviousHash})";
        if (Genesis.TaskId != genesis.Header.TaskId) return $"{GenesisRecord.FileName} names task {Genesis.TaskId}, the genesis block {genesis.Header.TaskId}";
        return null;
    }
}
