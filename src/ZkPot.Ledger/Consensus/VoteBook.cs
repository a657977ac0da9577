using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>One height's votes: for each (kind, view), every voter's votes by block hash.</summary>
/// <remarks>
/// A voter that signed two hashes in one slot is an equivocator (evidence), but both of its votes are kept and each
/// counts for its own hash: otherwise a quorum that really formed with equivocating votes could never be shown to a
/// node that saw the other vote first, and nodes locked on it could never bring the rest along. To bound memory a
/// voter gets at most two hashes per slot, plus any number for blocks this node has been proposed.
/// </remarks>
sealed class VoteBook
{
    const int MaxUnknownHashesPerVoter = 2;

    readonly Dictionary<(VoteKind Kind, int View), Dictionary<NodeId, List<Vote>>> _slots = [];

    public void Clear() => _slots.Clear();

    /// <summary>Records the vote; returns evidence when it is the voter's second hash in this slot.</summary>
    public EquivocationEvidence? Add(Vote vote, Func<Hash32, bool> isKnownBlock)
    {
        if (!_slots.TryGetValue((vote.Kind, vote.View), out var byVoter)) _slots[(vote.Kind, vote.View)] = byVoter = [];
        if (!byVoter.TryGetValue(vote.Voter, out var votes)) byVoter[vote.Voter] = votes = [];
        foreach (var v in votes)
            if (v.BlockHash == vote.BlockHash) return null;
        if (votes.Count >= MaxUnknownHashesPerVoter && !isKnownBlock(vote.BlockHash)) return null;
        votes.Add(vote);
        return votes.Count == 2 ? EquivocationEvidence.Of(votes[0], vote) : null;
    }

    public IEnumerable<Vote> For(VoteKind kind, int view, Hash32 hash) =>
        _slots.TryGetValue((kind, view), out var byVoter)
            ? byVoter.Values.SelectMany(vs => vs).Where(v => v.BlockHash == hash).ToList()
            : [];

    public int Count(VoteKind kind, int view, Hash32 hash) =>
        _slots.TryGetValue((kind, view), out var byVoter) ? byVoter.Values.Count(vs => vs.Exists(v => v.BlockHash == hash)) : 0;

    /// <summary>Distinct voters per hash in one slot, in first-seen order.</summary>
    public IReadOnlyList<(Hash32 Hash, int Count)> Tally(VoteKind kind, int view)
    {
        if (!_slots.TryGetValue((kind, view), out var byVoter)) return [];
        return byVoter.Values.SelectMany(vs => vs).GroupBy(v => v.BlockHash).Select(g => (g.Key, g.Count())).ToList();
    }

    /// <summary>Views with at least one precommit, for the commit rule.</summary>
    public IReadOnlyList<int> PrecommitViews => _slots.Keys.Where(k => k.Kind == VoteKind.Precommit).Select(k => k.View).ToList();

    /// <summary>The highest view above <paramref name="current"/> in which at least <paramref name="voters"/> distinct validators voted, or -1.</summary>
    public int HighestViewWithVoters(int current, int voters)
    {
        int best = -1;
        foreach (int view in _slots.Keys.Select(k => k.View).Distinct())
        {
            if (view <= current || view <= best) continue;
            var distinct = new HashSet<NodeId>();
            if (_slots.TryGetValue((VoteKind.Prevote, view), out var pre)) distinct.UnionWith(pre.Keys);
            if (_slots.TryGetValue((VoteKind.Precommit, view), out var com)) distinct.UnionWith(com.Keys);
            if (distinct.Count >= voters) best = view;
        }
        return best;
    }
}
