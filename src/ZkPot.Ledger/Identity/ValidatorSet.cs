namespace ZkPot.Ledger.Identity;

/// <summary>The fixed set of n validators of a task, with the fault bound f = floor((n-1)/3) and the quorum n - f (= 2f+1 when n = 3f+1).</summary>
/// <remarks>
/// Any two quorums of size q overlap in at least 2q - n validators; q = n - f with n >= 3f+1 makes that at least f+1,
/// so every two quorums share an honest validator. q = n - f is also the most a quorum may need while f stay silent.
/// </remarks>
public sealed class ValidatorSet
{
    readonly Dictionary<NodeId, ValidatorInfo> _byId;

    public ValidatorSet(IEnumerable<ValidatorInfo> validators)
    {
        var list = validators.ToList();
        if (list.Count == 0) throw new ArgumentException("a validator set needs at least one validator", nameof(validators));
        _byId = new Dictionary<NodeId, ValidatorInfo>(list.Count);
        for (int i = 0; i < list.Count; i++)
            if (!_byId.TryAdd(list[i].Id, list[i]))
                throw new ArgumentException($"validator {i} ({list[i].Id}) appears twice", nameof(validators));
        Members = list.OrderBy(v => v.Id).ToList();
        MaxFaulty = (list.Count - 1) / 3;
        Quorum = list.Count - MaxFaulty;
    }

    /// <summary>Validators in ascending id order.</summary>
    public IReadOnlyList<ValidatorInfo> Members { get; }

    public int Count => Members.Count;

    /// <summary>f: the most Byzantine validators this set tolerates.</summary>
    public int MaxFaulty { get; }

    /// <summary>Votes that commit a block: n - f.</summary>
    public int Quorum { get; }

    public bool Contains(NodeId id) => _byId.ContainsKey(id);

    public bool TryGet(NodeId id, out ValidatorInfo info) => _byId.TryGetValue(id, out info!);

    public ValidatorInfo this[NodeId id] =>
        _byId.TryGetValue(id, out var v) ? v : throw new KeyNotFoundException($"node {id} is not a validator of this set");
}
