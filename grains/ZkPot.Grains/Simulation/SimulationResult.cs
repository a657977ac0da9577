namespace ZkPot.Grains.Simulation;

/// <summary>What a simulation produced: one report per round, the final global model's accuracy on the full test set, the exported chain and its genesis hash (the chain's trust anchor).</summary>
/// <param name="Attacks">The attack each member was dealt, by participant key (None for an honest one); empty for the relayed cluster, which has no Byzantine members.</param>
public sealed record SimulationResult(IReadOnlyList<RoundReport> Rounds, double FinalAccuracy, string? ChainDirectory,
                                      IReadOnlyDictionary<string, AttackKind> Attacks, double SetupSeconds, double TotalSeconds, string GenesisHash);
