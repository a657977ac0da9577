using ZkPot.Ledger.Crypto;

namespace ZkPot.Ledger.Consensus;

/// <summary>Task and timing parameters of the consensus state machine; times are in the caller's unit (milliseconds in the simulation).</summary>
public sealed record ConsensusConfig
{
    public required Hash32 TaskId { get; init; }

    /// <summary>Size of the public test batch every claim and aggregate is measured on.</summary>
    public required int TestSamples { get; init; }

    /// <summary>How long after entering a height claims are collected before view 0 starts.</summary>
    public long ClaimWindow { get; init; } = 1000;

    /// <summary>Length of view 0; view v lasts ViewTimeout + v * ViewTimeoutGrowth, capped at MaxViewTimeout.</summary>
    public long ViewTimeout { get; init; } = 1500;

    public long ViewTimeoutGrowth { get; init; } = 500;

    public long MaxViewTimeout { get; init; } = 8000;

    /// <summary>Messages for up to this many heights ahead are kept until the node gets there; further ones are dropped.</summary>
    public int FutureHeights { get; init; } = 2;

    /// <summary>Cap on buffered messages per future height, so a flood cannot exhaust memory.</summary>
    public int MaxBufferedPerHeight { get; init; } = 4096;

    /// <summary>
    /// Votes and proposals are kept for views up to this many ahead of the node's own; beyond, a vote only records how
    /// far its voter has got (for catching up, see <see cref="ConsensusNode"/>) and a proposal is dropped, so a flood at
    /// far views costs no memory.
    /// </summary>
    public int ViewWindow { get; init; } = 8;

    public long TimeoutOf(int view) => Math.Min(MaxViewTimeout, ViewTimeout + view * ViewTimeoutGrowth);
}
