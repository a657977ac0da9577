using ZkPot.Grains.State;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Grains.Grains;

/// <summary>
/// A replica of one task's chain, anchored at its genesis: genesis comes with the record it commits to, and every later
/// block must extend the tip with a quorum certificate of the record's validators, whoever hands it over. Written to
/// storage before an append returns, so a crash loses no committed block.
/// </summary>
public sealed class ChainGrain([PersistentState("chain", "zkpot")] IPersistentState<ChainGrainState> state) : Grain, IChainGrain
{
    GenesisRecord? _record;

    GenesisRecord Record => _record ??= GenesisRecord.Decode(state.State.GenesisRecord, $"chain {this.GetPrimaryKeyString()}: genesis record");

    public async Task<string> Initialize(byte[] genesis, byte[] genesisRecord)
    {
        if (state.State.Blocks.Count == 0)
        {
            var block = Block.Decode(genesis);
            if (block.Height != 0) throw new ArgumentException($"genesis must have height 0, this block has {block.Height}");
            if (block.Header.PreviousHash != Hash32.Sha256(genesisRecord))
                throw new ArgumentException("the genesis block does not commit to this genesis record");
            var record = GenesisRecord.Decode(genesisRecord, "genesis record");
            if (record.TaskId != block.Header.TaskId || record.TaskId.ToString() != this.GetPrimaryKeyString())
                throw new ArgumentException($"the genesis record is for task {record.TaskId}, this chain is {this.GetPrimaryKeyString()}");
            state.State.Blocks.Add(genesis);
            state.State.GenesisRecord = genesisRecord;
            await state.WriteStateAsync();
        }
        return Block.Decode(state.State.Blocks[0]).Hash.ToString();
    }

    public async Task<long> Append(byte[] block)
    {
        if (state.State.Blocks.Count == 0) throw new InvalidOperationException($"chain {this.GetPrimaryKeyString()} has no genesis yet");
        var decoded = Block.Decode(block);
        var blocks = state.State.Blocks;
        if (decoded.Height < blocks.Count)
        {
            var existing = Block.Decode(blocks[(int)decoded.Height]);
            if (existing.Hash == decoded.Hash) return blocks.Count - 1;
            throw new InvalidOperationException($"block {decoded.Height} ({decoded.Hash}) conflicts with committed block {existing.Hash}");
        }
        if (decoded.Height != blocks.Count) throw new ArgumentException($"block {decoded.Height} does not follow the tip {blocks.Count - 1}");
        var tip = Block.Decode(blocks[^1]);
        if (decoded.Header.PreviousHash != tip.Hash) throw new ArgumentException($"block {decoded.Height} links to {decoded.Header.PreviousHash}, the tip is {tip.Hash}");
        if (decoded.CommitProblem(Record.Validators, Ed25519Verifier.Instance) is { } problem) throw new ArgumentException($"block {decoded.Height}: {problem}");
        blocks.Add(block);
        await state.WriteStateAsync();
        return decoded.Height;
    }

    public Task<List<byte[]>> Blocks() => Task.FromResult(state.State.Blocks.ToList());

    public Task<byte[]> GenesisRecordBytes() => Task.FromResult(state.State.GenesisRecord);

    public Task<long> Height() => Task.FromResult((long)state.State.Blocks.Count - 1);
}
