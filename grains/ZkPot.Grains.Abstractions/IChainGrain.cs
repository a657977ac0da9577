namespace ZkPot.Grains;

/// <summary>The append-only chain of one task (key: task id hex), persisted; blocks in canonical encoding.</summary>
public interface IChainGrain : IGrainWithStringKey
{
    /// <summary>Creates genesis if the chain is empty; returns the genesis hash (the existing one when already initialized).</summary>
    Task<string> Initialize(byte[] genesis);

    /// <summary>Appends a committed block that extends the tip with a valid certificate; appending the tip again is a no-op.</summary>
    Task<long> Append(byte[] block, List<NodeKeys> validators);

    [AlwaysInterleave]
    Task<List<byte[]>> Blocks();

    [AlwaysInterleave]
    Task<long> Height();
}
