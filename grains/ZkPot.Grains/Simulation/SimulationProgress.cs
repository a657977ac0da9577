namespace ZkPot.Grains.Simulation;

/// <summary>A progress notice: the phase (setup, round N) and what just finished.</summary>
public readonly record struct SimulationProgress(string Phase, string Message, int Done, int Total);
