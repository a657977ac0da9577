namespace ZkPot.Ledger.Simulation;

/// <summary>Totals over the seeded runs of one simulation.</summary>
public sealed class SimulationSummary(SimulationOptions options, IReadOnlyList<SimulationRunResult> runs)
{
    public SimulationOptions Options => options;
    public IReadOnlyList<SimulationRunResult> Runs => runs;

    public int RoundsExpected => options.Rounds * runs.Count;
    public int RoundsCommitted => runs.Sum(r => r.RoundsCommitted);
    public int SafetyViolations => runs.Sum(r => r.SafetyViolations);
    public int ViewChanges => runs.Sum(r => r.ViewChanges);
    public int ByzantineClaimsSubmitted => runs.Sum(r => r.ByzantineClaimsSubmitted);
    public int ByzantineClaimsAccepted => runs.Sum(r => r.ByzantineClaimsAccepted);
    public int EvidenceRecorded => runs.Sum(r => r.EvidenceRecorded);
    public int RunsWithSafetyViolations => runs.Count(r => r.SafetyViolations > 0);
    public int RunsFullyCommitted => runs.Count(r => r.RoundsCommitted == options.Rounds);
}
