namespace ZkPot.Grains.Simulation;

/// <summary>
/// A progress notice: the phase (setup, round N), what just finished, and how far the phase is. A notice that closes a
/// round also says whose claims were accepted (<see cref="Proved"/>) and whose were rejected and why (<see cref="Rejected"/>).
/// </summary>
public readonly record struct SimulationProgress(string Phase, string Message, int Done, int Total)
{
    /// <summary>Participants whose proved claims were accepted, each with where its proof was made when known.</summary>
    public IReadOnlyList<string> Proved { get; init; } = [];

    /// <summary>Participants whose claims were rejected, with the reason.</summary>
    public IReadOnlyList<RejectedClaim> Rejected { get; init; } = [];

    /// <summary>The notice that closes a round: its verdicts from the round's report.</summary>
    public static SimulationProgress RoundClosed(string phase, RoundReport report, int done, int total) =>
        new(phase, report.Committed ? $"committed {report.BlockHash[..12]}" : "not committed", done, total)
        {
            Proved = [.. report.Accepted.Select(a => a.ProvedOn.Length == 0 ? a.Participant : $"{a.Participant} on {a.ProvedOn}")],
            Rejected = [.. report.Rejected.Select(r => new RejectedClaim(r.Participant, r.Reason))],
        };
}

/// <summary>A participant whose claim a round rejected, and the reason (a rejection kind such as InvalidProof).</summary>
public readonly record struct RejectedClaim(string Participant, string Reason);
