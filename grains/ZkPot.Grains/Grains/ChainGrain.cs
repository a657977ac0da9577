using ZkPot.Grains.State;
using ZkPot.Ledger.Chain;

namespace ZkPot.Grains.Grains;

/// <summary>Append-only chain, written to storage before an append returns, so a crash loses no committed block.</summary>
public sealed class ChainGrain([PersistentState("chain", "zkpot")] IPersistentState<ChainGrainState> state) : Grain, IChainGrain
{
    public async Task<string> Initialize(byte[] genesis)
    {
        if (state.State.Blocks.Count == 0)
        {
            var block = Block.Decode(genesis);
            if (block.Height != 0) throw new ArgumentException($"genesis must have height 0, this block has {block.Height}");
            state.State.Blocks.Add(genesis);
            await state.WriteStateAsync();
        }
        return Block.Decode(state.State.Blocks[0]).Hash.ToString();
    }

    public async Task<long> Append(byte[] block, List<NodeKeys> validators)
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
        string? problem = await GrainFactory.GetGrain<IVoteWorker>(0).CheckCertificate(block, validators);
        if (problem is not null) throw new ArgumentException($"block {decoded.Height}: {problem}");
        blocks.Add(block);
        await state.WriteStateAsync();
        return decoded.Height;
    }

    public Task<List<byte[]>> Blocks() => Task.FromResult(state.State.Blocks.ToList());

    public Task<long> Height() => Task.FromResult((long)state.State.Blocks.Count - 1);
}
