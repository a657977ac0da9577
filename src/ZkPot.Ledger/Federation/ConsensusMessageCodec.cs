using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Ledger.Federation;

/// <summary>
/// Consensus messages as bytes, the one wire form every transport uses: a kind byte and the message's canonical
/// encoding (claim, proposal, vote, block with certificate; a sync request is requester[20] | from_height u64).
/// </summary>
public static class ConsensusMessageCodec
{
    public const byte ClaimKind = 1, ProposalKind = 2, VoteKind = 3, DecisionKind = 4, SyncKind = 5;

    public static (byte Kind, byte[] Bytes) Encode(ConsensusMessage message) => message switch
    {
        ClaimMessage c => (ClaimKind, c.Claim.Encode()),
        ProposalMessage p => (ProposalKind, p.Proposal.Encode()),
        VoteMessage v => (VoteKind, v.Vote.Encode()),
        DecisionMessage d => (DecisionKind, d.Block.Encode()),
        SyncRequestMessage s => (SyncKind, new CanonicalWriter(28).Node(s.Requester).Height(s.FromHeight).ToArray()),
        _ => throw new ArgumentException($"unknown message type {message.GetType().Name}", nameof(message)),
    };

    /// <summary>Decodes one message; InvalidDataException names what is wrong (an unknown kind included).</summary>
    public static ConsensusMessage Decode(byte kind, ReadOnlySpan<byte> bytes)
    {
        try
        {
            switch (kind)
            {
                case ClaimKind: return new ClaimMessage(AccuracyClaim.Decode(bytes));
                case ProposalKind: return new ProposalMessage(Proposal.Decode(bytes));
                case VoteKind: return new VoteMessage(Vote.Decode(bytes));
                case DecisionKind: return new DecisionMessage(Block.Decode(bytes));
                case SyncKind:
                    var r = new CanonicalReader(bytes, "sync request");
                    var requester = r.Node("requester");
                    long from = r.Height("from_height");
                    r.End();
                    return new SyncRequestMessage(requester, from);
                default: throw new InvalidDataException($"message kind {kind} is unknown");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidDataException($"message of kind {kind}: {e.Message}", e);
        }
    }
}
