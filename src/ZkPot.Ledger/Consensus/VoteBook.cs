using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>One height's votes: for each (kind, view), every voter's votes by block hash, with running counts.</summary>
/// <remarks>
/// A voter that signed two hashes in one slot is an equivocator (evidence), but both of its votes are kept and each
/// counts for its own hash: otherwise a quorum that really formed with equivocating votes could never be shown to a
/// node that saw the other vote first, and nodes locked on it could never bring the rest along. To bound memory a
/// voter gets at most two hashes per slot, plus any number for blocks this node has been proposed; the node keeps votes
/// only for views within its window (<see cref="ConsensusConfig.ViewWindow"/>), and of later ones only each voter's
/// highest view. Counts are kept as votes arrive, so the rules cost the same whatever the number of views.
/// </remarks>
sealed class VoteBook(int quorum)
{
    const int MaxUnknownHashesPerVoter = 2;

    readonly Dictionary<(VoteKind Kind, int View), Dictionary<NodeId, List<Vote>>> _slots = [];
    readonly Dictionary<(VoteKind Kind, int View, Hash32 Hash), int> _counts = [];
    readonly Dictionary<NodeId, int> _latestView = [];
    int _stored;
    readonly List<(VoteKind Kind, int View, Hash32 Hash)> _quorums = [];

    public void Clear()
    {
        _slots.Clear();
        _counts.Clear();
        _latestView.Clear();
        _stored = 0;
        _quorums.Clear();
    }

    /// <summary>Records the vote; returns evidence when it is the voter's second hash in this slot.</summary>
    public EquivocationEvidence? Add(Vote vote, Func<Hash32, bool> isKnownBlock)
    {
        if (!_slots.TryGetValue((vote.Kind, vote.View), out var byVoter)) _slots[(vote.Kind, vote.View)] = byVoter = [];
        if (!byVoter.TryGetValue(vote.Voter, out var votes)) byVoter[vote.Voter] = votes = [];
        foreach (var v in votes)
            if (v.BlockHash == vote.BlockHash) return null;
        if (votes.Count >= MaxUnknownHashesPerVoter && !isKnownBlock(vote.BlockHash)) return null;
        votes.Add(vote);
        _stored++;
        var key = (vote.Kind, vote.View, vote.BlockHash);
        int count = _counts.GetValueOrDefault(key) + 1;
        _counts[key] = count;
        if (count == quorum) _quorums.Add(key);
        NoteView(vote);
        return votes.Count == 2 ? EquivocationEvidence.Of(votes[0], vote) : null;
    }

    public IEnumerable<Vote> For(VoteKind kind, int view, Hash32 hash) =>
        _slots.TryGetValue((kind, view), out var byVoter)
            ? byVoter.Values.SelectMany(vs => vs).Where(v => v.BlockHash == hash).ToList()
            : [];

    /// <summary>Votes held (for tests of the memory bound).</summary>
    public int Stored => _stored;

    /// <summary>Distinct voters for this hash in this slot.</summary>
    public int Count(VoteKind kind, int view, Hash32 hash) => _counts.GetValueOrDefault((kind, view, hash));

    /// <summary>Every (kind, view, hash) that reached the quorum, in the order it did.</summary>
    public IReadOnlyList<(VoteKind Kind, int View, Hash32 Hash)> Quorums => _quorums;

    /// <summary>How many distinct validators have voted in <paramref name="view"/> or a later one.</summary>
    public int VotersAtOrAbove(int view) => _latestView.Values.Count(v => v >= view);

    /// <summary>The votes <paramref name="voter"/> cast in <paramref name="view"/> (both kinds).</summary>
    public IEnumerable<Vote> By(NodeId voter, int view)
    {
        foreach (var kind in new[] { VoteKind.Prevote, VoteKind.Precommit })
            if (_slots.TryGetValue((kind, view), out var byVoter) && byVoter.TryGetValue(voter, out var votes))
                foreach (var v in votes) yield return v;
    }

    /// <summary>Records only how far the (signature-checked) voter has got: all that is kept of a vote beyond the view window.</summary>
    public void NoteView(Vote vote)
    {
        if (vote.View > _latestView.GetValueOrDefault(vote.Voter, -1)) _latestView[vote.Voter] = vote.View;
    }

    /// <summary>
    /// The highest view above <paramref name="current"/> that at least <paramref name="voters"/> distinct validators have
    /// voted in or beyond, or -1. One number per validator, so it costs the same whatever views a flood names.
    /// </summary>
    public int HighestViewWithVoters(int current, int voters)
    {
        if (_latestView.Count < voters) return -1;
        int view = _latestView.Values.OrderDescending().ElementAt(voters - 1);
        return view > current ? view : -1;
    }
}
