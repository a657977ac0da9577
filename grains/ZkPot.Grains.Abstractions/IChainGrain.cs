namespace ZkPot.Grains;

/// <summary>A replica of one task's append-only chain (key: task id hex), persisted; blocks in canonical encoding.</summary>
public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates genesis if the chain is empty, with the genesis record it commits to (refused when it does not); returns
    /// the genesis hash (the existing one when already initialized: the caller compares it with the genesis it trusts).
    /// </summary>
    Task<string> Initialize(byte[] genesis, byte[] genesisRecord);

    /// <summary>Appends a block that extends the tip with a quorum certificate of the genesis record's validators; appending a held block again is a no-op.</summary>
    Task<long> Append(byte[] block);

    [AlwaysInterleave]
    Task<List<byte[]>> Blocks();

    /// <summary>genesis.json's bytes, as the genesis block commits to them.</summary>
    [AlwaysInterleave]
    Task<byte[]> GenesisRecordBytes();

    [AlwaysInterleave]
    Task<long> Height();
}
