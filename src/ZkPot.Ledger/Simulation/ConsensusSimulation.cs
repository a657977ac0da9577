namespace ZkPot.Ledger.Simulation;

/// <summary>Deterministic simulation of the ZKPoT consensus: n nodes, f Byzantine, a seeded lossy network with a healing partition; same seed, same result.</summary>
/// <remarks>Proofs are the stand-in of <see cref="StandInProofVerifier"/>, not Groth16; the real verifier is wired in by the Orleans service.</remarks>
public static class ConsensusSimulation
{
    public static SimulationRunResult RunSeed(SimulationOptions options, int seed) => new SimulationEngine(options, seed).Run();

    /// <summary>Runs seeds firstSeed .. firstSeed+count-1 (in parallel; each run is independent and deterministic).</summary>
    public static SimulationSummary Run(SimulationOptions options, int count, int firstSeed = 0)
    {
        Validate(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var runs = new SimulationRunResult[count];
        Parallel.For(0, count, i => runs[i] = RunSeed(options, firstSeed + i));
        return new SimulationSummary(options, runs);
    }

    public static void Validate(SimulationOptions o)
    {
        if (o.Nodes < 1) throw new ArgumentException($"nodes must be at least 1, got {o.Nodes}");
        if (o.Byzantine < 0 || o.Byzantine >= o.Nodes) throw new ArgumentException($"byzantine must be in [0, {o.Nodes - 1}], got {o.Byzantine}");
        if (o.Rounds < 1) throw new ArgumentException($"rounds must be at least 1, got {o.Rounds}");
        if (o.TestSamples < 10) throw new ArgumentException($"test samples must be at least 10, got {o.TestSamples}");
        if (o.DropRate is < 0 or >= 1) throw new ArgumentException($"drop rate must be in [0, 1), got {o.DropRate}");
        if (o.MinDelayMs < 1 || o.MaxDelayMs <= o.MinDelayMs || o.HealedMaxDelayMs <= o.MinDelayMs)
            throw new ArgumentException("delays must satisfy 1 <= min < max and min < healed max");
        if (o.HealMinMs < 0 || o.HealMaxMs <= o.HealMinMs) throw new ArgumentException("heal window must satisfy 0 <= min < max");
        if (o.ProveMinMs < 0 || o.ProveMaxMs <= o.ProveMinMs) throw new ArgumentException("prove time must satisfy 0 <= min < max");
        if (o.Roles is { Count: 0 }) throw new ArgumentException("roles, when given, must name at least one role");
    }
}
