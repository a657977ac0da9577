namespace ZkPot.Grains.State;

/// <summary>A validator's persisted state: setup and its last signed votes and lock (the ledger's LastVote), so it never signs two conflicting messages.</summary>
[GenerateSerializer, Alias("zkpot.validator-state")]
public sealed class ValidatorState
{
    [Id(0)] public ValidatorSetup? Setup { get; set; }
    [Id(1)] public long PrevoteHeight { get; set; } = -1;
    [Id(2)] public int PrevoteView { get; set; } = -1;
    [Id(3)] public byte[]? PrevoteBlockHash { get; set; }
    [Id(4)] public long PrecommitHeight { get; set; } = -1;
    [Id(5)] public int PrecommitView { get; set; } = -1;
    [Id(6)] public byte[]? PrecommitBlockHash { get; set; }
    [Id(7)] public long ProposalHeight { get; set; } = -1;
    [Id(8)] public int ProposalView { get; set; } = -1;
    [Id(9)] public byte[]? ProposalBlockHash { get; set; }
    [Id(10)] public long LockedHeight { get; set; } = -1;
    [Id(11)] public int LockedView { get; set; } = -1;
    [Id(12)] public byte[]? LockedBlockHash { get; set; }

    public ZkPot.Ledger.Consensus.LastVote ToLastVote() => new()
    {
        PrevoteHeight = PrevoteHeight, PrevoteView = PrevoteView, PrevoteBlockHash = PrevoteBlockHash,
        PrecommitHeight = PrecommitHeight, PrecommitView = PrecommitView, PrecommitBlockHash = PrecommitBlockHash,
        ProposalHeight = ProposalHeight, ProposalView = ProposalView, ProposalBlockHash = ProposalBlockHash,
        LockedHeight = LockedHeight, LockedView = LockedView, LockedBlockHash = LockedBlockHash,
    };

    /// <summary>Copies the signing state; true when anything changed (and so must be written before messages leave).</summary>
    public bool CopyFrom(ZkPot.Ledger.Consensus.LastVote v)
    {
        bool changed = PrevoteHeight != v.PrevoteHeight || PrevoteView != v.PrevoteView || PrecommitHeight != v.PrecommitHeight
            || PrecommitView != v.PrecommitView || ProposalHeight != v.ProposalHeight || ProposalView != v.ProposalView
            || LockedHeight != v.LockedHeight || LockedView != v.LockedView;
        PrevoteHeight = v.PrevoteHeight; PrevoteView = v.PrevoteView; PrevoteBlockHash = v.PrevoteBlockHash;
        PrecommitHeight = v.PrecommitHeight; PrecommitView = v.PrecommitView; PrecommitBlockHash = v.PrecommitBlockHash;
        ProposalHeight = v.ProposalHeight; ProposalView = v.ProposalView; ProposalBlockHash = v.ProposalBlockHash;
        LockedHeight = v.LockedHeight; LockedView = v.LockedView; LockedBlockHash = v.LockedBlockHash;
        return changed;
    }
}
