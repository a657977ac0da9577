using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Chain;

/// <summary>The signed part of a proposal: "at this height and view I propose the block with this hash" (ValidView = -1: a fresh block; otherwise the view whose 2f+1 prevotes justify re-proposing it).</summary>
/// <remarks>Encoding (100 bytes): task_id[32] | height u64 | view u32 | valid_view i32 | proposer[20] | block_hash[32]; signed with tag "zkpot/proposal/v1".</remarks>
public sealed record ProposalStatement(Hash32 TaskId, long Height, int View, int ValidView, NodeId Proposer, Hash32 BlockHash)
{
    public const int EncodedSize = 32 + 8 + 4 + 4 + 20 + 32;

    public byte[] Encode()
    {
        if (View < 0 || ValidView < -1 || ValidView >= View && ValidView != -1)
            throw new InvalidOperationException($"proposal at view {View} cannot carry valid view {ValidView}");
        return new CanonicalWriter(EncodedSize).Hash(TaskId).Height(Height).Count(View).I32(ValidView).Node(Proposer).Hash(BlockHash).ToArray();
    }

    public static ProposalStatement Decode(ReadOnlySpan<byte> data)
    {
        var r = new CanonicalReader(data, "proposal statement");
        var task = r.Hash("task_id");
        long height = r.Height("height");
        int view = r.Count("view");
        int at = r.Position;
        int validView = r.I32("valid_view");
        if (validView < -1 || validView >= view && validView != -1) throw r.Error("valid_view", at, $"{validView} is not -1 or an earlier view than {view}");
        var proposer = r.Node("proposer");
        var hash = r.Hash("block_hash");
        r.End();
        return new ProposalStatement(task, height, view, validView, proposer, hash);
    }
}
