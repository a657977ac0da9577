namespace ZkPot.Ledger.Consensus;

/// <summary>What a validator last signed, and its lock: the state that must survive a crash so it never signs two conflicting messages for one height and view.</summary>
/// <remarks>A host persists this after every step and before sending that step's messages. Hashes are 32 bytes; a zero hash is a nil vote; null means nothing signed yet.</remarks>
public sealed class LastVote
{
    public long PrevoteHeight { get; set; } = -1;
    public int PrevoteView { get; set; } = -1;
    public byte[]? PrevoteBlockHash { get; set; }

    public long PrecommitHeight { get; set; } = -1;
    public int PrecommitView { get; set; } = -1;
    public byte[]? PrecommitBlockHash { get; set; }

    public long ProposalHeight { get; set; } = -1;
    public int ProposalView { get; set; } = -1;
    public byte[]? ProposalBlockHash { get; set; }

    /// <summary>Height, view and block of the latest precommit for a block (not nil): later prevotes must respect it.</summary>
    public long LockedHeight { get; set; } = -1;
    public int LockedView { get; set; } = -1;
    public byte[]? LockedBlockHash { get; set; }
}
