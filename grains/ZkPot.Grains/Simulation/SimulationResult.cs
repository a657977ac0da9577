namespace ZkPot.Grains.Simulation;

/// <summary>What a simulation produced: one report per round, the final global model's accuracy on the full test set, and the exported chain.</summary>
public sealed record SimulationResult(IReadOnlyList<RoundReport> Rounds, double FinalAccuracy, string? ChainDirectory,
                                      IReadOnlyDictionary<string, AttackKind> Attacks, double SetupSeconds, double TotalSeconds);
