using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>The only way the state machine signs votes and proposals: refuses to sign for a slot (height, view) older than the last one signed, or a different hash for the same slot.</summary>
public sealed class VoteGuard(NodeIdentity identity, Hash32 taskId, LastVote state)
{
    public LastVote State => state;

    /// <summary>The vote, or null when signing it could conflict with an earlier signature.</summary>
    public Vote? TrySignVote(VoteKind kind, long height, int view, Hash32 blockHash)
    {
        bool prevote = kind == VoteKind.Prevote;
        long lastHeight = prevote ? state.PrevoteHeight : state.PrecommitHeight;
        int lastView = prevote ? state.PrevoteView : state.PrecommitView;
        byte[]? lastHash = prevote ? state.PrevoteBlockHash : state.PrecommitBlockHash;
        if (!MaySign(height, view, blockHash, lastHeight, lastView, lastHash)) return null;
        if (prevote)
        {
            state.PrevoteHeight = height;
            state.PrevoteView = view;
            state.PrevoteBlockHash = blockHash.ToArray();
        }
        else
        {
            state.PrecommitHeight = height;
            state.PrecommitView = view;
            state.PrecommitBlockHash = blockHash.ToArray();
            if (!blockHash.IsZero)
            {
                state.LockedHeight = height;
                state.LockedView = view;
                state.LockedBlockHash = blockHash.ToArray();
            }
        }
        return Vote.Create(taskId, kind, height, view, blockHash, identity);
    }

    /// <summary>The proposal, or null when a different proposal was already signed for this height and view (or a later one).</summary>
    public Proposal? TrySignProposal(int view, int validView, Block block)
    {
        if (!MaySign(block.Height, view, block.Hash, state.ProposalHeight, state.ProposalView, state.ProposalBlockHash)) return null;
        state.ProposalHeight = block.Height;
        state.ProposalView = view;
        state.ProposalBlockHash = block.Hash.ToArray();
        return Proposal.Create(taskId, view, validView, block, identity);
    }

    /// <summary>The lock for <paramref name="height"/>, if any: (view, block hash).</summary>
    public (int View, Hash32 BlockHash)? LockAt(long height) =>
        state.LockedHeight == height && state.LockedBlockHash is { } h ? (state.LockedView, new Hash32(h)) : null;

    static bool MaySign(long height, int view, Hash32 hash, long lastHeight, int lastView, byte[]? lastHash)
    {
        if (height != lastHeight) return height > lastHeight;
        if (view != lastView) return view > lastView;
        // Same slot: only the identical message again (Ed25519 is deterministic, so it is the same signature).
        return lastHash is not null && new Hash32(lastHash) == hash;
    }
}
