using System.Security.Cryptography;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;

namespace ZkPot.Grains.Adversary;

/// <summary>Sends no vote at all: its member's prevotes and precommits never leave it.</summary>
sealed class WithholdVotes : Adversary
{
    public override AttackKind Kind => AttackKind.WithholdVotes;

    protected internal override Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame) =>
        Task.FromResult<IReadOnlyList<byte[]>>(Frames.Consensus(frame) is { Message: VoteMessage } ? Withheld() : [frame]);

    IReadOnlyList<byte[]> Withheld()
    {
        Act();
        return [];
    }
}

/// <summary>
/// As leader, proposes two different blocks for one view: the honest one to the first half of the other members (by
/// owner name), a twin without one claim to the rest, both signed with its key. The claim left out is one outside the included set
/// when there is one (the twin is then just as valid), else any other than its own (the twin is then refused, but the
/// two signed proposals are still an equivocation for the others to catch).
/// </summary>
sealed class EquivocatingLeader : Adversary
{
    readonly Dictionary<(long, int), byte[]?> _twins = [];

    public override AttackKind Kind => AttackKind.Equivocation;

    protected override bool WantsToLead => true;

    protected internal override async Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame)
    {
        if (Frames.Consensus(frame) is not ({ } envelope, ProposalMessage { Proposal: var proposal })
            || proposal.Proposer != Identity.Id || proposal.Statement.ValidView >= 0 || InFirstHalf(to))
            return [frame];
        byte[]? twin;
        lock (_twins) _twins.TryGetValue((proposal.Height, proposal.View), out twin);
        if (twin is null)
        {
            twin = await Twin(envelope.TaskId, proposal);
            lock (_twins) _twins[(proposal.Height, proposal.View)] = twin;
        }
        if (twin is null) return [frame];
        Act();
        return [twin];
    }

    bool InFirstHalf(string owner)
    {
        var others = Setup.Validator.Validators.Where(v => v.Key != Participant).Select(v => v.Owner).Order(StringComparer.Ordinal).ToList();
        return others.IndexOf(owner) < others.Count / 2;
    }

    async Task<byte[]?> Twin(Hash32 taskId, Proposal first)
    {
        var block = first.Block;
        var blocks = await Grains.GetGrain<IChainGrain>(taskId.ToString()).Blocks();
        if (blocks.Count != block.Height) return null;
        var tip = Block.Decode(blocks[^1]).Header;
        var included = AggregationRule.Included(block.Claims, tip);
        var droppable = block.Claims.FirstOrDefault(c => c.Participant != block.Header.Leader && !included.Contains(c))
                        ?? block.Claims.FirstOrDefault(c => c.Participant != block.Header.Leader);
        if (droppable is null) return null;
        var h = block.Header;
        var second = Block.Assemble(h.TaskId, h.Height, h.PreviousHash, h.View, h.ModelCid, h.ModelCommitment, h.GlobalCorrect, h.GlobalSamples,
                                    h.Leader, block.Claims.Where(c => c != droppable), block.Evidence);
        return Frames.Of(taskId, Identity, NextSequence(), new ProposalMessage(Proposal.Create(taskId, first.View, -1, second, Identity)));
    }
}

/// <summary>
/// Floods: with its first vote of each height, signed prevotes and precommits for made-up blocks at 40 far views, to
/// every member it sends to.
/// </summary>
sealed class VoteFlooder : Adversary
{
    readonly HashSet<(long, string)> _flooded = [];

    public override AttackKind Kind => AttackKind.VoteFlood;

    protected internal override Task<IReadOnlyList<byte[]>> Outgoing(string to, byte[] frame)
    {
        if (Frames.Consensus(frame) is not ({ } envelope, VoteMessage { Vote: var vote }) || vote.Voter != Identity.Id) return Task.FromResult<IReadOnlyList<byte[]>>([frame]);
        lock (_flooded)
            if (!_flooded.Add((vote.Height, to))) return Task.FromResult<IReadOnlyList<byte[]>>([frame]);
        Act();
        var flood = new List<byte[]> { frame };
        for (int v = vote.View + 20; v < vote.View + 60; v++)
        {
            var kind = v % 2 == 0 ? VoteKind.Prevote : VoteKind.Precommit;
            var made = Vote.Create(envelope.TaskId, kind, vote.Height, v, new Hash32(RandomNumberGenerator.GetBytes(32)), Identity);
            flood.Add(Frames.Of(envelope.TaskId, Identity, NextSequence(), new VoteMessage(made)));
        }
        return Task.FromResult<IReadOnlyList<byte[]>>(flood);
    }
}
