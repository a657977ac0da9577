using ZkPot.Grains.Simulation;

namespace ZkPot.Cluster.Tests;

/// <summary>
/// Simulation settings small enough for cluster tests: a 4-unit hidden layer, an 8-sample proof batch, and a
/// development key, asked for by name (these tests are about consensus and failures; CeremonyTests run the setup).
/// </summary>
public static class SmallSimulation
{
    public static SimulationSettings Settings(int participants, int byzantine, string attack, int rounds, int silos) => new()
    {
        Participants = participants, Byzantine = byzantine, Attack = attack, Rounds = rounds, Silos = silos,
        Hidden = 4, TestSamples = 8, Seed = 7, TrainSamplesPerParticipant = 600, DevSetup = true,
    };

    /// <summary>A fresh directory under the temp folder for an exported chain.</summary>
    public static string ChainDirectory() => Path.Combine(Path.GetTempPath(), "zkpot-cluster-" + Guid.NewGuid().ToString("N"));
}
